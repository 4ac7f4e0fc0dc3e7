// The public needs survey in a real browser, on a phone, without signing in: the agency admin
// opens a public survey for a service unit (through the API); anyone with its link answers it
// anonymously — a required question is asked for first — and sees the thank-you page; the admin's
// results count the response. Screenshots land in tests/e2e/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { SCREENSHOTS, apiToken, launchBrowser, startPembina } from "./harness.mjs";

const ADMIN = "admin.1771@pembina.local";
const TITLE = "Survei Kebutuhan Pelayanan Puskesmas";

let server;
let chrome;
let token;
let survey;
let link;

async function call(method, path, body) {
  const r = await fetch(`${server.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

before(async () => {
  server = await startPembina();
  chrome = await launchBrowser();
  token = await apiToken(server.base, ADMIN);
  const units = (await call("GET", "/org-units?kind=service_unit&per_page=1")).items;
  assert.equal(units.length, 1, "the demo agency has a service unit");
  survey = await call("POST", "/surveys", {
    title: TITLE,
    audience: "public",
    org_unit_id: units[0].id,
    questions: [
      { text: "Seberapa perlu petugas kami dilatih pelayanan publik?", kind: "likert", competency_code: "M5" },
      { text: "Layanan yang Anda terima", kind: "single_choice", options: ["Pemeriksaan umum", "Imunisasi"] },
    ],
  });
  const opened = await call("POST", `/surveys/${survey.id}/open`);
  link = opened.survey.public_path;
  assert.match(link, /^\/s\/[0-9a-f]+$/);
});

after(async () => {
  await chrome?.close();
  await server?.stop();
});

test("anyone with the link answers on a phone without signing in, and sees the thanks", async () => {
  // An Indonesian phone: the page follows the browser's language.
  const context = await chrome.browser.newContext({ viewport: { width: 375, height: 740 }, locale: "id-ID" });
  const page = await context.newPage();
  const authorised = [];
  page.on("request", (r) => {
    if (r.headers().authorization) authorised.push(r.url());
  });
  await page.goto(`${server.base}${link}`);
  await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
  assert.equal(new URL(page.url()).pathname, link, "no redirect to the sign-in page");
  // Nothing answered: the first question is asked for, nothing is sent.
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  const first = page.getByRole("radiogroup").first();
  await first.getByText("Wajib diisi.").waitFor();
  await first.getByRole("radio").nth(4).check();
  await page.getByRole("radiogroup").nth(1).getByLabel("Imunisasi").check();
  await page.getByRole("button", { name: "Kirim jawaban" }).click();
  await page.getByRole("heading", { name: "Terima kasih!" }).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, "public-survey-thanks.png"), fullPage: true });
  assert.deepEqual(authorised, [], "the public form sends no credentials");
  await context.close();
});

test("the admin's results count the anonymous response", async () => {
  const results = await call("GET", `/surveys/${survey.id}/results`);
  assert.equal(results.responses, 1);
  assert.equal(results.questions[0].mean, 5);
  assert.deepEqual(results.questions[1].distribution, [0, 1]);
});
