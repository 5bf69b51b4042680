// The citizen's reports on this device (IndexedDB "mosaik-reports"):
//
// - "queue": reports not yet accepted by the server, with the whole request (photos included)
//   and its submission_id. Each is sent until the server answers 200/201; only then does it
//   leave the queue, in the same transaction that files it under "mine". The server treats a
//   second POST with the same submission_id as the first (200, same report), so a send whose
//   answer was lost is simply sent again: each report is filed exactly once.
//   A refusal (4xx other than 408/429) marks the entry failed with the server's reason; it is not
//   sent again by itself (the person may try again or delete it). Network errors, 408, 429 and
//   5xx leave it queued for the next try (the "online" event, app start, the screens).
// - "mine": the reports the server accepted: {city, id, access_token, submission_id, created},
//   the small thumbnails of the photos and the last reporter's view seen (for offline).
import { api, ApiError, cityPath } from "../../api/http";
import { markCity, markPending } from "./device_reports";
import type { CreatedReport, PublicReport, ReportSubmission } from "./reports_types";

export interface QueuedReport {
  submission_id: string;
  city: string;
  /** When the person made it (RFC 3339). */
  created: string;
  body: ReportSubmission;
  /** Small data: URLs of the photos, shown in "Meine Meldungen". */
  thumbnails: string[];
  state: "queued" | "failed";
  /** Why the server refused it (state failed). */
  problem: string | null;
  attempts: number;
}

export interface SavedReport {
  submission_id: string;
  city: string;
  id: number;
  access_token: string;
  created: string;
  category: string;
  description: string;
  thumbnails: string[];
  /** The last reporter's view fetched (GET …/reports/{id} with the token). */
  last: PublicReport | null;
  personal_data_deleted: boolean;
}

/** What happened to one send. */
export type SendOutcome =
  | { kind: "sent"; saved: SavedReport }
  /** Not reached, or the server asked to come back later: still queued. */
  | { kind: "later"; status: number | null; retryAfter: number | null }
  /** Refused for good (a 4xx): the entry is marked failed. */
  | { kind: "refused"; error: ApiError };

/** How a send's answer is taken: null status = the server was not reached. */
export function outcomeKind(status: number | null): "sent" | "later" | "refused" {
  if (status === 200 || status === 201) return "sent";
  if (status === null || status === 408 || status === 429 || status >= 500) return "later";
  return status >= 400 ? "refused" : "later";
}

// ---------------------------------------------------------------------------------------------
// IndexedDB

const dbName = "mosaik-reports";
let opened: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("queue")) db.createObjectStore("queue", { keyPath: "submission_id" });
      if (!db.objectStoreNames.contains("mine")) db.createObjectStore("mine", { keyPath: "submission_id" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB unavailable"));
  });
  opened.catch(() => {
    opened = null;
  });
  return opened;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB write failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB write aborted"));
  });
}

async function all<T>(store: "queue" | "mine"): Promise<T[]> {
  const db = await openDb();
  return new Promise<T[]>((resolve, reject) => {
    const request = db.transaction(store, "readonly").objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result as T[]);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB read failed"));
  });
}

async function getOne<T>(store: "queue" | "mine", key: string): Promise<T | undefined> {
  const db = await openDb();
  return new Promise<T | undefined>((resolve, reject) => {
    const request = db.transaction(store, "readonly").objectStore(store).get(key);
    request.onsuccess = () => resolve(request.result as T | undefined);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB read failed"));
  });
}

async function put(store: "queue" | "mine", value: QueuedReport | SavedReport): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(store, "readwrite");
  tx.objectStore(store).put(value);
  await done(tx);
}

async function remove(store: "queue" | "mine", key: string): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(store, "readwrite");
  tx.objectStore(store).delete(key);
  await done(tx);
}

const byCreated = <T extends { created: string }>(a: T, b: T) => a.created.localeCompare(b.created);

// ---------------------------------------------------------------------------------------------
// Change notices: the screens re-read the lists when the queue or "mine" changes (also in
// other tabs of the app).

const listeners = new Set<() => void>();
// Made on first use (not when the module loads).
let channel: BroadcastChannel | null | undefined;

function broadcast(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("mosaik-reports") : null;
    channel?.addEventListener("message", () => {
      for (const listener of listeners) listener();
    });
  }
  return channel;
}

function changed(): void {
  for (const listener of listeners) listener();
  broadcast()?.postMessage("changed");
}

export function onReportsChanged(listener: () => void): () => void {
  broadcast();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

async function updatePendingMark(): Promise<void> {
  const queue = await all<QueuedReport>("queue");
  markPending(queue.some((q) => q.state === "queued"));
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function queuedReports(city: string): Promise<QueuedReport[]> {
  return (await all<QueuedReport>("queue")).filter((q) => q.city === city).sort(byCreated);
}

export async function savedReports(city: string): Promise<SavedReport[]> {
  return (await all<SavedReport>("mine")).filter((s) => s.city === city).sort(byCreated);
}

/** The device's own report `id` of `city`, if it has one (its token shows the reporter's view). */
export async function savedReport(city: string, id: number): Promise<SavedReport | undefined> {
  return (await savedReports(city)).find((s) => s.id === id);
}

// ---------------------------------------------------------------------------------------------
// Sending

const sending = new Set<string>();

function savedOf(entry: QueuedReport, answer: CreatedReport): SavedReport {
  const { access_token: token, ...view } = answer;
  return {
    submission_id: entry.submission_id,
    city: entry.city,
    id: answer.id,
    access_token: token,
    created: entry.created,
    category: entry.body.category,
    description: entry.body.description,
    thumbnails: entry.thumbnails,
    last: view,
    personal_data_deleted: false,
  };
}

/**
 * Sends one queued report (unless it is being sent already) and records the outcome: accepted
 * ones move to "mine" (one transaction), refused ones are marked failed.
 */
async function send(entry: QueuedReport): Promise<SendOutcome> {
  // Being sent already (status 0): that send records its outcome.
  if (sending.has(entry.submission_id)) return { kind: "later", status: 0, retryAfter: null };
  sending.add(entry.submission_id);
  try {
    let answer: CreatedReport;
    try {
      answer = await api<CreatedReport>("POST", cityPath(entry.city, "reports"), entry.body);
    } catch (error) {
      const status = error instanceof ApiError ? error.status : null;
      const kind = outcomeKind(status);
      const current = await getOne<QueuedReport>("queue", entry.submission_id);
      if (current === undefined) return { kind: "later", status, retryAfter: null };
      if (kind === "refused" && error instanceof ApiError) {
        await put("queue", {
          ...current,
          state: "failed",
          problem: error.problem?.detail ?? error.problem?.title ?? `HTTP ${error.status}`,
          attempts: current.attempts + 1,
        });
        return { kind: "refused", error };
      }
      await put("queue", { ...current, attempts: current.attempts + 1 });
      return { kind: "later", status, retryAfter: error instanceof ApiError ? error.retryAfter : null };
    }
    const saved = savedOf(entry, answer);
    const db = await openDb();
    const tx = db.transaction(["queue", "mine"], "readwrite");
    tx.objectStore("mine").put(saved);
    tx.objectStore("queue").delete(entry.submission_id);
    await done(tx);
    return { kind: "sent", saved };
  } finally {
    sending.delete(entry.submission_id);
  }
}

/**
 * Keeps a new report on the device and sends it at once when online. A refusal (the form's
 * data was wrong) takes it off the queue again, so the person can correct the form and send
 * it with the same submission_id.
 */
export async function submitReport(entry: QueuedReport): Promise<SendOutcome> {
  await put("queue", entry);
  markPending(true);
  markCity(entry.city);
  changed();
  try {
    if (!navigator.onLine) return { kind: "later", status: null, retryAfter: null };
    const outcome = await send(entry);
    if (outcome.kind === "refused") await remove("queue", entry.submission_id);
    return outcome;
  } finally {
    await updatePendingMark();
    changed();
  }
}

let flushing: Promise<void> | null = null;

async function flushAll(): Promise<void> {
  const queue = (await all<QueuedReport>("queue")).filter((q) => q.state === "queued").sort(byCreated);
  for (const entry of queue) {
    const outcome = await send(entry);
    changed();
    // Not reached: the rest will not be either; try again on the next "online".
    if (outcome.kind === "later" && outcome.status === null) break;
  }
  await updatePendingMark();
}

/**
 * Sends every queued report, oldest first, one at a time. Only one run per page at once; with
 * several tabs open the Web Locks API (where there is one) keeps it to one run per device.
 */
export function flushQueue(): Promise<void> {
  flushing ??= (async () => {
    try {
      if (typeof navigator.locks?.request === "function")
        await navigator.locks.request("mosaik-report-queue", () => flushAll());
      else await flushAll();
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/** Sends a failed report once more (after the person read the reason). */
export async function retryReport(submissionId: string): Promise<SendOutcome | null> {
  const entry = await getOne<QueuedReport>("queue", submissionId);
  if (entry === undefined) return null;
  const queued: QueuedReport = { ...entry, state: "queued", problem: null };
  await put("queue", queued);
  markPending(true);
  changed();
  try {
    return await send(queued);
  } finally {
    await updatePendingMark();
    changed();
  }
}

/** Deletes a report that was not sent (failed, or the person changed their mind). */
export async function discardQueued(submissionId: string): Promise<void> {
  await remove("queue", submissionId);
  await updatePendingMark();
  changed();
}

/** Stores what is known now of a sent report (its last view, personal data deleted). */
export async function updateSaved(saved: SavedReport): Promise<void> {
  await put("mine", saved);
  changed();
}

/** Forgets a sent report on this device (the report itself stays with the city). */
export async function forgetSaved(submissionId: string): Promise<void> {
  await remove("mine", submissionId);
  changed();
}
