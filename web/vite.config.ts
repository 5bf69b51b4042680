import { defineConfig } from "vite";

// One SPA for citizens and staff. The console is a separate chunk loaded by a dynamic import
// (see src/main.tsx), so the citizen entry stays small. No inline scripts or styles end up in
// index.html: the server's Content-Security-Policy allows only 'self'.
export default defineConfig({
  oxc: {
    jsx: { runtime: "automatic", importSource: "preact" },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Inlined assets would become data: URLs for scripts/styles, which the CSP refuses.
    assetsInlineLimit: 0,
    // No <link rel="modulepreload"> polyfill: it is an inline-free module but unneeded for
    // the browsers we support (all support modulepreload).
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Letters and digits only, so the server recognises "name-HASH.ext" as immutable.
        hashCharacters: "base36",
      },
    },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
