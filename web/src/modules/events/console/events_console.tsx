// The events editor screens (/console/modules/events…): the list and the feed imports, the form
// for a new event (…/new) and an existing one (…/{id}), and the file import (…/import).
import { useState } from "preact/hooks";
import { useI18n } from "../../../i18n";
import { useConsole } from "../../../console/console_context";
import { useEditorCity, useModuleTitle } from "../../../console/editor/editor_city";
import { useEditorMessages } from "../../../console/editor/messages";
import type { ModuleScreenProps } from "../../../console/module_screen";
import { PageHeading } from "../../../console/page_heading";
import { problemText } from "../../../console/problem_text";
import { EventForm } from "./event_form";
import { EventsImport } from "./events_import";
import { EventsList, type StatusFilter } from "./events_list";

export default function EventsConsole({ rest }: ModuleScreenProps) {
  const { t } = useI18n();
  const m = useEditorMessages();
  const moduleHeading = useModuleTitle("events");
  const { city: consoleCity } = useConsole();
  const editorCity = useEditorCity("events");
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
  const city = editorCity.city;
  const [first, ...more] = rest;
  if (first === undefined)
    return (
      <EventsList
        key={consoleCity.slug}
        city={city}
        filter={filter}
        onFilter={setFilter}
        flash={flash}
        onFlash={setFlash}
      />
    );
  if (first === "import" && more.length === 0) return <EventsImport editorCity={city} />;
  if (more.length === 0)
    return <EventForm key={first} city={city} id={first === "new" ? null : first} onDone={setFlash} />;
  return <PageHeading>{t.notFound}</PageHeading>;
}
