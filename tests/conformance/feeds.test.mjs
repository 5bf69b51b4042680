// Conformance of the news feeds: npm's rss-parser (not our code) reads the RSS 2.0 and Atom 1.0
// feeds of a real mosaikd, and what it reads equals the JSON API: the same items in the same
// order (newest publication first), with the same titles, links, dates and HTML.
//
//   MOSAIKD=build/release/src/mosaikd MOSAIK_CLI=build/release/src/mosaik node --test tests/conformance/feeds.test.mjs
//
// The demo cities' news (src/modules/news/demo/*.json) is the data; one item with markup-heavy text is
// added through the API by an editor. Needs the npm packages of package-lock.json
// (`npm ci --prefix tests/conformance`) and nothing from the network but loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOSAIKD, MOSAIK_CLI, runCli as runMosaik, startServer, stopServer } from './mosaik_process.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
if (!existsSync(path.join(here, 'node_modules', 'rss-parser'))) {
  throw new Error('tests/conformance/node_modules is missing: run `npm ci --prefix tests/conformance` first');
}
const { default: Parser } = await import('rss-parser');

const PASSWORD = 'Lindenblüte-Kanal-4711';
let workDir;
let server;  // {child, port, stderr}
const database = () => `sqlite:${path.join(workDir, 'db')}`;
const runCli = (args, input) => runMosaik(workDir, database(), args, input);

const base = () => `http://127.0.0.1:${server.port}`;

async function fetchOk(target, init) {
  const r = await fetch(`${base()}${target}`, init);
  assert.ok(r.ok, `${init?.method ?? 'GET'} ${target}: ${r.status} ${await r.clone().text()}`);
  return r;
}

// The public JSON list, every page, in the feeds' order (newest publication first; the JSON
// list puts pinned items first).
async function newsOf(city, category) {
  const items = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '7', ...(category ? { category } : {}), ...(cursor ? { cursor } : {}) });
    const page = await (await fetchOk(`/api/v1/cities/${city}/news?${query}`)).json();
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items.sort((a, b) => Date.parse(b.published_at) - Date.parse(a.published_at) || b.id - a.id);
}

before(async () => {
  assert.ok(MOSAIKD && existsSync(MOSAIKD), `set MOSAIKD to the mosaikd binary (got ${MOSAIKD})`);
  assert.ok(MOSAIK_CLI && existsSync(MOSAIK_CLI), `set MOSAIK_CLI to the mosaik binary (got ${MOSAIK_CLI})`);
  workDir = mkdtempSync(path.join(tmpdir(), 'mosaik-feeds-'));
  runCli(['demo', 'load']);
  runCli(['user', 'create', '--email', 'redaktion@dortmund.example', '--role', 'editor:dortmund'], `${PASSWORD}\n`);
  server = await startServer(workDir, database(), ['--set', 'auth.cookie_secure=false']);
  // One item whose text needs escaping everywhere.
  const login = await fetchOk('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'redaktion@dortmund.example', password: PASSWORD }) });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await login.json();
  await fetchOk('/api/v1/cities/dortmund/news', { method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify({ title: 'Tom & Jerry <live> im "Konzerthaus" ]]>', category: 'kultur', status: 'published',
      teaser: 'Karten ab 5 € – ermäßigt 3 €', body: 'Mit **Fett** & <em>Kursiv</em>, [Karten](https://example.org/?a=1&b=2).' }) });
});

after(async () => {
  try {
    if (server) await stopServer(server);
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
});

for (const city of ['dortmund', 'schwerte']) {
  test(`rss-parser reads the RSS 2.0 feed of ${city} as the JSON API has it`, async () => {
    const r = await fetchOk(`/api/v1/cities/${city}/news/feed.rss`);
    assert.match(r.headers.get('content-type'), /^application\/rss\+xml/);
    const feed = await new Parser().parseString(await r.text());
    const news = await newsOf(city);
    assert.ok(news.length >= 10, `${city} has its demo news`);
    assert.equal(feed.feedUrl, `${base()}/api/v1/cities/${city}/news/feed.rss`, 'atom:link rel=self');
    assert.equal(feed.link, `${base()}/${city}/news`);
    assert.equal(feed.items.length, Math.min(news.length, 50));
    feed.items.forEach((item, i) => {
      const json = news[i];
      assert.equal(item.title, json.title, `item ${i}`);
      assert.equal(item.link, `${base()}${json.url}`);
      assert.equal(item.guid, item.link);
      assert.equal(item.isoDate, new Date(Date.parse(json.published_at)).toISOString());
      assert.equal(item['content:encoded'], json.body_html);
      assert.equal(item.content, json.teaser, 'description is the teaser');
    });
  });

  test(`rss-parser reads the Atom 1.0 feed of ${city} as the JSON API has it`, async () => {
    const r = await fetchOk(`/api/v1/cities/${city}/news/feed.atom`);
    assert.match(r.headers.get('content-type'), /^application\/atom\+xml/);
    const feed = await new Parser().parseString(await r.text());
    const news = await newsOf(city);
    assert.equal(feed.feedUrl, `${base()}/api/v1/cities/${city}/news/feed.atom`);
    assert.equal(feed.items.length, Math.min(news.length, 50));
    feed.items.forEach((item, i) => {
      const json = news[i];
      assert.equal(item.title, json.title, `entry ${i}`);
      assert.equal(item.link, `${base()}${json.url}`);
      assert.equal(item.id, item.link);
      assert.equal(item.pubDate, new Date(Date.parse(json.published_at)).toISOString());
      assert.equal(item.content, json.body_html);
      assert.equal(item.summary, json.teaser);
    });
  });
}

test('the per-category feeds hold exactly the category\'s items', async () => {
  for (const format of ['rss', 'atom']) {
    const feed = await new Parser().parseString(await (await fetchOk(`/api/v1/cities/dortmund/news/feed.${format}?category=kultur`)).text());
    const news = await newsOf('dortmund', 'kultur');
    assert.ok(news.length >= 2, 'the demo and the added item are Kultur');
    assert.deepEqual(feed.items.map((i) => i.title), news.map((n) => n.title), format);
    assert.match(feed.title, /Kultur & Freizeit$/);
    assert.ok(feed.items.some((i) => i.title === 'Tom & Jerry <live> im "Konzerthaus" ]]>'), 'escaped text reads back unchanged');
  }
});

test('the city manifest names the news feeds (and the calendar)', async () => {
  const manifest = await (await fetchOk('/api/v1/cities/schwerte')).json();
  assert.deepEqual(manifest.feeds, {
    news_rss: '/api/v1/cities/schwerte/news/feed.rss',
    news_atom: '/api/v1/cities/schwerte/news/feed.atom',
    events_ics: '/api/v1/cities/schwerte/events/feed.ics',
  });
});
