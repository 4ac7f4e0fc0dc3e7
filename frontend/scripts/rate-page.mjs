// Vite plugins for the citizens' rating page (rate.html, src/rate/): its `/r/{unit_code}` route
// in `npm run dev`/`preview`, and its service worker built into one classic script.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const RATE_SW = "rate-sw.js";

/** The build's pages: the admin SPA and the rating page. */
export const pages = {
  index: join(root, "index.html"),
  rate: join(root, "rate.html"),
};

/** @returns {import("vite").Plugin[]} */
export function ratePage() {
  return [ratePageRoute(), noPreloadPolyfill(), rateServiceWorker()];
}

/**
 * Vite adds its modulepreload polyfill to every page; shared by two pages it would become a
 * chunk of its own, one more request for the SPA. The rating page has no lazy chunks, so it
 * goes without: the SPA's bundle stays as it was.
 * @returns {import("vite").Plugin}
 */
function noPreloadPolyfill() {
  const empty = "\0pembina-rate-no-polyfill";
  return {
    name: "pembina-rate-no-polyfill",
    apply: "build",
    enforce: "pre",
    resolveId: (id, importer) =>
      id === "vite/modulepreload-polyfill" && importer && /[\\/]rate\.html$/.test(importer) ? empty : null,
    load: (id) => (id === empty ? "" : null),
  };
}

/** `/r/{unit_code}` answers with rate.html (the address bar keeps `/r/…`). */
function ratePageRoute() {
  /** @type {import("vite").Connect.NextHandleFunction} */
  const rewrite = (req, _res, next) => {
    const m = req.url ? /^\/r\/[^/?]+\/?(\?.*)?$/.exec(req.url) : null;
    if (m) req.url = `/rate.html${m[1] ?? ""}`;
    next();
  };
  return {
    name: "pembina-rate-route",
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  };
}

/**
 * Builds src/rate/sw.ts into `dist/rate-sw.js` (one classic script, no imports), with the files
 * rate.html loads to precache and a version that changes whenever they or rate.html change.
 * @returns {import("vite").Plugin}
 */
function rateServiceWorker() {
  let outDir = join(root, "dist");
  return {
    name: "pembina-rate-sw",
    apply: "build",
    configResolved: (config) => void (outDir = resolve(config.root, config.build.outDir)),
    async writeBundle(_options, bundle) {
      const manifestAsset = bundle[".vite/manifest.json"];
      const html = bundle["rate.html"];
      if (manifestAsset?.type !== "asset" || html?.type !== "asset") {
        throw new Error("pembina-rate-sw: the build has no manifest or no rate.html");
      }
      /** @type {Record<string, {file: string, css?: string[], imports?: string[]}>} */
      const manifest = JSON.parse(String(manifestAsset.source));
      const files = new Set();
      const visit = (key) => {
        const entry = manifest[key];
        if (!entry || files.has(entry.file)) return;
        files.add(entry.file);
        for (const css of entry.css ?? []) files.add(css);
        for (const imported of entry.imports ?? []) visit(imported);
      };
      visit("rate.html");
      const precache = ["/rate.html", ...[...files].sort().map((f) => `/${f}`)];
      const version = createHash("sha256")
        .update(precache.join("\n"))
        .update(String(html.source))
        .digest("hex")
        .slice(0, 12);
      const result = await build({
        configFile: false,
        root,
        logLevel: "warn",
        publicDir: false,
        define: {
          __RATE_PRECACHE__: JSON.stringify(precache),
          __RATE_VERSION__: JSON.stringify(version),
        },
        build: {
          write: false,
          target: "es2022",
          minify: true,
          lib: { entry: join(root, "src/rate/sw.ts"), formats: ["iife"], name: "pembinaRateSw", fileName: () => RATE_SW },
        },
      });
      const chunk = (Array.isArray(result) ? result : [result])
        .flatMap((o) => ("output" in o ? o.output : []))
        .find((o) => o.type === "chunk");
      if (!chunk) throw new Error("pembina-rate-sw: no service worker was built");
      await writeFile(join(outDir, RATE_SW), chunk.code);
    },
  };
}
