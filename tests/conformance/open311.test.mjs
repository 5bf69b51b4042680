// Conformance of the Open311 GeoReport v2 interface (module `reports`): every endpoint of a real
// mosaikd is fetched as .json and .xml; npm's fast-xml-parser (not our code) reads the XML, and
// it must say field by field what the JSON says, under the standard's element names
// (services/service, service_definition/attributes/attribute/values/value,
// service_requests/request, errors/error). The standard's required fields must be there with
// the right types; a posted request must appear in requests.json, and no reporter field (e-mail,
// first and last name) may appear in any GET answer.
//
//   MOSAIKD=build/release/src/mosaikd MOSAIK_CLI=build/release/src/mosaik node --test tests/conformance/open311.test.mjs
//
// The demo cities are the data: Dortmund allows anonymous Open311 requests and publishes reports
// at once; Schwerte needs an api_key (an API token of Schwerte with reports:write, created by
// its city admin through the API) and publishes after a case worker's look. Needs the npm
// packages of package-lock.json (`npm ci --prefix tests/conformance`) and nothing from the
// network but loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOSAIKD, MOSAIK_CLI, runCli as runMosaik, startServer, stopServer } from './mosaik_process.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
if (!existsSync(path.join(here, 'node_modules', 'fast-xml-parser'))) {
  throw new Error('tests/conformance/node_modules is missing: run `npm ci --prefix tests/conformance` first');
}
const { XMLParser, XMLValidator } = await import('fast-xml-parser');

const PASSWORD = 'Lindenblüte-Kanal-4711';
const ADMINS = { dortmund: 'admin@dortmund.example', schwerte: 'admin@schwerte.example' };
// The reporter's personal data: none of it may appear in a GET answer.
const REPORTER = { email: 'wilhelmine.quastenberg@example.org', first_name: 'Wilhelmine', last_name: 'Quastenberg' };

let workDir;
let server;  // {child, port, stderr}
const database = () => `sqlite:${path.join(workDir, 'db')}`;
const runCli = (args, input) => runMosaik(workDir, database(), args, input);
const base = () => `http://127.0.0.1:${server.port}`;

// Every body a GET answered, to look for personal data at the end.
const getBodies = [];

// The standard's list elements: an array named `services` holds `service` elements, and so on.
const LIST_ITEMS = { services: 'service', service_requests: 'request', attributes: 'attribute', values: 'value', errors: 'error' };
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,  // every value as the text it is: the comparison below converts the JSON
  trimValues: false,
  isArray: (name, jpath) => {
    const parent = jpath.split('.').at(-2);
    return LIST_ITEMS[parent] === name;
  },
});

async function fetchText(target, init) {
  const r = await fetch(`${base()}${target}`, init);
  const text = await r.text();
  if ((init?.method ?? 'GET') === 'GET') getBodies.push({ target, text });
  return { status: r.status, type: r.headers.get('content-type') ?? '', text, headers: r.headers };
}

// The .json and .xml answers of `resource` (a path without extension under /open311/v2/):
// {status, json, xml (parsed), xmlText}. Both must have the same status and the right types.
async function both(resource, query = {}, init = undefined) {
  const search = new URLSearchParams(query).toString();
  const suffix = search ? `?${search}` : '';
  const j = await fetchText(`/open311/v2/${resource}.json${suffix}`, init?.('json'));
  const x = await fetchText(`/open311/v2/${resource}.xml${suffix}`, init?.('xml'));
  assert.equal(x.status, j.status, `${resource}: the same status as .json and .xml`);
  assert.match(j.type, /^application\/json/, `${resource}.json: Content-Type`);
  assert.match(x.type, /^application\/xml/, `${resource}.xml: Content-Type`);
  assert.equal(XMLValidator.validate(x.text), true, `${resource}.xml is well-formed: ${x.text.slice(0, 300)}`);
  assert.match(x.text, /^<\?xml version="1\.0" encoding="utf-8"\?>/i, `${resource}.xml: the XML declaration`);
  return { status: j.status, json: JSON.parse(j.text), xml: parser.parse(x.text), xmlText: x.text };
}

// The text a JSON scalar has in the XML: strings as they are, booleans as true/false, null as an
// empty element; numbers must read back as the same number.
function assertSameValue(xml, json, where) {
  if (json === null) return assert.equal(xml, '', `${where}: null is an empty element`);
  if (typeof json === 'number') {
    assert.equal(typeof xml, 'string', `${where}: a number as text`);
    assert.equal(Number(xml), json, `${where}: ${xml} reads as ${json}`);
    assert.match(xml, /^-?[0-9]+(\.[0-9]+)?$/, `${where}: a plain decimal number (xs:decimal), not ${xml}`);
    return undefined;
  }
  if (typeof json === 'boolean') return assert.equal(xml, String(json), `${where}: a boolean`);
  return assert.equal(xml, json, where);
}

// `xml` (fast-xml-parser's reading of the element `name`) says what `json` says.
function assertSameTree(xml, json, name, where = name) {
  if (Array.isArray(json)) {
    const item = LIST_ITEMS[name];
    assert.ok(item, `${where}: an array the standard names no element for`);
    if (json.length === 0) {
      assert.ok(xml === '' || (typeof xml === 'object' && Object.keys(xml).length === 0), `${where}: an empty list is an empty element`);
      return;
    }
    assert.equal(typeof xml, 'object', `${where}: <${name}> has <${item}> elements`);
    assert.deepEqual(Object.keys(xml), [item], `${where}: <${name}> has only <${item}> elements`);
    assert.equal(xml[item].length, json.length, `${where}: as many <${item}> as the JSON has items`);
    json.forEach((v, i) => assertSameTree(xml[item][i], v, item, `${where}/${item}[${i}]`));
    return;
  }
  if (json !== null && typeof json === 'object') {
    assert.equal(typeof xml, 'object', `${where}: an element with children`);
    assert.deepEqual(Object.keys(xml).sort(), Object.keys(json).sort(), `${where}: the same fields`);
    for (const [key, value] of Object.entries(json)) assertSameTree(xml[key], value, key, `${where}/${key}`);
    return;
  }
  assertSameValue(xml, json, where);
}

// The answer's XML document element is `root` and says what the JSON says.
function assertXmlEqualsJson(answer, root) {
  assert.deepEqual(Object.keys(answer.xml), [root], `the document element is <${root}>`);
  assertSameTree(answer.xml[root], answer.json, root);
}

// An error in the standard's form, as .json and .xml alike, with `status` as HTTP status and code.
function assertError(answer, status, detail) {
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  assert.ok(Array.isArray(answer.json) && answer.json.length >= 1, 'a list of errors');
  for (const e of answer.json) {
    assert.deepEqual(Object.keys(e).sort(), ['code', 'description']);
    assert.equal(e.code, status);
    assert.equal(typeof e.description, 'string');
    assert.ok(e.description.length > 0);
  }
  if (detail) assert.match(answer.json[0].description, detail);
  // POST answers are checked as JSON here and as XML by the caller.
  if (answer.xml !== undefined) assertXmlEqualsJson(answer, 'errors');
}

const isTime = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));

function assertService(s) {
  for (const key of ['service_code', 'service_name', 'description', 'keywords', 'group']) assert.equal(typeof s[key], 'string', `service.${key}`);
  assert.ok(s.service_code.length > 0 && s.service_name.length > 0);
  assert.equal(typeof s.metadata, 'boolean', 'service.metadata');
  assert.ok(['realtime', 'batch', 'blackbox'].includes(s.type), `service.type ${s.type}`);
}

function assertRequest(r) {
  assert.match(r.service_request_id, /^[1-9][0-9]*$/, 'service_request_id');
  assert.ok(['open', 'closed'].includes(r.status), `status ${r.status}`);
  for (const key of ['status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'address', 'address_id', 'zipcode', 'media_url'])
    assert.equal(typeof r[key], 'string', `request.${key}`);
  assert.ok(isTime(r.requested_datetime), `requested_datetime ${r.requested_datetime}`);
  assert.ok(isTime(r.updated_datetime), `updated_datetime ${r.updated_datetime}`);
  assert.ok(r.expected_datetime === null || isTime(r.expected_datetime), 'expected_datetime');
  assert.ok((typeof r.lat === 'number') === (typeof r.long === 'number'), 'lat and long together');
  if (typeof r.lat === 'number') assert.ok(Math.abs(r.lat) <= 90 && Math.abs(r.long) <= 180);
  else assert.ok(r.lat === null && r.long === null && r.address.length > 0, 'a request without a position has an address');
}

// A staff session of `city`'s admin: {cookie, csrf}.
const sessions = {};
async function adminSession(city) {
  if (sessions[city]) return sessions[city];
  const r = await fetch(`${base()}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMINS[city], password: PASSWORD }) });
  assert.equal(r.status, 200, `sign-in of ${ADMINS[city]}`);
  const { csrf_token: csrf } = await r.json();
  sessions[city] = { cookie: r.headers.get('set-cookie').split(';')[0], csrf };
  return sessions[city];
}

async function staffCall(city, method, target, body) {
  const s = await adminSession(city);
  const r = await fetch(`${base()}${target}`, { method,
    headers: { 'Content-Type': 'application/json', Cookie: s.cookie, 'X-CSRF-Token': s.csrf }, body: JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

// A new API token of `city` made by its admin through the API.
async function createToken(city, scopes) {
  const r = await staffCall(city, 'POST', `/api/v1/cities/${city}/tokens`, { name: `open311 ${scopes.join(' ')}`, scopes });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.token;
}

// POST requests.FORMAT with `fields` form-encoded.
function post(fields, format = 'json', headers = { 'Content-Type': 'application/x-www-form-urlencoded' }) {
  return fetchText(`/open311/v2/requests.${format}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
}

async function postBoth(fields) {
  const j = await post(fields, 'json');
  const x = await post(fields, 'xml');
  assert.equal(x.status, j.status);
  return { json: { status: j.status, json: JSON.parse(j.text) }, xml: { status: x.status, xmlText: x.text, xml: parser.parse(x.text) } };
}

let manifests;  // slug -> the city's app manifest
const reportsSettings = (city) => manifests[city].modules.find((m) => m.name === 'reports').settings;
const inside = (city) => manifests[city].map.center;

before(async () => {
  assert.ok(MOSAIKD && existsSync(MOSAIKD), `set MOSAIKD to the mosaikd binary (got ${MOSAIKD})`);
  assert.ok(MOSAIK_CLI && existsSync(MOSAIK_CLI), `set MOSAIK_CLI to the mosaik binary (got ${MOSAIK_CLI})`);
  workDir = mkdtempSync(path.join(tmpdir(), 'mosaik-open311-'));
  runCli(['demo', 'load']);
  for (const [city, email] of Object.entries(ADMINS))
    runCli(['user', 'create', '--email', email, '--role', `city-admin:${city}`], `${PASSWORD}\n`);
  server = await startServer(workDir, database(), ['--set', 'auth.cookie_secure=false']);
  manifests = {};
  for (const city of Object.keys(ADMINS)) manifests[city] = await (await fetch(`${base()}/api/v1/cities/${city}`)).json();
});

after(async () => {
  try {
    if (server) await stopServer(server);
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
});

test('services: the categories of the jurisdiction, the same as JSON and XML', async () => {
  for (const city of Object.keys(ADMINS)) {
    const a = await both('services', { jurisdiction_id: city });
    assert.equal(a.status, 200);
    assert.ok(Array.isArray(a.json) && a.json.length > 0, 'a list of services');
    a.json.forEach(assertService);
    const categories = reportsSettings(city).categories;
    assert.deepEqual(a.json.map((s) => s.service_code), categories.map((c) => c.code), 'one service per category, in order');
    a.json.forEach((s, i) => {
      assert.equal(s.service_name, categories[i].title.de);
      assert.equal(s.metadata, categories[i].attributes.length > 0, `${s.service_code}: metadata when it has questions`);
    });
    assertXmlEqualsJson(a, 'services');
  }
});

test('services/{code}: the service definitions, the same as JSON and XML', async () => {
  const services = (await both('services', { jurisdiction_id: 'dortmund' })).json;
  const categories = reportsSettings('dortmund').categories;
  const datatypes = { text: 'string', number: 'number', date: 'datetime', single: 'singlevaluelist', multi: 'multivaluelist' };
  let lists = 0;
  for (const service of services) {
    const a = await both(`services/${service.service_code}`, { jurisdiction_id: 'dortmund' });
    assert.equal(a.status, 200);
    assert.deepEqual(Object.keys(a.json).sort(), ['attributes', 'service_code']);
    assert.equal(a.json.service_code, service.service_code);
    const questions = categories.find((c) => c.code === service.service_code).attributes;
    assert.equal(a.json.attributes.length, questions.length);
    a.json.attributes.forEach((attr, i) => {
      assert.equal(typeof attr.variable, 'boolean');
      assert.equal(attr.code, questions[i].code);
      assert.equal(attr.datatype, datatypes[questions[i].type]);
      assert.equal(attr.required, questions[i].required);
      assert.equal(typeof attr.datatype_description, 'string');
      assert.equal(attr.order, i + 1);
      assert.equal(attr.description, questions[i].label.de);
      assert.ok(Array.isArray(attr.values));
      assert.deepEqual(attr.values, (questions[i].options ?? []).map((o) => ({ key: o.key, name: o.label.de })));
      if (attr.values.length) ++lists;
    });
    assertXmlEqualsJson(a, 'service_definition');
  }
  assert.ok(lists >= 2, 'the demo has list questions (values/value in the XML)');
  assertError(await both('services/gibtsnicht', { jurisdiction_id: 'dortmund' }), 404, /gibtsnicht/);
  assertError(await both('services/schlagloch', { jurisdiction_id: 'atlantis' }), 404, /atlantis/);
  assertError(await both('services/schlagloch'), 400, /jurisdiction_id/);
});

// Filled by the POST test, read by the ones after it.
const posted = {};

test('POST requests: anonymous in Dortmund, public at once; as JSON and XML', async () => {
  const { lat, lon } = inside('dortmund');
  const fields = { jurisdiction_id: 'dortmund', service_code: 'schlagloch', lat: String(lat), long: String(lon),
    address_string: 'Hansastraße 12', description: 'Tiefes Loch vor der Einfahrt', 'attribute[lage]': 'fahrbahn', ...REPORTER };
  const { json, xml } = await postBoth(fields);
  assert.equal(json.status, 201, JSON.stringify(json.json));
  assert.equal(json.json.length, 1);
  const [created] = json.json;
  assert.match(created.service_request_id, /^[1-9][0-9]*$/);
  assert.equal(typeof created.token, 'string');
  assert.ok(created.token.length > 0);
  assert.equal(typeof created.service_notice, 'string');
  assert.ok(!('account_id' in created) || created.account_id === null);
  // The XML request made a second report: its answer has the same form, with its own id.
  assert.deepEqual(Object.keys(xml.xml), ['service_requests']);
  const [xmlCreated] = xml.xml.service_requests.request;
  assert.deepEqual(Object.keys(xmlCreated).sort(), Object.keys(created).sort());
  assert.match(xmlCreated.service_request_id, /^[1-9][0-9]*$/);
  assert.notEqual(xmlCreated.service_request_id, created.service_request_id);
  assert.equal(xmlCreated.service_notice, created.service_notice);
  assert.equal(xmlCreated.account_id, '');
  posted.dortmund = created;
  posted.dortmundXml = xmlCreated;
  posted.position = { lat, lon };

  // An address instead of a position (a category that needs none) and without personal data.
  const addressOnly = await post({ jurisdiction_id: 'dortmund', service_code: 'sonstiges', address_string: 'Friedensplatz 1',
    description: 'Bank am Rathaus wackelt' });
  assert.equal(addressOnly.status, 201, addressOnly.text);
  posted.addressOnly = JSON.parse(addressOnly.text)[0];

  // The new requests are listed, open, with their service code.
  const list = await both('requests', { jurisdiction_id: 'dortmund' });
  assert.equal(list.status, 200);
  for (const [id, code] of [[created.service_request_id, 'schlagloch'], [xmlCreated.service_request_id, 'schlagloch'], [posted.addressOnly.service_request_id, 'sonstiges']]) {
    const r = list.json.find((x) => x.service_request_id === id);
    assert.ok(r, `request ${id} is in requests.json`);
    assert.equal(r.status, 'open');
    assert.equal(r.service_code, code);
  }
  const mine = list.json.find((x) => x.service_request_id === created.service_request_id);
  assert.equal(mine.description, fields.description);
  assert.equal(mine.address, fields.address_string);
  assert.equal(mine.lat, lat);
  assert.equal(mine.long, lon);
  assert.equal(mine.agency_responsible, 'Tiefbauamt');
  const noPosition = list.json.find((x) => x.service_request_id === posted.addressOnly.service_request_id);
  assert.equal(noPosition.lat, null);
  assert.equal(noPosition.address, 'Friedensplatz 1');
});

test('POST requests with an api_key where anonymous requests are refused (Schwerte)', async () => {
  const { lat, lon } = inside('schwerte');
  const fields = { jurisdiction_id: 'schwerte', service_code: 'papierkorb', lat: String(lat), long: String(lon), description: 'Papierkorb quillt über', ...REPORTER };
  const anonymous = await postBoth(fields);
  assertError(anonymous.json, 403, /api_key/);
  assert.deepEqual(Object.keys(anonymous.xml.xml), ['errors']);
  assert.equal(anonymous.xml.xml.errors.error[0].code, '403');
  assert.equal(anonymous.xml.xml.errors.error[0].description, anonymous.json.json[0].description);

  const writer = await createToken('schwerte', ['reports:write']);
  const ok = await post({ ...fields, api_key: writer });
  assert.equal(ok.status, 201, ok.text);
  const [created] = JSON.parse(ok.text);
  assert.ok(created.service_notice.length > 0, 'Schwerte reviews reports first: the notice says so');
  posted.schwerte = created;
  const okXml = await post({ ...fields, api_key: writer }, 'xml');
  assert.equal(okXml.status, 201, okXml.text);
  assert.equal(parser.parse(okXml.text).service_requests.request[0].service_notice, created.service_notice);

  // Not public before a case worker's look.
  assertError(await both(`requests/${created.service_request_id}`, { jurisdiction_id: 'schwerte' }), 404);
  const tokens = await both(`tokens/${created.token}`, { jurisdiction_id: 'schwerte' });
  assert.equal(tokens.status, 200);
  assert.equal(tokens.json[0].service_request_id, created.service_request_id);

  for (const [what, key] of [['a read-only token', await createToken('schwerte', ['reports:read'])],
    ['a token of another module', await createToken('schwerte', ['news:write'])],
    ['a token of another city', await createToken('dortmund', ['reports:write'])],
    ['an unknown token', 'mosaik_gibtsnicht']]) {
    const r = await postBoth({ ...fields, api_key: key });
    assert.ok([401, 403].includes(r.json.status), `${what}: ${r.json.status}`);
    assertError(r.json, r.json.status);
  }
});

test('requests: the filters service_request_id, service_code, status, start_date and end_date', async () => {
  // One request is closed by staff, so that status filters have something on each side.
  const closed = posted.dortmundXml.service_request_id;
  const done = await staffCall('dortmund', 'PATCH', `/api/v1/cities/dortmund/reports/cases/${closed}`, { status: 'done', public_answer: 'Ausgebessert.' });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const open = posted.dortmund.service_request_id;
  const q = (extra) => both('requests', { jurisdiction_id: 'dortmund', ...extra });
  const ids = (a) => a.json.map((r) => r.service_request_id);

  const all = await q({});
  assert.equal(all.status, 200);
  all.json.forEach(assertRequest);
  assertXmlEqualsJson(all, 'service_requests');
  const times = all.json.map((r) => Date.parse(r.requested_datetime));
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  assert.equal(all.json.find((r) => r.service_request_id === closed).status_notes, 'Ausgebessert.');

  const byId = await q({ service_request_id: `${open},${closed}` });
  assert.deepEqual(ids(byId).sort(), [open, closed].sort());
  assertXmlEqualsJson(byId, 'service_requests');

  const byCode = await q({ service_code: 'sonstiges' });
  assert.ok(byCode.json.length >= 1);
  assert.ok(byCode.json.every((r) => r.service_code === 'sonstiges'));
  assert.ok(ids(byCode).includes(posted.addressOnly.service_request_id));
  assertXmlEqualsJson(byCode, 'service_requests');

  const openOnly = await q({ status: 'open' });
  assert.ok(openOnly.json.every((r) => r.status === 'open'));
  assert.ok(ids(openOnly).includes(open) && !ids(openOnly).includes(closed));
  const closedOnly = await q({ status: 'closed' });
  assert.ok(closedOnly.json.every((r) => r.status === 'closed'));
  assert.ok(ids(closedOnly).includes(closed) && !ids(closedOnly).includes(open));
  assertXmlEqualsJson(closedOnly, 'service_requests');
  assert.deepEqual(ids(await q({ status: 'open,closed' })), ids(all));

  const hourAgo = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const inAnHour = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const recent = await q({ start_date: hourAgo });
  assert.ok(ids(recent).includes(open) && ids(recent).includes(closed));
  assert.ok(recent.json.every((r) => Date.parse(r.requested_datetime) >= Date.parse(hourAgo)));
  assert.deepEqual(ids(await q({ end_date: hourAgo })).filter((id) => [open, closed].includes(id)), [], 'nothing of the last hour before it');
  const window = await q({ start_date: hourAgo, end_date: inAnHour });
  assert.ok(ids(window).includes(open));
  assertXmlEqualsJson(window, 'service_requests');
  assert.deepEqual(ids(await q({ start_date: inAnHour })), [], 'nothing made in the future');

  assertError(await q({ status: 'pending' }), 400, /status/);
  assertError(await q({ start_date: 'gestern' }), 400, /start_date/);
  assertError(await q({ service_request_id: 'x,y' }), 400, /service_request_id/);
});

test('requests/{id} and tokens/{token}: one request, the same as JSON and XML', async () => {
  const id = posted.dortmund.service_request_id;
  const one = await both(`requests/${id}`, { jurisdiction_id: 'dortmund' });
  assert.equal(one.status, 200);
  assert.equal(one.json.length, 1);
  assertRequest(one.json[0]);
  assert.equal(one.json[0].service_request_id, id);
  assert.equal(one.json[0].service_code, 'schlagloch');
  assertXmlEqualsJson(one, 'service_requests');
  const listed = (await both('requests', { jurisdiction_id: 'dortmund', service_request_id: id })).json[0];
  assert.deepEqual(one.json[0], listed, 'the same as in the list');

  const token = await both(`tokens/${posted.dortmund.token}`, { jurisdiction_id: 'dortmund' });
  assert.equal(token.status, 200);
  assert.deepEqual(token.json, [{ service_request_id: id, token: posted.dortmund.token }]);
  assertXmlEqualsJson(token, 'service_requests');

  assertError(await both('requests/999999', { jurisdiction_id: 'dortmund' }), 404);
  assertError(await both(`requests/${id}`, { jurisdiction_id: 'schwerte' }), 404, undefined);
  assertError(await both('tokens/gibtsnicht', { jurisdiction_id: 'dortmund' }), 404);
  assertError(await both(`tokens/${posted.dortmund.token}`, { jurisdiction_id: 'schwerte' }), 404);
});

test('errors: unknown or missing jurisdiction_id, unknown service_code, missing api_key; as JSON and XML', async () => {
  for (const resource of ['services', 'requests']) {
    assertError(await both(resource, { jurisdiction_id: 'atlantis' }), 404, /atlantis/);
    assertError(await both(resource), 400, /jurisdiction_id/);
    assertError(await both(resource, { jurisdiction_id: '' }), 400, /jurisdiction_id/);
  }
  assertError(await both(`requests/${posted.dortmund.service_request_id}`), 400, /jurisdiction_id/);
  assertError(await both(`tokens/${posted.dortmund.token}`), 400, /jurisdiction_id/);

  const { lat, lon } = inside('dortmund');
  const valid = { jurisdiction_id: 'dortmund', service_code: 'schlagloch', lat: String(lat), long: String(lon), 'attribute[lage]': 'gehweg', description: 'x' };
  const cases = [
    [{ ...valid, jurisdiction_id: 'atlantis' }, 404, /atlantis/],
    [{ ...valid, jurisdiction_id: undefined }, 400, /jurisdiction_id/],
    [{ ...valid, service_code: 'gibtsnicht' }, 404, /gibtsnicht/],
    [{ ...valid, service_code: undefined }, 400, /service_code/],
    [{ ...valid, lat: undefined, long: undefined }, 400, /location|lat/],
    [{ ...valid, lat: '10', long: '10' }, 400, /outside/],
    [{ ...valid, 'attribute[lage]': 'dach' }, 400, /lage/],
    [{ ...valid, email: 'keine-adresse' }, 400, /email/],
    [{ ...valid, jurisdiction_id: 'schwerte' }, 403, /api_key/],
  ];
  for (const [fields, status, detail] of cases) {
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const { json, xml } = await postBoth(defined);
    assertError(json, status, detail);
    assert.deepEqual(Object.keys(xml.xml), ['errors'], `${JSON.stringify(defined)}: <errors>`);
    assertSameTree(xml.xml.errors, json.json, 'errors');
  }
  const json = await post(valid, 'json', { 'Content-Type': 'application/json' });
  assert.equal(json.status, 415);
  assert.equal(JSON.parse(json.text)[0].code, 415);
});

test('no reporter field of a posted request appears in any GET answer', async () => {
  // Everything public once more, so that the check also covers the closed and the XML requests.
  for (const city of Object.keys(ADMINS)) {
    await both('requests', { jurisdiction_id: city });
    await both('requests', { jurisdiction_id: city, status: 'closed' });
  }
  for (const id of [posted.dortmund.service_request_id, posted.dortmundXml.service_request_id])
    await both(`requests/${id}`, { jurisdiction_id: 'dortmund' });
  assert.ok(getBodies.length > 50, `many answers were looked at (${getBodies.length})`);
  for (const { target, text } of getBodies)
    for (const [field, value] of Object.entries(REPORTER))
      assert.ok(!text.includes(value), `GET ${target} shows the reporter's ${field}`);
  // The staff view has it: the data did arrive.
  const r = await fetch(`${base()}/api/v1/cities/dortmund/reports/cases/${posted.dortmund.service_request_id}`,
    { headers: { Cookie: (await adminSession('dortmund')).cookie } });
  const staff = await r.json();
  assert.equal(staff.email, REPORTER.email);
  assert.equal(staff.name, `${REPORTER.first_name} ${REPORTER.last_name}`);
  assert.equal(staff.source, 'open311');
});
