import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The SPA is served by Pembina itself at `/`; during `npm run dev` the API is proxied.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    manifest: true,
    sourcemap: false,
    target: "es2022",
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
