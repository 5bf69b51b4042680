// Prints the gzip sizes of what the citizen start screen downloads, and fails the build when its
// JavaScript exceeds the budget (issue 4: at most 60 KB gzip). "Start screen" = the entry chunk,
// the chunks of the modules with a part on it (what their declarations, src/modules/<name>/module.ts,
// load with import(), the console's screens left out), the service worker registration, and
// everything those import statically. The console is not part of it.
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

interface ChunkLike {
  type: "chunk";
  fileName: string;
  code: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  moduleIds: string[];
  imports: string[];
  viteMetadata?: { importedCss: Set<string> };
}
interface AssetLike {
  type: "asset";
  fileName: string;
  source: string | Uint8Array;
}

const gzipSize = (data: string | Uint8Array) => gzipSync(data, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export interface SizeReportOptions {
  /** Module ids (path suffixes) of the declarations whose dynamically imported chunks count. */
  startDeclarations: string[];
  /** Source files among those imports that are not part of the start screen (the console's). */
  notOnStart: RegExp;
  /** Further sources whose chunks count. */
  startModules: RegExp[];
  budgetBytes: number;
}

export function sizeReport(options: SizeReportOptions): Plugin {
  return {
    name: "mosaik-size-report",
    apply: "build",
    generateBundle(_output, bundle) {
      const files = Object.values(bundle) as unknown as (ChunkLike | AssetLike)[];
      const chunks = new Map(files.filter((f): f is ChunkLike => f.type === "chunk").map((c) => [c.fileName, c]));
      const assets = new Map(files.filter((f): f is AssetLike => f.type === "asset").map((a) => [a.fileName, a]));
      const closure = (roots: ChunkLike[]) => {
        const seen = new Set<string>();
        const visit = (chunk: ChunkLike) => {
          if (seen.has(chunk.fileName)) return;
          seen.add(chunk.fileName);
          for (const name of chunk.imports) {
            const next = chunks.get(name);
            if (next) visit(next);
          }
        };
        roots.forEach(visit);
        return [...seen].map((name) => chunks.get(name)).filter((c): c is ChunkLike => c !== undefined);
      };
      const entries = [...chunks.values()].filter((c) => c.isEntry);
      const startIds = new Set<string>();
      for (const id of this.getModuleIds())
        if (options.startDeclarations.some((suffix) => id.endsWith(suffix)))
          for (const loaded of this.getModuleInfo(id)?.dynamicallyImportedIds ?? [])
            if (!options.notOnStart.test(loaded)) startIds.add(loaded);
      if (startIds.size === 0) this.error("no start screen chunks found: are the module declarations in the build?");
      const shown = [...chunks.values()].filter((c) =>
        c.moduleIds.some((id) => startIds.has(id) || options.startModules.some((pattern) => pattern.test(id))),
      );
      const initial = closure(entries);
      const start = closure([...entries, ...shown]);
      const css = new Set(start.flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]));

      const rows = start.map((c) => [c.fileName, gzipSize(c.code)] as const).sort((a, b) => b[1] - a[1]);
      const initialJs = initial.reduce((sum, c) => sum + gzipSize(c.code), 0);
      const startJs = rows.reduce((sum, [, size]) => sum + size, 0);
      const startCss = [...css].reduce((sum, name) => {
        const asset = assets.get(name);
        return sum + (asset ? gzipSize(asset.source) : 0);
      }, 0);
      const lines = [
        "",
        "Citizen start screen (gzip):",
        ...rows.map(([name, size]) => `  ${name.padEnd(48)} ${kb(size).padStart(9)}`),
        `  JS of the entry alone:         ${kb(initialJs)}`,
        `  JS of the start screen:        ${kb(startJs)} (budget ${kb(options.budgetBytes)})`,
        `  CSS of the start screen:       ${kb(startCss)}`,
        "",
      ];
      console.log(lines.join("\n"));
      if (startJs > options.budgetBytes)
        this.error(
          `the start screen's JavaScript is ${kb(startJs)} gzip, over the budget of ${kb(options.budgetBytes)}`,
        );
    },
  };
}
