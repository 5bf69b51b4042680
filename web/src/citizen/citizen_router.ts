// Routes of the citizen app. Every screen has its own URL (deep links work: the server answers
// any extensionless path with index.html). Links stay real <a href>; a click on a link inside
// the app is turned into a History API navigation by one listener (see interceptLinks), so
// modules need no router component of their own.
import { useEffect, useState } from "preact/hooks";
import { webModule } from "../modules/index";

/** Whether the citizen app has screens for the module (src/modules/<name>/module.ts); others get a tile without a link. */
export function isAppModule(name: string): boolean {
  return webModule(name)?.citizen !== undefined;
}

export type CitizenRoute =
  | { kind: "cities" }
  | { kind: "start"; city: string }
  | { kind: "module"; city: string; module: string; id: string | null }
  | { kind: "not-found"; city: string | null };

export const citizenPaths = {
  cities: "/",
  start: (city: string) => `/${encodeURIComponent(city)}`,
  module: (city: string, module: string, id?: string | number) =>
    `/${encodeURIComponent(city)}/${module}${id === undefined ? "" : `/${encodeURIComponent(String(id))}`}`,
};

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function parseCitizenPath(pathname: string): CitizenRoute {
  const parts = pathname.split("/").filter(Boolean).map(decode);
  if (parts.some((p) => p === null)) return { kind: "not-found", city: null };
  const [city, module, ...path] = parts as string[];
  if (city === undefined) return { kind: "cities" };
  if (module === undefined) return { kind: "start", city };
  // Which paths below /{city}/<module> exist, the module says (its module.ts); its screen tells
  // them apart by the first segment (e.g. /reports/new, /reports/mine, /reports/{id}).
  const routes = webModule(module)?.citizen;
  if (routes === undefined || !routes.accepts(path)) return { kind: "not-found", city };
  return { kind: "module", city, module, id: path[0] ?? null };
}

type Listener = () => void;
const listeners = new Set<Listener>();
let focusPending = false;
let navigated = false;

/**
 * True once after an in-app navigation: the new page's heading takes the focus (see PageHeading).
 * Also true when, after any in-app navigation, the focus has fallen back to <body>: a focused
 * heading that was re-rendered away can lose it before the next heading mounts.
 */
export function takePendingFocus(): boolean {
  const pending =
    focusPending || (navigated && (document.activeElement === null || document.activeElement === document.body));
  focusPending = false;
  return pending;
}

/** A focused page heading that goes away (its screen re-rendered) hands the focus on to the next. */
export function returnFocus(): void {
  focusPending = true;
}

function notify(): void {
  for (const listener of listeners) listener();
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const url = new URL(href, location.href);
  if (url.pathname === location.pathname && url.search === location.search) return;
  focusPending = true;
  navigated = true;
  if (options.replace === true) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  window.scrollTo(0, 0);
  notify();
}

window.addEventListener("popstate", () => {
  focusPending = true;
  navigated = true;
  notify();
});

/** The current location (path and query), re-rendering on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const update = () => setVersion((v) => v + 1);
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return { pathname: location.pathname, search: new URLSearchParams(location.search) };
}

/** Whether a link leads to a screen of this app (not the console, the API, a file or elsewhere). */
function isAppLink(anchor: HTMLAnchorElement): boolean {
  if (anchor.hasAttribute("download") || (anchor.target !== "" && anchor.target !== "_self")) return false;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin) return false;
  // A jump within the page (the skip link): the browser's own behaviour.
  if (url.hash !== "" && url.pathname === location.pathname && url.search === location.search) return false;
  const path = url.pathname;
  if (path === "/console" || path.startsWith("/console/") || path.startsWith("/api/")) return false;
  return !/\.[a-z0-9]+$/i.test(path);
}

/**
 * Turns plain left clicks on in-app links below `root` into History API navigations; modified
 * clicks (new tab, new window) and everything else keep the browser's behaviour.
 */
export function interceptLinks(root: HTMLElement): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!(anchor instanceof HTMLAnchorElement) || !isAppLink(anchor)) return;
    event.preventDefault();
    navigate(anchor.href);
  };
  root.addEventListener("click", onClick);
  return () => root.removeEventListener("click", onClick);
}
