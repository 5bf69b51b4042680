// The events API's JSON (GET /api/v1/cities/{city}/events, …/events/{id}), as the app reads it.
// Timed values are RFC 3339 with offset; all-day ones plain dates ("2026-12-05", end inclusive).
import type { ImageRef } from "../../api/types";

export interface Venue {
  name: string;
  address: string;
  lat: number | null;
  lon: number | null;
}

export interface Price {
  free: boolean;
  text: string;
}

/** The fields of an event that lists carry (the detail has them all). */
export interface EventSummary {
  id: string | number;
  title: string;
  all_day: boolean;
  venue: Venue | null;
  category: string;
  districts: string[];
  price?: Price | null;
  image?: ImageRef | null;
  cancelled: boolean;
  /** The app page of the event, "/{city}/events/{id}". */
  url: string;
}

/** One occurrence in a list: recurring events appear once per date. */
export interface Occurrence {
  event: EventSummary;
  start: string;
  end: string | null;
}

export interface EventDetail extends EventSummary {
  /** The first occurrence (all-day: its day, possibly with a local time part). */
  start: string;
  end: string | null;
  description_html: string;
  time_zone: string;
  recurrence: { rrule: string; exdates: string[] } | null;
  organizer: string;
  accessibility: string;
  link: string;
  /** This event as iCalendar (text/calendar). */
  ics_url: string;
  /** schema.org Event. */
  json_ld: unknown;
  next_occurrences: { start: string; end: string | null }[];
}
