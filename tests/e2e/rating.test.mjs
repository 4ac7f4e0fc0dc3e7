// A citizen rates a Puskesmas from a phone through the unit's QR link, without signing in: the
// small rating page opens at /r/{code}, the form asks for what is missing, the rating is sent
// and thanked for; the admin's satisfaction index counts it. Then the phone goes offline: the
// page still opens from its service worker, a rating made offline is kept, and it is sent —
// once — when the connection returns. Screenshots land in tests/e2e/screenshots/.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { SCREENSHOTS, apiToken, launchBrowser, startPembina } from "./harness.mjs";

const ADMIN = "admin.1771@pembina.local";

let server;
let chrome;
let token;
let unit;
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

// The last year up to tomorrow (UTC and WIB may differ by a day).
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const satisfaction = () => call("GET", `/org-units/${unit.id}/satisfaction?from=${day(-364)}&to=${day(1)}`);

async function fill(page, score) {
  await page.locator("#service_type").fill("Pemeriksaan umum");
  for (const code of ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"]) {
    await page.locator(`[id="${code}-${score}"]`).check();
  }
  await page.locator("#sex-female").check();
  await page.locator('[id="age_band-30_39"]').check();
  await page.locator("#respondent-education").selectOption("sma");
  await page.locator("#respondent-occupation").selectOption("entrepreneur");
}

before(async () => {
  server = await startPembina();
  chrome = await launchBrowser();
  token = await apiToken(server.base, ADMIN);
  const units = (await call("GET", "/org-units?kind=service_unit&per_page=1")).items;
  assert.equal(units.length, 1, "the demo agency has a service unit");
  unit = units[0];
  const l = await call("GET", `/org-units/${unit.id}/rating-link`);
  const url = new URL(l.url);
  link = `${url.pathname}${url.search}`;
  assert.match(link, /^\/r\/1771-[^/?]+\?t=/);
});

after(async () => {
  await chrome?.close();
  await server?.stop();
});

test("a citizen rates the unit on a phone without signing in, and the admin's index counts it", async () => {
  const before = await satisfaction();
  const context = await chrome.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID" });
  const page = await context.newPage();
  const authorised = [];
  page.on("request", (r) => {
    if (r.headers().authorization) authorised.push(r.url());
  });
  await page.goto(`${server.base}${link}`);
  // The unit's name comes from its link.
  await page.getByText(unit.name).first().waitFor();
  // Nothing filled in: the first missing field is asked for and nothing is sent.
  await page.locator("#submit").click();
  await page.locator('[id="service_type-error"]').waitFor();
  assert.equal(await page.locator("#done").count(), 0);
  await fill(page, 4);
  await page.locator("#waiting_minutes").fill("25");
  await page.locator("#submit").click();
  await page.getByRole("heading", { name: "Terima kasih!" }).waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, "rating-thanks.png"), fullPage: true });
  assert.deepEqual(authorised, [], "the rating page sends no credentials");
  await context.close();

  const after = await satisfaction();
  assert.equal(after.respondents, before.respondents + 1);
  if (before.respondents === 0) {
    // One respondent who answered 4 everywhere: NRR 4 on every element, IKM 4, score 100, grade A.
    assert.equal(after.score, 100);
    assert.equal(after.grade, "A");
  }
});

test("offline, the page still opens and a rating made then is sent once when the connection returns", async () => {
  const before = await satisfaction();
  const context = await chrome.browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID" });
  const page = await context.newPage();
  await page.goto(`${server.base}${link}`);
  // Wait until the service worker controls the page, so the shell is cached.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.reload();
  await page.locator("#submit").waitFor();
  await fill(page, 3);
  await page.locator("#submit").click();
  await page.getByText("Tersimpan, akan dikirim saat koneksi kembali").first().waitFor();
  assert.equal((await satisfaction()).respondents, before.respondents, "nothing reached the server offline");
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  // Sent once: the count goes up by exactly one and stays there.
  for (let i = 0; i < 100 && (await satisfaction()).respondents === before.respondents; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal((await satisfaction()).respondents, before.respondents + 1);
  await page.reload();
  await page.locator("#submit").waitFor();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await satisfaction()).respondents, before.respondents + 1, "not sent twice");
  await context.close();
});
