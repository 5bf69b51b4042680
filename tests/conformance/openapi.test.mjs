// Conformance of the real mosaikd with docs/openapi.yaml, checked by implementations that are not
// ours: Redocly lints the document (recommended ruleset, see redocly.yaml), Ajv validates every
// answer of a real server against the document's JSON Schemas (draft 2020-12, as OpenAPI 3.1).
//
//   MOSAIKD=build/dev/src/mosaikd MOSAIK_CLI=build/dev/src/mosaik node --test tests/conformance/openapi.test.mjs
//
// Every operation of the document must have a scenario here; every answer must have a documented
// status, media type, headers and body (response objects are closed: an undocumented field
// fails); every documented status must be produced at least once. Needs the npm packages of
// package-lock.json (`npm ci --prefix tests/conformance`) and nothing from the network but
// loopback. `sqlite3` (Debian package) is used to make /readyz fail; without it that case is
// skipped and says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const docPath = path.resolve(here, '../../docs/openapi.yaml');
const modules = path.join(here, 'node_modules');
if (!existsSync(path.join(modules, '.bin', 'redocly')) || !existsSync(path.join(modules, 'ajv'))) {
  throw new Error(`${modules} is missing or incomplete: run \`npm ci --prefix tests/conformance\` first`);
}
const { default: YAML } = await import('yaml');
const { default: Ajv2020 } = await import('ajv/dist/2020.js');
const { default: addFormats } = await import('ajv-formats');

// ---------------------------------------------------------------------------------------------
// The document, and JSON Schema validation of its schemas.

const SCHEMA_ROOT = 'https://mosaik.invalid/openapi.json';
const METHODS = ['get', 'head', 'options', 'post', 'put', 'patch', 'delete', 'trace'];

// A copy of the document whose schema references are absolute, so that any schema in it can be
// compiled on its own against one registered root holding components/schemas as $defs.
function loadDocument() {
  const doc = YAML.parse(readFileSync(docPath, 'utf8'));
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.forEach(rewrite);
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/schemas/'))
      node.$ref = `${SCHEMA_ROOT}#/$defs/${node.$ref.slice('#/components/schemas/'.length)}`;
    Object.values(node).forEach(rewrite);
  };
  rewrite(doc);
  return doc;
}

const doc = loadDocument();
// Strict, except `required` naming properties another allOf member defines (the usual refinement).
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);  // OpenAPI's schema keywords
ajv.addSchema({ $id: SCHEMA_ROOT, $defs: doc.components?.schemas ?? {} });

// Follows a local reference to a parameter, header, response...
function deref(node) {
  let seen = 0;
  while (node && typeof node.$ref === 'string') {
    assert.ok(node.$ref.startsWith('#/'), `only local references are supported: ${node.$ref}`);
    assert.ok(++seen < 20, `reference loop at ${node.$ref}`);
    node = node.$ref.slice(2).split('/')
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((n, key) => n?.[key], doc);
    assert.ok(node, 'dangling reference');
  }
  return node;
}

const validators = new WeakMap();
function validate(schema, value, what) {
  if (!validators.has(schema)) validators.set(schema, ajv.compile(schema));
  const v = validators.get(schema);
  if (!v(value)) {
    const errors = v.errors.map((e) => `  ${e.instancePath || '(root)'} ${e.message}` +
      (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '')).join('\n');
    assert.fail(`${what} does not match the documented schema:\n${errors}\nvalue: ${JSON.stringify(value).slice(0, 2000)}`);
  }
}

// Every operation of the document: "GET /api/v1/cities/{city}" -> {method, path, operation, parameters}.
const operations = new Map();
for (const [template, pathItem] of Object.entries(doc.paths ?? {})) {
  for (const method of METHODS) {
    const operation = pathItem[method];
    if (!operation) continue;
    const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
    operations.set(`${method.toUpperCase()} ${template}`, { method: method.toUpperCase(), path: template, operation, parameters });
  }
}

// ---------------------------------------------------------------------------------------------
// The real server.

// Resolved now: the children run in a temporary directory.
const MOSAIKD = process.env.MOSAIKD && path.resolve(process.env.MOSAIKD);
const MOSAIK_CLI = process.env.MOSAIK_CLI && path.resolve(process.env.MOSAIK_CLI);
let workDir;
let databasePath;
let server;  // {child, port, stderr: []}

// The children get our environment without MOSAIK_* variables: mosaikd and mosaik treat every
// MOSAIK_* variable as configuration and reject unknown ones (MOSAIK_CLI is one of ours).
function childEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOSAIK_')));
}

function runCli(args) {
  const r = spawnSync(MOSAIK_CLI, [...args, '--database', `sqlite:${databasePath}`],
    { cwd: workDir, env: childEnvironment(), encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `mosaik ${args.join(' ')} failed (${r.error ?? r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function startServer() {
  const child = spawn(MOSAIKD, ['--listen', '127.0.0.1:0', '--database', `sqlite:${databasePath}`,
    '--set', 'log.access_log=off'], { cwd: workDir, env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  child.stdout.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error('mosaikd did not announce its port within 30 s')), 30_000);
    function fail(error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\nstdout: ${stdout}\nstderr: ${stderr.join('')}`));
    }
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`mosaikd exited early (${code ?? signal})`)));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const m = /^mosaikd listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      resolve({ child, port: Number(m[1]), stderr });
    });
  });
}

async function stopServer() {
  const { child, stderr } = server;
  if (child.exitCode !== null || child.signalCode !== null) {
    assert.fail(`mosaikd died during the test (${child.exitCode ?? child.signalCode}):\n${stderr.join('')}`);
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  process.kill(child.pid, 'SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 20_000).unref());
  const outcome = await Promise.race([exited, timeout]);
  if (outcome === 'timeout') child.kill('SIGKILL');
  assert.equal(outcome, 0, `mosaikd did not shut down cleanly on SIGTERM:\n${stderr.join('')}`);
}

// One request on a fresh connection. Bodies are returned raw (not decompressed).
function send(method, target, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: target, headers, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, raw: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer within 15 s: ${method} ${target}`)));
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Calling an operation and checking the answer against the document.

const exercised = new Set();  // "GET /path 200"
const notExercisable = new Map();  // "GET /path 503" -> why (set by skipped scenarios)

function normaliseMediaType(t) {
  return t.toLowerCase().split(';').map((s) => s.trim()).filter(Boolean).join('; ');
}

function mediaFor(content, contentType) {
  const wanted = normaliseMediaType(contentType);
  for (const [key, media] of Object.entries(content))
    if (normaliseMediaType(key) === wanted) return media;
  const base = wanted.split(';')[0];
  for (const [key, media] of Object.entries(content))
    if (!key.includes(';') && normaliseMediaType(key) === base) return media;
  return undefined;
}

function isJson(mediaType) {
  const base = mediaType.split(';')[0].trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json');
}

// Calls `key` ("GET /api/v1/cities/{city}") with path parameters, query and headers; `as` sends a
// different method to the same path (for 405). Returns {status, headers, raw, body}.
async function call(key, { params = {}, query = {}, headers = {}, as } = {}) {
  const op = operations.get(key);
  assert.ok(op, `the document has no operation ${key}`);
  const documented = new Set(op.parameters.map((p) => `${p.in}:${p.name.toLowerCase()}`));
  let target = op.path.replace(/\{([^}]+)\}/g, (_, name) => {
    assert.ok(name in params, `${key}: no value for path parameter ${name}`);
    assert.ok(documented.has(`path:${name}`), `${key}: path parameter ${name} is not documented`);
    return encodeURIComponent(params[name]);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    assert.ok(documented.has(`query:${name}`), `${key}: query parameter ${name} is not documented`);
    search.append(name, value);
  }
  if ([...search].length) target += `?${search}`;
  for (const name of Object.keys(headers)) {
    const known = documented.has(`header:${name.toLowerCase()}`) || ['accept-encoding', 'host'].includes(name.toLowerCase());
    assert.ok(known, `${key}: request header ${name} is not documented`);
  }
  const method = as ?? op.method;
  const res = await send(method, target, headers);
  res.body = conform(op, method, target, res);
  return res;
}

// Checks an answer against the operation's documented responses; returns the parsed body.
function conform(op, method, target, res) {
  const where = `${method} ${target} -> ${res.status}`;
  const documented = op.operation.responses ?? {};
  const spec = documented[String(res.status)] ?? documented[`${String(res.status)[0]}XX`];
  assert.ok(spec, `${where}: status ${res.status} is not documented for ${op.method} ${op.path} ` +
    `(documented: ${Object.keys(documented).join(', ')})\n${res.raw.toString('utf8').slice(0, 500)}`);
  exercised.add(`${op.method} ${op.path} ${res.status}`);
  const response = deref(spec);

  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const h = deref(header);
    const value = res.headers[name.toLowerCase()];
    if (value === undefined) {
      assert.ok(!h.required, `${where}: documented header ${name} is missing`);
      continue;
    }
    if (h.schema) validate(h.schema, value, `${where}: header ${name}`);
  }
  assert.match(res.headers['x-request-id'] ?? '', /^[A-Za-z0-9._-]{1,64}$/, `${where}: X-Request-Id`);

  const bodyless = method === 'HEAD' || res.status === 204 || res.status === 304;
  if (bodyless || !response.content) {
    assert.equal(res.raw.length, 0, `${where}: a body was sent, but none is documented`);
    if (res.status === 204 || res.status === 304)
      assert.equal(res.headers['content-type'], undefined, `${where}: Content-Type without a body`);
    return undefined;
  }
  const contentType = res.headers['content-type'];
  assert.ok(contentType, `${where}: no Content-Type`);
  const media = mediaFor(response.content, contentType);
  assert.ok(media, `${where}: Content-Type ${contentType} is not documented ` +
    `(documented: ${Object.keys(response.content).join(', ')})`);
  let bytes = res.raw;
  const encoding = res.headers['content-encoding'];
  if (encoding !== undefined) {
    assert.equal(encoding, 'gzip', `${where}: Content-Encoding`);
    bytes = zlib.gunzipSync(bytes);
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);  // throws on invalid UTF-8
  let body = text;
  if (isJson(contentType)) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      assert.fail(`${where}: the body is not JSON (${e.message}): ${text.slice(0, 300)}`);
    }
  }
  if (media.schema) validate(media.schema, body, `${where}: body`);
  if (contentType.startsWith('application/problem+json')) {
    assert.equal(body.status, res.status, `${where}: problem status`);
    assert.equal(body.request_id, res.headers['x-request-id'], `${where}: problem request_id`);
    assert.equal(body.instance, decodeURIComponent(target.split('?')[0]), `${where}: problem instance`);
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// Scenarios shared by many operations.

const LIST_CITY = ['dortmund', 'schwerte'];
const SCHWERTE_HOST = 'app.schwerte.example';

function methodsOfPath(template) {
  return new Set([...operations.values()].filter((o) => o.path === template).map((o) => o.method));
}

function allowSet(value) {
  return new Set((value ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

// GET answered 200 -> the same request with If-None-Match gives 304 with the same ETag.
async function expectNotModified(key, options) {
  const fresh = await call(key, options);
  assert.equal(fresh.status, 200);
  const etag = fresh.headers.etag;
  const again = await call(key, { ...options, headers: { ...options?.headers, 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.headers.etag, etag);
  const weak = await call(key, { ...options, headers: { ...options?.headers, 'If-None-Match': `"nope", W/${etag}` } });
  assert.equal(weak.status, 304, 'If-None-Match uses the weak comparison and accepts lists');
  const other = await call(key, { ...options, headers: { ...options?.headers, 'If-None-Match': '"0000000000000000"' } });
  assert.equal(other.status, 200);
}

// Methods the path does not support answer 405 with an Allow header listing exactly the
// documented methods.
async function expectMethodNotAllowed(key, params = {}) {
  const op = operations.get(key);
  const documentedMethods = methodsOfPath(op.path);
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    if (documentedMethods.has(method)) continue;
    const r = await call(key, { params, as: method });
    assert.equal(r.status, 405, `${method} ${op.path}`);
    assert.deepEqual(allowSet(r.headers.allow), documentedMethods, `Allow of ${op.path}`);
    assert.match(r.body.detail, new RegExp(`^${method} is not allowed`));
  }
}

// HEAD has the GET's status, Content-Type, Content-Length and ETag, and no body.
async function expectHeadLikeGet(path, options = {}) {
  const get = await call(`GET ${path}`, options);
  const head = await call(`HEAD ${path}`, options);
  assert.equal(head.status, get.status);
  assert.equal(head.headers['content-type'], get.headers['content-type']);
  assert.equal(head.headers['content-length'], String(get.raw.length));
  assert.equal(head.headers.etag, get.headers.etag);
  return head;
}

async function expectOptions(key, params = {}) {
  const op = operations.get(key);
  const r = await call(key, { params });
  assert.equal(r.status, 204);
  assert.deepEqual(allowSet(r.headers.allow), methodsOfPath(op.path), `Allow of ${op.path}`);
}

// Waits (the server re-reads the cities every 2 s) until `check` passes.
async function eventually(check, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms: ${e.message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function hasSqlite3() {
  return spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
}

function sqlite(sql) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 10000', databasePath, sql], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `sqlite3 failed: ${r.stderr}`);
}

// /readyz fails while the database records a migration this binary does not know.
async function whileNotReady(run) {
  sqlite("INSERT INTO schema_migrations (module, version, name, checksum, applied_at) " +
         "VALUES ('conformance', 1, 'unknown to this binary', '0', 0)");
  try {
    await run();
  } finally {
    sqlite("DELETE FROM schema_migrations WHERE module = 'conformance'");
  }
}

const foldGerman = (s) => s.toLowerCase().replaceAll('ä', 'a').replaceAll('ö', 'o').replaceAll('ü', 'u').replaceAll('ß', 'ss');

// ---------------------------------------------------------------------------------------------
// One scenario per operation of the document. A new operation without one fails the test.

const scenarios = {
  async 'GET /healthz'() {
    const r = await call('GET /healthz', { headers: { 'X-Request-Id': 'conformance-healthz.1' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { status: 'ok' });
    assert.equal(r.headers['x-request-id'], 'conformance-healthz.1', 'a well-formed request id is kept');
    const replaced = await call('GET /healthz', { headers: { 'X-Request-Id': 'not ok!' } });
    assert.notEqual(replaced.headers['x-request-id'], 'not ok!', 'a malformed request id is replaced');
    await expectNotModified('GET /healthz');
    await expectMethodNotAllowed('GET /healthz');
  },
  async 'HEAD /healthz'() {
    await expectHeadLikeGet('/healthz');
    const get = await call('GET /healthz');
    assert.equal((await call('HEAD /healthz', { headers: { 'If-None-Match': get.headers.etag } })).status, 304);
  },
  async 'OPTIONS /healthz'() { await expectOptions('OPTIONS /healthz'); },

  async 'GET /readyz'(t) {
    const r = await call('GET /readyz');
    assert.equal(r.status, 200);
    assert.equal(r.body.database, 'sqlite');
    assert.ok(r.body.migrations >= 2, 'tenants and services migrations at least');
    await expectNotModified('GET /readyz');
    await expectMethodNotAllowed('GET /readyz');
    if (!hasSqlite3()) {
      notExercisable.set('GET /readyz 503', 'sqlite3 is not installed');
      t.skip('503 not exercised: install Debian\'s sqlite3 to make the database inconsistent');
      return;
    }
    await whileNotReady(async () => {
      const failing = await call('GET /readyz');
      assert.equal(failing.status, 503);
      assert.match(failing.body.detail, /migration conformance #1 which this binary does not know/);
    });
    assert.equal((await call('GET /readyz')).status, 200, 'ready again once the database is consistent');
  },
  async 'HEAD /readyz'(t) {
    await expectHeadLikeGet('/readyz');
    const get = await call('GET /readyz');
    assert.equal((await call('HEAD /readyz', { headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    if (!hasSqlite3()) {
      notExercisable.set('HEAD /readyz 503', 'sqlite3 is not installed');
      t.skip('503 not exercised: install Debian\'s sqlite3 to make the database inconsistent');
      return;
    }
    await whileNotReady(async () => {
      assert.equal((await call('HEAD /readyz')).status, 503);
    });
  },
  async 'OPTIONS /readyz'() { await expectOptions('OPTIONS /readyz'); },

  async 'GET /metrics'() {
    await call('GET /api/v1/cities/{city}', { params: { city: 'atlantis' } });  // something to count: a 404 on a routed path
    const r = await call('GET /metrics');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    for (const needle of [
      '# TYPE mosaik_http_requests_total counter',
      'mosaik_http_requests_total{route="GET /api/v1/cities/{city}",status="404"}',
      '# TYPE mosaik_http_request_duration_seconds histogram',
      'mosaik_http_request_duration_seconds_bucket{route="GET /api/v1/cities/{city}",le="+Inf"}',
      '# TYPE mosaik_http_open_connections gauge',
      '# TYPE mosaik_http_rejected_connections_total counter',
      'mosaik_db_pool_connections{state="open"}',
      'mosaik_db_pool_connections{state="in_use"}',
      'mosaik_db_pool_waiting ',
      'mosaik_cities 2\n',
    ]) assert.ok(r.body.includes(needle), `metrics lack ${needle}`);
    // Every sample line is "name{labels} value" or "name value".
    for (const line of r.body.split('\n').filter((l) => l && !l.startsWith('#')))
      assert.match(line, /^[a-z_]+(\{.*\})? [0-9.e+-]+$/, `metrics line: ${line}`);
    const zipped = await call('GET /metrics', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(zipped.headers['content-encoding'], 'gzip', 'metrics are large enough to be compressed');
    assert.match(zipped.headers.etag, /-gz"$/);
    // Every request changes the counters, so an earlier ETag never matches; `*` always does.
    const later = await call('GET /metrics', { headers: { 'If-None-Match': r.headers.etag } });
    assert.equal(later.status, 200);
    const star = await call('GET /metrics', { headers: { 'If-None-Match': '*' } });
    assert.equal(star.status, 304);
    await expectMethodNotAllowed('GET /metrics');
  },
  async 'HEAD /metrics'() {
    const head = await call('HEAD /metrics');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.ok(Number(head.headers['content-length']) > 0);
    assert.equal((await call('HEAD /metrics', { headers: { 'If-None-Match': '*' } })).status, 304);
  },
  async 'OPTIONS /metrics'() { await expectOptions('OPTIONS /metrics'); },

  async 'GET /api/v1/cities'() {
    const r = await call('GET /api/v1/cities');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.cities.map((c) => c.slug), LIST_CITY);
    const names = r.body.cities.map((c) => c.name);
    assert.deepEqual(names, [...names].sort(), 'sorted by name');
    for (const c of r.body.cities) {
      assert.equal(c.href, `/api/v1/cities/${c.slug}`);
      assert.equal(c.demo, true);
    }
    const zipped = await call('GET /api/v1/cities', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.deepEqual(zipped.body, r.body);
    await expectNotModified('GET /api/v1/cities');
    await expectMethodNotAllowed('GET /api/v1/cities');
  },
  async 'HEAD /api/v1/cities'() {
    await expectHeadLikeGet('/api/v1/cities');
    const get = await call('GET /api/v1/cities');
    assert.equal((await call('HEAD /api/v1/cities', { headers: { 'If-None-Match': get.headers.etag } })).status, 304);
  },
  async 'OPTIONS /api/v1/cities'() { await expectOptions('OPTIONS /api/v1/cities'); },

  async 'GET /api/v1/cities/{city}'() {
    const list = (await call('GET /api/v1/cities')).body.cities;
    for (const summary of list) {
      const r = await call('GET /api/v1/cities/{city}', { params: { city: summary.slug } });
      assert.equal(r.status, 200);
      const m = r.body;
      assert.equal(m.slug, summary.slug);
      assert.equal(m.name, summary.name);
      assert.equal(m.branding.primary_color, summary.primary_color);
      assert.equal(m.default_locale, m.locales[0]);
      const { center, bounds } = m.map;
      assert.ok(center.lat >= bounds.south_west.lat && center.lat <= bounds.north_east.lat, 'center within bounds');
      assert.ok(center.lon >= bounds.south_west.lon && center.lon <= bounds.north_east.lon, 'center within bounds');
      assert.deepEqual(m.modules.map((x) => x.name), ['services']);
      assert.equal(m.modules[0].href, `/api/v1/cities/${m.slug}/services`);
      assert.equal(new Set(m.districts.map((d) => d.id)).size, m.districts.length, 'district ids are unique');
    }
    const dortmund = await call('GET /api/v1/cities/{city}', { params: { city: 'dortmund' } });
    assert.equal(dortmund.body.districts.length, 12);
    assert.equal(dortmund.body.districts[7].name, 'Hörde');
    const zipped = await call('GET /api/v1/cities/{city}', { params: { city: 'dortmund' }, headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.deepEqual(zipped.body, dortmund.body);
    assert.notEqual(zipped.headers.etag, dortmund.headers.etag, 'each encoding has its own ETag');
    assert.match(zipped.headers.vary, /Accept-Encoding/);

    for (const city of ['atlantis', 'Dortmund', 'dortmund-']) {
      const missing = await call('GET /api/v1/cities/{city}', { params: { city } });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.field, 'city');
      assert.ok(missing.body.detail.includes(city));
    }
    await expectNotModified('GET /api/v1/cities/{city}', { params: { city: 'schwerte' } });
    await expectNotModified('GET /api/v1/cities/{city}', { params: { city: 'dortmund' }, headers: { 'Accept-Encoding': 'gzip' } });
    await expectMethodNotAllowed('GET /api/v1/cities/{city}', { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}'() {
    await expectHeadLikeGet('/api/v1/cities/{city}', { params: { city: 'dortmund' } });
    const get = await call('GET /api/v1/cities/{city}', { params: { city: 'schwerte' } });
    const nm = await call('HEAD /api/v1/cities/{city}', { params: { city: 'schwerte' }, headers: { 'If-None-Match': get.headers.etag } });
    assert.equal(nm.status, 304);
    assert.equal((await expectHeadLikeGet('/api/v1/cities/{city}', { params: { city: 'atlantis' } })).status, 404);
  },
  async 'OPTIONS /api/v1/cities/{city}'() { await expectOptions('OPTIONS /api/v1/cities/{city}', { city: 'dortmund' }); },

  async 'GET /api/v1/city'() {
    const bySlug = await call('GET /api/v1/cities/{city}', { params: { city: 'schwerte' } });
    for (const host of [SCHWERTE_HOST, `${SCHWERTE_HOST}:8080`]) {
      const r = await call('GET /api/v1/city', { headers: { Host: host } });
      assert.equal(r.status, 200, host);
      assert.deepEqual(r.body, bySlug.body, 'the same manifest as by slug');
      assert.equal(r.headers.etag, bySlug.headers.etag, 'the same representation as by slug');
    }
    for (const host of [`127.0.0.1:${server.port}`, 'app.dortmund.example', 'localhost']) {
      const missing = await call('GET /api/v1/city', { headers: { Host: host } });
      assert.equal(missing.status, 404, host);
      assert.match(missing.body.detail, /host name belongs to no city/);
    }
    await expectNotModified('GET /api/v1/city', { headers: { Host: SCHWERTE_HOST } });
    await expectMethodNotAllowed('GET /api/v1/city');
  },
  async 'HEAD /api/v1/city'() {
    await expectHeadLikeGet('/api/v1/city', { headers: { Host: SCHWERTE_HOST } });
    const get = await call('GET /api/v1/city', { headers: { Host: SCHWERTE_HOST } });
    const nm = await call('HEAD /api/v1/city', { headers: { Host: SCHWERTE_HOST, 'If-None-Match': get.headers.etag } });
    assert.equal(nm.status, 304);
    assert.equal((await expectHeadLikeGet('/api/v1/city')).status, 404);
  },
  async 'OPTIONS /api/v1/city'() { await expectOptions('OPTIONS /api/v1/city'); },

  async 'GET /api/v1/cities/{city}/services'() {
    const key = 'GET /api/v1/cities/{city}/services';
    for (const city of LIST_CITY) {
      const all = await call(key, { params: { city }, query: { limit: '500' } });
      assert.equal(all.status, 200);
      assert.equal(all.body.next_cursor, null);
      const items = all.body.items;
      assert.equal(items.length, city === 'dortmund' ? 13 : 8);
      const keys = items.map((s) => `${foldGerman(s.title)}\u001f${s.slug}`);
      assert.deepEqual(keys, [...keys].sort(), 'sorted by folded title, then slug');
      for (const s of items) {
        assert.equal(s.href, `/api/v1/cities/${city}/services/${s.slug}`);
        assert.equal(s.letter, foldGerman(s.title)[0].toUpperCase());
      }
      const byDefault = await call(key, { params: { city } });
      assert.deepEqual(byDefault.body, all.body, 'default limit 50 covers the demo lists');

      // Walking in pages returns every item once, in order.
      const walked = [];
      let cursor;
      for (let page = 0; page < 20; ++page) {
        const r = await call(key, { params: { city }, query: cursor ? { limit: '3', cursor } : { limit: '3' } });
        assert.equal(r.status, 200);
        assert.ok(r.body.items.length <= 3);
        walked.push(...r.body.items);
        cursor = r.body.next_cursor;
        if (cursor === null) break;
      }
      assert.deepEqual(walked, items);
    }

    const slugsFor = async (q, city = 'dortmund') =>
      (await call(key, { params: { city }, query: { q } })).body.items.map((s) => s.slug);
    assert.deepEqual(await slugsFor('BURGERBURO'), ['fuehrungszeugnis', 'personalausweis-beantragen', 'reisepass-beantragen']);
    assert.deepEqual(await slugsFor('id-karte'), ['personalausweis-beantragen']);
    assert.deepEqual(await slugsFor('Führungszeugnis'), ['fuehrungszeugnis']);
    assert.deepEqual(await slugsFor('Elefant'), []);
    assert.equal((await slugsFor('')).length, 13);
    assert.equal((await slugsFor('x'.repeat(100))).length, 0, '100 bytes is allowed');
    const limited = await call(key, { params: { city: 'dortmund' }, query: { q: 'beantragen', limit: '1' } });
    assert.equal(limited.body.items.length, 1);
    assert.equal(typeof limited.body.next_cursor, 'string');
    const rest = await call(key, { params: { city: 'dortmund' }, query: { q: 'beantragen', limit: '500', cursor: limited.body.next_cursor } });
    assert.ok(rest.body.items.every((s) => s.slug !== limited.body.items[0].slug));

    for (const [query, field] of [
      [{ limit: '0' }, 'limit'], [{ limit: '501' }, 'limit'], [{ limit: 'ten' }, 'limit'], [{ limit: '-1' }, 'limit'],
      [{ limit: '' }, 'limit'], [{ cursor: '%%' }, 'cursor'], [{ cursor: '' }, 'cursor'], [{ q: 'x'.repeat(101) }, 'q'],
      [{ q: 'ü'.repeat(51) }, 'q'],
    ]) {
      const r = await call(key, { params: { city: 'dortmund' }, query });
      assert.equal(r.status, 422, JSON.stringify(query));
      assert.equal(r.body.field, field, JSON.stringify(query));
    }
    const missing = await call(key, { params: { city: 'atlantis' } });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.field, 'city');

    // A city that switches the module off answers 404 for its routes; others are unaffected.
    runCli(['module', 'disable', '--city', 'schwerte', 'services']);
    try {
      const off = await eventually(async () => {
        const r = await call(key, { params: { city: 'schwerte' } });
        assert.equal(r.status, 404);
        return r;
      }, 'schwerte/services after disabling the module');
      assert.match(off.body.detail, /module 'services' is not enabled for city 'schwerte'/);
      assert.equal((await call(key, { params: { city: 'dortmund' } })).status, 200);
      assert.deepEqual((await call('GET /api/v1/cities/{city}', { params: { city: 'schwerte' } })).body.modules, []);
    } finally {
      runCli(['module', 'enable', '--city', 'schwerte', 'services']);
      await eventually(async () => assert.equal((await send('GET', '/api/v1/cities/schwerte/services')).status, 200),
        'schwerte/services after enabling the module again');
    }

    await expectNotModified(key, { params: { city: 'dortmund' }, query: { q: 'ausweis' } });
    await expectNotModified(key, { params: { city: 'dortmund' }, headers: { 'Accept-Encoding': 'gzip' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/services'() {
    const path = '/api/v1/cities/{city}/services';
    await expectHeadLikeGet(path, { params: { city: 'dortmund' }, query: { limit: '2' } });
    const get = await call(`GET ${path}`, { params: { city: 'schwerte' }, query: { q: 'fund' } });
    const nm = await call(`HEAD ${path}`, { params: { city: 'schwerte' }, query: { q: 'fund' }, headers: { 'If-None-Match': get.headers.etag } });
    assert.equal(nm.status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' } })).status, 404);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' }, query: { limit: '0' } })).status, 422);
  },
  async 'OPTIONS /api/v1/cities/{city}/services'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/services', { city: 'dortmund' });
  },

  async 'GET /api/v1/cities/{city}/services/{service}'() {
    const key = 'GET /api/v1/cities/{city}/services/{service}';
    const r = await call(key, { params: { city: 'dortmund', service: 'personalausweis-beantragen' } });
    assert.equal(r.status, 200);
    assert.equal(r.body.title, 'Personalausweis beantragen');
    assert.equal(r.body.department, 'Bürgerdienste');
    assert.ok(r.body.keywords.includes('ID-Karte'));
    // Every item of every list is the same as its own resource.
    for (const city of LIST_CITY) {
      const items = (await call('GET /api/v1/cities/{city}/services', { params: { city }, query: { limit: '500' } })).body.items;
      for (const item of items) {
        const one = await call(key, { params: { city, service: item.slug } });
        assert.deepEqual(one.body, item);
      }
    }
    for (const [city, service, field] of [['schwerte', 'kita-platz', 'service'], ['dortmund', 'no-such-service', 'service'],
      ['atlantis', 'personalausweis-beantragen', 'city']]) {
      const missing = await call(key, { params: { city, service } });
      assert.equal(missing.status, 404, `${city}/${service}`);
      assert.equal(missing.body.field, field);
    }
    assert.equal((await call(key, { params: { city: 'dortmund', service: 'kita-platz' } })).status, 200,
      'kita-platz is a Dortmund service: each city sees only its own');
    await expectNotModified(key, { params: { city: 'schwerte', service: 'fundsachen' } });
    await expectMethodNotAllowed(key, { city: 'dortmund', service: 'personalausweis-beantragen' });
  },
  async 'HEAD /api/v1/cities/{city}/services/{service}'() {
    const path = '/api/v1/cities/{city}/services/{service}';
    await expectHeadLikeGet(path, { params: { city: 'schwerte', service: 'fundsachen' } });
    const get = await call(`GET ${path}`, { params: { city: 'schwerte', service: 'fundsachen' } });
    const nm = await call(`HEAD ${path}`, { params: { city: 'schwerte', service: 'fundsachen' }, headers: { 'If-None-Match': get.headers.etag } });
    assert.equal(nm.status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'schwerte', service: 'kita-platz' } })).status, 404);
  },
  async 'OPTIONS /api/v1/cities/{city}/services/{service}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/services/{service}', { city: 'dortmund', service: 'personalausweis-beantragen' });
  },
};

// ---------------------------------------------------------------------------------------------
// The tests.

before(async () => {
  assert.ok(MOSAIKD && existsSync(MOSAIKD), `set MOSAIKD to the mosaikd binary (got ${MOSAIKD})`);
  assert.ok(MOSAIK_CLI && existsSync(MOSAIK_CLI), `set MOSAIK_CLI to the mosaik binary (got ${MOSAIK_CLI})`);
  workDir = mkdtempSync(path.join(tmpdir(), 'mosaik-conformance-'));
  databasePath = path.join(workDir, 'db');
  runCli(['demo', 'load']);
  // Schwerte gets a domain of its own, for GET /api/v1/city.
  const schwerte = JSON.parse(runCli(['city', 'show', 'schwerte']));
  schwerte.domains = [SCHWERTE_HOST];
  writeFileSync(path.join(workDir, 'schwerte.json'), JSON.stringify(schwerte));
  runCli(['city', 'update', '--file', path.join(workDir, 'schwerte.json')]);
  server = await startServer();
});

after(async () => {
  try {
    if (server) await stopServer();
  } finally {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }
});

test('docs/openapi.yaml passes redocly lint (recommended ruleset, tests/conformance/redocly.yaml)', (t) => {
  const r = spawnSync(path.join(modules, '.bin', 'redocly'),
    ['lint', '--config', path.join(here, 'redocly.yaml'), '--format', 'stylish', docPath], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
  const output = `${r.stdout}${r.stderr}`;
  for (const line of output.split('\n').filter((l) => /\b(warning|error)\b/.test(l) && !/[║╔╚]/.test(l))) t.diagnostic(line.trim());
  assert.equal(r.status, 0, `redocly lint failed:\n${output}`);
});

test('every operation of the document has a scenario, and every scenario an operation', () => {
  assert.deepEqual([...operations.keys()].filter((k) => !(k in scenarios)), [], 'operations without a scenario');
  assert.deepEqual(Object.keys(scenarios).filter((k) => !operations.has(k)), [], 'scenarios of undocumented operations');
});

describe('the real server answers as documented', () => {
  for (const key of operations.keys()) {
    test(key, { timeout: 120_000 }, async (t) => {
      assert.ok(scenarios[key], `no scenario for ${key}`);
      await scenarios[key](t);
    });
  }
});

test('paths near the documented ones are not routed (no undocumented endpoints there)', async () => {
  const documented = [...new Set([...operations.values()].map((o) => o.path))]
    .map((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`));
  for (const probe of ['/api', '/api/v1', '/api/v1/city', '/api/v1/cities/', '/api/v1/cities/dortmund/news',
    '/api/v1/cities/dortmund/services/', '/api/v1/cities/dortmund/services/fundsachen/x', '/api/v2/cities',
    '/healthz/x', '/metrics/x']) {
    if (documented.some((re) => re.test(probe))) continue;
    // OPTIONS answers 204 on any routed path, before a city or module is looked at.
    const r = await send('OPTIONS', probe);
    assert.equal(r.status, 404, `OPTIONS ${probe}: something is routed here that the document does not describe`);
    const body = JSON.parse(r.raw.toString('utf8'));
    validate({ $ref: `${SCHEMA_ROOT}#/$defs/RoutedProblem` }, body, `OPTIONS ${probe}`);
    assert.equal(body.type, 'urn:mosaik:problem:not-found');
  }
});

test('every documented status code was produced', (t) => {
  const missing = [];
  for (const { method, path, operation } of operations.values()) {
    for (const status of Object.keys(operation.responses ?? {})) {
      const key = `${method} ${path} ${status}`;
      if (exercised.has(key)) continue;
      if (notExercisable.has(key)) t.diagnostic(`not produced: ${key} (${notExercisable.get(key)})`);
      else missing.push(key);
    }
  }
  assert.deepEqual(missing, [], 'documented statuses no scenario produced');
});
