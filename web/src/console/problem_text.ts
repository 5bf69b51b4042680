import { ApiError } from "../api/http";
import type { Messages } from "../i18n";

/** What to tell the person about a failed request: the server's detail when it gave one. */
export function problemText(t: Messages, error: unknown): string {
  if (error instanceof ApiError)
    return error.problem?.detail ?? error.problem?.title ?? t.unexpectedError(error.status);
  return t.networkError;
}

/** The request failed because the session is gone (expired, logged out elsewhere). */
export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
