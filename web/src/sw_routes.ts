// Which requests the service worker (src/sw.ts) caches at run time. Plain functions, so that
// web/test/ can check them without a browser.

/**
 * Public reads of the citizen app that are the same for everyone: the city list, a city's
 * manifest, and the news, events and services lists and items. Never staff routes (session,
 * settings, staff, tokens, audit, editorial lists, imports), feeds or files.
 */
export function isPublicApiRead(pathname: string): boolean {
  const parts = pathname.split("/").filter(Boolean);
  if (parts[0] !== "api" || parts[1] !== "v1" || parts[2] !== "cities") return false;
  if (parts.length <= 4) return parts[3] === undefined || !parts[3].includes(".");
  const [module, item, ...rest] = parts.slice(4);
  if (module !== "news" && module !== "events" && module !== "services") return false;
  if (rest.length > 0) return false;
  return item === undefined || !(item === "editorial" || item === "imports" || item.includes("."));
}

/** A city's uploaded images (content-addressed, immutable). */
export function isMedia(pathname: string): boolean {
  return /^\/api\/v1\/cities\/[^/]+\/media\/[^/]+$/.test(pathname);
}
