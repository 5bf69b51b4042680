import { defineConfig, runnerImport, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { sizeReport } from "./tools/size_report";

/** Source files of the staff console, which citizens never load. */
const consoleOnly = /\/src\/(console|modules\/[^/]+\/console)\//;

/** A module's code, src/modules/<name>/… (its declaration, module.ts, and what that imports). */
const moduleCode = /\/src\/modules\//;
const noScreens = "\0mosaik-no-screens";

/**
 * For the service worker's build: it reads the modules' declarations for their rules, never
 * their screens, so what module code loads with import() (the screens, the report queue) stays
 * out of sw.js; an IIFE bundle would otherwise inline all of it.
 */
function screensLeftOut(): Plugin {
  return {
    name: "mosaik-screens-left-out",
    enforce: "pre",
    resolveId(_source, importer, options) {
      const kind = (options as { kind?: string }).kind;
      return importer !== undefined && moduleCode.test(importer) && kind === "dynamic-import" ? noScreens : null;
    },
    load(id) {
      return id === noScreens ? "export {};" : null;
    },
  };
}

// The module list (src/modules/index.ts), read here for the start screen's budget: the modules
// with a part on the start screen count with the chunks their declarations load.
const { module: moduleList } = await runnerImport<{
  webModules: readonly { name: string; citizen?: { start?: object } }[];
}>("./src/modules/index.ts", {
  configFile: false,
  logLevel: "silent",
});
const startDeclarations = moduleList.webModules
  .filter((m) => m.citizen?.start !== undefined)
  .map((m) => `/src/modules/${m.name}/module.ts`);

// One SPA for citizens and staff. The console is a separate chunk loaded by a dynamic import
// (see src/main.tsx), so the citizen entry stays small; so is each citizen module
// (src/modules/<name>/). No inline scripts or styles end up in index.html: the server's
// Content-Security-Policy allows only 'self'.
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
        // Chunks of the staff console only (src/console/, src/modules/<name>/console/, the
        // packages only they use, the bundler's virtual helpers) are named "console-…", so the
        // citizen app's service worker leaves them out (see below).
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => consoleOnly.test(id)) &&
          chunk.moduleIds.every((id) => consoleOnly.test(id) || id.includes("/node_modules/") || !id.startsWith("/"))
            ? "assets/console-[name]-[hash].js"
            : "assets/[name]-[hash].js",
      },
    },
  },
  plugins: [
    // The service worker (src/sw.ts) with Workbox from npm, bundled into dist/sw.js with the
    // precache manifest injected. No web app manifest here: mosaikd serves one per city at
    // /api/v1/cities/{city}/manifest.webmanifest.
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src",
      filename: "sw.ts",
      registerType: "prompt",
      injectRegister: false,
      manifest: false,
      injectManifest: {
        rollupFormat: "iife",
        globPatterns: ["**/*.{html,js,css,svg,png,ico,txt}"],
        // The staff console is not part of the citizen app's offline shell (the style sheets of a
        // module's console screens are named after their chunk, e.g. reports_console-….css).
        globIgnores: ["**/console_app-*", "**/console-*", "**/*_console-*", "sw.js"],
        buildPlugins: { vite: [screensLeftOut()] },
      },
    }),
    sizeReport({
      // Every module with a part on the start screen counts, even one that shows it only to some
      // (the waste calendar once the person saved an address); its console screens do not.
      startDeclarations,
      notOnStart: consoleOnly,
      startModules: [/pwa-register|workbox-window/],
      budgetBytes: 60 * 1024,
    }),
  ],
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
