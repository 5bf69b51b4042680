// The measurement of bench/lighthouse/run (see there): server, Chromium, Lighthouse, figures.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { throttling } from 'lighthouse/core/config/constants.js';

const mosaikd = process.env.LH_MOSAIKD;
const cli = process.env.LH_MOSAIK_CLI;
const webDist = process.env.LH_WEB_DIST;
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const pagePath = process.env.LIGHTHOUSE_PATH ?? '/dortmund';
const keep = process.env.LIGHTHOUSE_KEEP === '1';
// Lighthouse's mobile preset slows the CPU 4x, calibrated for a host of benchmarkIndex ~1000+;
// on a slower (or busy) host a smaller multiplier emulates the same phone.
const cpuSlowdown = process.env.LIGHTHOUSE_CPU_SLOWDOWN ? Number(process.env.LIGHTHOUSE_CPU_SLOWDOWN) : null;
if (cpuSlowdown !== null && !(cpuSlowdown >= 1)) throw new Error('LIGHTHOUSE_CPU_SLOWDOWN must be a number >= 1');
const config = cpuSlowdown === null ? undefined
  : { extends: 'lighthouse:default', settings: { throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: cpuSlowdown } } };
for (const [name, file] of [['mosaikd', mosaikd], ['mosaik', cli], ['web/dist/index.html', path.join(webDist, 'index.html')], ['Chromium', chromium]])
  if (!existsSync(file)) throw new Error(`${name} not found at ${file}`);

const work = mkdtempSync(path.join(tmpdir(), 'mosaik-lighthouse-'));
const database = `sqlite:${path.join(work, 'demo.db')}`;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MOSAIK_')));
const load = spawnSync(cli, ['demo', 'load', '--database', database], { cwd: work, env, encoding: 'utf8' });
if (load.status !== 0) throw new Error(`mosaik demo load failed:\n${load.stdout}${load.stderr}`);

const server = spawn(mosaikd, ['--database', database, '--listen', '127.0.0.1:0', '--web-root', webDist, '--set', 'log.access_log=off'],
  { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
const serverLog = [];
server.stderr.on('data', (c) => serverLog.push(String(c)));
const port = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`mosaikd did not start: ${out}${serverLog.join('')}`)), 30_000);
  server.on('exit', (code) => reject(new Error(`mosaikd exited (${code}): ${serverLog.join('')}`)));
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const m = /listening on http:\/\/[^\s]+:(\d+)/.exec(out);
    if (m) {
      clearTimeout(timer);
      server.removeAllListeners('exit');
      resolve(Number(m[1]));
    }
  });
});
const url = `http://127.0.0.1:${port}${pagePath}`;

const flags = ['--headless=new', '--disable-gpu', '--disable-dev-shm-usage'];
if (process.getuid?.() === 0) flags.push('--no-sandbox'); // Chromium refuses its sandbox as root
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({ chromePath: chromium, chromeFlags: flags });
    try {
      // Defaults: mobile form factor, simulated slow 4G and 4x CPU slowdown, cold cache.
      const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories }, config);
      const lhr = result.lhr;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
      if (keep) writeFileSync(path.join(work, `lighthouse-${i + 1}.json`), result.report);
      const requests = lhr.audits['network-requests'].details?.items ?? [];
      const js = requests.filter((r) => r.resourceType === 'Script');
      results.push({
        scores: Object.fromEntries(categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])),
        jsTransferred: js.reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
        jsFiles: js.map((r) => `${new URL(r.url).pathname} ${(r.transferSize / 1024).toFixed(1)} KB`),
        fcp: lhr.audits['first-contentful-paint'].numericValue,
        lcp: lhr.audits['largest-contentful-paint'].numericValue,
        cls: lhr.audits['cumulative-layout-shift'].numericValue,
        tbt: lhr.audits['total-blocking-time'].numericValue,
        benchmarkIndex: lhr.environment.benchmarkIndex,
        multiplier: lhr.configSettings.throttling.cpuSlowdownMultiplier,
        failed: Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
          .map((a) => `${a.id} (${a.score})`),
      });
    } finally {
      await chrome.kill();
    }
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
  if (keep) console.log(`reports and data in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const benchmarkIndex = Math.round(median(results.map((r) => r.benchmarkIndex)));
console.log(`Lighthouse mobile emulation (Moto G Power, slow 4G, CPU ${results[0].multiplier}x), ${url}, ${runs} run(s), medians:`);
for (const c of categories) console.log(`  ${c.padEnd(16)} ${median(results.map((r) => r.scores[c]))}   (runs: ${results.map((r) => r.scores[c]).join(', ')})`);
console.log(`  first contentful paint   ${(median(results.map((r) => r.fcp)) / 1000).toFixed(2)} s`);
console.log(`  largest contentful paint ${(median(results.map((r) => r.lcp)) / 1000).toFixed(2)} s`);
console.log(`  cumulative layout shift  ${median(results.map((r) => r.cls)).toFixed(3)}`);
console.log(`  total blocking time      ${Math.round(median(results.map((r) => r.tbt)))} ms`);
console.log(`  start screen JS transferred: ${(median(results.map((r) => r.jsTransferred)) / 1024).toFixed(1)} KB (compressed, over the wire)`);
for (const file of results.at(-1).jsFiles) console.log(`    ${file}`);
const failed = [...new Set(results.flatMap((r) => r.failed))];
if (failed.length > 0) console.log(`  audits below 0.9 in some run: ${failed.join(', ')}`);
console.log(`  host benchmarkIndex ${benchmarkIndex}`);
if (benchmarkIndex < 1000 && cpuSlowdown === null)
  console.log(`  note: this host is slower than Lighthouse's baseline (benchmarkIndex >= 1000, e.g. busy cores), so the\n` +
    `  performance score understates; LIGHTHOUSE_CPU_SLOWDOWN=${Math.max(1, Math.round((benchmarkIndex / 264) * 10) / 10)} emulates the same phone here`);
