// The real binaries for the conformance tests: the mosaik CLI on a test database and mosaikd on
// a free loopback port. Shared by openapi.test.mjs, feeds.test.mjs and ical.test.mjs.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const MOSAIKD = process.env.MOSAIKD && path.resolve(process.env.MOSAIKD);
export const MOSAIK_CLI = process.env.MOSAIK_CLI && path.resolve(process.env.MOSAIK_CLI);

// The children get our environment without MOSAIK_* variables: mosaikd and mosaik treat every
// MOSAIK_* variable as configuration and reject unknown ones (MOSAIK_CLI is one of ours).
export function childEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOSAIK_')));
}

/** Runs `mosaik ARGS --database DATABASE` in `workDir`; `input` goes to its standard input
 * (passwords are read from there, never from arguments). Returns its standard output. */
export function runCli(workDir, database, args, input) {
  const r = spawnSync(MOSAIK_CLI, [...args, '--database', database],
    { cwd: workDir, env: childEnvironment(), encoding: 'utf8', timeout: 60_000, input });
  assert.equal(r.status, 0, `mosaik ${args.join(' ')} failed (${r.error ?? r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Starts mosaikd on 127.0.0.1 (a free port) with the access log off and `args` added:
 * {child, port, stderr: string[]}. */
export function startServer(workDir, database, args = []) {
  const child = spawn(MOSAIKD, ['--listen', '127.0.0.1:0', '--database', database, '--set', 'log.access_log=off', ...args],
    { cwd: workDir, env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
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

/** SIGTERM, and it must exit 0 within 20 s (a graceful shutdown); fails if it died before. */
export async function stopServer(server) {
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
