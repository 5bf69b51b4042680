// The events API as the editor screens use it (see docs/openapi.yaml, Events).
import type { ImageValue } from "../../../console/editor/content_fields";

export interface Recurrence {
  rrule: string;
  exdates: string[];
}

export interface Venue {
  name: string;
  address: string;
  lat: number | null;
  lon: number | null;
}

/** What the editor writes: the same in a stored event and in the request body. */
interface EventFields {
  title: string;
  description: string;
  /** RFC 3339, or "YYYY-MM-DD" for all-day events (end inclusive). */
  start: string;
  end: string;
  all_day: boolean;
  recurrence: Recurrence | null;
  venue: Venue | null;
  organizer: string;
  category: string;
  districts: string[];
  price: { free: boolean; text: string };
  accessibility: string;
  image: ImageValue | null;
  link: string;
  cancelled: boolean;
}

/** An event as GET …/events/editorial(/{id}) returns it. */
export interface EditorialEvent extends EventFields {
  id: number | string;
  description_format?: "markdown" | "html";
  status: "draft" | "scheduled" | "published";
  publish_at: string | null;
  published_at?: string | null;
  updated_at?: string;
  import?: { source: string; uid: string } | null;
}

/** The body of POST …/events and PUT …/events/{id}. */
export interface EventInput extends EventFields {
  description_format: "markdown" | "html";
  status: "draft" | "published";
  publish_at?: string;
}

/** The answer of POST …/events/import (also inside the 422 problem when the file has errors). */
export interface ImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  errors: { line: number | null; field: string | null; message: string }[];
}
