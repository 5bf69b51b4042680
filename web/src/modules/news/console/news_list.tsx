// The city's news for editors (GET …/news/editorial?status=…), with unpublish and delete.
import { useEffect, useState } from "preact/hooks";
import { api, cityPath } from "../../../api/http";
import { useI18n } from "../../../i18n";
import { useConsole } from "../../../console/console_context";
import { Link } from "../../../console/console_router";
import { cityDateFormat } from "../../../console/editor/city_time";
import { categoryTitle, useModuleTitle } from "../../../console/editor/editor_city";
import type { ModuleListProps, StatusFilter } from "../../../console/editor/module_console";
import { useEditorMessages } from "../../../console/editor/messages";
import { ImportsPanel } from "../../../console/editor/imports_panel";
import { ListFooter } from "../../../console/list_footer";
import { PageHeading } from "../../../console/page_heading";
import { usePagedList } from "../../../console/paged_list";
import { problemText } from "../../../console/problem_text";
import { useAction } from "../../../console/use_action";
import { useNewsMessages } from "./messages";
import { newsPath } from "./paths";
import { inputOf, type EditorialNews } from "./types";

export function NewsList({ city, filter, onFilter, flash, onFlash }: ModuleListProps) {
  const { t, lang } = useI18n();
  const m = useEditorMessages();
  const n = useNewsMessages();
  const moduleHeading = useModuleTitle("news");
  const { city: consoleCity } = useConsole();
  const base = cityPath(consoleCity.slug, "news", "editorial");
  const list = usePagedList<EditorialNews>(filter === "" ? base : `${base}?status=${filter}`, 25);
  const rowAction = useAction();
  const dates = cityDateFormat(city.timeZone, lang);
  // The outcome of the last form shows once, then gives way to what happens here.
  const [status, setStatus] = useState(flash);
  useEffect(() => onFlash(""), []);

  const statusLabel = (item: EditorialNews) => {
    if (item.status === "scheduled" && item.publish_at !== null)
      return m.labelScheduled(dates.dateTime(item.publish_at));
    if (item.status === "published" && item.published_at !== null)
      return m.labelPublished(dates.dateTime(item.published_at));
    return item.status === "draft" ? m.labelDraft : item.status;
  };

  const unpublish = async (item: EditorialNews) => {
    setStatus("");
    // The item as it is, as a draft (without a publication time).
    const input = { ...inputOf(item), status: "draft" as const };
    delete input.publish_at;
    const updated = await rowAction.run(() =>
      api<EditorialNews>("PUT", cityPath(consoleCity.slug, "news", item.id), input),
    );
    if (updated === undefined) return;
    setStatus(n.unpublished(item.title));
    if (filter === "" || filter === "draft") list.replace((i) => i.id === item.id, updated);
    else list.reload();
  };

  const remove = async (item: EditorialNews) => {
    setStatus("");
    if (!window.confirm(n.confirmDelete(item.title))) return;
    const done = await rowAction.run(async () => {
      await api<void>("DELETE", cityPath(consoleCity.slug, "news", item.id));
      return true;
    });
    if (done === undefined) return;
    setStatus(n.deleted(item.title));
    list.reload();
    document.getElementById("news-filter")?.focus();
  };

  return (
    <>
      <PageHeading>{moduleHeading}</PageHeading>
      <p>{n.intro}</p>
      <p>
        <Link href={newsPath("new")}>{n.newItem}</Link>
      </p>
      <p role="status" class="status-message">
        {status}
      </p>
      <p role="alert" class="form-error">
        {rowAction.error === null ? "" : problemText(t, rowAction.error)}
      </p>
      <div class="field field-inline">
        <label for="news-filter">{m.filterStatus}</label>
        <select id="news-filter" value={filter} onChange={(e) => onFilter(e.currentTarget.value as StatusFilter)}>
          <option value="">{m.filterAll}</option>
          <option value="draft">{m.filterDraft}</option>
          <option value="scheduled">{m.filterScheduled}</option>
          <option value="published">{m.filterPublished}</option>
        </select>
      </div>
      <div class="table-wrap">
        <table>
          <caption>{n.tableCaption(consoleCity.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{n.colTitle}</th>
              <th scope="col">{n.colStatus}</th>
              <th scope="col">{n.colCategory}</th>
              <th scope="col">{n.colUpdated}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <Link href={newsPath(item.id)}>{item.title}</Link>
                  {item.pinned && <span class="tag">{n.pinnedMark}</span>}
                  {item.import !== null && item.import !== undefined && <span class="tag">{n.importedMark}</span>}
                </th>
                <td>{statusLabel(item)}</td>
                <td>{categoryTitle(city, item.category, lang)}</td>
                <td>
                  <time dateTime={item.updated_at}>{dates.dateTime(item.updated_at)}</time>
                </td>
                <td>
                  <div class="actions">
                    {item.status !== "draft" && (
                      <button
                        type="button"
                        class="button"
                        onClick={() => unpublish(item)}
                        aria-disabled={rowAction.pending}
                      >
                        {m.unpublish}
                        <span class="visually-hidden"> ({item.title})</span>
                      </button>
                    )}
                    <button type="button" class="button" onClick={() => remove(item)} aria-disabled={rowAction.pending}>
                      {m.delete}
                      <span class="visually-hidden"> ({item.title})</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter list={list} emptyText={n.empty} />
      <ImportsPanel module="news" city={city} />
    </>
  );
}
