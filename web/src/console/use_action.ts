// A state-changing request started by the person (create, save, revoke): tracks that it is
// running, keeps its failure for display, and turns a 401 into "session ended".
import { useState } from "preact/hooks";
import { ApiError } from "../api/http";
import { useConsole } from "./console_context";
import { isSessionLost } from "./problem_text";

export interface Action {
  pending: boolean;
  error: unknown;
  /** Runs `work` unless one is running; resolves to its result, or undefined on failure. */
  run: <R>(work: () => Promise<R>) => Promise<R | undefined>;
  clearError: () => void;
}

export function useAction(): Action {
  const { sessionLost } = useConsole();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return {
    pending,
    error,
    clearError: () => setError(null),
    run: async <R>(work: () => Promise<R>) => {
      if (pending) return undefined;
      setPending(true);
      setError(null);
      try {
        return await work();
      } catch (failure) {
        if (isSessionLost(failure)) sessionLost();
        setError(failure);
        return undefined;
      } finally {
        setPending(false);
      }
    },
  };
}

/** The request field a 422 problem names ("roles[0]" → "roles"), if any. */
export function problemField(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const field = error.problem?.field;
  if (field === undefined || field === "") return null;
  return field.split(/[.[]/)[0] ?? null;
}
