// Messages of the news editor screens of the console. German is the reference; en has exactly
// the same keys (checked by the compiler).
import { useI18n } from "../../../i18n";

export const de = {
  intro: "Meldungen der Stadt: Entwürfe, geplante und veröffentlichte Beiträge.",
  newItem: "Neue Meldung",
  tableCaption: (city: string) => `Meldungen von ${city}`,
  colTitle: "Titel",
  colStatus: "Status",
  colCategory: "Kategorie",
  colUpdated: "Geändert",
  pinnedMark: "angeheftet",
  importedMark: "importiert",
  empty: "Keine Meldungen mit diesem Status.",
  confirmDelete: (title: string) => `Meldung „${title}“ wirklich löschen? Das lässt sich nicht rückgängig machen.`,
  deleted: (title: string) => `Die Meldung „${title}“ wurde gelöscht.`,
  unpublished: (title: string) => `Die Meldung „${title}“ ist jetzt ein Entwurf.`,
  createHeading: "Neue Meldung",
  editHeading: (title: string) => `Meldung bearbeiten: ${title}`,
  title: "Titel",
  teaser: "Anreißer",
  teaserHint: "Ein bis zwei Sätze für Listen und Feeds (höchstens 500 Zeichen).",
  body: "Text",
  source: "Quelle",
  sourceHint: "z. B. Presseamt der Stadt",
  link: "Weiterführender Link",
  linkHint: "Eine vollständige Adresse mit https://",
  pinned: "Oben anheften",
  pinnedHint: "Angeheftete Meldungen stehen in der App vor allen anderen.",
  created: (title: string) => `Die Meldung „${title}“ wurde angelegt.`,
  saved: (title: string) => `Die Meldung „${title}“ wurde gespeichert.`,
  notFound: "Diese Meldung gibt es nicht (mehr).",
};

export type NewsMessages = typeof de;

export const en: NewsMessages = {
  intro: "The city's news: drafts, scheduled and published items.",
  newItem: "New item",
  tableCaption: (city: string) => `News of ${city}`,
  colTitle: "Title",
  colStatus: "Status",
  colCategory: "Category",
  colUpdated: "Changed",
  pinnedMark: "pinned",
  importedMark: "imported",
  empty: "No news items with this status.",
  confirmDelete: (title: string) => `Really delete “${title}”? This cannot be undone.`,
  deleted: (title: string) => `“${title}” was deleted.`,
  unpublished: (title: string) => `“${title}” is a draft now.`,
  createHeading: "New news item",
  editHeading: (title: string) => `Edit news item: ${title}`,
  title: "Title",
  teaser: "Teaser",
  teaserHint: "One or two sentences for lists and feeds (at most 500 characters).",
  body: "Text",
  source: "Source",
  sourceHint: "e.g. the city's press office",
  link: "Further link",
  linkHint: "A full address starting with https://",
  pinned: "Pin to the top",
  pinnedHint: "Pinned items come first in the app.",
  created: (title: string) => `“${title}” was created.`,
  saved: (title: string) => `“${title}” was saved.`,
  notFound: "This news item does not exist (any more).",
};

/** The catalogue in the console's current language. */
export function useNewsMessages(): NewsMessages {
  return useI18n().lang === "de" ? de : en;
}
