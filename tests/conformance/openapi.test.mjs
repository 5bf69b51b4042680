// Conformance of the real mosaikd with docs/openapi.yaml, checked by implementations that are not
// ours: Redocly lints the document (recommended ruleset, see redocly.yaml), Ajv validates every
// answer of a real server against the document's JSON Schemas (draft 2020-12, as OpenAPI 3.1).
//
//   MOSAIKD=build/dev/src/mosaikd MOSAIK_CLI=build/dev/src/mosaik node --test tests/conformance/openapi.test.mjs
//
// Every operation of the document must have a scenario here; every answer must have a documented
// status, media type, headers and body (response objects are closed: an undocumented field
// fails); every documented status must be produced at least once; every request body the server
// accepts must match the documented request schema. The document and `mosaikd --routes` must
// list the same operations with the same access requirement (`x-mosaik-access`). Staff accounts
// are made with the real CLI (`mosaik user create`), signed in through the API, and API tokens
// are created through the API. Needs the npm packages of
// package-lock.json (`npm ci --prefix tests/conformance`) and nothing from the network but
// loopback. `sqlite3` (Debian package) is used to make /readyz fail; without it that case is
// skipped and says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { MOSAIKD, MOSAIK_CLI, childEnvironment, runCli as runMosaik, startServer as startMosaikd, stopServer } from './mosaik_process.mjs';
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
let workDir;
let databasePath;
let server;  // {child, port, stderr: []}

// `input` goes to the CLI's standard input (passwords are read from there, never from arguments).
function runCli(args, input) {
  return runMosaik(workDir, `sqlite:${databasePath}`, args, input);
}

// Plain HTTP, so the session cookie is not `Secure`; two failed sign-ins lock an account, so
// that 429 is reachable quickly.
function startServer() {
  return startMosaikd(workDir, `sqlite:${databasePath}`,
    ['--set', 'auth.cookie_secure=false', '--set', 'auth.login_max_failures=2']);
}

// One request on a fresh connection. Bodies are returned raw (not decompressed).
//
// A body over 1 MiB is held back until the headers have had a second to be answered: the server
// refuses a body over its limit by `Content-Length` alone (413) and closes the connection, and
// had it unread bytes of the body then, the reset that follows would lose its answer. The
// result's `bodySent` says whether the body went out.
const HOLD_BODY_OVER = 1 << 20;
function send(method, target, headers = {}, body = undefined) {
  if (body !== undefined) headers = { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
  const hold = body !== undefined && Buffer.byteLength(body) > HOLD_BODY_OVER;
  return new Promise((resolve, reject) => {
    let bodySent = !hold;
    let timer;
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: target, headers, agent: false },
      (res) => {
        clearTimeout(timer);
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode, headers: res.headers, raw: Buffer.concat(chunks), bodySent });
          if (!bodySent) req.destroy();
        });
        res.on('error', reject);
      });
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer within 15 s: ${method} ${target}`)));
    req.on('error', reject);
    if (!hold) return req.end(body);
    req.flushHeaders();
    timer = setTimeout(() => { bodySent = true; req.end(body); }, 1000);
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

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Calls `key` ("GET /api/v1/cities/{city}") with path parameters, query and headers; `as` sends a
// different method to the same path (for 405). `body` is sent as JSON (an object) or as is (a
// string or a Buffer), as application/json unless `headers` say otherwise. Credentials:
// `session` (from signIn: the cookie, and on writes its CSRF token unless `csrf` is false or
// another string) or `token` (an API token, as a bearer token). Returns {status, headers, raw,
// body, bodySent}; `body` is a Buffer for images.
async function call(key, { params = {}, query = {}, headers = {}, as, body, session, token, csrf } = {}) {
  const op = operations.get(key);
  assert.ok(op, `the document has no operation ${key}`);
  const method = as ?? op.method;
  headers = { ...headers };
  if (session) {
    headers.Cookie = `mosaik_session=${session.cookie}`;
    if (WRITE_METHODS.has(method) && csrf !== false) headers['X-CSRF-Token'] = typeof csrf === 'string' ? csrf : session.csrf;
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (body !== undefined) {
    payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
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
    const lower = name.toLowerCase();
    // Credentials are described by the security schemes, a body's type by requestBody.
    const known = documented.has(`header:${lower}`) || ['accept-encoding', 'host', 'authorization', 'cookie'].includes(lower) ||
      (lower === 'content-type' && op.operation.requestBody);
    assert.ok(known, `${key}: request header ${name} is not documented`);
  }
  const res = await send(method, target, headers, payload);
  res.body = conform(op, method, target, res);

  if (res.status < 300 && method === op.method) {
    // What the server accepted, the document must accept: the body and the credentials.
    if (Buffer.isBuffer(body)) {
      const type = Object.entries(headers).find(([h]) => h.toLowerCase() === 'content-type')?.[1];
      const media = deref(op.operation.requestBody)?.content;
      assert.ok(media && mediaFor(media, type ?? ''), `${key}: the server accepted a body sent as ${type}, which is not documented`);
    } else if (body !== undefined && typeof body === 'object') {
      const media = deref(op.operation.requestBody)?.content?.['application/json'];
      assert.ok(media?.schema, `${key}: the server accepted a JSON body, but none is documented`);
      validate(media.schema, body, `${key} -> ${res.status}: the request body the server accepted`);
    }
    if (op.operation['x-mosaik-access'] !== 'public') {
      const schemes = (op.operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
      if (session) assert.ok(schemes.includes('sessionCookie'), `${key} -> ${res.status} with a session cookie, which its security does not list`);
      if (token) assert.ok(schemes.includes('bearerToken'), `${key} -> ${res.status} with a bearer token, which its security does not list`);
    }
  }
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
  // Answers of the HTTP layer before routing (a body over the limit: 413) have no request id
  // and no instance; their documented responses say so by not listing X-Request-Id.
  const routed = Boolean(response.headers?.['X-Request-Id']);

  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const h = deref(header);
    const value = res.headers[name.toLowerCase()];
    if (value === undefined) {
      assert.ok(!h.required, `${where}: documented header ${name} is missing`);
      continue;
    }
    // Node gives Set-Cookie as a list of its fields; every one must match.
    if (h.schema) for (const v of [value].flat()) validate(h.schema, v, `${where}: header ${name}`);
  }
  if (routed) assert.match(res.headers['x-request-id'] ?? '', /^[A-Za-z0-9._-]{1,64}$/, `${where}: X-Request-Id`);
  else assert.equal(res.status, 413, `${where}: only the HTTP layer's 413 is documented without X-Request-Id`);
  if (op.operation['x-mosaik-access'] !== 'public')
    assert.equal(res.headers['cache-control'], 'no-store', `${where}: answers of operations that need credentials are never stored`);

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
  // Images are returned as they are; the scenarios look into them.
  if (contentType.startsWith('image/')) return bytes;
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
    if (routed) assert.equal(body.instance, decodeURIComponent(target.split('?')[0]), `${where}: problem instance`);
    else assert.equal(body.instance, undefined, `${where}: answered before routing, without instance`);
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
  // HEAD on a path without GET is checked on a raw connection below (the answer has a body that
  // Node's HTTP client rightly refuses).
  const candidates = documentedMethods.has('GET') ? ['POST', 'PUT', 'PATCH', 'DELETE'] : ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  for (const method of candidates) {
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
// Staff and API tokens. The accounts are made with the real CLI before the server starts; each
// scenario signs in through the API (or reuses a session of signIn) and makes its own tokens.

const PASSWORD = 'Lindenblüte-Kanal-4711';
const STAFF = {
  platform: { email: 'platform@mosaik.example', roles: ['platform-admin'] },
  admin: { email: 'admin@dortmund.example', roles: ['city-admin:dortmund'] },
  editor: { email: 'editor@dortmund.example', roles: ['editor:dortmund'] },
  caseWorker: { email: 'case.worker@dortmund.example', roles: ['case-worker:dortmund:services'] },
  schwerteAdmin: { email: 'admin@schwerte.example', roles: ['city-admin:schwerte'] },
  twoCities: { email: 'two.cities@mosaik.example', roles: ['editor:dortmund', 'editor:schwerte'] },
  leaver: { email: 'leaver@dortmund.example', roles: ['editor:dortmund'] },
  locked: { email: 'locked@dortmund.example', roles: ['editor:dortmund'] },
};

function createStaffWithCli() {
  for (const { email, roles } of Object.values(STAFF))
    runCli(['user', 'create', '--email', email, ...roles.flatMap((r) => ['--role', r])], `${PASSWORD}\n`);
}

function sessionCookieOf(res) {
  const fields = res.headers['set-cookie'] ?? [];
  assert.equal(fields.length, 1, 'one Set-Cookie');
  const m = /^mosaik_session=([^;]*);/.exec(fields[0]);
  assert.ok(m, `a mosaik_session cookie: ${fields[0]}`);
  return m[1];
}

// Signs in through the API: {email, cookie, csrf, body}. Sessions are shared between scenarios
// unless `fresh` (for scenarios that end them).
const sessions = new Map();
async function signIn(email, { fresh = false, password = PASSWORD } = {}) {
  if (!fresh && sessions.has(email)) return sessions.get(email);
  const r = await call('POST /api/v1/session', { body: { email, password } });
  assert.equal(r.status, 200, `sign-in of ${email}: ${JSON.stringify(r.body)}`);
  const session = { email, cookie: sessionCookieOf(r), csrf: r.body.csrf_token, body: r.body };
  if (!fresh) sessions.set(email, session);
  return session;
}

// A new API token of `city`, made by its admin through the API: the POST's answer.
async function createToken(city, scopes, name = `conformance ${scopes.join(' ')}`) {
  const admin = await signIn(city === 'dortmund' ? STAFF.admin.email : STAFF.schwerteAdmin.email);
  const r = await call('POST /api/v1/cities/{city}/tokens', { params: { city }, session: admin, body: { name, scopes } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

// A new staff account of `city`, made by its admin through the API: the POST's answer.
async function createStaff(city, email, roles, password = PASSWORD) {
  const admin = await signIn(city === 'dortmund' ? STAFF.admin.email : STAFF.schwerteAdmin.email);
  const r = await call('POST /api/v1/cities/{city}/staff', { params: { city }, session: admin,
    body: { email, display_name: email.split('@')[0], password, roles } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function staffId(email, city = 'dortmund') {
  const platform = await signIn(STAFF.platform.email);
  const r = await call('GET /api/v1/cities/{city}/staff', { params: { city }, session: platform, query: { limit: '200' } });
  const member = r.body.items.find((m) => m.email === email);
  assert.ok(member, `${email} is staff of ${city}`);
  return member.id;
}

// Every item of a cursor-paginated list, walking pages of `limit`.
async function walk(key, options, limit) {
  const items = [];
  let cursor;
  for (let page = 0; page < 200; ++page) {
    const r = await call(key, { ...options, query: cursor ? { limit: String(limit), cursor } : { limit: String(limit) } });
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length <= limit);
    items.push(...r.body.items);
    cursor = r.body.next_cursor;
    if (cursor === null) return items;
  }
  assert.fail(`${key}: more than 200 pages`);
}

async function auditOf(city, limit = 200) {
  const platform = await signIn(STAFF.platform.email);
  const r = await call('GET /api/v1/cities/{city}/audit', { params: { city }, session: platform, query: { limit: String(limit) } });
  assert.equal(r.status, 200);
  return r.body.items;
}

// Calls that must each be refused with `status`; `field` for 422/404 problems.
async function expectProblems(key, cases, common = {}) {
  for (const c of cases) {
    const what = c.what ?? JSON.stringify({ ...c, session: c.session?.email });
    const r = await call(key, { ...common, ...c, params: { ...common.params, ...c.params } });
    assert.equal(r.status, c.status, `${key} ${what}: ${JSON.stringify(r.body)}`);
    if (c.field !== undefined) assert.equal(r.body?.field, c.field, `${key} ${what}: field`);
    if (c.detail) assert.match(r.body.detail, c.detail, `${key} ${what}: detail`);
    if (c.status === 401 && !c.noChallenge) assert.equal(r.headers['www-authenticate'], 'Bearer realm="mosaik"', `${key} ${what}`);
  }
}

// The body errors every operation with a JSON body has: 415 for another media type, 400 for
// malformed JSON, 422 for a body that is not an object.
async function expectBodyProblems(key, options) {
  await expectProblems(key, [
    { what: 'text/plain', body: '{}', headers: { 'Content-Type': 'text/plain' }, status: 415, detail: /application\/json/ },
    { what: 'no Content-Type', body: '{}', headers: { 'Content-Type': '' }, status: 415 },
    { what: 'malformed JSON', body: '{"a":', status: 400, detail: /not valid JSON/ },
    { what: 'an array', body: '[]', status: 422, field: '/' },
  ], options);
}

// HEAD on a city-admin list or document of Dortmund: like GET for the admin (also 304), 401
// without credentials, 403 for an editor, 404 for an unknown city, and 422 for `badQuery`.
async function expectCityAdminHead(path, { query, badQuery } = {}) {
  const admin = await signIn(STAFF.admin.email);
  await expectHeadLikeGet(path, { params: { city: 'dortmund' }, session: admin, query });
  const get = await call(`GET ${path}`, { params: { city: 'dortmund' }, session: admin });
  assert.equal((await call(`HEAD ${path}`, { params: { city: 'dortmund' }, session: admin, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
  assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' } })).status, 401);
  assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' }, session: await signIn(STAFF.editor.email) })).status, 403);
  assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' }, session: admin })).status, 404);
  if (badQuery) assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' }, session: admin, query: badQuery })).status, 422);
}

const b64url = (text) => Buffer.from(text).toString('base64url');

// The id of a published demo event of Dortmund (the weekly market).
async function someEventId() {
  const list = await call('GET /api/v1/cities/{city}/events', { params: { city: 'dortmund' }, query: { limit: '200' } });
  const market = list.body.items.find((i) => i.event.title === 'Wochenmarkt auf dem Hansaplatz');
  assert.ok(market, 'the demo market');
  return market.event.id;
}

// HEAD on an events route for editors: like GET for an editor (also 304), 401 without
// credentials, 403 for a case worker, 404 for an unknown city.
async function expectEventsStaffHead(path, params = {}) {
  const editor = await signIn(STAFF.editor.email);
  const own = { city: 'dortmund', ...params };
  await expectHeadLikeGet(path, { params: own, session: editor });
  const get = await call(`GET ${path}`, { params: own, session: editor });
  assert.equal((await call(`HEAD ${path}`, { params: own, session: editor, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
  assert.equal((await expectHeadLikeGet(path, { params: own })).status, 401);
  assert.equal((await expectHeadLikeGet(path, { params: own, session: await signIn(STAFF.caseWorker.email) })).status, 403);
  assert.equal((await expectHeadLikeGet(path, { params: { ...own, city: 'atlantis' }, session: editor })).status, 404);
}

// ---------------------------------------------------------------------------------------------
// Module `waste`: dates are calendar dates of the city (Europe/Berlin).

function berlinToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The area of a whole street of `city`'s demo plan, found as a citizen finds it.
async function someWasteArea(city) {
  const r = await call('GET /api/v1/cities/{city}/waste/streets', { params: { city }, query: { q: city === 'schwerte' ? 'Hüsingstr' : 'Westenhellweg' } });
  assert.ok(r.body.items[0]?.area, `a street of ${city} in one area`);
  return r.body.items[0].area;
}

// A pickup of Dortmund's demo plan next year, from February on, on its planned date and not
// changed: what staff move, cancel or shift.
async function plannedWastePickup(city, code, type) {
  const editor = await signIn(STAFF.editor.email);
  const year = Number(berlinToday().slice(0, 4)) + 1;
  const r = await call('GET /api/v1/cities/{city}/waste/admin/areas/{code}/dates', { params: { city, code }, session: editor,
    query: { year: String(year), types: type } });
  const pickup = r.body.items.find((p) => p.planned >= `${year}-02-01` && p.date === p.planned && !p.cancelled && p.change_id === null);
  assert.ok(pickup, `a ${type} pickup of ${code} in ${year}`);
  return pickup;
}

// HEAD on a public waste route: like GET (also 304), 404 for an unknown city, 422 for `badQuery`.
async function expectWastePublicHead(path, query, badQuery, params = {}) {
  const own = { city: 'dortmund', ...params };
  await expectHeadLikeGet(path, { params: own, query });
  const get = await call(`GET ${path}`, { params: own, query });
  assert.equal((await call(`HEAD ${path}`, { params: own, query, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
  assert.equal((await expectHeadLikeGet(path, { params: { ...own, city: 'atlantis' }, query })).status, 404);
  if (badQuery) assert.equal((await expectHeadLikeGet(path, { params: own, query: badQuery })).status, 422);
}

// HEAD on a waste staff route: like GET for an editor (also 304), 401 without credentials, 403
// for a case worker, 404 for an unknown city, 422 for `badQuery`.
async function expectWasteStaffHead(path, params = {}, badQuery) {
  await expectEventsStaffHead(path, params);
  if (badQuery) {
    const r = await expectHeadLikeGet(path, { params: { city: 'dortmund', ...params }, session: await signIn(STAFF.editor.email), query: badQuery });
    assert.equal(r.status, 422);
  }
}

// The refusals every waste staff read has: 401, 403 (a case worker, a token of another module),
// 404 for an unknown city; and `extra`.
async function expectWasteStaffProblems(key, params, extra = []) {
  const editor = await signIn(STAFF.editor.email);
  await expectProblems(key, [
    { what: 'no credentials', status: 401 },
    { what: 'a case worker', session: await signIn(STAFF.caseWorker.email), status: 403 },
    { what: 'an events token', token: (await createToken('dortmund', ['events:read'])).token, status: 403 },
    { what: 'no such city', params: { ...params, city: 'atlantis' }, session: editor, status: 404, field: 'city' },
    ...extra,
  ], { params });
}

// ---------------------------------------------------------------------------------------------
// Images, made here rather than kept as fixtures: PNGs written with zlib (deflate and CRC-32).

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function pngChunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

// A width x height PNG in one colour: RGB, or RGBA with every other column half transparent.
// `chunks` go between IHDR and IDAT; `idat` replaces the compressed pixels.
function makePng(width, height, { alpha = false, rgb = [30, 120, 200], chunks = [], idat } = {}) {
  const channels = alpha ? 4 : 3;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;  // bits per channel
  header[9] = alpha ? 6 : 2;  // colour type: RGBA or RGB
  const row = Buffer.alloc(1 + width * channels);  // filter type 0 (none), then the pixels
  for (let x = 0; x < width; ++x) row.set(alpha ? [...rgb, x % 2 ? 128 : 255] : rgb, 1 + x * channels);
  const pixels = idat ?? zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), ...chunks, pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0))]);
}

// A PNG's size, colour type, chunk types and first pixel as #rrggbb. The first pixel needs no
// unfiltering: every PNG filter predicts it from zeros.
function readPng(bytes) {
  assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG');
  const chunks = [];
  const idat = [];
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    assert.equal(bytes.readUInt32BE(at + 8 + length), zlib.crc32(bytes.subarray(at + 4, at + 8 + length)), `CRC of ${type}`);
    chunks.push(type);
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  assert.equal(chunks[0], 'IHDR');
  assert.equal(chunks.at(-1), 'IEND');
  const pixels = zlib.inflateSync(Buffer.concat(idat));
  const hex = [...pixels.subarray(1, 4)].map((v) => v.toString(16).padStart(2, '0')).join('');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24], colourType: bytes[25],
    chunks, firstPixel: `#${hex}` };
}

// `jpeg` with an EXIF segment (APP1) right after its start marker, naming where it was taken.
function withExif(jpeg) {
  assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8], 'a JPEG');
  const payload = Buffer.concat([Buffer.from('Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0', 'latin1'), Buffer.from('GPS 51.5136N 7.4653E')]);
  const marker = Buffer.alloc(4);
  marker.writeUInt16BE(0xffe1, 0);
  marker.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), marker, payload, jpeg.subarray(2)]);
}

// A PNG carrying EXIF (an eXIf chunk) and a comment that names a place.
function taggedPng(width, height, options = {}) {
  return makePng(width, height, { ...options, chunks: [
    pngChunk('eXIf', Buffer.from('II*\0\x08\0\0\0\0\0\0\0\0\0', 'latin1')),
    pngChunk('tEXt', Buffer.from('Comment\0Exif GPS 51.5136N 7.4653E', 'latin1')),
  ] });
}

// Uploads `image` (a PNG or a JPEG) to `city` as Dortmund's editor unless `session` says otherwise.
async function upload(image, { city = 'dortmund', session } = {}) {
  session ??= await signIn(STAFF.editor.email);
  const type = image[0] === 0xff ? 'image/jpeg' : 'image/png';
  return call('POST /api/v1/cities/{city}/media', { params: { city }, session, body: image, headers: { 'Content-Type': type } });
}

const mediaParams = (url) => {
  const m = /^\/api\/v1\/cities\/([^/]+)\/media\/([^/]+)$/.exec(url);
  assert.ok(m, `a media URL: ${url}`);
  return { city: m[1], file: m[2] };
};

// ---------------------------------------------------------------------------------------------
// Module `reports`: reports made as citizens make them.

let reportCount = 0;
const submissionId = () => `conformance-${process.pid}-${String(++reportCount).padStart(4, '0')}`;
const REPORT_PHOTO = makePng(64, 48, { rgb: [200, 60, 20] }).toString('base64');

// A report made through the API in `city` (a pothole at the map's centre unless `fields` say
// otherwise): the POST's answer, with its access_token.
async function makeReport(city, fields = {}) {
  const { center } = (await call('GET /api/v1/cities/{city}', { params: { city } })).body.map;
  const body = { submission_id: submissionId(), category: 'schlagloch', lat: center.lat, lon: center.lon, address: 'Hansastraße 12',
    description: 'Tiefes Loch', attributes: { lage: 'fahrbahn' }, ...fields };
  const r = await call('POST /api/v1/cities/{city}/reports', { params: { city }, body });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

// Made once, shared by the scenarios: Dortmund publishes at once, Schwerte after a look.
let reportFixturesMade;
function reportFixtures() {
  reportFixturesMade ??= (async () => ({
    withPhoto: await makeReport('dortmund', { photos: [REPORT_PHOTO], email: 'melder@example.org' }),
    unplaced: await makeReport('dortmund', { category: 'sonstiges', lat: null, lon: null, attributes: {}, address: 'Friedensplatz 1', description: 'Bank wackelt' }),
    review: await makeReport('schwerte', { photos: [REPORT_PHOTO], email: 'melder@example.org' }),
  }))();
  return reportFixturesMade;
}

function isImage(bytes) {
  return bytes.subarray(0, 8).equals(PNG_SIGNATURE) || (bytes[0] === 0xff && bytes[1] === 0xd8);
}

// GET, HEAD and OPTIONS of a report's photo and thumbnail: public (with the reporter's token for
// reports not public) or staff.
function reportPhotoScenarios(staff) {
  const scenariosOf = {};
  for (const thumbnail of [false, true]) {
    const path = `/api/v1/cities/{city}/reports/${staff ? 'cases/' : ''}{id}/photos/{n}${thumbnail ? '/thumbnail' : ''}`;
    scenariosOf[`GET ${path}`] = async () => {
      const key = `GET ${path}`;
      const { withPhoto, review } = await reportFixtures();
      const params = { city: 'dortmund', id: String(withPhoto.id), n: '1' };
      const reviewParams = { city: 'schwerte', id: String(review.id), n: '1' };
      const admin = await signIn(STAFF.admin.email);
      const auth = staff ? { session: admin } : {};
      const r = await call(key, { params, ...auth });
      assert.equal(r.status, 200);
      assert.ok(isImage(r.body), 'a JPEG or PNG');
      if (!staff) assert.equal(r.headers['cache-control'], 'public, max-age=300');
      const full = await call(`GET /api/v1/cities/{city}/reports/${staff ? 'cases/' : ''}{id}/photos/{n}`, { params, ...auth });
      if (thumbnail) assert.ok(r.body.length <= full.body.length);
      if (staff) {
        const schwerte = await call(key, { params: reviewParams, session: await signIn(STAFF.schwerteAdmin.email) });
        assert.equal(schwerte.status, 200, 'also of a report not public');
        assert.equal((await call(key, { params, token: (await createToken('dortmund', ['reports:read'])).token })).status, 200);
        await expectProblems(key, [
          { what: 'no credentials', status: 401 },
          { what: 'an editor', session: await signIn(STAFF.editor.email), status: 403 },
          { what: 'a report of another city', params: { id: String(review.id) }, session: admin, status: 404, field: 'n' },
          { what: 'no such photo', params: { n: '2' }, session: admin, status: 404, field: 'n' },
          { what: 'no such city', params: { city: 'atlantis' }, session: admin, status: 404, field: 'city' },
        ], { params });
      } else {
        const own = await call(key, { params: reviewParams, headers: { 'X-Report-Token': review.access_token } });
        assert.equal(own.status, 200, 'the reporter sees the photo before moderation');
        assert.equal(own.headers['cache-control'], 'private, max-age=300');
        await expectProblems(key, [
          { what: 'not public yet', params: reviewParams, status: 404, field: 'n' },
          { what: 'no such photo', params: { n: '2' }, status: 404, field: 'n' },
          { what: 'photo 4', params: { n: '4' }, status: 404, field: 'n' },
          { what: 'no such report', params: { id: '999999' }, status: 404, field: 'n' },
          { what: 'no such city', params: { city: 'atlantis' }, status: 404, field: 'city' },
        ], { params });
      }
      await expectNotModified(key, { params, ...auth });
      await expectMethodNotAllowed(key, params);
    };
    scenariosOf[`HEAD ${path}`] = async () => {
      const { withPhoto } = await reportFixtures();
      const params = { city: 'dortmund', id: String(withPhoto.id), n: '1' };
      const admin = await signIn(STAFF.admin.email);
      const auth = staff ? { session: admin } : {};
      await expectHeadLikeGet(path, { params, ...auth });
      const get = await call(`GET ${path}`, { params, ...auth });
      assert.equal((await call(`HEAD ${path}`, { params, ...auth, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
      assert.equal((await expectHeadLikeGet(path, { params: { ...params, n: '3' }, ...auth })).status, 404);
      if (staff) {
        assert.equal((await expectHeadLikeGet(path, { params })).status, 401);
        assert.equal((await expectHeadLikeGet(path, { params, session: await signIn(STAFF.editor.email) })).status, 403);
      }
    };
    scenariosOf[`OPTIONS ${path}`] = async () => { await expectOptions(`OPTIONS ${path}`, { city: 'dortmund', id: '1', n: '1' }); };
  }
  return scenariosOf;
}

// ---------------------------------------------------------------------------------------------
// Open311 GeoReport v2: the standard's error form, in JSON (the XML is compared in open311.test.mjs).

async function expectOpen311Errors(key, cases, common = {}) {
  for (const c of cases) {
    const what = c.what ?? JSON.stringify(c.query ?? c.params ?? c.body);
    const r = await call(key, { ...common, ...c, params: { ...common.params, ...c.params } });
    assert.equal(r.status, c.status, `${key} ${what}: ${typeof r.body === 'string' ? r.body : JSON.stringify(r.body)}`);
    if (typeof r.body === 'string') assert.match(r.body, new RegExp(`<errors><error><code>${c.status}</code>`), `${key} ${what}: XML`);
    else {
      assert.equal(r.body[0].code, c.status, `${key} ${what}: code`);
      if (c.detail) assert.match(r.body[0].description, c.detail, `${key} ${what}`);
    }
  }
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const form = (fields) => new URLSearchParams(fields).toString();

// ---------------------------------------------------------------------------------------------
// One scenario per operation of the document. A new operation without one fails the test.

// The RSS and Atom feeds of news answer alike: their GET, HEAD and OPTIONS scenarios.
function newsFeedScenarios(format, contentType) {
  const path = `/api/v1/cities/{city}/news/feed.${format}`;
  return {
    async [`GET ${path}`]() {
      const key = `GET ${path}`;
      const r = await call(key, { params: { city: 'schwerte' } });
      assert.equal(r.status, 200);
      assert.match(r.headers['content-type'], contentType);
      const items = (await call('GET /api/v1/cities/{city}/news', { params: { city: 'schwerte' }, query: { limit: '100' } })).body.items;
      for (const item of items) assert.ok(r.body.includes(`http://127.0.0.1:${server.port}${item.url}`), `the feed links ${item.url}`);
      const kultur = await call(key, { params: { city: 'schwerte' }, query: { category: 'kultur' } });
      assert.ok(kultur.body.includes('Kultur &amp; Freizeit'));
      await expectProblems(key, [
        { params: { city: 'atlantis' }, status: 404, field: 'city' },
        { query: { category: 'gibtsnicht' }, status: 422, field: 'category' },
      ], { params: { city: 'schwerte' } });
      await expectNotModified(key, { params: { city: 'schwerte' } });
      await expectMethodNotAllowed(key, { city: 'schwerte' });
    },
    async [`HEAD ${path}`]() {
      await expectHeadLikeGet(path, { params: { city: 'dortmund' } });
      const get = await call(`GET ${path}`, { params: { city: 'dortmund' } });
      assert.equal((await call(`HEAD ${path}`, { params: { city: 'dortmund' }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
      assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' } })).status, 404);
      assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' }, query: { category: 'x' } })).status, 422);
    },
    async [`OPTIONS ${path}`]() { await expectOptions(`OPTIONS ${path}`, { city: 'dortmund' }); },
  };
}

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
      'mosaik_http_requests_total{method="GET",route="/api/v1/cities/{city}",status="404"}',
      '# TYPE mosaik_http_request_duration_seconds histogram',
      'mosaik_http_request_duration_seconds_bucket{method="GET",route="/api/v1/cities/{city}",le="+Inf"}',
      '# TYPE mosaik_build_info gauge\nmosaik_build_info{version="',
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
    const withJunk = await call('GET /api/v1/cities', { headers: { Authorization: 'Bearer mosaik_unknown', Cookie: 'mosaik_session=unknown' } });
    assert.equal(withJunk.status, 200, 'public operations do not look at credentials');
    assert.deepEqual(withJunk.body, r.body);
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
      assert.deepEqual(m.modules.map((x) => x.name), ['services', 'news', 'events', 'waste', 'reports']);
      assert.equal(m.modules[0].href, `/api/v1/cities/${m.slug}/services`);
      assert.equal(new Set(m.districts.map((d) => d.id)).size, m.districts.length, 'district ids are unique');
      assert.deepEqual(m.feeds, { news_rss: `/api/v1/cities/${m.slug}/news/feed.rss`,
        news_atom: `/api/v1/cities/${m.slug}/news/feed.atom`,
        events_ics: `/api/v1/cities/${m.slug}/events/feed.ics` }, 'the news and events feeds');
      assert.deepEqual(m.modules[2].settings.categories.map((c) => c.slug),
        ['kultur', 'markt', 'familie', 'sport', 'bildung', 'sonstiges'], 'event categories are public, import feeds are not');
      assert.deepEqual(Object.keys(m.modules[3].settings), ['types', 'holidays', 'reminder_time', 'dropoffs'], 'the waste settings are public');
      assert.equal(m.modules[3].settings.types.length, 8, 'the default waste types');
      assert.equal(m.web_manifest, `/api/v1/cities/${m.slug}/manifest.webmanifest`);
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

  async 'GET /api/v1/cities/{city}/manifest.webmanifest'() {
    const key = 'GET /api/v1/cities/{city}/manifest.webmanifest';
    for (const city of LIST_CITY) {
      const manifest = (await call('GET /api/v1/cities/{city}', { params: { city } })).body;
      assert.equal(manifest.web_manifest, `/api/v1/cities/${city}/manifest.webmanifest`, 'the city\'s app manifest names it');
      const r = await call(key, { params: { city } });
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'application/manifest+json');
      const w = r.body;
      assert.deepEqual({ id: w.id, start_url: w.start_url, name: w.name, short_name: w.short_name, lang: w.lang, theme_color: w.theme_color },
        { id: `/${city}`, start_url: `/${city}`, name: `${manifest.name} – Mosaik`, short_name: manifest.name, lang: manifest.default_locale,
          theme_color: manifest.branding.primary_color }, 'what the city\'s app manifest says');
      assert.ok(w.description.includes(manifest.name));
      assert.deepEqual(w.icons.map((i) => [i.src, i.sizes, i.purpose]), [
        [`/api/v1/cities/${city}/icons/192.png`, '192x192', 'any'],
        [`/api/v1/cities/${city}/icons/512.png`, '512x512', 'any'],
        [`/api/v1/cities/${city}/icons/maskable-512.png`, '512x512', 'maskable'],
      ]);
    }
    const plain = await call(key, { params: { city: 'dortmund' } });
    const zipped = await call(key, { params: { city: 'dortmund' }, headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.deepEqual(zipped.body, plain.body);
    const missing = await call(key, { params: { city: 'atlantis' } });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.field, 'city');
    await expectNotModified(key, { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/manifest.webmanifest'() {
    const path = '/api/v1/cities/{city}/manifest.webmanifest';
    await expectHeadLikeGet(path, { params: { city: 'schwerte' } });
    const get = await call(`GET ${path}`, { params: { city: 'schwerte' } });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'schwerte' }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' } })).status, 404);
  },
  async 'OPTIONS /api/v1/cities/{city}/manifest.webmanifest'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/manifest.webmanifest', { city: 'dortmund' });
  },

  async 'GET /api/v1/cities/{city}/icons/{file}'() {
    const key = 'GET /api/v1/cities/{city}/icons/{file}';
    const etags = new Map();
    for (const city of LIST_CITY) {
      const primary = (await call('GET /api/v1/cities/{city}', { params: { city } })).body.branding.primary_color.toLowerCase();
      const { icons } = (await call('GET /api/v1/cities/{city}/manifest.webmanifest', { params: { city } })).body;
      for (const icon of icons) {
        const file = icon.src.split('/').pop();
        const r = await call(key, { params: { city, file }, headers: { 'Accept-Encoding': 'gzip' } });
        assert.equal(r.status, 200, icon.src);
        assert.equal(r.headers['content-type'], 'image/png');
        assert.equal(r.headers['content-encoding'], undefined, 'PNGs are compressed already');
        const png = readPng(r.body);
        assert.equal(`${png.width}x${png.height}`, icon.sizes, `${icon.src}: the size the manifest promises`);
        assert.deepEqual([png.bitDepth, png.colourType], [8, 2], `${icon.src}: 8-bit RGB`);
        assert.equal(png.firstPixel, primary, `${icon.src}: drawn in the city's primary colour`);
        etags.set(`${city}/${file}`, r.headers.etag);
      }
    }
    assert.notEqual(etags.get('dortmund/192.png'), etags.get('schwerte/192.png'), 'each city its own icons');
    await expectProblems(key, [
      { what: 'another size', params: { file: '64.png' }, status: 404 },
      { what: 'a favicon', params: { file: 'favicon.ico' }, status: 404 },
      { what: 'no such city', params: { city: 'atlantis' }, status: 404, field: 'city' },
    ], { params: { city: 'dortmund', file: '192.png' } });
    await expectNotModified(key, { params: { city: 'dortmund', file: 'maskable-512.png' } });
    await expectMethodNotAllowed(key, { city: 'dortmund', file: '192.png' });
  },
  async 'HEAD /api/v1/cities/{city}/icons/{file}'() {
    const path = '/api/v1/cities/{city}/icons/{file}';
    const params = { city: 'schwerte', file: '512.png' };
    await expectHeadLikeGet(path, { params });
    const get = await call(`GET ${path}`, { params });
    assert.equal((await call(`HEAD ${path}`, { params, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { ...params, file: '1024.png' } })).status, 404);
  },
  async 'OPTIONS /api/v1/cities/{city}/icons/{file}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/icons/{file}', { city: 'dortmund', file: '192.png' });
  },

  async 'POST /api/v1/session'() {
    const key = 'POST /api/v1/session';
    const r = await call(key, { body: { email: 'Admin@Dortmund.EXAMPLE', password: PASSWORD } });
    assert.equal(r.status, 200);
    assert.equal(r.body.user.email, STAFF.admin.email, 'the e-mail address is case-insensitive');
    assert.equal(r.body.user.display_name, 'admin', 'the CLI names accounts after the local part');
    assert.deepEqual(r.body.roles, ['city-admin:dortmund']);
    assert.deepEqual(r.body.cities, [{ slug: 'dortmund', name: 'Dortmund', admin: true,
      modules: [{ name: 'services', title: { de: 'Dienstleistungen A–Z', en: 'City services A–Z' } },
        { name: 'news', title: { de: 'Nachrichten', en: 'News' } },
        { name: 'events', title: { de: 'Veranstaltungen', en: 'Events' } },
        { name: 'waste', title: { de: 'Abfallkalender', en: 'Waste collection' } },
        { name: 'reports', title: { de: 'Mängelmelder', en: 'Report a problem' } }] }]);
    const idleEnd = Date.now() + 30 * 60_000;
    assert.ok(Math.abs(Date.parse(r.body.expires_at) - idleEnd) < 60_000, `expires_at ${r.body.expires_at}: 30 minutes idle`);
    const cookieField = r.headers['set-cookie'][0];
    assert.match(cookieField, /; Max-Age=43200; HttpOnly; SameSite=Strict$/, 'not Secure with auth.cookie_secure=false');
    const cookie = sessionCookieOf(r);
    const same = await call('GET /api/v1/session', { session: { cookie } });
    assert.equal(same.status, 200);
    assert.deepEqual({ ...same.body, expires_at: null }, { ...r.body, expires_at: null }, 'the cookie names this session');
    const other = await call(key, { body: { email: STAFF.admin.email, password: PASSWORD } });
    assert.notEqual(sessionCookieOf(other), cookie, 'every sign-in starts a session of its own');
    assert.notEqual(other.body.csrf_token, r.body.csrf_token);

    const platform = await call(key, { body: { email: STAFF.platform.email, password: PASSWORD } });
    assert.deepEqual(platform.body.roles, ['platform-admin']);
    assert.deepEqual(platform.body.cities.map((c) => [c.slug, c.admin, c.modules.map((m) => m.name)]),
      [['dortmund', true, ['services', 'news', 'events', 'waste', 'reports']], ['schwerte', true, ['services', 'news', 'events', 'waste', 'reports']]], 'a platform admin works for every city');
    const editor = await call(key, { body: { email: STAFF.twoCities.email, password: PASSWORD } });
    assert.deepEqual(editor.body.roles, ['editor:dortmund', 'editor:schwerte']);
    assert.deepEqual(editor.body.cities.map((c) => [c.slug, c.admin, c.modules.map((m) => m.name)]),
      [['dortmund', false, ['services', 'news', 'events', 'waste']], ['schwerte', false, ['services', 'news', 'events', 'waste']]],
      'reports is a cases module: not an editor\'s');
    const caseWorker = await call(key, { body: { email: STAFF.caseWorker.email, password: PASSWORD } });
    assert.deepEqual(caseWorker.body.cities, [{ slug: 'dortmund', name: 'Dortmund', admin: false, modules: [] }],
      'services is a content module: not a case worker\'s');

    await expectBodyProblems(key);
    await expectProblems(key, [
      { body: { email: 'not an address', password: PASSWORD }, status: 422, field: 'email' },
      { body: { email: STAFF.admin.email }, status: 422, field: 'password' },
      { body: { password: PASSWORD }, status: 422, field: 'email' },
      { body: { email: STAFF.admin.email, password: PASSWORD, remember_me: true }, status: 422, field: 'remember_me' },
      { body: { email: STAFF.admin.email, password: 4711 }, status: 422, field: 'password' },
      { body: { email: STAFF.admin.email, password: 'x'.repeat(1025) }, status: 422, field: 'password' },
    ]);

    // One answer for a wrong password and an unknown address; after two failures (the server's
    // auth.login_max_failures here) the account is locked, even for the right password.
    const wrong = await call(key, { body: { email: STAFF.locked.email, password: `${PASSWORD}!` } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.detail, 'The e-mail address or the password is wrong');
    const unknown = await call(key, { body: { email: 'nobody@dortmund.example', password: PASSWORD } });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.detail, wrong.body.detail);
    assert.equal((await call(key, { body: { email: STAFF.locked.email, password: 'Falsches-Passwort-1' } })).status, 401);
    for (const password of ['Falsches-Passwort-2', PASSWORD]) {
      const locked = await call(key, { body: { email: STAFF.locked.email, password } });
      assert.equal(locked.status, 429);
      const wait = Number(locked.headers['retry-after']);
      assert.ok(wait >= 1 && wait <= 15 * 60, `Retry-After ${wait}: within the 15-minute lockout`);
      assert.match(locked.body.detail, /Too many failed sign-ins/);
    }
    assert.equal((await signIn(STAFF.editor.email, { fresh: true })).email, STAFF.editor.email, 'other accounts are not locked');

    // A burst of sign-ins: four are checked at once, the rest are told to come back in a second.
    const burst = await Promise.all(Array.from({ length: 24 },
      () => call(key, { body: { email: STAFF.editor.email, password: PASSWORD } })));
    const statuses = burst.map((r) => r.status);
    assert.ok(statuses.every((s) => s === 200 || s === 503), `burst: ${statuses}`);
    assert.ok(statuses.includes(200) && statuses.includes(503), `burst: ${statuses}`);
    for (const r of burst.filter((b) => b.status === 503)) assert.equal(r.headers['retry-after'], '1');
  },

  async 'GET /api/v1/session'() {
    const key = 'GET /api/v1/session';
    const s = await signIn(STAFF.editor.email, { fresh: true });
    const r = await call(key, { session: s });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, s.body, 'the same as the sign-in answered');
    assert.deepEqual(r.body.cities.map((c) => [c.slug, c.admin, c.modules.map((m) => m.name)]), [['dortmund', false, ['services', 'news', 'events', 'waste']]]);
    await expectNotModified(key, { session: s });

    const token = (await createToken('dortmund', ['services:write'])).token;
    await expectProblems(key, [
      { what: 'no credentials', status: 401, detail: /Sign in first/ },
      { what: 'an unknown cookie', headers: { Cookie: 'mosaik_session=forgotten' }, status: 401 },
      { what: 'Basic', headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' }, status: 401, detail: /Only Bearer tokens/ },
      { what: 'an unknown token', token: 'mosaik_unknown', status: 401 },
      { what: 'an API token', token, status: 403 },
    ]);
    const stale = await call(key, { headers: { Cookie: 'theme=dark; mosaik_session=forgotten' } });
    assert.equal(stale.status, 401);
    assert.deepEqual(stale.headers['set-cookie'], ['mosaik_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict'],
      'a cookie naming no session is removed');
    assert.equal((await call(key)).headers['set-cookie'], undefined, 'no cookie, none removed');
    await expectMethodNotAllowed(key);
  },
  async 'HEAD /api/v1/session'() {
    const s = await signIn(STAFF.editor.email, { fresh: true });  // expires_at moves when a session is a minute old
    await expectHeadLikeGet('/api/v1/session', { session: s });
    const get = await call('GET /api/v1/session', { session: s });
    assert.equal((await call('HEAD /api/v1/session', { session: s, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet('/api/v1/session')).status, 401);
    const token = (await createToken('dortmund', ['services:read'])).token;
    assert.equal((await expectHeadLikeGet('/api/v1/session', { token })).status, 403);
  },
  async 'OPTIONS /api/v1/session'() { await expectOptions('OPTIONS /api/v1/session'); },

  async 'DELETE /api/v1/session'() {
    const key = 'DELETE /api/v1/session';
    const first = await signIn(STAFF.leaver.email, { fresh: true });
    const second = await signIn(STAFF.leaver.email, { fresh: true });
    const third = await signIn(STAFF.leaver.email, { fresh: true });
    const signedIn = async (s) => (await call('GET /api/v1/session', { session: s })).status === 200;
    const token = (await createToken('dortmund', ['services:write'])).token;
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'without X-CSRF-Token', session: first, csrf: false, status: 403, detail: /X-CSRF-Token/ },
      { what: 'another session\'s X-CSRF-Token', session: first, csrf: second.csrf, status: 403, detail: /X-CSRF-Token/ },
      { what: 'an API token', token, status: 403 },
      { what: 'everywhere=yes', session: first, query: { everywhere: 'yes' }, status: 422, field: 'everywhere' },
    ]);
    assert.ok(await signedIn(first), 'refused sign-outs end nothing');

    const out = await call(key, { session: first });
    assert.equal(out.status, 204);
    assert.ok(!(await signedIn(first)), 'the session has ended');
    assert.ok(await signedIn(second), 'the other sessions go on');
    assert.equal((await call(key, { session: second, query: { everywhere: 'false' } })).status, 204);
    assert.ok(!(await signedIn(second)));
    assert.ok(await signedIn(third));
    const fourth = await signIn(STAFF.leaver.email, { fresh: true });
    assert.equal((await call(key, { session: fourth, query: { everywhere: 'true' } })).status, 204);
    assert.ok(!(await signedIn(third)) && !(await signedIn(fourth)), 'everywhere ends every session of the person');
    assert.equal((await call(key, { session: fourth })).status, 401, 'an ended session cannot sign out');
  },

  async 'GET /api/v1/cities/{city}/staff'() {
    const key = 'GET /api/v1/cities/{city}/staff';
    const admin = await signIn(STAFF.admin.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: admin, query: { limit: '200' } });
    assert.equal(r.status, 200);
    assert.equal(r.body.next_cursor, null);
    const emails = r.body.items.map((m) => m.email);
    assert.deepEqual(emails, [...emails].sort(), 'sorted by e-mail address');
    for (const who of ['admin', 'editor', 'caseWorker', 'twoCities', 'leaver', 'locked'])
      assert.ok(emails.includes(STAFF[who].email), `${STAFF[who].email} works for Dortmund`);
    for (const who of ['platform', 'schwerteAdmin'])
      assert.ok(!emails.includes(STAFF[who].email), `${STAFF[who].email} has no role in Dortmund`);
    const byEmail = new Map(r.body.items.map((m) => [m.email, m]));
    assert.deepEqual(byEmail.get(STAFF.twoCities.email).roles, ['editor:dortmund'], 'only the roles for this city');
    assert.deepEqual(byEmail.get(STAFF.caseWorker.email).roles, ['case-worker:dortmund:services']);
    assert.equal(byEmail.get(STAFF.admin.email).disabled, false);
    assert.ok(byEmail.get(STAFF.admin.email).last_login_at !== null, 'the admin has signed in');
    const schwerte = await call(key, { params: { city: 'schwerte' }, session: await signIn(STAFF.platform.email) });
    assert.deepEqual(schwerte.body.items.find((m) => m.email === STAFF.twoCities.email).roles, ['editor:schwerte']);
    assert.deepEqual(await walk(key, { params: { city: 'dortmund' }, session: admin }, 2),
      (await call(key, { params: { city: 'dortmund' }, session: admin })).body.items, 'pages of 2 give the same list');

    const editor = await signIn(STAFF.editor.email);
    const token = (await createToken('dortmund', ['services:write'])).token;
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'an editor', session: editor, status: 403, detail: /for Dortmund/ },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), status: 403 },
      { what: 'an API token', token, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, status: 404, field: 'city' },
      { what: 'no such city, no credentials', params: { city: 'atlantis' }, status: 404, field: 'city' },
      ...['0', '201', 'ten'].map((limit) => ({ query: { limit }, session: admin, status: 422, field: 'limit' })),
      { query: { cursor: '%%' }, session: admin, status: 422, field: 'cursor' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'dortmund' }, session: admin });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/staff'() { await expectCityAdminHead('/api/v1/cities/{city}/staff', { query: { limit: '3' }, badQuery: { limit: '0' } }); },
  async 'OPTIONS /api/v1/cities/{city}/staff'() { await expectOptions('OPTIONS /api/v1/cities/{city}/staff', { city: 'dortmund' }); },

  async 'POST /api/v1/cities/{city}/staff'() {
    const key = 'POST /api/v1/cities/{city}/staff';
    const admin = await signIn(STAFF.admin.email);
    const body = { email: 'Neue.Kollegin@Dortmund.example', display_name: 'Neue Kollegin', password: 'Westfalenpark-Rosarium-1893',
      roles: ['editor:dortmund', 'case-worker:dortmund:services'] };
    const r = await call(key, { params: { city: 'dortmund' }, session: admin, body });
    assert.equal(r.status, 201);
    assert.equal(r.headers.location, `/api/v1/cities/dortmund/staff/${r.body.id}`);
    assert.deepEqual({ ...r.body, id: 0, created_at: '' }, { id: 0, email: 'neue.kollegin@dortmund.example', display_name: 'Neue Kollegin',
      disabled: false, created_at: '', last_login_at: null, roles: ['case-worker:dortmund:services', 'editor:dortmund'] });
    assert.ok(Math.abs(Date.parse(r.body.created_at) - Date.now()) < 60_000);
    const listed = await call('GET /api/v1/cities/{city}/staff', { params: { city: 'dortmund' }, session: admin, query: { limit: '200' } });
    assert.deepEqual(listed.body.items.find((m) => m.id === r.body.id), r.body, 'listed as created');
    const newcomer = await signIn('neue.kollegin@dortmund.example', { password: body.password, fresh: true });
    assert.deepEqual(newcomer.body.roles, r.body.roles, 'the new account can sign in');
    const entry = (await auditOf('dortmund')).find((e) => e.action === 'staff.create' && e.object.id === String(r.body.id));
    assert.deepEqual(entry.actor, { kind: 'user', id: String(admin.body.user.id), label: STAFF.admin.email });
    assert.equal(entry.request_id, r.headers['x-request-id']);
    assert.equal(entry.before, null);
    assert.deepEqual(entry.after, r.body);
    assert.ok(!JSON.stringify(entry).includes(body.password), 'the audit log never holds a password');

    const valid = { email: 'noch.jemand@dortmund.example', display_name: 'Noch Jemand', password: PASSWORD, roles: ['editor:dortmund'] };
    await expectBodyProblems(key, { params: { city: 'dortmund' }, session: admin });
    await expectProblems(key, [
      { what: 'no credentials', body: valid, status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), body: valid, status: 403 },
      { what: 'without X-CSRF-Token', session: admin, csrf: false, body: valid, status: 403, detail: /X-CSRF-Token/ },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), body: valid, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, body: valid, status: 404, field: 'city' },
      { what: 'an existing address', session: admin, body: { ...valid, email: 'NEUE.kollegin@dortmund.example' }, status: 409, field: 'email' },
      { session: admin, body: { ...valid, email: 'kein-at-zeichen' }, status: 422, field: 'email' },
      { session: admin, body: { ...valid, display_name: '' }, status: 422, field: 'display_name' },
      { session: admin, body: { ...valid, password: 'Passwort2024!' }, status: 422, field: 'password', detail: /too common/ },
      { session: admin, body: { ...valid, password: 'kurz-1' }, status: 422, field: 'password' },
      { session: admin, body: { ...valid, roles: [] }, status: 422, field: 'roles' },
      { session: admin, body: { ...valid, roles: undefined }, status: 422, field: 'roles' },
      { session: admin, body: { ...valid, roles: ['editor:schwerte'] }, status: 422, field: 'roles[0]' },
      { session: admin, body: { ...valid, roles: ['editor:dortmund', 'platform-admin'] }, status: 422, field: 'roles[1]' },
      { session: admin, body: { ...valid, roles: ['chef:dortmund'] }, status: 422, field: 'roles[0]' },
      { session: admin, body: { ...valid, roles: ['case-worker:dortmund:parking'] }, status: 422, field: 'roles[0]' },
      { session: admin, body: { ...valid, phone: '0231 500' }, status: 422, field: 'phone' },
    ], { params: { city: 'dortmund' } });
    const after = await call('GET /api/v1/cities/{city}/staff', { params: { city: 'dortmund' }, session: admin, query: { limit: '200' } });
    assert.ok(!after.body.items.some((m) => m.email === valid.email), 'refused requests create nothing');
  },

  async 'PATCH /api/v1/cities/{city}/staff/{id}'() {
    const key = 'PATCH /api/v1/cities/{city}/staff/{id}';
    const admin = await signIn(STAFF.admin.email);
    const target = await createStaff('dortmund', 'wechsel@dortmund.example', ['editor:dortmund']);
    const params = { city: 'dortmund', id: String(target.id) };
    let session = await signIn(target.email, { fresh: true });
    const signedIn = async (s) => (await call('GET /api/v1/session', { session: s })).status === 200;

    const renamed = await call(key, { params, session: admin, body: { display_name: 'Frau Wechsel' } });
    assert.equal(renamed.status, 200);
    assert.deepEqual(renamed.body, { ...target, display_name: 'Frau Wechsel', last_login_at: renamed.body.last_login_at });
    const empty = await call(key, { params, session: admin, body: {} });
    assert.equal(empty.status, 422, 'an empty change is refused');
    assert.equal(empty.body.field, '/');
    const roles = await call(key, { params, session: admin, body: { roles: ['editor:dortmund', 'case-worker:dortmund:services'] } });
    assert.deepEqual(roles.body.roles, ['case-worker:dortmund:services', 'editor:dortmund']);
    assert.ok(await signedIn(session), 'new roles keep the sessions');
    assert.deepEqual((await call('GET /api/v1/session', { session })).body.roles, roles.body.roles, 'and apply at once');

    const newPassword = 'Phoenix-See-Hochofen-2001';
    const changed = await call(key, { params, session: admin, body: { password: newPassword } });
    assert.equal(changed.status, 200);
    assert.ok(!(await signedIn(session)), 'a new password ends the sessions');
    session = await signIn(target.email, { password: newPassword, fresh: true });
    const entry = (await auditOf('dortmund')).find((e) => e.request_id === changed.headers['x-request-id']);
    assert.equal(entry.action, 'staff.update');
    assert.equal(entry.after.password, 'changed', 'that the password changed, never the password');
    assert.ok(!JSON.stringify(entry).includes(newPassword));

    const disabled = await call(key, { params, session: admin, body: { disabled: true } });
    assert.equal(disabled.body.disabled, true);
    assert.ok(!(await signedIn(session)), 'disabling ends the sessions');
    assert.equal((await call('POST /api/v1/session', { body: { email: target.email, password: newPassword } })).status, 401);
    assert.equal((await call(key, { params, session: admin, body: { disabled: false } })).body.disabled, false);
    await signIn(target.email, { password: newPassword, fresh: true });

    // An account that also works for Schwerte: Dortmund's admin changes its Dortmund roles only.
    const twoCities = await staffId(STAFF.twoCities.email);
    const shared = { city: 'dortmund', id: String(twoCities) };
    const narrowed = await call(key, { params: shared, session: admin, body: { roles: ['editor:dortmund', 'case-worker:dortmund:services'] } });
    assert.equal(narrowed.status, 200);
    const platform = await signIn(STAFF.platform.email);
    const fromSchwerte = await call('GET /api/v1/cities/{city}/staff', { params: { city: 'schwerte' }, session: platform, query: { limit: '200' } });
    assert.deepEqual(fromSchwerte.body.items.find((m) => m.id === twoCities).roles, ['editor:schwerte'], 'Schwerte\'s roles are kept');
    assert.equal((await call(key, { params: shared, session: admin, body: { roles: ['editor:dortmund'] } })).status, 200);
    const byPlatform = await call(key, { params: shared, session: platform, body: { display_name: 'Zwei Städte' } });
    assert.equal(byPlatform.body.display_name, 'Zwei Städte', 'a platform admin changes shared accounts');

    const self = { city: 'dortmund', id: String(admin.body.user.id) };
    await expectBodyProblems(key, { params, session: admin });
    await expectProblems(key, [
      { what: 'no credentials', body: {}, status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), body: {}, status: 403 },
      { what: 'without X-CSRF-Token', session: admin, csrf: false, body: {}, status: 403, detail: /X-CSRF-Token/ },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), body: {}, status: 403 },
      { what: 'the name of a shared account', params: shared, session: admin, body: { display_name: 'X' }, status: 403, detail: /other cities/ },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, body: {}, status: 404, field: 'city' },
      { what: 'no such account', params: { id: '999999' }, session: admin, body: { display_name: 'Niemand' }, status: 404, field: 'id' },
      { what: 'an account of another city', params: { id: String(await staffId(STAFF.schwerteAdmin.email, 'schwerte')) },
        session: admin, body: { display_name: 'X' }, status: 404, field: 'id' },
      ...['0', '-3', 'abc', '1.5'].map((id) => ({ params: { id }, session: admin, body: {}, status: 422, field: 'id' })),
      { what: 'disabling oneself', params: self, session: admin, body: { disabled: true }, status: 422, field: 'disabled' },
      { what: 'dropping one\'s own admin role', params: self, session: admin, body: { roles: ['editor:dortmund'] }, status: 422, field: 'roles' },
      { session: admin, body: { display_name: '' }, status: 422, field: 'display_name' },
      { session: admin, body: { disabled: 'yes' }, status: 422, field: 'disabled' },
      { session: admin, body: { password: 'Passwort2024!' }, status: 422, field: 'password' },
      { session: admin, body: { roles: ['editor:schwerte'] }, status: 422, field: 'roles[0]' },
      { session: admin, body: { email: 'neu@dortmund.example' }, status: 422, field: 'email' },
    ], { params });
    assert.ok(await signedIn(admin), 'the admin is still signed in');
    await expectMethodNotAllowed(key, params);
  },
  async 'OPTIONS /api/v1/cities/{city}/staff/{id}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/staff/{id}', { city: 'dortmund', id: '1' });
  },

  async 'GET /api/v1/cities/{city}/settings'() {
    const key = 'GET /api/v1/cities/{city}/settings';
    const admin = await signIn(STAFF.admin.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: admin });
    assert.equal(r.status, 200);
    const demo = JSON.parse(readFileSync(path.resolve(here, '../../demo/cities/dortmund.json'), 'utf8'));
    assert.equal(r.body.slug, 'dortmund');
    assert.equal(r.body.name, demo.name);
    assert.deepEqual(r.body.districts.map((d) => d.id), demo.districts.map((d) => d.id));
    assert.equal(r.body.modules.services.enabled, true);
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), status: 403 },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), status: 403 },
      { what: 'an API token', token: (await createToken('dortmund', ['services:write'])).token, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, status: 404, field: 'city' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'dortmund' }, session: admin });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/settings'() { await expectCityAdminHead('/api/v1/cities/{city}/settings'); },
  async 'OPTIONS /api/v1/cities/{city}/settings'() { await expectOptions('OPTIONS /api/v1/cities/{city}/settings', { city: 'dortmund' }); },

  async 'PUT /api/v1/cities/{city}/settings'() {
    const key = 'PUT /api/v1/cities/{city}/settings';
    const params = { city: 'dortmund' };
    const admin = await signIn(STAFF.admin.email);
    const platform = await signIn(STAFF.platform.email);
    const read = async (city) => (await call('GET /api/v1/cities/{city}/settings', { params: { city }, session: platform })).body;
    const original = await read('dortmund');
    try {
      // A city admin renames the city and changes its colour: the manifest follows at once.
      const renamed = { ...original, name: 'Dortmund (Probe)', branding: { ...original.branding, primary_color: '#0055aa' } };
      const r = await call(key, { params, session: admin, body: renamed });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, renamed);
      const manifest = await call('GET /api/v1/cities/{city}', { params });
      assert.equal(manifest.body.name, 'Dortmund (Probe)');
      assert.equal(manifest.body.branding.primary_color, '#0055aa');
      const webManifest = await call('GET /api/v1/cities/{city}/manifest.webmanifest', { params });
      assert.deepEqual([webManifest.body.short_name, webManifest.body.theme_color], ['Dortmund (Probe)', '#0055aa'], 'the web app manifest too');
      const [entry] = await auditOf('dortmund', 1);
      assert.deepEqual({ action: entry.action, object: entry.object, before: entry.before, after: entry.after, request_id: entry.request_id },
        { action: 'city.update', object: { type: 'city', id: 'dortmund' }, before: original, after: renamed, request_id: r.headers['x-request-id'] });

      // Domains: platform admins only, and a host serves one city. With If-Match the ETag of
      // the GET: the change is based on the current version.
      const hosted = { ...renamed, domains: ['app.dortmund.example'] };
      const current = await call('GET /api/v1/cities/{city}/settings', { params, session: platform });
      const stale = current.headers.etag;
      assert.equal((await call(key, { params, session: platform, body: hosted, headers: { 'If-Match': stale } })).status, 200);
      const schwerte = await read('schwerte');
      await expectBodyProblems(key, { params, session: admin });
      await expectProblems(key, [
        { what: 'no credentials', body: hosted, status: 401 },
        { what: 'an editor', session: await signIn(STAFF.editor.email), body: hosted, status: 403 },
        { what: 'an API token', token: (await createToken('dortmund', ['services:write'])).token, body: hosted, status: 403 },
        { what: 'without X-CSRF-Token', session: admin, csrf: false, body: hosted, status: 403, detail: /X-CSRF-Token/ },
        { what: 'a city admin changing domains', session: admin, body: { ...hosted, domains: [] }, status: 403, field: 'domains' },
        { what: 'no such city', params: { city: 'atlantis' }, session: admin, body: hosted, status: 404, field: 'city' },
        { what: 'a domain of another city', params: { city: 'schwerte' }, session: platform,
          body: { ...schwerte, domains: ['app.dortmund.example'] }, status: 409, field: 'domains[0]' },
        { what: 'another slug', session: admin, body: { ...hosted, slug: 'dortmund-neu' }, status: 422, field: 'slug' },
        { what: 'a bad colour', session: admin, body: { ...hosted, branding: { ...hosted.branding, primary_color: 'rot' } }, status: 422, field: 'branding.primary_color' },
        { what: 'an unknown field', session: admin, body: { ...hosted, motto: 'Stadt der Zukunft' }, status: 422, field: 'motto' },
        { what: 'an unknown module', session: admin, body: { ...hosted, modules: { ...hosted.modules, teleport: { enabled: true, settings: {} } } }, status: 422 },
        { what: 'If-Match of the version before the last change', session: platform, body: { ...hosted, name: 'Dortmund (überschrieben)' },
          headers: { 'If-Match': stale }, status: 412 },
      ], { params });
      assert.deepEqual(await read('dortmund'), hosted, 'refused requests change nothing');
    } finally {
      assert.equal((await call(key, { params, session: platform, body: original })).status, 200);
    }
  },

  async 'GET /api/v1/cities/{city}/tokens'() {
    const key = 'GET /api/v1/cities/{city}/tokens';
    const admin = await signIn(STAFF.admin.email);
    const mine = await createToken('dortmund', ['services:read'], 'Liste 1');
    const theirs = await createToken('schwerte', ['services:write'], 'Liste Schwerte');
    const r = await call(key, { params: { city: 'dortmund' }, session: admin, query: { limit: '200' } });
    assert.equal(r.status, 200);
    const ids = r.body.items.map((t) => t.id);
    assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'oldest first');
    const { token, ...listed } = mine;
    assert.deepEqual(r.body.items.find((t) => t.id === mine.id), listed, 'listed as created, without the token');
    assert.equal(mine.prefix, token.slice(0, 12));
    assert.ok(!ids.includes(theirs.id), 'each city lists its own tokens');
    // Using a token records when (to the minute); a 403 uses it too.
    assert.equal((await call('GET /api/v1/session', { token })).status, 403);
    const used = (await call(key, { params: { city: 'dortmund' }, session: admin, query: { limit: '200' } })).body.items.find((t) => t.id === mine.id);
    assert.ok(Math.abs(Date.parse(used.last_used_at) - Date.now()) < 60_000, 'last_used_at is set');
    assert.deepEqual(await walk(key, { params: { city: 'dortmund' }, session: admin }, 1),
      (await call(key, { params: { city: 'dortmund' }, session: admin })).body.items, 'pages of 1 give the same list');

    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), status: 403 },
      { what: 'an API token', token, status: 403 },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, status: 404, field: 'city' },
      ...['0', '201'].map((limit) => ({ query: { limit }, session: admin, status: 422, field: 'limit' })),
      { query: { cursor: '%%' }, session: admin, status: 422, field: 'cursor' },
      { what: 'a cursor of another list', query: { cursor: b64url('admin@dortmund.example') }, session: admin, status: 422, field: 'cursor' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'dortmund' }, session: admin });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/tokens'() { await expectCityAdminHead('/api/v1/cities/{city}/tokens', { badQuery: { cursor: 'x' } }); },
  async 'OPTIONS /api/v1/cities/{city}/tokens'() { await expectOptions('OPTIONS /api/v1/cities/{city}/tokens', { city: 'dortmund' }); },

  async 'POST /api/v1/cities/{city}/tokens'() {
    const key = 'POST /api/v1/cities/{city}/tokens';
    const admin = await signIn(STAFF.admin.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: admin, body: { name: 'Redaktionssystem', scopes: ['services:write', 'services:read'] } });
    assert.equal(r.status, 201);
    assert.equal(r.headers.location, `/api/v1/cities/dortmund/tokens/${r.body.id}`);
    assert.equal(r.body.name, 'Redaktionssystem');
    assert.deepEqual(r.body.scopes, ['services:write', 'services:read']);
    assert.equal(r.body.prefix, r.body.token.slice(0, 12));
    assert.equal((await call('GET /api/v1/session', { token: r.body.token })).status, 403, 'the token is known at once (403, not 401)');
    const entry = (await auditOf('dortmund')).find((e) => e.action === 'token.create' && e.object.id === String(r.body.id));
    assert.equal(entry.request_id, r.headers['x-request-id']);
    const { token, ...shown } = r.body;
    assert.deepEqual(entry.after, shown);
    assert.ok(!JSON.stringify(await auditOf('dortmund')).includes(token), 'the audit log never holds a token');

    const valid = { name: 'Ticketsystem', scopes: ['services:read'] };
    await expectBodyProblems(key, { params: { city: 'dortmund' }, session: admin });
    await expectProblems(key, [
      { what: 'no credentials', body: valid, status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), body: valid, status: 403 },
      { what: 'without X-CSRF-Token', session: admin, csrf: false, body: valid, status: 403, detail: /X-CSRF-Token/ },
      { what: 'an API token', token, body: valid, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, body: valid, status: 404, field: 'city' },
      { session: admin, body: { ...valid, name: '' }, status: 422, field: 'name' },
      { session: admin, body: { ...valid, name: 'x'.repeat(101) }, status: 422, field: 'name' },
      { session: admin, body: { ...valid, scopes: [] }, status: 422, field: 'scopes' },
      { session: admin, body: { name: 'x' }, status: 422, field: 'scopes' },
      { session: admin, body: { ...valid, scopes: ['services:admin'] }, status: 422, field: 'scopes[0]' },
      { session: admin, body: { ...valid, scopes: ['services:read', 'parking:read'] }, status: 422, field: 'scopes[1]', detail: /no module 'parking'/ },
      { session: admin, body: { ...valid, city: 'schwerte' }, status: 422, field: 'city' },
    ], { params: { city: 'dortmund' } });
  },

  async 'DELETE /api/v1/cities/{city}/tokens/{id}'() {
    const key = 'DELETE /api/v1/cities/{city}/tokens/{id}';
    const admin = await signIn(STAFF.admin.email);
    const issued = await createToken('dortmund', ['services:write'], 'Zum Widerrufen');
    const params = { city: 'dortmund', id: String(issued.id) };
    const schwerteToken = await createToken('schwerte', ['services:read']);
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), status: 403 },
      { what: 'without X-CSRF-Token', session: admin, csrf: false, status: 403, detail: /X-CSRF-Token/ },
      { what: 'the token itself', token: issued.token, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, status: 404, field: 'city' },
      { what: 'no such token', params: { id: '999999' }, session: admin, status: 404, field: 'id' },
      { what: 'a token of another city', params: { id: String(schwerteToken.id) }, session: admin, status: 404, field: 'id' },
      ...['0', '-1', 'abc'].map((id) => ({ params: { id }, session: admin, status: 422, field: 'id' })),
    ], { params });
    assert.equal((await call('GET /api/v1/session', { token: issued.token })).status, 403, 'the token still works');

    const revoked = await call(key, { params, session: admin });
    assert.equal(revoked.status, 204);
    const refused = await call('GET /api/v1/session', { token: issued.token });
    assert.equal(refused.status, 401, 'a revoked token is unknown');
    assert.match(refused.body.detail, /unknown or revoked/);
    const listed = (await call('GET /api/v1/cities/{city}/tokens', { params: { city: 'dortmund' }, session: admin, query: { limit: '200' } }))
      .body.items.find((t) => t.id === issued.id);
    assert.ok(Math.abs(Date.parse(listed.revoked_at) - Date.now()) < 60_000, 'listed with revoked_at');
    assert.equal((await call(key, { params, session: admin })).status, 204, 'revoking again changes nothing');
    const entries = (await auditOf('dortmund')).filter((e) => e.object.type === 'token' && e.object.id === params.id);
    assert.deepEqual(entries.map((e) => e.action), ['token.revoke', 'token.create'], 'one revocation recorded');
    assert.equal(entries[0].before.revoked_at, null);
    assert.equal(entries[0].after.revoked_at, listed.revoked_at);
    await expectMethodNotAllowed(key, params);
  },
  async 'OPTIONS /api/v1/cities/{city}/tokens/{id}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/tokens/{id}', { city: 'dortmund', id: '1' });
  },

  async 'GET /api/v1/cities/{city}/audit'() {
    const key = 'GET /api/v1/cities/{city}/audit';
    const admin = await signIn(STAFF.admin.email);
    const created = await call('POST /api/v1/cities/{city}/tokens', { params: { city: 'dortmund' }, session: admin,
      body: { name: 'Protokoll', scopes: ['services:read'] } });
    const revoked = await call('DELETE /api/v1/cities/{city}/tokens/{id}', { params: { city: 'dortmund', id: String(created.body.id) }, session: admin });
    const r = await call(key, { params: { city: 'dortmund' }, session: admin, query: { limit: '2' } });
    assert.equal(r.status, 200);
    assert.equal(typeof r.body.next_cursor, 'string');
    const actor = { kind: 'user', id: String(admin.body.user.id), label: STAFF.admin.email };
    const { token, ...shown } = created.body;
    const revokedToken = (await call('GET /api/v1/cities/{city}/tokens', { params: { city: 'dortmund' }, session: admin, query: { limit: '200' } }))
      .body.items.find((t) => t.id === created.body.id);
    assert.deepEqual(r.body.items.map(({ id, at, ...rest }) => rest), [
      { actor, action: 'token.revoke', object: { type: 'token', id: String(created.body.id) }, before: { ...shown, last_used_at: null },
        after: revokedToken, request_id: revoked.headers['x-request-id'] },
      { actor, action: 'token.create', object: { type: 'token', id: String(created.body.id) }, before: null, after: shown,
        request_id: created.headers['x-request-id'] },
    ], 'newest first');

    const all = await walk(key, { params: { city: 'dortmund' }, session: admin }, 200);
    assert.deepEqual(await walk(key, { params: { city: 'dortmund' }, session: admin }, 7), all, 'pages of 7 give the same list');
    const ids = all.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((x, y) => y - x), 'newest first');
    for (const e of all) assert.ok(!Number.isNaN(Date.parse(e.at)));
    // Accounts made with the CLI (and the demo waste plan `mosaik demo load` imports) are
    // recorded as its work, without a request.
    const byCli = all.filter((e) => e.actor.kind === 'cli');
    assert.ok(byCli.filter((e) => e.action === 'staff.create').length >= 6, 'the CLI made the Dortmund accounts');
    for (const e of byCli) {
      assert.ok(['staff.create', 'waste.import'].includes(e.action), e.action);
      assert.equal(e.actor.label, 'mosaik CLI');
      assert.equal(e.request_id, null);
    }
    const platform = await signIn(STAFF.platform.email);
    const schwerte = await walk(key, { params: { city: 'schwerte' }, session: platform }, 200);
    const schwerteAdminId = String(await staffId(STAFF.schwerteAdmin.email, 'schwerte'));
    assert.ok(schwerte.some((e) => e.object.type === 'staff' && e.object.id === schwerteAdminId), 'Schwerte\'s admin is in Schwerte\'s log');
    assert.ok(!all.some((e) => e.object.type === 'staff' && e.object.id === schwerteAdminId), 'and not in Dortmund\'s');

    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), status: 403 },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), status: 403 },
      { what: 'an API token', token: (await createToken('dortmund', ['services:write'])).token, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, status: 404, field: 'city' },
      ...['0', '201', '1e2'].map((limit) => ({ query: { limit }, session: admin, status: 422, field: 'limit' })),
      { query: { cursor: '%%' }, session: admin, status: 422, field: 'cursor' },
      { what: 'a cursor of another list', query: { cursor: b64url('admin@dortmund.example') }, session: admin, status: 422, field: 'cursor' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'dortmund' }, session: admin });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/audit'() { await expectCityAdminHead('/api/v1/cities/{city}/audit', { query: { limit: '5' }, badQuery: { limit: '201' } }); },
  async 'OPTIONS /api/v1/cities/{city}/audit'() { await expectOptions('OPTIONS /api/v1/cities/{city}/audit', { city: 'dortmund' }); },

  async 'POST /api/v1/cities/{city}/media'() {
    const key = 'POST /api/v1/cities/{city}/media';
    const editor = await signIn(STAFF.editor.email);
    const getImage = (url) => call('GET /api/v1/cities/{city}/media/{file}', { params: mediaParams(url) });

    // A PNG with EXIF and a place in a comment: without transparency it is stored as a JPEG,
    // and with neither.
    const tagged = taggedPng(64, 48);
    assert.ok(tagged.includes('Exif') && tagged.includes('GPS'), 'the upload carries EXIF and a position');
    const r = await upload(tagged, { session: editor });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.url, /^\/api\/v1\/cities\/dortmund\/media\/[0-9a-f]{32}\.jpg$/);
    assert.equal(r.headers.location, r.body.url);
    assert.deepEqual([r.body.width, r.body.height, r.body.content_type], [64, 48, 'image/jpeg']);
    const stored = await getImage(r.body.url);
    assert.equal(stored.status, 200);
    assert.equal(stored.headers['content-type'], 'image/jpeg');
    assert.equal(stored.body.length, r.body.bytes, 'the size the upload answered');
    assert.deepEqual([...stored.body.subarray(0, 3)], [0xff, 0xd8, 0xff], 'a JPEG');
    for (const trace of ['Exif', 'GPS', '51.5136']) assert.ok(!stored.body.includes(trace), `no ${trace} in the stored image`);

    const { file } = mediaParams(r.body.url);
    const audited = async () => (await auditOf('dortmund')).filter((e) => e.action === 'media.upload' && e.object.id === file);
    const [entry, ...more] = await audited();
    assert.equal(more.length, 0);
    assert.deepEqual({ actor: entry.actor, object: entry.object, before: entry.before, after: entry.after, request_id: entry.request_id }, {
      actor: { kind: 'user', id: String(editor.body.user.id), label: STAFF.editor.email }, object: { type: 'media', id: file },
      before: null, after: { content_type: 'image/jpeg', width: 64, height: 48, bytes: r.body.bytes }, request_id: r.headers['x-request-id'] });
    // The same image again is the same stored image, and no new entry.
    const again = await upload(tagged, { session: editor });
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, r.body);
    assert.equal((await audited()).length, 1, 'stored once, audited once');

    // A JPEG with an EXIF segment (GPS included): stored without it.
    const jpeg = withExif(stored.body);
    assert.ok(jpeg.includes('Exif') && jpeg.includes('GPS'));
    const fromJpeg = await upload(jpeg, { session: editor });
    assert.equal(fromJpeg.status, 201);
    assert.deepEqual([fromJpeg.body.width, fromJpeg.body.height, fromJpeg.body.content_type], [64, 48, 'image/jpeg']);
    const strippedJpeg = (await getImage(fromJpeg.body.url)).body;
    assert.equal(strippedJpeg.length, fromJpeg.body.bytes);
    for (const trace of ['Exif', 'GPS']) assert.ok(!strippedJpeg.includes(trace), `no ${trace} in the stored JPEG`);

    // Transparency: stored as PNG, without the comment and the EXIF chunk.
    const transparent = await upload(taggedPng(30, 20, { alpha: true }), { session: editor });
    assert.equal(transparent.status, 201);
    assert.match(transparent.body.url, /\.png$/);
    assert.equal(transparent.body.content_type, 'image/png');
    const storedPng = (await getImage(transparent.body.url)).body;
    assert.equal(storedPng.length, transparent.body.bytes);
    const png = readPng(storedPng);
    assert.deepEqual([png.width, png.height], [30, 20]);
    assert.deepEqual(png.chunks.filter((c) => ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'iCCP', 'tIME'].includes(c)), [], 'no metadata chunks');
    assert.ok(!storedPng.includes('Exif') && !storedPng.includes('GPS'));

    // Scaled down to media.max_edge (2048) on the longer side.
    const wide = await upload(makePng(3000, 20), { session: editor });
    assert.equal(wide.status, 201);
    assert.equal(wide.body.width, 2048);
    assert.ok(Math.abs(wide.body.height - 20 * 2048 / 3000) <= 1, `height ${wide.body.height}`);

    // City admins and platform admins upload too.
    assert.equal((await upload(makePng(8, 8, { rgb: [200, 0, 0] }), { session: await signIn(STAFF.admin.email) })).status, 201);
    assert.equal((await upload(makePng(8, 8, { rgb: [0, 200, 0] }), { city: 'schwerte', session: await signIn(STAFF.platform.email) })).status, 201);

    // More than the general body limit (server.max_body_bytes, 1 MiB) is fine for uploads ...
    const big = Buffer.alloc(2 * 1024 * 1024, 0x78);
    const notAnImage = await call(key, { params: { city: 'dortmund' }, session: editor, body: big, headers: { 'Content-Type': 'image/jpeg' } });
    assert.equal(notAnImage.status, 415, 'read and judged, not refused for its size');
    // ... more than media.max_upload_bytes (10 MiB) is refused by its Content-Length alone.
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1);
    PNG_SIGNATURE.copy(huge);
    const tooLarge = await call(key, { params: { city: 'dortmund' }, session: editor, body: huge, headers: { 'Content-Type': 'image/png' } });
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.bodySent, false, 'answered before any of the body was sent');
    assert.equal(tooLarge.body.detail, 'The request body exceeds 10485760 bytes');
    assert.equal(tooLarge.headers.connection, 'close');

    const image = makePng(40, 30);
    await expectProblems(key, [
      { what: 'no credentials', body: image, status: 401 },
      { what: 'without X-CSRF-Token', session: editor, csrf: false, body: image, status: 403, detail: /X-CSRF-Token/ },
      { what: 'an API token', token: (await createToken('dortmund', ['services:write'])).token, body: image, status: 403 },
      { what: 'a case worker', session: await signIn(STAFF.caseWorker.email), body: image, status: 403 },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), body: image, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: editor, body: image, status: 404, field: 'city' },
      { what: 'text named like a photo', session: editor, body: 'Kein Bild, nur ein Name: foto.png', status: 415, detail: /not a JPEG, PNG, WebP or HEIC image/ },
      { what: 'an empty body', session: editor, body: Buffer.alloc(0), status: 415 },
      { what: 'a GIF', session: editor, body: GIF, status: 415 },
      { what: 'a PNG whose pixels are not deflated', session: editor, body: makePng(40, 30, { idat: Buffer.from('kein deflate') }), status: 422, field: 'image', detail: /damaged/ },
      { what: 'a PNG cut off', session: editor, body: image.subarray(0, 60), status: 422, field: 'image', detail: /damaged/ },
      { what: 'more pixels than media.max_pixels', session: editor, body: makePng(7000, 7000, { idat: zlib.deflateSync(Buffer.alloc(16)) }),
        status: 422, field: 'image', detail: /7000x7000 pixels; at most 40000000 pixels/ },
    ], { params: { city: 'dortmund' }, headers: { 'Content-Type': 'image/png' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'OPTIONS /api/v1/cities/{city}/media'() { await expectOptions('OPTIONS /api/v1/cities/{city}/media', { city: 'dortmund' }); },

  async 'GET /api/v1/cities/{city}/media/{file}'() {
    const key = 'GET /api/v1/cities/{city}/media/{file}';
    const uploaded = (await upload(makePng(120, 80, { rgb: [0, 82, 159] }))).body;
    const params = mediaParams(uploaded.url);
    const r = await call(key, { params });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], uploaded.content_type);
    assert.equal(r.body.length, uploaded.bytes);
    const zipped = await call(key, { params, headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(zipped.headers['content-encoding'], undefined, 'images are compressed already');
    assert.ok(zipped.body.equals(r.body));
    assert.equal(zipped.headers.etag, r.headers.etag);

    const transparent = (await upload(makePng(10, 12, { alpha: true }))).body;
    const png = await call(key, { params: mediaParams(transparent.url) });
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual([readPng(png.body).width, readPng(png.body).height], [10, 12]);

    await expectProblems(key, [
      { what: 'the name in another city', params: { city: 'schwerte' }, status: 404, detail: /No such image/ },
      { what: 'no such image', params: { file: `${'0'.repeat(32)}.jpg` }, status: 404, detail: /No such image/ },
      { what: 'no such city', params: { city: 'atlantis' }, status: 404, field: 'city' },
    ], { params });
    await expectNotModified(key, { params });
    await expectMethodNotAllowed(key, params);
  },
  async 'HEAD /api/v1/cities/{city}/media/{file}'() {
    const path = '/api/v1/cities/{city}/media/{file}';
    const params = mediaParams((await upload(makePng(16, 16, { rgb: [90, 90, 90] }))).body.url);
    await expectHeadLikeGet(path, { params });
    const get = await call(`GET ${path}`, { params });
    assert.equal((await call(`HEAD ${path}`, { params, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { ...params, city: 'schwerte' } })).status, 404);
  },
  async 'OPTIONS /api/v1/cities/{city}/media/{file}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/media/{file}', { city: 'dortmund', file: `${'0'.repeat(32)}.jpg` });
  },

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
      assert.deepEqual((await call('GET /api/v1/cities/{city}', { params: { city: 'schwerte' } })).body.modules.map((m) => m.name), ['news', 'events', 'waste', 'reports']);
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
  async 'PUT /api/v1/cities/{city}/services'() {
    const key = 'PUT /api/v1/cities/{city}/services';
    const list = async () => (await call('GET /api/v1/cities/{city}/services', { params: { city: 'dortmund' }, query: { limit: '500' } })).body.items;
    const asInput = ({ slug, title, summary, department, keywords, url }) => ({ slug, title, summary, department, keywords, url });
    const original = await list();
    assert.equal(original.length, 13);
    const editor = await signIn(STAFF.editor.email);
    const writer = await createToken('dortmund', ['services:write'], 'CMS');

    // An editor replaces the list: one service dropped, one changed, one added with only the
    // required fields.
    const edited = original.filter((s) => s.slug !== 'baumfaellung').map(asInput)
      .map((s) => (s.slug === 'wohngeld' ? { ...s, summary: `${s.summary} Neu: online beantragen.` } : s));
    edited.push({ slug: 'druck-3d', title: '3D-Druck im Bürgerbüro' });
    const r = await call(key, { params: { city: 'dortmund' }, session: editor, body: { services: edited } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { count: 13, added: ['druck-3d'], removed: ['baumfaellung'], changed: ['wohngeld'] });
    const now = await list();
    assert.deepEqual(now[0], { slug: 'druck-3d', title: '3D-Druck im Bürgerbüro', letter: '#', summary: '', department: '', keywords: [],
      url: '', href: '/api/v1/cities/dortmund/services/druck-3d' }, 'defaults; # for a title that starts with a digit');
    assert.equal((await call('GET /api/v1/cities/{city}/services/{service}', { params: { city: 'dortmund', service: 'baumfaellung' } })).status, 404);
    assert.equal((await call('GET /api/v1/cities/{city}/services', { params: { city: 'schwerte' } })).body.items.length, 8, 'other cities are untouched');

    // A token with services:write puts the original back.
    const back = await call(key, { params: { city: 'dortmund' }, token: writer.token, body: { services: original.map(asInput) } });
    assert.equal(back.status, 200);
    assert.deepEqual(back.body, { count: 13, added: ['baumfaellung'], removed: ['druck-3d'], changed: ['wohngeld'] });
    assert.deepEqual(await list(), original);
    const [byToken, byEditor] = (await auditOf('dortmund', 2));
    assert.deepEqual(byToken, { id: byToken.id, at: byToken.at, actor: { kind: 'token', id: String(writer.id), label: 'CMS' },
      action: 'services.replace', object: { type: 'services', id: 'dortmund' }, before: { count: 13 }, after: back.body,
      request_id: back.headers['x-request-id'] });
    assert.deepEqual({ actor: byEditor.actor, after: byEditor.after, request_id: byEditor.request_id },
      { actor: { kind: 'user', id: String(editor.body.user.id), label: STAFF.editor.email }, after: r.body, request_id: r.headers['x-request-id'] });

    const valid = { services: original.map(asInput) };
    const one = (fields) => ({ services: [{ slug: 'neu', title: 'Neu', ...fields }] });
    // If-Match names the whole list: the ETag of a GET with every service on its page.
    const whole = await call('GET /api/v1/cities/{city}/services', { params: { city: 'dortmund' }, query: { limit: '500' } });
    const part = await call('GET /api/v1/cities/{city}/services', { params: { city: 'dortmund' }, query: { limit: '5' } });
    const matched = await call(key, { params: { city: 'dortmund' }, session: editor, body: valid, headers: { 'If-Match': whole.headers.etag } });
    assert.equal(matched.status, 200, JSON.stringify(matched.body));
    assert.deepEqual(matched.body, { count: 13, added: [], removed: [], changed: [] });
    await expectBodyProblems(key, { params: { city: 'dortmund' }, session: editor });
    await expectProblems(key, [
      { what: 'If-Match of one page', session: editor, body: one({}), headers: { 'If-Match': part.headers.etag }, status: 412 },
      { what: 'a weak If-Match', session: editor, body: one({}), headers: { 'If-Match': `W/${whole.headers.etag}` }, status: 412 },
      { what: 'no credentials', body: valid, status: 401 },
      { what: 'a revoked token', token: 'mosaik_revoked-or-never-issued', body: valid, status: 401 },
      { what: 'a read-only token', token: (await createToken('dortmund', ['services:read'])).token, body: valid, status: 403 },
      { what: 'a token of another city', token: (await createToken('schwerte', ['services:write'])).token, body: valid, status: 403 },
      { what: 'a case worker', session: await signIn(STAFF.caseWorker.email), body: valid, status: 403 },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), body: valid, status: 403 },
      { what: 'without X-CSRF-Token', session: editor, csrf: false, body: valid, status: 403, detail: /X-CSRF-Token/ },
      { what: 'no such city', params: { city: 'atlantis' }, session: editor, body: valid, status: 404, field: 'city' },
      { what: 'a slug twice', session: editor, body: { services: [...valid.services, { slug: 'wohngeld', title: 'Wohngeld' }] }, status: 422, field: `services[${valid.services.length}].slug` },
      { what: "a keyword with '|'", session: editor, body: one({ keywords: ['Bus|Bahn'] }), status: 422, field: 'services[0].keywords[0]' },
      { what: 'an empty keyword', session: editor, body: one({ keywords: ['Bus', ''] }), status: 422, field: 'services[0].keywords[1]' },
      { session: editor, body: {}, status: 422, field: 'services' },
      { session: editor, body: { services: {} }, status: 422, field: 'services' },
      { session: editor, body: { services: ['wohngeld'] }, status: 422, field: 'services[0]' },
      { session: editor, body: { ...valid, updated: 'heute' }, status: 422, field: 'updated' },
      { session: editor, body: one({ slug: 'Neu' }), status: 422, field: 'services[0].slug' },
      { session: editor, body: one({ title: '' }), status: 422, field: 'services[0].title' },
      { session: editor, body: one({ title: undefined }), status: 422, field: 'services[0].title' },
      { session: editor, body: one({ url: 'javascript:alert(1)' }), status: 422, field: 'services[0].url' },
      { session: editor, body: one({ url: '/relative' }), status: 422, field: 'services[0].url' },
      { session: editor, body: one({ keywords: ['x'.repeat(61)] }), status: 422, field: 'services[0].keywords[0]' },
      { session: editor, body: one({ letter: 'N' }), status: 422, field: 'services[0].letter' },
      { session: editor, body: one({ href: '/api/v1/cities/dortmund/services/neu' }), status: 422, field: 'services[0].href' },
    ], { params: { city: 'dortmund' } });
    assert.deepEqual(await list(), original, 'refused requests change nothing');
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

  // ---- Module news (docs/openapi.yaml: the /news paths). Demo news of both cities; items written
  // here are Dortmund's and say so in their titles.
  async 'GET /api/v1/cities/{city}/news'() {
    const key = 'GET /api/v1/cities/{city}/news';
    const r = await call(key, { params: { city: 'dortmund' }, query: { limit: '100' } });
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length >= 10, 'the demo news');
    assert.equal(r.body.items[0].pinned, true, 'pinned first');
    for (const item of r.body.items) {
      assert.equal(item.href, `/api/v1/cities/dortmund/news/${item.id}`);
      assert.ok(Date.parse(item.published_at) <= Date.now(), 'only what is published already');
    }
    assert.deepEqual(await walk(key, { params: { city: 'dortmund' } }, 4), r.body.items, 'pages of 4 give the same list');
    const kultur = await call(key, { params: { city: 'dortmund' }, query: { category: 'kultur' } });
    assert.ok(kultur.body.items.length > 0 && kultur.body.items.every((i) => i.category === 'kultur'));
    const hoerde = await call(key, { params: { city: 'dortmund' }, query: { district: 'hoerde' } });
    assert.ok(hoerde.body.items.length > 0 && hoerde.body.items.every((i) => i.districts.includes('hoerde')));
    await expectProblems(key, [
      { query: { limit: '0' }, status: 422, field: 'limit' },
      { query: { cursor: '%%' }, status: 422, field: 'cursor' },
      { query: { category: 'gibtsnicht' }, status: 422, field: 'category' },
      { query: { district: 'kreuzviertel' }, status: 422, field: 'district' },
      { params: { city: 'atlantis' }, status: 404, field: 'city' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'schwerte' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/news'() {
    const path = '/api/v1/cities/{city}/news';
    await expectHeadLikeGet(path, { params: { city: 'dortmund' }, query: { limit: '3' } });
    const get = await call(`GET ${path}`, { params: { city: 'schwerte' } });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'schwerte' }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' } })).status, 404);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' }, query: { limit: '0' } })).status, 422);
  },
  async 'OPTIONS /api/v1/cities/{city}/news'() { await expectOptions('OPTIONS /api/v1/cities/{city}/news', { city: 'dortmund' }); },

  async 'POST /api/v1/cities/{city}/news'() {
    const key = 'POST /api/v1/cities/{city}/news';
    const editor = await signIn(STAFF.editor.email);
    const body = { title: 'Konformität: Sperrung der B1', teaser: 'Umleitung über die Ruhrallee.', body: 'Die Stadt erneuert die **Fahrbahn**.',
      category: 'verkehr', districts: ['innenstadt-ost'], status: 'published' };
    const r = await call(key, { params: { city: 'dortmund' }, session: editor, body });
    assert.equal(r.status, 201);
    assert.equal(r.headers.location, r.body.href);
    assert.equal(r.body.status, 'published');
    assert.equal(r.body.body_html, '<p>Die Stadt erneuert die <strong>Fahrbahn</strong>.</p>');
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const token = (await createToken('dortmund', ['news:write'])).token;
    const scheduled = await call(key, { params: { city: 'dortmund' }, token, body: { ...body, title: 'Konformität: geplant', publish_at: later } });
    assert.equal(scheduled.status, 201);
    assert.equal(scheduled.body.status, 'scheduled');
    assert.equal((await call('GET /api/v1/cities/{city}/news/{id}', { params: { city: 'dortmund', id: scheduled.body.id } })).status, 404);
    const entry = (await auditOf('dortmund'))[0];
    assert.equal(entry.action, 'news.create');
    assert.deepEqual(entry.object, { type: 'news', id: String(scheduled.body.id) });

    const count = async () => (await call('GET /api/v1/cities/{city}/news/editorial', { params: { city: 'dortmund' }, session: editor, query: { limit: '100' } })).body.items.length;
    const before = await count();
    await expectBodyProblems(key, { params: { city: 'dortmund' }, session: editor });
    await expectProblems(key, [
      { what: 'no credentials', body, status: 401 },
      { what: 'without X-CSRF-Token', session: editor, csrf: false, body, status: 403 },
      { what: 'an editor of another city', session: await signIn(STAFF.schwerteAdmin.email), body, status: 403 },
      { what: 'a token without news:write', token: (await createToken('dortmund', ['news:read'])).token, body, status: 403 },
      { params: { city: 'atlantis' }, session: editor, body, status: 404, field: 'city' },
      { session: editor, body: { ...body, category: 'gibtsnicht' }, status: 422, field: 'category' },
      { session: editor, body: { ...body, districts: ['kreuzviertel'] }, status: 422, field: 'districts[0]' },
      { session: editor, body: { ...body, publish_at: '2026-02-30T10:00:00+01:00' }, status: 422, field: 'publish_at' },
      { session: editor, body: { ...body, publish_at: '2026-12-01T10:00:00' }, status: 422, field: 'publish_at' },
      { session: editor, body: { ...body, body: 'x'.repeat(50_001) }, status: 422, field: 'body' },
      { session: editor, body: { ...body, title: '' }, status: 422, field: 'title' },
      { session: editor, body: { ...body, status: 'scheduled' }, status: 422, field: 'status' },
      { session: editor, body: { ...body, image: { url: 'https://example.org/a.jpg' } }, status: 422, field: 'image.alt' },
      { session: editor, body: { ...body, id: 4 }, status: 422, field: 'id' },
    ], { params: { city: 'dortmund' } });
    assert.equal(await count(), before, 'refused requests store nothing');
  },

  async 'GET /api/v1/cities/{city}/news/{id}'() {
    const key = 'GET /api/v1/cities/{city}/news/{id}';
    const list = (await call('GET /api/v1/cities/{city}/news', { params: { city: 'schwerte' }, query: { limit: '100' } })).body.items;
    for (const item of list) {
      const one = await call(key, { params: { city: 'schwerte', id: item.id } });
      assert.equal(one.status, 200);
      assert.deepEqual(one.body, item, 'every item of the list is the same as its own resource');
    }
    await expectProblems(key, [
      { params: { city: 'dortmund', id: list[0].id }, status: 404, field: 'id', what: 'a Schwerte item asked of Dortmund' },
      { params: { city: 'schwerte', id: 999999 }, status: 404, field: 'id' },
      { params: { city: 'atlantis', id: 1 }, status: 404, field: 'city' },
      { params: { city: 'schwerte', id: 'eins' }, status: 422, field: 'id' },
    ]);
    await expectNotModified(key, { params: { city: 'schwerte', id: list[0].id } });
    await expectMethodNotAllowed(key, { city: 'schwerte', id: list[0].id });
  },
  async 'HEAD /api/v1/cities/{city}/news/{id}'() {
    const path = '/api/v1/cities/{city}/news/{id}';
    const id = (await call('GET /api/v1/cities/{city}/news', { params: { city: 'schwerte' } })).body.items[0].id;
    await expectHeadLikeGet(path, { params: { city: 'schwerte', id } });
    const get = await call(`GET ${path}`, { params: { city: 'schwerte', id } });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'schwerte', id }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'schwerte', id: 999999 } })).status, 404);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'schwerte', id: 'eins' } })).status, 422);
  },
  async 'OPTIONS /api/v1/cities/{city}/news/{id}'() { await expectOptions('OPTIONS /api/v1/cities/{city}/news/{id}', { city: 'dortmund', id: 1 }); },

  async 'PUT /api/v1/cities/{city}/news/{id}'() {
    const key = 'PUT /api/v1/cities/{city}/news/{id}';
    const editor = await signIn(STAFF.editor.email);
    const body = { title: 'Konformität: zu ändern', body: 'Text', status: 'published', pinned: false };
    const created = await call('POST /api/v1/cities/{city}/news', { params: { city: 'dortmund' }, session: editor, body });
    const id = created.body.id;
    const r = await call(key, { params: { city: 'dortmund', id }, session: editor, body: { ...body, title: 'Konformität: geändert', status: 'draft' } });
    assert.equal(r.status, 200);
    assert.equal(r.body.title, 'Konformität: geändert');
    assert.equal(r.body.status, 'draft', 'unpublished');
    assert.equal((await call('GET /api/v1/cities/{city}/news/{id}', { params: { city: 'dortmund', id } })).status, 404);
    const entry = (await auditOf('dortmund'))[0];
    assert.equal(entry.action, 'news.update');
    assert.equal(entry.before.title, 'Konformität: zu ändern');
    assert.equal(entry.after.status, 'draft');
    await expectBodyProblems(key, { params: { city: 'dortmund', id }, session: editor });
    await expectProblems(key, [
      { what: 'no credentials', body, status: 401 },
      { what: 'without X-CSRF-Token', session: editor, csrf: false, body, status: 403 },
      { params: { city: 'dortmund', id: 999999 }, session: editor, body, status: 404, field: 'id' },
      { params: { city: 'dortmund', id: 'eins' }, session: editor, body, status: 422, field: 'id' },
      { session: editor, body: { ...body, districts: ['hombruch', 'hombruch'] }, status: 422, field: 'districts[1]' },
    ], { params: { city: 'dortmund', id } });
    assert.equal((await call('GET /api/v1/cities/{city}/news/editorial/{id}', { params: { city: 'dortmund', id }, session: editor })).body.title,
      'Konformität: geändert', 'refused requests change nothing');
  },

  async 'DELETE /api/v1/cities/{city}/news/{id}'() {
    const key = 'DELETE /api/v1/cities/{city}/news/{id}';
    const editor = await signIn(STAFF.editor.email);
    const created = await call('POST /api/v1/cities/{city}/news', { params: { city: 'dortmund' }, session: editor,
      body: { title: 'Konformität: zu löschen', status: 'published' } });
    const id = created.body.id;
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'without X-CSRF-Token', session: editor, csrf: false, status: 403 },
      { params: { city: 'dortmund', id: 'eins' }, session: editor, status: 422, field: 'id' },
    ], { params: { city: 'dortmund', id } });
    assert.equal((await call(key, { params: { city: 'dortmund', id }, session: editor })).status, 204);
    assert.equal((await call(key, { params: { city: 'dortmund', id }, session: editor })).status, 404, 'gone');
    const entry = (await auditOf('dortmund'))[0];
    assert.equal(entry.action, 'news.delete');
    assert.equal(entry.before.title, 'Konformität: zu löschen');
    assert.equal(entry.after, null);
  },

  async 'GET /api/v1/cities/{city}/news/editorial'() {
    const key = 'GET /api/v1/cities/{city}/news/editorial';
    const editor = await signIn(STAFF.editor.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: editor, query: { limit: '100' } });
    assert.equal(r.status, 200);
    const ids = r.body.items.map((i) => i.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    const scheduled = await call(key, { params: { city: 'dortmund' }, session: editor, query: { status: 'scheduled' } });
    assert.ok(scheduled.body.items.length > 0 && scheduled.body.items.every((i) => i.status === 'scheduled'), 'the demo schedules one');
    assert.deepEqual(await walk(key, { params: { city: 'dortmund' }, session: editor }, 5), r.body.items);
    const reader = (await createToken('dortmund', ['news:read'])).token;
    assert.equal((await call(key, { params: { city: 'dortmund' }, token: reader })).status, 200);
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), status: 403 },
      { what: 'a token of another module', token: (await createToken('dortmund', ['services:read'])).token, status: 403 },
      { params: { city: 'atlantis' }, session: editor, status: 404, field: 'city' },
      { query: { status: 'archived' }, session: editor, status: 422, field: 'status' },
      { query: { limit: '101' }, session: editor, status: 422, field: 'limit' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'schwerte' }, session: await signIn(STAFF.schwerteAdmin.email) });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/news/editorial'() {
    const path = '/api/v1/cities/{city}/news/editorial';
    const editor = await signIn(STAFF.editor.email);
    await expectHeadLikeGet(path, { params: { city: 'dortmund' }, session: editor });
    const get = await call(`GET ${path}`, { params: { city: 'dortmund' }, session: editor });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'dortmund' }, session: editor, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' } })).status, 401);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'schwerte' }, session: editor })).status, 403);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' }, session: editor })).status, 404);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' }, session: editor, query: { status: 'x' } })).status, 422);
  },
  async 'OPTIONS /api/v1/cities/{city}/news/editorial'() { await expectOptions('OPTIONS /api/v1/cities/{city}/news/editorial', { city: 'dortmund' }); },

  async 'GET /api/v1/cities/{city}/news/editorial/{id}'() {
    const key = 'GET /api/v1/cities/{city}/news/editorial/{id}';
    const editor = await signIn(STAFF.editor.email);
    const draft = await call('POST /api/v1/cities/{city}/news', { params: { city: 'dortmund' }, session: editor,
      body: { title: 'Konformität: Entwurf', body: '*Noch* nicht fertig.' } });
    const r = await call(key, { params: { city: 'dortmund', id: draft.body.id }, session: editor });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, draft.body, 'as the POST answered');
    assert.equal(r.body.status, 'draft');
    assert.equal(r.body.body, '*Noch* nicht fertig.');
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), status: 403 },
      { params: { city: 'dortmund', id: 999999 }, session: editor, status: 404, field: 'id' },
      { params: { city: 'dortmund', id: '-1' }, session: editor, status: 422, field: 'id' },
    ], { params: { city: 'dortmund', id: draft.body.id } });
    await expectNotModified(key, { params: { city: 'dortmund', id: draft.body.id }, session: editor });
    await expectMethodNotAllowed(key, { city: 'dortmund', id: draft.body.id });
  },
  async 'HEAD /api/v1/cities/{city}/news/editorial/{id}'() {
    const path = '/api/v1/cities/{city}/news/editorial/{id}';
    const editor = await signIn(STAFF.editor.email);
    const id = (await call('GET /api/v1/cities/{city}/news/editorial', { params: { city: 'dortmund' }, session: editor })).body.items[0].id;
    await expectHeadLikeGet(path, { params: { city: 'dortmund', id }, session: editor });
    const get = await call(`GET ${path}`, { params: { city: 'dortmund', id }, session: editor });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'dortmund', id }, session: editor, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund', id } })).status, 401);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'schwerte', id }, session: editor })).status, 403);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund', id: 999999 }, session: editor })).status, 404);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund', id: 'x' }, session: editor })).status, 422);
  },
  async 'OPTIONS /api/v1/cities/{city}/news/editorial/{id}'() { await expectOptions('OPTIONS /api/v1/cities/{city}/news/editorial/{id}', { city: 'dortmund', id: 1 }); },

  async 'GET /api/v1/cities/{city}/news/imports'() {
    const key = 'GET /api/v1/cities/{city}/news/imports';
    const editor = await signIn(STAFF.editor.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: editor });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { feeds: [] }, 'the demo imports nothing');
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'the admin of another city', session: await signIn(STAFF.schwerteAdmin.email), status: 403 },
      { params: { city: 'atlantis' }, session: editor, status: 404, field: 'city' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'dortmund' }, session: editor });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/news/imports'() {
    const path = '/api/v1/cities/{city}/news/imports';
    const editor = await signIn(STAFF.editor.email);
    await expectHeadLikeGet(path, { params: { city: 'dortmund' }, session: editor });
    const get = await call(`GET ${path}`, { params: { city: 'dortmund' }, session: editor });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'dortmund' }, session: editor, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' } })).status, 401);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'schwerte' }, session: editor })).status, 403);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' }, session: editor })).status, 404);
  },
  async 'OPTIONS /api/v1/cities/{city}/news/imports'() { await expectOptions('OPTIONS /api/v1/cities/{city}/news/imports', { city: 'dortmund' }); },

  async 'POST /api/v1/cities/{city}/news/imports/run'() {
    const key = 'POST /api/v1/cities/{city}/news/imports/run';
    const editor = await signIn(STAFF.editor.email);
    // A feed on a port nobody listens on: the run answers with the error recorded.
    const admin = await signIn(STAFF.admin.email);
    const settings = (await call('GET /api/v1/cities/{city}/settings', { params: { city: 'dortmund' }, session: admin })).body;
    const closed = await new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
    const url = `http://127.0.0.1:${closed}/feed.rss`;
    settings.modules.news.settings.import_feeds = [{ url, category: 'rathaus' }];
    assert.equal((await call('PUT /api/v1/cities/{city}/settings', { params: { city: 'dortmund' }, session: admin, body: settings })).status, 200);
    try {
      const r = await call(key, { params: { city: 'dortmund' }, session: editor });
      assert.equal(r.status, 200);
      assert.equal(r.body.feeds.length, 1);
      assert.equal(r.body.feeds[0].url, url);
      assert.equal(r.body.feeds[0].category, 'rathaus');
      assert.ok(r.body.feeds[0].last_error, 'the connection failure is recorded');
      assert.equal(r.body.feeds[0].last_success_at, null);
      assert.deepEqual((await call('GET /api/v1/cities/{city}/news/imports', { params: { city: 'dortmund' }, session: editor })).body, r.body);
    } finally {
      delete settings.modules.news.settings.import_feeds;
      assert.equal((await call('PUT /api/v1/cities/{city}/settings', { params: { city: 'dortmund' }, session: admin, body: settings })).status, 200);
    }
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'without X-CSRF-Token', session: editor, csrf: false, status: 403 },
      { params: { city: 'atlantis' }, session: editor, status: 404, field: 'city' },
    ], { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'OPTIONS /api/v1/cities/{city}/news/imports/run'() { await expectOptions('OPTIONS /api/v1/cities/{city}/news/imports/run', { city: 'dortmund' }); },

  ...newsFeedScenarios('rss', /^application\/rss\+xml; charset=utf-8$/),
  ...newsFeedScenarios('atom', /^application\/atom\+xml; charset=utf-8$/),

  // ---- Module `events` (issue 4) ------------------------------------------------------------
  async 'GET /api/v1/cities/{city}/events'() {
    const key = 'GET /api/v1/cities/{city}/events';
    const r = await call(key, { params: { city: 'dortmund' }, query: { limit: '200' } });
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length >= 10, 'the demo month of events');
    const starts = r.body.items.map((i) => Date.parse(i.start));
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'sorted by start');
    assert.ok(r.body.items.some((i) => i.event.all_day && /^\d{4}-\d{2}-\d{2}$/.test(i.start)), 'an all-day event, by date');
    const markets = r.body.items.filter((i) => i.event.title === 'Wochenmarkt auf dem Hansaplatz');
    assert.equal(markets.length, 4, 'a weekly market: one item per occurrence, one excluded');
    const free = await call(key, { params: { city: 'dortmund' }, query: { free: 'true', limit: '200' } });
    assert.ok(free.body.items.length > 0 && free.body.items.every((i) => i.event.price.free));
    const near = await call(key, { params: { city: 'dortmund' }, query: { near: '51.5165,7.3375', radius_m: '300', limit: '200' } });
    assert.deepEqual([...new Set(near.body.items.map((i) => i.event.venue.name))], ['LWL-Museum Zeche Zollern']);
    const walked = await walk(key, { params: { city: 'dortmund' } }, 3);
    assert.deepEqual(walked.map((i) => `${i.event.id} ${i.start}`), r.body.items.map((i) => `${i.event.id} ${i.start}`));
    await expectNotModified(key, { params: { city: 'schwerte' } });
    await expectProblems(key, [
      { params: { city: 'atlantis' }, status: 404, field: 'city' },
      { query: { when: 'tomorrow' }, status: 422, field: 'when' },
      { query: { from: '2026-02-30' }, status: 422, field: 'from' },
      { query: { category: 'zirkus' }, status: 422, field: 'category' },
      { query: { near: '51.5' }, status: 422, field: 'near' },
      { query: { cursor: b64url('nope') }, status: 422, field: 'cursor' },
    ], { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/events'() {
    const path = '/api/v1/cities/{city}/events';
    await expectHeadLikeGet(path, { params: { city: 'dortmund' } });
    const get = await call(`GET ${path}`, { params: { city: 'dortmund' } });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'dortmund' }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' } })).status, 404);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' }, query: { when: 'never' } })).status, 422);
  },
  async 'OPTIONS /api/v1/cities/{city}/events'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/events', { city: 'dortmund' });
  },
  async 'POST /api/v1/cities/{city}/events'() {
    const key = 'POST /api/v1/cities/{city}/events';
    const editor = await signIn(STAFF.editor.email);
    const body = { title: 'Konformanz-Konzert', description: 'Mit *Orgel*', start: '2027-03-20T19:00:00+01:00',
      end: '2027-03-20T21:00:00+01:00', category: 'kultur', districts: ['hoerde'],
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3', exdates: ['2027-03-27T19:00:00+01:00'] },
      venue: { name: 'Kirche', address: 'Hörder Kirchplatz, 44263 Dortmund', lat: 51.4878, lon: 7.5035 },
      price: { free: false, text: '10 €' }, status: 'published' };
    const r = await call(key, { params: { city: 'dortmund' }, session: editor, body });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.headers.location, r.body.href);
    assert.equal(r.body.status, 'published');
    assert.equal(r.body.description_html, '<p>Mit <em>Orgel</em></p>');
    assert.deepEqual(r.body.next_occurrences.map((o) => o.start), ['2027-03-20T19:00:00+01:00', '2027-04-03T19:00:00+02:00']);
    const [created] = await auditOf('dortmund', 1);
    assert.deepEqual([created.action, created.object], ['events.create', { type: 'event', id: String(r.body.id) }]);
    const writer = await createToken('dortmund', ['events:write']);
    const byToken = await call(key, { params: { city: 'dortmund' }, token: writer.token, body: { ...body, status: 'draft' } });
    assert.equal(byToken.status, 201);
    assert.equal(byToken.body.status, 'draft');
    await expectBodyProblems(key, { params: { city: 'dortmund' }, session: editor });
    await expectProblems(key, [
      { what: 'no credentials', body, status: 401 },
      { what: 'a read-only token', token: (await createToken('dortmund', ['events:read'])).token, body, status: 403 },
      { what: 'a case worker', session: await signIn(STAFF.caseWorker.email), body, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: editor, body, status: 404, field: 'city' },
      { session: editor, body: { ...body, end: '2027-03-20T18:00:00+01:00' }, status: 422, field: 'end' },
      { session: editor, body: { ...body, start: '2027-02-30T19:00:00+01:00' }, status: 422, field: 'start' },
      { session: editor, body: { ...body, category: 'zirkus' }, status: 422, field: 'category' },
      { session: editor, body: { ...body, districts: ['atlantis'] }, status: 422, field: 'districts[0]' },
      { session: editor, body: { ...body, id: 3 }, status: 422, field: 'id' },
    ], { params: { city: 'dortmund' } });
  },

  async 'GET /api/v1/cities/{city}/events/feed.ics'() {
    const key = 'GET /api/v1/cities/{city}/events/feed.ics';
    const r = await call(key, { params: { city: 'schwerte' } });
    assert.equal(r.status, 200);
    assert.match(r.body, /^BEGIN:VCALENDAR\r\n/);
    assert.match(r.body, /\r\nTZID:Europe\/Berlin\r\n/);
    assert.match(r.body, /\r\nUID:event-\d+@schwerte\.mosaik\r\n/);
    const kultur = await call(key, { params: { city: 'schwerte' }, query: { category: 'kultur' } });
    assert.ok(!kultur.body.includes('SUMMARY:Wochenmarkt'), 'filtered by category');
    await expectNotModified(key, { params: { city: 'schwerte' } });
    await expectProblems(key, [
      { params: { city: 'atlantis' }, status: 404, field: 'city' },
      { params: { city: 'schwerte' }, query: { category: 'zirkus' }, status: 422, field: 'category' },
    ]);
    await expectMethodNotAllowed(key, { city: 'schwerte' });
  },
  async 'HEAD /api/v1/cities/{city}/events/feed.ics'() {
    const path = '/api/v1/cities/{city}/events/feed.ics';
    await expectHeadLikeGet(path, { params: { city: 'dortmund' } });
    const get = await call(`GET ${path}`, { params: { city: 'dortmund' } });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'dortmund' }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' } })).status, 404);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund' }, query: { free: 'ja' } })).status, 422);
  },
  async 'OPTIONS /api/v1/cities/{city}/events/feed.ics'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/events/feed.ics', { city: 'dortmund' });
  },

  async 'GET /api/v1/cities/{city}/events/editorial'() {
    const key = 'GET /api/v1/cities/{city}/events/editorial';
    const editor = await signIn(STAFF.editor.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: editor, query: { limit: '200' } });
    assert.equal(r.status, 200);
    const ids = r.body.items.map((e) => e.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    assert.ok(r.body.items.some((e) => e.import?.source === 'demo'));
    const drafts = await call(key, { params: { city: 'dortmund' }, session: editor, query: { status: 'draft' } });
    assert.ok(drafts.body.items.every((e) => e.status === 'draft'));
    await expectNotModified(key, { params: { city: 'dortmund' }, session: editor });
    await expectProblems(key, [
      { status: 401 },
      { session: await signIn(STAFF.caseWorker.email), status: 403 },
      { params: { city: 'atlantis' }, session: editor, status: 404, field: 'city' },
      { session: editor, query: { status: 'lost' }, status: 422, field: 'status' },
    ], { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/events/editorial'() {
    await expectEventsStaffHead('/api/v1/cities/{city}/events/editorial');
  },
  async 'OPTIONS /api/v1/cities/{city}/events/editorial'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/events/editorial', { city: 'dortmund' });
  },
  async 'GET /api/v1/cities/{city}/events/editorial/{id}'() {
    const key = 'GET /api/v1/cities/{city}/events/editorial/{id}';
    const editor = await signIn(STAFF.editor.email);
    const id = await someEventId();
    const r = await call(key, { params: { city: 'dortmund', id }, session: editor });
    assert.equal(r.status, 200);
    assert.equal(r.body.id, id);
    await expectNotModified(key, { params: { city: 'dortmund', id }, session: editor });
    await expectProblems(key, [
      { status: 401 },
      { session: await signIn(STAFF.caseWorker.email), status: 403 },
      { params: { city: 'dortmund', id: 999999 }, session: editor, status: 404, field: 'id' },
      { params: { city: 'schwerte', id }, session: await signIn(STAFF.schwerteAdmin.email), status: 404, field: 'id' },
    ], { params: { city: 'dortmund', id } });
    await expectMethodNotAllowed(key, { city: 'dortmund', id });
  },
  async 'HEAD /api/v1/cities/{city}/events/editorial/{id}'() {
    await expectEventsStaffHead('/api/v1/cities/{city}/events/editorial/{id}', { id: await someEventId() });
  },
  async 'OPTIONS /api/v1/cities/{city}/events/editorial/{id}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/events/editorial/{id}', { city: 'dortmund', id: 1 });
  },

  async 'POST /api/v1/cities/{city}/events/import'() {
    const key = 'POST /api/v1/cities/{city}/events/import';
    const editor = await signIn(STAFF.editor.email);
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Konformanz//DE', 'BEGIN:VEVENT', 'UID:k-1@konformanz',
      'SUMMARY:Importierte Lesung', 'DTSTART;TZID=Europe/Berlin:20270115T190000', 'DTEND;TZID=Europe/Berlin:20270115T203000',
      'CATEGORIES:Bildung', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const as = (type) => ({ 'Content-Type': type });
    const dry = await call(key, { params: { city: 'dortmund' }, session: editor, query: { dry_run: 'true' }, body: ics, headers: as('text/calendar') });
    assert.deepEqual(dry.body, { created: 1, updated: 0, unchanged: 0, errors: [] });
    const r = await call(key, { params: { city: 'dortmund' }, session: editor, body: ics, headers: as('text/calendar') });
    assert.deepEqual(r.body, { created: 1, updated: 0, unchanged: 0, errors: [] });
    const again = await call(key, { params: { city: 'dortmund' }, session: editor, body: ics, headers: as('text/calendar') });
    assert.deepEqual(again.body, { created: 0, updated: 0, unchanged: 1, errors: [] });
    const csv = 'uid,title,start,category\nk-2,Importierter Stadtrundgang,2027-01-16T11:00,kultur\n';
    const fromCsv = await call(key, { params: { city: 'dortmund' }, session: editor, body: csv, headers: as('text/csv') });
    assert.deepEqual(fromCsv.body, { created: 1, updated: 0, unchanged: 0, errors: [] });
    const [audited] = await auditOf('dortmund', 1);
    assert.deepEqual([audited.action, audited.after], ['events.import', { created: 1, updated: 0, unchanged: 0, format: 'text/csv' }]);
    const bad = await call(key, { params: { city: 'dortmund' }, session: editor, headers: as('text/csv'),
      body: 'uid,title,start,category\nk-3,Neu,2027-01-17T11:00,kultur\nk-4,Kaputt,2027-02-30T11:00,kultur\n' });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors, [{ line: 3, field: 'start', message: 'must be a valid RFC 3339 date-time, e.g. 2026-12-05T18:00:00+01:00' }]);
    await expectProblems(key, [
      { what: 'no credentials', body: ics, headers: as('text/calendar'), status: 401 },
      { what: 'a read-only token', token: (await createToken('dortmund', ['events:read'])).token, body: ics, headers: as('text/calendar'), status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: editor, body: ics, headers: as('text/calendar'), status: 404, field: 'city' },
      { what: 'JSON', session: editor, body: '{}', status: 415 },
      { what: 'an empty file', session: editor, body: ' ', headers: as('text/calendar'), status: 422, field: 'body' },
      { what: 'over 5 MiB', session: editor, body: 'x'.repeat((5 << 20) + 1), headers: as('text/csv'), status: 413, noChallenge: true },
    ], { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'OPTIONS /api/v1/cities/{city}/events/import'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/events/import', { city: 'dortmund' });
  },
  async 'GET /api/v1/cities/{city}/events/imports'() {
    const key = 'GET /api/v1/cities/{city}/events/imports';
    const editor = await signIn(STAFF.editor.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: editor });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { feeds: [] }, 'the demo cities have no import feeds');
    await expectNotModified(key, { params: { city: 'dortmund' }, session: editor });
    await expectProblems(key, [
      { status: 401 },
      { session: await signIn(STAFF.caseWorker.email), status: 403 },
      { params: { city: 'atlantis' }, session: editor, status: 404, field: 'city' },
    ], { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/events/imports'() {
    await expectEventsStaffHead('/api/v1/cities/{city}/events/imports');
  },
  async 'OPTIONS /api/v1/cities/{city}/events/imports'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/events/imports', { city: 'dortmund' });
  },
  async 'POST /api/v1/cities/{city}/events/imports/run'() {
    const key = 'POST /api/v1/cities/{city}/events/imports/run';
    const editor = await signIn(STAFF.editor.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: editor });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { feeds: [] });
    await expectProblems(key, [
      { status: 401 },
      { session: await signIn(STAFF.caseWorker.email), status: 403 },
      { params: { city: 'atlantis' }, session: editor, status: 404, field: 'city' },
    ], { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'OPTIONS /api/v1/cities/{city}/events/imports/run'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/events/imports/run', { city: 'dortmund' });
  },

  async 'GET /api/v1/cities/{city}/events/{id}'() {
    const key = 'GET /api/v1/cities/{city}/events/{id}';
    const list = await call('GET /api/v1/cities/{city}/events', { params: { city: 'dortmund' }, query: { limit: '200' } });
    for (const item of list.body.items) {
      const r = await call(key, { params: { city: 'dortmund', id: item.event.id } });
      assert.equal(r.status, 200);
      for (const [k, v] of Object.entries(item.event)) if (k !== 'recurring') assert.deepEqual(r.body[k], v, `${k} of ${item.event.title}`);
      assert.equal(r.body.json_ld.name, item.event.title);
      assert.equal(r.body.json_ld.eventStatus, item.event.cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled');
    }
    const id = await someEventId();
    await expectNotModified(key, { params: { city: 'dortmund', id } });
    const editor = await signIn(STAFF.editor.email);
    const draft = await call('POST /api/v1/cities/{city}/events', { params: { city: 'dortmund' }, session: editor,
      body: { title: 'Entwurf', start: '2027-05-01T10:00:00+02:00', category: 'kultur' } });
    await expectProblems(key, [
      { params: { city: 'dortmund', id: draft.body.id }, status: 404, field: 'id' },
      { params: { city: 'dortmund', id: 'abc' }, status: 404, field: 'id' },
      { params: { city: 'schwerte', id }, status: 404, field: 'id' },
      { params: { city: 'atlantis', id }, status: 404, field: 'city' },
    ]);
    await expectMethodNotAllowed(key, { city: 'dortmund', id });
  },
  async 'HEAD /api/v1/cities/{city}/events/{id}'() {
    const path = '/api/v1/cities/{city}/events/{id}';
    const id = await someEventId();
    await expectHeadLikeGet(path, { params: { city: 'dortmund', id } });
    const get = await call(`GET ${path}`, { params: { city: 'dortmund', id } });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'dortmund', id }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund', id: 999999 } })).status, 404);
  },
  async 'OPTIONS /api/v1/cities/{city}/events/{id}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/events/{id}', { city: 'dortmund', id: 1 });
  },
  async 'PUT /api/v1/cities/{city}/events/{id}'() {
    const key = 'PUT /api/v1/cities/{city}/events/{id}';
    const editor = await signIn(STAFF.editor.email);
    const created = await call('POST /api/v1/cities/{city}/events', { params: { city: 'dortmund' }, session: editor,
      body: { title: 'Vorher', start: '2027-06-01T10:00:00+02:00', category: 'kultur', status: 'published' } });
    const id = created.body.id;
    const body = { title: 'Nachher', start: '2027-06-01T11:00:00+02:00', end: '2027-06-01T12:00:00+02:00', category: 'sport', status: 'draft' };
    const r = await call(key, { params: { city: 'dortmund', id }, session: editor, body });
    assert.equal(r.status, 200);
    assert.deepEqual([r.body.title, r.body.status, r.body.start], ['Nachher', 'draft', '2027-06-01T11:00:00+02:00']);
    const [audited] = await auditOf('dortmund', 1);
    assert.deepEqual([audited.action, audited.before.title, audited.after.title], ['events.update', 'Vorher', 'Nachher']);
    assert.equal((await call('GET /api/v1/cities/{city}/events/{id}', { params: { city: 'dortmund', id } })).status, 404, 'unpublished');
    await expectBodyProblems(key, { params: { city: 'dortmund', id }, session: editor });
    await expectProblems(key, [
      { body, status: 401 },
      { session: await signIn(STAFF.caseWorker.email), body, status: 403 },
      { params: { city: 'dortmund', id: 999999 }, session: editor, body, status: 404, field: 'id' },
      { session: editor, body: { ...body, end: '2027-06-01T10:00:00+02:00' }, status: 422, field: 'end' },
    ], { params: { city: 'dortmund', id } });
  },
  async 'DELETE /api/v1/cities/{city}/events/{id}'() {
    const key = 'DELETE /api/v1/cities/{city}/events/{id}';
    const editor = await signIn(STAFF.editor.email);
    const created = await call('POST /api/v1/cities/{city}/events', { params: { city: 'dortmund' }, session: editor,
      body: { title: 'Weg damit', start: '2027-07-01T10:00:00+02:00', category: 'kultur', status: 'published' } });
    const id = created.body.id;
    await expectProblems(key, [
      { status: 401 },
      { session: await signIn(STAFF.caseWorker.email), status: 403 },
    ], { params: { city: 'dortmund', id } });
    assert.equal((await call(key, { params: { city: 'dortmund', id }, session: editor })).status, 204);
    const [audited] = await auditOf('dortmund', 1);
    assert.deepEqual([audited.action, audited.before.title, audited.after], ['events.delete', 'Weg damit', null]);
    await expectProblems(key, [{ session: editor, status: 404, field: 'id' }], { params: { city: 'dortmund', id } });
  },

  async 'GET /api/v1/cities/{city}/events/{id}/event.ics'() {
    const key = 'GET /api/v1/cities/{city}/events/{id}/event.ics';
    const id = await someEventId();
    const r = await call(key, { params: { city: 'dortmund', id } });
    assert.equal(r.status, 200);
    assert.match(r.body, new RegExp(`\\r\\nUID:event-${id}@dortmund\\.mosaik\\r\\n`));
    assert.equal(r.headers['content-disposition'], `attachment; filename="veranstaltung-${id}.ics"`);
    await expectNotModified(key, { params: { city: 'dortmund', id } });
    await expectProblems(key, [
      { params: { city: 'dortmund', id: 999999 }, status: 404, field: 'id' },
      { params: { city: 'atlantis', id }, status: 404, field: 'city' },
    ]);
    await expectMethodNotAllowed(key, { city: 'dortmund', id });
  },
  async 'HEAD /api/v1/cities/{city}/events/{id}/event.ics'() {
    const path = '/api/v1/cities/{city}/events/{id}/event.ics';
    const id = await someEventId();
    await expectHeadLikeGet(path, { params: { city: 'dortmund', id } });
    const get = await call(`GET ${path}`, { params: { city: 'dortmund', id } });
    assert.equal((await call(`HEAD ${path}`, { params: { city: 'dortmund', id }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'dortmund', id: 999999 } })).status, 404);
  },
  async 'OPTIONS /api/v1/cities/{city}/events/{id}/event.ics'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/events/{id}/event.ics', { city: 'dortmund', id: 1 });
  },
  // ---- end of module `events` ---------------------------------------------------------------
  // ---- Module `waste` (Abfallkalender, docs/waste.md) ---------------------------------------
  async 'GET /api/v1/cities/{city}/waste/streets'() {
    const key = 'GET /api/v1/cities/{city}/waste/streets';
    const r = await call(key, { params: { city: 'dortmund' }, query: { q: 'Westenhellweg 12a' } });
    assert.equal(r.status, 200);
    assert.equal(r.body.house_number, '12a', 'a trailing house number is split off');
    const [first] = r.body.items;
    assert.deepEqual([first.street, first.district, first.needs_house_number, first.area], ['Westenhellweg', 'innenstadt-west', false, 'IW1']);
    assert.equal(first.ics_url, `http://127.0.0.1:${server.port}/api/v1/cities/dortmund/waste/areas/IW1/calendar.ics`);
    const split = await call(key, { params: { city: 'dortmund' }, query: { q: 'hohe str', limit: '1' } });
    assert.equal(split.body.items.length, 1);
    assert.deepEqual([split.body.items[0].street, split.body.items[0].needs_house_number, split.body.items[0].area, split.body.items[0].ics_url],
      ['Hohe Straße', true, null, null], 'a street split between areas needs the house number');
    assert.equal(split.body.house_number, null);
    assert.match(split.body.items[0].address_url, /\/waste\/address\?street=Hohe%20Stra%C3%9Fe&district=innenstadt-west$/);
    const umlauts = await call(key, { params: { city: 'dortmund' }, query: { q: 'muensterstrasse' } });
    assert.equal(umlauts.body.items[0].street, 'Münsterstraße', 'ue for ü, ss for ß');
    await expectNotModified(key, { params: { city: 'dortmund' }, query: { q: 'Kampstr' } });
    await expectProblems(key, [
      { params: { city: 'atlantis' }, query: { q: 'Kampstr' }, status: 404, field: 'city' },
      { what: 'no q', status: 422, field: 'q' },
      { query: { q: 'K' }, status: 422, field: 'q' },
      { query: { q: 'K'.repeat(101) }, status: 422, field: 'q' },
      { query: { q: 'Kampstr', limit: '21' }, status: 422, field: 'limit' },
      { query: { q: 'Kampstr', limit: '0' }, status: 422, field: 'limit' },
    ], { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/waste/streets'() {
    await expectWastePublicHead('/api/v1/cities/{city}/waste/streets', { q: 'Kampstr' }, { q: 'K' });
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/streets'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/streets', { city: 'dortmund' });
  },

  async 'GET /api/v1/cities/{city}/waste/address'() {
    const key = 'GET /api/v1/cities/{city}/waste/address';
    const origin = `http://127.0.0.1:${server.port}/api/v1/cities/dortmund/waste/areas`;
    const r = await call(key, { params: { city: 'dortmund' }, query: { street: 'Hohe Str.', house_number: '80 B' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { street: 'Hohe Straße', district: 'innenstadt-west', house_number: '80b',
      area: { code: 'IW2', name: 'Innenstadt-West 2', district: 'innenstadt-west' },
      ics_url: `${origin}/IW2/calendar.ics`, webcal_url: `${origin.replace(/^http/, 'webcal')}/IW2/calendar.ics`,
      pickups_url: `${origin}/IW2/pickups` });
    const low = await call(key, { params: { city: 'dortmund' }, query: { street: 'Hohe Straße', house_number: '79' } });
    assert.equal(low.body.area.code, 'IW1');
    const odd = await call(key, { params: { city: 'dortmund' }, query: { street: 'Münsterstraße', house_number: '7' } });
    const even = await call(key, { params: { city: 'dortmund' }, query: { street: 'Münsterstraße', house_number: '8' } });
    assert.deepEqual([odd.body.area.code, even.body.area.code], ['IN1', 'IN2'], 'odd and even sides');
    const whole = await call(key, { params: { city: 'dortmund' }, query: { street: 'Westenhellweg' } });
    assert.deepEqual([whole.body.area.code, whole.body.house_number], ['IW1', null], 'no house number needed');
    const twice = await call(key, { params: { city: 'dortmund' }, query: { street: 'Flughafenstraße', district: 'brackel' } });
    assert.equal(twice.body.area.code, 'BR1');
    await expectNotModified(key, { params: { city: 'dortmund' }, query: { street: 'Westenhellweg' } });
    await expectProblems(key, [
      { params: { city: 'atlantis' }, query: { street: 'Westenhellweg' }, status: 404, field: 'city' },
      { query: { street: 'Gibtsnichtweg' }, status: 404, field: 'street' },
      { what: 'no street', status: 422, field: 'street' },
      { query: { street: 'Hohe Straße' }, status: 422, field: 'house_number' },
      { query: { street: 'Hohe Straße', house_number: 'hinten' }, status: 422, field: 'house_number' },
      { query: { street: 'Flughafenstraße' }, status: 422, field: 'district' },
    ], { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/waste/address'() {
    await expectWastePublicHead('/api/v1/cities/{city}/waste/address', { street: 'Hohe Straße', house_number: '3' }, { street: 'Hohe Straße' });
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/address'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/address', { city: 'dortmund' });
  },

  async 'GET /api/v1/cities/{city}/waste/areas/{code}'() {
    const key = 'GET /api/v1/cities/{city}/waste/areas/{code}';
    const r = await call(key, { params: { city: 'dortmund', code: 'IW1' } });
    assert.equal(r.status, 200);
    assert.deepEqual([r.body.code, r.body.name, r.body.district], ['IW1', 'Innenstadt-West 1', 'innenstadt-west']);
    assert.equal(r.body.pickups_url, `http://127.0.0.1:${server.port}/api/v1/cities/dortmund/waste/areas/IW1/pickups`);
    const types = r.body.next.map((p) => p.type);
    assert.deepEqual(types.slice(0, 4), ['restmuell', 'bio', 'papier', 'gelb'], 'in the order of the types');
    const today = berlinToday();
    assert.ok(r.body.next.every((p) => p.date >= today), 'from today on');
    const pickups = (await call('GET /api/v1/cities/{city}/waste/areas/{code}/pickups', { params: { city: 'dortmund', code: 'IW1' } })).body.items;
    for (const next of r.body.next)
      assert.deepEqual(next, pickups.find((p) => p.type === next.type), `the first ${next.type} pickup`);
    await expectNotModified(key, { params: { city: 'dortmund', code: 'IW1' } });
    await expectProblems(key, [
      { params: { city: 'atlantis', code: 'IW1' }, status: 404, field: 'city' },
      { params: { city: 'dortmund', code: 'ZZ9' }, status: 404, field: 'code' },
    ]);
    await expectMethodNotAllowed(key, { city: 'dortmund', code: 'IW1' });
  },
  async 'HEAD /api/v1/cities/{city}/waste/areas/{code}'() {
    await expectWastePublicHead('/api/v1/cities/{city}/waste/areas/{code}', {}, undefined, { code: 'IW1' });
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/areas/{code}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/areas/{code}', { city: 'dortmund', code: 'IW1' });
  },

  async 'GET /api/v1/cities/{city}/waste/areas/{code}/pickups'() {
    const key = 'GET /api/v1/cities/{city}/waste/areas/{code}/pickups';
    const params = { city: 'dortmund', code: 'IW1' };
    const r = await call(key, { params });
    assert.equal(r.status, 200);
    const today = berlinToday();
    assert.deepEqual([r.body.area, r.body.from, r.body.to], ['IW1', today, addDays(today, 365)], 'defaults: today and 365 days');
    assert.ok(r.body.items.length > 50, `${r.body.items.length} pickups in a year`);
    const order = r.body.items.map((p) => `${p.date} ${p.type}`);
    assert.deepEqual(order, [...order].sort(), 'by date, then type');
    const year = Number(today.slice(0, 4)) + 1;
    const january = await call(key, { params, query: { from: `${year}-01-01`, to: `${year}-01-31`, types: 'restmuell,weihnachtsbaum' } });
    assert.deepEqual(new Set(january.body.items.map((p) => p.type)), new Set(['restmuell', 'weihnachtsbaum']));
    assert.ok(january.body.items.every((p) => p.date >= `${year}-01-01` && p.date <= `${year}-01-31`));
    await expectNotModified(key, { params, query: { types: 'bio' } });
    await expectProblems(key, [
      { params: { city: 'atlantis', code: 'IW1' }, status: 404, field: 'city' },
      { params: { city: 'dortmund', code: 'ZZ9' }, status: 404, field: 'code' },
      { query: { from: '2027-02-30' }, status: 422, field: 'from' },
      { query: { to: 'morgen' }, status: 422, field: 'to' },
      { query: { from: '2027-02-01', to: '2027-01-31' }, status: 422, field: 'to' },
      { query: { from: '2027-01-01', to: '2028-02-06' }, status: 422, field: 'to' },
      { query: { types: 'restmuell,sondermuell' }, status: 422, field: 'types' },
    ], { params });
    const longest = await call(key, { params, query: { from: '2027-01-01', to: '2028-02-05' } });
    assert.equal(longest.status, 200, '400 days at most');
    await expectMethodNotAllowed(key, params);
  },
  async 'HEAD /api/v1/cities/{city}/waste/areas/{code}/pickups'() {
    await expectWastePublicHead('/api/v1/cities/{city}/waste/areas/{code}/pickups', { from: '2027-01-01' }, { from: 'gestern' }, { code: 'IW1' });
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/areas/{code}/pickups'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/areas/{code}/pickups', { city: 'dortmund', code: 'IW1' });
  },

  async 'GET /api/v1/cities/{city}/waste/areas/{code}/calendar.ics'() {
    const key = 'GET /api/v1/cities/{city}/waste/areas/{code}/calendar.ics';
    const params = { city: 'schwerte', code: await someWasteArea('schwerte') };
    const r = await call(key, { params });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/calendar; charset=utf-8');
    assert.equal(r.headers['content-disposition'], `inline; filename="abfuhrtermine-${params.code}.ics"`);
    assert.match(r.body, /^BEGIN:VCALENDAR\r\n/);
    assert.match(r.body, new RegExp(`\\r\\nUID:\\d{8}-restmuell-${params.code}@schwerte\\.waste\\.mosaik\\r\\n`));
    assert.ok(!r.body.includes('BEGIN:VALARM'), 'no alarm unless asked for');
    const alarm = await call(key, { params, query: { alarm: 'true', types: 'papier' } });
    assert.match(alarm.body, /\r\nTRIGGER:-PT(6H|360M)\r\n/, '18:00 on the evening before: 6 hours before the day');
    assert.ok(!alarm.body.includes('CATEGORIES:restmuell'), 'only papier');
    assert.match(alarm.body, /\r\nCATEGORIES:papier\r\n/);
    await expectNotModified(key, { params });
    await expectProblems(key, [
      { params: { ...params, city: 'atlantis' }, status: 404, field: 'city' },
      { params: { ...params, code: 'ZZ9' }, status: 404, field: 'code' },
      { params, query: { types: 'atommuell' }, status: 422, field: 'types' },
      { params, query: { alarm: 'ja' }, status: 422, field: 'alarm' },
    ]);
    await expectMethodNotAllowed(key, params);
  },
  async 'HEAD /api/v1/cities/{city}/waste/areas/{code}/calendar.ics'() {
    await expectWastePublicHead('/api/v1/cities/{city}/waste/areas/{code}/calendar.ics', { alarm: 'true' }, { alarm: 'ja' }, { code: 'IW1' });
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/areas/{code}/calendar.ics'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/areas/{code}/calendar.ics', { city: 'dortmund', code: 'IW1' });
  },

  async 'GET /api/v1/cities/{city}/waste/dropoffs'() {
    const key = 'GET /api/v1/cities/{city}/waste/dropoffs';
    const r = await call(key, { params: { city: 'dortmund' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/geo+json');
    assert.deepEqual(r.body.features.map((f) => f.id), ['wertstoffhof-nord', 'wertstoffhof-hoerde', 'container-nordmarkt']);
    const [nord] = r.body.features;
    assert.deepEqual(nord.geometry, { type: 'Point', coordinates: [7.4468, 51.5376] }, '[lon, lat]');
    assert.deepEqual(nord.properties, { id: 'wertstoffhof-nord', name: 'Recyclinghof Nord', kind: 'recycling_centre',
      address: 'Lindenhorster Straße 38, 44147 Dortmund', opening_hours: 'Mo-Fr 08:00-18:00; Sa 08:00-14:00',
      accepts: ['sperrmuell', 'papier', 'glas', 'schadstoff'] });
    await expectNotModified(key, { params: { city: 'schwerte' } });
    await expectProblems(key, [{ params: { city: 'atlantis' }, status: 404, field: 'city' }]);
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/waste/dropoffs'() {
    await expectWastePublicHead('/api/v1/cities/{city}/waste/dropoffs', {});
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/dropoffs'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/dropoffs', { city: 'dortmund' });
  },

  async 'GET /api/v1/cities/{city}/waste/admin/areas'() {
    const key = 'GET /api/v1/cities/{city}/waste/admin/areas';
    const editor = await signIn(STAFF.editor.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: editor });
    assert.equal(r.status, 200);
    assert.equal(r.body.items.length, 14, 'the demo areas');
    assert.deepEqual(r.body.items.map((a) => a.code), [...r.body.items.map((a) => a.code)].sort(), 'by code');
    assert.deepEqual(r.body.items.find((a) => a.code === 'IW1'), { code: 'IW1', name: 'Innenstadt-West 1', district: 'innenstadt-west', streets: 5 });
    assert.equal(r.body.summary.areas, 14);
    assert.equal(r.body.summary.streets, r.body.items.reduce((n, a) => n + a.streets, 0));
    const year = Number(berlinToday().slice(0, 4));
    assert.deepEqual(r.body.summary.years, [year, year + 1], 'the demo plans this year and the next');
    const reader = await createToken('dortmund', ['waste:read']);
    assert.deepEqual((await call(key, { params: { city: 'dortmund' }, token: reader.token })).body, r.body);
    await expectNotModified(key, { params: { city: 'dortmund' }, session: editor });
    await expectWasteStaffProblems(key, { city: 'dortmund' });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/waste/admin/areas'() {
    await expectWasteStaffHead('/api/v1/cities/{city}/waste/admin/areas');
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/admin/areas'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/admin/areas', { city: 'dortmund' });
  },

  async 'GET /api/v1/cities/{city}/waste/admin/streets'() {
    const key = 'GET /api/v1/cities/{city}/waste/admin/streets';
    const editor = await signIn(STAFF.editor.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: editor, query: { area: 'IW1' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.items.find((s) => s.street === 'Hohe Straße'),
      { street: 'Hohe Straße', district: 'innenstadt-west', house_from: '1', house_to: '79', parity: 'all', area: 'IW1' });
    assert.ok(r.body.items.every((s) => s.area === 'IW1'));
    assert.equal(r.body.next_cursor, null);
    const muenster = await call(key, { params: { city: 'dortmund' }, session: editor, query: { q: 'muenster' } });
    assert.deepEqual(muenster.body.items.map((s) => [s.area, s.parity, s.house_from, s.house_to]), [['IN1', 'odd', '1', null], ['IN2', 'even', '2', null]]);
    const all = await call(key, { params: { city: 'dortmund' }, session: editor, query: { limit: '500' } });
    const walked = await walk(key, { params: { city: 'dortmund' }, session: editor }, 7);
    assert.deepEqual(walked, all.body.items, 'pages of 7 give the whole list');
    await expectNotModified(key, { params: { city: 'dortmund' }, session: editor });
    await expectWasteStaffProblems(key, { city: 'dortmund' }, [
      { session: editor, query: { limit: '501' }, status: 422, field: 'limit' },
      { session: editor, query: { cursor: b64url('nope') }, status: 422, field: 'cursor' },
    ]);
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/waste/admin/streets'() {
    await expectWasteStaffHead('/api/v1/cities/{city}/waste/admin/streets');
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/admin/streets'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/admin/streets', { city: 'dortmund' });
  },

  async 'GET /api/v1/cities/{city}/waste/admin/areas/{code}/dates'() {
    const key = 'GET /api/v1/cities/{city}/waste/admin/areas/{code}/dates';
    const editor = await signIn(STAFF.editor.email);
    const params = { city: 'dortmund', code: 'IW2' };
    const year = Number(berlinToday().slice(0, 4)) + 1;
    const r = await call(key, { params, session: editor, query: { year: String(year) } });
    assert.equal(r.status, 200);
    assert.deepEqual([r.body.area, r.body.year], ['IW2', year]);
    assert.ok(r.body.items.every((p) => p.planned.startsWith(String(year)) && !p.cancelled && p.change_id === null));
    assert.equal(r.body.items.filter((p) => p.type === 'schadstoff').length, 4, 'four Schadstoffmobil dates a year');
    const pickups = await call('GET /api/v1/cities/{city}/waste/areas/{code}/pickups', { params, query: { from: `${year}-02-01`, to: `${year}-11-30` } });
    assert.deepEqual(r.body.items.filter((p) => p.date >= `${year}-02-01` && p.date <= `${year}-11-30`).map(({ cancelled, change_id, ...p }) => p),
      pickups.body.items, 'what citizens see');
    // A cancelled pickup is listed, with the change that cancelled it.
    const target = r.body.items.find((p) => p.type === 'papier' && p.date === p.planned && p.date > `${year}-03-01`);
    const cancel = await call('POST /api/v1/cities/{city}/waste/admin/changes', { params: { city: 'dortmund' }, session: editor,
      body: { area: 'IW2', type: 'papier', date: target.planned, note: 'Streik' } });
    assert.equal(cancel.status, 201, JSON.stringify(cancel.body));
    const after = await call(key, { params, session: editor, query: { year: String(year), types: 'papier' } });
    assert.ok(after.body.items.every((p) => p.type === 'papier'));
    assert.deepEqual(after.body.items.find((p) => p.planned === target.planned),
      { date: target.planned, planned: target.planned, type: 'papier', note: 'Streik', cancelled: true, change_id: cancel.body.id });
    assert.equal((await call('DELETE /api/v1/cities/{city}/waste/admin/changes/{id}', { params: { city: 'dortmund', id: cancel.body.id }, session: editor })).status, 204);
    const thisYear = await call(key, { params, session: editor });
    assert.equal(thisYear.body.year, year - 1, 'default: this year');
    await expectNotModified(key, { params, session: editor, query: { year: String(year) } });
    await expectWasteStaffProblems(key, params, [
      { params: { ...params, code: 'ZZ9' }, session: editor, status: 404, field: 'code' },
      { session: editor, query: { year: '1999' }, status: 422, field: 'year' },
      { session: editor, query: { year: '2027x' }, status: 422, field: 'year' },
      { session: editor, query: { types: 'plastik' }, status: 422, field: 'types' },
    ]);
    await expectMethodNotAllowed(key, params);
  },
  async 'HEAD /api/v1/cities/{city}/waste/admin/areas/{code}/dates'() {
    await expectWasteStaffHead('/api/v1/cities/{city}/waste/admin/areas/{code}/dates', { code: 'IW1' }, { year: '1999' });
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/admin/areas/{code}/dates'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/admin/areas/{code}/dates', { city: 'dortmund', code: 'IW1' });
  },

  async 'GET /api/v1/cities/{city}/waste/admin/changes'() {
    const key = 'GET /api/v1/cities/{city}/waste/admin/changes';
    const editor = await signIn(STAFF.editor.email);
    const pickup = await plannedWastePickup('dortmund', 'IO1', 'gelb');
    const created = await call('POST /api/v1/cities/{city}/waste/admin/changes', { params: { city: 'dortmund' }, session: editor,
      body: { area: 'IO1', type: 'gelb', date: pickup.planned, new_date: addDays(pickup.planned, 2), note: 'Baustelle' } });
    assert.equal(created.status, 201);
    const r = await call(key, { params: { city: 'dortmund' }, session: editor });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.items.find((c) => c.id === created.body.id), created.body);
    await expectNotModified(key, { params: { city: 'dortmund' }, session: editor });
    await call('DELETE /api/v1/cities/{city}/waste/admin/changes/{id}', { params: { city: 'dortmund', id: created.body.id }, session: editor });
    assert.ok(!(await call(key, { params: { city: 'dortmund' }, session: editor })).body.items.some((c) => c.id === created.body.id));
    await expectWasteStaffProblems(key, { city: 'dortmund' });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/waste/admin/changes'() {
    await expectWasteStaffHead('/api/v1/cities/{city}/waste/admin/changes');
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/admin/changes'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/admin/changes', { city: 'dortmund' });
  },
  async 'POST /api/v1/cities/{city}/waste/admin/changes'() {
    const key = 'POST /api/v1/cities/{city}/waste/admin/changes';
    const editor = await signIn(STAFF.editor.email);
    const pickup = await plannedWastePickup('dortmund', 'EV1', 'restmuell');
    const body = { area: 'EV1', type: 'restmuell', date: pickup.planned, new_date: addDays(pickup.planned, 1), note: 'Straßenfest' };
    const r = await call(key, { params: { city: 'dortmund' }, session: editor, body });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body, { id: r.body.id, ...body });
    const [audited] = await auditOf('dortmund', 1);
    assert.deepEqual([audited.action, audited.object, audited.after], ['waste.change.create', { type: 'waste_change', id: String(r.body.id) }, r.body]);
    const moved = await call('GET /api/v1/cities/{city}/waste/areas/{code}/pickups', { params: { city: 'dortmund', code: 'EV1' },
      query: { from: pickup.planned, to: addDays(pickup.planned, 1), types: 'restmuell' } });
    assert.deepEqual(moved.body.items, [{ date: body.new_date, planned: pickup.planned, type: 'restmuell', note: 'Straßenfest' }]);
    await expectProblems(key, [{ what: 'the same pickup again', session: editor, body: { ...body, new_date: null }, status: 409 }], { params: { city: 'dortmund' } });
    // A token cancels one (new_date absent).
    const writer = await createToken('dortmund', ['waste:write']);
    const other = await plannedWastePickup('dortmund', 'EV1', 'bio');
    const cancelled = await call(key, { params: { city: 'dortmund' }, token: writer.token, body: { area: 'EV1', type: 'bio', date: other.planned } });
    assert.equal(cancelled.status, 201);
    assert.deepEqual([cancelled.body.new_date, cancelled.body.note], [null, '']);
    for (const id of [r.body.id, cancelled.body.id])
      assert.equal((await call('DELETE /api/v1/cities/{city}/waste/admin/changes/{id}', { params: { city: 'dortmund', id }, session: editor })).status, 204);
    await expectBodyProblems(key, { params: { city: 'dortmund' }, session: editor });
    await expectProblems(key, [
      { what: 'no credentials', body, status: 401 },
      { what: 'without X-CSRF-Token', session: editor, csrf: false, body, status: 403 },
      { what: 'a read-only token', token: (await createToken('dortmund', ['waste:read'])).token, body, status: 403 },
      { what: 'a case worker', session: await signIn(STAFF.caseWorker.email), body, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: editor, body, status: 404, field: 'city' },
      { session: editor, body: { ...body, area: 'ZZ9' }, status: 422, field: 'area' },
      { session: editor, body: { ...body, type: 'plastik' }, status: 422, field: 'type' },
      { session: editor, body: { ...body, date: addDays(pickup.planned, 1) }, status: 422, field: 'date' },
      { session: editor, body: { ...body, date: '2027-02-30' }, status: 422, field: 'date' },
      { session: editor, body: { ...body, new_date: body.date }, status: 422, field: 'new_date' },
      { session: editor, body: { ...body, new_date: addDays(body.date, 32) }, status: 422, field: 'new_date' },
      { session: editor, body: { ...body, note: 'x'.repeat(201) }, status: 422, field: 'note' },
      { session: editor, body: { ...body, id: 3 }, status: 422, field: 'id' },
    ], { params: { city: 'dortmund' } });
  },

  async 'DELETE /api/v1/cities/{city}/waste/admin/changes/{id}'() {
    const key = 'DELETE /api/v1/cities/{city}/waste/admin/changes/{id}';
    const editor = await signIn(STAFF.editor.email);
    const pickup = await plannedWastePickup('dortmund', 'SC1', 'papier');
    const created = await call('POST /api/v1/cities/{city}/waste/admin/changes', { params: { city: 'dortmund' }, session: editor,
      body: { area: 'SC1', type: 'papier', date: pickup.planned } });
    const id = created.body.id;
    await expectProblems(key, [
      { status: 401 },
      { session: await signIn(STAFF.caseWorker.email), status: 403 },
      { session: editor, csrf: false, status: 403 },
      { params: { city: 'atlantis', id }, session: editor, status: 404, field: 'city' },
      { params: { city: 'schwerte', id }, session: await signIn(STAFF.schwerteAdmin.email), status: 404, field: 'id' },
      { params: { city: 'dortmund', id: 'abc' }, session: editor, status: 404, field: 'id' },
    ], { params: { city: 'dortmund', id } });
    assert.equal((await call(key, { params: { city: 'dortmund', id }, token: (await createToken('dortmund', ['waste:write'])).token })).status, 204);
    const [audited] = await auditOf('dortmund', 1);
    assert.deepEqual([audited.action, audited.before, audited.after], ['waste.change.delete', created.body, null]);
    await expectProblems(key, [{ session: editor, status: 404, field: 'id' }], { params: { city: 'dortmund', id } });
    await expectMethodNotAllowed(key, { city: 'dortmund', id });
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/admin/changes/{id}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/admin/changes/{id}', { city: 'dortmund', id: 1 });
  },

  async 'GET /api/v1/cities/{city}/waste/admin/shifts'() {
    const key = 'GET /api/v1/cities/{city}/waste/admin/shifts';
    const editor = await signIn(STAFF.editor.email);
    const r = await call(key, { params: { city: 'schwerte' }, session: await signIn(STAFF.twoCities.email) });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { items: [] }, 'the demo announces no shifts');
    await expectNotModified(key, { params: { city: 'dortmund' }, session: editor });
    await expectWasteStaffProblems(key, { city: 'dortmund' });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/waste/admin/shifts'() {
    await expectWasteStaffHead('/api/v1/cities/{city}/waste/admin/shifts');
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/admin/shifts'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/admin/shifts', { city: 'dortmund' });
  },
  async 'POST /api/v1/cities/{city}/waste/admin/shifts'() {
    const key = 'POST /api/v1/cities/{city}/waste/admin/shifts';
    const editor = await signIn(STAFF.editor.email);
    // A week of the next year in which HO1 has a Restmüll pickup, and no holiday.
    const pickup = await plannedWastePickup('dortmund', 'HO1', 'restmuell');
    const body = { from: pickup.planned, to: addDays(pickup.planned, 6), days: 1, types: ['restmuell'], reason: 'Betriebsversammlung' };
    const r = await call(key, { params: { city: 'dortmund' }, session: editor, body });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body, { id: r.body.id, ...body });
    const [audited] = await auditOf('dortmund', 1);
    assert.deepEqual([audited.action, audited.after], ['waste.shift.create', r.body]);
    const moved = await call('GET /api/v1/cities/{city}/waste/areas/{code}/pickups', { params: { city: 'dortmund', code: 'HO1' },
      query: { from: pickup.planned, to: addDays(pickup.planned, 1), types: 'restmuell' } });
    assert.deepEqual(moved.body.items, [{ date: addDays(pickup.planned, 1), planned: pickup.planned, type: 'restmuell', note: 'Betriebsversammlung' }]);
    const listed = await call('GET /api/v1/cities/{city}/waste/admin/shifts', { params: { city: 'dortmund' }, session: editor });
    assert.deepEqual(listed.body.items, [r.body]);
    const byToken = await call(key, { params: { city: 'dortmund' }, token: (await createToken('dortmund', ['waste:write'])).token,
      body: { from: '2027-12-20', to: '2027-12-31', days: -1, reason: 'Feiertage' } });
    assert.equal(byToken.status, 201);
    assert.deepEqual(byToken.body.types, [], 'all types');
    for (const id of [r.body.id, byToken.body.id])
      assert.equal((await call('DELETE /api/v1/cities/{city}/waste/admin/shifts/{id}', { params: { city: 'dortmund', id }, session: editor })).status, 204);
    await expectBodyProblems(key, { params: { city: 'dortmund' }, session: editor });
    await expectProblems(key, [
      { what: 'no credentials', body, status: 401 },
      { what: 'without X-CSRF-Token', session: editor, csrf: false, body, status: 403 },
      { what: 'a read-only token', token: (await createToken('dortmund', ['waste:read'])).token, body, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: editor, body, status: 404, field: 'city' },
      { session: editor, body: { ...body, from: '2027-13-01' }, status: 422, field: 'from' },
      { session: editor, body: { ...body, to: addDays(body.from, -1) }, status: 422, field: 'to' },
      { session: editor, body: { ...body, to: addDays(body.from, 32) }, status: 422, field: 'to' },
      { session: editor, body: { ...body, days: 0 }, status: 422, field: 'days' },
      { session: editor, body: { ...body, days: 8 }, status: 422, field: 'days' },
      { session: editor, body: { ...body, types: ['restmuell', 'plastik'] }, status: 422, field: 'types[1]' },
      { session: editor, body: { ...body, reason: '' }, status: 422, field: 'reason' },
      { session: editor, body: { ...body, until: '2027-01-01' }, status: 422, field: 'until' },
    ], { params: { city: 'dortmund' } });
  },

  async 'DELETE /api/v1/cities/{city}/waste/admin/shifts/{id}'() {
    const key = 'DELETE /api/v1/cities/{city}/waste/admin/shifts/{id}';
    const editor = await signIn(STAFF.editor.email);
    const created = await call('POST /api/v1/cities/{city}/waste/admin/shifts', { params: { city: 'dortmund' }, session: editor,
      body: { from: '2027-05-03', to: '2027-05-08', days: 2, reason: 'Weg damit' } });
    const id = created.body.id;
    await expectProblems(key, [
      { status: 401 },
      { session: await signIn(STAFF.caseWorker.email), status: 403 },
      { params: { city: 'atlantis', id }, session: editor, status: 404, field: 'city' },
      { params: { city: 'dortmund', id: '0' }, session: editor, status: 404, field: 'id' },
    ], { params: { city: 'dortmund', id } });
    assert.equal((await call(key, { params: { city: 'dortmund', id }, session: editor })).status, 204);
    const [audited] = await auditOf('dortmund', 1);
    assert.deepEqual([audited.action, audited.before, audited.after], ['waste.shift.delete', created.body, null]);
    await expectProblems(key, [{ session: editor, status: 404, field: 'id' }], { params: { city: 'dortmund', id } });
    await expectMethodNotAllowed(key, { city: 'dortmund', id });
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/admin/shifts/{id}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/admin/shifts/{id}', { city: 'dortmund', id: 1 });
  },

  async 'POST /api/v1/cities/{city}/waste/admin/imports/{kind}'() {
    const key = 'POST /api/v1/cities/{city}/waste/admin/imports/{kind}';
    const editor = await signIn(STAFF.twoCities.email);
    const as = (type) => ({ 'Content-Type': type });
    const city = 'schwerte';
    const before = (await call('GET /api/v1/cities/{city}/waste/admin/areas', { params: { city }, session: editor })).body;
    const code = before.items[0].code;
    const streets = `\uFEFFStreet;House_From;house_to;parity;area;area_name\nKonformanzweg;1;;ungerade;${code};\nKonformanzweg;2;;gerade;K-1;Konformanz\n`;
    const dry = await call(key, { params: { city, kind: 'streets' }, session: editor, query: { dry_run: 'true' }, body: streets, headers: as('text/csv; charset=utf-8') });
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual(dry.body, { kind: 'streets', dry_run: true, rows: 2, areas: 2, streets: 2, rhythms: 0, dates: 0,
      replaced: { areas: 0, streets: before.summary.streets, rhythms: 0, dates: 0 } });
    assert.deepEqual((await call('GET /api/v1/cities/{city}/waste/admin/areas', { params: { city }, session: editor })).body, before, 'a dry run changes nothing');
    // Dates of a year the demo does not plan, imported for real and replaced by a calendar.
    const year = Number(berlinToday().slice(0, 4)) + 4;
    const dates = `area,type,date,every_weeks,until\n${code},restmuell,${year}-01-05,2,${year}-03-31\n${code},weihnachtsbaum,${year}-01-12,,\n`;
    const imported = await call(key, { params: { city, kind: 'dates' }, session: editor, query: { year: String(year) }, body: dates, headers: as('text/csv') });
    assert.deepEqual(imported.body, { kind: 'dates', dry_run: false, rows: 2, areas: 1, streets: 0, rhythms: 1, dates: 1,
      replaced: { areas: 0, streets: 0, rhythms: 0, dates: 0 } });
    const [audited] = await auditOf(city, 1);
    assert.deepEqual([audited.action, audited.object], ['waste.import', { type: 'waste_plan', id: 'dates' }]);
    assert.ok((await call('GET /api/v1/cities/{city}/waste/admin/areas', { params: { city }, session: editor })).body.summary.years.includes(year));
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Konformanz//DE', 'BEGIN:VEVENT', 'UID:k-1@konformanz',
      `DTSTART;VALUE=DATE:${year}0107`, 'SUMMARY:Papiertonne', 'RRULE:FREQ=WEEKLY;INTERVAL=4;COUNT=3', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const calendar = await call(key, { params: { city, kind: 'calendar' }, session: editor, query: { year: String(year), area: code }, body: ics, headers: as('text/calendar') });
    assert.deepEqual(calendar.body, { kind: 'calendar', dry_run: false, rows: 1, areas: 1, streets: 0, rhythms: 1, dates: 0,
      replaced: { areas: 0, streets: 0, rhythms: 1, dates: 1 } });
    const dated = await call('GET /api/v1/cities/{city}/waste/admin/areas/{code}/dates', { params: { city, code }, session: editor, query: { year: String(year) } });
    assert.deepEqual(dated.body.items.map((p) => [p.planned, p.type]), [[`${year}-01-07`, 'papier'], [`${year}-02-04`, 'papier'], [`${year}-03-04`, 'papier']]);
    const bad = await call(key, { params: { city, kind: 'dates' }, session: editor, query: { year: String(year) }, headers: as('text/csv'),
      body: `area;type;date\n${code};restmuell;${year}-02-30\nZZ9;restmuell;${year}-02-02\n${code};plastik;${year}-02-03\n` });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.field, 'body');
    assert.deepEqual(bad.body.errors.map((e) => [e.line, e.field]), [[2, 'date'], [3, 'area'], [4, 'type']], 'every problem, with its line');
    const writer = (await createToken('dortmund', ['waste:write'])).token;
    await expectProblems(key, [
      { what: 'no credentials', params: { city: 'dortmund', kind: 'streets' }, body: streets, headers: as('text/csv'), status: 401 },
      { what: 'a read-only token', params: { city: 'dortmund', kind: 'streets' }, token: (await createToken('dortmund', ['waste:read'])).token, body: streets, headers: as('text/csv'), status: 403 },
      { what: 'a case worker', params: { city: 'dortmund', kind: 'streets' }, session: await signIn(STAFF.caseWorker.email), body: streets, headers: as('text/csv'), status: 403 },
      { what: 'no such city', params: { city: 'atlantis', kind: 'streets' }, token: writer, body: streets, headers: as('text/csv'), status: 404, field: 'city' },
      { what: 'no such kind', params: { city: 'dortmund', kind: 'rhythms' }, token: writer, body: streets, headers: as('text/csv'), status: 404, field: 'kind' },
      { what: 'CSV for a calendar', params: { city: 'dortmund', kind: 'calendar' }, token: writer, query: { year: '2027', area: 'IW1' }, body: streets, headers: as('text/csv'), status: 415 },
      { what: 'JSON', params: { city: 'dortmund', kind: 'streets' }, token: writer, body: '{}', status: 415 },
      { what: 'an empty file', params: { city: 'dortmund', kind: 'streets' }, token: writer, body: ' \n', headers: as('text/csv'), status: 422, field: 'body' },
      { what: 'no year', params: { city: 'dortmund', kind: 'dates' }, token: writer, body: dates, headers: as('text/csv'), status: 422, field: 'year' },
      { what: 'no area', params: { city: 'dortmund', kind: 'calendar' }, token: writer, query: { year: '2027' }, body: ics, headers: as('text/calendar'), status: 422, field: 'area' },
      { what: 'an unknown area', params: { city: 'dortmund', kind: 'calendar' }, token: writer, query: { year: '2027', area: 'ZZ9' }, body: ics, headers: as('text/calendar'), status: 422, field: 'area' },
      { what: 'dry_run=yes', params: { city: 'dortmund', kind: 'streets' }, token: writer, query: { dry_run: 'yes' }, body: streets, headers: as('text/csv'), status: 422, field: 'dry_run' },
      { what: 'over 20 MiB', params: { city: 'dortmund', kind: 'streets' }, token: writer, body: 'x'.repeat((20 << 20) + 1), headers: as('text/csv'), status: 413, noChallenge: true },
    ]);
    await expectMethodNotAllowed(key, { city: 'dortmund', kind: 'streets' });
  },
  async 'OPTIONS /api/v1/cities/{city}/waste/admin/imports/{kind}'() {
    await expectOptions('OPTIONS /api/v1/cities/{city}/waste/admin/imports/{kind}', { city: 'dortmund', kind: 'streets' });
  },
  // ---- end of module `waste` ----------------------------------------------------------------

  // ---- module `reports` ------------------------------------------------------------------------
  async 'GET /api/v1/cities/{city}/reports'() {
    const key = 'GET /api/v1/cities/{city}/reports';
    const { withPhoto, unplaced, review } = await reportFixtures();
    const r = await call(key, { params: { city: 'dortmund' }, query: { limit: '100' } });
    assert.equal(r.status, 200);
    const ids = r.body.items.map((i) => i.id);
    assert.ok(ids.includes(withPhoto.id) && ids.includes(unplaced.id), 'Dortmund publishes at once');
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    const listed = r.body.items.find((i) => i.id === withPhoto.id);
    assert.equal(listed.photos.length, 1);
    assert.ok(!JSON.stringify(r.body).includes('melder@example.org'), 'no personal data');
    const schwerte = await call(key, { params: { city: 'schwerte' } });
    assert.ok(!schwerte.body.items.some((i) => i.id === review.id), 'Schwerte reviews reports first');
    const page = await call(key, { params: { city: 'dortmund' }, query: { limit: '1' } });
    assert.equal(page.body.items.length, 1);
    assert.notEqual(page.body.next_cursor, null);
    const next = await call(key, { params: { city: 'dortmund' }, query: { limit: '1', cursor: page.body.next_cursor } });
    assert.ok(next.body.items[0].id < page.body.items[0].id);
    const other = await call(key, { params: { city: 'dortmund' }, query: { category: 'sonstiges', status: 'open' } });
    assert.ok(other.body.items.every((i) => i.category === 'sonstiges' && ['received', 'in_progress'].includes(i.status)));
    assert.ok(other.body.items.some((i) => i.id === unplaced.id));
    const boxed = await call(key, { params: { city: 'dortmund' }, query: { bbox: `${withPhoto.lat - 0.001},${withPhoto.lon - 0.001},${withPhoto.lat + 0.001},${withPhoto.lon + 0.001}` } });
    assert.ok(boxed.body.items.some((i) => i.id === withPhoto.id));
    assert.ok(!boxed.body.items.some((i) => i.id === unplaced.id), 'a report without a position is in no box');
    await expectProblems(key, [
      { params: { city: 'atlantis' }, status: 404, field: 'city' },
      { query: { bbox: '1,2,3' }, status: 422, field: 'bbox' },
      { query: { bbox: '52,7,51,8' }, status: 422, field: 'bbox' },
      { query: { status: 'pending' }, status: 422, field: 'status' },
      { query: { category: 'gibtsnicht' }, status: 422, field: 'category' },
      { query: { limit: '101' }, status: 422, field: 'limit' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/reports'() {
    await reportFixtures();
    await expectWastePublicHead('/api/v1/cities/{city}/reports', {}, { status: 'x' });
  },
  async 'OPTIONS /api/v1/cities/{city}/reports'() { await expectOptions('OPTIONS /api/v1/cities/{city}/reports', { city: 'dortmund' }); },

  async 'POST /api/v1/cities/{city}/reports'() {
    const key = 'POST /api/v1/cities/{city}/reports';
    const params = { city: 'schwerte' };
    const center = (await call('GET /api/v1/cities/{city}', { params })).body.map.center;
    const body = { submission_id: submissionId(), category: 'strassenlaterne', lat: center.lat, lon: center.lon,
      description: 'Laterne dunkel', attributes: { zustand: 'dunkel', mastnummer: 'L-17' }, email: 'melder@example.org', locale: 'en', website: '' };
    const r = await call(key, { params, body });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual([r.body.status, r.body.published, r.body.has_email, r.body.category], ['received', false, true, 'strassenlaterne']);
    assert.deepEqual(r.body.attributes, { zustand: 'dunkel', mastnummer: 'L-17' });
    const again = await call(key, { params, body });
    assert.equal(again.status, 200, 'the same submission_id answers the first report');
    assert.equal(again.body.id, r.body.id);
    const own = await call('GET /api/v1/cities/{city}/reports/{id}', { params: { ...params, id: String(r.body.id) }, headers: { 'X-Report-Token': again.body.access_token } });
    assert.equal(own.status, 200, 'the latest token works');

    const valid = { ...body, submission_id: submissionId() };
    const png = makePng(8, 8).toString('base64');
    await expectBodyProblems(key, { params });
    await expectProblems(key, [
      { what: 'no such city', params: { city: 'atlantis' }, body: valid, status: 404, field: 'city' },
      { what: 'the honeypot', body: { ...valid, website: 'http://spam.example' }, status: 400, field: 'website' },
      { what: 'a GIF', body: { ...valid, photos: [GIF.toString('base64')] }, status: 415, field: 'photos[0]' },
      { body: { ...valid, submission_id: 'kurz' }, status: 422, field: 'submission_id' },
      { body: { ...valid, category: 'gibtsnicht' }, status: 422, field: 'category' },
      { body: { ...valid, lat: 10, lon: 10 }, status: 422, field: 'lat' },
      { body: { ...valid, lon: undefined }, status: 422, field: 'lon' },
      { body: { ...valid, lat: null, lon: null }, status: 422, field: 'lat' },
      { body: { ...valid, description: ' ' }, status: 422, field: 'description' },
      { body: { ...valid, attributes: { mastnummer: 'L-17' } }, status: 422, field: 'attributes.zustand' },
      { body: { ...valid, attributes: { zustand: 'kaputt' } }, status: 422, field: 'attributes.zustand' },
      { body: { ...valid, attributes: { zustand: 'dunkel', farbe: 'rot' } }, status: 422, field: 'attributes.farbe' },
      { body: { ...valid, photos: [png, png, png, png] }, status: 422, field: 'photos' },
      { body: { ...valid, photos: ['kein base64!'] }, status: 422, field: 'photos[0]' },
      { body: { ...valid, email: 'keine-adresse' }, status: 422, field: 'email' },
      { body: { ...valid, locale: 'fr' }, status: 422, field: 'locale' },
      { body: { ...valid, phone: '0231 500' }, status: 422, field: 'phone' },
      { what: 'over 40 MB', body: 'x'.repeat(40 * 1024 * 1024 + 1), status: 413, noChallenge: true },
    ], { params });
    // More than max_reports_per_hour (10) from one client in an hour.
    let limited;
    for (let i = 0; i < 12 && !limited; ++i) {
      const more = await call(key, { params, body: { ...valid, submission_id: submissionId() } });
      if (more.status === 429) limited = more;
      else assert.equal(more.status, 201, JSON.stringify(more.body));
    }
    assert.ok(limited, 'the hourly limit of Schwerte is reached');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    await expectMethodNotAllowed(key, params);
  },

  async 'GET /api/v1/cities/{city}/reports/map.geojson'() {
    const key = 'GET /api/v1/cities/{city}/reports/map.geojson';
    const { withPhoto, unplaced } = await reportFixtures();
    const r = await call(key, { params: { city: 'dortmund' } });
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^application\/geo\+json/);
    const feature = r.body.features.find((f) => f.id === withPhoto.id);
    assert.deepEqual(feature.geometry.coordinates, [withPhoto.lon, withPhoto.lat], 'RFC 7946: longitude first');
    assert.equal(feature.properties.category, 'schlagloch');
    assert.ok(!r.body.features.some((f) => f.id === unplaced.id));
    assert.equal(r.body.truncated, false);
    const closed = await call(key, { params: { city: 'dortmund' }, query: { status: 'closed' } });
    assert.ok(closed.body.features.every((f) => !['received', 'in_progress'].includes(f.properties.status)));
    const far = await call(key, { params: { city: 'dortmund' }, query: { bbox: '10,10,11,11' } });
    assert.deepEqual(far.body.features, []);
    await expectProblems(key, [
      { params: { city: 'atlantis' }, status: 404, field: 'city' },
      { query: { bbox: 'a,b,c,d' }, status: 422, field: 'bbox' },
      { query: { status: 'alle' }, status: 422, field: 'status' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'dortmund' } });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/reports/map.geojson'() {
    await expectWastePublicHead('/api/v1/cities/{city}/reports/map.geojson', {}, { bbox: 'x' });
  },
  async 'OPTIONS /api/v1/cities/{city}/reports/map.geojson'() { await expectOptions('OPTIONS /api/v1/cities/{city}/reports/map.geojson', { city: 'dortmund' }); },

  async 'GET /api/v1/cities/{city}/reports/nearby'() {
    const key = 'GET /api/v1/cities/{city}/reports/nearby';
    const { withPhoto, review } = await reportFixtures();
    const at = (r, category = r.category) => ({ lat: String(r.lat), lon: String(r.lon), category });
    const r = await call(key, { params: { city: 'dortmund' }, query: at(withPhoto) });
    assert.equal(r.status, 200);
    assert.equal(r.body.radius_m, 50);
    const item = r.body.items.find((i) => i.id === withPhoto.id);
    assert.deepEqual([item.distance_m, item.public, item.description], [0, true, withPhoto.description]);
    assert.equal(item.photos.length, 1);
    const hidden = await call(key, { params: { city: 'schwerte' }, query: at(review) });
    const unpublished = hidden.body.items.find((i) => i.id === review.id);
    assert.equal(unpublished.public, false);
    assert.ok(!('description' in unpublished) && !('photos' in unpublished), 'only what is public');
    const other = await call(key, { params: { city: 'dortmund' }, query: at(withPhoto, 'graffiti') });
    assert.ok(!other.body.items.some((i) => i.id === withPhoto.id), 'only the category asked for');
    await expectProblems(key, [
      { params: { city: 'atlantis' }, status: 404, field: 'city' },
      { query: { lon: '7.4', category: 'schlagloch' }, status: 422, field: 'lat' },
      { query: { lat: '51.5', lon: 'ost', category: 'schlagloch' }, status: 422, field: 'lon' },
      { query: { lat: '51.5', lon: '7.4', category: 'gibtsnicht' }, status: 422, field: 'category' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'dortmund' }, query: at(withPhoto) });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/reports/nearby'() {
    const { withPhoto } = await reportFixtures();
    await expectWastePublicHead('/api/v1/cities/{city}/reports/nearby',
      { lat: String(withPhoto.lat), lon: String(withPhoto.lon), category: 'schlagloch' }, { lat: 'x', lon: '7', category: 'schlagloch' });
  },
  async 'OPTIONS /api/v1/cities/{city}/reports/nearby'() { await expectOptions('OPTIONS /api/v1/cities/{city}/reports/nearby', { city: 'dortmund' }); },

  async 'GET /api/v1/cities/{city}/reports/{id}'() {
    const key = 'GET /api/v1/cities/{city}/reports/{id}';
    const { withPhoto, review } = await reportFixtures();
    const params = { city: 'dortmund', id: String(withPhoto.id) };
    const r = await call(key, { params });
    assert.equal(r.status, 200);
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.ok(!('published' in r.body) && !('has_email' in r.body), 'the public view');
    assert.deepEqual(r.body.history.map((h) => h.kind), ['created']);
    const own = await call(key, { params, headers: { 'X-Report-Token': withPhoto.access_token } });
    assert.equal(own.headers['cache-control'], 'private, no-store');
    assert.deepEqual([own.body.published, own.body.has_email], [true, true]);
    const reviewParams = { city: 'schwerte', id: String(review.id) };
    const mine = await call(key, { params: reviewParams, headers: { 'X-Report-Token': review.access_token } });
    assert.equal(mine.status, 200, 'the reporter sees it before moderation');
    assert.equal(mine.body.published, false);
    await expectProblems(key, [
      { what: 'not public yet', params: reviewParams, status: 404, field: 'id' },
      { what: 'a wrong token', params: reviewParams, headers: { 'X-Report-Token': withPhoto.access_token }, status: 404, field: 'id' },
      { what: 'another city', params: { city: 'schwerte' }, status: 404, field: 'id' },
      { what: 'no such report', params: { id: '999999' }, status: 404, field: 'id' },
      { what: 'not an id', params: { id: 'abc' }, status: 404, field: 'id' },
      { what: 'no such city', params: { city: 'atlantis' }, status: 404, field: 'city' },
    ], { params });
    await expectNotModified(key, { params });
    await expectMethodNotAllowed(key, params);
  },
  async 'HEAD /api/v1/cities/{city}/reports/{id}'() {
    const { withPhoto } = await reportFixtures();
    await expectWastePublicHead('/api/v1/cities/{city}/reports/{id}', {}, undefined, { id: String(withPhoto.id) });
    assert.equal((await expectHeadLikeGet('/api/v1/cities/{city}/reports/{id}', { params: { city: 'dortmund', id: '999999' } })).status, 404);
  },
  async 'OPTIONS /api/v1/cities/{city}/reports/{id}'() { await expectOptions('OPTIONS /api/v1/cities/{city}/reports/{id}', { city: 'dortmund', id: '1' }); },

  async 'POST /api/v1/cities/{city}/reports/{id}/supports'() {
    const key = 'POST /api/v1/cities/{city}/reports/{id}/supports';
    const { withPhoto } = await reportFixtures();
    const params = { city: 'dortmund', id: String(withPhoto.id) };
    const first = await call(key, { params });
    assert.equal(first.status, 200);
    assert.ok(first.body.supporters >= 1);
    const again = await call(key, { params });
    assert.equal(again.body.supporters, first.body.supporters, 'once per client');
    const shown = await call('GET /api/v1/cities/{city}/reports/{id}', { params });
    assert.equal(shown.body.supporters, first.body.supporters);
    await expectProblems(key, [
      { what: 'no such report', params: { id: '999999' }, status: 404, field: 'id' },
      { what: 'no such city', params: { city: 'atlantis' }, status: 404, field: 'city' },
    ], { params });
    await expectMethodNotAllowed(key, params);
  },
  async 'OPTIONS /api/v1/cities/{city}/reports/{id}/supports'() { await expectOptions('OPTIONS /api/v1/cities/{city}/reports/{id}/supports', { city: 'dortmund', id: '1' }); },

  async 'DELETE /api/v1/cities/{city}/reports/{id}/personal-data'() {
    const key = 'DELETE /api/v1/cities/{city}/reports/{id}/personal-data';
    const { unplaced, withPhoto } = await reportFixtures();
    const params = { city: 'dortmund', id: String(unplaced.id) };
    await expectProblems(key, [
      { what: 'no token', status: 404, field: 'id' },
      { what: 'another report\'s token', headers: { 'X-Report-Token': withPhoto.access_token }, status: 404, field: 'id' },
      { what: 'no such city', params: { city: 'atlantis' }, headers: { 'X-Report-Token': unplaced.access_token }, status: 404, field: 'city' },
    ], { params });
    const r = await call(key, { params, headers: { 'X-Report-Token': unplaced.access_token } });
    assert.equal(r.status, 204);
    const staff = await call('GET /api/v1/cities/{city}/reports/cases/{id}', { params, session: await signIn(STAFF.admin.email) });
    assert.deepEqual([staff.body.email, staff.body.name, staff.body.personal_data_deleted], [null, null, true]);
    await expectMethodNotAllowed(key, params);
  },
  async 'OPTIONS /api/v1/cities/{city}/reports/{id}/personal-data'() { await expectOptions('OPTIONS /api/v1/cities/{city}/reports/{id}/personal-data', { city: 'dortmund', id: '1' }); },

  ...reportPhotoScenarios(false),
  ...reportPhotoScenarios(true),

  async 'GET /api/v1/cities/{city}/reports/cases'() {
    const key = 'GET /api/v1/cities/{city}/reports/cases';
    const { withPhoto, review } = await reportFixtures();
    const admin = await signIn(STAFF.admin.email);
    const r = await call(key, { params: { city: 'dortmund' }, session: admin, query: { limit: '200' } });
    assert.equal(r.status, 200);
    const ids = r.body.items.map((i) => i.id);
    assert.ok(ids.includes(withPhoto.id));
    assert.ok(!ids.includes(review.id), 'each city its own cases');
    const schwerte = await call(key, { params: { city: 'schwerte' }, session: await signIn(STAFF.schwerteAdmin.email), query: { status: 'received' } });
    assert.ok(schwerte.body.items.some((i) => i.id === review.id && i.published === false), 'unpublished reports too');
    const reader = (await createToken('dortmund', ['reports:read'])).token;
    const found = await call(key, { params: { city: 'dortmund' }, token: reader, query: { q: 'Tiefes', status: 'open', category: 'schlagloch', department: 'tiefbau' } });
    assert.ok(found.body.items.some((i) => i.id === withPhoto.id));
    assert.ok(found.body.items.every((i) => i.category === 'schlagloch' && i.department === 'tiefbau'));
    const old = await call(key, { params: { city: 'dortmund' }, session: admin, query: { older_than_days: '1' } });
    assert.ok(!old.body.items.some((i) => i.id === withPhoto.id), 'made today');
    const page = await call(key, { params: { city: 'dortmund' }, session: admin, query: { limit: '1' } });
    assert.notEqual(page.body.next_cursor, null);
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), status: 403 },
      { what: 'a case worker of another module', session: await signIn(STAFF.caseWorker.email), status: 403 },
      { what: 'a news token', token: (await createToken('dortmund', ['news:read'])).token, status: 403 },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, status: 404, field: 'city' },
      { query: { status: 'offen' }, session: admin, status: 422, field: 'status' },
      { query: { older_than_days: '-1' }, session: admin, status: 422, field: 'older_than_days' },
      { query: { q: 'x'.repeat(101) }, session: admin, status: 422, field: 'q' },
    ], { params: { city: 'dortmund' } });
    await expectNotModified(key, { params: { city: 'dortmund' }, session: admin });
    await expectMethodNotAllowed(key, { city: 'dortmund' });
  },
  async 'HEAD /api/v1/cities/{city}/reports/cases'() {
    const path = '/api/v1/cities/{city}/reports/cases';
    const admin = await signIn(STAFF.admin.email);
    const own = { city: 'dortmund' };
    await expectHeadLikeGet(path, { params: own, session: admin });
    const get = await call(`GET ${path}`, { params: own, session: admin });
    assert.equal((await call(`HEAD ${path}`, { params: own, session: admin, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: own })).status, 401);
    assert.equal((await expectHeadLikeGet(path, { params: own, session: await signIn(STAFF.editor.email) })).status, 403);
    assert.equal((await expectHeadLikeGet(path, { params: { city: 'atlantis' }, session: admin })).status, 404);
    assert.equal((await expectHeadLikeGet(path, { params: own, session: admin, query: { status: 'x' } })).status, 422);
  },
  async 'OPTIONS /api/v1/cities/{city}/reports/cases'() { await expectOptions('OPTIONS /api/v1/cities/{city}/reports/cases', { city: 'dortmund' }); },

  async 'POST /api/v1/cities/{city}/reports/cases/reject'() {
    const key = 'POST /api/v1/cities/{city}/reports/cases/reject';
    const spam = await makeReport('dortmund', { description: 'Kauft Uhren!' });
    const params = { city: 'dortmund' };
    const admin = await signIn(STAFF.admin.email);
    const r = await call(key, { params, session: admin, body: { ids: [spam.id, 999999], reason: 'Spam' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { rejected: 1 });
    const [entry] = await auditOf('dortmund', 1);
    assert.deepEqual([entry.action, entry.object, entry.after], ['reports.case.reject', { type: 'report', id: 'bulk' }, { ids: [spam.id], reason: 'Spam' }]);
    assert.equal((await call('GET /api/v1/cities/{city}/reports/{id}', { params: { ...params, id: String(spam.id) } })).status, 404, 'rejected reports are never public');
    const writer = (await createToken('dortmund', ['reports:write'])).token;
    assert.deepEqual((await call(key, { params, token: writer, body: { ids: [spam.id] } })).body, { rejected: 0 }, 'rejected already');
    await expectBodyProblems(key, { params, session: admin });
    await expectProblems(key, [
      { what: 'no credentials', body: { ids: [1] }, status: 401 },
      { what: 'a read-only token', token: (await createToken('dortmund', ['reports:read'])).token, body: { ids: [1] }, status: 403 },
      { what: 'without X-CSRF-Token', session: admin, csrf: false, body: { ids: [1] }, status: 403, detail: /X-CSRF-Token/ },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, body: { ids: [1] }, status: 404, field: 'city' },
      { session: admin, body: { ids: [] }, status: 422, field: 'ids' },
      { session: admin, body: { reason: 'Spam' }, status: 422, field: 'ids' },
      { session: admin, body: { ids: ['a'] }, status: 422, field: 'ids[0]' },
      { session: admin, body: { ids: [1], because: 'x' }, status: 422, field: 'because' },
    ], { params });
    await expectMethodNotAllowed(key, params);
  },
  async 'OPTIONS /api/v1/cities/{city}/reports/cases/reject'() { await expectOptions('OPTIONS /api/v1/cities/{city}/reports/cases/reject', { city: 'dortmund' }); },

  async 'GET /api/v1/cities/{city}/reports/cases/{id}'() {
    const key = 'GET /api/v1/cities/{city}/reports/cases/{id}';
    const { withPhoto, review } = await reportFixtures();
    const params = { city: 'dortmund', id: String(withPhoto.id) };
    const admin = await signIn(STAFF.admin.email);
    const r = await call(key, { params, session: admin });
    assert.equal(r.status, 200);
    assert.deepEqual([r.body.email, r.body.source, r.body.department, r.body.published], ['melder@example.org', 'app', 'tiefbau', true]);
    assert.equal(r.body.photos[0].url, `/api/v1/cities/dortmund/reports/cases/${withPhoto.id}/photos/1`);
    const token = await call(key, { params, token: (await createToken('dortmund', ['reports:read'])).token });
    assert.equal(token.status, 200);
    await expectProblems(key, [
      { what: 'no credentials', status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), status: 403 },
      { what: 'a report of another city', params: { id: String(review.id) }, session: admin, status: 404, field: 'id' },
      { what: 'not an id', params: { id: 'x' }, session: admin, status: 404, field: 'id' },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, status: 404, field: 'city' },
    ], { params });
    await expectNotModified(key, { params, session: admin });
    await expectMethodNotAllowed(key, params);
  },
  async 'HEAD /api/v1/cities/{city}/reports/cases/{id}'() {
    const path = '/api/v1/cities/{city}/reports/cases/{id}';
    const { withPhoto } = await reportFixtures();
    const own = { city: 'dortmund', id: String(withPhoto.id) };
    const admin = await signIn(STAFF.admin.email);
    await expectHeadLikeGet(path, { params: own, session: admin });
    const get = await call(`GET ${path}`, { params: own, session: admin });
    assert.equal((await call(`HEAD ${path}`, { params: own, session: admin, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params: own })).status, 401);
    assert.equal((await expectHeadLikeGet(path, { params: own, session: await signIn(STAFF.editor.email) })).status, 403);
    assert.equal((await expectHeadLikeGet(path, { params: { ...own, id: '999999' }, session: admin })).status, 404);
  },
  async 'PATCH /api/v1/cities/{city}/reports/cases/{id}'() {
    const key = 'PATCH /api/v1/cities/{city}/reports/cases/{id}';
    const { review, withPhoto } = await reportFixtures();
    const params = { city: 'schwerte', id: String(review.id) };
    const admin = await signIn(STAFF.schwerteAdmin.email);
    const r = await call(key, { params, session: admin, body: { status: 'in_progress', public_answer: 'Wird repariert.', comment: 'Kolonne Nord' } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual([r.body.status, r.body.public_answer, r.body.published], ['in_progress', 'Wird repariert.', true], 'a first look publishes');
    assert.ok(r.body.history.some((h) => h.kind === 'comment' && h.internal && h.text === 'Kolonne Nord'));
    const [entry] = await auditOf('schwerte', 1);
    assert.deepEqual([entry.action, entry.object, entry.before.status, entry.after.status], ['reports.case.update', { type: 'report', id: String(review.id) }, 'received', 'in_progress']);
    const shown = await call('GET /api/v1/cities/{city}/reports/{id}', { params });
    assert.equal(shown.status, 200, 'public now');
    assert.ok(!shown.body.history.some((h) => h.kind === 'comment'), 'internal entries are for staff only');
    const writer = (await createToken('schwerte', ['reports:write'])).token;
    assert.equal((await call(key, { params, token: writer, body: { comment: 'per Token' } })).status, 200);
    const unchanged = await call(key, { params, session: admin, body: { status: 'in_progress' } });
    assert.equal(unchanged.status, 200);
    await expectBodyProblems(key, { params, session: admin });
    await expectProblems(key, [
      { what: 'no credentials', body: { comment: 'x' }, status: 401 },
      { what: 'an editor', session: await signIn(STAFF.twoCities.email), body: { comment: 'x' }, status: 403 },
      { what: 'a read-only token', token: (await createToken('schwerte', ['reports:read'])).token, body: { comment: 'x' }, status: 403 },
      { what: 'without X-CSRF-Token', session: admin, csrf: false, body: { comment: 'x' }, status: 403, detail: /X-CSRF-Token/ },
      { what: 'a report of another city', params: { id: String(withPhoto.id) }, session: admin, body: { comment: 'x' }, status: 404, field: 'id' },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, body: { comment: 'x' }, status: 404, field: 'city' },
      { session: admin, body: {}, status: 422, field: 'body' },
      { session: admin, body: { status: 'erledigt' }, status: 422, field: 'status' },
      { session: admin, body: { status: 'forwarded' }, status: 422, field: 'forwarded_to' },
      { session: admin, body: { status: 'duplicate' }, status: 422, field: 'duplicate_of' },
      { session: admin, body: { duplicate_of: review.id }, status: 422, field: 'duplicate_of' },
      { session: admin, body: { category: 'gibtsnicht' }, status: 422, field: 'category' },
      { session: admin, body: { department: 'gibtsnicht' }, status: 422, field: 'department' },
      { session: admin, body: { comment: ' ' }, status: 422, field: 'comment' },
      { session: admin, body: { published: 'ja' }, status: 422, field: 'published' },
      { session: admin, body: { priority: 1 }, status: 422, field: 'priority' },
    ], { params });
    await expectMethodNotAllowed(key, params);
  },
  async 'OPTIONS /api/v1/cities/{city}/reports/cases/{id}'() { await expectOptions('OPTIONS /api/v1/cities/{city}/reports/cases/{id}', { city: 'dortmund', id: '1' }); },

  async 'PATCH /api/v1/cities/{city}/reports/cases/{id}/photos/{n}'() {
    const key = 'PATCH /api/v1/cities/{city}/reports/cases/{id}/photos/{n}';
    const { withPhoto } = await reportFixtures();
    const params = { city: 'dortmund', id: String(withPhoto.id), n: '1' };
    const admin = await signIn(STAFF.admin.email);
    const photo = 'GET /api/v1/cities/{city}/reports/{id}/photos/{n}';
    try {
      const r = await call(key, { params, session: admin, body: { hidden: true } });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { position: 1, hidden: true });
      const [entry] = await auditOf('dortmund', 1);
      assert.deepEqual([entry.action, entry.object, entry.after], ['reports.photo.hide', { type: 'report_photo', id: `${withPhoto.id}/1` }, { hidden: true }]);
      assert.equal((await call(photo, { params })).status, 404, 'hidden from the public');
      assert.deepEqual((await call('GET /api/v1/cities/{city}/reports/{id}', { params })).body.photos, []);
      assert.equal((await call('GET /api/v1/cities/{city}/reports/cases/{id}/photos/{n}', { params, session: admin })).status, 200, 'not from staff');
      assert.equal((await call(photo, { params, headers: { 'X-Report-Token': withPhoto.access_token } })).status, 200, 'nor from the reporter');
    } finally {
      assert.deepEqual((await call(key, { params, session: admin, body: { hidden: false } })).body, { position: 1, hidden: false });
    }
    assert.equal((await call(photo, { params })).status, 200, 'shown again');
    await expectMethodNotAllowed(key, params);
    await expectBodyProblems(key, { params, session: admin });
    await expectProblems(key, [
      { what: 'no credentials', body: { hidden: true }, status: 401 },
      { what: 'an editor', session: await signIn(STAFF.editor.email), body: { hidden: true }, status: 403 },
      { what: 'no such photo', params: { n: '2' }, session: admin, body: { hidden: true }, status: 404, field: 'n' },
      { what: 'no such city', params: { city: 'atlantis' }, session: admin, body: { hidden: true }, status: 404, field: 'city' },
      { session: admin, body: { hidden: 'ja' }, status: 422, field: 'hidden' },
      { session: admin, body: { hidden: true, reason: 'x' }, status: 422, field: 'reason' },
    ], { params });
  },
  // ---- end of module `reports` ------------------------------------------------------------------
  // ---- Open311 GeoReport v2 ---------------------------------------------------------------------
  async 'GET /open311/v2/{resource}'() {
    const key = 'GET /open311/v2/{resource}';
    const { withPhoto } = await reportFixtures();
    const services = await call(key, { params: { resource: 'services.json' }, query: { jurisdiction_id: 'dortmund' } });
    assert.equal(services.status, 200);
    assert.ok(services.body.some((s) => s.service_code === 'schlagloch' && s.metadata === true));
    const xml = await call(key, { params: { resource: 'services.xml' }, query: { jurisdiction_id: 'dortmund' } });
    assert.match(xml.headers['content-type'], /^application\/xml/);
    assert.match(xml.body, /<services><service><service_code>/);
    const requests = await call(key, { params: { resource: 'requests.json' }, query: { jurisdiction_id: 'dortmund' } });
    const mine = requests.body.find((q) => q.service_request_id === String(withPhoto.id));
    assert.equal(mine.status, 'open');
    assert.match(mine.media_url, new RegExp(`/api/v1/cities/dortmund/reports/${withPhoto.id}/photos/1$`));
    const filtered = await call(key, { params: { resource: 'requests.xml' }, query: { jurisdiction_id: 'dortmund',
      service_request_id: String(withPhoto.id), service_code: 'schlagloch', status: 'open', start_date: '2020-01-01T00:00:00Z', end_date: '2099-01-01T00:00:00Z' } });
    assert.equal(filtered.status, 200);
    assert.match(filtered.body, new RegExp(`<service_requests><request><service_request_id>${withPhoto.id}</service_request_id>`));
    await expectOpen311Errors(key, [
      { what: 'no jurisdiction_id', status: 400, detail: /jurisdiction_id/ },
      { what: 'XML', params: { resource: 'services.xml' }, status: 400 },
      { query: { jurisdiction_id: 'atlantis' }, status: 404, detail: /atlantis/ },
      { params: { resource: 'requests.json' }, query: { jurisdiction_id: 'dortmund', status: 'offen' }, status: 400 },
      { params: { resource: 'requests.json' }, query: { jurisdiction_id: 'dortmund', start_date: 'gestern' }, status: 400 },
      { params: { resource: 'requests.json' }, query: { jurisdiction_id: 'dortmund', service_request_id: 'a' }, status: 400 },
      { params: { resource: 'tickets.json' }, query: { jurisdiction_id: 'dortmund' }, status: 404 },
      { params: { resource: 'services.csv' }, query: { jurisdiction_id: 'dortmund' }, status: 404 },
    ], { params: { resource: 'services.json' } });
    await expectNotModified(key, { params: { resource: 'services.json' }, query: { jurisdiction_id: 'schwerte' } });
    await expectNotModified(key, { params: { resource: 'requests.xml' }, query: { jurisdiction_id: 'dortmund' } });
    await expectMethodNotAllowed(key, { resource: 'services.json' });
  },
  async 'HEAD /open311/v2/{resource}'() {
    const path = '/open311/v2/{resource}';
    const params = { resource: 'services.xml' };
    await expectHeadLikeGet(path, { params, query: { jurisdiction_id: 'dortmund' } });
    const get = await call(`GET ${path}`, { params, query: { jurisdiction_id: 'dortmund' } });
    assert.equal((await call(`HEAD ${path}`, { params, query: { jurisdiction_id: 'dortmund' }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params })).status, 400);
    assert.equal((await expectHeadLikeGet(path, { params, query: { jurisdiction_id: 'atlantis' } })).status, 404);
  },
  async 'OPTIONS /open311/v2/{resource}'() { await expectOptions('OPTIONS /open311/v2/{resource}', { resource: 'requests.json' }); },
  async 'POST /open311/v2/{resource}'() {
    const key = 'POST /open311/v2/{resource}';
    const params = { resource: 'requests.json' };
    const { center } = (await call('GET /api/v1/cities/{city}', { params: { city: 'dortmund' } })).body.map;
    const fields = { jurisdiction_id: 'dortmund', service_code: 'papierkorb', lat: String(center.lat), long: String(center.lon), description: 'Papierkorb voll' };
    const r = await call(key, { params, headers: FORM, body: form(fields) });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const listed = await call('GET /open311/v2/requests/{id}', { params: { id: `${r.body[0].service_request_id}.json` }, query: { jurisdiction_id: 'dortmund' } });
    assert.equal(listed.body[0].service_code, 'papierkorb', 'public at once in Dortmund');
    const writer = (await createToken('schwerte', ['reports:write'])).token;
    const withKey = await call(key, { params: { resource: 'requests.xml' }, headers: FORM,
      body: form({ jurisdiction_id: 'schwerte', api_key: writer, service_code: 'sonstiges', address_string: 'Markt 1', description: 'Bank fehlt' }) });
    assert.equal(withKey.status, 201, withKey.body);
    assert.match(withKey.body, /<service_requests><request><service_request_id>[1-9][0-9]*<\/service_request_id><token>/);
    await expectOpen311Errors(key, [
      { what: 'no jurisdiction_id', body: form({ ...fields, jurisdiction_id: '' }), status: 400, detail: /jurisdiction_id/ },
      { what: 'no service_code', body: form({ ...fields, service_code: '' }), status: 400, detail: /service_code/ },
      { what: 'no location', body: form({ jurisdiction_id: 'dortmund', service_code: 'papierkorb', description: 'x' }), status: 400 },
      { what: 'a malformed form', body: 'jurisdiction_id=%zz', status: 400 },
      { what: 'anonymous in Schwerte', body: form({ ...fields, jurisdiction_id: 'schwerte' }), status: 403, detail: /api_key/ },
      { what: 'a read-only key', body: form({ ...fields, jurisdiction_id: 'schwerte', api_key: (await createToken('schwerte', ['reports:read'])).token }), status: 403 },
      { what: 'an unknown jurisdiction', body: form({ ...fields, jurisdiction_id: 'atlantis' }), status: 404 },
      { what: 'an unknown service_code', body: form({ ...fields, service_code: 'gibtsnicht' }), status: 404, detail: /gibtsnicht/ },
      { what: 'services', params: { resource: 'services.json' }, body: form(fields), status: 404 },
      { what: 'JSON', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields), status: 415 },
    ], { params, headers: FORM });
    // Anonymous requests count against Dortmund's max_reports_per_hour (10) per client.
    let limited;
    for (let i = 0; i < 12 && !limited; ++i) {
      const more = await call(key, { params, headers: FORM, body: form(fields) });
      if (more.status === 429) limited = more;
      else assert.equal(more.status, 201, JSON.stringify(more.body));
    }
    assert.ok(limited, 'the hourly limit of Dortmund is reached');
    assert.equal(limited.body[0].code, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await call(key, { params, headers: FORM, body: form({ jurisdiction_id: 'schwerte', api_key: writer, service_code: 'sonstiges', address_string: 'Markt 1', description: 'Bank fehlt' }) })).status, 201,
      'a key is not limited per client');
  },

  async 'GET /open311/v2/services/{code}'() {
    const key = 'GET /open311/v2/services/{code}';
    const r = await call(key, { params: { code: 'schlagloch.json' }, query: { jurisdiction_id: 'dortmund' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.attributes.map((a) => [a.code, a.datatype, a.values.length]), [['lage', 'singlevaluelist', 3]]);
    const xml = await call(key, { params: { code: 'muell.xml' }, query: { jurisdiction_id: 'schwerte' } });
    assert.match(xml.body, /<service_definition><service_code>muell<\/service_code><attributes><attribute>/);
    await expectOpen311Errors(key, [
      { what: 'no jurisdiction_id', status: 400 },
      { query: { jurisdiction_id: 'atlantis' }, status: 404 },
      { params: { code: 'gibtsnicht.xml' }, query: { jurisdiction_id: 'dortmund' }, status: 404 },
      { params: { code: 'schlagloch' }, query: { jurisdiction_id: 'dortmund' }, status: 404 },
    ], { params: { code: 'schlagloch.json' } });
    await expectNotModified(key, { params: { code: 'schlagloch.json' }, query: { jurisdiction_id: 'dortmund' } });
    await expectMethodNotAllowed(key, { code: 'schlagloch.json' });
  },
  async 'HEAD /open311/v2/services/{code}'() {
    const path = '/open311/v2/services/{code}';
    const params = { code: 'strassenlaterne.xml' };
    await expectHeadLikeGet(path, { params, query: { jurisdiction_id: 'dortmund' } });
    const get = await call(`GET ${path}`, { params, query: { jurisdiction_id: 'dortmund' } });
    assert.equal((await call(`HEAD ${path}`, { params, query: { jurisdiction_id: 'dortmund' }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params })).status, 400);
    assert.equal((await expectHeadLikeGet(path, { params: { code: 'x.xml' }, query: { jurisdiction_id: 'dortmund' } })).status, 404);
  },
  async 'OPTIONS /open311/v2/services/{code}'() { await expectOptions('OPTIONS /open311/v2/services/{code}', { code: 'schlagloch.json' }); },

  async 'GET /open311/v2/requests/{id}'() {
    const key = 'GET /open311/v2/requests/{id}';
    const { withPhoto, review } = await reportFixtures();
    const r = await call(key, { params: { id: `${withPhoto.id}.json` }, query: { jurisdiction_id: 'dortmund' } });
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 1);
    assert.deepEqual([r.body[0].service_request_id, r.body[0].lat, r.body[0].long], [String(withPhoto.id), withPhoto.lat, withPhoto.lon]);
    const xml = await call(key, { params: { id: `${withPhoto.id}.xml` }, query: { jurisdiction_id: 'dortmund' } });
    assert.match(xml.body, /^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request>/);
    await expectOpen311Errors(key, [
      { what: 'no jurisdiction_id', status: 400 },
      { what: 'another jurisdiction', query: { jurisdiction_id: 'schwerte' }, status: 404 },
      { what: 'no such request', params: { id: '999999.json' }, query: { jurisdiction_id: 'dortmund' }, status: 404 },
      { what: 'two ids', params: { id: `${withPhoto.id},${withPhoto.id}.json` }, query: { jurisdiction_id: 'dortmund' }, status: 404 },
      { what: 'no extension', params: { id: String(withPhoto.id) }, query: { jurisdiction_id: 'dortmund' }, status: 404 },
      { what: 'a report of another city', params: { id: `${review.id}.xml` }, query: { jurisdiction_id: 'dortmund' }, status: 404 },
    ], { params: { id: `${withPhoto.id}.json` } });
    await expectNotModified(key, { params: { id: `${withPhoto.id}.json` }, query: { jurisdiction_id: 'dortmund' } });
    await expectMethodNotAllowed(key, { id: `${withPhoto.id}.json` });
  },
  async 'HEAD /open311/v2/requests/{id}'() {
    const path = '/open311/v2/requests/{id}';
    const { withPhoto } = await reportFixtures();
    const params = { id: `${withPhoto.id}.xml` };
    await expectHeadLikeGet(path, { params, query: { jurisdiction_id: 'dortmund' } });
    const get = await call(`GET ${path}`, { params, query: { jurisdiction_id: 'dortmund' } });
    assert.equal((await call(`HEAD ${path}`, { params, query: { jurisdiction_id: 'dortmund' }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
    assert.equal((await expectHeadLikeGet(path, { params })).status, 400);
    assert.equal((await expectHeadLikeGet(path, { params: { id: '999999.xml' }, query: { jurisdiction_id: 'dortmund' } })).status, 404);
  },
  async 'OPTIONS /open311/v2/requests/{id}'() { await expectOptions('OPTIONS /open311/v2/requests/{id}', { id: '1.json' }); },

  async 'GET /open311/v2/tokens/{token}'() {
    const key = 'GET /open311/v2/tokens/{token}';
    const { center } = (await call('GET /api/v1/cities/{city}', { params: { city: 'schwerte' } })).body.map;
    const writer = (await createToken('schwerte', ['reports:write'])).token;
    const made = await call('POST /open311/v2/{resource}', { params: { resource: 'requests.json' }, headers: FORM,
      body: form({ jurisdiction_id: 'schwerte', api_key: writer, service_code: 'graffiti', lat: String(center.lat), long: String(center.lon), description: 'Graffiti am Bahnhof' }) });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const { token, service_request_id: id } = made.body[0];
    const r = await call(key, { params: { token: `${token}.json` }, query: { jurisdiction_id: 'schwerte' } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, [{ service_request_id: id, token }]);
    const xml = await call(key, { params: { token: `${token}.xml` }, query: { jurisdiction_id: 'schwerte' } });
    assert.ok(xml.body.includes(`<service_requests><request><service_request_id>${id}</service_request_id><token>${token}</token></request></service_requests>`));
    await expectOpen311Errors(key, [
      { what: 'no jurisdiction_id', status: 400 },
      { what: 'another jurisdiction', query: { jurisdiction_id: 'dortmund' }, status: 404 },
      { what: 'no such token', params: { token: 'gibtsnicht.json' }, query: { jurisdiction_id: 'schwerte' }, status: 404 },
      { what: 'no extension', params: { token }, query: { jurisdiction_id: 'schwerte' }, status: 404 },
    ], { params: { token: `${token}.json` } });
    await expectNotModified(key, { params: { token: `${token}.json` }, query: { jurisdiction_id: 'schwerte' } });
    await expectMethodNotAllowed(key, { token: `${token}.json` });
  },
  async 'HEAD /open311/v2/tokens/{token}'() {
    const path = '/open311/v2/tokens/{token}';
    assert.equal((await expectHeadLikeGet(path, { params: { token: 'gibtsnicht.json' } })).status, 400);
    assert.equal((await expectHeadLikeGet(path, { params: { token: 'gibtsnicht.json' }, query: { jurisdiction_id: 'dortmund' } })).status, 404);
    const { center } = (await call('GET /api/v1/cities/{city}', { params: { city: 'schwerte' } })).body.map;
    const writer = (await createToken('schwerte', ['reports:write'])).token;
    const made = await call('POST /open311/v2/{resource}', { params: { resource: 'requests.json' }, headers: FORM,
      body: form({ jurisdiction_id: 'schwerte', api_key: writer, service_code: 'baum', lat: String(center.lat), long: String(center.lon), description: 'Ast abgebrochen' }) });
    const params = { token: `${made.body[0].token}.xml` };
    await expectHeadLikeGet(path, { params, query: { jurisdiction_id: 'schwerte' } });
    const get = await call(`GET ${path}`, { params, query: { jurisdiction_id: 'schwerte' } });
    assert.equal((await call(`HEAD ${path}`, { params, query: { jurisdiction_id: 'schwerte' }, headers: { 'If-None-Match': get.headers.etag } })).status, 304);
  },
  async 'OPTIONS /open311/v2/tokens/{token}'() { await expectOptions('OPTIONS /open311/v2/tokens/{token}', { token: 'x.json' }); },
  // ---- end of Open311 ---------------------------------------------------------------------------
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
  createStaffWithCli();
  server = await startServer();
});

after(async () => {
  try {
    if (server) await stopServer(server);
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

// ---------------------------------------------------------------------------------------------
// The document against the code: the route table, access requirements and what follows from them.

const ACCESS_LEVELS = ['public', 'staff', 'city_admin', 'city_content', 'city_cases', 'platform_admin'];
// Who may call each access level (src/identity/roles.cpp, permits): API tokens only where a
// module's scope can grant it.
const SECURITY_OF_ACCESS = {
  public: [],
  staff: [{ sessionCookie: [] }],
  city_admin: [{ sessionCookie: [] }],
  platform_admin: [{ sessionCookie: [] }],
  city_content: [{ sessionCookie: [] }, { bearerToken: [] }],
  city_cases: [{ sessionCookie: [] }, { bearerToken: [] }],
};

// `mosaikd --routes`: "GET /api/v1/cities/{city}" -> {method, pattern, module, access}.
let routeTableCache;
function routeTable() {
  if (routeTableCache) return routeTableCache;
  const r = spawnSync(MOSAIKD, ['--routes', '--database', `sqlite:${databasePath}`],
    { cwd: workDir, env: childEnvironment(), encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `mosaikd --routes failed (${r.error ?? r.status}):\n${r.stderr}`);
  const routes = JSON.parse(r.stdout);
  assert.ok(Array.isArray(routes) && routes.length > 0, 'a route table');
  const table = new Map();
  for (const route of routes) {
    assert.deepEqual(Object.keys(route).sort(), ['access', 'method', 'module', 'pattern'], JSON.stringify(route));
    const key = `${route.method} ${route.pattern}`;
    assert.ok(!table.has(key), `${key} twice in the route table`);
    table.set(key, route);
  }
  routeTableCache = table;
  return table;
}

test('the document and `mosaikd --routes` list the same operations with the same access requirement', () => {
  const table = routeTable();
  const undocumented = [...table.keys()].filter((k) => !operations.has(k));
  assert.deepEqual(undocumented, [], 'routes of mosaikd that docs/openapi.yaml does not describe');

  const problems = [];
  for (const [key, { method, path: template, operation }] of operations) {
    const declared = operation['x-mosaik-access'];
    let expected;
    if (method === 'OPTIONS') {
      // Answered by the router for every routed path, before a city or credentials are looked at.
      if (![...table.values()].some((route) => route.pattern === template)) problems.push(`${key}: no route has this path`);
      expected = 'public';
    } else {
      // HEAD is GET without the body.
      const route = table.get(method === 'HEAD' ? `GET ${template}` : key);
      if (!route) { problems.push(`${key}: mosaikd has no such route`); continue; }
      expected = route.access;
    }
    if (declared !== expected) problems.push(`${key}: x-mosaik-access is ${declared}, mosaikd says ${expected}`);
  }
  assert.deepEqual(problems, [], 'documented operations that disagree with mosaikd');
});

test('every operation declares its access, the security that follows from it, and the answers it implies', () => {
  const table = routeTable();
  const problems = [];
  for (const [key, { method, path: template, operation, parameters }] of operations) {
    const access = operation['x-mosaik-access'];
    if (!ACCESS_LEVELS.includes(access)) { problems.push(`${key}: x-mosaik-access ${access}`); continue; }
    // API tokens act through a module's scope: a route that belongs to no module takes none.
    const route = table.get(method === 'HEAD' ? `GET ${template}` : key);
    const security = route?.module === '' && ['city_content', 'city_cases'].includes(access)
      ? [{ sessionCookie: [] }] : SECURITY_OF_ACCESS[access];
    if (!isDeepStrictEqual(operation.security, security))
      problems.push(`${key}: security ${JSON.stringify(operation.security)}; for ${access}${route?.module === '' ? ' outside a module' : ''}: ${JSON.stringify(security)}`);
    const responses = operation.responses ?? {};
    if (access !== 'public') {
      for (const status of ['401', '403']) if (!responses[status]) problems.push(`${key}: needs credentials, but documents no ${status}`);
      if (responses['401'] && !deref(responses['401']).headers?.['WWW-Authenticate']) problems.push(`${key}: 401 without WWW-Authenticate`);
      for (const [status, response] of Object.entries(responses)) {
        const cacheControl = deref(deref(response).headers?.['Cache-Control']);
        if (cacheControl?.schema?.const !== 'no-store') problems.push(`${key} ${status}: Cache-Control must be no-store`);
      }
    }
    const cookieWrite = WRITE_METHODS.has(method) && JSON.stringify(operation.security).includes('sessionCookie');
    const csrf = parameters.some((p) => p.in === 'header' && p.name === 'X-CSRF-Token');
    if (cookieWrite !== csrf) problems.push(`${key}: X-CSRF-Token ${csrf ? 'documented on an operation that needs none' : 'not documented'}`);
    if (operation.requestBody) {
      // JSON objects, or (uploads) raw images with a body limit of their own.
      const content = Object.keys(deref(operation.requestBody).content ?? {});
      const json = isDeepStrictEqual(content, ['application/json']);
      const images = content.length > 0 && content.every((type) => /^image\/[a-z]+$/.test(type));
      const files = isDeepStrictEqual(content, ['text/calendar', 'text/csv']);  // events import
      const form = isDeepStrictEqual(content, ['application/x-www-form-urlencoded']);  // Open311 (its own error form, no 422)
      if (!json && !images && !files && !form) problems.push(`${key}: request bodies are application/json, images, calendar files or (Open311) forms`);
      for (const status of json ? ['400', '415', '422'] : form ? ['400', '415'] : ['413', '415', '422'])
        if (!responses[status]) problems.push(`${key}: has a body, but documents no ${status}`);
    }
    if (template.includes('{city}') && method !== 'OPTIONS' && !responses['404']) problems.push(`${key}: no 404 for an unknown city`);
  }
  assert.deepEqual(problems, []);
});

// Reads the answers to requests sent on one connection, and returns the bytes after the first
// answer's header block: nothing but the next answer may follow a HEAD's headers.
function afterHeadHeaders(target) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve(text.slice(text.indexOf('\r\n\r\n') + 4));
    });
    socket.end(`HEAD ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

test('an answer to HEAD never has a body, also for 405 and unrouted paths', async () => {
    for (const target of ['/api/v1/cities/dortmund/staff/1', '/api/v1/cities/dortmund/tokens/1', '/api/v1/cities/dortmund/media', '/api/v1/nothing-here']) {
      const rest = await afterHeadHeaders(target);
      assert.match(rest, /^HTTP\/1\.1 200 /, `HEAD ${target}: bytes after the headers: ${rest.slice(0, 80)}`);
    }
  });

test('PUT …/services: the same list again changes nothing', async () => {
  const platform = await signIn(STAFF.platform.email);
  const key = 'PUT /api/v1/cities/{city}/services';
  const items = (await call('GET /api/v1/cities/{city}/services', { params: { city: 'schwerte' }, query: { limit: '500' } })).body.items;
  const input = items.map(({ slug, title, summary, department, keywords, url }) => ({ slug, title, summary, department, keywords, url }));
  const again = await call(key, { params: { city: 'schwerte' }, session: platform, body: { services: input } });
  assert.equal(again.status, 200);
  assert.deepEqual([again.body.added, again.body.removed, again.body.changed], [[], [], []]);
  assert.equal(again.body.count, input.length);
});

test('paths near the documented ones are not routed (no undocumented endpoints there)', async () => {
  const documented = [...new Set([...operations.values()].map((o) => o.path))]
    .map((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`));
  for (const probe of ['/api', '/api/v1', '/api/v1/city', '/api/v1/cities/', '/api/v1/cities/dortmund/news',
    '/api/v1/cities/dortmund/services/', '/api/v1/cities/dortmund/services/fundsachen/x', '/api/v2/cities',
    '/healthz/x', '/metrics/x', '/api/v1/sessions', '/api/v1/session/x', '/api/v1/staff', '/api/v1/tokens',
    '/api/v1/cities/dortmund/staff/1/roles', '/api/v1/cities/dortmund/tokens/1/x', '/api/v1/cities/dortmund/audit/1',
    '/api/v1/users', '/api/v1/cities/dortmund/users', '/api/v1/cities/dortmund/icons', '/api/v1/cities/dortmund/icons/192.png/x',
    '/api/v1/cities/dortmund/media/x/y', '/api/v1/cities/dortmund/manifest.json', '/api/v1/city/manifest.webmanifest', '/api/v1/media']) {
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
