// Pieces every citizen screen uses: the page heading (which takes the focus after an in-app
// navigation, so screen reader and keyboard users start at the new content), the document
// title, and the loading and failure states.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { useCatalogue, useI18n } from "../i18n";
import { citizenMessages } from "./messages";
import { returnFocus, takePendingFocus } from "./citizen_router";
import { failureStatus } from "../shared/use_load";

export function PageHeading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const heading = ref.current;
    if (takePendingFocus()) heading?.focus();
    // A re-render right after the navigation (fresh data, a lazily loaded part) can still leave
    // the focus on <body>: the heading takes it back after the next frame.
    const frame = requestAnimationFrame(() => {
      if (heading !== null && heading.isConnected && takePendingFocus()) heading.focus();
    });
    return () => {
      cancelAnimationFrame(frame);
      if (heading !== null && document.activeElement === heading) returnFocus();
    };
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** Sets document.title to "part – part – Mosaik". */
export function useDocumentTitle(...parts: (string | null | undefined)[]): void {
  const { t } = useI18n();
  const title = [...parts.filter((p): p is string => typeof p === "string" && p !== ""), t.appName].join(" – ");
  useEffect(() => {
    document.title = title;
  }, [title]);
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" aria-live="polite">
      {t.loading}
    </p>
  );
}

/** Why a load failed, in words: offline with nothing saved, not found, or the server's problem. */
export function LoadFailure({ error, notFound }: { error: unknown; notFound: string }) {
  const { t } = useI18n();
  const c = useCatalogue(citizenMessages);
  const status = failureStatus(error);
  let text: string;
  if (status === 404) text = notFound;
  else if (status === null) text = navigator.onLine ? t.networkError : c.offlineNothingSaved;
  else text = t.unexpectedError(status);
  return (
    <p role="alert" class="failure">
      {text}
    </p>
  );
}

/** "Load more" under a paged list, with its failure; nothing when the list is complete. */
export function MoreButton({
  more,
  loadingMore,
  error,
  label,
}: {
  more: (() => void) | null;
  loadingMore: boolean;
  error: unknown;
  label: string;
}) {
  const { t } = useI18n();
  if (more === null && !loadingMore) return null;
  return (
    <div class="more">
      <button type="button" onClick={more ?? undefined} disabled={more === null} aria-busy={loadingMore}>
        {loadingMore ? t.loading : label}
      </button>
      {error !== null && <LoadFailure error={error} notFound={t.networkError} />}
    </div>
  );
}
