// Training evaluation (Kirkpatrick level 1) end to end in a real browser. The administrator of
// Kota Bengkulu arranges, through the API, a published programme and a classroom session that
// ended yesterday, enrols one of the agency's employees who has an account, marks them present on
// every day and completes the session. The employee then signs in on a phone-sized screen, finds
// the feedback awaiting them on "Pembelajaran Saya", rates the organisation, the trainers and the
// materials with a comment, and is thanked; the invitation is gone afterwards. The administrator
// opens the session and its evaluation: 1 respondent of 1 participant, the mean of each aspect and
// the comment without a name. Then level 3: for a session that ended some weeks ago, with the
// follow-up set to fall due one month after completion, the administrator runs the scheduler and
// finds the participant's open task; the employee answers it under "Evaluasi Pasca Pelatihan",
// and the session's evaluation counts the answer. Screenshots land in tests/e2e/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { SCREENSHOTS, DEMO_PASSWORD, apiToken, launchBrowser, startPembina } from "./harness.mjs";

const ADMIN = "admin.1771@pembina.local";
const TITLE = "Pelayanan Publik Berbasis Data";
const SESSION = "Angkatan Evaluasi";
const COMMENT = "Studi kasusnya dekat dengan pekerjaan sehari-hari.";
const EARLIER = "Angkatan Triwulan Lalu";
const EXAMPLE = "Menyusun laporan layanan bulanan dari data pengaduan.";

let server;
let chrome;
let token;
let learner;
let sessionId;
let programmeId;
let admin;
const outside = [];

async function call(method, path, body) {
  const r = await fetch(`${server.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A day `offset` days from today in WIB (the province's calendar the server counts in). */
function wibDay(offset) {
  return new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

async function signedInPage(email, viewport) {
  const context = await chrome.browser.newContext({ viewport, locale: "id-ID" });
  context.on("request", (r) => {
    const url = new URL(r.url());
    if (!["data:", "blob:"].includes(url.protocol) && !["127.0.0.1", "localhost"].includes(url.hostname)) outside.push(r.url());
  });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await page.getByLabel("Email atau NIP").fill(email);
  await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(`${server.base}/`);
  return page;
}

const shot = (page, name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

before(async () => {
  server = await startPembina();
  chrome = await launchBrowser();
  token = await apiToken(server.base, ADMIN);
  // An employee of Kota Bengkulu with an account (the demo's accounts share one password).
  const accounts = (await call("GET", "/users?role=employee&per_page=200")).items;
  learner = accounts.find((u) => u.employee_id && !u.roles.includes("supervisor") && !u.roles.includes("agency_admin"));
  assert.ok(learner, "a Kota Bengkulu employee has an account");

  const programme = await call("POST", "/programmes", {
    code: `EVAL-${Date.now().toString(36).toUpperCase()}`,
    title: TITLE,
    activity_kind: "training",
    jp: 16,
    status: "published",
  });
  programmeId = programme.id;
  // Three days that ended yesterday: the reaction is open, and the session can be completed.
  sessionId = await completedSession(SESSION, [wibDay(-3), wibDay(-2), wibDay(-1)]);
});

/** A classroom session of the programme on `days`, the learner enrolled, present every day and completed. */
async function completedSession(name, days) {
  const session = await call("POST", "/sessions", {
    programme_id: programmeId,
    name,
    delivery: "classroom",
    start_date: days[0],
    end_date: days.at(-1),
    place: "Aula BKPSDM Kota Bengkulu",
    trainers: ["Dr. Rina Marlina"],
  });
  const [enrolled] = await call("POST", `/sessions/${session.id}/enrolments`, { employee_ids: [learner.employee_id] });
  assert.equal(enrolled.status, "enrolled");
  const [participant] = await call("GET", `/sessions/${session.id}/participants`);
  for (const day of days) await call("PUT", `/sessions/${session.id}/attendance`, { day, marks: [{ enrolment_id: participant.enrolment.id, present: true }] });
  const completion = await call("POST", `/sessions/${session.id}/complete`);
  assert.equal(completion.completed, 1, JSON.stringify(completion));
  return session.id;
}

after(async () => {
  await chrome?.close();
  await server?.stop();
});

test("a participant gives their feedback from Pembelajaran Saya; the administrator sees it in the session's evaluation", async () => {
  const phone = await signedInPage(learner.email, { width: 390, height: 844 });
  await phone.goto(`${server.base}/learning`);
  await phone.getByRole("heading", { level: 1, name: "Pembelajaran Saya" }).waitFor();
  const pending = phone.getByRole("region", { name: "Penilaian pelatihan menunggu Anda" });
  await pending.getByText(TITLE, { exact: true }).first().waitFor();
  await shot(phone, "evaluation-pending-phone");
  await pending.getByRole("link", { name: `Beri penilaian ${TITLE}` }).click();
  await phone.waitForURL(`${server.base}/me/reactions/${sessionId}`);
  await phone.getByRole("heading", { level: 1, name: "Penilaian Pelatihan" }).waitFor();

  const rate = (aspect, value) => phone.getByRole("radiogroup", { name: new RegExp(`^${aspect}`) }).getByRole("radio", { name: new RegExp(`^${value} `) }).check();
  await rate("Penyelenggaraan", 4);
  await rate("Pengajar", 5);
  await rate("Materi", 4);
  await phone.getByRole("textbox", { name: /^Komentar dan saran/ }).fill(COMMENT);
  await shot(phone, "evaluation-reaction-phone");
  await phone.getByRole("button", { name: "Kirim penilaian" }).click();
  await phone.getByRole("heading", { level: 2, name: "Terima kasih!" }).waitFor();
  await phone.getByText(`Penilaian Anda untuk ${TITLE} sudah kami terima.`).waitFor();
  await shot(phone, "evaluation-thanks-phone");

  // Given once: the invitation is gone from Pembelajaran Saya.
  await phone.getByRole("link", { name: "Ke Pembelajaran Saya", exact: true }).click();
  await phone.getByRole("region", { name: "Program yang saya ikuti" }).getByRole("article", { name: TITLE }).waitFor();
  assert.equal(await phone.getByRole("region", { name: "Penilaian pelatihan menunggu Anda" }).count(), 0);

  const desk = await signedInPage(ADMIN, { width: 1280, height: 900 });
  admin = desk;
  await desk.goto(`${server.base}/sessions/${sessionId}`);
  await desk.getByRole("heading", { level: 1, name: SESSION }).waitFor();
  await desk.getByRole("link", { name: "Evaluasi pelatihan" }).click();
  await desk.waitForURL(`${server.base}/sessions/${sessionId}/evaluation`);
  await desk.getByRole("heading", { level: 1, name: "Evaluasi Pelatihan" }).waitFor();
  const l1 = desk.getByRole("region", { name: "Level 1 · Reaksi" });
  await l1.getByText("1 dari 1 peserta").waitFor();
  const means = l1.getByRole("table", { name: "Rerata penilaian per aspek (skala 1–5)" });
  const mean = async (aspect) => (await means.getByRole("row", { name: new RegExp(`^${aspect}`) }).getByRole("cell").textContent()).trim();
  assert.equal(await mean("Penyelenggaraan"), "4,0");
  assert.equal(await mean("Pengajar"), "5,0");
  assert.equal(await mean("Materi"), "4,0");
  assert.equal(await mean("Rata-rata keseluruhan"), "4,3");
  await l1.getByRole("list", { name: "Komentar peserta" }).getByText(COMMENT).waitFor();
  // Without the participant's name.
  assert.equal(await l1.getByText(learner.display_name).count(), 0);
  await shot(desk, "evaluation-session-report");
  assert.deepEqual(outside, [], "the pages load nothing from outside Pembina");
});

test("the administrator runs the follow-up scheduler; the participant answers the follow-up months later", async () => {
  assert.ok(admin, "the previous test signed the administrator in");
  // A session completed six weeks ago, its follow-up due one month after completion: open now.
  const earlier = await completedSession(EARLIER, [wibDay(-44), wibDay(-43)]);
  await call("PUT", "/evaluation-settings", { follow_up_months: 1, reminder_days: 14 });

  await admin.goto(`${server.base}/`);
  await admin.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "Tindak Lanjut Evaluasi" }).click();
  await admin.getByRole("heading", { level: 1, name: "Tindak Lanjut Evaluasi" }).waitFor();
  const settings = admin.getByRole("form", { name: "Pengaturan evaluasi pasca pelatihan" });
  assert.equal(await settings.getByRole("spinbutton", { name: /^Jatuh tempo/ }).inputValue(), "1");
  await admin.getByRole("button", { name: "Jalankan penjadwal" }).click();
  await admin.getByText(/^Tugas peserta dibuat: [1-9]/).waitFor();
  await admin.getByRole("combobox", { name: "Status" }).selectOption("open");
  await admin.getByRole("combobox", { name: "Angkatan" }).selectOption({ label: `${TITLE} — ${EARLIER}` });
  // The list names the employee record (the account's display name may differ): their own task,
  // and their direct supervisor's about them when the record names one.
  const record = await call("GET", `/employees/${learner.employee_id}`);
  const rows = admin.getByRole("row").filter({ hasText: record.name });
  const own = rows.filter({ has: admin.getByRole("cell", { name: "Peserta", exact: true }) });
  await own.getByText("Terbuka").waitFor();
  assert.equal(await own.count(), 1);
  if (record.supervisor_id) await rows.filter({ has: admin.getByRole("cell", { name: "Atasan langsung", exact: true }) }).getByText("Terbuka").waitFor();
  await shot(admin, "evaluation-follow-ups-admin");

  const phone = await signedInPage(learner.email, { width: 390, height: 844 });
  await phone.goto(`${server.base}/me/follow-ups`);
  await phone.getByRole("heading", { level: 1, name: "Evaluasi Pasca Pelatihan" }).waitFor();
  const task = phone.getByRole("region", { name: "Pelatihan yang saya ikuti" }).getByRole("article", { name: TITLE });
  await task.getByText("Terbuka").waitFor();
  await task.getByRole("button", { name: `Isi evaluasi ${TITLE}` }).click();
  const form = task.getByRole("form", { name: `Isi evaluasi: ${TITLE}` });
  await form.getByRole("radio", { name: "Rutin diterapkan" }).check();
  await form.getByRole("textbox", { name: /^Contoh penerapan/ }).fill(EXAMPLE);
  await shot(phone, "evaluation-follow-up-phone");
  await form.getByRole("button", { name: "Kirim jawaban" }).click();
  await task.getByText("Jawaban tersimpan. Terima kasih!").waitFor();
  await task.getByText("Terjawab").waitFor();
  await task.getByText(EXAMPLE).waitFor();

  await admin.goto(`${server.base}/sessions/${earlier}/evaluation`);
  const l3 = admin.getByRole("region", { name: "Level 3 · Perilaku" });
  const byRole = l3.getByRole("table", { name: "Tingkat respons per peran" });
  await byRole.getByRole("row", { name: /^Peserta/ }).waitFor();
  assert.deepEqual(
    (await byRole.getByRole("row", { name: /^Peserta/ }).getByRole("cell").allTextContents()).map((c) => c.trim()),
    ["1", "1", "100%"],
  );
  assert.equal((await l3.getByRole("table", { name: "Jawaban menurut penerapan" }).getByRole("row", { name: /^Rutin diterapkan/ }).getByRole("cell").textContent()).trim(), "1");
  assert.deepEqual(outside, [], "the pages load nothing from outside Pembina");
});
