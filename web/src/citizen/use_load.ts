// Loading data for a screen. Every load runs again when the connection comes back or when the
// service worker first takes control of the page (so the screen's data lands in its cache):
// fresh data then replaces what is shown, without a loading state in between.
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/http";

export type Load<T> =
  { state: "loading" } | { state: "ready"; data: T; refreshing: boolean } | { state: "failed"; error: unknown };

/** A number that grows whenever data should be fetched again (see CitizenApp). */
export const RefreshContext = createContext(0);

/**
 * Runs `load` when `key` changes (and on refresh) and returns its state. A failed refresh keeps
 * the data already shown.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Load<T> {
  const refresh = useContext(RefreshContext);
  const [result, setResult] = useState<{ key: string; load: Load<T> }>({ key, load: { state: "loading" } });
  useEffect(() => {
    let current = true;
    setResult((previous) =>
      previous.key === key && previous.load.state === "ready"
        ? { key, load: { ...previous.load, refreshing: true } }
        : { key, load: { state: "loading" } },
    );
    load().then(
      (data) => current && setResult({ key, load: { state: "ready", data, refreshing: false } }),
      (error: unknown) =>
        current &&
        setResult((previous) =>
          previous.key === key && previous.load.state === "ready"
            ? { key, load: { ...previous.load, refreshing: false } }
            : { key, load: { state: "failed", error } },
        ),
    );
    return () => {
      current = false;
    };
  }, [key, refresh]);
  // While the effect for a new key has not run yet, the old key's result must not show.
  return result.key === key ? result.load : { state: "loading" };
}

/** The HTTP status of a failed load, or null when the server was not reached at all. */
export function failureStatus(error: unknown): number | null {
  return error instanceof ApiError ? error.status : null;
}
