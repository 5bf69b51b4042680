// Events for citizens: the next dates on the start screen, the list of dates (upcoming, today,
// this weekend; grouped by day in the city's time zone) and an event's page with "add to my
// calendar" (ICS download, webcal:// subscription) and its schema.org JSON-LD. One lazily
// loaded chunk with its own messages.
import { useEffect } from "preact/hooks";
import { api, cityPath } from "../../api/http";
import type { CityManifest, Page } from "../../api/types";
import type { CitizenScreens } from "../web_module";
import { citizenPaths, useLocation } from "../../citizen/citizen_router";
import { categoryTitle, districtNames, useCity } from "../../citizen/city_context";
import { LoadFailure, Loading, MoreButton, PageHeading, useDocumentTitle } from "../../citizen/page_parts";
import { useLoad } from "../../shared/use_load";
import { usePagedList } from "../../shared/use_paged_list";
import { useCatalogue, useI18n } from "../../i18n";
import { webcalUrl } from "./calendar_links";
import type { EventDetail, EventSummary, Occurrence } from "./events_types";
import { eventsMessages } from "./messages";
import "./events.css";

const pageSize = 30;
const startCount = 3;
const periods = ["upcoming", "today", "weekend"] as const;
type Period = (typeof periods)[number];

function listPath(city: string, limit: number, when: Period): string {
  const query = new URLSearchParams({ limit: String(limit), when });
  return `${cityPath(city, "events")}?${query.toString()}`;
}

function eventPath(city: CityManifest, event: EventSummary): string {
  return event.url.startsWith("/") ? event.url : citizenPaths.module(city.slug, "events", event.id);
}

function occurrenceKey(o: Occurrence): string {
  return `${o.event.id}@${o.start}`;
}

/** The calendar day of an all-day value ("2026-12-05", or a local "2026-12-05T00:00:00"). */
function dayOf(value: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
}

function When({ start, end, allDay }: { start: string; end: string | null; allDay: boolean }) {
  const { dates } = useCity();
  const m = useCatalogue(eventsMessages);
  const text = allDay
    ? dates.range(dayOf(start), end === null ? null : dayOf(end), true)
    : dates.range(start, end, false);
  return (
    <time dateTime={start}>
      {text}
      {allDay && ` (${m.allDay})`}
    </time>
  );
}

function Badges({ event }: { event: EventSummary }) {
  const m = useCatalogue(eventsMessages);
  return (
    <>
      {event.cancelled && <strong class="badge badge-cancelled">{m.cancelled}</strong>}
      {event.price?.free === true && <span class="badge">{m.free}</span>}
    </>
  );
}

function NextEvents() {
  const { city } = useCity();
  const m = useCatalogue(eventsMessages);
  const events = useLoad(() => api<Page<Occurrence>>("GET", listPath(city.slug, startCount, "upcoming")), city.slug);
  return (
    <section class="start-events" aria-labelledby="next-events-heading">
      <div class="section-head">
        <h2 id="next-events-heading">{m.nextHeading}</h2>
        <a href={citizenPaths.module(city.slug, "events")}>{m.allEvents}</a>
      </div>
      {events.state === "loading" && <Loading />}
      {events.state === "failed" && <LoadFailure error={events.error} notFound={m.unavailable} />}
      {events.state === "ready" &&
        (events.data.items.length === 0 ? (
          <p>{m.noEvents}</p>
        ) : (
          <ul class="teaser-list">
            {events.data.items.slice(0, startCount).map((o) => (
              <li key={occurrenceKey(o)}>
                <a href={eventPath(city, o.event)}>{o.event.title}</a>
                <span class="meta">
                  <When start={o.start} end={o.end} allDay={o.event.all_day} />
                  <Badges event={o.event} />
                </span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function PeriodFilter({ current }: { current: Period }) {
  const { city } = useCity();
  const m = useCatalogue(eventsMessages);
  const base = citizenPaths.module(city.slug, "events");
  return (
    <nav class="filter" aria-label={m.periodFilter}>
      <ul>
        {periods.map((p) => (
          <li key={p}>
            <a href={p === "upcoming" ? base : `${base}?when=${p}`} aria-current={p === current ? "page" : undefined}>
              {m[p]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Occurrences grouped by the day they start on in the city, in list order. */
function byDay(items: Occurrence[], dayKey: (value: string) => string): [string, Occurrence[]][] {
  const groups = new Map<string, Occurrence[]>();
  for (const o of items) {
    const key = dayKey(o.start);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [o]);
    else group.push(o);
  }
  return [...groups];
}

function EventList() {
  const { city, dates } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(eventsMessages);
  const { search } = useLocation();
  const asked = search.get("when");
  const when: Period = periods.find((p) => p === asked) ?? "upcoming";
  const list = usePagedList<Occurrence>(listPath(city.slug, pageSize, when));
  useDocumentTitle(when === "upcoming" ? null : m[when], m.heading, city.name);
  return (
    <>
      <PageHeading>{when === "upcoming" ? m.heading : `${m.heading}: ${m[when]}`}</PageHeading>
      <PeriodFilter current={when} />
      {list.first.state === "loading" && <Loading />}
      {list.first.state === "failed" && <LoadFailure error={list.first.error} notFound={m.unavailable} />}
      {list.first.state === "ready" && list.items.length === 0 && <p>{m.noEvents}</p>}
      {byDay(list.items, dates.dayKey).map(([day, occurrences]) => (
        <section key={day} class="event-day" aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>{dates.day(occurrences[0]?.start ?? day)}</h2>
          <ul class="event-list">
            {occurrences.map((o) => {
              const times = o.event.all_day ? m.allDay : dates.times(o.start, o.end);
              return (
                <li key={occurrenceKey(o)} class={o.event.cancelled ? "cancelled" : undefined}>
                  <article aria-labelledby={`event-${day}-${o.event.id}`}>
                    <h3 id={`event-${day}-${o.event.id}`}>
                      <a href={eventPath(city, o.event)}>{o.event.title}</a>
                    </h3>
                    <p class="meta">
                      <time dateTime={o.start}>{times}</time>
                      {o.event.venue !== null && o.event.venue.name !== "" && <span>{o.event.venue.name}</span>}
                      {o.event.category !== "" && <span>{categoryTitle(city, "events", o.event.category, lang)}</span>}
                      <Badges event={o.event} />
                    </p>
                  </article>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <MoreButton more={list.more} loadingMore={list.loadingMore} error={list.moreError} label={m.loadMore} />
    </>
  );
}

/** The event's schema.org JSON-LD as a data block in <head> while the page shows (never executed). */
function JsonLd({ data }: { data: unknown }) {
  useEffect(() => {
    if (data === null || data === undefined) return;
    const script = document.createElement("script");
    script.type = "application/ld+json";
    // textContent: no HTML parsing at all; "<" escaped anyway so the block survives serialisation.
    script.textContent = JSON.stringify(data).replace(/</g, "\\u003c");
    document.head.append(script);
    return () => script.remove();
  }, [data]);
  return null;
}

function mapLink(lat: number, lon: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

function CalendarLinks({ event }: { event: EventDetail }) {
  const { city } = useCity();
  const m = useCatalogue(eventsMessages);
  const feed = city.feeds?.["events_ics"] ?? cityPath(city.slug, "events", "feed.ics");
  const ics = event.ics_url !== "" ? event.ics_url : cityPath(city.slug, "events", event.id, "event.ics");
  return (
    <section class="calendar" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{m.calendarHeading}</h2>
      <ul>
        <li>
          <a href={ics} download={`${String(event.id)}.ics`} type="text/calendar">
            {m.downloadIcs}
          </a>
        </li>
        <li>
          <a href={webcalUrl(feed, location.origin)}>{m.subscribeAll(city.name)}</a>
        </li>
      </ul>
    </section>
  );
}

function EventPage({ id }: { id: string }) {
  const { city } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(eventsMessages);
  const event = useLoad(() => api<EventDetail>("GET", cityPath(city.slug, "events", id)), `${city.slug}/${id}`);
  useDocumentTitle(event.state === "ready" ? event.data.title : null, m.heading, city.name);
  const back = (
    <p class="back-link">
      <a href={citizenPaths.module(city.slug, "events")}>{m.backToList}</a>
    </p>
  );
  if (event.state === "loading") return <Loading />;
  if (event.state === "failed")
    return (
      <>
        <LoadFailure error={event.error} notFound={m.eventNotFound} />
        {back}
      </>
    );
  const e = event.data;
  const next = e.next_occurrences ?? [];
  const first = next[0] ?? { start: e.start, end: e.end };
  const districts = districtNames(city, e.districts);
  const venue = e.venue;
  return (
    <>
      {back}
      <JsonLd data={e.json_ld} />
      <article class={e.cancelled ? "event cancelled" : "event"}>
        <PageHeading>{e.title}</PageHeading>
        {e.cancelled && (
          <p class="cancelled-notice">
            <strong>{m.cancelledNotice}</strong>
          </p>
        )}
        <dl class="facts">
          <div>
            <dt>{m.when}</dt>
            <dd>
              <When start={first.start} end={first.end} allDay={e.all_day} />
            </dd>
          </div>
          {venue !== null && (
            <div>
              <dt>{m.where}</dt>
              <dd>
                {venue.name !== "" && <span class="venue-name">{venue.name}</span>}
                {venue.address !== "" && <span class="venue-address">{venue.address}</span>}
                {venue.lat !== null && venue.lon !== null && (
                  <a href={mapLink(venue.lat, venue.lon)} rel="noopener">
                    {m.showOnMap(venue.name !== "" ? venue.name : venue.address)}
                  </a>
                )}
              </dd>
            </div>
          )}
          {e.price !== undefined && e.price !== null && (e.price.free || e.price.text !== "") && (
            <div>
              <dt>{m.price}</dt>
              <dd>{e.price.text !== "" ? e.price.text : m.free}</dd>
            </div>
          )}
          {e.organizer !== "" && (
            <div>
              <dt>{m.organizer}</dt>
              <dd>{e.organizer}</dd>
            </div>
          )}
          {e.category !== "" && (
            <div>
              <dt>{m.category}</dt>
              <dd>{categoryTitle(city, "events", e.category, lang)}</dd>
            </div>
          )}
          {districts.length > 0 && (
            <div>
              <dt>{m.districts}</dt>
              <dd>{districts.join(", ")}</dd>
            </div>
          )}
          {e.accessibility !== "" && (
            <div>
              <dt>{m.accessibility}</dt>
              <dd>{e.accessibility}</dd>
            </div>
          )}
        </dl>
        {e.image !== undefined && e.image !== null && (
          <img class="event-image" src={e.image.url} alt={e.image.alt} width={800} height={450} decoding="async" />
        )}
        {/* description_html is the server's sanitised subset (see the contract): safe to insert. */}
        <div class="prose" dangerouslySetInnerHTML={{ __html: e.description_html }} />
        {e.link !== "" && (
          <p>
            <a href={e.link} rel="noopener">
              {m.moreInformation}
            </a>
          </p>
        )}
        {next.length > 1 && (
          <section aria-labelledby="more-dates-heading">
            <h2 id="more-dates-heading">{m.moreDates}</h2>
            <ul class="dates">
              {next.slice(1).map((o) => (
                <li key={o.start}>
                  <When start={o.start} end={o.end} allDay={e.all_day} />
                </li>
              ))}
            </ul>
          </section>
        )}
        <CalendarLinks event={e} />
      </article>
    </>
  );
}

export const citizenModule: CitizenScreens = {
  Screen: ({ id }) => (id === null ? <EventList /> : <EventPage id={id} />),
  StartSection: NextEvents,
};
