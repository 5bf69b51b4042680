// Browser test of the citizen app (PWA, web/dist) against the real mosaikd with the demo cities,
// in Debian's Chromium driven by playwright-core, on a phone-sized screen:
//
//   scripts/build-web && npm ci --prefix tests/e2e
//   MOSAIKD=build/release/src/mosaikd MOSAIK_CLI=build/release/src/mosaik WEB_DIST=web/dist \
//     node --test tests/e2e/citizen.test.mjs
//
// The steps run in order on one page, as a person would: Dortmund's start screen, English, news
// list and item, events list and event (ICS download, webcal link, JSON-LD), services, a new
// version (update notice, reload), then offline: a reload still shows what was seen, with the
// offline indicator; back online, fresh data replaces it. Every screen gets an axe-core scan
// (WCAG 2.1 A/AA) with zero violations and must reflow at 200 % text without sideways scrolling.
// Before that, a check of the build: dist has the service worker with its precache manifest.
// The browser runs in New York time, so dates must come out in the city's zone (Europe/Berlin).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CITIZEN_PHONE, eventually, expectAccessible as checkAccessible, openBrowser, signInThroughApi, requirements, runCli, startServer, stopServer } from './mosaik_server.mjs';

const { mosaikd, cli, webDist, chromium: chromiumPath } = requirements();

const ADMIN = 'citizen-e2e-admin@example.org';
const PASSWORD = randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 20);
const CITY = 'dortmund';

let workDir;
let server;
let browser;
let context;
let page;
let baseUrl;
const pageProblems = []; // uncaught page errors and CSP violations
const expectAccessible = (screen, options) => checkAccessible(page, screen, options);
const signIn = () => signInThroughApi(baseUrl, ADMIN, PASSWORD);

async function apiGet(pathname) {
  const response = await fetch(`${baseUrl}${pathname}`, { headers: { Accept: 'application/json' } });
  assert.equal(response.status, 200, `GET ${pathname}: ${response.status}`);
  return response.json();
}

const h1Text = async () => ((await page.locator('h1').textContent()) ?? '').trim();
async function headingIs(text) {
  await eventually(async () => assert.equal(await h1Text(), text));
}


/** The hour and minute of an RFC 3339 time in Berlin, as en-GB writes them ("18:00"). */
function berlinTime(iso) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));
}


async function renameCity(session, name) {
  const headers = { Accept: 'application/json', Cookie: session.cookie };
  const settings = await (await fetch(`${baseUrl}/api/v1/cities/${CITY}/settings`, { headers })).json();
  const r = await fetch(`${baseUrl}/api/v1/cities/${CITY}/settings`, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf },
    body: JSON.stringify({ ...settings, name }),
  });
  assert.equal(r.status, 200, `renaming ${CITY}: ${await r.text()}`);
}

before(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'mosaik-e2e-citizen-'));
  runCli(cli, workDir, ['demo', 'load']);
  runCli(cli, workDir, ['user', 'create', '--email', ADMIN, '--display-name', 'Test Admin', '--role', `city-admin:${CITY}`],
    `${PASSWORD}\n`);
  server = await startServer(mosaikd, workDir, webDist);
  baseUrl = `http://127.0.0.1:${server.port}`;
  ({ browser, context, page } = await openBrowser(chromiumPath, { baseURL: baseUrl, ...CITIZEN_PHONE }, pageProblems));
});

after(async () => {
  await browser?.close().catch(() => {});
  await stopServer(server);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

test('the build has the service worker and its precache manifest (the shell, not the console)', () => {
  const sw = readFileSync(path.join(webDist, 'sw.js'), 'utf8');
  const precached = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
  assert.ok(precached.includes('index.html'), `index.html is precached: ${precached}`);
  const html = readFileSync(path.join(webDist, 'index.html'), 'utf8');
  const shell = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(shell.some((f) => f.endsWith('.js')) && shell.some((f) => f.endsWith('.css')), `index.html links its entry: ${shell}`);
  for (const file of shell) assert.ok(precached.includes(file), `${file} of index.html is precached`);
  for (const module of ['news', 'events', 'services'])
    assert.ok(precached.some((f) => f.startsWith(`assets/${module}_module-`) && f.endsWith('.js')), `the ${module} chunk is precached`);
  assert.deepEqual(precached.filter((f) => /console/.test(f)), [], 'the console is not precached');
  assert.match(sw, /mosaik-api/, 'runtime caching of the API');
});

test('Dortmund\'s start screen on a phone: name, colours, a tile per module, latest news, next events', async () => {
  const city = await apiGet(`/api/v1/cities/${CITY}`);
  for (const module of ['news', 'events'])
    assert.ok(city.modules.some((m) => m.name === module), `the demo city ${CITY} has ${module} enabled (demo/cities/${CITY}.json)`);
  await page.goto(`/${CITY}`);
  await headingIs(city.name);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  assert.equal(await page.title(), `${city.name} – Mosaik`);

  // The header wears the city's colour, with readable text.
  const header = await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);
  const hex = city.branding.primary_color.toLowerCase();
  const rgb = `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
  assert.equal(header, rgb, 'the header has the city\'s primary colour (it passes 4.5:1 with white)');

  const tiles = page.getByRole('navigation', { name: 'Angebote' });
  // A tile per module, in the manifest's order (modules without screens yet say "folgt bald").
  await eventually(async () => {
    const texts = (await tiles.getByRole('listitem').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.equal(texts.length, city.modules.length, `tiles: ${texts}`);
    city.modules.forEach((m, i) => assert.ok(texts[i].startsWith(m.title.de), `tile ${i}: ${texts[i]} is ${m.title.de}`));
  });
  for (const name of ['news', 'events', 'services']) {
    const module = city.modules.find((m) => m.name === name);
    if (module) assert.equal(await tiles.getByRole('link', { name: module.title.de }).getAttribute('href'), `/${CITY}/${name}`);
  }

  const news = await apiGet(`/api/v1/cities/${CITY}/news?limit=3`);
  assert.ok(news.items.length > 0, 'the demo has news');
  const latest = page.locator('section', { has: page.getByRole('heading', { name: 'Aktuelles' }) });
  await eventually(async () => assert.deepEqual(await latest.getByRole('listitem').getByRole('link').allInnerTexts(),
    news.items.map((n) => n.title)));

  const events = await apiGet(`/api/v1/cities/${CITY}/events?limit=3`);
  assert.ok(events.items.length > 0, 'the demo has upcoming events');
  const next = page.locator('section', { has: page.getByRole('heading', { name: 'Nächste Veranstaltungen' }) });
  await eventually(async () => assert.deepEqual(await next.getByRole('listitem').getByRole('link').allInnerTexts(),
    events.items.map((o) => o.event.title)));
  const timed = events.items.find((o) => !o.event.all_day);
  if (timed) assert.match(await next.innerText(), new RegExp(berlinTime(timed.start)), 'times in the city\'s zone');
  await expectAccessible('the start screen');
});

test('the switch to English changes the whole frame and is remembered', async () => {
  const city = await apiGet(`/api/v1/cities/${CITY}`);
  await page.getByLabel('Sprache').selectOption('en');
  await eventually(async () => assert.equal(await page.getAttribute('html', 'lang'), 'en'));
  assert.equal(await page.evaluate(() => localStorage.getItem('mosaik.lang')), 'en');
  const tiles = page.getByRole('navigation', { name: 'Services of the city app' });
  await eventually(async () => assert.ok(await tiles.getByRole('link', { name: city.modules.find((m) => m.name === 'news').title.en }).isVisible()));
  assert.ok(await page.getByRole('heading', { name: 'Latest news' }).isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Upcoming events' }).isVisible());
  await expectAccessible('the start screen in English');
});

test('news: the list, then an item (the heading takes the focus)', async () => {
  const city = await apiGet(`/api/v1/cities/${CITY}`);
  const news = await apiGet(`/api/v1/cities/${CITY}/news?limit=20`);
  await page.getByRole('navigation', { name: 'Services of the city app' })
    .getByRole('link', { name: city.modules.find((m) => m.name === 'news').title.en }).click();
  await headingIs('News');
  assert.equal(new URL(page.url()).pathname, `/${CITY}/news`);
  const list = page.locator('main ul.news-list > li');
  await eventually(async () => assert.deepEqual(await list.locator('h2').allInnerTexts(), news.items.map((n) => n.title)));
  await expectAccessible('the news list');

  const item = news.items[0];
  await list.first().getByRole('link', { name: item.title }).click();
  await headingIs(item.title);
  assert.equal(new URL(page.url()).pathname, `/${CITY}/news/${item.id}`);
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the new page\'s heading'));
  const detail = await apiGet(`/api/v1/cities/${CITY}/news/${item.id}`);
  const body = (await page.locator('.prose').innerText()).replace(/\s+/g, ' ').trim();
  const expected = detail.body_html.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ').replace(/\s+/g, ' ').trim();
  assert.ok(body.length > 0 && expected.split(' ').slice(0, 3).every((word) => body.includes(word)), `the body: ${body}`);
  assert.equal(await page.title(), `${item.title} – News – ${city.name} – Mosaik`);
  await expectAccessible('a news item');

  // A deep link opens the same page directly.
  await page.goto(`/${CITY}/news/${item.id}`);
  await headingIs(item.title);
});

test('events: the list, then an event with its calendar links, JSON-LD and an ICS download', async () => {
  const city = await apiGet(`/api/v1/cities/${CITY}`);
  const events = await apiGet(`/api/v1/cities/${CITY}/events?limit=30`);
  await page.getByRole('link', { name: city.name, exact: true }).click(); // the header's home link
  await headingIs(city.name);
  await page.getByRole('navigation', { name: 'Services of the city app' })
    .getByRole('link', { name: city.modules.find((m) => m.name === 'events').title.en }).click();
  await headingIs('Events');
  const titles = page.locator('main ul.event-list h3');
  await eventually(async () => assert.deepEqual(await titles.allInnerTexts(), events.items.map((o) => o.event.title)));
  await expectAccessible('the events list');

  const first = events.items.find((o) => !o.event.all_day) ?? events.items[0];
  const event = await apiGet(`/api/v1/cities/${CITY}/events/${first.event.id}`);
  await page.locator('main ul.event-list a', { hasText: first.event.title }).first().click();
  await headingIs(event.title);
  assert.equal(new URL(page.url()).pathname, `/${CITY}/events/${event.id}`);
  if (!event.all_day) {
    const when = await page.locator('dl.facts').innerText();
    assert.match(when, new RegExp(berlinTime(event.next_occurrences?.[0]?.start ?? event.start)), 'the time in Europe/Berlin');
  }

  // schema.org JSON-LD as a data block in <head>, equal to the API's.
  // The block is added by an effect after the page's first paint, so it may follow the heading.
  const jsonLd = await eventually(async () => {
    const blocks = await page.locator('head script[type="application/ld+json"]').evaluateAll((nodes) => nodes.map((n) => n.textContent));
    assert.equal(blocks.length, 1, 'one JSON-LD block');
    return blocks;
  });
  assert.deepEqual(JSON.parse(jsonLd[0]), event.json_ld);

  // webcal:// subscription of the city's feed; the event's own ICS downloads.
  const subscribe = page.getByRole('link', { name: `Subscribe to all events in ${city.name} (webcal)` });
  const feed = new URL(city.feeds?.events_ics ?? `/api/v1/cities/${CITY}/events/feed.ics`, baseUrl);
  assert.equal(await subscribe.getAttribute('href'), `webcal://${feed.host}${feed.pathname}${feed.search}`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download this event (.ics)' }).click(),
  ]);
  const ics = readFileSync(await download.path(), 'utf8');
  assert.match(ics, /^BEGIN:VCALENDAR\r?\n/, 'the download is iCalendar');
  assert.match(ics, /BEGIN:VEVENT/);
  assert.match(download.suggestedFilename(), /\.ics$/);
  await expectAccessible('an event');
  await page.goto(`/${CITY}/events/${event.id}`);
  await headingIs(event.title);
  await eventually(async () =>
    assert.equal(await page.locator('head script[type="application/ld+json"]').count(), 1, 'one JSON-LD block, no second'));
});

test('services A–Z: the moved services screen', async () => {
  const services = await apiGet(`/api/v1/cities/${CITY}/services?limit=500`);
  await page.goto(`/${CITY}/services`);
  await headingIs('City services A–Z');
  await eventually(async () => assert.deepEqual(await page.locator('main ul.cards h3').allInnerTexts(), services.items.map((s) => s.title)));
  await page.getByLabel('Search services').fill('ausweis');
  await page.getByRole('button', { name: 'Search' }).click();
  await eventually(async () => assert.match(await page.locator('main [role=status]').innerText(), /results? for “ausweis”/));
  await expectAccessible('the services');
});

test('a new version: "update available" waits for the person, "reload" brings it in', async () => {
  await eventually(async () => assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'controlled'), 30_000);
  // The next deployment: the same app with a service worker that differs by a byte, served by
  // a new mosaikd on the same origin.
  const next = path.join(workDir, 'dist-next');
  cpSync(webDist, next, { recursive: true });
  appendFileSync(path.join(next, 'sw.js'), '\n// the next version\n');
  const { port } = server;
  await stopServer(server);
  server = await startServer(mosaikd, workDir, next, port);

  await page.evaluate(() => { window.beforeUpdate = true; });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const notice = page.getByRole('status').filter({ hasText: 'A new version of the app is available.' });
  await eventually(async () => assert.ok(await notice.isVisible(), 'the update notice shows'), 30_000);
  assert.equal(await page.evaluate(() => window.beforeUpdate), true, 'nothing reloads by itself');
  await notice.getByRole('button', { name: 'Reload' }).click();
  await eventually(async () => assert.equal(await page.evaluate(() => window.beforeUpdate), undefined, 'the page reloaded'));
  await eventually(async () => assert.equal(await page.evaluate(async () =>
    (await navigator.serviceWorker.getRegistration())?.waiting ?? null), null, 'no worker waits any more'));
  assert.equal(await notice.count(), 0);
});

test('offline: a reload still shows what was seen, with the offline indicator', async () => {
  const city = await apiGet(`/api/v1/cities/${CITY}`);
  const news = await apiGet(`/api/v1/cities/${CITY}/news?limit=3`);
  // The service worker controls the page by now; the start screen's data passes through it.
  await eventually(async () => assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'controlled'), 30_000);
  await page.goto(`/${CITY}`);
  await headingIs(city.name);
  const latest = page.locator('section', { has: page.getByRole('heading', { name: 'Latest news' }) });
  await eventually(async () => assert.equal(await latest.getByRole('listitem').count(), news.items.length));

  await context.setOffline(true);
  // Really offline, for the service worker too: data never loaded is not to be had.
  assert.equal(await page.evaluate(() => fetch('/api/v1/cities?never-loaded=1').then(() => 'answered', () => 'failed')), 'failed');
  await page.reload();
  await headingIs(city.name);
  const indicator = page.getByRole('status').filter({ hasText: 'You are offline' });
  await eventually(async () => assert.ok(await indicator.isVisible(), 'the offline indicator shows'));
  await eventually(async () => assert.deepEqual(await latest.getByRole('listitem').getByRole('link').allInnerTexts(),
    news.items.map((n) => n.title)));
  await expectAccessible('the start screen offline');

  // An item read before is there; one never opened says so plainly.
  await latest.getByRole('link', { name: news.items[0].title }).click();
  await headingIs(news.items[0].title);
  await page.goto(`/${CITY}/news/999999999`);
  await eventually(async () => assert.match(await page.locator('main [role=alert]').innerText(), /offline/i));
});

test('back online, fresh data replaces the saved copy without a reload', async () => {
  const city = await apiGet(`/api/v1/cities/${CITY}`);
  await page.goto(`/${CITY}`); // served by the worker while offline
  await headingIs(city.name);
  const session = await signIn();
  await renameCity(session, `${city.name} (neu)`);
  try {
    await context.setOffline(false);
    await headingIs(`${city.name} (neu)`);
    await eventually(async () => assert.equal(await page.getByRole('status').filter({ hasText: 'You are offline' }).count(), 0));
  } finally {
    await renameCity(session, city.name);
  }
  assert.deepEqual(pageProblems, [], 'no page errors or CSP violations');
});
