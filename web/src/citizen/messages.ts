// Messages of the citizen app's frame (header, start screen, offline and update notices).
// German is the reference; en must have exactly the same keys (checked by the compiler).
// Each module's screens have their own catalogue in src/modules/<name>/messages.ts.
export const de = {
  citiesHeading: "Städte",
  citiesIntro: "Wählen Sie Ihre Stadt: Nachrichten, Veranstaltungen und Dienstleistungen an einem Ort.",
  allCities: "Alle Städte",
  cityNotFound: "Diese Stadt gibt es hier nicht.",
  pageNotFound: "Diese Seite gibt es nicht.",
  toStart: (city: string) => `Zur Startseite von ${city}`,
  switchCity: "Stadt",
  switchCityButton: "Wechseln",
  cityLogo: (city: string) => `Logo von ${city}`,
  homeLink: (city: string) => `${city} – Startseite`,
  modulesLabel: "Angebote",
  moduleSoon: "folgt bald",
  demoNote: "Demo: Die Inhalte dieser Stadt sind Beispiele.",
  contactHeading: "Kontakt",
  website: "Website",
  staffLoginLink: "Anmeldung für Mitarbeitende",
  offline: "Sie sind offline. Sie sehen die zuletzt geladenen Inhalte.",
  offlineNothingSaved: "Sie sind offline, und diese Seite wurde noch nicht gespeichert.",
  offlineReady: "Die App ist jetzt auch ohne Internet nutzbar.",
  updateAvailable: "Eine neue Version der App ist verfügbar.",
  reload: "Neu laden",
  close: "Schließen",
  moduleNotEnabled: (city: string) => `Dieses Angebot gibt es in ${city} nicht.`,
};

export type CitizenMessages = typeof de;

export const en: CitizenMessages = {
  citiesHeading: "Cities",
  citiesIntro: "Choose your city: news, events and services in one place.",
  allCities: "All cities",
  cityNotFound: "There is no such city here.",
  pageNotFound: "This page does not exist.",
  toStart: (city: string) => `To the start page of ${city}`,
  switchCity: "City",
  switchCityButton: "Switch",
  cityLogo: (city: string) => `Logo of ${city}`,
  homeLink: (city: string) => `${city} – start page`,
  modulesLabel: "Services of the city app",
  moduleSoon: "coming soon",
  demoNote: "Demo: this city's content is sample content.",
  contactHeading: "Contact",
  website: "Website",
  staffLoginLink: "Staff sign-in",
  offline: "You are offline. You see the content loaded last.",
  offlineNothingSaved: "You are offline, and this page has not been saved yet.",
  offlineReady: "The app now works without internet, too.",
  updateAvailable: "A new version of the app is available.",
  reload: "Reload",
  close: "Close",
  moduleNotEnabled: (city: string) => `${city} does not offer this.`,
};

export const citizenMessages = { de, en };
