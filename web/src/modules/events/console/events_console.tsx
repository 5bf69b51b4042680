// The events editor screens (/console/modules/events…): the list and the feed imports, the form
// for a new event (…/new) and an existing one (…/{id}), and the file import (…/import).
import type { EditorCity } from "../../../console/editor/editor_city";
import { ModuleConsole } from "../../../console/editor/module_console";
import type { ConsoleScreenProps } from "../../web_module";
import { EventForm } from "./event_form";
import { EventsImport } from "./events_import";
import { EventsList } from "./events_list";

const pages = { import: (city: EditorCity) => <EventsImport editorCity={city} /> };

export default function EventsConsole({ rest }: ConsoleScreenProps) {
  return <ModuleConsole module="events" rest={rest} List={EventsList} Form={EventForm} pages={pages} />;
}
