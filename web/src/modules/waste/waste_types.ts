// The waste module's public JSON (GET /api/v1/cities/{city}/waste/…, docs/waste.md), as the app
// reads it. Pickup dates are calendar dates ("2027-01-05"), the same in every time zone.

/** One street of the search (GET …/waste/streets?q=). */
export interface StreetMatch {
  street: string;
  district: string;
  /** The street is split between areas: the area depends on the house number. */
  needs_house_number: boolean;
  /** The street's area when it lies in one; null when it needs a house number. */
  area: string | null;
  ics_url: string | null;
  address_url: string;
}

export interface StreetSearch {
  /** A trailing house number of the query ("Hauptstr. 12a" → "12a"), or null. */
  house_number: string | null;
  items: StreetMatch[];
}

export interface AreaRef {
  code: string;
  name: string;
  district: string;
}

/** The area of an address (GET …/waste/address?street=&house_number=). */
export interface AddressAnswer {
  street: string;
  house_number: string | null;
  area: AreaRef;
  ics_url: string;
  webcal_url: string;
  pickups_url: string;
}

/** A pickup: `planned` differs from `date` when it was moved, `note` says why. */
export interface Pickup {
  date: string;
  planned: string;
  type: string;
  note?: string | null;
}

/** An area with its next pickup per type (GET …/waste/areas/{code}). */
export interface AreaDetail extends AreaRef {
  ics_url: string;
  webcal_url: string;
  pickups_url: string;
  next: Pickup[];
}

/** GET …/waste/areas/{code}/pickups: a list of pickups (items), as every Mosaik list. */
export interface PickupList {
  items: Pickup[];
}

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
