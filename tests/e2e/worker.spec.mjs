// The reading workers: a large campaign's windows are read off the page's thread, and when the worker
// cannot run (its script or its wasm missing, or a reader of another build) or fails on a body (giving it
// back), the page reads the calls itself, so every path ends with the whole campaign loaded and searchable.
import { test, expect, expectCallCount, expectLoaded, visibleRows } from './fixtures.mjs';
import { API_KEY, UNIQUE_PHRASE, UNIQUE_CALL_INDEX, defaultSynthetic } from './fake-api.mjs';

const SITE = 'http://127.0.0.1:4174';
const API = 'http://127.0.0.1:4175';
const unique = JSON.parse(defaultSynthetic().get('c-big').calls[UNIQUE_CALL_INDEX].json);

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ context, request }) => {
  await request.get(`${API}/__reset`);
  await context.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
});

/**
 * Loads the 5,000-call campaign and checks that every call is there, the search finds the one, and no
 * window was asked for twice (a body lost to the worker would be asked again).
 */
async function loadAndSearch(page, request) {
  await page.goto(`${SITE}/campaigns/c-big`);
  await expectLoaded(page);
  await expect(page.locator('.campaign-page__count')).toHaveText('5,000 calls');
  await expectCallCount(page, 5000);
  await page.getByRole('searchbox', { name: /Search/ }).fill(UNIQUE_PHRASE);
  await expectCallCount(page, 1);
  await expect(visibleRows(page)).toContainText(unique.customer.name);
  const log = await (await request.get(`${API}/__log`)).json();
  const windows = log.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/api/call?campaignId=c-big')).map((r) => r.path);
  expect(windows.length).toBeGreaterThan(5);
  expect(new Set(windows).size, 'each window asked once').toBe(windows.length);
}

test('a large campaign is read by the reading worker', async ({ page, request }) => {
  const reads = await countWorkerReads(page);
  const started = [];
  page.on('worker', (worker) => started.push(new URL(worker.url()).pathname));
  const wasm = [];
  page.context().on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
  await loadAndSearch(page, request);
  expect(started.length, 'workers started').toBeGreaterThan(0);
  expect(started.every((p) => p === '/reader-worker.js')).toBe(true);
  expect(reads.length, 'windows read by the workers').toBeGreaterThan(3);
  // The workers run the reader's own wasm; the page's wasm is fetched once, by the page.
  expect(wasm.filter((p) => p === '/reader_bg.wasm').length, 'reader wasm fetched').toBeGreaterThan(0);
  expect(wasm.filter((p) => p !== '/reader_bg.wasm').length, 'app wasm fetched').toBe(1);
  // Once everything is loaded the workers are ended: they would hold their memory for nothing.
  await expect.poll(() => page.workers().length).toBe(0);
});

test('without its script the worker is not there, and the page reads every window itself', async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/404|Failed to load|reader-worker/i);
  await page.route('**/reader-worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await loadAndSearch(page, request);
});

test('a worker that fails on a body gives it back, and the page reads it', async ({ page, request }) => {
  // A worker that starts, then fails on every body and returns it, as the real one does after a crash.
  await page.route('**/reader-worker.js', (route) => route.fulfill({
    contentType: 'text/javascript',
    body: `self.onmessage = ({ data }) => {
      if (data.format !== undefined) return self.postMessage({ ready: true });
      self.postMessage({ id: data.id, back: data.body, failed: 'RuntimeError: unreachable' }, [data.body.buffer]);
    };`,
  }));
  await loadAndSearch(page, request);
});

test('without the reader\'s wasm the workers are not used, and the page reads every window itself', async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/404|Failed to load|reader|WebAssembly/i);
  await page.route('**/reader_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const reads = await countWorkerReads(page);
  await loadAndSearch(page, request);
  expect(reads.length).toBe(0);
});

test('a reader from another build (a cached file) is not used, and the page reads every window itself', async ({ page, request }) => {
  // The page reads bytes of one format; a reader writing another says so instead of being ready.
  const reads = await countWorkerReads(page, (script) => {
    const older = script.replace('const format = window_format();', 'const format = window_format() + 1;');
    expect(older).not.toBe(script);
    return older;
  });
  let started = 0;
  page.on('worker', () => started++);
  await loadAndSearch(page, request);
  expect(started, 'workers started').toBeGreaterThan(0);
  expect(reads.length, 'windows read by a reader of another format').toBe(0);
  await expect.poll(() => page.workers().length).toBe(0);
});

/** Serves the workers' script as built (changed by `change`), wrapped to log each body a worker reads. */
async function countWorkerReads(page, change = (script) => script) {
  await page.route('**/reader-worker.js', async (route) => {
    const response = await route.fetch();
    const script = change(await response.text()).replace(
      'const out = read_calls_window(campaign, body);',
      'const out = read_calls_window(campaign, body); console.info(`worker read ${body.length} bytes`);',
    );
    expect(script).toContain('worker read');
    await route.fulfill({ response, body: script });
  });
  const reads = [];
  page.on('console', (message) => message.text().startsWith('worker read') && reads.push(message.text()));
  return reads;
}
