// What a web module is: the form of src/modules/<name>/module.ts, which declares everything the
// module adds to the citizen app, the staff console and the service worker. The app, the console,
// the service worker and the build read these declarations from the one list, ./index.ts; none of
// them names a module. A declaration stays small (it is part of the citizen entry and of the
// service worker): the screens are behind dynamic import()s, one lazily loaded chunk each.
import type { ComponentType, FunctionComponent } from "preact";

/** What a module's citizen chunk gives the app. */
export interface CitizenScreens {
  /** The module's screen for /{city}/<name>[/{id}…]: its first screen for id null. */
  Screen: FunctionComponent<{ id: string | null }>;
  /** Its part of the city's start screen (latest news, next events), if it has one. */
  StartSection?: FunctionComponent;
}

/** What a module's console screen gets. */
export interface ConsoleScreenProps {
  /** The path below /console/modules/<module>, e.g. [] for the list, ["new"], ["42"]. */
  rest: string[];
}

/** A cache of its own for a module's files (network first, bounded), e.g. report photos. */
export interface FileCacheRule {
  /** The cache's name in the browser; keep it when the rule changes, or the saved copies are lost. */
  cacheName: string;
  /** Whether GET /api/v1/cities/{city}/<name>/{path…} is such a file. */
  matches: (path: string[]) => boolean;
  maxEntries: number;
  maxAgeDays: number;
}

/**
 * Which of the module's API reads the service worker may keep for offline use. Only reads that
 * are the same for everyone: never staff routes, and never a request carrying a personal token
 * (sw.ts refuses those, and every non-GET, for all modules).
 */
export interface ServiceWorkerRules {
  /** Whether GET /api/v1/cities/{city}/<name>[/{path…}] is a public read (network first, then the last answer). */
  isPublicRead: (path: string[]) => boolean;
  files?: FileCacheRule;
}

export interface CitizenRoutes {
  /** Whether /{city}/<name>[/{path…}] is one of the module's screens ([] is its first screen). */
  accepts: (path: string[]) => boolean;
  /** Loads the module's chunk (once; a failed load is tried again on the next visit). */
  load: () => Promise<CitizenScreens>;
  /**
   * The module has a part on the start screen (its chunk's StartSection). `shows` says whether
   * it has one for this person (the waste calendar only with an address saved on the device), so
   * that no chunk is loaded and no room is kept for nothing.
   */
  start?: { shows?: (city: string) => boolean };
  /** Work the app frame starts once at start (e.g. sending queued reports); returns its stop. */
  atAppStart?: () => () => void;
}

export interface WebModule {
  /** The module's name on the server (a city manifest's modules[].name) and its path segment. */
  name: string;
  /** The start screen tile's icon: one SVG path on a 24×24 grid, drawn in the text colour. */
  icon: string;
  /** The citizen app's screens; a module without them gets a tile without a link. */
  citizen?: CitizenRoutes;
  /** The staff console's screens (/console/modules/<name>/…), a chunk of its own. */
  console?: () => Promise<{ default: ComponentType<ConsoleScreenProps> }>;
  serviceWorker?: ServiceWorkerRules;
}
