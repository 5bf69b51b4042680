// Messages of the waste calendar screens (Abfallkalender). German is the reference; en has
// exactly the same keys (checked by the compiler).
export const de = {
  heading: "Abfallkalender",
  intro:
    "Wann wird welche Tonne bei Ihnen geleert? Geben Sie Ihre Straße ein. Die Adresse bleibt nur auf diesem Gerät gespeichert.",
  unavailable: "Der Abfallkalender ist zurzeit nicht verfügbar.",
  streetLabel: "Straße (und Hausnummer)",
  streetHint: "z. B. Hauptstraße 12 – die Vorschläge erscheinen beim Tippen.",
  suggestions: "Vorschläge",
  searching: "Suche läuft …",
  streetCount: (count: number) =>
    count === 0
      ? "Keine Straße gefunden."
      : `${count} ${count === 1 ? "Straße" : "Straßen"} gefunden. Mit Pfeiltasten auswählen.`,
  tooShort: "Bitte mindestens zwei Buchstaben eingeben.",
  needsNumber: "Hausnummer nötig",
  chooseStreet: "Bitte eine Straße aus den Vorschlägen wählen.",
  houseNumberLabel: (street: string) => `Hausnummer in ${street}`,
  houseNumberHint: "Die Straße gehört zu mehreren Abfuhrbezirken, z. B. 12 oder 12a.",
  houseNumberMissing: "Bitte die Hausnummer angeben.",
  findAddress: "Adresse suchen",
  showDates: "Abfuhrtermine zeigen",
  otherStreet: "Andere Straße",
  lookingUp: "Die Adresse wird gesucht …",
  yourAddress: "Ihre Adresse",
  areaLabel: (code: string, name: string) => `Abfuhrbezirk ${code}${name === "" ? "" : ` (${name})`}`,
  changeAddress: "Adresse ändern",
  savedOnDevice: "Nur auf diesem Gerät gespeichert.",
  nextHeading: "Nächste Abholungen",
  nextShort: "Nächste Abholung",
  noNext: "Keine Abholungen geplant.",
  toCalendar: "Zum Abfallkalender",
  today: "heute",
  tomorrow: "morgen",
  moved: (planned: string, note: string) =>
    note === "" ? `verschoben (statt ${planned})` : `verschoben wegen ${note} (statt ${planned})`,
  typesLegend: "Angezeigte Abfallarten",
  typesHint: "Gilt für die Liste, die Monatsansicht und das Kalender-Abo.",
  noTypeChosen: "Bitte mindestens eine Abfallart wählen.",
  accepts: "Hinein gehört",
  monthHeading: "Monatsansicht",
  previousMonth: (month: string) => `Vorheriger Monat: ${month}`,
  nextMonth: (month: string) => `Nächster Monat: ${month}`,
  monthCaption: (month: string) => `Abholungen im ${month}`,
  noPickupsInMonth: "In diesem Monat keine Abholungen.",
  todayMark: "heute",
  subscribeHeading: "Im Kalender abonnieren",
  subscribeIntro:
    "Das Abo hält Ihren Kalender aktuell, auch wenn sich Termine verschieben. Es enthält die oben gewählten Abfallarten.",
  alarm: "Erinnerung am Vorabend",
  alarmHint: (time: string) => `Ihr Kalender erinnert am Abend vor jeder Abholung um ${time} Uhr.`,
  subscribe: "Im Kalender abonnieren (webcal)",
  downloadIcs: "ICS herunterladen",
  offlineSaved: "Offline: Sie sehen die zuletzt geladenen Termine.",
};

export type WasteMessages = typeof de;

export const en: WasteMessages = {
  heading: "Waste collection calendar",
  intro: "When is which bin collected at your address? Enter your street. The address is only kept on this device.",
  unavailable: "The waste collection calendar is not available at the moment.",
  streetLabel: "Street (and house number)",
  streetHint: "e.g. Hauptstraße 12 – suggestions appear as you type.",
  suggestions: "Suggestions",
  searching: "Searching …",
  streetCount: (count: number) =>
    count === 0
      ? "No street found."
      : `${count} ${count === 1 ? "street" : "streets"} found. Use the arrow keys to choose.`,
  tooShort: "Please type at least two letters.",
  needsNumber: "house number needed",
  chooseStreet: "Please choose a street from the suggestions.",
  houseNumberLabel: (street: string) => `House number in ${street}`,
  houseNumberHint: "The street belongs to several collection areas, e.g. 12 or 12a.",
  houseNumberMissing: "Please enter the house number.",
  findAddress: "Find the address",
  showDates: "Show collection dates",
  otherStreet: "Another street",
  lookingUp: "Looking up the address …",
  yourAddress: "Your address",
  areaLabel: (code: string, name: string) => `Collection area ${code}${name === "" ? "" : ` (${name})`}`,
  changeAddress: "Change address",
  savedOnDevice: "Kept on this device only.",
  nextHeading: "Next collections",
  nextShort: "Next collection",
  noNext: "No collections planned.",
  toCalendar: "To the collection calendar",
  today: "today",
  tomorrow: "tomorrow",
  moved: (planned: string, note: string) =>
    note === "" ? `moved (instead of ${planned})` : `moved because of ${note} (instead of ${planned})`,
  typesLegend: "Waste types shown",
  typesHint: "Applies to the list, the month view and the calendar subscription.",
  noTypeChosen: "Please choose at least one waste type.",
  accepts: "What goes in",
  monthHeading: "Month view",
  previousMonth: (month: string) => `Previous month: ${month}`,
  nextMonth: (month: string) => `Next month: ${month}`,
  monthCaption: (month: string) => `Collections in ${month}`,
  noPickupsInMonth: "No collections this month.",
  todayMark: "today",
  subscribeHeading: "Subscribe in your calendar",
  subscribeIntro:
    "The subscription keeps your calendar up to date, also when dates move. It has the waste types chosen above.",
  alarm: "Reminder the evening before",
  alarmHint: (time: string) => `Your calendar reminds you at ${time} on the evening before each collection.`,
  subscribe: "Subscribe in your calendar (webcal)",
  downloadIcs: "Download ICS",
  offlineSaved: "Offline: you see the dates loaded last.",
};

export const wasteMessages = { de, en };
