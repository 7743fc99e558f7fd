// Keep loaded calls on this device: off until ticked; a campaign opened again shows its kept calls and
// asks the API only for the last day (where calls arrive and change); a kept set of another format or
// with damaged bytes is thrown away for a whole load; Forget kept calls empties the device.
import { test, expect, expectCallCount, expectLoaded, visibleRows } from './fixtures.mjs';
import { API_KEY, KEPT_CHANGED_SUMMARY, KEPT_HIDDEN } from './fake-api.mjs';

const SITE = 'http://127.0.0.1:4174';
const API = 'http://127.0.0.1:4175';
const TOTAL = 1203;
const DAY = 86_400_000;

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ context, request }) => {
  await request.get(`${API}/__reset`);
  await context.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
});

async function callRequests(request) {
  const log = await (await request.get(`${API}/__log`)).json();
  return log.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/api/call?campaignId=c-kept'));
}

/** The set kept for c-kept, as IndexedDB holds it (null before one is committed). */
function keptSet(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('call-records-kept');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('sets')) { db.close(); return resolve(null); }
      const get = db.transaction('sets').objectStore('sets').getAll();
      get.onsuccess = () => {
        db.close();
        const set = get.result.find((s) => s.scope.endsWith('|c-kept'));
        resolve(set ? { ...set, chunks: set.chunks.length, chunkIds: set.chunks } : null);
      };
    };
  }));
}

async function settings(page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  return page.getByRole('dialog', { name: 'Settings' });
}

async function turnOnKeeping(page) {
  await page.goto(`${SITE}/campaigns`);
  const dialog = await settings(page);
  const tick = dialog.getByLabel('Keep loaded calls on this device');
  await expect(tick).not.toBeChecked();
  await tick.check();
  await dialog.getByRole('button', { name: 'Close settings' }).click();
  expect(await page.evaluate(() => localStorage.getItem('call-records.keep-calls'))).toBe('1');
}

/** Opens c-kept with keeping on, and waits until its set is on the device. */
async function keepCampaign(page, count = TOTAL - KEPT_HIDDEN) {
  await page.goto(`${SITE}/campaigns/c-kept`);
  await expectLoaded(page);
  await expectCallCount(page, count);
  await expect.poll(async () => (await keptSet(page))?.calls ?? 0, { timeout: 10_000 }).toBe(count);
  return keptSet(page);
}

test('off until ticked: nothing is kept, and each visit asks the API for every call', async ({ page, request }) => {
  await page.goto(`${SITE}/campaigns/c-kept`);
  await expectLoaded(page);
  await expectCallCount(page, TOTAL - KEPT_HIDDEN);
  await page.waitForTimeout(300);
  expect(await keptSet(page)).toBeNull();
  const dialog = await settings(page);
  await expect(dialog.getByLabel('Keep loaded calls on this device')).not.toBeChecked();
  await expect(dialog.getByText('Nothing is kept on this device.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Forget kept calls' })).toBeDisabled();
  await expect(page.locator('.load-progress__device')).toHaveCount(0);
  expect((await callRequests(request)).length).toBeGreaterThan(0);
});

test('a campaign opened again shows its kept calls and asks only for the last day, new and changed calls included', async ({ page, request }) => {
  await turnOnKeeping(page);
  const set = await keepCampaign(page);
  expect(set.format).toBe(1);
  expect(set.refetchFrom).toBeLessThanOrEqual(set.keptAt - DAY);

  // On the platform, three calls arrive and the summary of a recent one changes.
  // (The log is emptied first: the reset also takes the change back, so it comes after.)
  await request.get(`${API}/__reset`);
  await request.get(`${API}/__kept-add`);
  await page.reload();
  await expect(page.locator('.load-progress__device')).toContainText(/from this device/);
  await expectLoaded(page);
  await expectCallCount(page, TOTAL);
  await expect(page.locator('.load-progress__device')).toContainText(/from this device, \d+ from the API\./);
  await page.getByText('How this count was made').click();
  await expect(page.locator('.load-account')).toContainText(/Besides these, [\d,]+ calls came from this device/);

  // Only the stretch that may have changed was asked for: every window starts within a day of the keeping.
  const asked = await callRequests(request);
  expect(asked.length).toBeGreaterThan(0);
  // A few windows over the day (7 to 13 in runs here: answers race the windows' sizing). The bound
  // catches windows of a few calls each, as when even spreads were taken for a cap (50 for this day).
  expect(asked.length, 'a handful of windows, not dozens').toBeLessThan(24);
  for (const r of asked) {
    const start = new URL(r.path, API).searchParams.get('startDate');
    expect(start, `${r.path} has a start`).not.toBeNull();
    expect(Date.parse(start)).toBeGreaterThanOrEqual(set.refetchFrom);
  }

  // The changed call shows as it is now, not as it was kept.
  await page.getByRole('searchbox', { name: /Search/ }).fill('callback on Friday');
  await expectCallCount(page, 1);
  await expect(visibleRows(page).first()).toContainText(KEPT_CHANGED_SUMMARY.slice(0, 30));

  // The device now holds the new calls too, for the next visit.
  await expect.poll(async () => (await keptSet(page))?.calls ?? 0, { timeout: 10_000 }).toBe(TOTAL);
  const again = await keptSet(page);
  expect(again.keptAt).toBeGreaterThan(set.keptAt);
});

test('a kept set of another format, or with damaged bytes, is thrown away and the campaign loaded whole', async ({ page, request }) => {
  await turnOnKeeping(page);
  const set = await keepCampaign(page);

  // Damaged bytes in one chunk: never shown in part.
  await page.evaluate(({ scope, id }) => new Promise((resolve, reject) => {
    const open = indexedDB.open('call-records-kept');
    open.onsuccess = () => {
      const tx = open.result.transaction('chunks', 'readwrite');
      const bytes = new Uint8Array(64).fill(7);
      bytes.set([67, 82, 75, 67, 1, 0, 0, 0]);
      tx.objectStore('chunks').put({ scope, id, bytes });
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), { scope: set.scope, id: set.chunkIds[Math.floor(set.chunkIds.length / 2)] });
  await request.get(`${API}/__reset`);
  await page.reload();
  await expectLoaded(page);
  await expectCallCount(page, TOTAL - KEPT_HIDDEN);
  await expect(page.locator('.load-progress__device')).toHaveCount(0);
  const whole = await callRequests(request);
  expect(whole.some((r) => !new URL(r.path, API).searchParams.get('startDate')
    || Date.parse(new URL(r.path, API).searchParams.get('startDate')) < set.refetchFrom), 'asked for older calls').toBe(true);
  await expect.poll(async () => (await keptSet(page))?.keptAt ?? 0, { timeout: 10_000 }).toBeGreaterThan(set.keptAt);

  // Another format: the same.
  await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('call-records-kept');
    open.onsuccess = () => {
      const store = open.result.transaction('sets', 'readwrite').objectStore('sets');
      const all = store.getAll();
      all.onsuccess = () => {
        for (const s of all.result) store.put({ ...s, format: 0 });
        all.transaction.oncomplete = () => { open.result.close(); resolve(); };
      };
    };
  }));
  await request.get(`${API}/__reset`);
  await page.reload();
  await expectLoaded(page);
  await expectCallCount(page, TOTAL - KEPT_HIDDEN);
  await expect(page.locator('.load-progress__device')).toHaveCount(0);
  await expect.poll(async () => (await keptSet(page))?.format ?? 0, { timeout: 10_000 }).toBe(1);
});

test('Forget kept calls empties the device, and unticking forgets too', async ({ page }) => {
  await turnOnKeeping(page);
  await keepCampaign(page);
  let dialog = await settings(page);
  await expect(dialog.getByText(/1,200 calls kept on this device \(\d+\.\d MB\)/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Forget kept calls' }).click();
  await expect(dialog.getByText(/Kept calls forgotten: \d+\.\d MB freed/)).toBeVisible();
  await expect(dialog.getByText('Nothing is kept on this device.')).toBeVisible();
  expect(await keptSet(page)).toBeNull();
  await dialog.getByRole('button', { name: 'Close settings' }).click();

  await page.reload();
  await expectLoaded(page);
  await expect.poll(async () => (await keptSet(page))?.calls ?? 0, { timeout: 10_000 }).toBe(TOTAL - KEPT_HIDDEN);
  dialog = await settings(page);
  await dialog.getByLabel('Keep loaded calls on this device').uncheck();
  await expect(dialog.getByText('Nothing is kept on this device.')).toBeVisible();
  expect(await keptSet(page)).toBeNull();
  expect(await page.evaluate(() => localStorage.getItem('call-records.keep-calls'))).toBeNull();
});
