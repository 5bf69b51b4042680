// The waste collection calendar for citizens (Abfallkalender): find the address (street search,
// house number where the street is split between areas), then the area's next pickups, a month
// view, a choice of waste types and the calendar subscription; below, the drop-off points
// (dropoffs.tsx), with or without an address. The address stays on the device
// (saved_address.ts); with one saved, the city's start screen shows the next pickups. One
// lazily loaded chunk with its own messages.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, cityPath } from "../../api/http";
import type { CitizenScreens } from "../web_module";
import { citizenPaths } from "../../citizen/citizen_router";
import { useCity } from "../../citizen/city_context";
import { LoadFailure, Loading, PageHeading, useDocumentTitle } from "../../citizen/page_parts";
import { failureStatus, useLoad } from "../../shared/use_load";
import { useCatalogue, useI18n } from "../../i18n";
import { wasteMessages } from "./messages";
import {
  addressLine,
  forgetSavedAddress,
  readSavedAddress,
  writeSavedAddress,
  type SavedAddress,
} from "./saved_address";
import { StreetSearch } from "./street_search";
import {
  addMonths,
  calendarUrl,
  daysBetween,
  monthGrid,
  monthOf,
  monthRange,
  pickupsByDay,
  pickupsOf,
} from "./waste_calendar";
import { DropOffs } from "./dropoffs";
import { Swatch } from "./waste_icons";
import { typeOf, wasteTypes, type WasteType } from "./waste_settings";
import type { AddressAnswer, AreaDetail, Pickup, StreetMatch } from "./waste_types";
import "./waste.css";

function areaPath(city: string, code: string, ...rest: string[]): string {
  return cityPath(city, "waste", "areas", code, ...rest);
}

/** "heute", "morgen" or "Di., 5. Jan." for a pickup date. */
function useWhen(): (date: string) => string {
  const { dates } = useCity();
  const m = useCatalogue(wasteMessages);
  const today = dates.today();
  return (date) => {
    const days = daysBetween(today, date);
    return days === 0 ? m.today : days === 1 ? m.tomorrow : dates.shortDay(date);
  };
}

/** "verschoben wegen 1. Weihnachtstag (statt Fr., 25. Dez.)", or the note alone, or nothing. */
function PickupNote({ pickup }: { pickup: Pickup }) {
  const { dates } = useCity();
  const m = useCatalogue(wasteMessages);
  const note = pickup.note ?? "";
  if (!pickup.planned || pickup.planned === pickup.date)
    return note === "" ? null : <span class="pickup-note">{note}</span>;
  return <span class="pickup-note">{m.moved(dates.shortDay(pickup.planned), note)}</span>;
}

// ---------------------------------------------------------------------------------------------
// Finding the address

interface Refusal {
  field: "street" | "house_number" | null;
  text: string;
}

function refusalOf(
  error: unknown,
  t: { networkError: string; unexpectedError: (s: number) => string },
  offline: string,
): Refusal {
  if (error instanceof ApiError) {
    const field = error.problem?.field;
    return {
      field: field === "street" || field === "house_number" ? field : null,
      text: error.problem?.detail ?? error.problem?.title ?? t.unexpectedError(error.status),
    };
  }
  return { field: null, text: navigator.onLine ? t.networkError : offline };
}

function AddressFinder({ onFound }: { onFound: (answer: AddressAnswer) => void }) {
  const { city } = useCity();
  const { t } = useI18n();
  const m = useCatalogue(wasteMessages);
  const [street, setStreet] = useState<StreetMatch | null>(null);
  const [houseNumber, setHouseNumber] = useState("");
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pending, setPending] = useState(false);
  const numberInput = useRef<HTMLInputElement>(null);
  const askNumber = street !== null && (street.needs_house_number || refusal?.field === "house_number");

  useEffect(() => {
    if (askNumber) numberInput.current?.focus();
  }, [askNumber, refusal]);

  const lookUp = async (match: StreetMatch, number: string | null) => {
    setPending(true);
    setRefusal(null);
    // A name that exists in two districts needs the district the search gave.
    const query = new URLSearchParams({ street: match.street });
    if (match.district !== "") query.set("district", match.district);
    if (number !== null && number !== "") query.set("house_number", number);
    try {
      onFound(await api<AddressAnswer>("GET", `${cityPath(city.slug, "waste", "address")}?${query.toString()}`));
    } catch (error) {
      setRefusal(refusalOf(error, t, m.unavailable));
    } finally {
      setPending(false);
    }
  };

  const chosen = (match: StreetMatch, number: string | null) => {
    setStreet(match);
    setHouseNumber(number ?? "");
    setRefusal(null);
    if (!match.needs_house_number || (number !== null && number !== "")) void lookUp(match, number);
  };

  return (
    <>
      <p>{m.intro}</p>
      <StreetSearch
        onChoose={chosen}
        error={refusal !== null && refusal.field !== "house_number" && !askNumber ? refusal.text : ""}
      />
      {askNumber && street !== null && (
        <form
          class="house-number"
          onSubmit={(event) => {
            event.preventDefault();
            const number = houseNumber.trim();
            if (number === "") {
              setRefusal({ field: "house_number", text: m.houseNumberMissing });
              numberInput.current?.focus();
              return;
            }
            void lookUp(street, number);
          }}
        >
          <label for="house-number">{m.houseNumberLabel(street.street)}</label>
          <p id="house-number-hint" class="hint">
            {m.houseNumberHint}
          </p>
          <input
            ref={numberInput}
            id="house-number"
            type="text"
            autoComplete="off"
            maxLength={10}
            value={houseNumber}
            aria-invalid={refusal !== null}
            aria-describedby={refusal === null ? "house-number-hint" : "house-number-hint house-number-error"}
            onInput={(event) => setHouseNumber(event.currentTarget.value)}
          />
          <p id="house-number-error" class="form-error" role="alert">
            {refusal?.text ?? ""}
          </p>
          <button type="submit" aria-disabled={pending}>
            {m.showDates}
          </button>
        </form>
      )}
      {!askNumber && refusal !== null && refusal.field === null && street !== null && (
        <p class="failure" role="alert">
          {refusal.text}
        </p>
      )}
      <p class="visually-hidden" role="status">
        {pending ? m.lookingUp : ""}
      </p>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The area's dates

function NextList({ pickups, types }: { pickups: Pickup[]; types: WasteType[] }) {
  const { dates } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(wasteMessages);
  const when = useWhen();
  if (pickups.length === 0) return <p>{m.noNext}</p>;
  return (
    <ul class="pickup-list">
      {pickups.map((p) => {
        const type = typeOf(types, p.type);
        const relative = when(p.date);
        const full = dates.shortDay(p.date);
        return (
          <li key={`${p.type}/${p.date}`}>
            <Swatch type={type} />
            <span class="pickup-text">
              <strong>{type.title[lang]}</strong>
              <time dateTime={p.date}>{relative === full ? full : `${relative}, ${full}`}</time>
              <PickupNote pickup={p} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function TypeFilter({
  types,
  chosen,
  onChange,
}: {
  types: WasteType[];
  chosen: ReadonlySet<string>;
  onChange: (slug: string, on: boolean) => void;
}) {
  const { lang } = useI18n();
  const m = useCatalogue(wasteMessages);
  return (
    <fieldset class="type-filter" aria-describedby="type-filter-hint">
      <legend>{m.typesLegend}</legend>
      <p id="type-filter-hint" class="hint">
        {m.typesHint}
      </p>
      <ul>
        {types.map((type) => (
          <li key={type.slug}>
            <input
              type="checkbox"
              id={`type-${type.slug}`}
              checked={chosen.has(type.slug)}
              aria-describedby={type.accepts === null ? undefined : `type-${type.slug}-accepts`}
              onChange={(event) => onChange(type.slug, event.currentTarget.checked)}
            />
            <label for={`type-${type.slug}`}>
              <Swatch type={type} />
              <span>{type.title[lang]}</span>
            </label>
            {type.accepts !== null && type.accepts[lang] !== "" && (
              <span id={`type-${type.slug}-accepts`} class="accepts">
                {m.accepts}: {type.accepts[lang]}
              </span>
            )}
          </li>
        ))}
      </ul>
      {chosen.size === 0 && (
        <p class="form-error" role="alert">
          {m.noTypeChosen}
        </p>
      )}
    </fieldset>
  );
}

function MonthView({ code, types, chosen }: { code: string; types: WasteType[]; chosen: ReadonlySet<string> }) {
  const { city, dates } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(wasteMessages);
  const today = dates.today();
  const [month, setMonth] = useState(() => monthOf(today));
  const { from, to } = monthRange(month);
  const path = `${areaPath(city.slug, code, "pickups")}?${new URLSearchParams({ from, to }).toString()}`;
  const load = useLoad(() => api<unknown>("GET", path).then(pickupsOf), path);
  const order = types.map((t) => t.slug);
  const pickups = load.state === "ready" ? load.data.filter((p) => chosen.has(p.type) || !order.includes(p.type)) : [];
  const byDay = pickupsByDay(pickups, order);
  const weekdays = dates.weekdays();
  const monthName = dates.month(from);
  const previous = addMonths(month, -1);
  const next = addMonths(month, 1);

  return (
    <section class="month-view" aria-labelledby="month-heading">
      <h2 id="month-heading">{m.monthHeading}</h2>
      <div class="month-nav">
        <button type="button" onClick={() => setMonth(previous)}>
          <span aria-hidden="true">‹ </span>
          {m.previousMonth(dates.month(`${previous}-01`))}
        </button>
        <button type="button" onClick={() => setMonth(next)}>
          {m.nextMonth(dates.month(`${next}-01`))}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <p class="visually-hidden" role="status">
        {load.state === "ready" ? monthName : ""}
      </p>
      {load.state === "loading" && <Loading />}
      {load.state === "failed" && <LoadFailure error={load.error} notFound={m.unavailable} />}
      {load.state === "ready" && (
        <>
          <table class="month-grid">
            <caption>{m.monthCaption(monthName)}</caption>
            <thead>
              <tr>
                {weekdays.map((d) => (
                  <th key={d.long} scope="col">
                    <span aria-hidden="true">{d.short}</span>
                    <span class="visually-hidden">{d.long}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthGrid(month).map((week, w) => (
                <tr key={w}>
                  {week.map((day, d) => {
                    if (day === null) return <td key={d} class="outside" />;
                    const items = byDay.get(day) ?? [];
                    return (
                      <td
                        key={d}
                        class={day === today ? "today" : undefined}
                        aria-current={day === today ? "date" : undefined}
                      >
                        <span class="day-number">{Number(day.slice(8))}</span>
                        {day === today && <span class="visually-hidden"> ({m.todayMark})</span>}
                        {items.length > 0 && (
                          <ul>
                            {items.map((p) => {
                              const type = typeOf(types, p.type);
                              return (
                                <li key={p.type}>
                                  <Swatch type={type} />
                                  <span class="visually-hidden">{type.title[lang]}</span>
                                </li>
                              );
                            })}
                          </ul>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {byDay.size === 0 ? (
            <p>{m.noPickupsInMonth}</p>
          ) : (
            <ul class="month-list">
              {[...byDay].map(([day, items]) => (
                <li key={day}>
                  <time dateTime={day}>{dates.shortDay(day)}</time>
                  <ul>
                    {items.map((p) => {
                      const type = typeOf(types, p.type);
                      return (
                        <li key={p.type}>
                          <Swatch type={type} />
                          <span>{type.title[lang]}</span>
                          <PickupNote pickup={p} />
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function Subscribe({
  area,
  types,
  chosen,
  alarm,
  onAlarm,
}: {
  area: AreaDetail;
  types: WasteType[];
  chosen: ReadonlySet<string>;
  alarm: boolean;
  onAlarm: (on: boolean) => void;
}) {
  const { city } = useCity();
  const m = useCatalogue(wasteMessages);
  const settings = city.modules.find((mod) => mod.name === "waste")?.settings;
  const reminder = typeof settings?.["reminder_time"] === "string" ? settings["reminder_time"] : "18:00";
  const slugs = types.map((t) => t.slug).filter((s) => chosen.has(s));
  const options = { types: slugs, allTypes: slugs.length === types.length, alarm };
  const none = slugs.length === 0;
  return (
    <section class="subscribe" aria-labelledby="subscribe-heading">
      <h2 id="subscribe-heading">{m.subscribeHeading}</h2>
      <p>{m.subscribeIntro}</p>
      <div class="check">
        <input
          type="checkbox"
          id="waste-alarm"
          checked={alarm}
          aria-describedby="waste-alarm-hint"
          onChange={(event) => onAlarm(event.currentTarget.checked)}
        />
        <label for="waste-alarm">{m.alarm}</label>
      </div>
      <p id="waste-alarm-hint" class="hint">
        {m.alarmHint(reminder)}
      </p>
      {none ? (
        <p>{m.noTypeChosen}</p>
      ) : (
        <ul class="calendar-links">
          <li>
            <a href={calendarUrl(area.webcal_url, options)}>{m.subscribe}</a>
          </li>
          <li>
            <a
              href={calendarUrl(area.ics_url, options)}
              download={`abfuhrtermine-${area.code}.ics`}
              type="text/calendar"
            >
              {m.downloadIcs}
            </a>
          </li>
        </ul>
      )}
    </section>
  );
}

function AreaView({
  saved,
  arrived,
  onChange,
  onForget,
}: {
  saved: SavedAddress;
  /** The address was just found: its section takes the focus. */
  arrived: boolean;
  onChange: (s: SavedAddress) => void;
  onForget: () => void;
}) {
  const { city } = useCity();
  const m = useCatalogue(wasteMessages);
  const types = wasteTypes(city);
  const code = saved.area.code;
  const load = useLoad(() => api<AreaDetail>("GET", areaPath(city.slug, code)), `${city.slug}/${code}`);
  const heading = useRef<HTMLHeadingElement>(null);

  // The last answer is kept with the address, for the next time offline.
  const fresh = load.state === "ready" ? load.data : null;
  useEffect(() => {
    if (fresh !== null)
      onChange({ ...saved, area: { code: fresh.code, name: fresh.name, district: fresh.district }, last: fresh });
  }, [fresh]);
  useEffect(() => {
    if (arrived) heading.current?.focus();
  }, []);

  const offlineCopy = load.state === "failed" && failureStatus(load.error) === null ? saved.last : null;
  const area = fresh ?? offlineCopy;
  const chosen = new Set(saved.types ?? types.map((t) => t.slug));
  const toggle = (slug: string, on: boolean) => {
    const next = types.map((t) => t.slug).filter((s) => (s === slug ? on : chosen.has(s)));
    onChange({ ...saved, types: next.length === types.length ? null : next });
  };
  const next = (area?.next ?? [])
    .filter((p) => chosen.has(p.type) || !types.some((t) => t.slug === p.type))
    .sort((a, b) => a.date.localeCompare(b.date));

  return (
    <>
      <section class="waste-address" aria-labelledby="address-heading">
        <h2 id="address-heading" ref={heading} tabIndex={-1}>
          {m.yourAddress}
        </h2>
        <p class="address-line">{addressLine(saved)}</p>
        <p class="muted">
          {m.areaLabel(saved.area.code, area?.name ?? saved.area.name)} · {m.savedOnDevice}
        </p>
        <button type="button" class="secondary" onClick={onForget}>
          {m.changeAddress}
        </button>
      </section>
      {load.state === "loading" && <Loading />}
      {load.state === "failed" && area === null && <LoadFailure error={load.error} notFound={m.unavailable} />}
      {offlineCopy !== null && (
        <p class="offline-copy" role="status">
          {m.offlineSaved}
        </p>
      )}
      {area !== null && (
        <>
          <section aria-labelledby="next-heading">
            <h2 id="next-heading">{m.nextHeading}</h2>
            <NextList pickups={next} types={types} />
          </section>
          {types.length > 0 && <TypeFilter types={types} chosen={chosen} onChange={toggle} />}
          <MonthView code={code} types={types} chosen={chosen} />
          <Subscribe
            area={area}
            types={types}
            chosen={chosen}
            alarm={saved.alarm}
            onAlarm={(alarm) => onChange({ ...saved, alarm })}
          />
        </>
      )}
    </>
  );
}

function WastePage() {
  const { city } = useCity();
  const m = useCatalogue(wasteMessages);
  useDocumentTitle(m.heading, city.name);
  const [saved, setSaved] = useState<{ city: string; address: SavedAddress | null }>(() => ({
    city: city.slug,
    address: readSavedAddress(city.slug),
  }));
  const [arrived, setArrived] = useState(false);
  const address = saved.city === city.slug ? saved.address : readSavedAddress(city.slug);
  const save = (next: SavedAddress) => {
    writeSavedAddress(city.slug, next);
    setSaved({ city: city.slug, address: next });
  };

  return (
    <>
      <PageHeading>{m.heading}</PageHeading>
      {address === null ? (
        <AddressFinder
          onFound={(answer) => {
            setArrived(true);
            save({
              street: answer.street,
              house_number: answer.house_number,
              area: answer.area,
              types: null,
              alarm: false,
              last: null,
            });
          }}
        />
      ) : (
        <AreaView
          key={`${address.area.code}/${addressLine(address)}`}
          saved={address}
          arrived={arrived}
          onChange={save}
          onForget={() => {
            forgetSavedAddress(city.slug);
            setSaved({ city: city.slug, address: null });
            // The search field takes the focus once it is there.
            setTimeout(() => document.getElementById("street-input")?.focus(), 0);
          }}
        />
      )}
      <DropOffs />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The start screen's part: the next pickups at the saved address.

const startCount = 3;

function NextPickups() {
  const { city } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(wasteMessages);
  const when = useWhen();
  const saved = readSavedAddress(city.slug);
  const code = saved?.area.code ?? "";
  const load = useLoad(
    () => (code === "" ? Promise.resolve(null) : api<AreaDetail>("GET", areaPath(city.slug, code))),
    `${city.slug}/${code}`,
  );
  if (saved === null) return null;
  const types = wasteTypes(city);
  const chosen = saved.types === null ? null : new Set(saved.types);
  const area = load.state === "ready" ? load.data : load.state === "failed" ? saved.last : null;
  const next = (area?.next ?? [])
    .filter((p) => chosen === null || chosen.has(p.type))
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, startCount);
  return (
    <section class="start-waste" aria-labelledby="next-pickup-heading">
      <div class="section-head">
        <h2 id="next-pickup-heading">{m.nextShort}</h2>
        <a href={citizenPaths.module(city.slug, "waste")}>{m.toCalendar}</a>
      </div>
      <p class="meta">{addressLine(saved)}</p>
      {load.state === "loading" && <Loading />}
      {load.state === "failed" && area === null && <LoadFailure error={load.error} notFound={m.unavailable} />}
      {area !== null &&
        (next.length === 0 ? (
          <p>{m.noNext}</p>
        ) : (
          <ul class="teaser-list pickup-teasers">
            {next.map((p) => {
              const type = typeOf(types, p.type);
              return (
                <li key={`${p.type}/${p.date}`}>
                  <span class="pickup-teaser">
                    <Swatch type={type} />
                    <span>
                      {type.title[lang]} – <time dateTime={p.date}>{when(p.date)}</time> <PickupNote pickup={p} />
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
}

export const citizenModule: CitizenScreens = {
  Screen: () => <WastePage />,
  StartSection: NextPickups,
};
