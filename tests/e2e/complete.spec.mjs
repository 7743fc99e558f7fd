// Every call the server sends is listed, and nothing it sends stops the page: the reproductions of what
// went wrong (everything at once, shapes that alternate, an emoji-heavy summary, Escape right after
// Settings opens, an expired link without its date), dropped connections, chat and archived campaigns.
import { test, expect, expectCallCount, expectLoaded, visibleRows } from './fixtures.mjs';
import { API_KEY } from './fake-api.mjs';

const SITE = 'http://127.0.0.1:4174';
const API = 'http://127.0.0.1:4175';

test.beforeEach(async ({ page, request }) => {
  await request.get(`${API}/__reset`);
  await page.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
});

/** Opens the account of the count and returns its text. */
async function account(page) {
  await page.getByText('How this count was made').click();
  return page.locator('.load-account__text').textContent();
}

test('a server that sends all 600 calls to the first request and nothing after lists all 600', async ({ page }) => {
  await page.goto(`${SITE}/campaigns/c-all-at-once`);
  await expectLoaded(page);
  await expectCallCount(page, 600);
  expect(await account(page)).toMatch(/^600 records received in \d+ responses?: 600 listed, 0 duplicates of calls already listed, none left out\.$/);
});

test('windows that alternate between {"value": [...]} of table entities and bare Vapi arrays list all 60', async ({ page }) => {
  await page.goto(`${SITE}/campaigns/c-alternating`);
  await expectLoaded(page);
  await expectCallCount(page, 60);
  expect(await account(page)).toMatch(/60 listed/);
  // Both shapes are in the list: a table entity's name and a Vapi record's.
  await page.getByRole('searchbox').fill('"Customer alt 60"');
  await expect(visibleRows(page)).toHaveCount(1);
  await expect(visibleRows(page).first()).toContainText('Customer alt 60');
});

test('a list whose connections are reset when more than two are open still brings every call', async ({ page, request, consoleErrors }) => {
  // The browser reports each reset connection; the page itself must say nothing is missing.
  consoleErrors.allow(/ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET|Failed to load resource|Failed to fetch/);
  await page.goto(`${SITE}/campaigns/c-resets`);
  await expectLoaded(page, 60_000);
  await expectCallCount(page, 400);
  await expect(page.getByText(/could not be loaded/)).toHaveCount(0);
  const { resets } = await (await request.get(`${API}/__complete`)).json();
  // The first burst is dropped; then one request at a time, spaced, and a slow climb back.
  expect(resets).toBeGreaterThan(0);
  expect(resets).toBeLessThanOrEqual(12);
});

test('a summary of 2,000 ZWJ emoji and one of 30 KB of Japanese open, and the page goes on working', async ({ page }) => {
  await page.goto(`${SITE}/campaigns/c-emoji`);
  await expectCallCount(page, 2);
  await page.locator('.record-row', { hasText: 'Emoji Summary' }).click();
  await expect(page.locator('.call-details')).toContainText('👨🏿‍💻👨🏿‍💻');
  await expect(page.getByRole('button', { name: /Show more/ })).toBeVisible();
  await page.getByRole('button', { name: /Show more/ }).click();
  await page.locator('.record-row', { hasText: '山田 花子' }).click();
  await expect(page.locator('.call-details')).toContainText('お客様は来週の火曜日');
  await expect(page.getByText('Call Records hit a bug and stopped')).toHaveCount(0);
  // Still alive: the list answers a search.
  await page.getByRole('searchbox').fill('Emoji');
  await expect(visibleRows(page)).toHaveCount(1);
});

test('Escape pressed the moment Settings opens closes it, every time', async ({ page }) => {
  await page.goto(`${SITE}/campaigns`);
  const settings = page.getByRole('button', { name: 'Settings' });
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  for (let i = 0; i < 10; i += 1) {
    await settings.click();
    // No wait for focus to move: the key goes wherever it is.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
});

test.describe('in UTC', () => {
  test.use({ timezoneId: 'UTC' });
  test('a recording whose link expired says when, beside the reason', async ({ page, consoleErrors }) => {
    consoleErrors.allow(/403|Failed to load resource/);
    await page.goto(`${SITE}/campaigns/c-expired-link/calls/exp-old`);
    const error = page.locator('.recording-player__error');
    await expect(error).toContainText('its link has expired', { timeout: 15_000 });
    await expect(error).toContainText('Its link expired on 1 Dec, 14:02.');
    await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});

test('a chat campaign says it has no calls, and archived campaigns are listed apart', async ({ page }) => {
  await page.goto(`${SITE}/campaigns`);
  const archived = page.getByText(/^Archived \(2\)$/);
  await expect(archived).toBeVisible();
  await expect(page.getByRole('link', { name: /Pilot campaign/ })).toBeHidden();
  await archived.click();
  await expect(page.getByRole('link', { name: /Pilot campaign/ })).toBeVisible();
  await page.getByRole('link', { name: /Website chat assistant/ }).click();
  await expect(page.getByText(/chat campaign/i).first()).toBeVisible();
  await expect(page.getByText('No calls yet')).toHaveCount(0);
});
