// Create or edit an event: POST …/events or PUT …/events/{id}. Times are typed in the city's
// time zone and sent as RFC 3339 with its offset; all-day events send dates (end inclusive).
import { localToRfc3339, rfc3339ToLocal } from "../../../console/editor/city_time";
import {
  CategoryField,
  DistrictsField,
  ImageField,
  FormattedTextField,
  type ImageValue,
} from "../../../console/editor/content_fields";
import type { EditorCity } from "../../../console/editor/editor_city";
import {
  EditorFormPage,
  EditorLoading,
  InputProblem,
  publicationOf,
  publishAtOf,
  setterOf,
  unpublished,
  useEditorForm,
  type EditorSpec,
  type TitledDraft,
} from "../../../console/editor/editor_form";
import { CheckboxField, FieldGroup, TextArea, TextField, type FormKit } from "../../../console/editor/form_kit";
import { useEditorMessages } from "../../../console/editor/messages";
import type { ModuleFormProps } from "../../../console/editor/module_console";
import { useEventsMessages } from "./messages";
import { eventsPath } from "./paths";
import { fromRrule, monthPosition, noRule, toRrule, weekdayCodes, weekdayIndex, type RuleDraft } from "./recurrence";
import type { EditorialEvent, EventInput } from "./types";

interface Draft extends TitledDraft {
  description: string;
  descriptionFormat: "markdown" | "html";
  allDay: boolean;
  /** "YYYY-MM-DD" when all day, else datetime-local values in the city's zone. */
  start: string;
  end: string;
  rule: RuleDraft;
  /** Dates ("YYYY-MM-DD") of left-out occurrences. */
  exdates: string[];
  venueName: string;
  venueAddress: string;
  venueLat: string;
  venueLon: string;
  organizer: string;
  category: string;
  districts: string[];
  free: boolean;
  priceText: string;
  accessibility: string;
  image: ImageValue | null;
  link: string;
  cancelled: boolean;
}

const empty: Draft = {
  title: "",
  description: "",
  descriptionFormat: "markdown",
  allDay: false,
  start: "",
  end: "",
  rule: noRule,
  exdates: [],
  venueName: "",
  venueAddress: "",
  venueLat: "",
  venueLon: "",
  organizer: "",
  category: "",
  districts: [],
  free: false,
  priceText: "",
  accessibility: "",
  image: null,
  link: "",
  cancelled: false,
  ...unpublished,
};

/** A stored date or time as the form shows it. */
function local(value: string, allDay: boolean, timeZone: string): string {
  if (allDay || /^\d{4}-\d{2}-\d{2}$/.test(value)) return value.slice(0, 10);
  return rfc3339ToLocal(value, timeZone);
}

function draftOf(event: EditorialEvent, timeZone: string): Draft {
  const start = local(event.start, event.all_day, timeZone);
  // A published event keeps its publication time when saved again.
  const when = event.status === "draft" ? null : (event.publish_at ?? event.published_at ?? null);
  return {
    title: event.title,
    description: event.description,
    descriptionFormat: event.description_format ?? "markdown",
    allDay: event.all_day,
    start,
    end: local(event.end, event.all_day, timeZone),
    rule: event.recurrence === null ? noRule : fromRrule(event.recurrence.rrule, start),
    exdates: (event.recurrence?.exdates ?? []).map((d) => local(d, true, timeZone).slice(0, 10)),
    venueName: event.venue?.name ?? "",
    venueAddress: event.venue?.address ?? "",
    venueLat: event.venue?.lat === null || event.venue?.lat === undefined ? "" : String(event.venue.lat),
    venueLon: event.venue?.lon === null || event.venue?.lon === undefined ? "" : String(event.venue.lon),
    organizer: event.organizer,
    category: event.category,
    districts: event.districts,
    free: event.price.free,
    priceText: event.price.text,
    accessibility: event.accessibility,
    image: event.image,
    link: event.link,
    cancelled: event.cancelled,
    ...publicationOf(event.status, when, timeZone),
  };
}

/** "20261205T225959Z": the end of `date` in the city, in UTC, as RRULE UNTIL wants it for timed events. */
function untilUtc(date: string, timeZone: string): string {
  const at = localToRfc3339(`${date}T23:59:59`, timeZone);
  if (at === null) return "";
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The request body, or an InputProblem for what the browser can tell is wrong. */
function inputOf(
  draft: Draft,
  city: EditorCity,
  m: ReturnType<typeof useEditorMessages>,
  e: ReturnType<typeof useEventsMessages>,
): EventInput {
  const zone = city.timeZone;
  let start = draft.start;
  let end = draft.end === "" ? draft.start : draft.end;
  if (!draft.allDay) {
    const s = localToRfc3339(start, zone);
    const en = localToRfc3339(end, zone);
    if (s === null) throw new InputProblem("start", m.badDateTime);
    if (en === null) throw new InputProblem("end", m.badDateTime);
    if (Date.parse(en) < Date.parse(s)) throw new InputProblem("end", e.endBeforeStart);
    start = s;
    end = en;
  } else if (end < start) {
    throw new InputProblem("end", e.endBeforeStart);
  }
  const until =
    draft.rule.ends === "until" && draft.rule.until !== ""
      ? draft.allDay
        ? draft.rule.until.replace(/-/g, "")
        : untilUtc(draft.rule.until, zone)
      : "";
  const rrule = toRrule(draft.rule, draft.start, until);
  const startTime = draft.allDay ? "" : draft.start.slice(10); // "T18:30"
  const exdates = draft.exdates
    .filter((d) => d !== "")
    .map((d) => (draft.allDay ? d : (localToRfc3339(`${d}${startTime}`, zone) ?? d)));
  const number = (value: string, field: string): number | null => {
    if (value.trim() === "") return null;
    const n = Number(value.trim().replace(",", "."));
    if (!Number.isFinite(n)) throw new InputProblem(field, e.badNumber);
    return n;
  };
  const lat = number(draft.venueLat, "venue.lat");
  const lon = number(draft.venueLon, "venue.lon");
  const hasVenue = draft.venueName.trim() !== "" || draft.venueAddress.trim() !== "" || lat !== null || lon !== null;
  const input: EventInput = {
    title: draft.title.trim(),
    description: draft.description,
    description_format: draft.descriptionFormat,
    start,
    end,
    all_day: draft.allDay,
    recurrence: rrule === "" ? null : { rrule, exdates },
    venue: hasVenue ? { name: draft.venueName.trim(), address: draft.venueAddress.trim(), lat, lon } : null,
    organizer: draft.organizer.trim(),
    category: draft.category,
    districts: draft.districts,
    price: { free: draft.free, text: draft.priceText.trim() },
    accessibility: draft.accessibility.trim(),
    image: draft.image === null ? null : { url: draft.image.url, alt: draft.image.alt.trim() },
    link: draft.link.trim(),
    cancelled: draft.cancelled,
    status: draft.status,
  };
  const at = publishAtOf(draft, zone, m.badDateTime);
  if (at !== undefined) input.publish_at = at;
  return input;
}

const spec: EditorSpec<EditorialEvent, Draft> = {
  module: "events",
  kitPrefix: "event",
  empty,
  draftOf,
  listPath: eventsPath(),
};

export function EventForm(props: ModuleFormProps) {
  const { city } = props;
  const m = useEditorMessages();
  const e = useEventsMessages();
  const form = useEditorForm(spec, props, e);
  const { kit, draft, setDraft } = form;

  if (draft === null) return <EditorLoading form={form} />;

  const set = setterOf(draft, setDraft);
  const setRule = (change: Partial<RuleDraft>) => setDraft({ ...draft, rule: { ...draft.rule, ...change } });

  const submit = form.submit(() => inputOf(draft, city, m, e));

  const toggleAllDay = (allDay: boolean) =>
    setDraft({
      ...draft,
      allDay,
      start: allDay ? draft.start.slice(0, 10) : draft.start === "" ? "" : `${draft.start.slice(0, 10)}T10:00`,
      end: allDay ? draft.end.slice(0, 10) : draft.end === "" ? "" : `${draft.end.slice(0, 10)}T12:00`,
    });

  return (
    <EditorFormPage form={form} draft={draft} onSubmit={submit}>
      <FormattedTextField
        kit={kit}
        name="description"
        label={e.description}
        format={draft.descriptionFormat}
        value={draft.description}
        onValue={set("description")}
      />
      <FieldGroup kit={kit} name="when" legend={e.whenLegend} hint={e.timeHint(city.timeZone)}>
        <CheckboxField kit={kit} name="all_day" label={e.allDay} checked={draft.allDay} onChecked={toggleAllDay} />
        <TextField
          kit={kit}
          name="start"
          type={draft.allDay ? "date" : "datetime-local"}
          label={draft.allDay ? e.startDate : e.start}
          required
          value={draft.start}
          onValue={set("start")}
        />
        <TextField
          kit={kit}
          name="end"
          type={draft.allDay ? "date" : "datetime-local"}
          label={draft.allDay ? e.endDate : e.end}
          required
          value={draft.end}
          onValue={set("end")}
        />
      </FieldGroup>
      <RecurrenceFields kit={kit} draft={draft} city={city} setRule={setRule} setExdates={set("exdates")} />
      <FieldGroup kit={kit} name="venue" legend={e.venue}>
        <TextField
          kit={kit}
          name="venue.name"
          label={e.venueName}
          maxLength={200}
          value={draft.venueName}
          onValue={set("venueName")}
        />
        <TextField
          kit={kit}
          name="venue.address"
          label={e.venueAddress}
          maxLength={300}
          value={draft.venueAddress}
          onValue={set("venueAddress")}
        />
        <div class="field-row">
          <TextField
            kit={kit}
            name="venue.lat"
            label={e.venueLat}
            inputMode="decimal"
            value={draft.venueLat}
            onValue={set("venueLat")}
          />
          <TextField
            kit={kit}
            name="venue.lon"
            label={e.venueLon}
            inputMode="decimal"
            value={draft.venueLon}
            onValue={set("venueLon")}
          />
        </div>
        <p class="hint">{e.venueCoordsHint}</p>
      </FieldGroup>
      <TextField
        kit={kit}
        name="organizer"
        label={e.organizer}
        maxLength={200}
        value={draft.organizer}
        onValue={set("organizer")}
      />
      <CategoryField kit={kit} city={city} value={draft.category} onValue={set("category")} />
      <DistrictsField kit={kit} city={city} value={draft.districts} onValue={set("districts")} />
      <FieldGroup kit={kit} name="price" legend={e.price}>
        <CheckboxField kit={kit} name="price.free" label={e.free} checked={draft.free} onChecked={set("free")} />
        <TextField
          kit={kit}
          name="price.text"
          label={e.priceText}
          hint={e.priceTextHint}
          maxLength={200}
          value={draft.priceText}
          onValue={set("priceText")}
        />
      </FieldGroup>
      <TextArea
        kit={kit}
        name="accessibility"
        label={e.accessibility}
        hint={e.accessibilityHint}
        rows={3}
        maxLength={1000}
        value={draft.accessibility}
        onValue={set("accessibility")}
      />
      <ImageField kit={kit} value={draft.image} onValue={set("image")} />
      <TextField
        kit={kit}
        name="link"
        type="url"
        label={e.link}
        maxLength={1000}
        value={draft.link}
        onValue={set("link")}
      />
      <CheckboxField
        kit={kit}
        name="cancelled"
        label={e.cancelled}
        hint={e.cancelledHint}
        checked={draft.cancelled}
        onChecked={set("cancelled")}
      />
    </EditorFormPage>
  );
}

function RecurrenceFields({
  kit,
  draft,
  city,
  setRule,
  setExdates,
}: {
  kit: FormKit;
  draft: Draft;
  city: EditorCity;
  setRule: (change: Partial<RuleDraft>) => void;
  setExdates: (exdates: string[]) => void;
}) {
  const e = useEventsMessages();
  const rule = draft.rule;
  const start = draft.start === "" ? new Date().toISOString().slice(0, 10) : draft.start;
  const until =
    rule.ends === "until" && rule.until !== ""
      ? draft.allDay
        ? rule.until.replace(/-/g, "")
        : untilUtc(rule.until, city.timeZone)
      : "";
  const result = toRrule(rule, start, until);
  const weekdayName = e.weekdayNames[weekdayIndex(start)] ?? "";
  const { day, nth } = monthPosition(start);
  const radio = (name: string, value: string, checked: boolean, label: string, onPick: () => void) => (
    <div class="checkbox" key={value}>
      <input
        type="radio"
        id={`${kit.id(name)}-${value}`}
        name={name}
        value={value}
        checked={checked}
        onChange={onPick}
      />
      <label for={`${kit.id(name)}-${value}`}>{label}</label>
    </div>
  );

  return (
    <FieldGroup kit={kit} name="recurrence" legend={e.recurrence}>
      <div class="field">
        <label for={kit.id("recurrence.mode")}>{e.repeat}</label>
        <select
          id={kit.id("recurrence.mode")}
          value={rule.mode}
          onChange={(ev) => {
            const mode = ev.currentTarget.value as RuleDraft["mode"];
            // Switching to the raw rule starts from what the builder showed.
            setRule(mode === "custom" ? { mode, raw: result } : { mode });
          }}
        >
          <option value="none">{e.repeatNone}</option>
          <option value="weekly">{e.repeatWeekly}</option>
          <option value="monthly">{e.repeatMonthly}</option>
          <option value="custom">{e.repeatCustom}</option>
        </select>
      </div>
      {(rule.mode === "weekly" || rule.mode === "monthly") && (
        <>
          <TextField
            kit={kit}
            name="recurrence.interval"
            label={rule.mode === "weekly" ? e.intervalWeeks : e.intervalMonths}
            inputMode="numeric"
            value={rule.interval}
            onValue={(interval) => setRule({ interval })}
          />
          {rule.mode === "weekly" ? (
            <fieldset class="field-group">
              <legend>{e.weekdays}</legend>
              <div class="checkbox-grid">
                {weekdayCodes.map((code, i) => (
                  <div class="checkbox" key={code}>
                    <input
                      type="checkbox"
                      id={`${kit.id("recurrence.byday")}-${code}`}
                      checked={
                        rule.weekdays.includes(code) || (rule.weekdays.length === 0 && weekdayIndex(start) === i)
                      }
                      onChange={(ev) => {
                        const current =
                          rule.weekdays.length === 0 ? [weekdayCodes[weekdayIndex(start)] ?? "MO"] : rule.weekdays;
                        setRule({
                          weekdays: ev.currentTarget.checked ? [...current, code] : current.filter((d) => d !== code),
                        });
                      }}
                    />
                    <label for={`${kit.id("recurrence.byday")}-${code}`}>{e.weekdayNames[i]}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          ) : (
            <fieldset class="field-group">
              <legend>{e.monthlyBy}</legend>
              {radio("recurrence.monthly_by", "day", rule.monthlyBy === "day", e.monthlyByDay(day), () =>
                setRule({ monthlyBy: "day" }),
              )}
              {radio(
                "recurrence.monthly_by",
                "weekday",
                rule.monthlyBy === "weekday",
                e.monthlyByWeekday(nth, weekdayName),
                () => setRule({ monthlyBy: "weekday" }),
              )}
            </fieldset>
          )}
          <fieldset class="field-group">
            <legend>{e.ends}</legend>
            {radio("recurrence.ends", "never", rule.ends === "never", e.endsNever, () => setRule({ ends: "never" }))}
            {radio("recurrence.ends", "count", rule.ends === "count", e.endsCount, () => setRule({ ends: "count" }))}
            {rule.ends === "count" && (
              <TextField
                kit={kit}
                name="recurrence.count"
                label={e.count}
                inputMode="numeric"
                value={rule.count}
                onValue={(count) => setRule({ count })}
              />
            )}
            {radio("recurrence.ends", "until", rule.ends === "until", e.endsUntil, () => setRule({ ends: "until" }))}
            {rule.ends === "until" && (
              <TextField
                kit={kit}
                name="recurrence.until"
                type="date"
                label={e.until}
                value={rule.until}
                onValue={(u) => setRule({ until: u })}
              />
            )}
          </fieldset>
          <p class="hint">
            {e.rruleResult}: <code id={kit.id("recurrence.result")}>{result}</code>
          </p>
        </>
      )}
      {rule.mode === "custom" && (
        <TextField
          kit={kit}
          name="recurrence.rrule"
          label={e.rrule}
          hint={e.rruleHint}
          value={rule.raw}
          onValue={(raw) => setRule({ raw })}
        />
      )}
      {rule.mode !== "none" && (
        <fieldset class="field-group" name="recurrence.exdates" tabIndex={-1}>
          <legend>{e.exdates}</legend>
          {draft.exdates.map((date, i) => (
            <div class="field-row" key={i}>
              <TextField
                kit={kit}
                name={`recurrence.exdates[${i}]`}
                type="date"
                label={e.exdate(i + 1)}
                value={date}
                onValue={(v) => setExdates(draft.exdates.map((d, j) => (j === i ? v : d)))}
              />
              <button
                type="button"
                class="button"
                onClick={() => {
                  setExdates(draft.exdates.filter((_, j) => j !== i));
                  document.getElementById(`${kit.id("recurrence.add-exdate")}`)?.focus();
                }}
              >
                {e.removeExdate(i + 1)}
              </button>
            </div>
          ))}
          <button
            type="button"
            class="button"
            id={kit.id("recurrence.add-exdate")}
            onClick={() => {
              setExdates([...draft.exdates, ""]);
              // The new date field takes the focus once rendered.
              setTimeout(
                () => document.getElementById(kit.id(`recurrence.exdates[${draft.exdates.length}]`))?.focus(),
                0,
              );
            }}
          >
            {e.addExdate}
          </button>
        </fieldset>
      )}
    </FieldGroup>
  );
}
