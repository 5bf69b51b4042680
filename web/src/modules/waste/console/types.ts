// The waste module's staff API (GET/POST/DELETE /api/v1/cities/{city}/waste/admin/…,
// docs/waste.md), as the console reads it.
import type { components } from "../../../api/openapi";
import type { Pickup } from "../waste_types";

export interface AdminArea {
  code: string;
  name: string;
  district: string;
  /** How many street segments lie in the area. */
  streets: number;
}

export interface AdminSummary {
  areas: number;
  streets: number;
  rhythms: number;
  dates: number;
  changes: number;
  shifts: number;
  /** The years that have dates. */
  years: number[];
}

export type AdminAreas = components["schemas"]["WasteAdminAreas"];

/** A computed pickup of a year, cancelled ones included. */
export interface AdminPickup extends Pickup {
  cancelled: boolean;
  /** The change that made it (moved or cancelled), or null. */
  change_id: number | string | null;
}

export type Change = components["schemas"]["WasteChange"];

export type Shift = components["schemas"]["WasteShift"];

export const importKinds = ["streets", "dates", "calendar"] as const;
export type ImportKind = (typeof importKinds)[number];

export interface ImportOutcome {
  kind: ImportKind;
  dry_run: boolean;
  rows: number;
  areas: number;
  streets: number;
  rhythms: number;
  dates: number;
  /** What the import replaces (or replaced), by kind of thing. */
  replaced?: Record<string, number>;
}

/** The items of a list answer ({items: […]}), or a bare list. */
export function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const items = body !== null && typeof body === "object" ? (body as { items?: unknown }).items : null;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** A street segment (GET …/waste/admin/streets): a street, or a part of it, in one area. */
export type StreetSegment = components["schemas"]["WasteStreetSegment"];
