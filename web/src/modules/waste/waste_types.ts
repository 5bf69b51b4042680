// The waste module's public JSON (GET /api/v1/cities/{city}/waste/…, docs/waste.md): the answers
// are the generated schemas of docs/openapi.yaml (see src/api/types.ts). Pickup dates are calendar dates ("2027-01-05"), the same in every time zone.
import type { components } from "../../api/openapi";

/** One street of the search (GET …/waste/streets?q=). */
export type StreetMatch = components["schemas"]["WasteStreetMatch"];

export type StreetSearch = components["schemas"]["WasteStreetSearch"];

export type AreaRef = components["schemas"]["WasteAreaRef"];

/** The area of an address (GET …/waste/address?street=&house_number=). */
export type AddressAnswer = components["schemas"]["WasteAddress"];

/** A pickup: `planned` differs from `date` when it was moved, `note` says why. */
export type Pickup = components["schemas"]["WastePickup"];

/** An area with its next pickup per type (GET …/waste/areas/{code}). */
export type AreaDetail = components["schemas"]["WasteArea"];

/** GET …/waste/areas/{code}/pickups: a list of pickups (items), as every Mosaik list. */
export type PickupList = components["schemas"]["WastePickups"];

/** A drop-off point (GET …/waste/dropoffs: a GeoJSON Feature's properties and its Point). */
export interface DropOff {
  id: string;
  name: string;
  kind: "recycling_centre" | "container";
  address: string;
  /** Free text in the OpenStreetMap opening_hours style ("Mo-Fr 08:00-18:00"). */
  opening_hours: string;
  /** Waste type slugs. */
  accepts: string[];
  lat: number;
  lon: number;
}

/** The drop-off points of a GeoJSON FeatureCollection; features without a Point are left out. */
export function dropOffsOf(body: unknown): DropOff[] {
  const features = (body as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) return [];
  return features.flatMap((feature: { geometry?: { coordinates?: unknown }; properties?: Record<string, unknown> }) => {
    const [lon, lat] = Array.isArray(feature?.geometry?.coordinates) ? feature.geometry.coordinates : [];
    const p = feature?.properties ?? {};
    if (typeof lon !== "number" || typeof lat !== "number" || typeof p["name"] !== "string") return [];
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    return [
      {
        id: text(p["id"]),
        name: p["name"],
        kind: p["kind"] === "container" ? "container" : "recycling_centre",
        address: text(p["address"]),
        opening_hours: text(p["opening_hours"]),
        accepts: Array.isArray(p["accepts"]) ? p["accepts"].filter((s): s is string => typeof s === "string") : [],
        lat,
        lon,
      },
    ];
  });
}

/** The point on openstreetmap.org (a marker, zoomed in to the street). */
export function mapUrl({ lat, lon }: { lat: number; lon: number }): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}
