// Dates and times in the city's time zone, whatever the editor's computer is set to: shown with
// Intl, typed as local wall-clock times and sent as RFC 3339 with the city's offset at that
// moment (DST included), computed with Intl as well.

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The offset of `timeZone` from UTC at the instant `utcMillis`, in minutes (Berlin summer: 120). */
export function offsetMinutes(timeZone: string, utcMillis: number): number {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(new Date(utcMillis)).find((p) => p.type === "timeZoneName")?.value ?? "";
  // "GMT+01:00", "GMT-03:30", or "GMT" for UTC itself.
  const m = /([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (m === null) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? "0");
  return m[1] === "-" ? -minutes : minutes;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * "2026-12-05T18:30" (a datetime-local value, wall-clock time in the city) → RFC 3339 with the
 * city's offset then, e.g. "2026-12-05T18:30:00+01:00". Null for anything else. A time that
 * falls into the spring-forward gap is moved by the gap, as clocks do.
 */
export function localToRfc3339(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? "0")) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(wall)) return null;
  // The offset at the instant itself: first guess from the wall time, then correct once.
  let offset = offsetMinutes(timeZone, wall);
  const corrected = offsetMinutes(timeZone, wall - offset * 60_000);
  if (corrected !== offset) offset = corrected;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(offset)}`;
}

/** An RFC 3339 instant as the city's wall-clock "YYYY-MM-DDTHH:MM" (for datetime-local inputs). */
export function rfc3339ToLocal(iso: string, timeZone: string): string {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) return "";
  const shifted = new Date(millis + offsetMinutes(timeZone, millis) * 60_000);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`
  );
}

/** Today's date in the city, "YYYY-MM-DD". */
export function todayInCity(timeZone: string): string {
  return rfc3339ToLocal(new Date().toISOString(), timeZone).slice(0, 10);
}

export interface CityDateFormat {
  /** Date and time of an instant, in the city's zone and the reader's language. */
  dateTime: (iso: string) => string;
  /** A calendar date "2026-12-05" (all-day events), in the reader's language. */
  date: (isoDate: string) => string;
  /** From–to of two instants, shortened by Intl where they share the day ("1 Dec 2026, 16:00–18:00"). */
  dateTimeRange: (startIso: string, endIso: string) => string;
  /** From–to of two calendar dates. */
  dateRange: (startDate: string, endDate: string) => string;
}

export function cityDateFormat(timeZone: string, lang: "de" | "en"): CityDateFormat {
  const locale = lang === "de" ? "de-DE" : "en-GB";
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  // Dates without a time are calendar days: formatted in UTC so no zone moves them.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  return {
    dateTime: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
    },
    date: (isoDate) => {
      const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? isoDate : date.format(d);
    },
    dateTimeRange: (startIso, endIso) => {
      const a = new Date(startIso);
      const b = new Date(endIso);
      if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime()) || b < a) return `${startIso} – ${endIso}`;
      return dateTime.formatRange(a, b);
    },
    dateRange: (startDate, endDate) => {
      const a = new Date(`${startDate.slice(0, 10)}T00:00:00Z`);
      const b = new Date(`${endDate.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime()) || b < a) return `${startDate} – ${endDate}`;
      return date.formatRange(a, b);
    },
  };
}
