// Starts `pembina serve --demo` on a temporary SQLite database and a free port, and Debian's
// chromium driven by playwright-core (never a browser downloaded by a tool).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SCREENSHOTS = join(root, "tests/e2e/screenshots");
export const DEMO_PASSWORD = "Pembina#2026";

const CHROMIUM = process.env.PEMBINA_CHROMIUM ?? "/usr/bin/chromium";

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitReady(base, child, log) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pembina exited early (${child.exitCode}):\n${log.join("")}`);
    try {
      const r = await fetch(`${base}/api/v1/ready`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`pembina did not become ready:\n${log.join("")}`);
}

export async function startPembina() {
  const bin = join(root, "target/debug/pembina");
  const dist = join(root, "frontend/dist");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`make build\` first`);
  if (!existsSync(join(dist, "index.html"))) throw new Error(`${dist} is missing: build the SPA first`);
  const dir = mkdtempSync(join(tmpdir(), "pembina-e2e-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  const child = spawn(bin, ["serve", "--demo", "--bind", `127.0.0.1:${port}`], {
    cwd: root,
    env: {
      ...process.env,
      PEMBINA_DATABASE_URL: `sqlite://${dir}/e2e.db?mode=rwc`,
      PEMBINA_FRONTEND_DIR: dist,
      PEMBINA_DEMO_PASSWORD: DEMO_PASSWORD,
      PEMBINA_LOG__LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => log.push(String(d)));
  child.stderr.on("data", (d) => log.push(String(d)));
  await waitReady(base, child, log);
  return {
    base,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  // playwright-core gives every launch a fresh, temporary profile.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** Signs in through the API (for arranging data), returning an access token. */
export async function apiToken(base, username, password = DEMO_PASSWORD) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  return (await r.json()).access_token;
}
