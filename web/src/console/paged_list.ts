// A cursor-paged API list ({items, next_cursor}) with "load more", shared by the admin screens.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { api, pagePath } from "../api/http";
import type { Page } from "../api/types";
import { useConsole } from "./console_context";
import { isSessionLost } from "./problem_text";

export interface PagedList<T> {
  items: T[];
  /** True while the first page or a further page is loading. */
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  /** Starts again from the first page (after a change). */
  reload: () => void;
  replace: (match: (item: T) => boolean, next: T) => void;
}

export function usePagedList<T>(path: string, limit = 50): PagedList<T> {
  const { sessionLost } = useConsole();
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  // Answers to an outdated request (a reload started meanwhile) are dropped.
  const generation = useRef(0);

  const fetchPage = useCallback(
    (from: string | null, append: boolean) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      api<Page<T>>("GET", pagePath(path, limit, from)).then(
        (page) => {
          if (mine !== generation.current) return;
          setItems((old) => (append ? [...old, ...page.items] : page.items));
          setCursor(page.next_cursor);
          setHasMore(page.next_cursor !== null);
          setLoading(false);
        },
        (failure: unknown) => {
          if (mine !== generation.current) return;
          if (isSessionLost(failure)) sessionLost();
          setError(failure);
          setLoading(false);
        },
      );
    },
    [path, limit, sessionLost],
  );

  useEffect(() => {
    fetchPage(null, false);
    return () => {
      generation.current++;
    };
  }, [fetchPage]);

  return {
    items,
    loading,
    error,
    hasMore,
    loadMore: () => {
      if (cursor !== null && !loading) fetchPage(cursor, true);
    },
    reload: () => fetchPage(null, false),
    replace: (match, next) => setItems((old) => old.map((item) => (match(item) ? next : item))),
  };
}
