import { useI18n } from "../../../../i18n";
import { de, type NewsMessages } from "./de";
import { en } from "./en";

export function useNewsMessages(): NewsMessages {
  return useI18n().lang === "de" ? de : en;
}
