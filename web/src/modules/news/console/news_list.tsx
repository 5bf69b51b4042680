// The city's news for editors (GET …/news/editorial?status=…), with unpublish and delete.
import { api, cityPath } from "../../../api/http";
import { useI18n } from "../../../i18n";
import { useConsole } from "../../../console/console_context";
import { Link } from "../../../console/console_router";
import { categoryTitle } from "../../../console/editor/editor_city";
import { EditorialListPage, useEditorialList } from "../../../console/editor/editorial_list";
import { useEditorMessages } from "../../../console/editor/messages";
import type { ModuleListProps } from "../../../console/editor/module_console";
import { RowButton } from "../../../console/list_table";
import { useNewsMessages } from "./messages";
import { newsPath } from "./paths";
import { inputOf, type EditorialNews } from "./types";

export function NewsList(props: ModuleListProps) {
  const { city, filter } = props;
  const { lang } = useI18n();
  const m = useEditorMessages();
  const n = useNewsMessages();
  const { city: consoleCity } = useConsole();
  const state = useEditorialList<EditorialNews>("news", props);
  const { list, rowAction, setStatus, dates } = state;

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

  return (
    <EditorialListPage
      module="news"
      props={props}
      state={state}
      intro={
        <>
          <p>{n.intro}</p>
          <p>
            <Link href={newsPath("new")}>{n.newItem}</Link>
          </p>
        </>
      }
      caption={n.tableCaption(consoleCity.name)}
      columns={[n.colTitle, n.colStatus, n.colCategory, n.colUpdated]}
      emptyText={n.empty}
    >
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
                <RowButton label={m.unpublish} row={item.title} onClick={() => unpublish(item)} action={rowAction} />
              )}
              <RowButton
                label={m.delete}
                row={item.title}
                onClick={() => state.remove(item, n.confirmDelete(item.title), n.deleted(item.title))}
                action={rowAction}
              />
            </div>
          </td>
        </tr>
      ))}
    </EditorialListPage>
  );
}
