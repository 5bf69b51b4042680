// Browser test of the Mängelmelder (module reports, docs/reports.md) against the real mosaikd
// with the demo cities, in Debian's Chromium driven by playwright-core:
//
//   scripts/build-web && npm ci --prefix tests/e2e
//   MOSAIKD=build/release/src/mosaikd MOSAIK_CLI=build/release/src/mosaik WEB_DIST=web/dist \
//     node --test tests/e2e/reports.test.mjs
//
// A citizen of the demo city on a phone: "Mangel melden" from the start screen; the form (axe
// scan), a category with a required question, a pin set by tapping the map (the test has no
// network: no map tiles, the map must still take the pin), a PNG photo made by the test, the
// send (the report as the API has it, photo included); a second report made offline is kept on
// the device and sent once the connection returns, exactly once; "Meine Meldungen" (axe scan)
// lists both. A case worker (created with the CLI, signed in through the API, the session put
// into a desktop browser) finds the report in the console's inbox, sets it "in progress" with a
// public answer and an internal note; the citizen then sees the new status and the answer, and
// deletes their personal data. Every page error or CSP violation fails the test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { CITIZEN_PHONE, eventually, expectAccessible as checkAccessible, openBrowser, signInThroughApi, requirements, startDemo, stopDemo } from './mosaik_server.mjs';

const { mosaikd, cli, webDist, chromium: chromiumPath } = requirements();

const WORKER = 'reports-e2e-worker@example.org';
const WORKER_NAME = 'Carla Sachbearbeitung';
const PASSWORD = randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 20);
const CITY = 'dortmund';
const EMAIL = 'anna.e2e@example.org';
const FIRST_TEXT = 'Tiefes Loch vor der Bushaltestelle, Radfahrer weichen auf die Fahrbahn aus.';
const SECOND_TEXT = 'Papierkorb quillt über, Müll liegt auf dem Gehweg.';
const ANSWER = 'Danke! Der Bautrupp ist für nächste Woche eingeplant.';
const NOTE = 'Kolonne 3 informiert (intern).';

let demo; // {workDir, server, baseUrl}
let browser;
let context;
let page;
let baseUrl;
let manifest;
let settings; // the reports module's public settings
let firstId;
let secondId;
let casesBefore; // the demo's reports
const pageProblems = [];
const expectAccessible = (screen, options) => checkAccessible(page, screen, options);

async function apiGet(pathname, headers = {}) {
  const response = await fetch(`${baseUrl}${pathname}`, { headers: { Accept: 'application/json', ...headers } });
  assert.equal(response.status, 200, `GET ${pathname}: ${response.status} ${response.status === 200 ? '' : await response.text()}`);
  return response.json();
}

const h1Text = async () => ((await page.locator('h1').textContent()) ?? '').trim();
async function headingIs(text) {
  await eventually(async () => assert.equal(await h1Text(), text));
}

/** A small PNG (RGB, a red square on blue), made here so the test needs no image file. */
function testPng(width = 64, height = 48) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buffer) => {
    let c = 0xffffffff;
    for (const byte of buffer) c = table[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * (width * 3 + 1) + 1 + x * 3;
      const inside = x > width / 4 && x < (3 * width) / 4 && y > height / 4 && y < (3 * height) / 4;
      raw[i] = inside ? 220 : 20;
      raw[i + 1] = 30;
      raw[i + 2] = inside ? 30 : 200;
    }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every case of the city as the staff API lists it (all statuses). */
async function allCases(session) {
  const body = await apiGet(`/api/v1/cities/${CITY}/reports/cases?limit=200`, { Cookie: session.cookie });
  return body.items;
}

/** Taps the map of the form at a point and waits for the pin's coordinates to show. */
async function placePin(x, y) {
  const map = page.locator('.report-map');
  await eventually(async () => assert.ok(await map.evaluate((el) => el.classList.contains('leaflet-container')), 'Leaflet made the map'));
  await map.click({ position: { x, y } });
  await eventually(async () => assert.match(await page.locator('#report-place-text').innerText(), /^Markierung: Breite 5\d\.\d{5}, Länge 7\.\d{5}$/));
  assert.equal(await page.locator('.report-map .report-pin').count(), 1, 'one pin on the map');
}

before(async () => {
  demo = await startDemo({ cli, mosaikd, webDist, name: 'reports', staff: { email: WORKER, name: WORKER_NAME, roles: [`case-worker:${CITY}:reports`], password: PASSWORD } });
  ({ baseUrl } = demo);
  ({ browser, context, page } = await openBrowser(chromiumPath, { baseURL: baseUrl, ...CITIZEN_PHONE }, pageProblems));
});

after(() => stopDemo(demo, browser));

// ---------------------------------------------------------------------------------------------

test('the demo city has the Mängelmelder with grouped categories and questions', async () => {
  manifest = await apiGet(`/api/v1/cities/${CITY}`);
  const module = manifest.modules.find((m) => m.name === 'reports');
  assert.ok(module, `the demo city ${CITY} has the reports module enabled`);
  settings = module.settings;
  assert.ok(settings.groups.length >= 2 && settings.categories.length >= 2, JSON.stringify(settings));
  const pothole = settings.categories.find((c) => c.code === 'schlagloch');
  assert.ok(pothole?.attributes.some((a) => a.code === 'lage' && a.required), 'the pothole asks "Wo genau?"');
  assert.ok(settings.categories.some((c) => c.code === 'papierkorb'), 'a category without required questions');
  casesBefore = (await allCases(await signInThroughApi(baseUrl, WORKER, PASSWORD))).length;
});

test('"Mangel melden" from the start screen opens the form; it passes axe', async () => {
  await page.goto(`/${CITY}`);
  await headingIs(manifest.name);
  const start = page.getByRole('region', { name: 'Mängelmelder' });
  await eventually(async () => assert.ok(await start.getByRole('link', { name: 'Mangel melden' }).isVisible()));
  await start.getByRole('link', { name: 'Mangel melden' }).click();
  await headingIs('Mangel melden');
  await eventually(async () => assert.equal(await page.title(), `Mangel melden – ${manifest.name} – Mosaik`));
  // Categories grouped under the settings' groups.
  const groups = await page.locator('#report-category optgroup').evaluateAll((els) => els.map((e) => e.label));
  assert.deepEqual(groups, settings.groups.filter((g) => settings.categories.some((c) => c.group === g.id)).map((g) => g.title.de));
  await eventually(async () => assert.ok(await page.locator('.report-map.leaflet-container').count() === 1, 'the map is there'));
  await expectAccessible('the report form');
  // The honeypot is out of reach: hidden from assistive technology and the tab order.
  assert.equal(await page.locator('.honeypot').getAttribute('aria-hidden'), 'true');
  assert.equal(await page.locator('#report-website').getAttribute('tabindex'), '-1');
});

test('the form names what is missing before it sends anything', async () => {
  await page.getByRole('button', { name: 'Meldung absenden' }).click();
  const summary = page.locator('.error-summary');
  await eventually(async () => assert.ok(await summary.isVisible()));
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true, 'the summary has the focus'));
  const text = await summary.innerText();
  assert.match(text, /Bitte wählen Sie eine Kategorie/);
  assert.match(text, /Bitte beschreiben Sie den Mangel/);
  assert.equal(await page.locator('#report-description').getAttribute('aria-invalid'), 'true');
  await expectAccessible('the report form with errors', { reflow: false });
});

test('a citizen reports a pothole with a pin and a photo', async () => {
  await page.getByLabel('Kategorie').selectOption('schlagloch');
  await placePin(160, 110);
  await page.getByRole('radio', { name: 'Fahrbahn' }).check();
  await page.getByRole('textbox', { name: 'Beschreibung (Pflichtfeld)' }).fill(FIRST_TEXT);
  await page.locator('#report-photos-file').setInputFiles({ name: 'schlagloch.png', mimeType: 'image/png', buffer: testPng() });
  await eventually(async () => assert.equal(await page.getByRole('img', { name: 'Foto 1' }).count(), 1, 'the thumbnail'));
  assert.match(await page.getByRole('img', { name: 'Foto 1' }).getAttribute('src'), /^data:image\/jpeg;base64,/);
  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByRole('button', { name: 'Meldung absenden' }).click();

  const thanks = page.getByRole('heading', { name: 'Vielen Dank!' });
  await eventually(async () => assert.ok(await thanks.isVisible()), 20_000);
  const sent = await page.locator('.confirmation').innerText();
  const match = /Ihre Meldung ist eingegangen \(Nr\. (\d+)\)/.exec(sent);
  assert.ok(match, sent);
  firstId = Number(match[1]);

  // The report as the public API has it (the demo city publishes at once).
  const report = await apiGet(`/api/v1/cities/${CITY}/reports/${firstId}`);
  assert.equal(report.category, 'schlagloch');
  assert.equal(report.description, FIRST_TEXT);
  assert.deepEqual(report.attributes, { lage: 'fahrbahn' });
  assert.equal(report.status, 'received');
  const { south_west: sw, north_east: ne } = manifest.map.bounds;
  assert.ok(report.lat > sw.lat && report.lat < ne.lat && report.lon > sw.lon && report.lon < ne.lon, `${report.lat},${report.lon} in the city`);
  assert.equal(report.photos.length, 1, 'the photo arrived');
  const photo = await fetch(`${baseUrl}${report.photos[0].thumbnail_url}`);
  assert.equal(photo.status, 200);
  assert.match(photo.headers.get('content-type') ?? '', /^image\//);
  assert.equal(report.email, undefined, 'no personal data in the public view');
});

test('a report made offline is kept on the device and sent once the connection returns, exactly once', async () => {
  // The service worker must control the page, so that the app works offline.
  await eventually(async () => assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'controlled'), 30_000);
  await page.getByRole('button', { name: 'Weiteren Mangel melden' }).click();
  await eventually(async () => assert.equal(await page.getByLabel('Kategorie').inputValue(), ''));
  await context.setOffline(true);
  try {
    await page.getByLabel('Kategorie').selectOption('papierkorb');
    await placePin(200, 150);
    await page.getByRole('textbox', { name: 'Beschreibung (Pflichtfeld)' }).fill(SECOND_TEXT);
    await page.getByRole('button', { name: 'Meldung absenden' }).click();
    await eventually(async () => assert.match(await page.locator('.confirmation').innerText(), /Sie sind offline\. Ihre Meldung ist auf diesem Gerät gespeichert/));

    await page.getByRole('link', { name: 'Zu meinen Meldungen' }).click();
    await headingIs('Meine Meldungen');
    const waiting = page.getByRole('region', { name: 'Noch nicht gesendet' });
    await eventually(async () => assert.equal(await waiting.locator('li.my-report').count(), 1));
    assert.match(await waiting.innerText(), /Wartet auf eine Verbindung/);
    assert.ok((await waiting.innerText()).includes(SECOND_TEXT));
    await eventually(async () => assert.match(await page.locator('.queue-status').innerText(), /1 Meldung wartet auf das Senden/));
    const sentList = page.getByRole('region', { name: 'Gesendet', exact: true });
    await eventually(async () => assert.equal(await sentList.locator('li.my-report').count(), 1));
    await expectAccessible('"Meine Meldungen" offline with a waiting report');
  } finally {
    await context.setOffline(false);
  }

  // Back online: the queue is sent and the report moves to "Gesendet".
  const sentList = page.getByRole('region', { name: 'Gesendet', exact: true });
  await eventually(async () => assert.equal(await sentList.locator('li.my-report').count(), 2), 30_000);
  assert.equal(await page.getByRole('region', { name: 'Noch nicht gesendet' }).count(), 0);
  const headings = await sentList.locator('h3').allInnerTexts();
  assert.ok(headings.some((h) => h.includes(`Nr. ${firstId}`)), headings.join(' | '));
  secondId = Number(/Nr\. (\d+)/.exec(headings.find((h) => !h.includes(`Nr. ${firstId}`)) ?? '')?.[1]);
  assert.ok(secondId > firstId, `the second report's number: ${headings.join(' | ')}`);

  const session = await signInThroughApi(baseUrl, WORKER, PASSWORD);
  const cases = await allCases(session);
  assert.equal(cases.filter((c) => c.description.startsWith(SECOND_TEXT.slice(0, 40))).length, 1, 'filed once');
  assert.equal(cases.filter((c) => c.description.startsWith(FIRST_TEXT.slice(0, 40))).length, 1, 'the first filed once');
  assert.equal(cases.length, casesBefore + 2, 'two reports more than the demo\'s');
  await expectAccessible('"Meine Meldungen" with two sent reports');
});

test('a case worker sets the report in progress with a public answer in the console', async () => {
  const session = await signInThroughApi(baseUrl, WORKER, PASSWORD);
  const staff = await browser.newContext({ baseURL: baseUrl, locale: 'de-DE', viewport: { width: 1280, height: 900 } });
  staff.setDefaultTimeout(15_000);
  try {
    const [name, value] = session.cookie.split('=');
    await staff.addCookies([{ name, value, url: baseUrl }]);
    const desk = await staff.newPage();
    desk.on('pageerror', (error) => pageProblems.push(`console page error: ${error.message}`));
    await desk.goto('/console');
    const title = manifest.modules.find((m) => m.name === 'reports').title.de;
    await desk.getByRole('navigation', { name: 'Bereiche' }).getByRole('link', { name: title }).click();
    await eventually(async () => assert.equal((await desk.locator('h1').textContent())?.trim(), title));
    const table = desk.getByRole('table', { name: `Meldungen in ${manifest.name}` });
    await eventually(async () => {
      for (const id of [firstId, secondId])
        assert.equal(await table.getByRole('link', { name: String(id), exact: true }).count(), 1, `report ${id} in the inbox`);
    });
    await checkAccessible(desk, 'console: the reports inbox', { reflow: false });

    await table.getByRole('link', { name: String(firstId), exact: true }).click();
    await eventually(async () => assert.match((await desk.locator('h1').textContent()) ?? '', new RegExp(`^Meldung ${firstId}: `)));
    await eventually(async () => assert.ok((await desk.locator('.case-description').innerText()).includes(FIRST_TEXT)));
    assert.ok((await desk.locator('.case-facts').first().innerText()).includes(EMAIL), 'staff see the e-mail address');
    assert.equal(await desk.getByRole('img', { name: 'Foto 1' }).count(), 1);
    await checkAccessible(desk, 'console: a case', { reflow: false });

    await desk.getByLabel('Stand', { exact: true }).selectOption('in_progress');
    await desk.getByLabel('Antwort an die Öffentlichkeit').fill(ANSWER);
    await desk.getByLabel('Interne Notiz').fill(NOTE);
    await desk.getByRole('button', { name: 'Änderungen speichern' }).click();
    await eventually(async () => assert.equal((await desk.locator('.form [role=status]').innerText()).trim(), 'Gespeichert.'));
    const history = desk.locator('ol.case-history');
    await eventually(async () => assert.ok((await history.innerText()).includes(NOTE)));
    assert.ok((await history.locator('li.history-internal').allInnerTexts()).some((t) => t.includes(NOTE)), 'the note is marked internal');
  } finally {
    await staff.close();
  }
  const report = await apiGet(`/api/v1/cities/${CITY}/reports/${firstId}`);
  assert.equal(report.status, 'in_progress');
  assert.equal(report.public_answer, ANSWER);
  assert.ok(!JSON.stringify(report).includes(NOTE), 'the internal note is not public');
});

test('the citizen sees the new status and the answer, and deletes their personal data', async () => {
  await page.reload();
  await headingIs('Meine Meldungen');
  const item = page.getByRole('region', { name: 'Gesendet', exact: true }).locator('li.my-report').filter({ hasText: `Nr. ${firstId}` });
  await eventually(async () => assert.equal((await item.locator('.status-badge').innerText()).trim(), 'In Bearbeitung'));
  assert.ok((await item.innerText()).includes(ANSWER), 'the public answer');

  await item.getByRole('button', { name: `Meine persönlichen Daten löschen (Meldung Nr. ${firstId})` }).click();
  await item.getByRole('button', { name: 'Ja, löschen' }).click();
  await eventually(async () => assert.match(await item.innerText(), /Ihre persönlichen Daten sind gelöscht/));
  const session = await signInThroughApi(baseUrl, WORKER, PASSWORD);
  const staffView = await apiGet(`/api/v1/cities/${CITY}/reports/cases/${firstId}`, { Cookie: session.cookie });
  assert.equal(staffView.email, null);
  assert.equal(staffView.personal_data_deleted, true);

  // The report's own page shows the same, as the reporter's view.
  await item.getByRole('link', { name: new RegExp(`Nr\\. ${firstId}`) }).click();
  await eventually(async () => assert.match(await h1Text(), new RegExp(`Meldung Nr\\. ${firstId}$`)));
  await eventually(async () => assert.ok((await page.locator('.report-detail').innerText()).includes(ANSWER)));
  assert.match(await page.locator('.report-detail').innerText(), /Ihre Meldung/);
  await expectAccessible('a report\'s page');
  assert.deepEqual(pageProblems, [], 'no page errors or CSP violations');
});
