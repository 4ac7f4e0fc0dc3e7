// Reports gzipped sizes of what a first visit loads and fails above the budgets:
//  - the admin SPA (index.html): the entry chunk and the chunks it imports statically (lazy
//    routes are not counted);
//  - the citizens' rating page (rate.html, opened from a QR code on a cheap phone): its
//    JavaScript and CSS, and its service worker (rate-sw.js), which the first visit fetches too.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const SPA_BUDGET_KB = 250;
const RATE_BUDGET_KB = 15;

const manifest = JSON.parse(readFileSync("dist/.vite/manifest.json", "utf8"));
const kb = (n) => (n / 1024).toFixed(1);

/** The files a page loads up front: its entry, static imports and their CSS. */
function pageFiles(key, { css }) {
  const entry = manifest[key];
  if (!entry?.isEntry) {
    console.error(`no entry for ${key} in dist/.vite/manifest.json: run \`npm run build\` first`);
    process.exit(1);
  }
  const files = new Set();
  const visit = (chunk) => {
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    if (css) for (const f of chunk.css ?? []) files.add(f);
    for (const k of chunk.imports ?? []) visit(manifest[k]);
  };
  visit(entry);
  return [...files];
}

function measure(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(`dist/${file}`);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

let failed = false;
function check(label, files, budgetKb) {
  const { raw, gzip } = measure(files);
  console.log(`${label}: ${files.length} file(s), ${kb(raw)} KB raw, ${kb(gzip)} KB gzipped (budget ${budgetKb} KB)`);
  if (gzip > budgetKb * 1024) {
    console.error(`  over budget by ${kb(gzip - budgetKb * 1024)} KB`);
    failed = true;
  }
}

check("initial JavaScript", pageFiles("index.html", { css: false }), SPA_BUDGET_KB);

if (!existsSync("dist/rate-sw.js")) {
  console.error("dist/rate-sw.js is missing: run `npm run build` first");
  process.exit(1);
}
check("rating page JS+CSS+service worker", [...pageFiles("rate.html", { css: true }), "rate-sw.js"], RATE_BUDGET_KB);

if (failed) process.exit(1);
