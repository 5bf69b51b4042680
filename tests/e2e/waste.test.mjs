// Browser test of the Abfallkalender (waste collection calendar) against the real mosaikd with
// the demo cities, in Debian's Chromium driven by playwright-core:
//
//   scripts/build-web && npm ci --prefix tests/e2e
//   MOSAIKD=build/release/src/mosaikd MOSAIK_CLI=build/release/src/mosaik WEB_DIST=web/dist \
//     node --test tests/e2e/waste.test.mjs
//
// Citizen app on a phone, in order on one page: the street search (a combobox: a few letters,
// the suggestions and their count announced, arrow keys and Enter), a street split between areas
// (the house number typed with the street, and a refused number with the server's reason), the
// next pickups per type as the API has them, the month view (a table; next month), the type
// filter and the reminder in the subscription's URL, the ICS download (iCalendar with VEVENTs),
// a reload that remembers the address, the next pickup on the start screen, "change address",
// and offline the last dates seen; the drop-off points (Wertstoffhöfe, containers) before any
// address is chosen. Console: an editor of the city signs in, finds the areas, previews a dates
// import with an error (the row's error is listed, nothing changes), announces a shift and
// lists an area's streets (search and area filter). Every screen gets an axe-core scan (WCAG 2.1 A/AA) with zero violations;
// the citizen screens must reflow at 200 % text. The browser runs in New York time: "today"
// and dates must be the city's (Europe/Berlin).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CITIZEN_PHONE, eventually, expectAccessible as checkAccessible, openBrowser, signInThroughApi, requirements, startDemo, stopDemo } from './mosaik_server.mjs';

const { mosaikd, cli, webDist, chromium: chromiumPath } = requirements();

const EDITOR = 'waste-e2e-editor@example.org';
const EDITOR_NAME = 'Walter Abfall';
const PASSWORD = randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 20);
const CITY = 'dortmund';
const ZONE = 'Europe/Berlin';

let demo; // {workDir, server, baseUrl}
let browser;
let context;
let page;
let baseUrl;
let manifest;
let types; // the city's waste types (manifest settings)
let single; // a street in one area: {street, area}
let split; // a street split between areas: {street, house_number, area}
const pageProblems = [];
const expectAccessible = (screen, options) => checkAccessible(page, screen, options);
const signIn = () => signInThroughApi(baseUrl, EDITOR, PASSWORD);

async function apiGet(pathname, headers = {}) {
  const response = await fetch(`${baseUrl}${pathname}`, { headers: { Accept: 'application/json', ...headers } });
  assert.equal(response.status, 200, `GET ${pathname}: ${response.status} ${response.status === 200 ? '' : await response.text()}`);
  return response.json();
}

const h1Text = async () => ((await page.locator('h1').textContent()) ?? '').trim();
async function headingIs(text) {
  await eventually(async () => assert.equal(await h1Text(), text));
}


/** Today in the city, "YYYY-MM-DD". */
function cityToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** "Di., 5. Jan." as the app writes a calendar date in German. */
function shortDay(date) {
  return new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(`${date}T00:00:00Z`));
}

function typeTitle(slug) {
  return types.find((t) => t.slug === slug)?.title.de ?? slug;
}

function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function nextMonth(month) {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/** The pickups of an answer of …/pickups ({area, from, to, items}). */
function pickupsOf(body) {
  assert.ok(Array.isArray(body.items), 'a pickups answer has items');
  return body.items;
}


/** Every street segment of the city (GET …/waste/admin/streets, all pages). */
async function allSegments(session) {
  const segments = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const page = await apiGet(`/api/v1/cities/${CITY}/waste/admin/streets?${query}`, { Cookie: session.cookie });
    segments.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return segments;
}

/** A few letters of `street` that the public search answers with it among the suggestions. */
async function prefixFinding(street) {
  for (let n = 3; n <= street.length; n++) {
    const q = street.slice(0, n);
    if (q.trim().length < 2) continue;
    const answer = await apiGet(`/api/v1/cities/${CITY}/waste/streets?${new URLSearchParams({ q, limit: '8' })}`);
    if (answer.items.some((i) => i.street === street)) return { q, answer };
  }
  throw new Error(`the search never finds ${street}`);
}

before(async () => {
  demo = await startDemo({ cli, mosaikd, webDist, name: 'waste', staff: { email: EDITOR, name: EDITOR_NAME, roles: [`editor:${CITY}`], password: PASSWORD } });
  ({ baseUrl } = demo);
  ({ browser, context, page } = await openBrowser(chromiumPath, { baseURL: baseUrl, ...CITIZEN_PHONE }, pageProblems));
});

after(() => stopDemo(demo, browser));

// ---------------------------------------------------------------------------------------------

test('the demo city has the waste calendar: types, a street in one area and one split by house numbers', async () => {
  manifest = await apiGet(`/api/v1/cities/${CITY}`);
  const module = manifest.modules.find((m) => m.name === 'waste');
  assert.ok(module, `the demo city ${CITY} has the waste module enabled`);
  types = module.settings?.types ?? [];
  assert.ok(types.length >= 3, `waste types in the manifest: ${JSON.stringify(module.settings)}`);

  const session = await signIn();
  const segments = await allSegments(session);
  const byStreet = new Map();
  for (const s of segments) byStreet.set(s.street, [...(byStreet.get(s.street) ?? []), s]);
  const whole = [...byStreet].find(([, parts]) => parts.length === 1 && parts[0].house_from == null && parts[0].house_to == null);
  assert.ok(whole, 'the demo has a street that lies in one area');
  single = { street: whole[0], area: whole[1][0].area };
  const parted = [...byStreet].find(([, parts]) => new Set(parts.map((p) => p.area)).size > 1);
  assert.ok(parted, 'the demo has a street split between areas');
  // A number inside the first numbered segment, with the segment's parity.
  const segment = parted[1].find((p) => p.house_from != null) ?? parted[1][0];
  let number = Number(segment.house_from ?? 1);
  if (segment.parity === 'even' && number % 2 === 1) number += 1;
  if (segment.parity === 'odd' && number % 2 === 0) number += 1;
  split = { street: parted[0], house_number: String(number), area: segment.area };
  const address = await apiGet(`/api/v1/cities/${CITY}/waste/address?${new URLSearchParams({ street: split.street, house_number: split.house_number })}`);
  assert.equal(address.area.code, split.area, `${split.street} ${split.house_number} lies in ${split.area}`);
});

test('the start screen has the tile, and no waste section while no address is saved', async () => {
  await page.goto(`/${CITY}`);
  await headingIs(manifest.name);
  const title = manifest.modules.find((m) => m.name === 'waste').title.de;
  const tile = page.getByRole('navigation', { name: 'Angebote' }).getByRole('link', { name: title });
  assert.equal(await tile.getAttribute('href'), `/${CITY}/waste`);
  assert.equal(await page.getByRole('heading', { name: 'Nächste Abholung' }).count(), 0);
  await tile.click();
  await headingIs('Abfallkalender');
  // The title is set in an effect, which may run just after the heading is painted.
  await eventually(async () => assert.equal(await page.title(), `Abfallkalender – ${manifest.name} – Mosaik`));
  await expectAccessible('the waste calendar without an address');
});

test('the drop-off points are listed before an address is chosen: kind, address, hours, types, map link', async () => {
  const settings = manifest.modules.find((m) => m.name === 'waste').settings;
  const demo = (settings.dropoffs ?? []).find((d) => d.name === 'Recyclinghof Nord');
  assert.ok(demo, `the demo has "Recyclinghof Nord": ${JSON.stringify(settings.dropoffs)}`);
  const geojson = await apiGet(`/api/v1/cities/${CITY}/waste/dropoffs`);
  assert.equal(geojson.type, 'FeatureCollection');
  const section = page.getByRole('region', { name: 'Wertstoffhöfe und Container' });
  const items = section.locator('ul.dropoff-list > li');
  await eventually(async () => assert.deepEqual(await items.locator('h3').allInnerTexts(),
    geojson.features.map((f) => f.properties.name)));
  const item = items.filter({ has: page.getByRole('heading', { name: 'Recyclinghof Nord', exact: true }) });
  const text = await item.innerText();
  assert.match(text, /Wertstoffhof/);
  assert.ok(text.includes(demo.address), `the address: ${text}`);
  assert.ok(text.includes(demo.opening_hours), `the opening hours: ${text}`);
  assert.deepEqual(await item.locator('ul.dropoff-types li').allInnerTexts(), demo.accepts.map(typeTitle),
    'the accepted types by their titles');
  const first = types.find((t) => t.slug === demo.accepts[0]).colour.toLowerCase();
  const rgb = `rgb(${parseInt(first.slice(1, 3), 16)}, ${parseInt(first.slice(3, 5), 16)}, ${parseInt(first.slice(5, 7), 16)})`;
  assert.equal(await item.locator('.waste-swatch').first().evaluate((el) => getComputedStyle(el).backgroundColor), rgb);
  const map = item.getByRole('link', { name: 'Auf der Karte (Recyclinghof Nord)' });
  assert.equal(await map.getAttribute('href'),
    `https://www.openstreetmap.org/?mlat=${demo.lat}&mlon=${demo.lon}#map=17/${demo.lat}/${demo.lon}`);
  assert.match(await items.filter({ hasText: 'Glascontainer Nordmarkt' }).innerText(), /Containerstandort/);
  await expectAccessible('the drop-off points');
});

test('the street search is a combobox: a few letters, the count announced, arrows and Enter', async () => {
  const { q, answer } = await prefixFinding(single.street);
  const input = page.getByRole('combobox', { name: 'Straße (und Hausnummer)' });
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  await input.pressSequentially(q, { delay: 40 });
  const listbox = page.getByRole('listbox', { name: 'Vorschläge' });
  await eventually(async () => assert.deepEqual(await listbox.getByRole('option').locator('.option-street').allInnerTexts(),
    answer.items.map((i) => i.street)));
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  assert.equal(await input.getAttribute('aria-controls'), await listbox.getAttribute('id'));
  const count = answer.items.length;
  await eventually(async () => assert.equal((await page.locator('.street-search [role=status]').textContent())?.trim(),
    `${count} ${count === 1 ? 'Straße' : 'Straßen'} gefunden. Mit Pfeiltasten auswählen.`));
  await expectAccessible('the street suggestions', { reflow: false });

  // The arrows move the active suggestion (aria-activedescendant); Enter takes it.
  const index = answer.items.findIndex((i) => i.street === single.street);
  for (let i = 0; i <= index; i++) await input.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  assert.ok(active, 'an active option');
  const option = page.locator(`#${active}`);
  assert.equal(await option.getAttribute('aria-selected'), 'true');
  assert.equal((await option.locator('.option-street').innerText()).trim(), single.street);
  // Escape closes the list and keeps the text; ArrowDown opens it again.
  await input.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  assert.equal(await input.inputValue(), q);
  for (let i = 0; i <= index; i++) await input.press('ArrowDown');
  await input.press('Enter');

  await eventually(async () => assert.equal((await page.locator('.address-line').textContent())?.trim(), single.street));
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Ihre Adresse', 'the address section takes the focus'));
  assert.match(await page.locator('.waste-address').innerText(), new RegExp(`Abfuhrbezirk ${single.area}`));
});

test('the next pickups per type, as the API has them, with "heute"/"morgen" in the city\'s time', async () => {
  const area = await apiGet(`/api/v1/cities/${CITY}/waste/areas/${encodeURIComponent(single.area)}`);
  assert.ok(area.next.length > 0, `the demo area ${single.area} has next pickups`);
  const list = page.locator('ul.pickup-list > li');
  const expected = [...area.next].sort((a, b) => a.date.localeCompare(b.date));
  await eventually(async () => assert.deepEqual(await list.locator('strong').allInnerTexts(), expected.map((p) => typeTitle(p.type))));
  const today = cityToday();
  const texts = await list.allInnerTexts();
  expected.forEach((p, i) => {
    assert.match(texts[i], new RegExp(shortDay(p.date).replace(/\./g, '\\.')), `the date of ${p.type}`);
    const days = Math.round((Date.parse(`${p.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    if (days === 0) assert.match(texts[i], /heute/);
    if (days === 1) assert.match(texts[i], /morgen/);
    if (p.planned !== p.date) assert.match(texts[i], /verschoben/);
  });
  // Each has its type's colour swatch.
  const first = types.find((t) => t.slug === expected[0].type);
  const hex = first.colour.toLowerCase();
  const rgb = `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
  assert.equal(await list.first().locator('.waste-swatch').evaluate((el) => getComputedStyle(el).backgroundColor), rgb);
  await expectAccessible('the next pickups');
});

test('the month view: a table of this month, then the next, with the API\'s pickups', async () => {
  const month = cityToday().slice(0, 7);
  for (const m of [month, nextMonth(month)]) {
    const { from, to } = monthRange(m);
    const pickups = pickupsOf(await apiGet(`/api/v1/cities/${CITY}/waste/areas/${encodeURIComponent(single.area)}/pickups?from=${from}&to=${to}`));
    const name = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${from}T00:00:00Z`));
    const table = page.getByRole('table', { name: `Abholungen im ${name}` });
    await eventually(async () => assert.ok(await table.isVisible(), `the table of ${name}`));
    assert.deepEqual(await table.locator('thead th .visually-hidden').allInnerTexts(),
      ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']);
    await eventually(async () => assert.equal(await table.locator('tbody .waste-swatch').count(), pickups.length,
      `${pickups.length} pickups in ${name}`));
    if (m === month) {
      const today = table.locator('td[aria-current=date]');
      assert.equal((await today.locator('.day-number').innerText()).trim(), String(Number(cityToday().slice(8))), 'today is the city\'s today');
      await expectAccessible('the month view');
      await page.getByRole('button', { name: new RegExp(`^Nächster Monat`) }).click();
    }
  }
});

test('the type filter and the reminder shape the subscription; the ICS downloads', async () => {
  const subscribe = page.getByRole('link', { name: 'Im Kalender abonnieren (webcal)' });
  const download = page.getByRole('link', { name: 'ICS herunterladen' });
  const href = await subscribe.getAttribute('href');
  assert.match(href, /^webcal:\/\/.+\/calendar\.ics$/, `all types, no alarm: ${href}`);
  await page.getByLabel('Erinnerung am Vorabend').check();
  await eventually(async () => assert.match(await subscribe.getAttribute('href'), /\?alarm=true$/));
  const dropped = types[0];
  await page.getByLabel(dropped.title.de, { exact: true }).uncheck();
  const kept = types.slice(1).map((t) => t.slug).join(',');
  await eventually(async () => assert.ok((await subscribe.getAttribute('href')).endsWith(`?types=${kept}&alarm=true`)));
  assert.ok((await download.getAttribute('href')).startsWith('http'), 'the download is the http(s) feed');
  assert.equal(await page.locator('ul.pickup-list strong', { hasText: new RegExp(`^${dropped.title.de}$`) }).count(), 0,
    'the unchecked type left the list');

  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const ics = readFileSync(await file.path(), 'utf8');
  assert.match(ics, /^BEGIN:VCALENDAR\r?\n/, 'the download is iCalendar');
  assert.ok((ics.match(/BEGIN:VEVENT/g) ?? []).length > 0, 'with VEVENTs');
  assert.match(ics, /BEGIN:VALARM/, 'the evening-before alarm');
  assert.doesNotMatch(ics, new RegExp(`CATEGORIES:${dropped.slug}\\r?\\n`), 'without the unchecked type');
  assert.match(file.suggestedFilename(), /\.ics$/);
  await page.getByLabel(dropped.title.de, { exact: true }).check();
  await expectAccessible('the subscription');
});

test('a reload remembers the address (on this device only); the start screen shows the next pickup', async () => {
  await page.reload();
  await headingIs('Abfallkalender');
  await eventually(async () => assert.equal((await page.locator('.address-line').textContent())?.trim(), single.street));
  const saved = JSON.parse(await page.evaluate((city) => localStorage.getItem(`mosaik.waste.address.${city}`), CITY));
  assert.equal(saved.area.code, single.area);
  assert.equal(saved.alarm, true, 'the reminder choice is kept');

  const area = await apiGet(`/api/v1/cities/${CITY}/waste/areas/${encodeURIComponent(single.area)}`);
  const nearest = [...area.next].sort((a, b) => a.date.localeCompare(b.date))[0];
  await page.getByRole('link', { name: manifest.name, exact: true }).click();
  await headingIs(manifest.name);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Nächste Abholung' }) });
  await eventually(async () => assert.match(await section.locator('li').first().innerText(), new RegExp(`^${typeTitle(nearest.type)} – `)));
  const days = Math.round((Date.parse(`${nearest.date}T00:00:00Z`) - Date.parse(`${cityToday()}T00:00:00Z`)) / 86_400_000);
  const when = days === 0 ? 'heute' : days === 1 ? 'morgen' : shortDay(nearest.date);
  assert.ok((await section.locator('li').first().innerText()).includes(`${typeTitle(nearest.type)} – ${when}`), `"${typeTitle(nearest.type)} – ${when}"`);
  assert.match(await section.innerText(), new RegExp(single.street));
  await expectAccessible('the start screen with the next pickup');
});

test('offline, the saved address still shows its pickups', async () => {
  await eventually(async () => assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'controlled'), 30_000);
  await page.goto(`/${CITY}/waste`);
  await eventually(async () => assert.ok((await page.locator('ul.pickup-list > li').count()) > 0));
  await context.setOffline(true);
  try {
    await page.reload();
    await headingIs('Abfallkalender');
    await eventually(async () => assert.ok((await page.locator('ul.pickup-list > li').count()) > 0, 'the last pickups seen'));
    assert.equal((await page.locator('.address-line').textContent())?.trim(), single.street);
  } finally {
    await context.setOffline(false);
  }
});

test('"Adresse ändern" forgets it; a split street takes the house number typed with it', async () => {
  await page.getByRole('button', { name: 'Adresse ändern' }).click();
  const input = page.getByRole('combobox', { name: 'Straße (und Hausnummer)' });
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'street-input'));
  assert.equal(await page.evaluate((city) => localStorage.getItem(`mosaik.waste.address.${city}`), CITY), null);

  // The street alone: it needs a house number; a number no area covers is refused with the reason.
  await input.fill(split.street);
  const option = page.getByRole('option').filter({ hasText: split.street }).first();
  await eventually(async () => assert.ok(await option.isVisible()));
  assert.match(await option.innerText(), /Hausnummer nötig/);
  await option.click();
  const number = page.getByLabel(`Hausnummer in ${split.street}`);
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'house-number'));
  await number.fill('abc');
  await page.getByRole('button', { name: 'Abfuhrtermine zeigen' }).click();
  await eventually(async () => assert.ok(((await page.locator('#house-number-error').textContent()) ?? '').trim().length > 0,
    'the server\'s reason'));
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  await expectAccessible('a refused house number');

  // Street and number in one go.
  await input.fill(`${split.street} ${split.house_number}`);
  await eventually(async () => assert.ok(await page.getByRole('option').filter({ hasText: split.street }).first().isVisible()));
  await input.press('Enter');
  await eventually(async () => assert.equal((await page.locator('.address-line').textContent())?.trim(), `${split.street} ${split.house_number}`));
  assert.match(await page.locator('.waste-address').innerText(), new RegExp(`Abfuhrbezirk ${split.area}`));
  assert.deepEqual(pageProblems, [], 'no page errors or CSP violations');
});

// ---------------------------------------------------------------------------------------------
// The console

const statusText = async () => ((await page.locator('main > [role=status].status-message').textContent()) ?? '').trim();

test('console: the editor signs in and finds the areas with the plan\'s summary', async () => {
  const title = manifest.modules.find((m) => m.name === 'waste').title.de;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/console');
  await page.getByLabel('E-Mail-Adresse').fill(EDITOR);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await headingIs(`Willkommen, ${EDITOR_NAME}`);
  await page.getByRole('navigation', { name: 'Bereiche' }).getByRole('link', { name: title }).click();
  await headingIs(title);
  const table = page.getByRole('table', { name: `Abfuhrbezirke von ${manifest.name}` });
  await eventually(async () => assert.ok((await table.locator('tbody tr').count()) > 0, 'the demo areas are listed'));
  assert.ok((await table.locator('tbody th').allInnerTexts()).map((s) => s.trim()).includes(single.area));
  await expectAccessible('console: the areas', { reflow: false });

  await table.getByRole('link', { name: single.area, exact: true }).click();
  await eventually(async () => assert.match(await h1Text(), new RegExp(`^Abfuhrtermine Bezirk ${single.area}`)));
  await eventually(async () => assert.ok((await page.locator('table tbody tr').count()) > 0, 'the year\'s dates'));
  await expectAccessible('console: an area\'s dates', { reflow: false });
});

test('console: a dates import with an error is previewed with the row\'s error and changes nothing', async () => {
  const before = await page.evaluate(async (city) => (await (await fetch(`/api/v1/cities/${city}/waste/admin/areas`)).json()).summary, CITY);
  await page.getByRole('link', { name: 'Zurück zu den Abfuhrbezirken' }).click();
  await page.getByRole('link', { name: 'Datei importieren (Straßen, Termine oder Kalender)' }).click();
  await headingIs('Abfuhrplan importieren');
  await expectAccessible('console: the import', { reflow: false });
  const year = Number(cityToday().slice(0, 4)) + 1;
  await page.getByLabel('Termine eines Jahres für alle Bezirke (CSV)').check();
  await page.getByLabel('Jahr', { exact: true }).fill(String(year));
  const csv = [
    'area;type;date;every_weeks;until',
    `${single.area};${types[0].slug};${year}-01-05;2;`,
    `${single.area};keine-solche-art;${year}-01-08;;`,
  ].join('\n');
  await page.getByLabel('Datei', { exact: true }).setInputFiles({ name: 'termine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Vorschau' }).click();
  const errors = page.getByRole('table', { name: 'Fehler nach Zeile' });
  await eventually(async () => assert.ok(await errors.isVisible(), 'the per-row errors'));
  const rows = await errors.locator('tbody tr').allInnerTexts();
  assert.ok(rows.some((r) => /^3\b/.test(r.trim()) && /type/.test(r)), `line 3, field type: ${rows.join(' | ')}`);
  assert.equal(await page.getByRole('button', { name: 'Importieren', exact: true }).count(), 0, 'nothing to import');
  await expectAccessible('console: the import errors', { reflow: false });
  const after = await page.evaluate(async (city) => (await (await fetch(`/api/v1/cities/${city}/waste/admin/areas`)).json()).summary, CITY);
  assert.deepEqual(after, before, 'nothing changed');

  // Without the bad row: a preview with counts, then "Importieren".
  await page.getByLabel('Datei', { exact: true }).setInputFiles({ name: 'termine.csv', mimeType: 'text/csv',
    buffer: Buffer.from(csv.split('\n').slice(0, 2).join('\n')) });
  await page.getByRole('button', { name: 'Vorschau' }).click();
  await eventually(async () => assert.equal(await statusText(), 'Vorschau: 1 Zeilen ohne Fehler. Noch ist nichts geändert.'));
  await page.getByRole('button', { name: 'Importieren', exact: true }).click();
  await eventually(async () => assert.equal(await statusText(), 'Import abgeschlossen: 1 Zeilen.'));
  const pickups = pickupsOf(await apiGet(`/api/v1/cities/${CITY}/waste/areas/${encodeURIComponent(single.area)}/pickups?from=${year}-01-01&to=${year}-01-31&types=${types[0].slug}`));
  assert.ok(pickups.some((p) => p.planned === `${year}-01-05`), `the imported rhythm: ${JSON.stringify(pickups)}`);
});

test('console: a shift is announced and moves the pickups in its period', async () => {
  await page.getByRole('link', { name: 'Zurück zu den Abfuhrbezirken' }).first().click();
  await page.getByRole('link', { name: 'Verschiebungen (z. B. wegen Feiertag oder Streik)' }).click();
  await headingIs('Verschiebungen');
  await expectAccessible('console: the shifts', { reflow: false });
  const year = Number(cityToday().slice(0, 4)) + 1;
  await page.getByLabel('Von (erster betroffener Tag)').fill(`${year}-01-04`);
  await page.getByLabel('Bis (letzter betroffener Tag)').fill(`${year}-01-09`);
  await page.getByLabel('Um wie viele Tage?').fill('1');
  await page.getByLabel('Grund', { exact: true }).fill('Streik der Müllabfuhr');
  await page.getByRole('button', { name: 'Ankündigen' }).click();
  const table = page.getByRole('table', { name: 'Angekündigte Verschiebungen' });
  await eventually(async () => assert.match(await table.innerText(), /Streik der Müllabfuhr/));
  assert.match(await statusText(), /ist angekündigt/);
  const pickups = pickupsOf(await apiGet(`/api/v1/cities/${CITY}/waste/areas/${encodeURIComponent(single.area)}/pickups?from=${year}-01-01&to=${year}-01-31&types=${types[0].slug}`));
  const moved = pickups.find((p) => p.planned === `${year}-01-05`);
  assert.equal(moved?.date, `${year}-01-06`, `the pickup of 5 January moved a day: ${JSON.stringify(pickups)}`);
  await expectAccessible('console: the announced shift', { reflow: false });
  assert.deepEqual(pageProblems, [], 'no page errors or CSP violations');
});

test('console: an area\'s streets, by the row\'s link; search and the area filter', async () => {
  await page.getByRole('link', { name: 'Zurück zu den Abfuhrbezirken' }).first().click();
  const areas = page.getByRole('table', { name: `Abfuhrbezirke von ${manifest.name}` });
  await eventually(async () => assert.ok((await areas.locator('tbody tr').count()) > 0));
  await areas.getByRole('link', { name: 'Straßen (IN1)', exact: true }).click();
  await headingIs('Straßen');
  assert.equal(new URL(page.url()).search, '?area=IN1');
  assert.equal(await page.getByLabel('Abfuhrbezirk', { exact: true }).inputValue(), 'IN1');
  const table = page.locator('table', { has: page.locator('caption', { hasText: /^Straßenabschnitte im Bezirk IN1/ }) });
  await eventually(async () => assert.ok((await table.locator('tbody tr').count()) > 0, 'the streets of IN1'));
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())));
  assert.ok(rows.every((r) => r[3] === 'IN1'), `only IN1: ${JSON.stringify(rows)}`);
  assert.ok(rows.some((r) => r[0] === 'Münsterstraße' && r[1] === 'ab 1, ungerade'), `Münsterstraße, odd from 1: ${JSON.stringify(rows)}`);
  await expectAccessible('console: an area\'s streets', { reflow: false });

  // Every area, searched by name: both sides of Münsterstraße.
  await page.getByLabel('Abfuhrbezirk', { exact: true }).selectOption('');
  await page.getByLabel('Straßenname').fill('münster');
  await page.getByRole('button', { name: 'Suchen' }).click();
  const all = page.locator('table', { has: page.locator('caption', { hasText: /^Straßenabschnitte von .* – Suche „münster“$/ }) });
  await eventually(async () => assert.deepEqual(
    (await all.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.querySelector('th').textContent.trim()} ${tr.lastElementChild.textContent.trim()}`))).sort(),
    ['Münsterstraße IN1', 'Münsterstraße IN2']));
  assert.equal(new URL(page.url()).search, '?q=m%C3%BCnster');
  await expectAccessible('console: the street search', { reflow: false });
  assert.deepEqual(pageProblems, [], 'no page errors or CSP violations');
});
