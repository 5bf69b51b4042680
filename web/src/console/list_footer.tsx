import { useI18n } from "../i18n";
import type { PagedList } from "../shared/use_paged_list";
import { problemText } from "./problem_text";

/** Under a paged table: loading, failure, "nothing yet", or the "load more" button. */
export function ListFooter<T>({ list, emptyText }: { list: PagedList<T>; emptyText: string }) {
  const { t } = useI18n();
  const { first } = list;
  const loading = first.state === "loading" || (first.state === "ready" && first.refreshing) || list.loadingMore;
  const error = first.state === "failed" ? first.error : list.moreError;
  return (
    <div class="list-footer">
      <p role="status" class="list-status">
        {loading ? t.loading : error === null && list.items.length === 0 ? emptyText : ""}
      </p>
      {error !== null && (
        <p role="alert" class="form-error">
          {problemText(t, error)}{" "}
          <button type="button" class="button" onClick={list.reload}>
            {t.retry}
          </button>
        </p>
      )}
      {(list.more !== null || list.loadingMore) && (
        <button type="button" class="button" onClick={() => list.more?.()} aria-disabled={loading}>
          {t.loadMore}
        </button>
      )}
    </div>
  );
}
