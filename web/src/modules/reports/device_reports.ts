// The two facts about the Mängelmelder that the citizen app's frame needs without loading the
// module: whether reports wait on this device to be sent (then the queue, report_queue.ts, is
// loaded and sent at app start and whenever the connection returns) and in which cities the
// device has reports (then the start screen shows "Meine Meldungen"). Kept in localStorage as
// marks only; the reports themselves are in IndexedDB (report_queue.ts).
import { readPreference, removePreference, writePreference } from "../../preferences";

const pendingKey = "reports.pending";
const citiesKey = "reports.cities";

export function markPending(pending: boolean): void {
  if (pending) writePreference(pendingKey, "1");
  else removePreference(pendingKey);
}

export function hasPending(): boolean {
  return readPreference(pendingKey) === "1";
}

function cities(): string[] {
  try {
    const value: unknown = JSON.parse(readPreference(citiesKey) ?? "[]");
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return [];
  }
}

/** Notes that the device keeps a report (queued or sent) of `city`. */
export function markCity(city: string): void {
  const known = cities();
  if (!known.includes(city)) writePreference(citiesKey, JSON.stringify([...known, city]));
}

export function hasReportsOnDevice(city: string): boolean {
  return cities().includes(city);
}

/**
 * Sends the waiting reports now and whenever the connection returns (the "online" event). Called
 * once at app start; loads the queue's code only when something waits.
 */
export function watchReportQueue(): () => void {
  const flush = () => {
    if (!hasPending() || !navigator.onLine) return;
    import("./report_queue")
      .then((queue) => queue.flushQueue())
      .catch(() => {
        // The chunk could not load (offline before it was cached): the next "online" tries again.
      });
  };
  window.addEventListener("online", flush);
  flush();
  return () => window.removeEventListener("online", flush);
}
