// What the browser tests share: the checked paths of mosaikd, the CLI, web/dist and Chromium,
// a throw-away mosaikd on a free loopback port with its own SQLite database, and polling.
// Also the citizen tests' accessibility check and the sign-in of staff through the API.
// (console.test.mjs still has its own copy of the server steps.)
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function requireExecutable(name, value, hint) {
  if (!value) throw new Error(`${name} is not set: ${hint}`);
  const resolved = path.resolve(value);
  try {
    accessSync(resolved, constants.X_OK);
  } catch {
    throw new Error(`${name}=${value} is not an executable file: ${hint}`);
  }
  return resolved;
}

/** The paths a browser test needs, checked first so that a missing piece says what to do. */
export function requirements() {
  const mosaikd = requireExecutable('MOSAIKD', process.env.MOSAIKD, 'point it at the built mosaikd (build/release/src/mosaikd)');
  const cli = requireExecutable('MOSAIK_CLI', process.env.MOSAIK_CLI, 'point it at the built mosaik CLI (build/release/src/mosaik)');
  const webDist = path.resolve(process.env.WEB_DIST ?? path.join(here, '../../web/dist'));
  if (!existsSync(path.join(webDist, 'index.html')))
    throw new Error(`${webDist}/index.html is missing: build the web app first with scripts/build-web (or set WEB_DIST)`);
  const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromium))
    throw new Error(`Chromium not found at ${chromium}: install Debian's package (apt-get install -y chromium) or set CHROMIUM`);
  if (!existsSync(path.join(here, 'node_modules', 'playwright-core')))
    throw new Error(`${here}/node_modules/playwright-core is missing: run \`npm ci --prefix tests/e2e\` first`);
  return { mosaikd, cli, webDist, chromium };
}

// mosaikd and mosaik read every MOSAIK_* variable as configuration and reject unknown ones
// (MOSAIK_CLI is ours), so the children get the environment without them.
function childEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOSAIK_')));
}

/** Runs the mosaik CLI on the test's database; returns its standard output. */
export function runCli(cli, workDir, args, input) {
  const r = spawnSync(cli, [...args, '--database', `sqlite:${path.join(workDir, 't.db')}`], {
    cwd: workDir,
    env: childEnvironment(),
    encoding: 'utf8',
    input: input ?? '',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, `mosaik ${args.join(' ')} failed (${r.error ?? r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function keepTail(log, chunk) {
  log.push(chunk);
  if (log.length > 400) log.splice(0, log.length - 400);
}

/** Starts mosaikd on 127.0.0.1 with a free port (or the given one): {child, port, log}. */
export function startServer(mosaikd, workDir, webDist, port = 0) {
  const child = spawn(
    mosaikd,
    ['--database', `sqlite:${path.join(workDir, 't.db')}`, '--listen', `127.0.0.1:${port}`, '--web-root', webDist,
      '--set', 'auth.cookie_secure=false',
      // The access log goes to /dev/stdout by default, which cannot be opened when stdout is
      // Node's pipe (a socket).
      '--set', 'log.access_log=off'],
    { cwd: workDir, env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => keepTail(log, chunk));
  child.stdout.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error('mosaikd did not announce its port within 30 s')), 30_000);
    function fail(error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\nstdout: ${stdout}\nstderr: ${log.join('')}`));
    }
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new Error(`mosaikd exited early (${code ?? signal})`)));
    const announce = (chunk) => {
      stdout += chunk;
      const m = /^mosaikd listening on http:\/\/([^\s:]+|\[[^\]]+\]):(\d+)\s*$/m.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      child.stdout.off('data', announce);
      child.stdout.on('data', (more) => keepTail(log, more)); // keep draining the pipe
      resolve({ child, port: Number(m[2]), log });
    };
    child.stdout.on('data', announce);
  });
}

/**
 * A demo platform of a test file's own: a temporary directory with the demo cities (`mosaik demo
 * load`), one staff account made with the CLI ({email, name, roles, password}), and mosaikd
 * serving the web app. Returns {workDir, server, baseUrl}; stopDemo ends it.
 */
export async function startDemo({ cli, mosaikd, webDist, name, staff }) {
  const workDir = mkdtempSync(path.join(tmpdir(), `mosaik-e2e-${name}-`));
  runCli(cli, workDir, ['demo', 'load']);
  runCli(cli, workDir, ['user', 'create', '--email', staff.email, '--display-name', staff.name,
    ...staff.roles.flatMap((role) => ['--role', role])], `${staff.password}\n`);
  const server = await startServer(mosaikd, workDir, webDist);
  return { workDir, server, baseUrl: `http://127.0.0.1:${server.port}` };
}

/** Closes the browser (if any), stops the demo's server and removes its directory. */
export async function stopDemo(demo, browser) {
  await browser?.close().catch(() => {});
  await stopServer(demo?.server);
  if (demo?.workDir) rmSync(demo.workDir, { recursive: true, force: true });
}

/** Stops the server started by startServer: SIGTERM, SIGKILL after 20 s. */
export async function stopServer(server) {
  if (!server) return;
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `check` (which throws while not yet true) until it passes or the time is up. */
export async function eventually(check, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The citizen's browser in the tests: a German phone (390 × 844, touch) whose clock runs in New
 * York time, so that dates must come out in the city's zone; service workers and downloads on.
 * Spread into openBrowser's options with a baseURL.
 */
export const CITIZEN_PHONE = {
  locale: 'de-DE',
  timezoneId: 'America/New_York',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  serviceWorkers: 'allow',
  acceptDownloads: true,
};

/**
 * Launches Debian's Chromium headless and opens one page of a new context with `options`
 * (baseURL, locale, viewport, …) and `timeout` for every step. Page errors and CSP violations
 * are appended to `problems`. Returns {browser, context, page}.
 */
export async function openBrowser(chromiumPath, options, problems, timeout = 15_000) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const context = await browser.newContext(options);
  context.setDefaultTimeout(timeout);
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(`CSP: ${message.text()}`);
  });
  return { browser, context, page };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * An axe-core scan of `page` as it is now: WCAG 2.0/2.1 A and AA, no violation allowed. With
 * `reflow` (the default), also 200 % text (WCAG 1.4.4 and 1.4.10): no horizontal scrolling.
 * axe.min.js is evaluated through the DevTools protocol: page.addScriptTag would add an inline
 * script, which the app's Content-Security-Policy (script-src 'self') rightly refuses.
 */
export async function expectAccessible(page, screen, { reflow = true } = {}) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const violations = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`);
  assert.deepEqual(violations, [], `axe violations on ${screen}`);
  assert.ok(result.passes.length > 10, `axe checked ${screen}`);
  if (!reflow) return;
  const overflow = await page.evaluate(async () => {
    document.documentElement.style.fontSize = '200%';
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const wider = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    document.documentElement.style.fontSize = '';
    return wider;
  });
  assert.equal(overflow, 0, `${screen} at 200 % text scrolls sideways by ${overflow}px`);
}

/** Signs a staff member in through the API (as the console would): {cookie, csrf}. */
export async function signInThroughApi(baseUrl, email, password) {
  const r = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(r.status, 200, `sign-in of ${email}`);
  const cookie = /^mosaik_session=[^;]*/.exec(r.headers.get('set-cookie') ?? '')?.[0];
  assert.ok(cookie, 'a session cookie');
  return { cookie, csrf: (await r.json()).csrf_token };
}
