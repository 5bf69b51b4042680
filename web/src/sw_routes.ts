// Which requests the service worker (src/sw.ts) caches at run time. Plain functions, so that
// web/test/ can check them without a browser.

/**
 * Public reads of the citizen app that are the same for everyone: the city list, a city's
 * manifest, the news, events and services lists and items, the waste calendar's areas and
 * their pickups, and the public reports of the Mängelmelder. Never staff routes (session, settings, staff, tokens, audit, editorial lists,
 * imports, waste admin), feeds or files.
 */
export function isPublicApiRead(pathname: string): boolean {
  const parts = pathname.split("/").filter(Boolean);
  if (parts[0] !== "api" || parts[1] !== "v1" || parts[2] !== "cities") return false;
  if (parts.length <= 4) return parts[3] === undefined || !parts[3].includes(".");
  const [module, item, ...rest] = parts.slice(4);
  if (module === "waste") return isWasteRead(item, rest);
  if (module === "reports") return isReportsRead(item, rest);
  if (module !== "news" && module !== "events" && module !== "services") return false;
  if (rest.length > 0) return false;
  return item === undefined || !(item === "editorial" || item === "imports" || item.includes("."));
}

/**
 * The waste calendar's reads that the screens of a saved address need offline: an area
 * (…/waste/areas/{code}) and its pickups (…/areas/{code}/pickups, one entry per month asked),
 * and the drop-off points. Not the street search and address lookups (typed, one per keystroke,
 * useless offline), the calendar files or the staff routes (…/waste/admin/…).
 */
function isWasteRead(item: string | undefined, rest: string[]): boolean {
  if (item === "dropoffs") return rest.length === 0;
  if (item !== "areas") return false;
  const [code, what, ...more] = rest;
  if (code === undefined || code.includes(".") || more.length > 0) return false;
  return what === undefined || what === "pickups";
}

/**
 * The Mängelmelder's public reads: the list of public reports, their map (map.geojson) and a
 * report (…/reports/{id}). Not "nearby" (asked for one pin, useless later), the staff inbox
 * (…/reports/cases…), or the photos (see isReportPhoto). A request with the reporter's
 * X-Report-Token is personal and never cached (sw.ts checks the header).
 */
function isReportsRead(item: string | undefined, rest: string[]): boolean {
  if (item === undefined) return true;
  if (rest.length > 0) return false;
  return item === "map.geojson" || /^[0-9]+$/.test(item);
}

/** A public report's photo or thumbnail (…/reports/{id}/photos/{n}[/thumbnail]). */
export function isReportPhoto(pathname: string): boolean {
  return /^\/api\/v1\/cities\/[^/]+\/reports\/[0-9]+\/photos\/[0-9]+(\/thumbnail)?$/.test(pathname);
}

/** A city's uploaded images (content-addressed, immutable). */
export function isMedia(pathname: string): boolean {
  return /^\/api\/v1\/cities\/[^/]+\/media\/[^/]+$/.test(pathname);
}
