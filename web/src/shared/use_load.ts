// The one way a screen loads data, in the citizen app and the console alike. Every load runs
// again when the connection comes back or when the service worker first takes control of the
// page (RefreshContext, see CitizenApp: the screen's data then lands in its cache), and on
// reload(): fresh data then replaces what is shown, without a loading state in between.
import { createContext } from "preact";
import { useCallback, useContext, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/http";

type LoadState<T> =
  { state: "loading" } | { state: "ready"; data: T; refreshing: boolean } | { state: "failed"; error: unknown };

/** A load's state, and `reload` to ask again (the data shown stays meanwhile). */
export type Load<T> = LoadState<T> & { reload: () => void };

/** A number that grows whenever data should be fetched again (see CitizenApp). */
export const RefreshContext = createContext(0);

/** Told of every failed load below it: the console ends a lost session here (ConsoleShell). */
export const LoadFailureContext = createContext<(error: unknown) => void>(() => {});

/** The handler of failed loads for loads that do not go through useLoad (a list's next page). */
export function useLoadFailure(): (error: unknown) => void {
  return useContext(LoadFailureContext);
}

/**
 * Runs `load` when `key` changes (and on refresh or reload) and returns its state. A failed
 * refresh keeps the data already shown. `known` may give the key's data at once (a chunk loaded
 * before): then it shows without a loading state, and `load` runs only on a refresh or reload.
 */
export function useLoad<T>(load: () => Promise<T>, key: string, known?: () => T | undefined): Load<T> {
  const refresh = useContext(RefreshContext);
  const failed = useContext(LoadFailureContext);
  const [version, setVersion] = useState(0);
  const knownNow = (): LoadState<T> | null => {
    const data = known?.();
    return data === undefined ? null : { state: "ready", data, refreshing: false };
  };
  const [result, setResult] = useState<{ key: string; load: LoadState<T> }>(() => ({
    key,
    load: knownNow() ?? { state: "loading" },
  }));
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // The key whose first run is done: data `known` at the first run is not loaded again then.
  const ran = useRef<string | null>(null);
  useEffect(() => {
    const first = ran.current !== key;
    ran.current = key;
    const at = first ? knownNow() : null;
    if (at !== null) {
      setResult({ key, load: at });
      return;
    }
    let current = true;
    setResult((previous) =>
      previous.key === key && previous.load.state === "ready"
        ? { key, load: { ...previous.load, refreshing: true } }
        : { key, load: { state: "loading" } },
    );
    load().then(
      (data) => current && setResult({ key, load: { state: "ready", data, refreshing: false } }),
      (error: unknown) => {
        if (!current) return;
        failed(error);
        setResult((previous) =>
          previous.key === key && previous.load.state === "ready"
            ? { key, load: { ...previous.load, refreshing: false } }
            : { key, load: { state: "failed", error } },
        );
      },
    );
    return () => {
      current = false;
    };
  }, [key, refresh, version]);
  // While the effect for a new key has not run yet, the old key's result must not show.
  const state = result.key === key ? result.load : (knownNow() ?? { state: "loading" });
  return { ...state, reload };
}

/** The HTTP status of a failed load, or null when the server was not reached at all. */
export function failureStatus(error: unknown): number | null {
  return error instanceof ApiError ? error.status : null;
}
