// The one way the web app talks to the Mosaik API: JSON in and out, problem+json errors as
// ApiError, and the CSRF token of the staff session on every state-changing request.
import type { Problem } from "./types";

/** An answer other than 2xx. `problem` is the server's problem+json body when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  /** Seconds from a Retry-After header (429, 503), if the server sent one. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem | null, retryAfter: number | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

// Kept in memory only (never in storage): after a reload the console reads it again from
// GET /api/v1/session.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readProblem(response: Response): Promise<Problem | null> {
  const type = response.headers.get("Content-Type") ?? "";
  if (!type.includes("json")) return null;
  try {
    const body: unknown = await response.json();
    if (body !== null && typeof body === "object" && "status" in body) return body as Problem;
  } catch {
    // A broken error body still gives an ApiError with the status.
  }
  return null;
}

/** Extra request headers, e.g. the X-Report-Token of a citizen's own report. */
export type ExtraHeaders = Record<string, string>;

/**
 * Sends a request to the API and returns the parsed JSON answer (undefined for 204).
 * Throws ApiError for non-2xx answers; network failures reject with the fetch TypeError.
 */
export async function api<T>(method: Method, path: string, body?: unknown, headers?: ExtraHeaders): Promise<T> {
  return (await apiVersioned<T>(method, path, body, headers)).data;
}

/** An answer with the ETag of the representation it carries (null when the server sent none). */
export interface Versioned<T> {
  data: T;
  etag: string | null;
}

/**
 * Like api(), with the answer's ETag: send it back as If-Match with a PUT of the whole document,
 * so that a change someone else saved meanwhile is refused (412) instead of overwritten.
 */
export async function apiVersioned<T>(
  method: Method,
  path: string,
  body?: unknown,
  headers?: ExtraHeaders,
): Promise<Versioned<T>> {
  return send<T>(
    method,
    path,
    body === undefined ? undefined : { data: JSON.stringify(body), type: "application/json" },
    headers,
  );
}

/**
 * Like api(), with a body sent as it is under its own media type: an image upload, a calendar
 * or CSV file to import.
 */
export async function apiRaw<T>(method: Method, path: string, body: Blob | string, contentType: string): Promise<T> {
  return (await send<T>(method, path, { data: body, type: contentType })).data;
}

async function send<T>(
  method: Method,
  path: string,
  body?: { data: Blob | string; type: string },
  extra?: ExtraHeaders,
): Promise<Versioned<T>> {
  const headers: Record<string, string> = { ...extra, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = body.type;
  if (method !== "GET" && csrfToken !== null) headers["X-CSRF-Token"] = csrfToken;
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (body !== undefined) init.body = body.data;
  const response = await fetch(path, init);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      await readProblem(response),
      parseRetryAfter(response.headers.get("Retry-After")),
    );
  }
  const etag = response.headers.get("ETag");
  if (response.status === 204) return { data: undefined as T, etag };
  return { data: (await response.json()) as T, etag };
}

/** Builds "/api/v1/cities/{slug}/…" with every segment encoded. */
export function cityPath(slug: string, ...rest: (string | number)[]): string {
  return ["/api/v1/cities", slug, ...rest].map((s, i) => (i === 0 ? s : encodeURIComponent(String(s)))).join("/");
}

/** Appends limit and cursor query parameters to a list URL (which may have a query already). */
export function pagePath(path: string, limit: number, cursor: string | null): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor !== null) query.set("cursor", cursor);
  return `${path}${path.includes("?") ? "&" : "?"}${query.toString()}`;
}
