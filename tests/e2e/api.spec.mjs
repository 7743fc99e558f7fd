// The same build pointed at a (fake) Atlas API by its config.json: the API key flow, tolerant parsing of
// every shape, and each failure confined to its panel with a message that says what to do.
import { test, expect, visibleRows } from './fixtures.mjs';
import { API_KEY } from './fake-api.mjs';

const SITE = 'http://127.0.0.1:4174';
const API = 'http://127.0.0.1:4175';

async function requestLog(request) {
  return (await request.get(`${API}/__log`)).json();
}

async function enterKey(page, key, { remember = false } = {}) {
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('API key').fill(key);
  if (remember) await dialog.getByLabel('Remember on this device').check();
  await dialog.getByRole('button', { name: 'Save key' }).click();
}

test.beforeEach(async ({ request }) => {
  await request.get(`${API}/__reset`);
});

test('asks for a key, says when it is refused, and sends it only to the API', async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/status of 401/);
  await page.goto(`${SITE}/campaigns`);
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await expect(page.getByLabel('API key')).toBeFocused();
  await expect(page.getByRole('alert')).toContainText('Enter your API key to see your campaigns');
  expect(await requestLog(request), 'nothing is sent without a key').toEqual([]);

  await enterKey(page, 'pasted with a space');
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('no spaces or line breaks');
  await expect(page.getByLabel('API key')).toHaveAttribute('aria-invalid', 'true');
  expect(await page.evaluate(() => sessionStorage.getItem('call-records.api-key'))).toBeNull();

  await enterKey(page, 'wrong-key');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('The API refused your key (401)');
  await enterKey(page, API_KEY);
  await expect(page.getByRole('link', { name: /Wrapped Atlas campaign/ })).toBeVisible();

  const log = await requestLog(request);
  const gets = log.filter((r) => r.method === 'GET');
  expect(gets.length).toBeGreaterThan(0);
  expect(gets.at(-1).apiKey).toBe(API_KEY);
  expect(log.every((r) => !r.path.includes(API_KEY) && !r.path.includes('wrong-key')), 'key never in a URL').toBe(true);
  expect(await page.evaluate(() => sessionStorage.getItem('call-records.api-key'))).toBe(API_KEY);
  expect(await page.evaluate(() => localStorage.getItem('call-records.api-key'))).toBeNull();
  expect(await page.evaluate(() => document.documentElement.outerHTML.includes('test-key'))).toBe(false);
});

test('the settings dialog keeps Tab inside and gives focus back when it closes', async ({ page }) => {
  await page.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
  await page.goto(`${SITE}/campaigns`);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByLabel('API key')).toBeFocused();
  // Close is first, the reviewer's name last (Save key is disabled while the field is empty, and Forget
  // review data while no call has marks).
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Close settings' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByLabel('Your name')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Close settings' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
});

test('remember on this device, then forget with one click', async ({ page }) => {
  await page.goto(`${SITE}/campaigns`);
  await enterKey(page, API_KEY, { remember: true });
  await expect(page.getByRole('link', { name: /Vapi-shaped campaign/ })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('call-records.api-key'))).toBe(API_KEY);
  await page.reload();
  await expect(page.getByRole('link', { name: /Vapi-shaped campaign/ })).toBeVisible();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Forget key' }).click();
  expect(await page.evaluate(() => localStorage.getItem('call-records.api-key'))).toBeNull();
  expect(await page.evaluate(() => sessionStorage.getItem('call-records.api-key'))).toBeNull();
  await expect(page.getByText('No API key')).toBeVisible();
});

test.describe('with a key', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
  });

  test('wrapped Atlas records: list, record, download through a blob', async ({ page }) => {
    await page.goto(`${SITE}/campaigns/c-wrapped`);
    await expect(page.getByRole('heading', { name: 'Wrapped Atlas campaign' })).toBeVisible();
    await expect(visibleRows(page)).toHaveCount(2);
    await page.locator('.record-row', { hasText: 'Wanda Wrapped' }).click();
    await expect(page.getByText('Wanda asked for a human and was transferred.')).toBeVisible();
    await expect(page.locator('.end-reason-details')).toContainText('Call transferred');
    await expect(page.locator('.transcript__turn--customer')).toContainText('Put me through to a person please.');
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download' }).click();
    expect((await downloadPromise).suggestedFilename()).toBe('call-w-1.mp3');
  });

  test('storage that refuses cross-origin fetches: the recording opens instead, and the user is told', async ({ page, context, consoleErrors }) => {
    // Chromium's own report of the refused fetch: the very failure this test provokes.
    consoleErrors.allow(/blocked by CORS policy|net::ERR_FAILED/);
    await page.goto(`${SITE}/campaigns/c-wrapped/calls/w-2`);
    await expect(page.locator('.end-reason-details')).toContainText('call.in-progress.error-sip-outbound-call-failed-to-connect');
    await expect(page.getByRole('link', { name: /support@youratlas.com/ })).toHaveAttribute('href', /w-2/);
    // The plain "AI: / User:" form reads as speaker turns, without times.
    await expect(page.locator('.transcript__turn--customer')).toContainText('Hello?');
    await expect(page.locator('.transcript__turn--agent .transcript__time')).toHaveCount(0);
    const popup = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Download' }).click();
    expect((await popup).url()).toBe(`${API}/storage/private/w-2.mp3`);
    await expect(page.getByText(/Your browser would not save this file directly/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Open the recording' })).toHaveAttribute('href', `${API}/storage/private/w-2.mp3`);
  });

  test('PascalCase records read the same; a gone recording is explained', async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 404/);
    await page.goto(`${SITE}/campaigns/c-pascal`);
    await expect(page.locator('.record-row', { hasText: 'Pat Pascal' })).toContainText('Silence timeout');
    await expect(visibleRows(page).nth(1)).toContainText('Line busy');
    await page.locator('.record-row', { hasText: 'Pat Pascal' }).click();
    await expect(page.getByText('Nobody spoke after the greeting.')).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'The recording could not be loaded' })).toBeVisible();
  });

  test('Vapi-shaped records: bare array, artifact, analysis.summary, turn times', async ({ page }) => {
    await page.goto(`${SITE}/campaigns/c-vapi`);
    await expect(visibleRows(page)).toHaveCount(2);
    await expect(visibleRows(page).first()).toContainText('Val Vapi');
    await expect(visibleRows(page).first()).toContainText('1:00');
    await expect(visibleRows(page).nth(1)).toContainText('No end reason');
    await visibleRows(page).first().click();
    await expect(page.getByText('Val will call back next week.')).toBeVisible();
    await expect(page.locator('.transcript__turn--customer')).toContainText('1:02');
  });

  const failures = [
    ['c-500', /status of 500/, 'The server failed to load', 'Database unavailable'],
    ['c-malformed', null, 'could not be read', 'not in a format we understand'],
    ['c-429', /status of 429/, 'Too many requests', 'Try again in 7 seconds'],
  ];
  for (const [campaign, consoleLine, title, detail] of failures) {
    test(`${campaign}: the records panel says what failed while the rest of the page works`, async ({ page, consoleErrors }) => {
      if (consoleLine) consoleErrors.allow(consoleLine);
      await page.goto(`${SITE}/campaigns/${campaign}`);
      const alert = page.locator('.campaign-page__records').getByRole('alert');
      await expect(alert).toContainText(title);
      await expect(alert).toContainText(detail);
      await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
      // The rest of the page is alive: the campaign's name loaded, and navigation works.
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(campaign);
      await page.getByRole('link', { name: /All campaigns/ }).click();
      await expect(page.getByRole('link', { name: /Vapi-shaped campaign/ })).toBeVisible();
    });
  }

  test('no network: a clear message and a retry that works once the network is back', async ({ page, consoleErrors }) => {
    consoleErrors.allow(/ERR_INTERNET_DISCONNECTED|Failed to load resource/);
    await page.route(`${API}/v1/api/campaign`, (route) => route.abort('internetdisconnected'));
    await page.goto(`${SITE}/campaigns`);
    await expect(page.getByRole('alert')).toContainText("Couldn't reach the server");
    await page.unroute(`${API}/v1/api/campaign`);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('link', { name: /Wrapped Atlas campaign/ })).toBeVisible();
  });

  test('leaving a page aborts its requests', async ({ page, request }) => {
    await page.goto(`${SITE}/campaigns/c-slow`);
    await expect(page.locator('[aria-label="Loading calls"]')).toBeVisible();
    await page.getByRole('link', { name: /All campaigns/ }).click();
    await expect(page.getByRole('link', { name: /Wrapped Atlas campaign/ })).toBeVisible();
    await expect
      .poll(async () => (await requestLog(request)).find((r) => r.path.startsWith('/v1/api/call?campaignId=c-slow') && r.method === 'GET'))
      .toMatchObject({ aborted: true });
  });
});
