// A cursor-paginated public list ({items, next_cursor}, the one scheme of every Mosaik list):
// the first page through useLoad (refreshed like any screen data), further pages on request.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api/http";
import type { Page } from "../api/types";
import { useLoad, type Load } from "../shared/use_load";

export interface PagedList<T> {
  first: Load<Page<T>>;
  /** Every item loaded so far (the first page and those loaded with more()). */
  items: T[];
  /** Loads the next page; null when there is none or one is loading. */
  more: (() => void) | null;
  loadingMore: boolean;
  moreError: unknown;
}

function withCursor(path: string, cursor: string): string {
  const url = new URL(path, location.origin);
  url.searchParams.set("cursor", cursor);
  return url.pathname + url.search;
}

/** `path` is the list URL with its filters and limit; a new path starts again at the first page. */
export function usePagedList<T>(path: string): PagedList<T> {
  const first = useLoad(() => api<Page<T>>("GET", path), path);
  const [extra, setExtra] = useState<{ path: string; items: T[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  // A refreshed first page starts the list again.
  const firstPage = first.state === "ready" ? first.data : null;
  useEffect(() => {
    setExtra(null);
    setMoreError(null);
  }, [firstPage]);

  const current = extra !== null && extra.path === path ? extra : null;
  const items = [...(firstPage?.items ?? []), ...(current?.items ?? [])];
  const cursor = current !== null ? current.cursor : (firstPage?.next_cursor ?? null);
  const more =
    cursor === null || loadingMore
      ? null
      : () => {
          setLoadingMore(true);
          setMoreError(null);
          api<Page<T>>("GET", withCursor(path, cursor))
            .then((page) =>
              setExtra((previous) => ({
                path,
                items: [...(previous !== null && previous.path === path ? previous.items : []), ...page.items],
                cursor: page.next_cursor,
              })),
            )
            .catch((error: unknown) => setMoreError(error))
            .finally(() => setLoadingMore(false));
        };
  return { first, items, more, loadingMore, moreError };
}
