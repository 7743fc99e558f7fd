// The bundled demo, end to end: campaigns → records → one record (summary, transcript, recording,
// download, end reason) → back to the campaign; deep links; phone layout.
import { readFileSync } from 'node:fs';
import { test, expect, demo, expectCallCount, readAllRows } from './fixtures.mjs';

const BASE = 'http://127.0.0.1:4173';
const { campaigns, callsOf, recordingPath } = demo();
const spring = campaigns.find((c) => c.id === 'cmp-spring-renewals');
const springCalls = callsOf(spring.id);
const reasonOf = (call) => call.endedReason ?? call.EndedReason;
const recordingOf = (call) => call.artifact?.recordingUrl ?? call.recordingUrl;
// An answered call with a real recording and turns.
const recorded = springCalls.find((c) => reasonOf(c) === 'assistant-forwarded-call' && recordingOf(c));

test('campaigns list every demo campaign with its number of calls', async ({ page }) => {
  await page.goto(`${BASE}/`);
  await expect(page).toHaveURL(`${BASE}/campaigns`);
  await expect(page.getByRole('heading', { name: 'Campaigns' })).toBeVisible();
  for (const campaign of campaigns) {
    const card = page.getByRole('link', { name: new RegExp(campaign.name) });
    await expect(card).toBeVisible();
    await expect(card).toContainText(`${campaign.callCount} calls`);
  }
  await expect(page.getByText('Demo data')).toBeVisible();
});

test("a campaign's records are listed newest first with their labels", async ({ page }) => {
  await page.goto(`${BASE}/campaigns`);
  await page.getByRole('link', { name: new RegExp(spring.name) }).click();
  await expect(page).toHaveURL(`${BASE}/campaigns/${spring.id}`);
  await expect(page.getByRole('heading', { name: spring.name, level: 1 })).toBeVisible();
  await expectCallCount(page, springCalls.length);
  await expect(page.locator('.campaign-page__count')).toHaveText(`${springCalls.length} calls`);
  const rows = await readAllRows(page);
  expect(rows.map((r) => r.position)).toEqual(springCalls.map((_, i) => i + 1));
  const times = rows.map((r) => r.datetime).filter(Boolean);
  const sorted = [...times].sort().reverse();
  expect(times).toEqual(sorted);
  // The list is virtual: far fewer rows exist in the page than the campaign has.
  expect(await page.locator('.call-list__item').count()).toBeLessThan(springCalls.length);
  await page.locator('.call-list').evaluate((el) => { el.scrollTop = 0; });
  expect(rows.some((r) => r.text.includes('No answer'))).toBe(true);
  expect(rows.some((r) => r.text.includes('No end reason'))).toBe(true);
  await expect(page.getByText('Choose a call')).toBeVisible();
});

test('a record shows summary, transcript, end reason and plays its recording', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/${spring.id}`);
  await page.locator('.record-row', { hasText: recorded.customer.name }).click();
  await expect(page).toHaveURL(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}`);

  await expect(page.getByRole('heading', { name: 'Call summary' })).toBeVisible();
  await expect(page.getByText(recorded.analysis.summary)).toBeVisible();
  await expect(page.locator('.end-reason-details')).toContainText('Call transferred');
  await expect(page.locator('.end-reason-details')).toContainText('assistant-forwarded-call');
  await expect(page.locator('.call-details__id-value')).toHaveText(recorded.id);

  const spoken = recorded.artifact.messages.filter((m) => m.role === 'bot' || m.role === 'user');
  const turns = page.locator('.transcript__turn--agent, .transcript__turn--customer');
  await expect(turns).toHaveCount(spoken.length);
  for (const [i, message] of spoken.entries()) {
    await expect(turns.nth(i)).toContainText(message.message);
  }

  const audio = page.locator('audio');
  await expect(audio).toHaveAttribute('src', recordingOf(recorded));
  await expect.poll(() => audio.evaluate((a) => a.readyState), { message: 'audio loads' }).toBeGreaterThanOrEqual(1);
  const duration = await audio.evaluate((a) => a.duration);
  expect(duration).toBeGreaterThan(5);
  await audio.evaluate((a) => a.play());
  await expect.poll(() => audio.evaluate((a) => a.currentTime), { message: 'playback advances' }).toBeGreaterThan(0.3);

  // A turn's time seeks the recording to that turn.
  const third = spoken[2];
  await page.getByRole('button', { name: /^Play from / }).nth(2).click();
  await expect.poll(() => audio.evaluate((a) => a.currentTime)).toBeGreaterThanOrEqual(third.secondsFromStart - 0.05);
  await expect(turns.nth(2)).toHaveClass(/transcript__turn--active/);
});

test('download saves the recording bytes under a sensible name', async ({ page }) => {
  await page.addInitScript(() => {
    window.__blobUrls = { created: [], revoked: [] };
    const create = URL.createObjectURL.bind(URL);
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (blob) => { const url = create(blob); window.__blobUrls.created.push(url); return url; };
    URL.revokeObjectURL = (url) => { window.__blobUrls.revoked.push(url); revoke(url); };
  });
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}`);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`call-${recorded.id}.mp3`);
  const saved = readFileSync(await download.path());
  const original = readFileSync(recordingPath(recordingOf(recorded)));
  expect(saved.length).toBe(original.length);
  expect(saved.equals(original)).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'Saved as' })).toContainText(`call-${recorded.id}.mp3`);
  // The blob URL is revoked afterwards, and no download link is left in the page.
  await expect
    .poll(() => page.evaluate(() => window.__blobUrls), { timeout: 10_000 })
    .toEqual({ created: [expect.stringMatching(/^blob:/)], revoked: [expect.stringMatching(/^blob:/)] });
  const urls = await page.evaluate(() => window.__blobUrls);
  expect(urls.revoked[0]).toBe(urls.created[0]);
  expect(await page.locator('a[download]').count()).toBe(0);
});

test('Refresh loads the calls again without leaving the open call', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}`);
  await expectCallCount(page, springCalls.length);
  const reload = page.waitForRequest((r) => r.url().endsWith(`/demo/campaigns/${spring.id}/calls.json`));
  await page.getByRole('button', { name: 'Refresh' }).click();
  await reload;
  await expectCallCount(page, springCalls.length);
  await expect(page.getByText(recorded.analysis.summary)).toBeVisible();
  await expect(page).toHaveURL(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}`);
});

test('printing a record gives the record alone, with its campaign', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}`);
  await expect(page.getByText(recorded.analysis.summary)).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.record-row').first()).toBeHidden();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.locator('audio')).toBeHidden();
  await expect(page.getByText(`Campaign: ${spring.name}`)).toBeVisible();
  await expect(page.getByText(recorded.analysis.summary)).toBeVisible();
  await expect(page.locator('.transcript__turn--customer').first()).toBeVisible();
});

test('Open returns to the campaign', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}`);
  await page.getByRole('link', { name: /Open campaign/ }).click();
  await expect(page).toHaveURL(`${BASE}/campaigns/${spring.id}`);
  await expect(page.getByText('Choose a call')).toBeVisible();
});

test('deep links load and survive a reload', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}`);
  await expect(page.getByText(recorded.analysis.summary)).toBeVisible();
  await page.reload();
  await expect(page.getByText(recorded.analysis.summary)).toBeVisible();
  await expect(page.locator('.record-row[aria-current="page"]')).toContainText(recorded.customer.name);
  await page.goBack().catch(() => {});
  await page.goto(`${BASE}/campaigns/${spring.id}`);
  await page.reload();
  await expectCallCount(page, springCalls.length);
});

test('an unlisted code shows raw with a support link carrying the call ID', async ({ page }) => {
  const unlisted = springCalls.find((c) => reasonOf(c) === 'pipeline-error-openai-llm-failed');
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${unlisted.id}`);
  const details = page.locator('.end-reason-details');
  await expect(details.locator('.end-reason-badge')).toHaveText(/pipeline-error-openai-llm-failed/);
  const mail = page.getByRole('link', { name: /support@youratlas.com/ });
  await expect(mail).toHaveAttribute('href', new RegExp(`^mailto:support@youratlas.com\\?.*${unlisted.id}`));
});

test('records without a recording, summary or end reason say so', async ({ page }) => {
  const unanswered = springCalls.find((c) => reasonOf(c) === 'customer-did-not-answer');
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${unanswered.id}`);
  await expect(page.getByText('No recording: the call never connected (No answer).')).toBeVisible();
  await expect(page.getByText('No summary for this call.')).toBeVisible();
  await expect(page.getByText('No transcript for this call.')).toBeVisible();
  const running = springCalls.find((c) => c.status === 'in-progress');
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${running.id}`);
  await expect(page.locator('.end-reason-details')).toContainText('No end reason');
  await expect(page.getByText('No recording yet: the call is still in progress.')).toBeVisible();
});

test('a recording that is gone says so, and the rest of the record still works', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/Failed to load resource: the server responded with a status of 404/);
  const clinic = callsOf('cmp-clinic-reminders');
  const gone = clinic.find((c) => reasonOf(c) === 'assistant-ended-call');
  await page.goto(`${BASE}/campaigns/cmp-clinic-reminders/calls/${gone.id}`);
  await expect(page.getByRole('alert').filter({ hasText: 'The recording could not be loaded' })).toBeVisible();
  await page.getByRole('button', { name: 'Download' }).click();
  await expect(page.getByText(/The recording is no longer available/)).toBeVisible();
  await expect(page.getByText(gone.analysis.summary)).toBeVisible();
});

test('a call that does not exist gets a message and a way back', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 404/);
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/no-such-call`);
  await expect(page.getByRole('alert')).toContainText("We couldn't find this call");
  await expectCallCount(page, springCalls.length);
  await page.getByRole('link', { name: /Open campaign/ }).click();
  await expect(page).toHaveURL(`${BASE}/campaigns/${spring.id}`);
});

test('an unknown path offers the way home', async ({ page }) => {
  await page.goto(`${BASE}/no/such/page`);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to campaigns' }).click();
  await expect(page.getByRole('heading', { name: 'Campaigns' })).toBeVisible();
});

test('j and k move between calls, Escape closes the call, and the tab title follows', async ({ page }) => {
  const order = [...springCalls].sort((a, b) => (b.startedAt ?? b.createdAt).localeCompare(a.startedAt ?? a.createdAt));
  await page.goto(`${BASE}/campaigns/${spring.id}`);
  await expect(page).toHaveTitle(`${spring.name} · Call Records`);
  await expect(page.locator('.record-row').first()).toBeVisible();
  await page.keyboard.press('j');
  await expect(page).toHaveURL(`${BASE}/campaigns/${spring.id}/calls/${order[0].id}`);
  await page.keyboard.press('j');
  await expect(page).toHaveURL(`${BASE}/campaigns/${spring.id}/calls/${order[1].id}`);
  await expect(page.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(page).toHaveTitle(new RegExp(`· ${spring.name} · Call Records$`));
  await page.keyboard.press('k');
  await expect(page).toHaveURL(`${BASE}/campaigns/${spring.id}/calls/${order[0].id}`);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(`${BASE}/campaigns/${spring.id}`);
});

test('copy puts the call ID on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}`);
  await page.getByRole('button', { name: 'Copy call ID' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recorded.id);
});

test('a selected row deep in the list is scrolled into view after a reload', async ({ page }) => {
  const order = [...springCalls].sort((a, b) => (b.startedAt ?? b.createdAt).localeCompare(a.startedAt ?? a.createdAt));
  const last = order.at(-1);
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${last.id}`);
  await expect(page.locator('.record-row[aria-current="page"]')).toBeInViewport();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the record takes the whole screen and Open brings the list back', async ({ page }) => {
    await page.goto(`${BASE}/campaigns/${spring.id}`);
    await expect(page.getByText('Choose a call')).toBeHidden();
    await page.locator('.record-row', { hasText: recorded.customer.name }).click();
    await expect(page.getByText(recorded.analysis.summary)).toBeVisible();
    await expect(page.locator('.record-row').first()).toBeHidden();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: /Open campaign/ }).click();
    await expect(page.locator('.record-row').first()).toBeVisible();
  });
});

test('filters, sort and search are read from the URL, and Back restores their controls', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/${spring.id}?reason=group%3Acustomer&status=completed&sort=oldest&recording=yes&min=5`);
  await page.getByRole('button', { name: /^Filters/ }).click();
  // Search, sort; end reason, status, review, tag, outcome, collected field, recording, dates, durations,
  // number.
  const values = () => page.evaluate(() => [...document.querySelectorAll('.list-tools select, .list-tools input:not([type=file])')].map((e) => e.value));
  await expect.poll(values).toEqual(['', 'oldest', 'group:customer', 'completed', '', '', '', '', 'yes', '', '', '5', '', '']);
  // Every row shown is completed, ended for a customer reason, and lasted 5 s or more.
  const rows = await readAllRows(page);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.text).toMatch(/completed/i);
    expect(row.text).toMatch(/Customer ended call|Line busy|No answer/);
    expect(row.text).not.toMatch(/0:0[0-4]/);
  }
  await page.locator('.search-bar select').selectOption('longest');
  // Two choices within the URL's write delay (200 ms, after the paint) make one history entry; a person
  // is slower than that, and a loaded test machine may not be.
  await expect(page).toHaveURL(/sort=longest/);
  await page.locator('.list-filters select').nth(1).selectOption('');
  await expect(page).not.toHaveURL(/status=/);
  await expect.poll(values).toEqual(['', 'longest', 'group:customer', '', '', '', '', '', 'yes', '', '', '5', '', '']);
  await page.goBack();
  await expect.poll(values).toEqual(['', 'longest', 'group:customer', 'completed', '', '', '', '', 'yes', '', '', '5', '', '']);
  await page.goBack();
  await expect.poll(values).toEqual(['', 'oldest', 'group:customer', 'completed', '', '', '', '', 'yes', '', '', '5', '', '']);
});

test('a link to a moment (?t=) opens the call there, and the player copies one', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const spoken = recorded.artifact.messages.filter((m) => m.role === 'user' || m.role === 'bot');
  // A customer turn, and a moment a little inside it (before the next turn starts).
  const i = spoken.findIndex((m, k) => m.role === 'user' && k + 1 < spoken.length && spoken[k + 1].secondsFromStart - m.secondsFromStart > 1);
  const turn = spoken[i];
  const moment = Math.ceil(turn.secondsFromStart);
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}?t=${moment}`);
  const audio = page.locator('audio');
  await expect.poll(() => audio.evaluate((a) => a.currentTime)).toBeCloseTo(moment, 0);
  await expect(page.locator('.transcript__turn--active')).toContainText(turn.message);
  // The same moment in the other forms.
  const minutes = `0:${String(moment).padStart(2, '0')}`;
  await page.goto(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}?t=${minutes}`);
  await expect.poll(() => audio.evaluate((a) => a.currentTime)).toBeCloseTo(moment, 0);

  await audio.evaluate((a) => { a.currentTime = 3.4; });
  await page.getByRole('button', { name: 'Copy link to this moment' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(`${BASE}/campaigns/${spring.id}/calls/${recorded.id}?t=3`);
  const other = await context.newPage();
  await other.goto(link);
  await expect.poll(() => other.locator('audio').evaluate((a) => a.currentTime)).toBeCloseTo(3, 0);
});
