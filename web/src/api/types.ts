// Shapes of the Mosaik HTTP API as the web app uses them. The answers' types come from the API's
// description (docs/openapi.yaml, generated into ./openapi.ts by `npm run api-types`), so the app
// cannot drift from the server; a test fails when ./openapi.ts is stale.
import type { components } from "./openapi";

type Schemas = components["schemas"];

/**
 * RFC 9457 problem details, as every Mosaik error answer carries them. Written by hand: the app
 * reads them from whatever answered (a proxy's error too), so only `type`, `title` and `status`
 * are relied on.
 */
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

export type CitySummary = Schemas["CitySummary"];

/** A module a city has switched on; `settings` are its public settings (module-defined). */
export type CityModule = Schemas["ManifestModule"];

export type GeoPoint = Schemas["GeoPoint"];

export type CityManifest = Schemas["CityManifest"];

/** An image of a news item or event: a media URL of the city (or https) and its alt text. */
export interface ImageRef {
  url: string;
  alt: string;
}

export type Service = Schemas["Service"];

export type SessionModule = SessionCity["modules"][number];

export type SessionCity = Schemas["SessionCity"];

/** A city's whole document (GET/PUT /api/v1/cities/{city}/settings); unknown parts kept as they are. */
export type CitySettings = Schemas["CityDocument"] & { [other: string]: unknown };

export type Session = Schemas["Session"];

export type StaffMember = Schemas["StaffMember"];

export type ApiToken = Schemas["ApiToken"];

/** A new token, with the secret itself: the server shows it in this answer only. */
export type CreatedApiToken = Schemas["IssuedApiToken"];

export type AuditEntry = Schemas["AuditEntry"];
