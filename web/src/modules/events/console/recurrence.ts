// A simple rule builder for the common cases (weekly on some weekdays, monthly on a day or on
// the n-th weekday; ending never, after a count or on a date) and the raw RRULE (RFC 5545) for
// everything else. Pure functions: the form keeps a RuleDraft and sends toRrule().

export const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof weekdayCodes)[number];

export interface RuleDraft {
  mode: "none" | "weekly" | "monthly" | "custom";
  interval: string;
  weekdays: Weekday[];
  monthlyBy: "day" | "weekday";
  ends: "never" | "count" | "until";
  count: string;
  /** "YYYY-MM-DD" */
  until: string;
  /** The rule as typed, in custom mode. */
  raw: string;
}

export const noRule: RuleDraft = {
  mode: "none",
  interval: "1",
  weekdays: [],
  monthlyBy: "day",
  ends: "never",
  count: "10",
  until: "",
  raw: "",
};

/** Monday-based weekday index (0 = MO) of a "YYYY-MM-DD…" date. */
export function weekdayIndex(date: string): number {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? 0 : (d.getUTCDay() + 6) % 7;
}

/** Day of the month and which of its weekdays (1st … 5th) a date is. */
export function monthPosition(date: string): { day: number; nth: number } {
  const day = Number(date.slice(8, 10)) || 1;
  return { day, nth: Math.ceil(day / 7) };
}

/**
 * The RRULE for a draft, given the event's start ("YYYY-MM-DD" or a datetime-local value) and
 * `untilValue`, the UNTIL text for the chosen end date (a date for all-day events, a UTC time
 * otherwise: the caller converts). Empty for "none".
 */
export function toRrule(rule: RuleDraft, start: string, untilValue: string): string {
  if (rule.mode === "none") return "";
  if (rule.mode === "custom") return rule.raw.trim().replace(/^RRULE:/i, "");
  const parts: string[] = [`FREQ=${rule.mode === "weekly" ? "WEEKLY" : "MONTHLY"}`];
  const interval = Number(rule.interval);
  if (Number.isInteger(interval) && interval > 1) parts.push(`INTERVAL=${interval}`);
  const startDay = weekdayCodes[weekdayIndex(start)] ?? "MO";
  if (rule.mode === "weekly") {
    const days = rule.weekdays.length === 0 ? [startDay] : weekdayCodes.filter((d) => rule.weekdays.includes(d));
    parts.push(`BYDAY=${days.join(",")}`);
  } else {
    const { day, nth } = monthPosition(start);
    parts.push(rule.monthlyBy === "day" ? `BYMONTHDAY=${day}` : `BYDAY=${nth}${startDay}`);
  }
  if (rule.ends === "count" && rule.count.trim() !== "") parts.push(`COUNT=${rule.count.trim()}`);
  if (rule.ends === "until" && untilValue !== "") parts.push(`UNTIL=${untilValue}`);
  return parts.join(";");
}

/**
 * The draft for a stored rule: the builder when it would produce exactly this rule for an event
 * starting on `start`, else custom (the raw rule, unchanged).
 */
export function fromRrule(rrule: string, start: string): RuleDraft {
  const raw = rrule.trim().replace(/^RRULE:/i, "");
  if (raw === "") return noRule;
  const custom: RuleDraft = { ...noRule, mode: "custom", raw };
  const fields = new Map<string, string>();
  for (const part of raw.split(";")) {
    const [key, value] = part.split("=");
    if (key === undefined || value === undefined || fields.has(key.toUpperCase())) return custom;
    fields.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = fields.get("FREQ");
  const allowed = new Set(["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL"]);
  if ([...fields.keys()].some((k) => !allowed.has(k))) return custom;
  if (fields.has("COUNT") && fields.has("UNTIL")) return custom;
  const draft: RuleDraft = { ...noRule, interval: fields.get("INTERVAL") ?? "1", raw };
  const count = fields.get("COUNT");
  const until = fields.get("UNTIL");
  if (count !== undefined) draft.ends = "count";
  if (count !== undefined) draft.count = count;
  if (until !== undefined) {
    // The builder ends on a whole day (a date, or 23:59:59 in the city as UTC): other times stay raw.
    if (!/^\d{8}(T\d{4}59Z)?$/.test(until)) return custom;
    draft.ends = "until";
    draft.until = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  }
  const byday = fields.get("BYDAY");
  if (freq === "WEEKLY" && !fields.has("BYMONTHDAY")) {
    const days = (byday ?? "").split(",").filter((d) => d !== "");
    if (!days.every((d): d is Weekday => (weekdayCodes as readonly string[]).includes(d))) return custom;
    return { ...draft, mode: "weekly", weekdays: days as Weekday[] };
  }
  if (freq === "MONTHLY") {
    const { day, nth } = monthPosition(start);
    const startDay = weekdayCodes[weekdayIndex(start)];
    if (byday === undefined && fields.get("BYMONTHDAY") === String(day))
      return { ...draft, mode: "monthly", monthlyBy: "day" };
    if (!fields.has("BYMONTHDAY") && byday === `${nth}${startDay}`)
      return { ...draft, mode: "monthly", monthlyBy: "weekday" };
  }
  return custom;
}
