// Shapes of the Mängelmelder API (docs/reports.md) as the citizen screens and the console read
// them, and the module's public settings from the city's manifest. Only the fields used are listed.
import type { components } from "../../api/openapi";
import type { CityManifest, GeoPoint, LocalizedText } from "../../api/types";

export type ReportStatus = "received" | "in_progress" | "done" | "rejected" | "forwarded" | "duplicate";

export const reportStatuses: readonly ReportStatus[] = [
  "received",
  "in_progress",
  "done",
  "rejected",
  "forwarded",
  "duplicate",
];

const statusNames: Record<"de" | "en", Record<ReportStatus, string>> = {
  de: {
    received: "Eingegangen",
    in_progress: "In Bearbeitung",
    done: "Erledigt",
    rejected: "Abgelehnt",
    forwarded: "Weitergeleitet",
    duplicate: "Doppelt gemeldet",
  },
  en: {
    received: "Received",
    in_progress: "In progress",
    done: "Done",
    rejected: "Rejected",
    forwarded: "Forwarded",
    duplicate: "Duplicate",
  },
};

/** A status in words (the server sends status_label with a report; lists and forms need their own). */
export function statusLabel(status: string, lang: "de" | "en"): string {
  return (statusNames[lang] as Record<string, string>)[status] ?? status;
}

/** received and in_progress are open; the others closed (Open311 open/closed). */
export function isOpenStatus(status: string): boolean {
  return status === "received" || status === "in_progress";
}

export interface ReportPhoto {
  /** 1-based; older answers may leave it out (then the index + 1). */
  position?: number;
  url: string;
  thumbnail_url: string;
  width: number;
  height: number;
  /** Staff only. */
  hidden?: boolean;
}

export interface HistoryEntry {
  at: string;
  kind?: string;
  status: ReportStatus | null;
  text: string;
  /** Staff only. */
  internal?: boolean;
  actor?: string;
}

/** The public view of a report (GET …/reports/{id}); the reporter's view adds two fields. */
export interface PublicReport {
  id: number;
  category: string;
  group: string | null;
  status: ReportStatus;
  status_label: LocalizedText;
  lat: number | null;
  lon: number | null;
  address: string;
  district: string | null;
  description: string;
  attributes: Record<string, unknown>;
  public_answer: string;
  forwarded_to: string | null;
  duplicate_of: number | null;
  supporters: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  photos: ReportPhoto[];
  history: HistoryEntry[];
  published?: boolean;
  has_email?: boolean;
}

/** The 201/200 answer to POST …/reports. */
export type CreatedReport = components["schemas"]["ReportCreated"];

export interface NearbyReport {
  id: number;
  distance_m: number;
  status: ReportStatus;
  created_at: string;
  supporters: number;
  description?: string;
  photos?: ReportPhoto[];
}

export interface MapFeature {
  type: "Feature";
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: { id: number; category: string; status: ReportStatus; created_at: string };
}

export interface MapCollection {
  type: "FeatureCollection";
  features: MapFeature[];
  truncated?: boolean;
}

/** What POST …/reports takes. */
export interface ReportSubmission {
  submission_id: string;
  category: string;
  lat?: number;
  lon?: number;
  address?: string;
  description: string;
  attributes: Record<string, AttributeValue>;
  photos: string[];
  email?: string;
  locale: "de" | "en";
  website: string;
}

export type AttributeValue = string | number | string[];

// ---------------------------------------------------------------------------------------------
// Settings (the manifest's modules[name=reports].settings)

export interface ReportGroup {
  id: string;
  title: LocalizedText;
}

export interface AttributeOption {
  key: string;
  label: LocalizedText;
}

export interface CategoryAttribute {
  code: string;
  type: "text" | "number" | "date" | "single" | "multi";
  required: boolean;
  label: LocalizedText;
  options: AttributeOption[];
}

export interface ReportCategory {
  code: string;
  group: string;
  department: string;
  title: LocalizedText;
  description: LocalizedText | null;
  location_required: boolean;
  attributes: CategoryAttribute[];
}

export interface ReportDepartment {
  id: string;
  name: string;
}

export interface ReportsSettings {
  moderation: "review" | "immediate";
  groups: ReportGroup[];
  departments: ReportDepartment[];
  categories: ReportCategory[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function text(value: unknown, fallback = ""): LocalizedText {
  if (typeof value === "string") return { de: value, en: value };
  if (!isObject(value)) return { de: fallback, en: fallback };
  const de = typeof value["de"] === "string" ? value["de"] : fallback;
  const en = typeof value["en"] === "string" && value["en"] !== "" ? value["en"] : de;
  return { de, en };
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

const attributeTypes = new Set(["text", "number", "date", "single", "multi"]);

function readAttribute(a: Record<string, unknown>): CategoryAttribute | null {
  const code = a["code"];
  const type = a["type"];
  if (typeof code !== "string" || typeof type !== "string" || !attributeTypes.has(type)) return null;
  return {
    code,
    type: type as CategoryAttribute["type"],
    required: a["required"] === true,
    label: text(a["label"], code),
    options: list(a["options"])
      .filter((o) => typeof o["key"] === "string")
      .map((o) => ({ key: o["key"] as string, label: text(o["label"], o["key"] as string) })),
  };
}

/** The module's settings from a city's settings object; anything malformed is left out. */
export function readReportsSettings(settings: Record<string, unknown> | undefined): ReportsSettings {
  const s = settings ?? {};
  const categories = list(s["categories"]).flatMap((c): ReportCategory[] => {
    const code = c["code"];
    if (typeof code !== "string") return [];
    return [
      {
        code,
        group: typeof c["group"] === "string" ? c["group"] : "",
        department: typeof c["department"] === "string" ? c["department"] : "",
        title: text(c["title"], code),
        description: isObject(c["description"]) ? text(c["description"]) : null,
        location_required: c["location_required"] === true,
        attributes: list(c["attributes"]).flatMap((a) => readAttribute(a) ?? []),
      },
    ];
  });
  return {
    moderation: s["moderation"] === "immediate" ? "immediate" : "review",
    groups: list(s["groups"]).flatMap((g) =>
      typeof g["id"] === "string" ? [{ id: g["id"], title: text(g["title"], g["id"]) }] : [],
    ),
    departments: list(s["departments"]).flatMap((d) =>
      typeof d["id"] === "string" ? [{ id: d["id"], name: typeof d["name"] === "string" ? d["name"] : d["id"] }] : [],
    ),
    categories,
  };
}

/** The reports settings of a city's manifest. */
export function citySettings(city: CityManifest): ReportsSettings {
  return readReportsSettings(city.modules.find((m) => m.name === "reports")?.settings);
}

/** The categories under their groups, in the settings' order; categories of no known group last. */
export function groupedCategories(
  settings: ReportsSettings,
): { group: ReportGroup | null; categories: ReportCategory[] }[] {
  const known = new Set(settings.groups.map((g) => g.id));
  const out: { group: ReportGroup | null; categories: ReportCategory[] }[] = settings.groups
    .map((group) => ({ group, categories: settings.categories.filter((c) => c.group === group.id) }))
    .filter((g) => g.categories.length > 0);
  const rest = settings.categories.filter((c) => !known.has(c.group));
  if (rest.length > 0) out.push({ group: null, categories: rest });
  return out;
}

export function categoryOf(settings: ReportsSettings, code: string): ReportCategory | undefined {
  return settings.categories.find((c) => c.code === code);
}

/** A map area: the manifest's map (centre, zoom, bounds). */
export interface CityMap {
  center: GeoPoint;
  zoom: number;
  bounds: { south_west: GeoPoint; north_east: GeoPoint } | null;
}

/** The city's map from its manifest; a fallback (Germany) when the manifest has none. */
export function cityMap(city: CityManifest): CityMap {
  if (city.map === undefined) return { center: { lat: 51.1657, lon: 10.4515 }, zoom: 6, bounds: null };
  return { center: city.map.center, zoom: city.map.zoom, bounds: city.map.bounds ?? null };
}

/** Whether a point lies in the city's bounds (the server refuses a pin outside them). */
export function insideCity(map: CityMap, lat: number, lon: number): boolean {
  if (map.bounds === null) return true;
  const { south_west: sw, north_east: ne } = map.bounds;
  return lat >= sw.lat && lat <= ne.lat && lon >= sw.lon && lon <= ne.lon;
}
