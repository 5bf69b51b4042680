// Service-worker rules that several modules share (see ServiceWorkerRules in
// src/modules/web_module.ts).

/**
 * An editorial module's public reads: its list (…/<name>) and an item (…/<name>/{id or slug}).
 * Not its staff routes (…/editorial…, …/imports…), feeds or files (…/feed.rss, …/event.ics).
 */
export function isListOrItemRead(path: string[]): boolean {
  const [item, ...rest] = path;
  if (rest.length > 0) return false;
  return item === undefined || !(item === "editorial" || item === "imports" || item.includes("."));
}
