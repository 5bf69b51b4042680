// Console routes live under /console; the chosen city is a remembered preference, not part of
// the path. Navigation uses the History API; links stay real <a href> so they work with
// keyboard, middle click and "open in new tab".
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

export type ConsoleRoute =
  | { kind: "overview" }
  | { kind: "staff" }
  | { kind: "tokens" }
  | { kind: "audit" }
  | { kind: "settings" }
  /** A module's screens; `rest` is the path below /console/modules/<module> (e.g. ["new"]). */
  | { kind: "module"; module: string; rest: string[] }
  | { kind: "not-found" };

export const consolePaths = {
  overview: "/console",
  staff: "/console/staff",
  tokens: "/console/tokens",
  audit: "/console/audit",
  settings: "/console/settings",
  module: (name: string) => `/console/modules/${encodeURIComponent(name)}`,
};

export function parseConsolePath(pathname: string): ConsoleRoute {
  const parts = pathname.replace(/\/+$/, "").split("/").filter(Boolean).slice(1);
  if (parts.length === 0) return { kind: "overview" };
  const [first, second] = parts;
  if (parts.length === 1 && (first === "staff" || first === "tokens" || first === "audit" || first === "settings"))
    return { kind: first };
  if (parts.length >= 2 && first === "modules" && second !== undefined) {
    try {
      return { kind: "module", module: decodeURIComponent(second), rest: parts.slice(2).map(decodeURIComponent) };
    } catch {
      return { kind: "not-found" };
    }
  }
  return { kind: "not-found" };
}

const listeners = new Set<() => void>();
let navigated = false;

/** True once the person has moved inside the app (then headings take focus on arrival). */
export function hasNavigated(): boolean {
  return navigated;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
  navigated = true;
  if (options.replace === true) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  for (const listener of listeners) listener();
}

window.addEventListener("popstate", () => {
  navigated = true;
  for (const listener of listeners) listener();
});

/** The current location.pathname, re-rendering on navigation. */
export function usePathname(): string {
  const [pathname, setPathname] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPathname(location.pathname);
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return pathname;
}

interface LinkProps {
  href: string;
  children: ComponentChildren;
  current?: boolean;
}

/** An <a> that navigates inside the app on a plain left click. */
export function Link({ href, children, current = false }: LinkProps) {
  return (
    <a
      href={href}
      aria-current={current ? "page" : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
