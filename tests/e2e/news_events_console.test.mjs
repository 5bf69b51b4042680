// Browser test of the News and Events editor screens of the staff console (web/dist) against
// the real mosaikd, in Debian's Chromium driven by playwright-core (no browser download):
//
//   scripts/build-web && npm ci --prefix tests/e2e
//   MOSAIKD=build/release/src/mosaikd MOSAIK_CLI=build/release/src/mosaik WEB_DIST=web/dist \
//     node --test tests/e2e/news_events_console.test.mjs
//
// A throw-away SQLite database gets the demo cities and one editor of Dortmund, Erika. In order,
// on one page: she signs in; writes a news item with a Markdown preview and an uploaded image,
// sees a refused field get the focus, publishes it, and finds it in the public API, the image
// behind its URL and the RSS feed; schedules a second one (not public), unpublishes and deletes;
// creates a weekly event (times in the city's time zone) and finds it in the public API; imports
// an iCalendar file: a broken one shows its errors per line, a good one a preview, then the
// import, then "unchanged" on a second preview. Every screen is scanned with axe-core (WCAG 2.1
// A/AA). CHROMIUM overrides the browser path (default /usr/bin/chromium). Only loopback is used.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually as eventuallyWithin, openBrowser, requirements, runCli as runCliIn, startServer, stopServer } from './mosaik_server.mjs';

// ---------------------------------------------------------------------------------------------
// What the test needs, checked first so that a missing piece says what to do.

const { mosaikd: MOSAIKD, cli: MOSAIK_CLI, webDist: WEB_DIST, chromium: CHROMIUM } = requirements();

// ---------------------------------------------------------------------------------------------
// The server and the browser.

const EMAIL = 'erika@example.org';
const NAME = 'Erika Redaktion';
// A fresh password per run, as a person would type it: 20 letters and digits.
const PASSWORD = randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 20);
const STEP_TIMEOUT = 15_000;

let workDir;
let server; // {child, port, log: string[]}
let browser;
let page;
let baseUrl;
const pageProblems = []; // uncaught page errors and CSP violations

function runCli(args, input) {
  return runCliIn(MOSAIK_CLI, workDir, args, input);
}

function eventually(check, timeout = STEP_TIMEOUT) {
  return eventuallyWithin(check, timeout);
}

const h1 = () => page.locator('h1');
const nav = () => page.getByRole('navigation', { name: 'Bereiche' });
const navLinks = async () => (await nav().getByRole('link').allTextContents()).map((s) => s.trim());
const alertText = async (selector) => ((await page.locator(selector).textContent()) ?? '').trim();

async function headingIs(text) {
  await eventually(async () => assert.equal((await h1().textContent())?.trim(), text));
}

async function sessionStatusInPage() {
  return page.evaluate(async () => (await fetch('/api/v1/session', { headers: { Accept: 'application/json' } })).status);
}

async function cityManifest(slug) {
  const response = await fetch(`${baseUrl}/api/v1/cities/${slug}`);
  assert.equal(response.status, 200, `GET /api/v1/cities/${slug}`);
  return response.json();
}

before(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'mosaik-e2e-content-'));
  runCli(['demo', 'load']);
  runCli(['user', 'create', '--email', EMAIL, '--display-name', NAME, '--role', 'editor:dortmund'], `${PASSWORD}\n`);
  server = await startServer(MOSAIKD, workDir, WEB_DIST);
  baseUrl = `http://127.0.0.1:${server.port}`;
  ({ browser, page } = await openBrowser(CHROMIUM, { baseURL: baseUrl, locale: 'de-DE' }, pageProblems, STEP_TIMEOUT));
});

after(async () => {
  await browser?.close().catch(() => {});
  await stopServer(server);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Test data and helpers for the content screens.

const CITY = 'dortmund';
const ZONE = 'Europe/Berlin'; // demo/cities/dortmund.json
const RUN = randomBytes(3).toString('hex');
const NEWS_TITLE = `Baustelle am Hauptbahnhof ${RUN}`;
const SCHEDULED_TITLE = `Neujahrsempfang ${RUN}`;
const EVENT_TITLE = `Lauftreff im Westfalenpark ${RUN}`;
const ALT = 'Absperrgitter vor dem Hauptbahnhof';
const axeSource = createRequire(import.meta.url)('axe-core').source;

/** A valid 2×2 PNG (red, green, blue, white), made here: the server re-encodes what it gets. */
function tinyPng() {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Wall-clock parts of `date` in the city's time zone, and its offset there ("+01:00"). */
function inCity(date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      hourCycle: 'h23', timeZoneName: 'longOffset',
    }).formatToParts(date).map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  return { day: `${parts.year}-${parts.month}-${parts.day}`, offset };
}

/** GET of a JSON API path with the page's session (editorial routes). */
async function apiInPage(pathname) {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { headers: { Accept: 'application/json' } });
    return { status: r.status, body: r.headers.get('Content-Type')?.includes('json') ? await r.json() : null };
  }, pathname);
}

/** Every editorial item of a module (all pages), read as the signed-in editor. */
async function editorialItems(module) {
  const items = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const { status, body } = await apiInPage(`/api/v1/cities/${CITY}/${module}/editorial?${query}`);
    assert.equal(status, 200, `GET ${module}/editorial`);
    items.push(...body.items);
    cursor = body.next_cursor;
  } while (cursor);
  return items;
}

async function publicJson(pathname) {
  const response = await fetch(`${baseUrl}${pathname}`, { headers: { Accept: 'application/json' } });
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

/** axe-core over the whole page: no WCAG 2.1 A/AA violation. (evaluate is not subject to the CSP.) */
async function assertAccessible(screen) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  assert.deepEqual(violations, [], `axe on ${screen}`);
}

// The screen's own status line (panels have theirs).
const statusText = () => alertText('main > [role=status].status-message');
const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
let manifest;
const moduleTitle = (name) => manifest.modules.find((m) => m.name === name).title.de;
const firstCategory = (name) => manifest.modules.find((m) => m.name === name).settings.categories[0];

// ---------------------------------------------------------------------------------------------
// The steps, in order.

test('the editor signs in and finds News and Events among Dortmund\'s modules', async () => {
  manifest = await cityManifest(CITY);
  for (const name of ['news', 'events']) {
    assert.ok(manifest.modules.some((m) => m.name === name), `the demo city has ${name} enabled`);
    assert.ok(firstCategory(name), `the demo city has ${name} categories`);
  }
  await page.goto('/console');
  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await headingIs(`Willkommen, ${NAME}`);
  const links = await navLinks();
  assert.ok(links.includes(moduleTitle('news')) && links.includes(moduleTitle('events')), links.join(', '));
});

test('the news screen lists items with a status filter and the feed imports', async () => {
  await nav().getByRole('link', { name: moduleTitle('news') }).click();
  await headingIs(moduleTitle('news'));
  assert.equal(new URL(page.url()).pathname, '/console/modules/news');
  const table = page.getByRole('table', { name: 'Meldungen von Dortmund' });
  await eventually(async () => assert.ok((await table.locator('tbody tr').count()) > 0, 'the demo news are listed'));
  await page.getByLabel('Status', { exact: true }).selectOption('draft');
  await eventually(async () => {
    const statuses = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    assert.ok(statuses.every((s) => s.trim() === 'Entwurf'), `only drafts: ${statuses.join(', ')}`);
  });
  await page.getByLabel('Status', { exact: true }).selectOption('');
  await eventually(async () => assert.ok(await page.getByRole('heading', { name: 'Importe aus Feeds' }).isVisible()));
  await assertAccessible('news list');
});

test('a news item with an image: Markdown preview, a refused field gets the focus, then published', async () => {
  await page.getByRole('link', { name: 'Neue Meldung' }).click();
  await headingIs('Neue Meldung');
  await page.getByLabel('Titel', { exact: true }).fill(NEWS_TITLE);
  await page.getByLabel('Anreißer', { exact: true }).fill('Ab Montag ist der Nordausgang gesperrt.');
  await page.getByLabel('Text', { exact: true }).fill('Der Nordausgang ist **gesperrt**.\n\n- Umleitung über den Südausgang');
  await eventually(async () => assert.equal((await page.locator('#news-body-preview strong').textContent())?.trim(), 'gesperrt'));
  assert.equal(await page.locator('#news-body-preview li').count(), 1);

  const category = firstCategory('news');
  await page.getByLabel('Kategorie', { exact: true }).selectOption(category.slug);
  const district = manifest.districts[0];
  await page.getByLabel(district.name, { exact: true }).check();

  const upload = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cities/${CITY}/media`) && r.request().method() === 'POST');
  await page.getByLabel('Bilddatei (JPEG, PNG, WebP oder HEIC)').setInputFiles({ name: 'baustelle.png', mimeType: 'image/png', buffer: tinyPng() });
  assert.equal((await upload).status(), 201, 'the image is accepted');
  await eventually(async () => assert.match(await page.locator('main').innerText(), /Das Bild wurde hochgeladen\./));
  await page.getByLabel('Alternativtext', { exact: true }).fill(ALT);
  await page.getByLabel('Veröffentlichen', { exact: true }).check();
  await assertAccessible('news form');

  // A category the city no longer has (a stale form): the server refuses the field, the form
  // names it in the summary and moves the focus there.
  await page.locator('#news-category').evaluate((select) => {
    const option = document.createElement('option');
    option.value = 'gibt-es-nicht';
    option.textContent = 'Gibt es nicht';
    select.append(option);
  });
  await page.getByLabel('Kategorie', { exact: true }).selectOption('gibt-es-nicht');
  const refused = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cities/${CITY}/news`) && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Anlegen' }).click();
  const answer = await refused;
  assert.equal(answer.status(), 422);
  assert.equal((await answer.json()).field, 'category');
  await eventually(async () => assert.equal(await focusedId(), 'news-category'));
  assert.equal(await page.locator('#news-category').getAttribute('aria-invalid'), 'true');
  assert.match(await alertText('#news-error-summary'), /Bitte korrigieren Sie die Eingabe/);
  assert.ok(await page.getByRole('link', { name: 'Zum Feld „Kategorie“' }).isVisible());
  await assertAccessible('news form with an error');

  await page.getByLabel('Kategorie', { exact: true }).selectOption(category.slug);
  await page.getByRole('button', { name: 'Anlegen' }).click();
  await headingIs(moduleTitle('news'));
  await eventually(async () => assert.equal(await statusText(), `Die Meldung „${NEWS_TITLE}“ wurde angelegt.`));
  const row = page.getByRole('row').filter({ hasText: NEWS_TITLE });
  await eventually(async () => assert.match(await row.innerText(), /Veröffentlicht/));
});

test('the published item is in the public API with its image, and in the RSS feed', async () => {
  const { status, body } = await publicJson(`/api/v1/cities/${CITY}/news?limit=50`);
  assert.equal(status, 200);
  const item = body.items.find((i) => i.title === NEWS_TITLE);
  assert.ok(item, 'the new item is listed publicly');
  assert.match(item.body_html, /<strong>gesperrt<\/strong>/);
  assert.equal(item.category, firstCategory('news').slug);
  assert.deepEqual(item.districts, [manifest.districts[0].id]);
  assert.equal(item.image.alt, ALT);
  assert.match(item.image.url, new RegExp(`^/api/v1/cities/${CITY}/media/`));
  const image = await fetch(`${baseUrl}${item.image.url}`);
  assert.equal(image.status, 200);
  assert.match(image.headers.get('content-type') ?? '', /^image\//);

  const rss = await fetch(`${baseUrl}/api/v1/cities/${CITY}/news/feed.rss`);
  assert.equal(rss.status, 200);
  assert.match(rss.headers.get('content-type') ?? '', /xml/);
  assert.ok((await rss.text()).includes(`<title>${NEWS_TITLE}</title>`), 'the RSS feed has the item');
});

test('a scheduled item waits: listed as scheduled, not public', async () => {
  const year = new Date().getUTCFullYear() + 1;
  await page.getByRole('link', { name: 'Neue Meldung' }).click();
  await headingIs('Neue Meldung');
  await page.getByLabel('Titel', { exact: true }).fill(SCHEDULED_TITLE);
  await page.getByLabel('Anreißer', { exact: true }).fill('Die Oberbürgermeisterin lädt ein.');
  await page.getByLabel('Text', { exact: true }).fill('Alle Bürgerinnen und Bürger sind eingeladen.');
  await page.getByLabel('Kategorie', { exact: true }).selectOption(firstCategory('news').slug);
  await page.getByLabel('Veröffentlichen', { exact: true }).check();
  await page.getByLabel('Veröffentlichen am (leer: sofort)').fill(`${year}-01-10T11:00`);
  const created = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cities/${CITY}/news`) && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Anlegen' }).click();
  const sent = JSON.parse((await created).request().postData());
  assert.equal(sent.publish_at, `${year}-01-10T11:00:00+01:00`, 'sent with the city\'s offset (CET in January)');
  await headingIs(moduleTitle('news'));
  const row = page.getByRole('row').filter({ hasText: SCHEDULED_TITLE });
  await eventually(async () => assert.match(await row.innerText(), new RegExp(`Geplant für 10\\.01\\.${year}, 11:00`)));

  const { body } = await publicJson(`/api/v1/cities/${CITY}/news?limit=50`);
  assert.ok(!body.items.some((i) => i.title === SCHEDULED_TITLE), 'a scheduled item is not public');
  const scheduled = (await editorialItems('news')).find((i) => i.title === SCHEDULED_TITLE);
  assert.equal(scheduled.status, 'scheduled');
  assert.equal((await publicJson(`/api/v1/cities/${CITY}/news/${scheduled.id}`)).status, 404);
});

test('unpublish makes an item a draft again; delete asks first', async () => {
  const table = page.getByRole('table', { name: 'Meldungen von Dortmund' });
  const published = table.getByRole('row').filter({ hasText: NEWS_TITLE });
  await published.getByRole('button', { name: `Zurückziehen (${NEWS_TITLE})` }).click();
  await eventually(async () => assert.equal(await statusText(), `Die Meldung „${NEWS_TITLE}“ ist jetzt ein Entwurf.`));
  await eventually(async () => assert.match(await published.innerText(), /Entwurf/));
  const { body } = await publicJson(`/api/v1/cities/${CITY}/news?limit=50`);
  assert.ok(!body.items.some((i) => i.title === NEWS_TITLE), 'no longer public');

  const scheduled = table.getByRole('row').filter({ hasText: SCHEDULED_TITLE });
  page.once('dialog', (dialog) => dialog.dismiss());
  await scheduled.getByRole('button', { name: `Löschen (${SCHEDULED_TITLE})` }).click();
  assert.equal(await scheduled.count(), 1, 'dismissed: still there');
  page.once('dialog', (dialog) => dialog.accept());
  await scheduled.getByRole('button', { name: `Löschen (${SCHEDULED_TITLE})` }).click();
  await eventually(async () => assert.equal(await statusText(), `Die Meldung „${SCHEDULED_TITLE}“ wurde gelöscht.`));
  await eventually(async () => assert.equal(await scheduled.count(), 0));
  assert.ok(!(await editorialItems('news')).some((i) => i.title === SCHEDULED_TITLE));
});

test('a weekly event: times in the city\'s zone, rule built, public with its occurrences', async () => {
  await nav().getByRole('link', { name: moduleTitle('events') }).click();
  await headingIs(moduleTitle('events'));
  await eventually(async () => assert.ok((await page.getByRole('table', { name: 'Veranstaltungen von Dortmund' }).locator('tbody tr').count()) > 0));
  await assertAccessible('events list');
  await page.getByRole('link', { name: 'Neue Veranstaltung' }).click();
  await headingIs('Neue Veranstaltung');

  const { day, offset } = inCity(new Date(Date.now() + 7 * 86_400_000));
  await page.getByLabel('Titel', { exact: true }).fill(EVENT_TITLE);
  await page.getByLabel('Beschreibung', { exact: true }).fill('Gemeinsam laufen, *alle Tempi* willkommen.');
  await page.getByLabel('Beginn', { exact: true }).fill(`${day}T18:30`);
  await page.getByLabel('Ende', { exact: true }).fill(`${day}T19:45`);
  await page.getByLabel('Wiederholen', { exact: true }).selectOption('weekly');
  await page.getByLabel('nach einer Anzahl von Terminen', { exact: true }).check();
  await page.getByLabel('Anzahl der Termine', { exact: true }).fill('4');
  const weekday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(`${day}T12:00:00Z`).getUTCDay()];
  await eventually(async () => assert.equal((await page.locator('#event-recurrence-result').textContent())?.trim(), `FREQ=WEEKLY;BYDAY=${weekday};COUNT=4`));
  await page.getByLabel('Name des Ortes', { exact: true }).fill('Westfalenpark, Haupteingang');
  await page.getByLabel('Anschrift', { exact: true }).fill('An der Buschmühle 3, 44139 Dortmund');
  await page.getByLabel('Breitengrad', { exact: true }).fill('51.4936');
  await page.getByLabel('Längengrad', { exact: true }).fill('7.4773');
  await page.getByLabel('Veranstalter', { exact: true }).fill('Lauftreff Dortmund e. V.');
  await page.getByLabel('Kategorie', { exact: true }).selectOption(firstCategory('events').slug);
  await page.getByLabel('Eintritt frei', { exact: true }).check();
  await page.getByLabel('Barrierefreiheit', { exact: true }).fill('Wege asphaltiert, stufenlos.');
  await page.getByLabel('Veröffentlichen', { exact: true }).check();
  await assertAccessible('event form');

  const created = page.waitForResponse((r) => r.url().endsWith(`/api/v1/cities/${CITY}/events`) && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Anlegen' }).click();
  const response = await created;
  const sent = JSON.parse(response.request().postData());
  assert.equal(sent.start, `${day}T18:30:00${offset}`);
  assert.equal(sent.end, `${day}T19:45:00${offset}`);
  assert.equal(response.status(), 201, await response.text());
  await headingIs(moduleTitle('events'));
  await eventually(async () => assert.equal(await statusText(), `Die Veranstaltung „${EVENT_TITLE}“ wurde angelegt.`));
  await eventually(async () => assert.match(await page.getByRole('row').filter({ hasText: EVENT_TITLE }).innerText(), /wiederkehrend/));

  const stored = (await editorialItems('events')).find((e) => e.title === EVENT_TITLE);
  const { status, body } = await publicJson(`/api/v1/cities/${CITY}/events/${stored.id}`);
  assert.equal(status, 200);
  assert.equal(body.start, `${day}T18:30:00${offset}`);
  // The server normalises the rule (libical's order of parts): compare the parts.
  const parts = (rule) => rule.split(';').sort();
  assert.deepEqual(parts(body.recurrence.rrule), parts(`FREQ=WEEKLY;BYDAY=${weekday};COUNT=4`));
  assert.equal(body.next_occurrences.length, 4);
  assert.deepEqual(body.venue, { name: 'Westfalenpark, Haupteingang', address: 'An der Buschmühle 3, 44139 Dortmund', lat: 51.4936, lon: 7.4773 });
  assert.equal(body.price.free, true);
});

function ics(events) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Mosaik e2e//DE'];
  for (const e of events)
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, 'DTSTAMP:20260101T000000Z', `DTSTART:${e.start}`, `DTEND:${e.end}`, `SUMMARY:${e.title}`,
      `CATEGORIES:${firstCategory('events').slug}`, 'END:VEVENT');
  lines.push('END:VCALENDAR');
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** "20261201T170000Z" for `days` days from now at 17:00 UTC. */
function icsTime(days, hour) {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

test('an iCalendar import: errors per line, a preview that stores nothing, then the import', async () => {
  await page.getByRole('link', { name: 'Datei importieren (iCalendar oder CSV)' }).click();
  await headingIs('Veranstaltungen importieren');
  await assertAccessible('events import');
  const file = page.getByLabel('Datei (.ics oder .csv)');

  // End before start: the preview lists the error with its line, nothing is offered to import.
  await file.setInputFiles({ name: 'kaputt.ics', mimeType: 'text/calendar',
    buffer: ics([{ uid: `e2e-${RUN}-bad@example.org`, start: icsTime(12, 18), end: icsTime(12, 16), title: `Kaputt ${RUN}` }]) });
  await page.getByRole('button', { name: 'Vorschau' }).click();
  const errors = page.getByRole('table', { name: 'Fehler nach Zeile' });
  await eventually(async () => assert.ok((await errors.locator('tbody tr').count()) >= 1));
  assert.match(await errors.locator('tbody tr').first().innerText(), /\d/, 'the error names its line');
  assert.equal(await page.getByRole('button', { name: 'Jetzt importieren' }).count(), 0);

  const good = ics([
    { uid: `e2e-${RUN}-1@example.org`, start: icsTime(10, 17), end: icsTime(10, 19), title: `Stadtführung ${RUN}` },
    { uid: `e2e-${RUN}-2@example.org`, start: icsTime(11, 9), end: icsTime(11, 12), title: `Flohmarkt ${RUN}` },
  ]);
  await file.setInputFiles({ name: 'termine.ics', mimeType: 'text/calendar', buffer: good });
  await page.getByRole('button', { name: 'Vorschau' }).click();
  await eventually(async () => assert.equal(await statusText(), 'Vorschau: 2 neu, 0 geändert, 0 unverändert. Noch ist nichts gespeichert.'));
  assert.ok(!(await editorialItems('events')).some((e) => e.title === `Stadtführung ${RUN}`), 'the preview stores nothing');
  await assertAccessible('events import preview');

  await page.getByRole('button', { name: 'Jetzt importieren' }).click();
  await eventually(async () => assert.equal(await statusText(), 'Import abgeschlossen: 2 neu, 0 geändert, 0 unverändert.'));
  const titles = (await editorialItems('events')).map((e) => e.title);
  assert.ok(titles.includes(`Stadtführung ${RUN}`) && titles.includes(`Flohmarkt ${RUN}`), 'both imported');

  // The same file again: recognised by UID, nothing new.
  await page.getByRole('button', { name: 'Vorschau' }).click();
  await eventually(async () => assert.equal(await statusText(), 'Vorschau: 0 neu, 0 geändert, 2 unverändert. Noch ist nichts gespeichert.'));
});

test('no script errors and no CSP violations on the way', () => {
  assert.deepEqual(pageProblems, []);
});
