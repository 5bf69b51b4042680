// What the news and events lists share: the city's items for editors
// (GET …/{module}/editorial?status=…, 25 a page), the last form's outcome shown once, deleting a
// row, and the page around the rows (intro, status filter, table, footer, imports panel).
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, cityPath, pagePath } from "../../api/http";
import { useI18n } from "../../i18n";
import { useConsole } from "../console_context";
import { ListFooter } from "../list_footer";
import { ActionOutcome, ListTable } from "../list_table";
import { PageHeading } from "../page_heading";
import { usePagedList, type PagedList } from "../../shared/use_paged_list";
import { useAction, type Action } from "../use_action";
import { cityDateFormat, type CityDateFormat } from "./city_time";
import { useModuleTitle } from "./editor_city";
import { ImportsPanel } from "./imports_panel";
import { useEditorMessages } from "./messages";
import type { ModuleListProps, StatusFilter } from "./module_console";

interface Row {
  id: number | string;
  title: string;
}

export interface EditorialList<Item extends Row> {
  list: PagedList<Item>;
  rowAction: Action;
  status: string;
  setStatus: (status: string) => void;
  /** Dates and times in the city's zone. */
  dates: CityDateFormat;
  /** Deletes `item` once the person confirms `confirm`; says `deleted` and goes back to the filter. */
  remove: (item: Item, confirm: string, deleted: string) => Promise<void>;
}

export function useEditorialList<Item extends Row>(
  module: string,
  { city, filter, flash, onFlash }: ModuleListProps,
): EditorialList<Item> {
  const { lang } = useI18n();
  const { city: consoleCity } = useConsole();
  const base = cityPath(consoleCity.slug, module, "editorial");
  const list = usePagedList<Item>(pagePath(filter === "" ? base : `${base}?status=${filter}`, 25, null));
  const rowAction = useAction();
  const dates = cityDateFormat(city.timeZone, lang);
  // The outcome of the last form shows once, then gives way to what happens here.
  const [status, setStatus] = useState(flash);
  useEffect(() => onFlash(""), []);

  const remove = async (item: Item, confirm: string, deleted: string) => {
    setStatus("");
    if (!window.confirm(confirm)) return;
    const done = await rowAction.run(async () => {
      await api<void>("DELETE", cityPath(consoleCity.slug, module, item.id));
      return true;
    });
    if (done === undefined) return;
    setStatus(deleted);
    list.reload();
    document.getElementById(`${module}-filter`)?.focus();
  };

  return { list, rowAction, status, setStatus, dates, remove };
}

export function EditorialListPage<Item extends Row>({
  module,
  props,
  state,
  intro,
  caption,
  columns,
  emptyText,
  children,
}: {
  module: string;
  props: ModuleListProps;
  state: EditorialList<Item>;
  /** The intro and the links to the module's other pages. */
  intro: ComponentChildren;
  caption: string;
  columns: string[];
  emptyText: string;
  /** The rows. */
  children: ComponentChildren;
}) {
  const m = useEditorMessages();
  const moduleHeading = useModuleTitle(module);
  const filterId = `${module}-filter`;
  return (
    <>
      <PageHeading>{moduleHeading}</PageHeading>
      {intro}
      <ActionOutcome status={state.status} action={state.rowAction} />
      <div class="field field-inline">
        <label for={filterId}>{m.filterStatus}</label>
        <select
          id={filterId}
          value={props.filter}
          onChange={(ev) => props.onFilter(ev.currentTarget.value as StatusFilter)}
        >
          <option value="">{m.filterAll}</option>
          <option value="draft">{m.filterDraft}</option>
          <option value="scheduled">{m.filterScheduled}</option>
          <option value="published">{m.filterPublished}</option>
        </select>
      </div>
      <ListTable caption={caption} columns={columns}>
        {children}
      </ListTable>
      <ListFooter list={state.list} emptyText={emptyText} />
      <ImportsPanel module={module} city={props.city} />
    </>
  );
}
