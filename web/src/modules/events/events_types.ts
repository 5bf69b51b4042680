// The events API's JSON (GET /api/v1/cities/{city}/events, …/events/{id}): the generated schemas
// of docs/openapi.yaml (see src/api/types.ts). Timed values are RFC 3339 with offset; all-day
// ones plain dates ("2026-12-05", end inclusive).
import type { components } from "../../api/openapi";

type Schemas = components["schemas"];

export type Venue = Schemas["EventVenue"];
export type Price = Schemas["EventPrice"];
/** The fields of an event that lists carry (the detail has them all). */
export type EventSummary = Schemas["EventSummary"];
/** One occurrence in a list: recurring events appear once per date. */
export type Occurrence = Schemas["EventOccurrence"];
export type EventDetail = Schemas["Event"];
