// The second half of the needs analysis (AKPK) in a real browser: the agency admin builds a needs
// survey for a unit with a Likert question about a competency (a duplicate option is refused at
// its field first) and opens it; an employee of that unit signs in, finds the task under "Survei
// saya" and answers it (a required question is asked for first); back as the admin, the results
// show the mean, the training needs of the unit explain the survey signal, the need goes into the
// development plan (a schedule ending before it starts is refused at its field first), appears in
// the plan table and downloads as XLSX. Screenshots land in tests/e2e/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { SCREENSHOTS, DEMO_PASSWORD, apiToken, launchBrowser, startPembina } from "./harness.mjs";

const ADMIN = "admin.1771@pembina.local";
const UNIT = "Bidang Pelayanan Kesehatan";
const SURVEY = "Kebutuhan Pengembangan Yankes 2027";
const CODE = "M5";
const COMPETENCY = "Pelayanan Publik";
const QUESTION = "Seberapa Anda membutuhkan pelatihan pelayanan publik?";
const ACTIVITY = "Pelatihan Pelayanan Prima";

let server;
let chrome;
let admin;
let staff;
/** The unit, its employee with an account (and no reports), and how many staff it has. */
let unit;
let respondent;
let staffCount;
let year;
const outside = [];

async function getJson(path, token) {
  const r = await fetch(`${server.base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
  return r.json();
}

async function newPage() {
  const context = await chrome.browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  context.on("request", (r) => {
    const url = new URL(r.url());
    if (!["data:", "blob:"].includes(url.protocol) && !["127.0.0.1", "localhost"].includes(url.hostname)) outside.push(r.url());
  });
  return context.newPage();
}

async function signIn(page, username) {
  await page.goto(`${server.base}/login`);
  await page.getByLabel("Email atau NIP").fill(username);
  await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(`${server.base}/`);
}

before(async () => {
  server = await startPembina();
  chrome = await launchBrowser();
  admin = await newPage();
  staff = await newPage();
  // Looking the demo data up (not arranging it): the unit, and the staff member of it who has an
  // account — the demo gives accounts to a chain of Dinas Kesehatan down its first division.
  const token = await apiToken(server.base, ADMIN);
  unit = (await getJson(`/org-units?q=${encodeURIComponent(UNIT)}`, token)).items.find((u) => u.name === UNIT);
  assert.ok(unit, `the demo agency has ${UNIT}`);
  const people = (await getJson(`/employees?org_unit_id=${unit.id}&status=active&per_page=100`, token)).items;
  staffCount = people.length;
  const accounts = (await getJson("/users?role=employee&per_page=200", token)).items;
  const inUnit = new Set(people.map((e) => e.id));
  respondent = accounts.find((u) => inUnit.has(u.employee_id) && !u.roles.includes("supervisor"));
  assert.ok(respondent, `an employee of ${UNIT} has an account`);
  year = new Date().getFullYear() + 1;
});

after(async () => {
  await chrome?.close();
  await server?.stop();
});

const shot = (page, name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const heading = (page, name) => page.getByRole("heading", { level: 1, name }).waitFor();
const nav = (page) => page.getByRole("navigation", { name: /Navigasi utama|Main navigation/ });
const question = (page, n) => page.locator(`fieldset[data-question="${n}"]`);

test("the admin builds a survey: a duplicate option is refused at its field, the fixed draft saves", async () => {
  await signIn(admin, ADMIN);
  await nav(admin).getByRole("list", { name: "Kompetensi" }).getByRole("link", { name: "Survei kebutuhan" }).click();
  await heading(admin, "Survei Kebutuhan");
  await admin.getByRole("link", { name: "Buat survei" }).click();
  await heading(admin, "Buat survei kebutuhan");

  await admin.getByRole("textbox", { name: "Judul" }).fill(SURVEY);
  await admin.getByRole("radio", { name: "Pegawai (tentang diri sendiri)" }).check();
  const units = admin.getByRole("combobox", { name: /^Unit responden/ });
  await admin.getByRole("searchbox", { name: "Cari unit" }).fill("Pelayanan Kesehatan");
  await units.locator(`option[value="${unit.id}"]`).waitFor({ state: "attached" });
  await units.selectOption(unit.id);

  const first = question(admin, 1);
  await first.getByRole("textbox", { name: "Teks pertanyaan" }).fill(QUESTION);
  await first.getByRole("combobox", { name: /^Kompetensi terkait/ }).selectOption(CODE);

  await admin.getByRole("button", { name: "Tambah pertanyaan" }).click();
  const second = question(admin, 2);
  await second.getByRole("textbox", { name: "Teks pertanyaan" }).fill("Bentuk pelatihan yang Anda sukai");
  await second.getByRole("combobox", { name: "Jenis jawaban" }).selectOption("single_choice");
  await second.getByRole("textbox", { name: "Pilihan 1" }).fill("Klasikal");
  await second.getByRole("textbox", { name: "Pilihan 2" }).fill("klasikal");
  await second.getByRole("checkbox", { name: "Wajib dijawab" }).uncheck();
  await admin.getByRole("button", { name: "Simpan draf" }).click();

  const duplicate = second.getByRole("textbox", { name: "Pilihan 2" });
  await second.getByText("Pilihan ini sama dengan pilihan sebelumnya.").waitFor();
  assert.equal(await duplicate.getAttribute("aria-invalid"), "true");
  await shot(admin, "30-survey-builder-error");

  await duplicate.fill("E-learning");
  await admin.getByRole("button", { name: "Simpan draf" }).click();
  await admin.waitForURL(/\/surveys\/[0-9a-f-]{36}$/);
  await heading(admin, SURVEY);
  await admin.getByText("Draf survei tersimpan.").waitFor();
  await admin.getByText(`kompetensi ${CODE} · ${COMPETENCY}`, { exact: false }).waitFor();
});

test("opening the survey after confirming sends one task per employee of the unit", async () => {
  await admin.getByRole("button", { name: "Buka survei" }).click();
  const dialog = admin.getByRole("dialog", { name: "Buka survei" });
  await dialog.getByText(/Setiap pegawai aktif di unit survei mendapat tugas/).waitFor();
  await dialog.getByRole("button", { name: "Buka survei" }).click();
  await admin.getByText(`Survei dibuka. Tugas yang dibuat: ${staffCount}.`).waitFor();
  await admin.getByRole("button", { name: "Tutup survei" }).waitFor();
  await shot(admin, "31-survey-open");
});

test("the employee finds the task under Survei saya and answers it, a required question asked for first", async () => {
  await signIn(staff, respondent.email);
  const group = nav(staff).getByRole("list", { name: "Kompetensi" });
  await group.getByRole("link", { name: "Survei saya" }).click();
  await heading(staff, "Survei Saya");
  const row = staff.getByRole("row").filter({ hasText: SURVEY });
  assert.match(await row.innerText(), /Diri sendiri/);
  assert.match(await row.innerText(), /Belum dijawab/);
  await row.getByRole("link", { name: `Jawab ${SURVEY}` }).click();
  await heading(staff, SURVEY);

  await staff.getByRole("button", { name: "Kirim jawaban" }).click();
  const likert = staff.getByRole("radiogroup", { name: new RegExp(`^1\\. ${QUESTION.replace("?", "\\?")}`) });
  await likert.getByText("Wajib diisi.").waitFor();
  assert.equal(await likert.getAttribute("aria-invalid"), "true");
  await shot(staff, "32-survey-answer-required");

  await likert.getByRole("radio", { name: "5" }).check();
  await question(staff, 2).getByRole("radio", { name: "E-learning" }).check();
  await staff.getByRole("button", { name: "Kirim jawaban" }).click();
  await staff.getByText(`Terima kasih, jawaban Anda untuk “${SURVEY}” sudah terkirim.`).waitFor();
  await staff.getByRole("row").filter({ hasText: SURVEY }).getByText("Sudah dijawab").waitFor();
  assert.equal(await staff.getByRole("link", { name: `Jawab ${SURVEY}` }).count(), 0);
  // Employees see neither the admin's surveys nor the plan.
  assert.equal(await group.getByRole("link", { name: "Survei kebutuhan" }).count(), 0);
  assert.equal(await group.getByRole("link", { name: "Rencana pengembangan" }).count(), 0);
});

test("back as the admin: the results show the mean, its spread and the response rate", async () => {
  await admin.getByRole("link", { name: "Lihat hasil" }).click();
  await heading(admin, `Hasil: ${SURVEY}`);
  const summary = admin.getByTestId("results-summary");
  await summary.filter({ hasText: `1 dari ${staffCount} tugas` }).waitFor();
  const likert = admin.locator('section[data-question="1"]');
  assert.equal(await likert.getByTestId("mean").innerText(), "Rerata 5,00 dari 5");
  assert.equal(await likert.locator('svg g[data-label="5"] [data-kind="value"]').textContent(), "1 (100%)");
  assert.equal(await likert.locator('svg g[data-label="1"] [data-kind="bar"]').getAttribute("width"), "0");
  const rows = await likert.getByRole("table").getByRole("row").allInnerTexts();
  assert.match(rows.at(-1), /^5\s+1\s+100%$/);
  assert.match(await admin.locator('section[data-question="2"]').getByRole("table").innerText(), /E-learning\s+1\s+100%/);
  await shot(admin, "33-survey-results");
});

test("the unit's training needs explain the survey signal, and the need goes into the plan", async () => {
  await nav(admin).getByRole("link", { name: "Kebutuhan pelatihan" }).click();
  await heading(admin, "Kebutuhan Pelatihan");
  await admin.getByRole("combobox", { name: "Unit organisasi" }).selectOption(unit.id);
  await admin.waitForURL((u) => u.searchParams.get("unit") === unit.id);
  const need = admin.locator(`tr[data-code="${CODE}"]`);
  await need.getByText(/Survei: 20,0 poin/).waitFor();
  // The survey's answers lift the competency above the others (same gaps, no survey signal).
  assert.match(await admin.locator(`tr[data-code="${CODE}"] td.num`).innerText(), /^1$/);
  assert.match(await admin.locator('tr[data-code="M1"]').innerText(), /tanpa data: survei/);

  await need.getByRole("button", { name: `Masukkan ke rencana ${CODE} · ${COMPETENCY}` }).click();
  const dialog = admin.getByRole("dialog", { name: `Masukkan ke rencana: ${CODE} · ${COMPETENCY}` });
  // Prefilled from the need: its competency (once the choices are loaded), the unit of the list.
  await dialog.getByRole("combobox", { name: "Kompetensi" }).locator("option:checked", { hasText: `${CODE} · ${COMPETENCY}` }).waitFor({ state: "attached" });
  assert.equal(await dialog.getByRole("combobox", { name: /^Unit organisasi/ }).inputValue(), unit.id);
  await dialog.getByTestId("need-score").filter({ hasText: "Skor kebutuhan:" }).waitFor();
  const targets = dialog.getByRole("group", { name: /^Peserta/ });
  const boxes = targets.getByRole("checkbox");
  assert.equal(await boxes.count(), staffCount);
  for (let i = 0; i < staffCount; i++) assert.equal(await boxes.nth(i).isChecked(), true);

  await dialog.getByRole("textbox", { name: "Nama kegiatan" }).fill(ACTIVITY);
  await dialog.getByRole("combobox", { name: "Jenis kegiatan" }).selectOption("training");
  await dialog.getByRole("textbox", { name: /^Penyelenggara/ }).fill("BPSDM Provinsi Bengkulu");
  await dialog.getByLabel(/^Tanggal mulai/).fill(`${year}-03-10`);
  await dialog.getByLabel(/^Tanggal selesai/).fill(`${year}-03-01`);
  await dialog.getByRole("spinbutton", { name: /^Jam pelajaran/ }).fill("32");
  await dialog.getByRole("spinbutton", { name: /^Anggaran/ }).fill("15000000");
  await dialog.getByRole("button", { name: "Masukkan ke rencana" }).click();
  const end = dialog.getByLabel(/^Tanggal selesai/);
  await dialog.getByText("Tidak boleh sebelum tanggal mulai.").waitFor();
  assert.equal(await end.getAttribute("aria-invalid"), "true");
  await shot(admin, "34-plan-form-error");

  await end.fill(`${year}-03-14`);
  await dialog.getByRole("button", { name: "Masukkan ke rencana" }).click();
  await admin.getByText(`“${ACTIVITY}” masuk Rencana Pengembangan ${year}.`).waitFor();
});

test("the plan table lists the activity, and the year's plan downloads as XLSX", async () => {
  await admin.getByRole("link", { name: `Lihat rencana ${year}` }).click();
  await heading(admin, `Rencana Pengembangan Kompetensi ${year}`);
  const row = admin.getByRole("row").filter({ has: admin.getByRole("rowheader", { name: new RegExp(`^${ACTIVITY}`) }) });
  await row.waitFor();
  await row.getByText(CODE, { exact: true }).waitFor();
  await row.getByText(UNIT, { exact: true }).waitFor();
  const cells = (await row.locator("td, th").allInnerTexts()).map((c) => c.replace(/\s+/g, " ").trim());
  assert.deepEqual(cells.slice(1, 9), [
    UNIT,
    `${ACTIVITY} Pelatihan`,
    "Klasikal",
    "BPSDM Provinsi Bengkulu",
    `10 Maret ${year} – 14 Maret ${year}`,
    "32",
    String(staffCount),
    "Rp 15.000.000",
  ]);
  await admin.getByTestId("plan-summary").filter({ hasText: "1 kegiatan" }).waitFor();
  await shot(admin, "35-plan");

  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("button", { name: "Unduh XLSX" }).click()]);
  assert.equal(download.suggestedFilename(), `akpk-${year}.xlsx`);
  const path = await download.path();
  const { readFileSync } = await import("node:fs");
  // An XLSX file is a ZIP archive.
  assert.equal(readFileSync(path).subarray(0, 2).toString(), "PK");
});

test("nothing was loaded from another host", () => {
  assert.deepEqual(outside, []);
});
