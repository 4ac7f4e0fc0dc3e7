// The yearly performance plan (SKP) end to end in a real browser. The agency's administrator
// registers, through the API, a supervisor and one of their staff with accounts, the staff
// member's employee record naming the supervisor. Then, each signed in through the UI in their
// own browser: the employee creates their plan under "SKP Saya" and writes a work result; the
// supervisor finds it under "Tim Saya" and agrees it; the employee records Triwulan I with an
// evidence link; the supervisor gives feedback on the result and on the plan, rates the year
// (seeing the predikat by the matrix before saving) and finalises it; the employee, after a
// reload, sees the feedback and the predikat. Screenshots land in tests/e2e/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { SCREENSHOTS, apiToken, launchBrowser, startPembina } from "./harness.mjs";

const ADMIN = "admin.1771@pembina.local";
const PASSWORD = "Kinerja#Bengkulu2026";
const YEAR = new Date().getFullYear();
const RESULT = "Tersusunnya laporan kepegawaian bulanan yang tepat waktu";
const RESULT_FEEDBACK = "Laporan triwulan I lengkap; lampirkan juga notulen rapat evaluasi.";
const PLAN_FEEDBACK = "Secara umum pelaksanaan SKP sesuai rencana.";

let server;
let chrome;
let supervisor;
let staff;
const outside = [];

async function call(method, path, token, body) {
  const r = await fetch(`${server.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** An 18-digit NIP: birth date, appointment month, sex, and a sequence unlikely to be the demo's. */
function nip(birth, appointed, sex) {
  const seq = String(900 + Math.floor(Math.random() * 99)).padStart(3, "0");
  return `${birth}${appointed}${sex}${seq}`;
}

/** An employee record and an account linked to it, made by the agency's administrator. */
async function person(token, unitId, { name, email, birth, appointed, sex, supervisorId, roles }) {
  const employee = await call("POST", "/employees", token, {
    nip: nip(birth, appointed, sex),
    employment_type: "pns",
    name,
    org_unit_id: unitId,
    supervisor_id: supervisorId ?? null,
  });
  await call("POST", "/users", token, { email, display_name: name, password: PASSWORD, roles, employee_id: employee.id });
  return { id: employee.id, name, email };
}

async function signedInPage(who) {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "id-ID" });
  context.on("request", (r) => {
    const url = new URL(r.url());
    if (!["data:", "blob:"].includes(url.protocol) && !["127.0.0.1", "localhost"].includes(url.hostname)) outside.push(r.url());
  });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  await page.getByLabel("Email atau NIP").fill(who.email);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(`${server.base}/`);
  return page;
}

before(async () => {
  server = await startPembina();
  chrome = await launchBrowser();
  const token = await apiToken(server.base, ADMIN);
  const unit = (await call("GET", "/org-units?per_page=1", token)).items[0];
  assert.ok(unit, "Kota Bengkulu has an org unit");
  const stamp = Date.now().toString(36);
  supervisor = await person(token, unit.id, {
    name: "Hendra Gunawan",
    email: `hendra.${stamp}@bengkulukota.go.id`,
    birth: "19780412",
    appointed: "200501",
    sex: "1",
    roles: ["supervisor", "employee"],
  });
  staff = await person(token, unit.id, {
    name: "Nurul Hidayati",
    email: `nurul.${stamp}@bengkulukota.go.id`,
    birth: "19930721",
    appointed: "201903",
    sex: "2",
    supervisorId: supervisor.id,
    roles: ["employee"],
  });
});

after(async () => {
  await chrome?.close();
  await server?.stop();
});

const shot = (page, name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const heading = (page, name, level = 1) => page.getByRole("heading", { level, name }).first().waitFor();
const nav = (page) => page.getByRole("navigation", { name: "Navigasi utama" });

test("a supervisor gives feedback and the annual rating; the employee sees both and the predikat", async () => {
  // The employee starts the year's plan and writes one main work result.
  const employee = await signedInPage(staff);
  await nav(employee).getByRole("list", { name: "Kinerja" }).getByRole("link", { name: "SKP Saya" }).click();
  await heading(employee, "SKP Saya");
  await employee.getByRole("button", { name: `Buat SKP ${YEAR}` }).click();
  await employee.getByText(`SKP ${YEAR} dibuat sebagai draf.`, { exact: false }).waitFor();
  await employee.getByTestId("skp-rater").getByText(supervisor.name).waitFor();
  await employee.getByRole("button", { name: "Susun hasil kerja" }).click();
  const editor = employee.getByRole("form", { name: "Susun hasil kerja" });
  const row = editor.getByRole("group", { name: "Hasil kerja 1" });
  await row.getByRole("textbox", { name: "Rencana hasil kerja" }).fill(RESULT);
  await row.getByRole("textbox", { name: "Indikator kinerja individu" }).fill("Jumlah laporan yang disampaikan paling lambat tanggal 5");
  await row.getByRole("textbox", { name: "Target" }).fill("12 laporan");
  await editor.getByRole("button", { name: "Simpan hasil kerja" }).click();
  await employee.getByText("Hasil kerja tersimpan.").waitFor();
  await employee.getByRole("region", { name: "Hasil kerja utama" }).getByRole("article", { name: RESULT }).waitFor();
  await shot(employee, "skp-employee-draft");

  // The supervisor finds it waiting in the team list and agrees it.
  const boss = await signedInPage(supervisor);
  await nav(boss).getByRole("link", { name: "Tim Saya" }).click();
  await heading(boss, "Tim Saya");
  const teamRow = boss.getByRole("row", { name: new RegExp(staff.name) });
  await teamRow.getByText("Perlu disetujui").waitFor();
  await shot(boss, "skp-team");
  await teamRow.getByRole("link", { name: staff.name }).click();
  await heading(boss, `SKP ${staff.name} — ${YEAR}`);
  await boss.getByRole("region", { name: "Tindakan" }).getByRole("button", { name: "Setujui SKP" }).click();
  await boss.getByText("SKP disetujui.").waitFor();
  assert.equal((await boss.getByTestId("skp-state").textContent()).trim(), "Disepakati");

  // The employee records the first quarter with its evidence, which starts the plan.
  await employee.reload();
  const mine = employee.getByRole("article", { name: RESULT });
  await mine.getByRole("button", { name: "Catat Triwulan I", exact: true }).click();
  const dialog = employee.getByRole("dialog", { name: "Realisasi Triwulan I" });
  await dialog.getByRole("textbox", { name: /^Realisasi/ }).fill("3 laporan disampaikan tepat waktu");
  await dialog.getByRole("textbox", { name: /^Tautan bukti dukung/ }).fill("https://drive.bengkulukota.go.id/skp/bukti-tw1.pdf");
  await dialog.getByRole("button", { name: "Simpan realisasi" }).click();
  await employee.getByText("Realisasi Triwulan I tersimpan; pelaksanaan SKP dimulai.").waitFor();
  assert.equal(await mine.getByRole("link", { name: "Buka bukti Triwulan I", exact: true }).getAttribute("href"), "https://drive.bengkulukota.go.id/skp/bukti-tw1.pdf");

  // The supervisor gives feedback on the result and on the plan.
  await boss.reload();
  const result = boss.getByRole("article", { name: RESULT });
  await result.getByText("3 laporan disampaikan tepat waktu").waitFor();
  const box = result.getByRole("form", { name: `Umpan balik untuk ${RESULT}` });
  await box.getByRole("textbox", { name: /^Umpan balik baru/ }).fill(RESULT_FEEDBACK);
  await box.getByRole("button", { name: "Kirim umpan balik" }).click();
  await box.getByText("Umpan balik terkirim.").waitFor();
  await result.getByText(RESULT_FEEDBACK).waitFor();
  const planBox = boss.getByRole("form", { name: "Umpan balik untuk SKP ini" });
  await planBox.getByRole("textbox", { name: /^Umpan balik baru/ }).fill(PLAN_FEEDBACK);
  await planBox.getByRole("button", { name: "Kirim umpan balik" }).click();
  await boss.getByRole("list", { name: "Umpan balik atasan untuk SKP ini" }).getByText(PLAN_FEEDBACK).waitFor();

  // The annual rating: the predikat by the matrix shows before saving.
  const evaluation = boss.getByRole("form", { name: "Penilaian tahunan" });
  await evaluation.getByRole("radiogroup", { name: /^Rating hasil kerja/ }).getByRole("radio", { name: "Di Atas Ekspektasi" }).check();
  await evaluation.getByRole("radiogroup", { name: /^Rating perilaku kerja/ }).getByRole("radio", { name: "Di Atas Ekspektasi" }).check();
  await evaluation.getByTestId("skp-predikat-preview").getByText("Sangat Baik").waitFor();
  await shot(boss, "skp-supervisor-evaluation");
  await evaluation.getByRole("button", { name: "Simpan penilaian" }).click();
  await boss.getByText("Penilaian tersimpan: predikat Sangat Baik.").waitFor();
  await boss.getByRole("region", { name: "Tindakan" }).getByRole("button", { name: "Finalkan" }).click();
  const confirm = boss.getByRole("dialog", { name: "Finalkan SKP" });
  await confirm.getByRole("button", { name: "Finalkan" }).click();
  await boss.getByText("SKP difinalkan.").waitFor();
  assert.equal((await boss.getByTestId("skp-state").textContent()).trim(), "Final");

  // The team list now shows the predikat and nothing waiting.
  await boss.getByRole("link", { name: /Kembali ke Tim Saya/ }).click();
  const done = boss.getByRole("row", { name: new RegExp(staff.name) });
  await done.getByText("Sangat Baik").waitFor();

  // The employee, after a reload, sees the feedback and the predikat.
  await employee.reload();
  await heading(employee, "SKP Saya");
  assert.equal((await employee.getByTestId("skp-predikat").textContent()).trim(), "Sangat Baik");
  assert.equal((await employee.getByTestId("skp-results-rating").textContent()).trim(), "Di Atas Ekspektasi");
  assert.equal((await employee.getByTestId("skp-behaviour-rating").textContent()).trim(), "Di Atas Ekspektasi");
  assert.equal((await employee.getByTestId("skp-state").textContent()).trim(), "Final");
  const notes = employee.getByRole("list", { name: `Umpan balik atasan: ${RESULT}` });
  await notes.getByText(RESULT_FEEDBACK).waitFor();
  assert.match(await notes.getByRole("listitem").first().textContent(), new RegExp(supervisor.name));
  await employee.getByRole("list", { name: "Umpan balik atasan untuk SKP ini" }).getByText(PLAN_FEEDBACK).waitFor();
  // The employee reads feedback; they do not write it, nor rate themselves.
  assert.equal(await employee.getByRole("form", { name: /^Umpan balik untuk/ }).count(), 0);
  assert.equal(await employee.getByRole("form", { name: "Penilaian tahunan" }).count(), 0);
  await shot(employee, "skp-employee-final");

  assert.deepEqual(outside, [], "the pages load nothing from outside Pembina");
});
