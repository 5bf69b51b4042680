// The citizen's address for the waste calendar, remembered on this device only (localStorage,
// one per city): the server never stores it, it only answers the lookups. With it the area's
// last answer, so the dates show offline even before the service worker has cached them, and
// the person's choice of waste types and reminder.
import { readPreference, removePreference, writePreference } from "../../preferences";
import type { AreaDetail, AreaRef } from "./waste_types";

export interface SavedAddress {
  street: string;
  house_number: string | null;
  area: AreaRef;
  /** The types the person wants to see and subscribe to; null: all of the city's. */
  types: string[] | null;
  /** "Erinnerung am Vorabend" for the calendar subscription. */
  alarm: boolean;
  /** The area's last answer (next pickups), for offline use. */
  last: AreaDetail | null;
}

const key = (city: string) => `waste.address.${city}`;

function isSaved(value: unknown): value is SavedAddress {
  if (value === null || typeof value !== "object") return false;
  const v = value as Partial<SavedAddress>;
  return (
    typeof v.street === "string" &&
    (v.house_number === null || typeof v.house_number === "string") &&
    typeof v.area === "object" &&
    v.area !== null &&
    typeof v.area.code === "string"
  );
}

export function readSavedAddress(city: string): SavedAddress | null {
  const text = readPreference(key(city));
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (!isSaved(value)) return null;
    return {
      ...value,
      types: Array.isArray(value.types) ? value.types.filter((t) => typeof t === "string") : null,
      alarm: value.alarm === true,
      last: value.last ?? null,
    };
  } catch {
    return null;
  }
}

export function writeSavedAddress(city: string, address: SavedAddress): void {
  writePreference(key(city), JSON.stringify(address));
}

export function forgetSavedAddress(city: string): void {
  removePreference(key(city));
}

/** "Hauptstraße 12a". */
export function addressLine(address: { street: string; house_number: string | null }): string {
  return address.house_number === null || address.house_number === ""
    ? address.street
    : `${address.street} ${address.house_number}`;
}
