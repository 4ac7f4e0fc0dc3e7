// The administrator's day in a real browser: sign in, find an employee by NIP, create one
// with an invalid NIP and see the Indonesian error at the field, fix it and save, switch to
// English, sign out. Screenshots of each main screen land in tests/e2e/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { SCREENSHOTS, DEMO_PASSWORD, apiToken, launchBrowser, startPembina } from "./harness.mjs";

let server;
let chrome;
let context;
let page;
let createdUrl;
const outside = [];
const nav = () => page.getByRole("navigation", { name: /Navigasi utama|Main navigation/ });

before(async () => {
  server = await startPembina();
  chrome = await launchBrowser();
  context = await chrome.browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  // Nothing may be fetched from another host.
  context.on("request", (r) => {
    const url = new URL(r.url());
    if (url.protocol !== "data:" && !["127.0.0.1", "localhost"].includes(url.hostname)) outside.push(r.url());
  });
});

after(async () => {
  await chrome?.close();
  await server?.stop();
});

const shot = (name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const heading = (name) => page.getByRole("heading", { level: 1, name }).waitFor();

test("a deep link asks for sign-in first, explains a wrong password, then returns to the page", async () => {
  await page.goto(`${server.base}/employees`);
  await page.getByLabel("Email atau NIP").waitFor();
  assert.match(page.url(), /\/login\?next=%2Femployees/);
  await shot("01-login");
  await page.getByLabel("Email atau NIP").fill("admin.1771@pembina.local");
  await page.getByLabel("Kata sandi").fill("salah sekali");
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByText("Email/NIP atau kata sandi salah.").waitFor();
  await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL(/\/employees$/);
  await heading("Pegawai");
  await page.locator("tbody tr").first().waitFor();
  await shot("02-employees");
});

test("an employee is found by typing part of their NIP", async () => {
  const token = await apiToken(server.base, "admin.1771@pembina.local");
  const list = await (await fetch(`${server.base}/api/v1/employees?per_page=1&sort=-nip`, { headers: { authorization: `Bearer ${token}` } })).json();
  const target = list.items[0];
  await page.getByLabel("Cari nama atau NIP").fill(target.nip.slice(0, 14));
  await page.waitForURL((u) => u.searchParams.get("q") === target.nip.slice(0, 14));
  await page.getByRole("link", { name: target.full_name }).first().waitFor();
  await page.getByRole("link", { name: target.full_name }).first().click();
  await page.waitForURL(new RegExp(`/employees/${target.id}$`));
  await page.getByText(target.nip).first().waitFor();
  await shot("03-employee-detail");
});

test("an invalid NIP is explained in Indonesian at its field, and the fixed form saves", async () => {
  await page.goto(`${server.base}/employees/new`);
  await heading(/Tambah pegawai|Pegawai baru/);
  const nip = page.getByRole("textbox", { name: "NIP" });
  await nip.fill("19900101201501100");
  await page.getByRole("textbox", { name: "Nama" }).fill("Rahmat Hidayat");
  await page.getByLabel("Unit kerja").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Simpan" }).click();
  await page.getByText("NIP harus tepat 18 digit.").waitFor();
  assert.equal(await nip.getAttribute("aria-invalid"), "true");
  await shot("04-employee-form-error");
  await nip.fill("199001012015011999");
  await page.getByRole("button", { name: "Simpan" }).click();
  await page.waitForURL(/\/employees\/[0-9a-f-]{36}$/);
  await page.getByText("Rahmat Hidayat").first().waitFor();
  await page.getByText("1 Januari 1990", { exact: true }).first().waitFor();
  createdUrl = page.url();
});

test("the other main screens render", async () => {
  await page.goto(`${server.base}/org-units`);
  await page.getByRole("tree").waitFor();
  await shot("05-org-units");
  await page.goto(`${server.base}/positions`);
  await page.locator("tbody tr").first().waitFor();
  await shot("06-positions");
  await page.goto(`${server.base}/users`);
  await page.locator("tbody tr").first().waitFor();
  await shot("07-users");
  await page.goto(`${server.base}/agencies`);
  await page.locator("tbody tr").first().waitFor();
  await shot("08-agencies");
  await page.goto(`${server.base}/`);
  await page.locator(".card").first().waitFor();
  await shot("09-home");
});

test("English is selectable, remembered across a reload, and formats dates the English way", async () => {
  await page.getByLabel("Bahasa", { exact: true }).selectOption("en");
  await nav().getByRole("link", { name: "Employees" }).waitFor();
  await page.reload();
  await nav().getByRole("link", { name: "Employees" }).click();
  await heading("Employees");
  await page.locator("tbody tr").first().waitFor();
  await shot("10-employees-en");
  await page.goto(createdUrl);
  await page.getByText("1 January 1990").first().waitFor();
});

test("the app works at phone width with the navigation behind a toggle", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${server.base}/employees`);
  await page.locator("tbody tr").first().waitFor();
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  assert.equal(await nav.isVisible(), false);
  await page.getByRole("button", { name: "Menu" }).click();
  assert.equal(await nav.isVisible(), true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
  await shot("11-phone");
  await page.setViewportSize({ width: 1366, height: 900 });
});

test("signing out ends the session: the app asks for sign-in again", async () => {
  await page.goto(`${server.base}/employees`);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("E-mail or NIP").waitFor();
  await page.goto(`${server.base}/employees`);
  await page.waitForURL(/\/login/);
});

test("nothing was loaded from another host", () => {
  assert.deepEqual(outside, []);
});
