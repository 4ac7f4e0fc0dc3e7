import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { pages, ratePage } from "./scripts/rate-page.mjs";

// Two pages, both served by Pembina itself: the admin SPA (index.html, at `/`) and the
// citizens' rating page (rate.html, at `/r/{unit_code}`: vanilla TypeScript in src/rate, its own
// tiny bundle and service worker). During `npm run dev` the API is proxied.
export default defineConfig({
  plugins: [react(), ratePage()],
  build: {
    outDir: "dist",
    manifest: true,
    sourcemap: false,
    target: "es2022",
    rolldownOptions: { input: pages },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080", "/docs": "http://127.0.0.1:8080" },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    restoreMocks: true,
    // A guard against hangs, not a speed check: the longest form tests type character by
    // character and take several seconds on a busy two-core machine.
    testTimeout: 30_000,
  },
});
