// Dates and times in the city's time zone (manifest time_zone), written in the reader's locale.
// The API sends timed values as RFC 3339 with offset and all-day values as plain dates
// ("2026-12-05"); a plain date is a calendar day everywhere, so it is formatted as UTC.

export interface CityDates {
  /** "Di., 24. Nov. 2026, 18:00" of a timestamp, or the day of a plain date. */
  dateTime: (value: string) => string;
  /** "Dienstag, 24. November 2026": the day a timestamp falls on in the city, or a plain date. */
  day: (value: string) => string;
  /** The calendar day ("2026-11-24") a value falls on in the city, for grouping by day. */
  dayKey: (value: string) => string;
  /** A start–end range, shortened where both share the day (and for all-day events, dates only). */
  range: (start: string, end: string | null, allDay: boolean) => string;
  /** "18:00–20:00" (with the dates only where the range crosses midnight); "" for plain dates. */
  times: (start: string, end: string | null) => string;
  /** "Di., 5. Jan.": a plain date (or the city's day of a timestamp) without the year. */
  shortDay: (value: string) => string;
  /** "Januar 2027": the month of a plain date. */
  month: (value: string) => string;
  /** The city's calendar day now ("2026-11-24"). */
  today: () => string;
  /** Monday to Sunday, short ("Mo") and long ("Montag"), in the reader's language. */
  weekdays: () => { short: string; long: string }[];
}

const plainDate = /^\d{4}-\d{2}-\d{2}$/;

function parse(value: string): Date | null {
  const date = plainDate.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function safeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    // An unknown time zone in the manifest: the reader's own zone beats no date at all.
    const { timeZone: _ignored, ...rest } = options;
    return new Intl.DateTimeFormat(locale, rest);
  }
}

/** A value made on first use (Intl formatters load locale data when created). */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const cache = new Map<string, CityDates>();

/** The formatting for a locale and time zone; made once per pair, its formatters on first use. */
export function cityDates(locale: string, timeZone: string): CityDates {
  const key = `${locale} ${timeZone}`;
  let dates = cache.get(key);
  if (dates === undefined) {
    dates = makeCityDates(locale, timeZone);
    cache.set(key, dates);
  }
  return dates;
}

function makeCityDates(locale: string, timeZone: string): CityDates {
  const zoned = (options: Intl.DateTimeFormatOptions) => lazy(() => safeFormat(locale, { ...options, timeZone }));
  const utc = (options: Intl.DateTimeFormatOptions) => lazy(() => safeFormat(locale, { ...options, timeZone: "UTC" }));
  const dateTimeOptions: Intl.DateTimeFormatOptions = {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  };
  const dateOptions: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric" };
  const dayOptions: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
  const keyOptions: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit" };
  const timed = zoned(dateTimeOptions);
  const timeOnly = zoned({ hour: "2-digit", minute: "2-digit" });
  const allDayFormat = utc(dateOptions);
  const dayZoned = zoned(dayOptions);
  const dayUtc = utc(dayOptions);
  const shortFormat = utc({ weekday: "short", day: "numeric", month: "short" });
  const shortZoned = zoned({ weekday: "short", day: "numeric", month: "short" });
  const monthFormat = utc({ month: "long", year: "numeric" });
  const weekdayShort = utc({ weekday: "short" });
  const weekdayLong = utc({ weekday: "long" });
  // en-CA writes ISO dates (2026-11-24).
  const keyZoned = lazy(() => safeFormat("en-CA", { ...keyOptions, timeZone }));

  const format = (value: string, forTimed: () => Intl.DateTimeFormat, forPlain: () => Intl.DateTimeFormat) => {
    const date = parse(value);
    if (date === null) return value;
    return (plainDate.test(value) ? forPlain : forTimed)().format(date);
  };

  return {
    dateTime: (value) => format(value, timed, allDayFormat),
    day: (value) => format(value, dayZoned, dayUtc),
    dayKey: (value) => {
      if (plainDate.test(value)) return value;
      const date = parse(value);
      return date === null ? value : keyZoned().format(date);
    },
    range: (start, end, allDay) => {
      const from = parse(start);
      const to = end === null ? null : parse(end);
      if (from === null) return start;
      const formatter = allDay || plainDate.test(start) ? allDayFormat() : timed();
      if (to === null || to.getTime() <= from.getTime()) return formatter.format(from);
      return formatter.formatRange(from, to);
    },
    times: (start, end) => {
      const from = parse(start);
      if (from === null || plainDate.test(start)) return "";
      const to = end === null || plainDate.test(end) ? null : parse(end);
      if (to === null || to.getTime() <= from.getTime()) return timeOnly().format(from);
      const sameDay = keyZoned().format(from) === keyZoned().format(to);
      return sameDay ? timeOnly().formatRange(from, to) : timed().formatRange(from, to);
    },
    shortDay: (value) => format(value, shortZoned, shortFormat),
    month: (value) => format(value, monthFormat, monthFormat),
    today: () => keyZoned().format(new Date()),
    weekdays: () =>
      // 2024-01-01 was a Monday.
      [1, 2, 3, 4, 5, 6, 7].map((d) => {
        const date = new Date(Date.UTC(2024, 0, d));
        return { short: weekdayShort().format(date), long: weekdayLong().format(date) };
      }),
  };
}
