// A 5,000-call campaign from the fake Atlas API, loaded in date windows: the chart filters, the search
// finds the one transcript with a phrase, the record opens with the player at that turn, the URL restores
// the view in a new page, Back undoes, and the CSV holds exactly the rows of the view.
import { readFileSync } from 'node:fs';
import { test, expect, expectCallCount, expectLoaded, visibleRows } from './fixtures.mjs';
import { API_KEY, UNIQUE_PHRASE, UNIQUE_CALL_INDEX, UNIQUE_TURN_SECONDS, defaultSynthetic } from './fake-api.mjs';

const SITE = 'http://127.0.0.1:4174';
const API = 'http://127.0.0.1:4175';
const big = defaultSynthetic().get('c-big').calls.map((c) => JSON.parse(c.json));
const unique = big[UNIQUE_CALL_INDEX];

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ context, request }) => {
  await request.get(`${API}/__reset`);
  // Every tab of the context has the key, as on a device where it is remembered.
  await context.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
});

async function loadAll(page, path) {
  await page.goto(`${SITE}${path}`);
  await expectLoaded(page);
}

/** RFC 4180, as the export writes it: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('the list fills the height it is given, and a taller window shows more rows', async ({ page }) => {
  await loadAll(page, '/campaigns/c-big');
  // The lowest row shown reaches the list's bottom edge: no blank band under the rows.
  const filled = () => page.locator('.call-list').evaluate((list) => {
    const rows = [...list.querySelectorAll('.call-list__item:not([hidden])')].map((li) => li.getBoundingClientRect().bottom);
    return rows.length > 0 && Math.max(...rows) >= list.getBoundingClientRect().bottom;
  });
  await expect.poll(filled).toBe(true);
  const before = await page.locator('.call-list__item:not([hidden])').count();
  await page.setViewportSize({ width: 1280, height: 2400 });
  await expect.poll(filled).toBe(true);
  expect(await page.locator('.call-list__item:not([hidden])').count()).toBeGreaterThan(before);
});

test('the rows stay where they are when the load ends, and the line says how many came and when', async ({ page }) => {
  // Every list answer after the first is held back a while, so the first rows show with the load going.
  let answered = 0;
  await page.route(`${API}/v1/api/call?*`, async (route) => {
    answered += 1;
    if (answered > 1) await new Promise((r) => setTimeout(r, 1500));
    await route.continue().catch(() => {});
  });
  await page.goto(`${SITE}/campaigns/c-big`);
  const bar = page.locator('.load-progress__bar');
  const firstRow = page.locator('.call-list__item:not([hidden]) .record-row').first();
  await expect(firstRow).toBeVisible();
  const during = await firstRow.boundingBox();
  await expect(bar, 'the row was measured while the load went on').toHaveCount(1);
  await expectLoaded(page);
  expect((await firstRow.boundingBox()).y, 'the first row has not moved').toBe(during.y);
  await expect(page.locator('.load-progress[role=status]')).toHaveText(/^5,000 calls loaded, \d+ \w+, \d\d:\d\d\.$/);
});

test('a 5,000-call campaign loads in date windows, with every call counted once', async ({ page, request }) => {
  await loadAll(page, '/campaigns/c-big');
  await expect(page.locator('.campaign-page__count')).toHaveText('5,000 calls');
  await expectCallCount(page, 5000);
  const rowsInDom = await page.locator('.call-list__item').count();
  expect(rowsInDom).toBeGreaterThan(5);
  expect(rowsInDom).toBeLessThanOrEqual(150);
  // Deep in the list, once scrolling pauses, the rows' order in the page is the list's order (what a
  // screen reader reads and Tab follows), and they are the rows at that depth.
  await page.locator('.call-list').evaluate((el) => { el.scrollTop = 2500 * 66; });
  await page.waitForTimeout(400);
  const positions = await page.locator('.call-list__item:not([hidden])').evaluateAll((items) => items.map((li) => Number(li.getAttribute('aria-posinset'))));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(positions[0]).toBeGreaterThan(2480);
  expect(positions.at(-1)).toBeLessThan(2540);
  const log = await (await request.get(`${API}/__log`)).json();
  const windows = log.filter((r) => r.path.startsWith('/v1/api/call?campaignId=c-big'));
  expect(windows.length, 'loaded in several windows').toBeGreaterThan(5);
  expect(windows.every((r) => r.path.includes('startDate='))).toBe(true);
});

test('chart bar, phrase search, open, player at the turn, shared URL, Back, and CSV of the view', async ({ page, context }) => {
  await loadAll(page, '/campaigns/c-big');

  // The chart beside the list: choose a bar.
  const reason = 'customer-ended-call';
  const expected = big.filter((c) => c.endedReason === reason);
  const bar = page.locator('.overview .breakdown__bar', { hasText: 'Customer ended call' });
  await expect(bar).toContainText(expected.length.toLocaleString('en-US'));
  await bar.click();
  await expect(page).toHaveURL(new RegExp(`reason=${reason}`));
  await expect(bar).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.campaign-page__count')).toHaveText(`${expected.length.toLocaleString('en-US')} of 5,000 calls`);
  await expectCallCount(page, expected.length);

  // Search a phrase that only one transcript holds (each word alone is elsewhere too).
  await page.getByRole('searchbox', { name: /Search/ }).fill(UNIQUE_PHRASE);
  await expectCallCount(page, 1);
  const row = visibleRows(page);
  await expect(row).toContainText(unique.customer.name);
  await expect(row.locator('mark')).toHaveText(['purple', 'giraffe']);

  // Open it: the hit is marked in the transcript and the player waits at that turn.
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/calls/${unique.id}\\?`));
  await expect(page.getByRole('heading', { name: unique.customer.name, level: 2 })).toBeVisible();
  const hit = page.locator('.transcript__turn--hit');
  await expect(hit).toContainText('purple giraffe clause');
  await expect(hit.locator('mark')).toHaveCount(2);
  await expect.poll(() => page.locator('audio').evaluate((a) => a.currentTime)).toBeCloseTo(UNIQUE_TURN_SECONDS, 1);

  // The URL alone restores the same view in a new page.
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByRole('heading', { name: unique.customer.name, level: 2 })).toBeVisible();
  await expect(other.getByRole('searchbox', { name: /Search/ })).toHaveValue(UNIQUE_PHRASE);
  await expectLoaded(other);
  await expectCallCount(other, 1);
  await expect(other.locator('.record-row[aria-current="page"]')).toContainText(unique.customer.name);
  await expect(other.locator('.campaign-page__count')).toHaveText('1 of 5,000 calls');
  await other.close();

  // Back closes the record, then undoes the search keystrokes' single entry... and the bar.
  await page.goBack();
  await expect(page).toHaveURL(/\/campaigns\/c-big\?/);
  await expectCallCount(page, 1);
  await page.goBack();
  await expect(page).not.toHaveURL(/reason=/);
  await expect(page.locator('.campaign-page__count')).toHaveText('5,000 calls');
  await page.goForward();
  await expect(page.locator('.campaign-page__count')).toHaveText(`1 of 5,000 calls`);

  // Export the bar's view (search cleared): the CSV holds exactly those rows, newest first.
  await page.getByRole('searchbox', { name: /Search/ }).fill('');
  await expectCallCount(page, expected.length);
  await page.getByText('Export', { exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /CSV of the .* calls shown/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^calls-Large-synthetic-campaign-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.charCodeAt(0), 'UTF-8 byte-order mark for spreadsheets').toBe(0xfeff);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual(['call_id', 'started_at', 'customer_name', 'customer_number', 'duration_seconds', 'status', 'end_reason', 'end_reason_label', 'summary',
    'outcome', 'goal_met', 'cost_usd', 'verdict', 'reviewed', 'tags', 'notes', 'reviewer', 'reviewed_at']);
  const newestFirst = [...expected].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  expect(rows.map((r) => r[0])).toEqual(newestFirst.map((c) => c.id));
  const first = rows[0];
  expect(first[6]).toBe(reason);
  expect(first[7]).toBe('Customer ended call');
  expect(first[8]).toBe(newestFirst[0].analysis.summary);
  expect(first[2]).toBe(newestFirst[0].customer.name);
});

test('a window that keeps failing is named with a retry, and the calls already loaded stay', async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/status of 503/);
  await loadAll(page, '/campaigns/c-flaky');
  const failed = page.locator('.load-progress__failed');
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('could not be loaded');
  await expect(failed.locator('li').first()).toContainText('Calls from');
  const count = Number((await page.locator('.call-list__item').first().getAttribute('aria-setsize')));
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(3000);
  await request.get(`${API}/__heal`);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(failed).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('.campaign-page__count')).toHaveText('3,000 calls');
});

test('Stop keeps what has loaded and Resume finishes the load', async ({ page }) => {
  await page.goto(`${SITE}/campaigns/c-big`);
  const stop = page.getByRole('button', { name: 'Stop' });
  await stop.click();
  await expect(page.getByText(/Stopped at/)).toBeVisible();
  const count = await page.locator('.campaign-page__count').textContent();
  await page.waitForTimeout(500);
  await expect(page.locator('.campaign-page__count')).toHaveText(count);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.locator('.campaign-page__count')).toHaveText('5,000 calls', { timeout: 30_000 });
});
