// The benchmark: synthetic campaigns of 1,000, 10,000 and 100,000 calls served by date window from a
// local fake Atlas API, the release build driven in headless Chromium, and a table of what was measured.
// Then 1,000, 10,000 and 100,000 calls as Vapi really sends them after 3–5 minute conversations (about
// 3.4 KB each), read by Call Records and by the simplest page that does the job
// (scripts/bench-simplest.html: one request, JSON.parse, plain loops), in the same browser, with the ratios.
// Last, the same full campaigns opened a second time on the same device, with Keep loaded calls on.
//   node scripts/bench.mjs [--sizes 1000,10000,100000] [--full 1000,10000,100000] [--reopen 1000,10000,100000]
//                          [--runs 3] [--dist dist] [--against DIR] [--timeline 1] [--latency MS]
//   (--full 0 skips the comparison; --dist measures another build; --against DIR also loads the build in DIR,
//   e.g. an older commit's, in every run of the comparison, turn about with this one: an A/B in one run;
//   --timeline 1 prints the median load's requests and slices, and the median reopen's;
//   BENCH_EXTRA_FLAGS="--js-flags=..." adds Chromium flags, for experiments a page cannot make itself)
// Run through scripts/bench, which builds the site first.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { startStaticServer } from './static-server.mjs';
import { API_KEY, buildSynthetic, startFakeApi } from '../tests/e2e/fake-api.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) => a.startsWith('--') ? [a.slice(2), all[i + 1]] : null).filter(Boolean));
const sizes = (args.sizes ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
const fullCounts = (args.full ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
const reopenCounts = (args.reopen ?? args.full ?? '1000,10000,100000').split(',').map(Number).filter((n) => n > 0);
const distDir = path.resolve(root, args.dist ?? 'dist');
const againstDir = args.against ? path.resolve(root, args.against) : null;
const SIMPLEST_PORT = 4276;
const SINK_PORT = 4277;
const SITE_PORT = 4274;
const AGAINST_PORT = 4278;
const API_PORT = 4275;

// ---- Data and servers ---------------------------------------------------------------------------------
const now = Math.floor(Date.now() / 60_000) * 60_000;
const t0 = Date.now();
const synthetic = buildSynthetic([
  ...sizes.map((count) => ({
    // An active campaign: calls over the last 30 days, up to this minute. Same seed, same calls.
    id: `bench-${count}`, count, seed: 2026, spanDays: 30, end: now,
  })),
  ...[...new Set([...fullCounts, ...reopenCounts])].map((count) => ({ id: `bench-full-${count}`, count, seed: 2027, spanDays: 30, end: now, full: true })),
]);
console.log(`generated ${sizes.map((s) => s.toLocaleString('en-US')).join(', ')} calls in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const configFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'config.json');
writeFileSync(configFile, JSON.stringify({ apiBaseUrl: `http://127.0.0.1:${API_PORT}/v1/api` }));
// --latency MS: the API that far away (each answer, preflights too, waits that long); the site's own
// files stay local, as from a CDN near the reader.
const latencyMs = Number(args.latency ?? 0);
const api = await startFakeApi({ port: API_PORT, synthetic, latencyMs });
const site = await startStaticServer({ root: distDir, port: SITE_PORT, config: configFile, probe: () => probeSource() });
const simplest = await startStaticServer({ root: path.join(root, 'scripts'), port: SIMPLEST_PORT, probe: () => probeSource() });
const against = againstDir && await startStaticServer({ root: againstDir, port: AGAINST_PORT, config: configFile, probe: () => probeSource() });

// ---- The browser ----------------------------------------------------------------------------------------
// The frame-rate limit is off so that "to next paint" measures the page's own work, not the wait for the
// display's next 16.7 ms tick (headless Chromium has no display to wait for).
const CHROMIUM_FLAGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-frame-rate-limit', '--disable-gpu-vsync', ...(process.env.BENCH_EXTRA_FLAGS ?? '').split(' ').filter(Boolean)];
const browserHome = mkdtempSync(path.join(os.tmpdir(), 'chromium-home-'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [...CHROMIUM_FLAGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  env: { ...process.env, HOME: browserHome },
});

// ---- Loading, measured with no DevTools attached ----------------------------------------------------------
// Playwright drives Chromium over the DevTools protocol with its Network agent on, and that agent keeps a
// copy of every response under 10 MB and decodes it as text on the page's thread (TextResourceDecoder, in a
// trace): about 1 s of a 100,000-call load in 2,500-call windows, and nothing for the simplest page, whose one
// response is over that limit. A second agent (a CDP session of our own) cost another second. Users have no
// DevTools attached, so loads are measured in a bare Chromium started by hand: the static servers serve this
// probe ahead of the page's own scripts, and it posts its marks here. Playwright then drives a second load
// for the interactions (filters, search, scrolling, memory), where the network is idle.

/** The probe, in the page: notes when the first row is painted, when loading ends and the long tasks, then
 *  posts them with the page's own share of the load and the bytes over the wire. */
function loadProbe({ expected, apiKey, sink, keep, campaign }) {
  // `keep`: the setting is on; `campaign`: the report waits until the device holds its set.
  if (apiKey) sessionStorage.setItem('call-records.api-key', apiKey);
  if (keep) localStorage.setItem('call-records.keep-calls', '1');
  performance.setResourceTimingBufferSize(100_000);
  const marks = { longTasks: [] };
  window.__bench = marks;
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; marks.appStarted = performance.now(); });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const afterPaint = (then) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => then(performance.now());
    channel.port2.postMessage(0);
  });
  // Call Records: its count shows every call and the progress bar is gone. The simplest page: it says so.
  const loaded = () => (expected == null ? document.body.dataset.loaded
    : document.querySelector('.campaign-page__count')?.textContent === expected && !document.querySelector('.load-progress__bar'));
  const report = () => {
    marks.share = Object.fromEntries(['call-records:insert', 'call-records:read-on-page', 'call-records:insert-kept'].map((name) => {
      const slices = performance.getEntriesByName(name);
      return [name, { total: slices.reduce((t, e) => t + e.duration, 0), longest: Math.max(0, ...slices.map((e) => e.duration)) }];
    }));
    marks.timings = Object.fromEntries(['call-records:kept-read'].flatMap((name) => {
      const entry = performance.getEntriesByName(name, 'measure')[0];
      const mark = performance.getEntriesByName(name, 'mark')[0];
      return entry ? [[name, { start: mark?.startTime ?? entry.startTime, duration: entry.duration }]] : [];
    }));
    // The load's timeline (--timeline): each file and request, from its start to its last byte.
    marks.resources = performance.getEntriesByType('resource').map((e) => ({
      name: e.name.replace(location.origin, '').replace(/^https?:\/\/[^/]+/, ''), start: e.startTime, end: e.responseEnd,
    }));
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav) marks.resources.unshift({ name: `the page (${nav.name.replace(location.origin, '')})`, start: nav.startTime, end: nav.responseEnd });
    marks.measures = ['call-records:insert', 'call-records:read-on-page', 'call-records:insert-kept']
      .flatMap((name) => performance.getEntriesByName(name).map((e) => ({ name, start: e.startTime, end: e.startTime + e.duration })));
    marks.transferred = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .reduce((total, e) => total + (e.transferSize ?? 0), 0);
    const send = () => fetch(sink, { method: 'POST', mode: 'no-cors', body: JSON.stringify(marks) });
    if (!campaign) return send();
    // Keeping: reported once the device holds the campaign's set (written just after the last window).
    const poll = () => {
      const open = indexedDB.open('call-records-kept');
      open.onsuccess = () => {
        const db = open.result;
        const sets = db.objectStoreNames.contains('sets') && db.transaction('sets').objectStore('sets').getAll();
        if (!sets) { db.close(); return setTimeout(poll, 100); }
        sets.onsuccess = () => {
          db.close();
          const set = sets.result.find((s) => s.scope.endsWith(`|${campaign}`));
          if (set) {
            marks.kept = { at: performance.now(), bytes: set.bytes, calls: set.calls, chunks: set.chunks.length };
            send();
          } else setTimeout(poll, 100);
        };
      };
      open.onerror = () => setTimeout(poll, 100);
    };
    poll();
  };
  const observer = new MutationObserver(() => {
    if (marks.firstRow == null && document.querySelector('.record-row')) {
      marks.firstRow = -1;
      afterPaint((t) => { marks.firstRow = t; });
    }
    if (marks.allLoaded == null && loaded()) {
      marks.allLoaded = -1;
      afterPaint((t) => {
        marks.allLoaded = t;
        marks.firstRow = marks.firstRow > 0 ? marks.firstRow : t;
        report();
      });
    }
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { attributes: true, childList: true, subtree: true, characterData: true }));
}

let probeArgs = { expected: null, apiKey: null, sink: `http://127.0.0.1:${SINK_PORT}/`, keep: false, campaign: null };
const probeSource = () => `(${loadProbe})(${JSON.stringify(probeArgs)});`;
let onReport = null;
const sink = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    res.writeHead(204, { 'access-control-allow-origin': '*' });
    res.end();
    onReport?.(JSON.parse(body));
  });
});
await new Promise((resolve) => sink.listen(SINK_PORT, '127.0.0.1', resolve));

/** What the probe waits for (a count of calls, or the simplest page's word), and the key it hands over. */
function useProbe(expectedCount, apiKey, keep = false, campaign = null) {
  probeArgs = { ...probeArgs, keep, campaign, expected: expectedCount == null ? null : `${expectedCount.toLocaleString('en-US')} calls`, apiKey };
}

/** Loads `url` in a Chromium with no DevTools attached, until the probe reports; returns its marks. */
async function loadBare(url, expectedCount, apiKey = null, { profile: kept = null, keep = false, waitFor = null } = {}) {
  useProbe(expectedCount, apiKey, keep, waitFor);
  const report = new Promise((resolve, reject) => {
    onReport = resolve;
    setTimeout(() => reject(new Error(`no report from ${url} in 10 minutes`)), 600_000).unref();
  });
  // A fresh profile per load (nothing cached from the last one), removed afterwards: its HTTP cache holds
  // the whole campaign, 340 MB at 100,000 full calls.
  // A reopen passes its own, kept between its two loads (the IndexedDB of the first is read by the second).
  const profile = kept ?? mkdtempSync(path.join(os.tmpdir(), 'bench-bare-'));
  const home = mkdtempSync(path.join(os.tmpdir(), 'chromium-home-'));
  // In a process group of its own, so that ending it ends its renderer, GPU and network processes too.
  const chrome = spawn('/usr/bin/chromium', [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, url],
    { stdio: 'ignore', detached: true, env: { ...process.env, HOME: home } });
  try {
    return await report;
  } finally {
    onReport = null;
    const exited = new Promise((resolve) => chrome.once('exit', resolve));
    try {
      process.kill(-chrome.pid, 'SIGKILL');
    } catch {
      chrome.kill('SIGKILL');
    }
    await exited;
    for (const dir of kept ? [home] : [profile, home]) {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch (error) {
        console.warn(`could not remove ${dir}: ${error.message}`);
      }
    }
  }
}

/** In the page: runs `act`, waits until `done()` holds (yielding macrotasks, so reactive work flushes),
 *  forces style and layout, then waits until the next frame is painted. Returns [ms to laid out, ms to
 *  painted], both from before `act`. The second includes waiting for the frame: Chromium still ticks at
 *  60 Hz when idle, so it adds up to 16.7 ms (8 on average) to any change, however small. */
function installMeasure() {
  const yieldTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  window.__measure = async (act, done) => {
    const start = performance.now();
    act();
    await yieldTask();
    for (let i = 0; !done() && i < 10_000; i++) await yieldTask();
    void document.body.offsetHeight;
    const laidOut = performance.now() - start;
    await new Promise((r) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); }));
    return [laidOut, performance.now() - start];
  };
}

/** The page's own share of a load: the total of its slices of one kind, and the longest. */
const shareOf = (r, name) => {
  const share = r.marks.share?.[name];
  return share ? `${Math.round(share.total)} ms (${Math.round(share.longest)} ms)` : 'n/a';
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

const siteUrl = (id, port = SITE_PORT) => `http://127.0.0.1:${port}/campaigns/${id}`;
const simplestUrl = (id) => `http://127.0.0.1:${SIMPLEST_PORT}/bench-simplest.html?api=${encodeURIComponent(`http://127.0.0.1:${API_PORT}/v1/api`)}&campaign=${id}&key=${API_KEY}`;

/** One load in a bare browser: the probe's marks, and the requests the API saw for the campaign's calls. */
async function measureLoad(url, id, expectedCount, apiKey) {
  const marks = await loadBare(url, expectedCount, apiKey);
  const log = (await (await fetch(`http://127.0.0.1:${API_PORT}/__log`)).json())
    .filter((r) => r.path.startsWith(`/v1/api/call?campaignId=${id}&`) || r.path === `/v1/api/call?campaignId=${id}`);
  await fetch(`http://127.0.0.1:${API_PORT}/__reset`);
  return { marks, requests: log.length, preflights: log.filter((r) => r.method === 'OPTIONS').length };
}

/** A full campaign kept on the device by a first visit, then opened again from a second browser on the
 *  same profile: both loads' marks, and the requests each made for the campaign's calls. */
async function measureReopen(count) {
  const id = `bench-full-${count}`;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bench-reopen-'));
  try {
    const count_of = async () => {
      const log = (await (await fetch(`http://127.0.0.1:${API_PORT}/__log`)).json())
        .filter((r) => r.method === 'GET' && r.path.startsWith(`/v1/api/call?campaignId=${id}`));
      await fetch(`http://127.0.0.1:${API_PORT}/__reset`);
      return log.length;
    };
    const first = await loadBare(siteUrl(id), count, API_KEY, { profile, keep: true, waitFor: id });
    const firstRequests = await count_of();
    // The setting again: Chromium writes localStorage to disk a few seconds late, and the first browser is
    // killed (IndexedDB's transactions are on disk once committed).
    const again = await loadBare(siteUrl(id), count, API_KEY, { profile, keep: true });
    return { count, first, again, firstRequests, againRequests: await count_of() };
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/** The load of median time among several. */
const medianLoad = (loads) => [...loads].sort((a, b) => a.marks.allLoaded - b.marks.allLoaded)[Math.floor((loads.length - 1) / 2)];

async function benchCampaign(count, id = `bench-${count}`, measured = null) {
  const url = siteUrl(id);
  const { marks, requests, preflights } = measured ?? await measureLoad(url, id, count, API_KEY);

  // The interactions, on a second load driven by Playwright (the probe runs there too).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  useProbe(count, API_KEY);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.allLoaded > 0, null, { timeout: 600_000, polling: 100 });
  await fetch(`http://127.0.0.1:${API_PORT}/__reset`);

  await page.evaluate(installMeasure);
  await page.evaluate(() => performance.clearMeasures('call-records:view'));
  const queryTimes = () => page.evaluate(() => {
    const times = performance.getEntriesByName('call-records:view').map((e) => e.duration);
    performance.clearMeasures('call-records:view');
    return times;
  });
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await cdp.send('Performance.enable');
  const before = await metrics();
  // Filter changes: choose a bar of the chart, then choose it again to show all, for the top bars.
  const filter = await page.evaluate(async () => {
    const times = [];
    const bars = () => [...document.querySelectorAll('.overview .breakdown__bar')];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 6; i++) {
        const label = bars()[i].querySelector('.breakdown__label').textContent;
        const bar = () => bars().find((b) => b.querySelector('.breakdown__label').textContent === label);
        times.push(await window.__measure(() => bar().click(), () => bar()?.getAttribute('aria-pressed') === 'true'
          && /of/.test(document.querySelector('.campaign-page__count').textContent)));
        times.push(await window.__measure(() => bar().click(), () => bar()?.getAttribute('aria-pressed') === 'false'
          && !/of/.test(document.querySelector('.campaign-page__count').textContent)));
      }
    }
    return times;
  });

  const filterQuery = await queryTimes();
  const after = await metrics();
  if (process.env.BENCH_DEBUG) {
    for (const k of ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration', 'LayoutCount', 'RecalcStyleCount']) {
      console.log(`  filter ${k}: ${((after[k] - before[k]) * (k.endsWith('Count') ? 1 : 1000)).toFixed(0)}`);
    }
  }
  // Search keystrokes: type queries a letter at a time, as the input event of the box.
  const search = await page.evaluate(async () => {
    const box = document.querySelector('input[type=search]');
    // The view the page shows (the URL follows it after the paint).
    const shown = () => new URLSearchParams(document.querySelector('.campaign-page').dataset.view);
    const times = [];
    const queries = ['renewal', 'call me back', 'cancel fee', 'garcía', 'reference number'];
    for (const query of queries) {
      for (let n = 1; n <= query.length; n++) {
        const text = query.slice(0, n);
        times.push(await window.__measure(() => {
          box.value = text;
          box.dispatchEvent(new Event('input', { bubbles: true }));
        }, () => (shown().get('q') ?? '') === (text.trim() ? text : '')));
      }
      await window.__measure(() => { box.value = ''; box.dispatchEvent(new Event('input', { bubbles: true })); },
        () => !shown().has('q'));
    }
    return times;
  });

  const searchQuery = await queryTimes();
  // Scrolling: the list moves 60 px a frame for 240 frames; the time between frames is the frame time.
  const scroll = await page.evaluate(async () => {
    const list = document.querySelector('.call-list');
    list.scrollTop = 0;
    const frames = [];
    let maxRows = 0;
    await new Promise((resolve) => {
      let last = performance.now();
      let n = 0;
      const step = (t) => {
        frames.push(t - last);
        last = t;
        maxRows = Math.max(maxRows, document.querySelectorAll('.call-list__item').length);
        list.scrollTop += 60;
        if (++n < 240) requestAnimationFrame(step); else resolve();
      };
      requestAnimationFrame(step);
    });
    return { frames: frames.slice(1), maxRows, rows: document.querySelectorAll('.call-list__item').length };
  });

  // Memory after loading, after a collection.
  await page.evaluate(() => window.gc?.());
  const memory = await page.evaluate(() => ({
    wasm: window.__wasm?.memory?.buffer?.byteLength ?? null,
    heap: performance.memory?.usedJSHeapSize ?? null,
  }));
  // The reading workers' own wasm memories (each a copy of the module's, grown to read one window).
  memory.workers = 0;
  for (const worker of page.workers()) {
    memory.workers += await worker.evaluate(() => self.wasmMemory?.buffer?.byteLength ?? 0).catch(() => 0);
  }
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await context.close();
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify({ filter, search, longTasks: marks.longTasks }));
  return { count, marks, requests, preflights, filter, search, filterQuery, searchQuery, scroll, memory, transferred: marks.transferred, domNodes, errors };
}

/** The simplest page on the same calls: one request, JSON.parse, plain loops over every call. */
async function benchSimplest(count, id, measured = null) {
  const url = simplestUrl(id);
  const load = measured ?? await measureLoad(url, id, null, null);
  const marks = { loaded: load.marks.allLoaded, longTasks: load.marks.longTasks };

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  useProbe(null, null);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.allLoaded > 0, null, { timeout: 600_000, polling: 100 });
  await fetch(`http://127.0.0.1:${API_PORT}/__reset`);
  await page.evaluate(installMeasure);
  const filter = await page.evaluate(async () => {
    const select = document.getElementById('reason');
    const rows = document.getElementById('rows');
    // The six most frequent reasons, as the chart's top bars are in Call Records.
    const counts = new Map();
    for (const call of calls) counts.set(call.endedReason ?? '', (counts.get(call.endedReason ?? '') ?? 0) + 1);
    const top = [...counts].filter(([r]) => r).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([r]) => r);
    const times = [];
    const choose = (value) => window.__measure(() => {
      select.value = value;
      select.dispatchEvent(new Event('change'));
    }, () => rows.dataset.view === `${value}|`);
    for (let round = 0; round < 3; round++) {
      for (const reason of top) {
        times.push(await choose(reason));
        times.push(await choose(''));
      }
    }
    return times;
  });
  const search = await page.evaluate(async () => {
    const box = document.getElementById('search');
    const rows = document.getElementById('rows');
    const times = [];
    for (const query of ['renewal', 'call me back', 'cancel fee', 'garcía', 'reference number']) {
      for (let n = 1; n <= query.length; n++) {
        const text = query.slice(0, n);
        times.push(await window.__measure(() => {
          box.value = text;
          box.dispatchEvent(new Event('input', { bubbles: true }));
        }, () => rows.dataset.view === `|${text}`));
      }
      await window.__measure(() => { box.value = ''; box.dispatchEvent(new Event('input', { bubbles: true })); }, () => rows.dataset.view === '|');
    }
    return times;
  });
  await page.evaluate(() => window.gc?.());
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  await context.close();
  return { count, marks, requests: load.requests, preflights: load.preflights, filter, search, heap };
}

// The first load: the page's own files. The reading workers' files (their script, the reader's glue and
// wasm) come later, when a campaign opens, and are counted apart.
const FIRST_LOAD = { wasm: /^(?!reader).*\.wasm$/, JS: /^(?!reader).*\.js$/, CSS: /\.css$/, HTML: /\.html$/ };
const WORKERS = { 'workers (when a campaign opens)': /^reader.*\.(js|wasm)$/ };

function siteSizes(kinds = FIRST_LOAD) {
  return Object.entries(kinds).map(([kind, pattern]) => {
    const files = readdirSync(distDir).filter((f) => pattern.test(f) && statSync(path.join(distDir, f)).isFile());
    const bytes = files.map((f) => readFileSync(path.join(distDir, f)));
    const sum = (f) => bytes.reduce((total, b) => total + f(b), 0);
    return {
      kind,
      raw: sum((b) => b.length),
      gzip: sum((b) => zlib.gzipSync(b, { level: 9 }).length),
      brotli: sum((b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
    };
  });
}

/** The server makes each call's bytes once, and a whole campaign's answer once: asked for once before
 *  measuring, so that no page pays for the server's first time. */
async function warmServer(id) {
  await (await fetch(`http://127.0.0.1:${API_PORT}/v1/api/call?campaignId=${id}`, { headers: { 'api-key': API_KEY } })).arrayBuffer();
  await fetch(`http://127.0.0.1:${API_PORT}/__reset`);
}

// ---- Run and print ----------------------------------------------------------------------------------------
const results = [];
for (const count of sizes) {
  await warmServer(`bench-${count}`);
  process.stdout.write(`measuring ${count.toLocaleString('en-US')} calls… `);
  const result = await benchCampaign(count);
  results.push(result);
  console.log(`done (${(result.marks.allLoaded / 1000).toFixed(1)} s to load)`);
  if (result.errors.length) console.log(`  page errors: ${result.errors.join('; ')}`);
}
const runs = Math.max(1, Number(args.runs ?? 3));
/** Per size of the comparison: Call Records' and the simplest page's measures, and each run's loads. */
const compared = [];
for (const fullCount of fullCounts) {
  const id = `bench-full-${fullCount}`;
  const fullLoads = [];
  const plainLoads = [];
  const againstLoads = [];
  await warmServer(id);
  // Loads vary by several tenths of a second from one run to the next on a busy 2-core machine: each page
  // loads the same calls several times, turn about, and the run of median time is the one reported.
  for (let run = 0; run < runs; run++) {
    process.stdout.write(`loading ${fullCount.toLocaleString('en-US')} full calls, run ${run + 1} of ${runs}: Call Records… `);
    fullLoads.push(await measureLoad(siteUrl(id), id, fullCount, API_KEY));
    process.stdout.write(`${(fullLoads.at(-1).marks.allLoaded / 1000).toFixed(1)} s; `);
    if (against) {
      process.stdout.write('the other build… ');
      againstLoads.push(await measureLoad(siteUrl(id, AGAINST_PORT), id, fullCount, API_KEY));
      process.stdout.write(`${(againstLoads.at(-1).marks.allLoaded / 1000).toFixed(1)} s; `);
    }
    process.stdout.write('the simplest page… ');
    plainLoads.push(await measureLoad(simplestUrl(id), id, null, null));
    console.log(`${(plainLoads.at(-1).marks.allLoaded / 1000).toFixed(1)} s`);
  }
  process.stdout.write('filters and search in Call Records… ');
  const full = await benchCampaign(fullCount, id, medianLoad(fullLoads));
  console.log('done');
  if (full.errors.length) console.log(`  page errors: ${full.errors.join('; ')}`);
  process.stdout.write('and in the simplest page… ');
  const plain = await benchSimplest(fullCount, id, medianLoad(plainLoads));
  console.log('done');
  compared.push({ count: fullCount, full, plain, fullLoads, plainLoads, againstLoads });
  if (args.timeline != null) printTimeline(fullCount, medianLoad(fullLoads).marks);
}
const reopened = [];
for (const count of reopenCounts) {
  await warmServer(`bench-full-${count}`);
  const loads = [];
  for (let run = 0; run < runs; run++) {
    process.stdout.write(`reopening ${count.toLocaleString('en-US')} full calls kept on the device, run ${run + 1} of ${runs}… `);
    loads.push(await measureReopen(count));
    console.log(`first visit ${(loads.at(-1).first.allLoaded / 1000).toFixed(2)} s, again ${(loads.at(-1).again.allLoaded / 1000).toFixed(2)} s`);
  }
  reopened.push([...loads].sort((a, b) => a.again.allLoaded - b.again.allLoaded)[Math.floor((loads.length - 1) / 2)]);
  if (args.timeline != null) printTimeline(count, reopened.at(-1).again, 'reopen');
}
await browser.close();
for (const dir of [browserHome, path.dirname(configFile)]) rmSync(dir, { recursive: true, force: true });
sink.close();
api.close();
site.close();
simplest.close();
against?.close();

const ms = (v) => (v == null ? 'n/a' : `${Math.round(v)} ms`);
const pair = (values) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 95))}`;
const ms1 = (v) => (v == null ? 'n/a' : `${v.toFixed(1)} ms`);
const mb = (v) => (v == null ? 'n/a' : `${(v / 1048576).toFixed(0)} MB`);
const kb = (v) => `${(v / 1024).toFixed(1)} KiB`;
const rows = [
  ['calls', (r) => r.count.toLocaleString('en-US')],
  ['first row painted (from navigation)', (r) => ms(r.marks.firstRow)],
  ['all calls loaded', (r) => ms(r.marks.allLoaded)],
  ['requests (date windows), of which preflights', (r) => `${r.requests} (${r.preflights})`],
  ['filter change → laid out, p50 / p95', (r) => pair(r.filter.map((t) => t[0]))],
  ['filter change → painted, p50 / p95', (r) => pair(r.filter.map((t) => t[1]))],
  ['  of which the query (Rust), p50 / p95', (r) => `${ms1(percentile(r.filterQuery, 50))} / ${ms1(percentile(r.filterQuery, 95))}`],
  ['search keystroke → laid out, p50 / p95', (r) => pair(r.search.map((t) => t[0]))],
  ['search keystroke → painted, p50 / p95', (r) => pair(r.search.map((t) => t[1]))],
  ['  of which the query (Rust), p50 / p95', (r) => `${ms1(percentile(r.searchQuery, 50))} / ${ms1(percentile(r.searchQuery, 95))}`],
  ['scroll frame, p50 / p95', (r) => `${ms(percentile(r.scroll.frames, 50))} / ${ms(percentile(r.scroll.frames, 95))}`],
  ['rows in the DOM (most while scrolling)', (r) => String(r.scroll.maxRows)],
  // The browser reports tasks of 50 ms or more only.
  ['page: inserting worker-read calls, total (longest slice)', (r) => shareOf(r, 'call-records:insert')],
  ['page: reading calls itself, total (longest slice)', (r) => shareOf(r, 'call-records:read-on-page')],
  ['longest task while loading', (r) => (r.marks.longTasks.length ? ms(Math.max(...r.marks.longTasks.map((t) => t.duration))) : 'under 50 ms')],
  // When they began, from navigation: the app's start is in the first second, reading after it.
  ['tasks over 100 ms while loading (began at)', (r) => {
    const long = r.marks.longTasks.filter((t) => t.duration > 100);
    return long.length ? `${long.length} (${long.map((t) => `${Math.round(t.start)} ms`).join(', ')})` : '0';
  }],
  ['wasm memory after loading', (r) => mb(r.memory.wasm)],
  ['  and the reading workers\' wasm', (r) => mb(r.memory.workers)],
  ['JS heap after loading', (r) => mb(r.memory.heap)],
  ['bytes over the wire (site + data)', (r) => mb(r.transferred)],
];
/** One load (or a reopen: `kind`), in order: files and requests (start → last byte), app start, the kept
 *  calls' read, the page's reading and inserting (joined into runs), first row and all loaded. */
function printTimeline(count, marks, kind = 'load') {
  const kept = marks.timings?.['call-records:kept-read'];
  const events = [
    ...(marks.resources ?? []).map((r) => [r.start, r.end, r.name.length > 90 ? `${r.name.slice(0, 90)}…` : r.name]),
    [marks.appStarted, marks.appStarted, 'app started (wasm instantiated)'],
    ...(kept ? [[kept.start, kept.start + kept.duration, 'kept calls read in (IndexedDB and inserting)']] : []),
    [marks.firstRow, marks.firstRow, 'first row painted'],
    [marks.allLoaded, marks.allLoaded, 'all loaded'],
  ];
  // The page's slices, joined when less than 5 ms apart.
  const runs = [];
  for (const m of [...(marks.measures ?? [])].sort((a, b) => a.start - b.start)) {
    const last = runs.at(-1);
    if (last && last.name === m.name && m.start - last.end < 5) { last.end = m.end; last.busy += m.end - m.start; last.n++; }
    else runs.push({ ...m, busy: m.end - m.start, n: 1 });
  }
  for (const r of runs) events.push([r.start, r.end, `${r.name.replace('call-records:', '')}: ${r.n} slices, ${Math.round(r.busy)} ms`]);
  const which = kind === 'reopen' ? 'reopen (opened again from the device)' : 'load';
  console.log(`\nTimeline of the median ${which} of ${count.toLocaleString('en-US')} calls (ms from navigation)`);
  for (const [start, end, what] of events.filter(([s]) => s != null).sort((a, b) => a[0] - b[0])) {
    console.log(`${String(Math.round(start)).padStart(6)} ${end > start ? `→ ${String(Math.round(end)).padStart(5)}` : '        '}  ${what}`);
  }
}

/** Prints `table` (its first row the header) as a Markdown table, columns padded to their widest cell. */
function printTable(table) {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(table[0]));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of table.slice(1)) console.log(line(row));
}

if (results.length) {
  const header = ['', ...results.map((r) => `${r.count.toLocaleString('en-US')} calls`)];
  const table = [header, ...rows.slice(1).map(([label, f]) => [label, ...results.map(f)])];
  console.log(`\nCall Records benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Chromium headless`);
  printTable(table);
}
if (compared.length) {
  const longest = (tasks) => (tasks.length ? Math.max(...tasks.map((t) => t.duration)) : null);
  const painted = (r) => r.filter.map((t) => t[1]);
  const typed = (r) => r.search.map((t) => t[1]);
  const memoryOf = (r) => (r.memory.wasm ?? 0) + (r.memory.workers ?? 0) + (r.memory.heap ?? 0);
  const measures = [
    ['first row painted', (f) => f.marks.firstRow, (p) => p.marks.loaded, ms],
    ['all loaded and searchable', (f) => f.marks.allLoaded, (p) => p.marks.loaded, ms],
    ['filter change → painted, p50', (f) => percentile(painted(f), 50), (p) => percentile(painted(p), 50), ms],
    ['filter change → painted, p95', (f) => percentile(painted(f), 95), (p) => percentile(painted(p), 95), ms],
    ['search keystroke → painted, p50', (f) => percentile(typed(f), 50), (p) => percentile(typed(p), 50), ms],
    ['search keystroke → painted, p95', (f) => percentile(typed(f), 95), (p) => percentile(typed(p), 95), ms],
    ['longest task while loading', (f) => longest(f.marks.longTasks), (p) => longest(p.marks.longTasks), (v) => (v == null ? 'under 50 ms' : ms(v))],
    ['memory after loading (JS heap + wasm, workers too)', memoryOf, (p) => p.heap, mb],
    ['requests until loaded (preflights)', (f) => f.requests, (p) => p.requests, (v) => String(v)],
  ];
  const header = ['', ...compared.flatMap((c) => [`${c.count.toLocaleString('en-US')}: Call Records`, 'simplest', 'ratio'])];
  const cmp = [header, ...measures.map(([label, ofFull, ofPlain, f]) => [label, ...compared.flatMap(({ full, plain }) => {
    const a = ofFull(full);
    const b = ofPlain(plain);
    const requests = label.startsWith('requests');
    return [requests ? `${a} (${full.preflights})` : f(a), requests ? `${b} (${plain.preflights})` : f(b),
      a != null && b ? `${(a / b).toFixed(2)}×` : 'n/a'];
  })])];
  console.log(`\nCalls of about 3.4 KB (3–5 minute conversations), Call Records beside the simplest page (ratio: Call Records ÷ simplest; under 1 is better)`);
  printTable(cmp);
  const seconds = (loads) => loads.map((l) => (l.marks.allLoaded / 1000).toFixed(2)).join(', ');
  for (const { count, fullLoads, plainLoads, againstLoads } of compared) {
    const ratios = fullLoads.map((l, i) => (l.marks.allLoaded / plainLoads[i].marks.allLoaded).toFixed(2)).join(', ');
    console.log(`${count.toLocaleString('en-US')} calls, all loaded, each run (s): Call Records ${seconds(fullLoads)}; the simplest page ${seconds(plainLoads)}; ratios ${ratios}`);
    if (againstLoads.length) {
      const ab = fullLoads.map((l, i) => l.marks.allLoaded / againstLoads[i].marks.allLoaded);
      console.log(`  the other build (${path.relative(root, againstDir)}), each run (s): ${seconds(againstLoads)}; this build ÷ it: ${ab.map((r) => r.toFixed(2)).join(', ')} (median ${percentile(ab, 50).toFixed(2)})`);
    }
  }
}
if (reopened.length) {
  const kept = (r) => r.first.kept ?? {};
  const share = (m) => m.share?.['call-records:insert-kept'];
  const table = [
    ['', ...reopened.map((r) => `${r.count.toLocaleString('en-US')} calls`)],
    ['first visit: all loaded and searchable', ...reopened.map((r) => ms(r.first.allLoaded))],
    ['  its requests for calls', ...reopened.map((r) => String(r.firstRequests))],
    ['  kept on the device (calls, chunks, MB)', ...reopened.map((r) => `${kept(r).calls?.toLocaleString('en-US')}, ${kept(r).chunks}, ${mb(kept(r).bytes)}`)],
    ['  set committed, after all loaded', ...reopened.map((r) => ms(kept(r).at - r.first.allLoaded))],
    ['opened again: first row painted', ...reopened.map((r) => ms(r.again.firstRow))],
    ['opened again: all loaded and searchable', ...reopened.map((r) => ms(r.again.allLoaded))],
    ['  its requests for calls (the last day)', ...reopened.map((r) => String(r.againRequests))],
    ['  kept calls read in (began at, took)', ...reopened.map((r) => {
      const t = r.again.timings?.['call-records:kept-read'];
      return t ? `${ms(t.start)}, ${ms(t.duration)}` : 'n/a';
    })],
    ['  page: inserting kept calls, total (longest slice)', ...reopened.map((r) => (share(r.again) ? `${Math.round(share(r.again).total)} ms (${Math.round(share(r.again).longest)} ms)` : 'n/a'))],
    ['  longest task', ...reopened.map((r) => (r.again.longTasks.length ? ms(Math.max(...r.again.longTasks.map((t) => t.duration))) : 'under 50 ms'))],
  ];
  console.log(`\nA campaign opened again on the same device, Keep loaded calls on (the run of median time of ${runs})`);
  printTable(table);
}
console.log(`\nSite transfer sizes (${path.relative(root, distDir) || '.'}/)`);
const row = (s) => [s.kind, kb(s.raw), kb(s.gzip), kb(s.brotli)];
const firstLoad = siteSizes();
const totals = firstLoad.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const sizesTable = [['file', 'raw', 'gzip', 'brotli'], ...firstLoad.map(row), row({ kind: 'first load', ...totals }), ...siteSizes(WORKERS).map(row)];
printTable(sizesTable);
process.exit(0);
