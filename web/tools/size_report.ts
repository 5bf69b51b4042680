// Prints the gzip sizes of what the citizen start screen downloads, and fails the build when its
// JavaScript exceeds the budget (issue 4: at most 60 KB gzip). "Start screen" = the entry chunk,
// the chunks of the modules shown on it (news, events and, with an address saved, the waste
// calendar: their lazily loaded chunks), the service worker registration, and everything those
// import statically. The console is not part of it.
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

export function sizeReport(options: { startModules: RegExp[]; budgetBytes: number }): Plugin {
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
      const shown = [...chunks.values()].filter((c) =>
        options.startModules.some((pattern) => c.moduleIds.some((id) => pattern.test(id))),
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
