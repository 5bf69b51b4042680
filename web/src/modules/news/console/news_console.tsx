// The news editor screens (/console/modules/news…): the list with its status filter and the
// imports panel, the form for a new item (…/new) and for an existing one (…/{id}).
import { useState } from "preact/hooks";
import { useI18n } from "../../../i18n";
import { useConsole } from "../../../console/console_context";
import { useEditorCity, useModuleTitle } from "../../../console/editor/editor_city";
import type { ModuleScreenProps } from "../../../console/module_screen";
import { PageHeading } from "../../../console/page_heading";
import { problemText } from "../../../console/problem_text";
import { useEditorMessages } from "../../../console/editor/messages";
import { NewsForm } from "./news_form";
import { NewsList, type StatusFilter } from "./news_list";

export default function NewsConsole({ rest }: ModuleScreenProps) {
  const { t } = useI18n();
  const m = useEditorMessages();
  const moduleHeading = useModuleTitle("news");
  const { city: consoleCity } = useConsole();
  const editorCity = useEditorCity("news");
  // Kept here, so the list shows the same filter and the last outcome after the form.
  const [filter, setFilter] = useState<StatusFilter>("");
  const [flash, setFlash] = useState("");

  if (editorCity.state !== "ready") {
    return (
      <>
        <PageHeading>{moduleHeading}</PageHeading>
        <p
          role={editorCity.state === "failed" ? "alert" : "status"}
          class={editorCity.state === "failed" ? "form-error" : ""}
        >
          {editorCity.state === "failed" ? `${m.cityLoadFailed} ${problemText(t, editorCity.error)}` : t.loading}
        </p>
      </>
    );
  }
  const city = editorCity.city;
  const [first, ...more] = rest;
  if (first === undefined)
    return (
      <NewsList
        key={consoleCity.slug}
        city={city}
        filter={filter}
        onFilter={setFilter}
        flash={flash}
        onFlash={setFlash}
      />
    );
  if (more.length === 0)
    return (
      <NewsForm
        key={first}
        city={city}
        id={first === "new" ? null : first}
        onDone={(message) => {
          setFlash(message);
        }}
      />
    );
  return (
    <>
      <PageHeading>{t.notFound}</PageHeading>
    </>
  );
}
