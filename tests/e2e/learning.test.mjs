// E-learning end to end in a real browser, on a phone-sized screen: an employee of Kota Bengkulu
// finds the demo's e-learning programme under "Pembelajaran Saya", registers, studies the first
// module, is told to pass the second module's quiz before marking it done, fails the quiz once,
// passes it, finishes the module and so the programme; the JP appear in their ledger, and the
// certificate code verifies on the public page without signing in (and a mistyped code does not).
// The phones are set to Indonesian. Screenshots land in tests/e2e/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { SCREENSHOTS, DEMO_PASSWORD, apiToken, launchBrowser, startPembina } from "./harness.mjs";

const ADMIN = "admin.1771@pembina.local";
const PROGRAMME = "Dasar-Dasar Pelayanan Publik";

let server;
let chrome;
let phone;
let learner;
let code;
const outside = [];

async function getJson(path, token) {
  const r = await fetch(`${server.base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
  return r.json();
}

async function newPage(viewport) {
  const context = await chrome.browser.newContext({ viewport, locale: "id-ID", acceptDownloads: true });
  context.on("request", (r) => {
    const url = new URL(r.url());
    if (!["data:", "blob:"].includes(url.protocol) && !["127.0.0.1", "localhost"].includes(url.hostname)) outside.push(r.url());
  });
  return context.newPage();
}

before(async () => {
  server = await startPembina();
  chrome = await launchBrowser();
  phone = await newPage({ width: 390, height: 844 });
  // Looking the demo data up: an employee of Kota Bengkulu with an account.
  const token = await apiToken(server.base, ADMIN);
  const accounts = (await getJson("/users?role=employee&per_page=200", token)).items;
  learner = accounts.find((u) => u.employee_id && !u.roles.includes("supervisor"));
  assert.ok(learner, "a Kota Bengkulu employee has an account");
});

after(async () => {
  await chrome?.close();
  await server?.stop();
});

const shot = (page, name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const heading = (page, name, level = 1) => page.getByRole("heading", { level, name }).waitFor();

test("an employee registers, passes the module quiz and completes the e-learning programme", async () => {
  await phone.goto(`${server.base}/login`);
  await phone.getByLabel("Email atau NIP").fill(learner.email);
  await phone.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
  await phone.getByRole("button", { name: "Masuk" }).click();
  await phone.waitForURL(`${server.base}/`);

  await phone.goto(`${server.base}/learning`);
  await heading(phone, "Pembelajaran Saya");
  const open = phone.getByRole("region", { name: "Angkatan yang dapat saya ikuti" });
  const card = open.getByRole("article", { name: PROGRAMME });
  await card.getByRole("button", { name: /^Daftar/ }).click();

  // The session moves from the open ones to the employee's own.
  const mine = phone.getByRole("region", { name: "Program yang saya ikuti" });
  await mine.getByRole("article", { name: PROGRAMME }).getByRole("link", { name: /Mulai belajar/ }).click();
  await heading(phone, "Modul 1: Standar Pelayanan", 2);
  await shot(phone, "learning-player-phone");

  // Module 1 has no quiz: marked done at once, then on to module 2.
  await phone.getByRole("button", { name: "Tandai selesai" }).click();
  await phone.getByText("Modul ini sudah selesai.").waitFor();
  await phone.getByRole("button", { name: "Lanjut ke berikutnya" }).click();
  await heading(phone, "Modul 2: Menangani Pengaduan", 2);

  // Marking module 2 done before passing its quiz is refused with a clear message.
  await phone.getByRole("button", { name: "Tandai selesai" }).click();
  await phone.getByText(/kuis/i).first().waitFor();

  const quiz = phone.getByRole("form", { name: /^Kuis/ });
  // A wrong attempt first: 0 of 2 does not pass the 50 % mark.
  await quiz.getByRole("radiogroup").nth(0).getByRole("radio", { name: "SIASN" }).check();
  await quiz.getByRole("radiogroup").nth(1).getByRole("radio", { name: "Diabaikan bila lisan" }).check();
  await quiz.getByRole("button", { name: "Kirim jawaban" }).click();
  const result = phone.getByTestId("quiz-result");
  await result.getByText(/Belum lulus/).waitFor();
  assert.match(await result.textContent(), /0 dari 2 benar/);
  await result.getByRole("button", { name: "Coba lagi" }).click();
  await quiz.getByRole("radiogroup").nth(0).getByRole("radio", { name: "SP4N-LAPOR!" }).check();
  await quiz.getByRole("radiogroup").nth(1).getByRole("radio", { name: "Dicatat dan diberi nomor" }).check();
  await quiz.getByRole("button", { name: "Kirim jawaban" }).click();
  await result.getByText(/^Lulus/).waitFor();

  await phone.getByRole("button", { name: "Tandai selesai" }).click();
  await heading(phone, "Selamat, Anda telah menyelesaikan program ini!", 2);
  code = (await phone.getByTestId("certificate-code").textContent()).trim();
  assert.match(code, /^PBN-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await shot(phone, "learning-completed-phone");

  // The JP are in the employee's ledger for this year.
  const token = await apiToken(server.base, learner.email);
  const year = new Date().getFullYear();
  const ledger = await getJson(`/me/jp?year=${year}`, token);
  const credit = ledger.credits.find((c) => c.source === "session");
  assert.ok(credit, "a session credit is in the ledger");
  assert.equal(credit.jp, 6);
  assert.match(credit.title, new RegExp(PROGRAMME));
  await phone.goto(`${server.base}/me/jp`);
  await phone.getByText(credit.title).waitFor();
  await shot(phone, "learning-ledger-phone");
});

test("the certificate verifies on the public page without signing in; a mistyped code does not", async () => {
  assert.ok(code, "the previous test produced a certificate code");
  const visitor = await newPage({ width: 390, height: 844 });
  await visitor.goto(`${server.base}/c/${code.toLowerCase()}`);
  await visitor.getByRole("heading", { name: "Sertifikat sah" }).waitFor();
  await visitor.getByText(PROGRAMME).first().waitFor();
  await visitor.getByText("6 JP").waitFor();
  await shot(visitor, "certificate-verified");

  const typo = code.slice(0, -1) + (code.endsWith("A") ? "B" : "A");
  await visitor.goto(`${server.base}/c/${typo}`);
  await visitor.getByRole("heading", { name: "Sertifikat tidak ditemukan" }).waitFor();
  assert.deepEqual(outside, [], "the pages load nothing from outside Pembina");
});
