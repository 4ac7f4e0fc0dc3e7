// The needs analysis (AKPK) in a real browser: the agency admin defines a technical competency
// (a reserved code is refused at its field first), requires it of a position in the standards
// matrix, records assessments on an employee's competency profile and sees the gap change on
// the chart, then finds the competency among the training needs of the employee's unit, with
// the employee below standard. Screenshots land in tests/e2e/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { SCREENSHOTS, DEMO_PASSWORD, apiToken, launchBrowser, startPembina } from "./harness.mjs";

const ADMIN = "admin.1771@pembina.local";
const CODE = "T-KLIN";
const NAME = "Pelayanan Klinis";
const POSITION = "Dokter Ahli Muda";

let server;
let chrome;
let context;
let page;
/** The unit and the employee (the doctor of the unit) the test works with. */
let unit;
let doctor;
const outside = [];

async function getJson(path, token) {
  const r = await fetch(`${server.base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
  return r.json();
}

before(async () => {
  server = await startPembina();
  chrome = await launchBrowser();
  context = await chrome.browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  context.on("request", (r) => {
    const url = new URL(r.url());
    if (url.protocol !== "data:" && !["127.0.0.1", "localhost"].includes(url.hostname)) outside.push(r.url());
  });
  // Looking the demo data up (not arranging it): a puskesmas and its doctor.
  const token = await apiToken(server.base, ADMIN);
  unit = (await getJson(`/org-units?q=${encodeURIComponent("Lingkar Barat")}`, token)).items[0];
  assert.ok(unit, "the demo agency has Puskesmas Lingkar Barat");
  const staff = (await getJson(`/employees?org_unit_id=${unit.id}&per_page=50`, token)).items;
  doctor = staff.find((e) => e.position_title === POSITION);
  assert.ok(doctor, `a ${POSITION} works at ${unit.name}`);
});

after(async () => {
  await chrome?.close();
  await server?.stop();
});

const shot = (name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const heading = (name) => page.getByRole("heading", { level: 1, name }).waitFor();
const nav = () => page.getByRole("navigation", { name: /Navigasi utama|Main navigation/ });
/** The text of the chart's label for one competency: "current/required". */
const chartValue = (code) => page.locator(`svg g[data-code="${code}"] [data-kind="value"]`).textContent();
const needRow = (code) => page.locator(`tr[data-code="${code}"]`);

test("the agency admin signs in and finds the Kompetensi group in the navigation", async () => {
  await page.goto(`${server.base}/login`);
  await page.getByLabel("Email atau NIP").fill(ADMIN);
  await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(`${server.base}/`);
  const group = nav().getByRole("list", { name: "Kompetensi" });
  await group.getByRole("link", { name: "Pengaturan AKPK" }).waitFor();
  const links = await group.getByRole("link").allTextContents();
  assert.deepEqual(links, [
    "Kamus kompetensi",
    "Standar kompetensi jabatan",
    "Peta kesenjangan unit",
    "Survei kebutuhan",
    "Kebutuhan pelatihan",
    "Rencana pengembangan",
    "Pengaturan AKPK",
  ]);
});

test("a technical competency: a reserved code is refused at its field, the fixed form saves", async () => {
  await nav().getByRole("link", { name: "Kamus kompetensi" }).click();
  await heading("Kamus Kompetensi");
  await page.getByRole("link", { name: "Integritas" }).waitFor();
  await shot("20-competency-dictionary");
  await page.getByRole("link", { name: "Tambah kompetensi teknis" }).click();
  await heading("Tambah kompetensi teknis");
  const code = page.getByRole("textbox", { name: "Kode" });
  await code.fill("M1");
  await page.getByRole("textbox", { name: "Nama" }).fill(NAME);
  for (const n of [1, 2, 3, 4, 5]) await page.getByRole("textbox", { name: `Deskripsi level ${n}` }).fill(`Memberikan pelayanan klinis tingkat ${n}`);
  await page.getByRole("textbox", { name: /Indikator perilaku level 3/ }).fill("Menegakkan diagnosis kasus umum\nMerujuk kasus sesuai pedoman");
  await page.getByRole("button", { name: "Simpan" }).click();
  await page.getByText("Kode ini dipakai katalog nasional (M1–M8, SK1).").waitFor();
  assert.equal(await code.getAttribute("aria-invalid"), "true");
  await shot("21-competency-form-error");

  await code.fill(CODE);
  await page.getByRole("button", { name: "Simpan" }).click();
  await page.waitForURL(/\/competencies\/[0-9a-f-]{36}$/);
  await heading(`${CODE} · ${NAME}`);
  await page.getByText("Kompetensi tersimpan.").waitFor();
  await page.getByText("Merujuk kasus sesuai pedoman").waitFor();
  assert.equal(await page.getByRole("region", { name: "Level kemahiran" }).getByRole("heading", { level: 3 }).count(), 5);
});

test("before any position requires it, the competency is not a training need of the unit", async () => {
  await page.goto(`${server.base}/competencies/needs?unit=${unit.id}`);
  await heading("Kebutuhan Pelatihan");
  await needRow("M1").waitFor();
  assert.equal(await needRow(CODE).count(), 0);
  // Nobody is assessed yet: everyone of the unit is below every national standard.
  assert.match(await needRow("M1").innerText(), /4 dari 4 pegawai/);
});

test("the standards matrix requires the competency of the doctor's position", async () => {
  await nav().getByRole("link", { name: "Standar kompetensi jabatan" }).click();
  await heading("Standar Kompetensi Jabatan");
  await page.getByRole("searchbox", { name: "Cari jabatan" }).fill("Dokter");
  await page.waitForURL((u) => u.searchParams.get("q") === "Dokter");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${POSITION}`) }) });
  const cells = row.getByRole("cell");
  // Columns: M1–M8, SK1, then the new technical competency, not yet required.
  await cells.nth(0).filter({ hasText: "(bawaan)" }).waitFor();
  assert.equal(await cells.nth(9).textContent(), "—tidak dipersyaratkan");
  await row.getByRole("button", { name: `Ubah ${POSITION}` }).click();
  const dialog = page.getByRole("dialog", { name: `Ubah standar ${POSITION}` });
  await dialog.getByRole("combobox", { name: `${CODE} · ${NAME}` }).selectOption("3");
  await dialog.getByRole("button", { name: "Simpan" }).click();
  await page.getByText(`Standar kompetensi ${POSITION} tersimpan.`).waitFor();
  await cells.nth(9).filter({ hasText: "(ditetapkan)" }).waitFor();
  assert.match(await cells.nth(9).textContent(), /^3/);
  await shot("22-competency-standards");
});

test("recording assessments on the employee's profile changes the chart and the match", async () => {
  // From the employee's record in the people feature, by its link.
  await page.goto(`${server.base}/employees/${doctor.id}`);
  await page.getByRole("link", { name: "Profil kompetensi" }).click();
  await page.waitForURL(new RegExp(`/competencies/employees/${doctor.id}$`));
  await heading(`Profil Kompetensi: ${doctor.name}`);
  await page.locator(`svg g[data-code="${CODE}"]`).waitFor();
  assert.equal(await chartValue(CODE), "–/3");
  assert.equal(await chartValue("M1"), "–/2");
  assert.match(await page.getByTestId("match").innerText(), /0%\s*Belum memenuhi/);
  assert.match(await page.getByTestId("unassessed").innerText(), /10 dari 10/);

  const form = page.getByRole("form", { name: "Catat penilaian" });
  async function assess(code, name, level) {
    await form.getByRole("combobox", { name: "Kompetensi" }).selectOption({ label: `${code} · ${name}` });
    await form.getByRole("combobox", { name: "Level" }).selectOption(String(level));
    await form.getByRole("combobox", { name: "Metode" }).selectOption("test");
    await form.getByRole("button", { name: "Simpan penilaian" }).click();
    await page.getByText(`Penilaian ${code} level ${level} tersimpan.`).waitFor();
  }
  await assess(CODE, NAME, 1);
  await page.waitForFunction((c) => document.querySelector(`svg g[data-code="${c}"] [data-kind="value"]`)?.textContent === "1/3", CODE);
  await assess("M1", "Integritas", 2);
  await page.waitForFunction(() => document.querySelector('svg g[data-code="M1"] [data-kind="value"]')?.textContent === "2/2");
  assert.equal(await page.locator(`svg g[data-code="${CODE}"] [data-kind="achieved"]`).getAttribute("class"), "bar-achieved bar-below2");
  assert.equal(await page.locator('svg g[data-code="M1"] [data-kind="achieved"]').getAttribute("class"), "bar-achieved bar-meets");
  // 1 + 2 of 9 × 2 + 3 points.
  await page.getByTestId("match").filter({ hasText: "14,29%" }).waitFor();
  assert.match(await page.getByTestId("match").innerText(), /Belum memenuhi/);
  assert.match(await page.getByTestId("unassessed").innerText(), /8 dari 10/);
  const tableRow = page.getByRole("table", { name: "Level per kompetensi" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${CODE}`) }) });
  assert.deepEqual(await tableRow.getByRole("cell").allInnerTexts(), ["3", "1", "−2", "Kurang 2 level atau lebih"]);
  const history = page.getByRole("table", { name: "Riwayat penilaian" });
  await history.getByRole("cell", { name: "M1 · Integritas", exact: true }).waitFor();
  assert.equal(await history.getByRole("row").count(), 3);
  await shot("23-competency-profile");
});

test("the unit's heat map shows the employee's new gaps", async () => {
  await nav().getByRole("link", { name: "Peta kesenjangan unit" }).click();
  await heading("Peta Kesenjangan Unit");
  await page.getByRole("combobox", { name: "Unit organisasi" }).selectOption(unit.id);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: doctor.name }) });
  await row.waitFor();
  const cells = row.getByRole("cell");
  // The match, then M1…M8, SK1 and the technical competency.
  assert.match(await cells.nth(0).innerText(), /14,29%/);
  assert.equal(await cells.nth(1).getAttribute("class"), "heat heat-meets");
  assert.equal(await cells.nth(2).getAttribute("class"), "heat heat-unassessed");
  assert.equal(await cells.nth(10).getAttribute("class"), "heat heat-below2");
  assert.equal(await cells.nth(10).locator(".visually-hidden").textContent(), `${CODE}: level 1 dari 3 (kesenjangan −2)`);
  assert.equal(await cells.nth(10).locator(".heat-levels").textContent(), "1/3");
  await shot("24-competency-heat-map");
});

test("the competency now appears among the unit's training needs, with the employee below standard", async () => {
  await nav().getByRole("link", { name: "Kebutuhan pelatihan" }).click();
  await heading("Kebutuhan Pelatihan");
  await page.getByRole("combobox", { name: "Unit organisasi" }).selectOption(unit.id);
  await page.waitForURL((u) => u.searchParams.get("unit") === unit.id);
  const need = needRow(CODE);
  await need.waitFor();
  const text = await need.innerText();
  assert.match(text, /100%/);
  assert.match(text, /1 dari 1 pegawai/);
  assert.match(text, /Kesenjangan: 66,7 poin · Kedalaman: 16,7 poin; tanpa data: survei, kinerja, pengaduan masyarakat/);
  await need.getByText("Pegawai di bawah standar (1)").click();
  await need.getByRole("link", { name: doctor.name }).waitFor();
  assert.match(await need.locator("details li").innerText(), /level 1 dari 3/);
  // The doctor now meets M1: one fewer below its standard.
  assert.match(await needRow("M1").innerText(), /3 dari 4 pegawai/);
  await shot("25-training-needs");
});

test("the profile and the needs fit a phone: wide tables scroll inside their frame", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [`/competencies/employees/${doctor.id}`, `/competencies/needs?unit=${unit.id}`, `/competencies/gaps?unit=${unit.id}`]) {
    await page.goto(`${server.base}${path}`);
    await page.locator("tbody tr").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${path} is ${overflow}px wider than the phone`);
  }
  await shot("26-competency-needs-phone");
  await page.setViewportSize({ width: 1366, height: 900 });
});

test("nothing was loaded from another host", () => {
  assert.deepEqual(outside, []);
});
