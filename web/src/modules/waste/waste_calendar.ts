// Plain calendar arithmetic of the waste screens on "YYYY-MM-DD" dates (calendar days, no time
// zone involved) and the calendar subscription's URL. No DOM: web/test/waste_calendar.test.mjs
// checks these directly.
import type { Pickup } from "./waste_types";

/** "2027-01" of "2027-01-05". */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The month `count` months after `month` ("2027-01", -1 → "2026-12"). */
export function addMonths(month: string, count: number): string {
  const [year = 1970, number = 1] = month.split("-").map(Number);
  const date = new Date(Date.UTC(year, number - 1 + count, 1));
  return isoDate(date).slice(0, 7);
}

/** The first and last day of a month: the `from` and `to` of a pickups request. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const last = new Date(utcDate(`${addMonths(month, 1)}-01`).getTime() - 86_400_000);
  return { from, to: isoDate(last) };
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDate(to).getTime() - utcDate(from).getTime()) / 86_400_000);
}

/**
 * The weeks of a month for a calendar grid, Monday first: each week has seven cells, the
 * month's dates or null for the days of the neighbouring months.
 */
export function monthGrid(month: string): (string | null)[][] {
  const { from, to } = monthRange(month);
  const first = utcDate(from);
  const lead = (first.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const days = daysBetween(from, to) + 1;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 0; d < days; d++) cells.push(isoDate(new Date(first.getTime() + d * 86_400_000)));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * The calendar feed of an area with the person's choices: only the chosen types (none given
 * when all are chosen) and the alarm on the evening before. Works for http(s):// and webcal://.
 */
export function calendarUrl(
  feed: string,
  options: { types: readonly string[]; allTypes: boolean; alarm: boolean },
): string {
  const [base = "", query = ""] = feed.split("?", 2);
  const params = new URLSearchParams(query);
  params.delete("types");
  params.delete("alarm");
  if (!options.allTypes) params.set("types", options.types.join(","));
  if (options.alarm) params.set("alarm", "true");
  const search = params.toString().replace(/%2C/g, ",");
  return search === "" ? base : `${base}?${search}`;
}

/** The pickups of a pickups answer ({items: […]}, or a bare list). */
export function pickupsOf(body: unknown): Pickup[] {
  const list = Array.isArray(body)
    ? body
    : body !== null && typeof body === "object"
      ? ((body as { items?: unknown; pickups?: unknown }).items ?? (body as { pickups?: unknown }).pickups)
      : null;
  return Array.isArray(list) ? (list as Pickup[]) : [];
}

/** Pickups by date, each day's in the given type order. */
export function pickupsByDay(pickups: readonly Pickup[], typeOrder: readonly string[]): Map<string, Pickup[]> {
  const rank = (slug: string) => {
    const i = typeOrder.indexOf(slug);
    return i === -1 ? typeOrder.length : i;
  };
  const days = new Map<string, Pickup[]>();
  for (const p of [...pickups].sort((a, b) => a.date.localeCompare(b.date) || rank(a.type) - rank(b.type))) {
    const day = days.get(p.date);
    if (day === undefined) days.set(p.date, [p]);
    else day.push(p);
  }
  return days;
}
