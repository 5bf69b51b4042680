import { useI18n } from "../i18n";
import type { PagedList } from "./paged_list";
import { problemText } from "./problem_text";

/** Under a paged table: loading, failure, "nothing yet", or the "load more" button. */
export function ListFooter<T>({ list, emptyText }: { list: PagedList<T>; emptyText: string }) {
  const { t } = useI18n();
  return (
    <div class="list-footer">
      <p role="status" class="list-status">
        {list.loading ? t.loading : !list.error && list.items.length === 0 ? emptyText : ""}
      </p>
      {list.error !== null && (
        <p role="alert" class="form-error">
          {problemText(t, list.error)}{" "}
          <button type="button" class="button" onClick={list.reload}>
            {t.retry}
          </button>
        </p>
      )}
      {list.hasMore && (
        <button type="button" class="button" onClick={list.loadMore} aria-disabled={list.loading}>
          {t.loadMore}
        </button>
      )}
    </div>
  );
}
