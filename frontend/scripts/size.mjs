// Reports the gzipped size of the JavaScript a first visit loads (the entry chunk and the
// chunks it imports statically) and fails above the budget. Lazy routes are not counted.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 250;
const manifest = JSON.parse(readFileSync("dist/.vite/manifest.json", "utf8"));
const entry = Object.values(manifest).find((c) => c.isEntry);
if (!entry) {
  console.error("no entry chunk in dist/.vite/manifest.json: run `npm run build` first");
  process.exit(1);
}
const seen = new Set();
const visit = (chunk) => {
  if (seen.has(chunk.file)) return;
  seen.add(chunk.file);
  for (const key of chunk.imports ?? []) visit(manifest[key]);
};
visit(entry);
let raw = 0;
let gzip = 0;
for (const file of seen) {
  const bytes = readFileSync(`dist/${file}`);
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`initial JavaScript: ${seen.size} file(s), ${kb(raw)} KB raw, ${kb(gzip)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (gzip > BUDGET_KB * 1024) {
  console.error(`over budget by ${kb(gzip - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
