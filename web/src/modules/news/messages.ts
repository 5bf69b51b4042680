// Messages of the news screens. German is the reference; en has exactly the same keys.
export const de = {
  heading: "Nachrichten",
  latestHeading: "Aktuelles",
  allNews: "Alle Nachrichten",
  noNews: "Zurzeit gibt es keine Nachrichten.",
  unavailable: "Die Nachrichten sind zurzeit nicht verfügbar.",
  itemNotFound: "Diese Nachricht gibt es nicht (mehr).",
  loadMore: "Weitere Nachrichten laden",
  categoryFilter: "Nach Thema filtern",
  allCategories: "Alle Themen",
  published: "Veröffentlicht",
  updated: "Aktualisiert",
  pinned: "Wichtig",
  category: "Thema",
  districts: "Stadtbezirke",
  source: "Quelle",
  readOriginal: "Zum Originalbeitrag",
  backToList: "Zurück zu den Nachrichten",
  feedsHeading: "Nachrichten abonnieren",
  rssFeed: "RSS-Feed",
  atomFeed: "Atom-Feed",
};

export type NewsMessages = typeof de;

export const en: NewsMessages = {
  heading: "News",
  latestHeading: "Latest news",
  allNews: "All news",
  noNews: "There is no news at the moment.",
  unavailable: "News is not available at the moment.",
  itemNotFound: "This news item does not exist (any more).",
  loadMore: "Load more news",
  categoryFilter: "Filter by topic",
  allCategories: "All topics",
  published: "Published",
  updated: "Updated",
  pinned: "Important",
  category: "Topic",
  districts: "Districts",
  source: "Source",
  readOriginal: "Read the original",
  backToList: "Back to the news",
  feedsHeading: "Subscribe to the news",
  rssFeed: "RSS feed",
  atomFeed: "Atom feed",
};

export const newsMessages = { de, en };
