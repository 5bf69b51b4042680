// The frame of a content module's editor screens (/console/modules/{module}…): waits for the
// city's editor settings, then shows the list (…), the form for a new item (…/new) or an
// existing one (…/{id}), or one of the module's own pages (…/import). The list's status filter
// and the last form's outcome are kept here, so the list shows them again after the form.
import type { ComponentType, JSX } from "preact";
import { useState } from "preact/hooks";
import { useI18n } from "../../i18n";
import { useConsole } from "../console_context";
import { PageHeading } from "../page_heading";
import { problemText } from "../problem_text";
import { useEditorCity, useModuleTitle, type EditorCity } from "./editor_city";
import { useEditorMessages } from "./messages";

export type StatusFilter = "" | "draft" | "scheduled" | "published";

export interface ModuleListProps {
  city: EditorCity;
  filter: StatusFilter;
  onFilter: (filter: StatusFilter) => void;
  flash: string;
  onFlash: (message: string) => void;
}

export interface ModuleFormProps {
  city: EditorCity;
  /** null: a new item. */
  id: string | null;
  onDone: (message: string) => void;
}

export function ModuleConsole({
  module,
  rest,
  List,
  Form,
  pages = {},
}: {
  module: string;
  /** The path below /console/modules/{module}. */
  rest: string[];
  List: ComponentType<ModuleListProps>;
  Form: ComponentType<ModuleFormProps>;
  /** Further pages by their path segment ("import"). */
  pages?: Record<string, (city: EditorCity) => JSX.Element>;
}) {
  const { t } = useI18n();
  const m = useEditorMessages();
  const moduleHeading = useModuleTitle(module);
  const { city: consoleCity } = useConsole();
  const editorCity = useEditorCity(module);
  const [filter, setFilter] = useState<StatusFilter>("");
  const [flash, setFlash] = useState("");

  if (editorCity.state !== "ready") {
    const failed = editorCity.state === "failed";
    return (
      <>
        <PageHeading>{moduleHeading}</PageHeading>
        <p role={failed ? "alert" : "status"} class={failed ? "form-error" : ""}>
          {editorCity.state === "failed" ? `${m.cityLoadFailed} ${problemText(t, editorCity.error)}` : t.loading}
        </p>
      </>
    );
  }
  const city = editorCity.data;
  const [first, ...more] = rest;
  if (first === undefined)
    return (
      <List key={consoleCity.slug} city={city} filter={filter} onFilter={setFilter} flash={flash} onFlash={setFlash} />
    );
  const page = Object.hasOwn(pages, first) ? pages[first] : undefined;
  if (page !== undefined && more.length === 0) return page(city);
  if (more.length === 0) return <Form key={first} city={city} id={first === "new" ? null : first} onDone={setFlash} />;
  return <PageHeading>{t.notFound}</PageHeading>;
}
