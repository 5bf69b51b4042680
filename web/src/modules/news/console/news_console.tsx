// The news editor screens (/console/modules/news…): the list with its status filter and the
// imports panel, the form for a new item (…/new) and for an existing one (…/{id}).
import { ModuleConsole } from "../../../console/editor/module_console";
import type { ConsoleScreenProps } from "../../web_module";
import { NewsForm } from "./news_form";
import { NewsList } from "./news_list";

export default function NewsConsole({ rest }: ConsoleScreenProps) {
  return <ModuleConsole module="news" rest={rest} List={NewsList} Form={NewsForm} />;
}
