// Fails when src/api/schema.gen.ts is not what openapi-typescript makes of ../openapi/openapi.json.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "pembina-api-"));
const fresh = join(dir, "schema.gen.ts");
try {
  execFileSync("npx", ["openapi-typescript", "../openapi/openapi.json", "-o", fresh], { stdio: "ignore" });
  if (readFileSync(fresh, "utf8") !== readFileSync("src/api/schema.gen.ts", "utf8")) {
    console.error("src/api/schema.gen.ts is stale: run `npm run gen:api` (or `make openapi`) and commit it");
    process.exit(1);
  }
  console.log("src/api/schema.gen.ts is up to date");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
