// Runs Lighthouse (12.2.3, from npm) against the built demo served by scripts/static-server.mjs, and prints
// the median of RUNS runs per preset. Called by scripts/lighthouse.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from './static-server.mjs';

const PORT = 8097;
const RUNS = Number(process.env.RUNS ?? 3);
const URL = `http://localhost:${PORT}/`;
const CHROME = process.env.CHROMIUM ?? '/usr/bin/chromium';
// The flags the tests use: as root Chromium needs --no-sandbox; the rest keep it off the closed network.
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'].join(' ');

// PLAIN=1: every file sent as it is, as a host that does not compress would (the before figure).
const PLAIN = Boolean(process.env.PLAIN);
const server = await startStaticServer({ root: 'dist', host: '127.0.0.1', port: PORT, compressed: !PLAIN });
const work = mkdtempSync(path.join(os.tmpdir(), 'lighthouse-'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = {};
try {
  for (const preset of ['mobile', 'desktop']) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      process.stdout.write(`${preset}, run ${run + 1} of ${RUNS}… `);
      const out = path.join(work, `${preset}-${run}.json`);
      // Asynchronously: the static server answering Lighthouse's Chromium runs in this very process.
      await promisify(execFile)('npx', ['--yes', 'lighthouse@12.2.3', URL, '--quiet', '--output=json', `--output-path=${out}`,
        `--chrome-flags=${FLAGS}`, ...(preset === 'desktop' ? ['--preset=desktop'] : []),
        '--only-categories=performance,accessibility,best-practices,seo'],
      { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024 });
      const report = JSON.parse(readFileSync(out, 'utf8'));
      const audit = (id) => report.audits[id]?.numericValue;
      const run1 = {
        performance: report.categories.performance.score,
        accessibility: report.categories.accessibility.score,
        bestPractices: report.categories['best-practices'].score,
        seo: report.categories.seo.score,
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tti: audit('interactive'),
        tbt: audit('total-blocking-time'),
        bytes: audit('total-byte-weight'),
      };
      runs.push(run1);
      console.log(`performance ${run1.performance}, LCP ${(run1.lcp / 1000).toFixed(1)} s`);
    }
    results[preset] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  }
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`\nLighthouse 12.2.3 on the demo as served${PLAIN ? ', uncompressed' : ' (brotli)'} (median of ${RUNS}):`);
console.log('| preset | performance | FCP | LCP | interactive | total blocking | bytes sent | accessibility | best practices | SEO |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [preset, r] of Object.entries(results)) {
  console.log(`| ${preset} | ${r.performance.toFixed(2)} | ${s(r.fcp)} | ${s(r.lcp)} | ${s(r.tti)} | ${Math.round(r.tbt)} ms | ${Math.round(r.bytes / 1024)} KiB | ${r.accessibility.toFixed(2)} | ${r.bestPractices.toFixed(2)} | ${r.seo.toFixed(2)} |`);
}
