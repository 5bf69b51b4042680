// Which requests the service worker (src/sw.ts) caches at run time: the platform's own public
// reads here, each module's from its declaration (ServiceWorkerRules in
// src/modules/<name>/module.ts). Plain functions, so that web/test/ can check them without a
// browser.
import { webModule, webModules } from "./modules/index";
import type { FileCacheRule } from "./modules/web_module";

/** [module, ...path] below /api/v1/cities/{city}/, or null for another path or a city's own route. */
function modulePath(pathname: string): string[] | null {
  const parts = pathname.split("/").filter(Boolean);
  if (parts[0] !== "api" || parts[1] !== "v1" || parts[2] !== "cities" || parts.length <= 4) return null;
  return parts.slice(4);
}

/**
 * Public reads of the citizen app that are the same for everyone: the city list, a city's
 * manifest, and what each module's rules allow (news, events and services lists and items, the
 * waste calendar's areas and their pickups, the Mängelmelder's public reports). Never the
 * platform's staff routes (session, settings, staff, tokens, audit), a module without rules, or
 * a city's files (manifest.webmanifest).
 */
export function isPublicApiRead(pathname: string): boolean {
  const parts = pathname.split("/").filter(Boolean);
  if (parts[0] !== "api" || parts[1] !== "v1" || parts[2] !== "cities") return false;
  if (parts.length <= 4) return parts[3] === undefined || !parts[3].includes(".");
  const [name = "", ...path] = parts.slice(4);
  return webModule(name)?.serviceWorker?.isPublicRead(path) ?? false;
}

/** The module's cache for a file like a public report's photo, or null when it has none. */
export function fileCacheOf(pathname: string): FileCacheRule | null {
  const [name = "", ...path] = modulePath(pathname) ?? [];
  const files = webModule(name)?.serviceWorker?.files;
  return files !== undefined && files.matches(path) ? files : null;
}

/** The modules' file caches, each a route of its own in the service worker. */
export function fileCaches(): { module: string; rule: FileCacheRule }[] {
  return webModules.flatMap((m) =>
    m.serviceWorker?.files === undefined ? [] : [{ module: m.name, rule: m.serviceWorker.files }],
  );
}

/** A city's uploaded images (content-addressed, immutable). */
export function isMedia(pathname: string): boolean {
  return /^\/api\/v1\/cities\/[^/]+\/media\/[^/]+$/.test(pathname);
}
