// The city's events for editors (GET …/events/editorial?status=…), with delete.
import { useI18n } from "../../../i18n";
import { useConsole } from "../../../console/console_context";
import { Link } from "../../../console/console_router";
import { categoryTitle } from "../../../console/editor/editor_city";
import { EditorialListPage, useEditorialList } from "../../../console/editor/editorial_list";
import { useEditorMessages } from "../../../console/editor/messages";
import type { ModuleListProps } from "../../../console/editor/module_console";
import { RowButton } from "../../../console/list_table";
import { useEventsMessages } from "./messages";
import { eventsPath } from "./paths";
import type { EditorialEvent } from "./types";

export function EventsList(props: ModuleListProps) {
  const { city } = props;
  const { lang } = useI18n();
  const m = useEditorMessages();
  const e = useEventsMessages();
  const { city: consoleCity } = useConsole();
  const state = useEditorialList<EditorialEvent>("events", props);
  const { list, rowAction, dates } = state;

  const when = (event: EditorialEvent) =>
    event.all_day ? dates.dateRange(event.start, event.end) : dates.dateTimeRange(event.start, event.end);
  const statusLabel = (event: EditorialEvent) => {
    if (event.status === "scheduled" && event.publish_at !== null)
      return m.labelScheduled(dates.dateTime(event.publish_at));
    if (event.status === "published")
      return event.published_at ? m.labelPublished(dates.dateTime(event.published_at)) : m.filterPublished;
    return m.labelDraft;
  };

  return (
    <EditorialListPage
      module="events"
      props={props}
      state={state}
      intro={
        <>
          <p>{e.intro}</p>
          <ul class="link-list">
            <li>
              <Link href={eventsPath("new")}>{e.newEvent}</Link>
            </li>
            <li>
              <Link href={eventsPath("import")}>{e.importLink}</Link>
            </li>
          </ul>
        </>
      }
      caption={e.tableCaption(consoleCity.name)}
      columns={[e.colTitle, e.colWhen, e.colStatus, e.colCategory]}
      emptyText={e.empty}
    >
      {list.items.map((event) => (
        <tr key={event.id} class={event.cancelled ? "row-disabled" : undefined}>
          <th scope="row">
            <Link href={eventsPath(event.id)}>{event.title}</Link>
            {event.cancelled && <span class="tag">{e.cancelledMark}</span>}
            {event.recurrence !== null && event.recurrence !== undefined && <span class="tag">{e.recurringMark}</span>}
            {event.import !== null && event.import !== undefined && <span class="tag">{e.importedMark}</span>}
          </th>
          <td>{when(event)}</td>
          <td>{statusLabel(event)}</td>
          <td>{categoryTitle(city, event.category, lang)}</td>
          <td>
            <div class="actions">
              <RowButton
                label={m.delete}
                row={event.title}
                onClick={() => state.remove(event, e.confirmDelete(event.title), e.deleted(event.title))}
                action={rowAction}
              />
            </div>
          </td>
        </tr>
      ))}
    </EditorialListPage>
  );
}
