import { useI18n } from "../../../../i18n";
import { de, type EventsMessages } from "./de";
import { en } from "./en";

export function useEventsMessages(): EventsMessages {
  return useI18n().lang === "de" ? de : en;
}
