// The city's events for editors (GET …/events/editorial?status=…), with delete.
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
import { useEventsMessages } from "./messages";
import { eventsPath } from "./paths";
import type { EditorialEvent } from "./types";

export function EventsList({ city, filter, onFilter, flash, onFlash }: ModuleListProps) {
  const { t, lang } = useI18n();
  const m = useEditorMessages();
  const e = useEventsMessages();
  const moduleHeading = useModuleTitle("events");
  const { city: consoleCity } = useConsole();
  const base = cityPath(consoleCity.slug, "events", "editorial");
  const list = usePagedList<EditorialEvent>(filter === "" ? base : `${base}?status=${filter}`, 25);
  const rowAction = useAction();
  const dates = cityDateFormat(city.timeZone, lang);
  const [status, setStatus] = useState(flash);
  useEffect(() => onFlash(""), []);

  const when = (event: EditorialEvent) =>
    event.all_day ? dates.dateRange(event.start, event.end) : dates.dateTimeRange(event.start, event.end);
  const statusLabel = (event: EditorialEvent) => {
    if (event.status === "scheduled" && event.publish_at !== null)
      return m.labelScheduled(dates.dateTime(event.publish_at));
    if (event.status === "published")
      return event.published_at ? m.labelPublished(dates.dateTime(event.published_at)) : m.filterPublished;
    return m.labelDraft;
  };

  const remove = async (event: EditorialEvent) => {
    setStatus("");
    if (!window.confirm(e.confirmDelete(event.title))) return;
    const done = await rowAction.run(async () => {
      await api<void>("DELETE", cityPath(consoleCity.slug, "events", event.id));
      return true;
    });
    if (done === undefined) return;
    setStatus(e.deleted(event.title));
    list.reload();
    document.getElementById("events-filter")?.focus();
  };

  return (
    <>
      <PageHeading>{moduleHeading}</PageHeading>
      <p>{e.intro}</p>
      <ul class="link-list">
        <li>
          <Link href={eventsPath("new")}>{e.newEvent}</Link>
        </li>
        <li>
          <Link href={eventsPath("import")}>{e.importLink}</Link>
        </li>
      </ul>
      <p role="status" class="status-message">
        {status}
      </p>
      <p role="alert" class="form-error">
        {rowAction.error === null ? "" : problemText(t, rowAction.error)}
      </p>
      <div class="field field-inline">
        <label for="events-filter">{m.filterStatus}</label>
        <select id="events-filter" value={filter} onChange={(ev) => onFilter(ev.currentTarget.value as StatusFilter)}>
          <option value="">{m.filterAll}</option>
          <option value="draft">{m.filterDraft}</option>
          <option value="scheduled">{m.filterScheduled}</option>
          <option value="published">{m.filterPublished}</option>
        </select>
      </div>
      <div class="table-wrap">
        <table>
          <caption>{e.tableCaption(consoleCity.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{e.colTitle}</th>
              <th scope="col">{e.colWhen}</th>
              <th scope="col">{e.colStatus}</th>
              <th scope="col">{e.colCategory}</th>
              <th scope="col">{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((event) => (
              <tr key={event.id} class={event.cancelled ? "row-disabled" : undefined}>
                <th scope="row">
                  <Link href={eventsPath(event.id)}>{event.title}</Link>
                  {event.cancelled && <span class="tag">{e.cancelledMark}</span>}
                  {event.recurrence !== null && event.recurrence !== undefined && (
                    <span class="tag">{e.recurringMark}</span>
                  )}
                  {event.import !== null && event.import !== undefined && <span class="tag">{e.importedMark}</span>}
                </th>
                <td>{when(event)}</td>
                <td>{statusLabel(event)}</td>
                <td>{categoryTitle(city, event.category, lang)}</td>
                <td>
                  <div class="actions">
                    <button
                      type="button"
                      class="button"
                      onClick={() => remove(event)}
                      aria-disabled={rowAction.pending}
                    >
                      {m.delete}
                      <span class="visually-hidden"> ({event.title})</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter list={list} emptyText={e.empty} />
      <ImportsPanel module="events" city={city} />
    </>
  );
}
