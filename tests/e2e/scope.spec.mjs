// Past what one tab can hold: a campaign that says it has 400,000 calls (over the page's limit of
// 250,000) opens with its last 30 days and says so; Load everything, the scope menu and the date filter
// widen it, each through the API's own startDate/endDate and in the URL like the filters.
import { test, expect, expectLoaded } from './fixtures.mjs';
import { API_KEY } from './fake-api.mjs';

const SITE = 'http://127.0.0.1:4174';
const API = 'http://127.0.0.1:4175';
const DAY = 86_400_000;

test.describe.configure({ mode: 'serial' });

let created = [];
test.beforeAll(async ({ request }) => {
  // The calls as the server holds them: every one, asked for without dates.
  const body = await (await request.get(`${API}/v1/api/call?campaignId=c-vast`, { headers: { 'api-key': API_KEY } })).json();
  created = body.value.map((c) => Date.parse(c.createdAt));
  expect(created).toHaveLength(3000);
});

test.beforeEach(async ({ context, request }) => {
  await request.get(`${API}/__reset`);
  await context.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
});

const since = (ms) => created.filter((t) => t >= ms).length;
const count = (page) => page.locator('.campaign-page__count');
const loaded = (page) => expectLoaded(page);
/** The calls held (the M of "N of M calls", or the N of "N calls"), once the load has settled near `expected`. */
async function settlesAt(page, expected) {
  const held = async () => {
    const text = await count(page).textContent();
    const [, n] = /([\d,]+) calls/.exec(text) ?? [, '0'];
    return Number(n.replace(/,/g, ''));
  };
  await expect.poll(async () => Math.abs((await held()) - expected), { timeout: 30_000 }).toBeLessThanOrEqual(2);
  await loaded(page);
  return held();
}

test('a campaign larger than the limit opens with its last 30 days, says so, and asks for nothing older', async ({ page, request }) => {
  const opened = Date.now();
  await page.goto(`${SITE}/campaigns/c-vast`);
  await loaded(page);
  const note = page.getByRole('status').filter({ hasText: 'more than a tab holds well' });
  await expect(note).toContainText('This campaign has 400,000 calls');
  await expect(note).toContainText('only the last 30 days are loaded');
  await expect(page.getByLabel('Calls loaded')).toHaveValue('30d');
  await expect(page.locator('.scope-control__size')).toHaveText('of 400,000');
  const shown = await settlesAt(page, since(opened - 30 * DAY));
  expect(shown).toBeLessThan(3000);
  // The scope went to the server: no window reached further back than the 30 days (and a margin).
  const log = await (await request.get(`${API}/__log`)).json();
  const starts = log.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/api/call?campaignId=c-vast'))
    .map((r) => new URL(r.path, API).searchParams.get('startDate')).filter(Boolean).map(Date.parse);
  expect(starts.length).toBeGreaterThan(0);
  expect(Math.min(...starts)).toBeGreaterThanOrEqual(opened - 30 * DAY - 60_000);
  await expect(page).not.toHaveURL(/scope=/);

  // Load everything: all 3,000, and the choice is in the URL.
  await note.getByRole('button', { name: 'Load everything' }).click();
  await expect(page).toHaveURL(/scope=all/);
  await loaded(page);
  await expect(count(page)).toHaveText('3,000 calls');
  await expect(note).toBeHidden();
  // The scope survives a reload.
  await page.reload();
  await loaded(page);
  await expect(count(page)).toHaveText('3,000 calls');
  await expect(page.getByLabel('Calls loaded')).toHaveValue('all');
});

test('the scope menu and the date filter widen or narrow what is loaded', async ({ page }) => {
  const opened = Date.now();
  await page.goto(`${SITE}/campaigns/c-vast?scope=7d`);
  await loaded(page);
  const seven = since(opened - 7 * DAY);
  await settlesAt(page, seven);
  expect(seven).toBeLessThan(since(opened - 30 * DAY));
  await page.getByLabel('Calls loaded').selectOption('90d');
  await expect(page).toHaveURL(/scope=90d/);
  await loaded(page);
  await expect(count(page)).toHaveText('3,000 calls');

  // Back to the automatic 30 days, then a date filter reaching 60 days back offers to load them.
  await page.goto(`${SITE}/campaigns/c-vast`);
  await loaded(page);
  await page.getByRole('button', { name: /^Filters/ }).click();
  const from = new Date(opened - 60 * DAY).toISOString().slice(0, 10);
  await page.getByLabel('From').fill(from);
  await page.getByLabel('From').dispatchEvent('change');
  const widen = page.locator('.scope-control__widen');
  await expect(widen).toContainText('Only calls of the last 30 days are loaded.');
  await widen.getByRole('button', { name: new RegExp(`^Load ${from} to `) }).click();
  await expect(page).toHaveURL(new RegExp(`scope=${from}\\.\\.`));
  await loaded(page);
  await expect(widen).toBeHidden();
  const dayStart = Date.parse(`${from}T00:00:00Z`) + new Date(`${from}T12:00:00Z`).getTimezoneOffset() * 60_000;
  // "N of M calls": M are loaded (from that day on), N pass the date filter.
  const held = await settlesAt(page, since(dayStart));
  expect(held).toBeGreaterThan(since(opened - 30 * DAY));
});
