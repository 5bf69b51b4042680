// Shapes of the Mosaik HTTP API as the web app uses them (docs/openapi.yaml is the reference).
// Only the fields the app reads are listed.

/** RFC 9457 problem details, as every Mosaik error answer carries them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  field?: string;
  instance?: string;
  request_id?: string;
}

/** A list page: every Mosaik list uses this cursor scheme. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface LocalizedText {
  de: string;
  en: string;
}

export interface CitySummary {
  slug: string;
  name: string;
  href: string;
  primary_color?: string;
}

export interface CityModule {
  name: string;
  title: LocalizedText;
  /** The module's API root for this city. */
  href?: string;
  /** The module's public settings (module-defined, e.g. news/events "categories"). */
  settings?: Record<string, unknown>;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface CityManifest {
  slug: string;
  name: string;
  /** The city shows sample content (the app says so). */
  demo?: boolean;
  locales?: string[];
  default_locale?: string;
  /** IANA time zone, e.g. Europe/Berlin: dates and times are shown in it. */
  time_zone?: string;
  branding: { primary_color: string; secondary_color: string; logo_url?: string };
  contact: { address: string; phone: string; email?: string; website?: string };
  /** The city's map: where a map starts, and the box a report's pin must lie in. */
  map?: {
    center: GeoPoint;
    zoom: number;
    bounds: { south_west: GeoPoint; north_east: GeoPoint };
  };
  districts: { id: string; name: string }[];
  modules: CityModule[];
  /** The city's public feeds, root-relative or absolute: news_rss, news_atom, events_ics. */
  feeds?: Record<string, string>;
}

/** An image of a news item or event: a media URL of the city (or https) and its alt text. */
export interface ImageRef {
  url: string;
  alt: string;
}

export interface Service {
  slug: string;
  title: string;
  /** Index letter for A–Z lists (A–Z or #). */
  letter?: string;
  summary: string;
  department?: string;
  /** The city's own page for the service; empty when there is none. */
  url?: string;
}

export interface SessionModule {
  name: string;
  title: { de: string; en: string };
}

export interface SessionCity {
  slug: string;
  name: string;
  /** True when the person may administer the city (city admin or platform admin). */
  admin: boolean;
  modules: SessionModule[];
}

/** A city's whole document (GET/PUT /api/v1/cities/{city}/settings); unknown parts kept as they are. */
export interface CitySettings {
  slug: string;
  name: string;
  branding: { primary_color: string; secondary_color: string; logo_url: string };
  contact: { phone: string; email: string; website: string; address: string };
  modules: Record<string, { enabled: boolean; settings: Record<string, unknown> }>;
  [other: string]: unknown;
}

export interface Session {
  user: { id: number; email: string; display_name: string };
  roles: string[];
  csrf_token: string;
  expires_at: string;
  cities: SessionCity[];
}

export interface StaffMember {
  id: number;
  email: string;
  display_name: string;
  disabled: boolean;
  created_at: string;
  last_login_at: string | null;
  roles: string[];
}

export interface ApiToken {
  id: number;
  name: string;
  scopes: string[];
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** The secret itself: the server shows it in this answer only. */
  token: string;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  actor: { kind: "user" | "token" | "cli"; id: number | string | null; label: string };
  action: string;
  object: { type: string; id: number | string | null };
  request_id: string | null;
}
