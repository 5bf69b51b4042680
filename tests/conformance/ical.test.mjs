// Conformance of the events module's iCalendar output, read by an implementation that is not
// ours: ical.js (Mozilla's, used by Thunderbird) parses the subscribable feed (feed.ics) and a
// single event (event.ics) of a real mosaikd with the demo data, and expands every recurrence —
// RRULE minus EXDATE, in the VTIMEZONE we send — to exactly the occurrences the JSON API lists.
//
//   MOSAIKD=build/release/src/mosaikd MOSAIK_CLI=build/release/src/mosaik node --test tests/conformance/ical.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOSAIKD, MOSAIK_CLI, runCli, startServer, stopServer } from './mosaik_process.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
if (!existsSync(path.join(here, 'node_modules', 'ical.js'))) {
  throw new Error('tests/conformance/node_modules is missing: run `npm ci --prefix tests/conformance` first');
}
const { default: ICAL } = await import('ical.js');

let workDir;
let server;  // {child, port, stderr}

async function fetchText(target) {
  const r = await fetch(`http://127.0.0.1:${server.port}${target}`);
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
}

async function fetchJson(target) {
  const r = await fetchText(target);
  assert.equal(r.status, 200, `${target}: ${r.body}`);
  return JSON.parse(r.body);
}

// Every VEVENT's occurrences as ical.js expands them: "YYYY-MM-DD" for all-day events, epoch ms
// otherwise; by UID. The calendar's own VTIMEZONEs are registered first, as a client does.
function expand(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  const out = new Map();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const starts = [];
    const it = event.iterator();
    for (let next = it.next(), n = 0; next && n < 1000; next = it.next(), n++) {
      starts.push(next.isDate ? next.toString() : next.toUnixTime() * 1000);
    }
    out.set(event.uid, { event, starts });
  }
  return out;
}

// The API's occurrences of one event, in the same form.
async function apiStarts(city, id) {
  const starts = [];
  let target = `/api/v1/cities/${city}/events?from=2020-01-01&to=2035-01-01&limit=200`;
  for (;;) {
    const page = await fetchJson(target);
    for (const item of page.items) {
      if (item.event.id !== id) continue;
      starts.push(item.event.all_day ? item.start : Date.parse(item.start));
    }
    if (!page.next_cursor) break;
    target = `/api/v1/cities/${city}/events?from=2020-01-01&to=2035-01-01&limit=200&cursor=${page.next_cursor}`;
  }
  return starts;
}

before(async () => {
  assert.ok(MOSAIKD && existsSync(MOSAIKD), `set MOSAIKD to the mosaikd binary (got ${MOSAIKD})`);
  assert.ok(MOSAIK_CLI && existsSync(MOSAIK_CLI), `set MOSAIK_CLI to the mosaik binary (got ${MOSAIK_CLI})`);
  workDir = mkdtempSync(path.join(tmpdir(), 'mosaik-ical-'));
  const database = `sqlite:${path.join(workDir, 'db')}`;
  runCli(workDir, database, ['demo', 'load']);
  server = await startServer(workDir, database);
});

after(async () => {
  try {
    if (server) await stopServer(server);
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
});

for (const city of ['dortmund', 'schwerte']) {
  test(`${city}: ical.js reads feed.ics and expands every event to the API's occurrences`, async () => {
    const feed = await fetchText(`/api/v1/cities/${city}/events/feed.ics`);
    assert.equal(feed.status, 200);
    assert.equal(feed.type, 'text/calendar; charset=utf-8');
    const events = expand(feed.body);
    assert.ok(events.size >= 9, `${events.size} events in the feed`);
    let recurring = 0;
    let allDay = 0;
    for (const [uid, { event, starts }] of events) {
      const m = new RegExp(`^event-(\\d+)@${city}\\.mosaik$`).exec(uid);
      assert.ok(m, `stable UID: ${uid}`);
      const id = Number(m[1]);
      const detail = await fetchJson(`/api/v1/cities/${city}/events/${id}`);
      assert.equal(event.summary, detail.title, uid);
      assert.equal(event.location?.startsWith(detail.venue.name), true, uid);
      if (event.isRecurring()) {
        recurring++;
        assert.equal(event.component.getFirstPropertyValue('rrule').toString(), detail.recurrence.rrule,
          'the feed keeps the RRULE instead of expanding it');
      }
      if (event.startDate.isDate) allDay++;
      if (!event.startDate.isDate) assert.equal(event.startDate.zone.tzid, 'Europe/Berlin', uid);
      assert.deepEqual(starts, await apiStarts(city, id), `occurrences of ${detail.title}`);
      // Durations agree too.
      const first = detail.next_occurrences[0] ?? { start: detail.start, end: detail.end };
      if (!event.startDate.isDate) {
        assert.equal(event.endDate.toUnixTime() - event.startDate.toUnixTime(),
          (Date.parse(detail.end) - Date.parse(detail.start)) / 1000, uid);
        assert.ok(first.start.includes('T'));
      }
    }
    assert.ok(recurring >= 2, `${recurring} recurring events`);
    assert.ok(allDay >= 1, `${allDay} all-day events`);
  });
}

test('event.ics of a recurring event with an exception: ical.js expands it to next_occurrences', async () => {
  // A weekly demo event, read as the app's "add to my calendar" link serves it.
  const list = await fetchJson('/api/v1/cities/dortmund/events?category=markt&limit=200');
  const weekly = list.items.find((i) => i.event.title === 'Wochenmarkt auf dem Hansaplatz');
  assert.ok(weekly, 'the weekly demo market');
  const id = weekly.event.id;
  const ics = await fetchText(`/api/v1/cities/dortmund/events/${id}/event.ics`);
  assert.equal(ics.status, 200);
  assert.equal(ics.type, 'text/calendar; charset=utf-8');
  const events = expand(ics.body);
  assert.equal(events.size, 1);
  const [{ event, starts }] = [...events.values()];
  const detail = await fetchJson(`/api/v1/cities/dortmund/events/${id}`);
  assert.equal(event.summary, detail.title);
  assert.equal(detail.recurrence.exdates.length, 1);
  assert.equal(event.component.getAllProperties('exdate').length, 1, 'EXDATE is sent');
  const excluded = Date.parse(detail.recurrence.exdates[0]);
  assert.ok(!starts.includes(excluded), 'ical.js leaves the EXDATE out');
  assert.equal(starts.length, 4, 'COUNT=5 minus one exception');
  const upcoming = starts.filter((ms) => ms + 1 > Date.parse(detail.next_occurrences[0].start) - 1);
  assert.deepEqual(upcoming.slice(0, detail.next_occurrences.length),
    detail.next_occurrences.map((o) => Date.parse(o.start)));
  // Every start is at the same local wall-clock time, whatever the UTC offset (DST).
  const local = new Set(detail.next_occurrences.map((o) => o.start.slice(11, 19)));
  assert.equal(local.size, 1);
  assert.equal(await fetchText('/api/v1/cities/dortmund/events/999999/event.ics').then((r) => r.status), 404);
});
