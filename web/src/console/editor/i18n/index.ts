import { useI18n } from "../../../i18n";
import { de, type EditorMessages } from "./de";
import { en } from "./en";

export type { EditorMessages };

/** The shared editor catalogue in the console's current language. */
export function useEditorMessages(): EditorMessages {
  return useI18n().lang === "de" ? de : en;
}
