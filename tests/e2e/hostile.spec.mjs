// What Atlas really sends (table entities) and what a misbehaving server does: links that expire, an
// outage during Refresh, a record that hangs, IDs with reserved characters, absurd campaign figures and
// huge records. The site is the release build, pointed at the fake API (fake-api-config.json sets the
// request time limit to 4 s so that a hung request is given up on quickly).
import { test, expect, visibleRows, expectCallCount } from './fixtures.mjs';
import { API_KEY } from './fake-api.mjs';
import { RESERVED_IDS, NEEDLE_TURN } from './hostile-api.mjs';

const SITE = 'http://127.0.0.1:4174';
const API = 'http://127.0.0.1:4175';
const log = async (request) => (await request.get(`${API}/__log`)).json();

test.beforeEach(async ({ page, request }) => {
  await request.get(`${API}/__reset`);
  await page.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
});

test('campaigns and calls sent as table entities list, open by RowKey and read as conversations', async ({ page }) => {
  await page.goto(`${SITE}/campaigns`);
  const table = page.getByRole('link', { name: /Table entity campaign/ });
  await expect(table).toContainText('Active');
  await expect(table).toContainText('3 calls');
  await expect(page.getByRole('link', { name: /Contoso Clinic/ })).toContainText('Paused');
  await expect(page.getByText(/could not be read/)).toHaveCount(0);

  await table.click();
  await expectCallCount(page, 3);
  await expect(visibleRows(page).first()).toContainText('Tabitha Entity');
  await page.locator('.record-row', { hasText: 'Rowan Keyes' }).click();
  await expect(page).toHaveURL(/\/campaigns\/c-table\/calls\/t-1$/);
  await expect(page.getByText('Rowan confirmed the appointment for Tuesday.')).toBeVisible();
  // Messages sent as a JSON string, PascalCase inside, a time sent as a string.
  await expect(page.locator('.transcript__turn--agent')).toContainText('Hello Rowan, this is Ava from Northwind Dental.');
  await expect(page.getByRole('button', { name: 'Play from 0:04' })).toBeVisible();
  await expect(page.locator('.call-details__facts')).toContainText('$0.42');

  await page.locator('.record-row', { hasText: 'Tabitha Entity' }).click();
  await expect(page.getByText('Tabitha asked to be called next month.')).toBeVisible();
  // A plain "AI: / User:" transcript as speaker turns, without times.
  await expect(page.locator('.transcript__turn')).toHaveCount(3);
  await expect(page.locator('.transcript__turn--customer')).toHaveText(/Call me next month please\./);
  await expect(page.locator('.transcript__time')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Open campaign Table entity campaign/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Open campaign Table entity campaign/ })).toBeVisible();
});

test('IDs holding /, %2F, ?, # and a space open from the list and from a pasted link', async ({ page }) => {
  await page.goto(`${SITE}/campaigns/c-reserved`);
  await expectCallCount(page, RESERVED_IDS.length);
  for (const [i, id] of RESERVED_IDS.entries()) {
    await page.locator('.record-row', { hasText: `Reserved ${i + 1}` }).click();
    await expect(page.locator('.call-details__id-value')).toHaveText(id);
    await expect(page.getByText(`The call whose ID is ${id}.`)).toBeVisible();
  }
  for (const id of RESERVED_IDS) {
    await page.goto(`${SITE}/campaigns/c-reserved/calls/${encodeURIComponent(id)}`);
    await expect(page.locator('.call-details__id-value')).toHaveText(id);
    // The list marks the open call as the current one.
    await expect(page.locator('.record-row[aria-current="page"]')).toContainText(`Reserved ${RESERVED_IDS.indexOf(id) + 1}`);
  }
});

test.describe('recording links that expire', () => {
  test('a link that expired before the page got it is refreshed at once, quietly', async ({ page, request }) => {
    await page.goto(`${SITE}/campaigns/c-expiring/calls/e-expired`);
    const audio = page.locator('audio');
    await expect(audio).toHaveAttribute('src', /sig=2$/);
    await expect.poll(() => audio.evaluate((a) => a.readyState)).toBeGreaterThanOrEqual(1);
    await expect(page.getByRole('alert')).toHaveCount(0);
    const gets = (await log(request)).filter((r) => r.method === 'GET' && r.path === '/v1/api/call/e-expired');
    expect(gets).toHaveLength(2);
  });

  test('a link that fails to load is refreshed once, and the fresh one plays', async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 403/);
    await page.goto(`${SITE}/campaigns/c-expiring/calls/e-fails`);
    const audio = page.locator('audio');
    await expect(audio).toHaveAttribute('src', /sig=2$/);
    await audio.evaluate((a) => a.play());
    await expect.poll(() => audio.evaluate((a) => a.currentTime)).toBeGreaterThan(0.3);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a link that expires while playing is swapped, keeping position and play state', async ({ page }) => {
    await page.goto(`${SITE}/campaigns/c-expiring/calls/e-timer`);
    const audio = page.locator('audio');
    await expect(audio).toHaveAttribute('src', /sig=1$/);
    await expect.poll(() => audio.evaluate((a) => a.readyState)).toBeGreaterThanOrEqual(1);
    await audio.evaluate((a) => { a.currentTime = 1.5; return a.play(); });
    // The link expires 4 s after the record was fetched.
    await expect(audio).toHaveAttribute('src', /sig=2$/, { timeout: 8_000 });
    await expect.poll(() => audio.evaluate((a) => a.paused)).toBe(false);
    const at = await audio.evaluate((a) => a.currentTime);
    expect(at, 'the position is kept, not reset to 0').toBeGreaterThan(1.5);
  });

  test('Download refreshes a refused link before it falls back', async ({ page, request, consoleErrors }) => {
    consoleErrors.allow(/status of 403/);
    await page.goto(`${SITE}/campaigns/c-expiring/calls/e-timer`);
    const audio = page.locator('audio');
    await expect.poll(() => audio.evaluate((a) => a.readyState)).toBeGreaterThanOrEqual(1);
    await request.get(`${API}/__expire?id=e-timer`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe('call-e-timer.mp3');
    await expect(page.getByText(/Saved as/)).toBeVisible();
    await expect(audio).toHaveAttribute('src', /sig=2$/);
  });

  test('a recording that is gone says why after one refresh, with Try again and Download', async ({ page, request, consoleErrors }) => {
    consoleErrors.allow(/status of 404/);
    await page.goto(`${SITE}/campaigns/c-expiring/calls/e-gone`);
    const alert = page.getByRole('alert').filter({ hasText: 'The recording could not be loaded' });
    await expect(alert).toContainText('no longer stored');
    await expect(alert).toContainText('retention period');
    await expect(page.getByRole('button', { name: 'Download' })).toBeVisible();
    const recordGets = async () => (await log(request)).filter((r) => r.method === 'GET' && r.path === '/v1/api/call/e-gone').length;
    const before = await recordGets();
    expect(before, 'one refresh, no loop').toBe(2);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(alert).toContainText('no longer stored');
    await page.waitForTimeout(500);
    const after = await recordGets();
    expect(after).toBe(3);
  });
});

test('Refresh during an outage keeps the calls on screen and says the refresh failed', async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/status of 500/);
  await page.goto(`${SITE}/campaigns/c-outage`);
  await expectCallCount(page, 5);
  await expect(page.locator('.campaign-page__count')).toHaveText('5 calls');
  await request.get(`${API}/__outage?on=1`);
  await page.getByRole('button', { name: 'Refresh' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Refresh failed' });
  await expect(alert).toBeVisible({ timeout: 10_000 });
  await expect(alert).toContainText('The calls below are from the last successful load');
  await expectCallCount(page, 5);
  await expect(visibleRows(page)).toHaveCount(5);
  await request.get(`${API}/__outage?on=0`);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toBeHidden();
  await expectCallCount(page, 5);
});

test.describe('a server that does not answer', () => {
  test('a hung record is aborted when the reader opens another, which shows at once', async ({ page, request }) => {
    await page.goto(`${SITE}/campaigns/c-hang/calls/h-hung`);
    await expect(page.getByText('Loading call…')).toBeAttached();
    const opened = Date.now();
    await page.locator('.record-row', { hasText: 'Answering Record' }).click();
    await expect(page.getByText('This record answers at once.')).toBeVisible({ timeout: 2_000 });
    expect(Date.now() - opened).toBeLessThan(2_000);
    // Aborted at once, not at the time limit (4 s).
    await expect.poll(async () => (await log(request)).find((r) => r.method === 'GET' && r.path === '/v1/api/call/h-hung')?.aborted,
      { timeout: 2_000 }).toBe(true);
  });

  test('a record that never answers gets a message and Try again after the time limit', async ({ page }) => {
    const started = Date.now();
    await page.goto(`${SITE}/campaigns/c-hang/calls/h-hung`);
    const alert = page.getByRole('alert').filter({ hasText: 'did not answer in time' });
    await expect(alert).toBeVisible({ timeout: 8_000 });
    const waited = Date.now() - started;
    console.log(`hung record: message after ${waited} ms (time limit 4 s)`);
    expect(waited).toBeGreaterThan(3_500);
    await expect(alert).toContainText('within 4 seconds');
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    // The list beside it works meanwhile.
    await expectCallCount(page, 2);
  });

  test('a call list that never answers gets a message instead of loading forever', async ({ page }) => {
    await page.goto(`${SITE}/campaigns/c-hang-list`);
    const alert = page.getByRole('alert').filter({ hasText: 'did not answer in time' });
    await expect(alert).toBeVisible({ timeout: 8_000 });
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(page.getByText(/Loading calls…/)).toHaveCount(0);
  });
});

for (const [id, what] of [['c-1970', 'created in 1970'], ['c-billion', 'claiming 1,000,000,000 calls']]) {
  test(`a campaign ${what} loads its 5 calls in a handful of requests`, async ({ page, request }) => {
    await page.goto(`${SITE}/campaigns/${id}`);
    await expectCallCount(page, 5);
    await expect(page.getByText(/Loading calls…/)).toHaveCount(0, { timeout: 10_000 });
    const windows = (await log(request)).filter((r) => r.method === 'GET' && r.path.startsWith(`/v1/api/call?campaignId=${id}`));
    console.log(`${id}: ${windows.length} requests for 5 calls`);
    // Without a believable creation date the walk goes on 90 empty days past the calls, at most 7 days
    // a window (13), after the ramp from an hour; how far each round gets depends on when answers
    // come: 23 or 24 alone, 27 seen once in the full suite on a busy machine.
    expect(windows.length).toBeLessThanOrEqual(30);
  });
}

test.describe('huge records', () => {
  test('a 50,000-turn transcript opens without a long task; search, scroll to the hit and seeking work', async ({ page }) => {
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    });
    // The list first (its three huge records read as the campaign loads), then the record alone.
    await page.goto(`${SITE}/campaigns/c-huge`);
    await expectCallCount(page, 3);
    await expect(page.getByText(/Loading calls…/)).toHaveCount(0, { timeout: 15_000 });
    const listTasks = await page.evaluate(() => window.__longTasks.splice(0));
    console.log(`c-huge list (three huge records): longest task ${Math.round(Math.max(0, ...listTasks))} ms`);
    await page.locator('.record-row', { hasText: 'Endless Turns' }).click();
    await expect(page.locator('.transcript__turn[data-turn="0"]')).toBeVisible({ timeout: 15_000 });
    await page.waitForTimeout(300);
    const recordTasks = await page.evaluate(() => window.__longTasks.splice(0));
    const longest = Math.round(Math.max(0, ...recordTasks));
    console.log(`50,000-turn record: long tasks ${recordTasks.map(Math.round).join(", ")} ms`);
    console.log(`50,000-turn record: longest task ${longest} ms`);
    // Measured 60 to 87 ms on an idle 2-core machine, and 111 and 128 ms in two clean-clone CI runs, since the
    // record is no longer copied when its resource is awaited and is drawn in a task of its own (78 to 129 ms
    // before). 150 ms leaves room for a slower CI machine and still fails a regression like the first
    // version of the response times, which took 1.4 s.
    expect(longest, 'the record opens without a task over 150 ms').toBeLessThanOrEqual(150);
    const inPage = await page.locator('.transcript__turn').count();
    console.log(`50,000-turn record: ${inPage} turns in the page`);
    expect(inPage).toBeLessThanOrEqual(400);
    // A search marks the turn deep in the call and scrolls to it (the list, which keeps the start of
    // each transcript, no longer shows the call; the record stays open).
    await page.getByRole('searchbox').fill('cobalt lighthouse');
    const hit = page.locator(`.transcript__turn[data-turn="${NEEDLE_TURN}"]`);
    await expect(hit).toBeInViewport({ timeout: 15_000 });
    await expect(hit.locator('mark')).toHaveText(['cobalt', 'lighthouse']);
    await expect(hit).toHaveClass(/transcript__turn--hit/);
    await hit.getByRole('button', { name: 'Play from 0:04' }).click();
    await expect.poll(() => page.locator('audio').evaluate((a) => a.currentTime)).toBeGreaterThan(4.9);
    // Paused: while it plays the transcript follows it, and a scroll set from a script (unlike a
    // reader's wheel, key or drag) does not let go, so the next spoken turn would scroll it back.
    await page.locator('audio').evaluate((a) => a.pause());
    // Scrolling the pane brings other turns in, and seeking from a turn works there.
    const pane = page.locator('.campaign-page__detail');
    await pane.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await expect(page.locator('.transcript__turn[data-turn="49999"]')).toBeAttached();
    await pane.evaluate((el) => { el.scrollTop = 0; });
    await expect(page.locator('.transcript__turn[data-turn="0"]')).toBeAttached();
    expect(await page.locator('.transcript__turn').count()).toBeLessThanOrEqual(400);
  });

  test('a 10 MB summary and a 10 MB transcript show their start, with Show more and Show all', async ({ page }) => {
    await page.goto(`${SITE}/campaigns/c-huge/calls/huge-summary`);
    const summary = page.locator('.call-details__summary');
    await expect(summary).toContainText('The customer repeated the same long story');
    const shown = await summary.evaluate((p) => p.textContent.length);
    expect(shown).toBeLessThan(25_000);
    await expect(summary.getByRole('button', { name: /Show all \(10\.\d MB\)/ })).toBeVisible();
    await summary.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => summary.evaluate((p) => p.textContent.length)).toBeGreaterThan(200_000);

    await page.locator('.record-row', { hasText: 'Huge Transcript' }).click();
    const plain = page.locator('.transcript__plain');
    await expect(plain).toContainText('The customer repeated the same long story');
    expect(await plain.evaluate((p) => p.textContent.length)).toBeLessThan(25_000);
    await expect(plain.getByRole('button', { name: /Show all/ })).toBeVisible();
  });
});

test('the site sends a Content-Security-Policy and it blocks injected inline script', async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/Content Security Policy/);
  consoleErrors.allowViolation(/script-src/);
  const response = await request.get(`${SITE}/campaigns`);
  const header = response.headers()['content-security-policy'];
  expect(header).toContain("object-src 'none'");
  expect(header).toContain("base-uri 'none'");
  expect(header).toContain("form-action 'none'");
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  await page.goto(`${SITE}/campaigns`);
  await expect(page.getByRole('link', { name: /Table entity campaign/ })).toBeVisible();
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(header.startsWith(meta)).toBe(true);
  const ran = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', () => resolve(window.__injected === true), { once: true });
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.append(script);
  }));
  expect(ran, 'an injected inline script does not run').toBe(false);
});
