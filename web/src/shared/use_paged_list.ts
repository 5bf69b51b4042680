// A cursor-paginated API list ({items, next_cursor}, the one scheme of every Mosaik list), for the
// citizen app and the console alike: the first page through useLoad (refreshed like any screen
// data, reloaded after a change), further pages on request.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api/http";
import type { Page } from "../api/types";
import { useLoad, useLoadFailure, type Load } from "./use_load";

export interface PagedList<T> {
  first: Load<Page<T>>;
  /** Every item loaded so far (the first page and those loaded with more()), with replace()'s changes. */
  items: T[];
  /** Loads the next page; null when there is none or one is loading. */
  more: (() => void) | null;
  loadingMore: boolean;
  moreError: unknown;
  /** Starts again from the first page (after a change); the items shown stay meanwhile. */
  reload: () => void;
  /** Shows `next` instead of the loaded items that `match` (after a change to one). */
  replace: (match: (item: T) => boolean, next: T) => void;
}

function withCursor(path: string, cursor: string): string {
  const url = new URL(path, location.origin);
  url.searchParams.set("cursor", cursor);
  return url.pathname + url.search;
}

interface Extra<T> {
  path: string;
  items: T[];
  cursor: string | null;
}

/** `path` is the list URL with its filters and limit; a new path starts again at the first page. */
export function usePagedList<T>(path: string): PagedList<T> {
  const first = useLoad(() => api<Page<T>>("GET", path), path);
  const failed = useLoadFailure();
  const [extra, setExtra] = useState<Extra<T> | null>(null);
  const [changes, setChanges] = useState<{ match: (item: T) => boolean; next: T }[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  // A refreshed first page starts the list again.
  const firstPage = first.state === "ready" ? first.data : null;
  useEffect(() => {
    setExtra(null);
    setChanges([]);
    setMoreError(null);
  }, [firstPage]);

  const current = extra !== null && extra.path === path ? extra : null;
  const loaded = [...(firstPage?.items ?? []), ...(current?.items ?? [])];
  const items =
    changes.length === 0 ? loaded : loaded.map((item) => changes.reduce((it, c) => (c.match(it) ? c.next : it), item));
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
            .catch((error: unknown) => {
              failed(error);
              setMoreError(error);
            })
            .finally(() => setLoadingMore(false));
        };
  return {
    first,
    items,
    more,
    loadingMore,
    moreError,
    reload: first.reload,
    replace: (match, next) => setChanges((old) => [...old, { match, next }]),
  };
}
