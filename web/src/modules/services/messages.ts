// Messages of the services screen (Dienstleistungen A–Z). German is the reference.
export const de = {
  heading: "Dienstleistungen A–Z",
  intro: "Was Sie bei der Stadtverwaltung erledigen können, von A bis Z.",
  searchLabel: "Dienstleistung suchen",
  searchButton: "Suchen",
  searchResult: (count: number, query: string) => `${count} Treffer für „${query}“`,
  showAll: "Alle Dienstleistungen zeigen",
  lettersLabel: "Anfangsbuchstaben",
  noServices: "Keine Dienstleistung gefunden.",
  unavailable: "Die Dienstleistungen sind zurzeit nicht verfügbar.",
  department: "Zuständig",
  cityPage: (title: string) => `Mehr zu „${title}“ auf der Website der Stadt`,
};

export type ServicesMessages = typeof de;

export const en: ServicesMessages = {
  heading: "City services A–Z",
  intro: "What you can do at the city administration, from A to Z.",
  searchLabel: "Search services",
  searchButton: "Search",
  searchResult: (count: number, query: string) => `${count} ${count === 1 ? "result" : "results"} for “${query}”`,
  showAll: "Show all services",
  lettersLabel: "Initial letters",
  noServices: "No service found.",
  unavailable: "City services are not available at the moment.",
  department: "Responsible",
  cityPage: (title: string) => `More about “${title}” on the city's website`,
};

export const servicesMessages = { de, en };
