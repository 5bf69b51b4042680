// Browser test of the staff console (web/dist) against the real mosaikd, in Debian's Chromium
// driven by playwright-core (no browser download):
//
//   scripts/build-web && npm ci --prefix tests/e2e
//   MOSAIKD=build/release/src/mosaikd MOSAIK_CLI=build/release/src/mosaik WEB_DIST=web/dist \
//     node --test tests/e2e/console.test.mjs
//
// A throw-away SQLite database gets the demo cities and one staff member, Anna, city admin of
// Dortmund and editor in Schwerte. The steps run in order on one page, as a person would:
// citizen page, failed login, login, staff/tokens/audit screens, city switch, reload, logout.
// CHROMIUM overrides the browser path (default /usr/bin/chromium). Only loopback is used.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually as eventuallyWithin, openBrowser, requirements, runCli as runCliIn, startServer, stopServer } from './mosaik_server.mjs';

// ---------------------------------------------------------------------------------------------
// What the test needs, checked first so that a missing piece says what to do.

const { mosaikd: MOSAIKD, cli: MOSAIK_CLI, webDist: WEB_DIST, chromium: CHROMIUM } = requirements();

// ---------------------------------------------------------------------------------------------
// The server and the browser.

const EMAIL = 'anna@example.org';
const NAME = 'Anna Beispiel';
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
  workDir = mkdtempSync(path.join(tmpdir(), 'mosaik-e2e-'));
  runCli(['demo', 'load']);
  runCli(['user', 'create', '--email', EMAIL, '--display-name', NAME,
    '--role', 'city-admin:dortmund', '--role', 'editor:schwerte'], `${PASSWORD}\n`);
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
// The steps, in order.

test('citizens get the landing page with the cities, without the console code', async () => {
  const scripts = [];
  const listener = (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  };
  page.on('request', listener);
  await page.goto('/');
  await headingIs('Städte');
  const cities = (await page.locator('main li a').allTextContents()).map((s) => s.trim());
  assert.deepEqual(cities.sort(), ['Dortmund', 'Schwerte']);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  page.off('request', listener);
  assert.ok(scripts.length > 0, 'the page loads its entry script');
  assert.deepEqual(scripts.filter((url) => /console/i.test(url)), [], 'the console chunk is not loaded for citizens');
});

test('the console asks to sign in, in the chosen language', async () => {
  await page.goto('/console');
  await headingIs('Anmelden');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  // Switch to English and back: catalogue, <html lang> and the remembered choice follow.
  await page.getByLabel('Sprache').selectOption('en');
  await headingIs('Sign in');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.evaluate(() => localStorage.getItem('mosaik.lang')), 'en');
  await page.getByLabel('Language').selectOption('de');
  await headingIs('Anmelden');
  assert.ok(await page.getByLabel('E-Mail-Adresse').isVisible());
  assert.ok(await page.getByLabel('Passwort').isVisible());
});

test('a wrong password shows the server\'s error message', async () => {
  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByLabel('Passwort').fill(`${PASSWORD}-wrong`);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  const response = await answer;
  assert.equal(response.status(), 401);
  const problem = await response.json();
  assert.ok(problem.detail, 'the 401 problem has a detail');
  await eventually(async () => assert.equal(await alertText('#login-error'), problem.detail));
  assert.equal(await page.getByRole('alert').filter({ hasText: problem.detail }).count(), 1);
  assert.equal(await page.getByLabel('Passwort').inputValue(), '', 'the wrong password is cleared');
});

test('signing in shows the person, Dortmund\'s modules and the admin areas', async () => {
  await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await headingIs(`Willkommen, ${NAME}`);
  assert.equal((await page.locator('.person-name').textContent())?.trim(), NAME);
  assert.equal(await page.getByLabel('Stadt').inputValue(), 'dortmund');
  assert.match(await page.locator('main').innerText(), /Sie arbeiten in Dortmund\./);
  assert.match(await page.locator('main').innerText(), /Stadt-Administration/);

  const dortmund = await cityManifest('dortmund');
  assert.ok(dortmund.modules.length > 0, 'the demo city Dortmund has modules');
  const links = await navLinks();
  assert.deepEqual(links, ['Übersicht', ...dortmund.modules.map((m) => m.title.de), 'Mitarbeitende', 'API-Tokens', 'Protokoll', 'Einstellungen']);

  // The header accent is the city's primary colour.
  const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--city-accent').trim());
  assert.equal(accent.toLowerCase(), dortmund.branding.primary_color.toLowerCase());
});

test('a module without console screens shows a placeholder', async () => {
  const dortmund = await cityManifest('dortmund');
  // news and events have their own screens (news_events_console.test.mjs).
  const first = dortmund.modules.find((m) => m.name !== 'news' && m.name !== 'events');
  await nav().getByRole('link', { name: first.title.de }).click();
  await headingIs(`${first.title.de} — folgt bald`);
  assert.equal(new URL(page.url()).pathname, `/console/modules/${first.name}`);
});

test('the staff screen lists Dortmund\'s staff and adds a person', async () => {
  await nav().getByRole('link', { name: 'Mitarbeitende' }).click();
  await headingIs('Mitarbeitende');
  const table = page.getByRole('table', { name: 'Mitarbeitende mit Rollen in Dortmund' });
  await eventually(async () => assert.match(await table.innerText(), /anna@example\.org/));
  assert.match(await table.innerText(), new RegExp(`${NAME}.*Stadt-Administration`));

  await page.getByLabel('E-Mail-Adresse').fill('bernd@example.org');
  await page.getByLabel('Name', { exact: true }).fill('Bernd Muster');
  await page.getByLabel('Passwort').fill(randomBytes(12).toString('hex'));
  await page.getByLabel('Rolle').selectOption('editor:dortmund');
  await page.getByRole('button', { name: 'Anlegen' }).click();
  await eventually(async () => assert.equal(await alertText('main [role=status].status-message'), 'Bernd Muster wurde angelegt.'));
  await eventually(async () => assert.match(await table.innerText(), /Bernd Muster\s+bernd@example\.org\s+Redaktion\s+aktiv\s+nie/));

  // Disable and enable again: the row's status follows the server's answer.
  const row = table.getByRole('row').filter({ hasText: 'bernd@example.org' });
  await row.getByRole('button', { name: 'Sperren (Bernd Muster)' }).click();
  await eventually(async () => assert.match(await row.innerText(), /gesperrt/));
  await row.getByRole('button', { name: 'Entsperren (Bernd Muster)' }).click();
  await eventually(async () => assert.match(await row.innerText(), /aktiv/));
});

test('the token screen creates a token, shows it once, and revokes it', async () => {
  await nav().getByRole('link', { name: 'API-Tokens' }).click();
  await headingIs('API-Tokens');
  await page.getByLabel('Bezeichnung').fill('Import Dienstleistungen');
  await page.locator('input[type=checkbox][value="services:write"]').check();
  await page.getByRole('button', { name: 'Anlegen' }).click();
  const secret = page.getByLabel('Token', { exact: true });
  await eventually(async () => assert.match(await secret.inputValue(), /^mosaik_\S+$/));
  assert.match(await page.locator('main').innerText(), /nur dieses eine Mal angezeigt/);

  const table = page.getByRole('table', { name: 'API-Tokens von Dortmund' });
  const row = table.getByRole('row').filter({ hasText: 'Import Dienstleistungen' });
  await eventually(async () => assert.match(await row.innerText(), /services:write[\s\S]*aktiv/));
  await page.getByRole('button', { name: 'Fertig' }).click();
  assert.equal(await secret.count(), 0, 'the secret is gone once dismissed');

  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Widerrufen (Import Dienstleistungen)' }).click();
  await eventually(async () => assert.match(await row.innerText(), /widerrufen am/));
});

test('the audit log lists what happened, newest first', async () => {
  await nav().getByRole('link', { name: 'Protokoll' }).click();
  await headingIs('Protokoll');
  const table = page.getByRole('table', { name: 'Protokoll von Dortmund, neueste Einträge zuerst' });
  await eventually(async () => assert.ok((await table.locator('tbody tr').count()) >= 3, 'entries for staff and token changes'));
  const text = await table.innerText();
  assert.match(text, /Person: /, 'Anna\'s actions are attributed to her');
  const times = await table.locator('tbody time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')));
  const sorted = [...times].sort((a, b) => Date.parse(b) - Date.parse(a));
  assert.deepEqual(times, sorted, 'newest first');
});

test('the settings screen renames the city; a bad colour is refused at its field', async () => {
  await nav().getByRole('link', { name: 'Einstellungen' }).click();
  await headingIs('Einstellungen der Stadt');
  const name = page.getByLabel('Name', { exact: true });
  const colour = page.getByLabel('Hauptfarbe', { exact: true });
  await eventually(async () => assert.equal(await name.inputValue(), 'Dortmund'));
  const original = await colour.inputValue();
  // A light colour under white text fails WCAG AA: the screen warns while typing.
  await colour.fill('#ffcc00');
  await eventually(async () => assert.match(await alertText('#settings-contrast'), /^Achtung: Weiße Schrift .* nur ein Kontrastverhältnis von 1,\d:1/));
  await colour.fill('#1f3a5f');
  await eventually(async () => assert.equal(await alertText('#settings-contrast'), ''));
  await colour.fill('rot');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await eventually(async () => assert.notEqual(await alertText('#settings-error'), ''));
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'settings-branding.primary_color'));
  assert.equal((await cityManifest('dortmund')).branding.primary_color, original, 'nothing was stored');

  await colour.fill(original);
  await name.fill('Dortmund (Test)');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await eventually(async () => assert.equal(await alertText('main [role=status].status-message'), 'Die Einstellungen wurden gespeichert.'));
  assert.equal((await cityManifest('dortmund')).name, 'Dortmund (Test)');
  await name.fill('Dortmund');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await eventually(async () => assert.equal((await cityManifest('dortmund')).name, 'Dortmund'));

  // Another admin saves meanwhile (an unconditional PUT): the form's version is stale, so saving
  // it is refused (If-Match, 412) and overwrites nothing; reloading shows the other change.
  const phone = page.getByLabel('Telefon', { exact: true });
  const before = await phone.inputValue();
  await page.evaluate(async () => {
    const json = { Accept: 'application/json' };
    const session = await (await fetch('/api/v1/session', { headers: json })).json();
    const doc = await (await fetch('/api/v1/cities/dortmund/settings', { headers: json })).json();
    doc.contact.phone = '0231 50-0 (Zentrale)';
    const put = await fetch('/api/v1/cities/dortmund/settings', {
      method: 'PUT',
      headers: { ...json, 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
      body: JSON.stringify(doc),
    });
    if (!put.ok) throw new Error(`PUT answered ${put.status}`);
  });
  await name.fill('Dortmund (veraltet)');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await eventually(async () => assert.match(await alertText('#settings-error'), /^Jemand hat die Einstellungen inzwischen geändert/));
  assert.equal((await cityManifest('dortmund')).name, 'Dortmund', 'the stale form overwrote nothing');
  await page.getByRole('button', { name: 'Einstellungen neu laden' }).click();
  await eventually(async () => assert.equal(await phone.inputValue(), '0231 50-0 (Zentrale)'));
  assert.equal(await name.inputValue(), 'Dortmund');
  assert.equal(await alertText('#settings-error'), '');
  await phone.fill(before);
  await page.getByRole('button', { name: 'Speichern' }).click();
  await eventually(async () => assert.equal(await alertText('main [role=status].status-message'), 'Die Einstellungen wurden gespeichert.'));
});

test('switching to Schwerte changes the navigation (editor there: no admin areas)', async () => {
  await page.getByLabel('Stadt').selectOption('schwerte');
  // The audit screen is not Anna's in Schwerte: the console goes back to the overview.
  await headingIs(`Willkommen, ${NAME}`);
  assert.equal(new URL(page.url()).pathname, '/console');
  const schwerte = await cityManifest('schwerte');
  await eventually(async () => {
    const links = await navLinks();
    // An editor works the editorial modules; case modules (the Mängelmelder) are for case
    // workers and city admins.
    assert.deepEqual(links, ['Übersicht', ...schwerte.modules.filter((m) => m.name !== 'reports').map((m) => m.title.de)]);
  });
  assert.match(await page.locator('main').innerText(), /Sie arbeiten in Schwerte\./);
  assert.match(await page.locator('main').innerText(), /Redaktion/);
  assert.equal(await page.evaluate(() => localStorage.getItem('mosaik.console.city')), 'schwerte');
  await eventually(async () => {
    const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--city-accent').trim());
    assert.equal(accent.toLowerCase(), schwerte.branding.primary_color.toLowerCase());
  });
  // A direct visit to an admin screen of Schwerte is refused by the console, too.
  await page.goto('/console/staff');
  await headingIs('Dieser Bereich steht Ihnen in dieser Stadt nicht zur Verfügung.');
});

test('the session and the chosen city survive a reload', async () => {
  await page.goto('/console');
  await headingIs(`Willkommen, ${NAME}`);
  await page.reload();
  await headingIs(`Willkommen, ${NAME}`);
  assert.equal((await page.locator('.person-name').textContent())?.trim(), NAME);
  assert.equal(await page.getByLabel('Stadt').inputValue(), 'schwerte');
  assert.equal(await sessionStatusInPage(), 200);
});

test('signing out brings back the login form and ends the session', async () => {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await headingIs('Anmelden');
  assert.ok(await page.getByLabel('E-Mail-Adresse').isVisible());
  assert.equal(await alertText('.notice'), 'Sie haben sich abgemeldet.');
  assert.equal(await sessionStatusInPage(), 401);
  const cookies = await page.context().cookies();
  assert.equal(cookies.filter((c) => c.name === 'mosaik_session' && c.value !== '').length, 0, 'the session cookie is cleared');
});

test('repeated failed sign-ins are throttled, and the wait is shown', async () => {
  // Another account than Anna's, so hers stays usable; mosaikd's default allows five
  // failures per account before it answers 429 with Retry-After.
  await page.getByLabel('E-Mail-Adresse').fill('niemand@example.org');
  let last;
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel('Passwort').fill(`falsch-${attempt}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    last = await answer;
    if (last.status() === 429) break;
    assert.equal(last.status(), 401, `attempt ${attempt}`);
  }
  assert.equal(last.status(), 429, 'throttled after repeated failures');
  const retryAfter = Number(last.headers()['retry-after']);
  assert.ok(retryAfter > 0, 'the 429 carries Retry-After seconds');
  await eventually(async () =>
    assert.equal(
      await alertText('#login-error'),
      `Zu viele Anmeldeversuche. Bitte in ${retryAfter} Sekunden erneut versuchen.`,
    ),
  );
});

test('no script errors and no CSP violations on the way', () => {
  assert.deepEqual(pageProblems, []);
});
