// Conformance of the waste module's iCalendar subscription, read by an implementation that is not
// ours: ical.js (Mozilla's, used by Thunderbird) parses GET …/waste/areas/{code}/calendar.ics of a
// real mosaikd with the demo plans, and its events must be exactly the pickups the JSON API lists
// for the feed's window (28 days back, 365 ahead, from the city's local date), with UIDs that
// are unique and stay the same across refreshes and when staff move a pickup.
//
//   MOSAIKD=build/release/src/mosaikd MOSAIK_CLI=build/release/src/mosaik node --test tests/conformance/waste_ical.test.mjs
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

const EDITOR = 'waste.editor@dortmund.example';
const PASSWORD = 'Biotonne-Montag-0815';

let workDir;
let server;  // {child, port, stderr}

const base = (city) => `/api/v1/cities/${city}/waste`;

async function fetchText(target, init) {
  const r = await fetch(`http://127.0.0.1:${server.port}${target}`, init);
  return { status: r.status, type: r.headers.get('content-type'), headers: r.headers, body: await r.text() };
}

async function fetchJson(target, init) {
  const r = await fetchText(target, init);
  assert.ok(r.status >= 200 && r.status < 300, `${target}: ${r.status} ${r.body}`);
  return JSON.parse(r.body);
}

// The city's local date (both demo cities are in Europe/Berlin), and date arithmetic on
// calendar dates.
function berlinToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The calendar as ical.js reads it: one entry per VEVENT.
function readCalendar(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      start: event.startDate,
      end: event.endDate,
      summary: event.summary,
      description: event.description,
      categories: vevent.getAllProperties('categories').flatMap((p) => p.getValues()),
      recurring: event.isRecurring(),
      alarms: vevent.getAllSubcomponents('valarm'),
    };
  });
}

// "date type" of each event, sorted as the API sorts its pickups (by date, then type).
function eventKeys(events) {
  return events.map((e) => `${e.start.toString()} ${e.categories.join(',')}`).sort();
}

function pickupKeys(items) {
  return items.map((p) => `${p.date} ${p.type}`);
}

// The window the feed covers, as the JSON API's pickups of it. The window is read around the
// feed, so a test running over midnight (Berlin) fails loudly rather than comparing two days.
async function feedAndPickups(city, code, query = '') {
  const today = berlinToday();
  const feed = await fetchText(`${base(city)}/areas/${code}/calendar.ics${query ? `?${query}` : ''}`);
  assert.equal(feed.status, 200, feed.body);
  assert.equal(feed.type, 'text/calendar; charset=utf-8');
  assert.equal(berlinToday(), today, 'the test ran over midnight in Berlin: run it again');
  const types = new URLSearchParams(query).get('types');
  const pickups = await fetchJson(`${base(city)}/areas/${code}/pickups?from=${addDays(today, -28)}&to=${addDays(today, 365)}` +
    (types ? `&types=${types}` : ''));
  return { feed, events: readCalendar(feed.body), pickups: pickups.items };
}

// The area of a street, found as a citizen finds it.
async function areaOf(city, q) {
  const found = await fetchJson(`${base(city)}/streets?q=${encodeURIComponent(q)}`);
  const street = found.items.find((s) => !s.needs_house_number);
  assert.ok(street, `${q}: a street of ${city} in one collection area`);
  assert.match(street.ics_url, new RegExp(`/api/v1/cities/${city}/waste/areas/${street.area}/calendar\\.ics$`));
  return street.area;
}

async function typeTitles(city) {
  const manifest = await fetchJson(`/api/v1/cities/${city}`);
  const waste = manifest.modules.find((m) => m.name === 'waste');
  assert.ok(waste, `${city} has the waste module`);
  return new Map(waste.settings.types.map((t) => [t.slug, t.title.de]));
}

before(async () => {
  assert.ok(MOSAIKD && existsSync(MOSAIKD), `set MOSAIKD to the mosaikd binary (got ${MOSAIKD})`);
  assert.ok(MOSAIK_CLI && existsSync(MOSAIK_CLI), `set MOSAIK_CLI to the mosaik binary (got ${MOSAIK_CLI})`);
  workDir = mkdtempSync(path.join(tmpdir(), 'mosaik-waste-ical-'));
  const database = `sqlite:${path.join(workDir, 'db')}`;
  runCli(workDir, database, ['demo', 'load']);
  runCli(workDir, database, ['user', 'create', '--email', EDITOR, '--role', 'editor:dortmund'], `${PASSWORD}\n`);
  server = await startServer(workDir, database);
});

after(async () => {
  try {
    if (server) await stopServer(server);
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
});

for (const [city, street] of [['dortmund', 'Westenhellweg'], ['schwerte', 'Hüsingstraße']]) {
  test(`${city}: ical.js reads an area's calendar.ics; its events are the API's pickups of the window`, async () => {
    const code = await areaOf(city, street);
    const titles = await typeTitles(city);
    const { events, pickups } = await feedAndPickups(city, code);
    assert.ok(pickups.length > 50, `${pickups.length} pickups in the window`);
    assert.deepEqual(eventKeys(events), pickupKeys(pickups), 'one VEVENT per pickup, on its date, CATEGORIES its type');
    const uids = events.map((e) => e.uid);
    assert.equal(new Set(uids).size, uids.length, 'UIDs are unique');
    const byKey = new Map(pickups.map((p) => [`${p.date} ${p.type}`, p]));
    for (const e of events) {
      assert.ok(e.start.isDate, `${e.uid}: an all-day event`);
      assert.equal(e.end.toString(), addDays(e.start.toString(), 1), `${e.uid}: DTEND is the next day`);
      assert.equal(e.recurring, false, `${e.uid}: pickups are single events`);
      assert.equal(e.categories.length, 1);
      const pickup = byKey.get(`${e.start.toString()} ${e.categories[0]}`);
      assert.equal(e.uid, `${pickup.planned.replaceAll('-', '')}-${pickup.type}-${code}@${city}.waste.mosaik`);
      assert.equal(e.summary, titles.get(pickup.type), `${e.uid}: SUMMARY is the type's German title`);
      assert.equal(e.alarms.length, 0, 'no alarm unless asked for');
    }

    const again = readCalendar((await fetchText(`${base(city)}/areas/${code}/calendar.ics`)).body);
    assert.deepEqual(again.map((e) => e.uid), uids, 'a refresh has the same UIDs');
  });
}

test('types= filters the calendar like the pickups', async () => {
  const code = await areaOf('dortmund', 'Kampstraße');
  const { events, pickups } = await feedAndPickups('dortmund', code, 'types=papier,schadstoff');
  assert.ok(pickups.length > 0);
  assert.deepEqual(new Set(pickups.map((p) => p.type)), new Set(['papier', 'schadstoff']));
  assert.deepEqual(eventKeys(events), pickupKeys(pickups));
  const unknown = await fetchText(`${base('dortmund')}/areas/${code}/calendar.ics?types=papier,plutonium`);
  assert.equal(unknown.status, 422);
  assert.equal(JSON.parse(unknown.body).field, 'types');
});

test('alarm=true: a VALARM at reminder_time (18:00) on the evening before each pickup', async () => {
  const code = await areaOf('schwerte', 'Hüsingstraße');
  const { events, pickups } = await feedAndPickups('schwerte', code, 'alarm=true&types=restmuell');
  assert.deepEqual(eventKeys(events), pickupKeys(pickups));
  const titles = await typeTitles('schwerte');
  for (const e of events) {
    assert.equal(e.alarms.length, 1, `${e.uid}: one alarm`);
    const [alarm] = e.alarms;
    assert.equal(alarm.getFirstPropertyValue('action'), 'DISPLAY');
    const trigger = alarm.getFirstPropertyValue('trigger');
    assert.ok(trigger instanceof ICAL.Duration, 'a duration relative to the start');
    assert.equal(trigger.toSeconds(), -6 * 3600, `${e.uid}: 6 hours before the day starts is 18:00 the evening before`);
    const [y, m, d] = e.start.toString().split('-');
    assert.equal(alarm.getFirstPropertyValue('description'), `${titles.get('restmuell')} am ${d}.${m}.${y}`);
  }
});

test('a pickup moved by staff keeps its UID and changes its date', async () => {
  const city = 'dortmund';
  const code = await areaOf(city, 'Königswall');
  const before = await feedAndPickups(city, code, 'types=bio');
  // A pickup on its planned date, a week or more ahead, whose next day is free of bio pickups.
  const today = berlinToday();
  const pickup = before.pickups.find((p) => p.date === p.planned && p.date >= addDays(today, 7) &&
    !before.pickups.some((q) => q.date === addDays(p.date, 1)));
  assert.ok(pickup, 'a bio pickup to move');
  const uid = `${pickup.planned.replaceAll('-', '')}-bio-${code}@${city}.waste.mosaik`;
  assert.equal(before.events.find((e) => e.uid === uid)?.start.toString(), pickup.date);

  const signIn = await fetch(`http://127.0.0.1:${server.port}/api/v1/session`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: EDITOR, password: PASSWORD }) });
  assert.equal(signIn.status, 200);
  const cookie = /^mosaik_session=[^;]*/.exec(signIn.headers.get('set-cookie'))[0];
  const { csrf_token: csrf } = await signIn.json();
  const newDate = addDays(pickup.date, 1);
  const change = await fetchJson(`${base(city)}/admin/changes`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify({ area: code, type: 'bio', date: pickup.planned, new_date: newDate, note: 'Straßenfest' }) });
  assert.equal(change.new_date, newDate);

  const moved = await feedAndPickups(city, code, 'types=bio');
  assert.deepEqual(eventKeys(moved.events), pickupKeys(moved.pickups), 'the calendar follows the API');
  assert.deepEqual(moved.events.map((e) => e.uid).sort(), before.events.map((e) => e.uid).sort(), 'the same UIDs');
  const event = moved.events.find((e) => e.uid === uid);
  assert.equal(event.start.toString(), newDate, 'the same event, on the new date');
  const [y, m, d] = pickup.planned.split('-');
  assert.match(event.description, new RegExp(`^Verschoben vom ${d}\\.${m}\\.${y}: Straßenfest`));
  assert.deepEqual(moved.pickups.find((p) => p.planned === pickup.planned),
    { date: newDate, planned: pickup.planned, type: 'bio', note: 'Straßenfest' });

  const undone = await fetchText(`${base(city)}/admin/changes/${change.id}`, { method: 'DELETE',
    headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
  assert.equal(undone.status, 204);
  const back = readCalendar((await fetchText(`${base(city)}/areas/${code}/calendar.ics?types=bio`)).body);
  assert.equal(back.find((e) => e.uid === uid).start.toString(), pickup.date, 'back on its planned date');
});
