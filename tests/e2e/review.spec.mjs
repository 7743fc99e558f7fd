// Review at speed, on the demo's real recordings: the player's controls and speeds, skip silence, the
// keyboard, a transcript that follows, auto-advance, the customer's other calls and the shortcuts dialog.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, demo } from './fixtures.mjs';

const BASE = 'http://127.0.0.1:4173';
const SPRING = 'cmp-spring-renewals';
const { callsOf } = demo();
const spring = callsOf(SPRING);
const byId = (prefix) => spring.find((c) => c.id.startsWith(prefix));
const spokenOf = (call) => (call.artifact?.messages ?? []).filter((m) => m.role === 'bot' || m.role === 'user');
const recordUrl = (call, query = '') => `${BASE}/campaigns/${SPRING}/calls/${call.id}${query}`;
// The longest recorded call (48 s, 10 turns), and two calls to the same number written two ways.
const longest = byId('08f2c429');
const benAdler = byId('16df7dfa');
const jackMurphy = byId('33ad2150');

const audio = (page) => page.locator('audio');
const time = (page) => audio(page).evaluate((a) => a.currentTime);
const playing = (page) => audio(page).evaluate((a) => !a.paused);
/** Playback seconds per wall-clock second, measured in the page over `ms`. */
const rate = (page, ms = 1500) => audio(page).evaluate(async (a, ms) => {
  const t0 = a.currentTime;
  const w0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  return (a.currentTime - t0) / ((performance.now() - w0) / 1000);
}, ms);

async function openReady(page, url) {
  await page.goto(url);
  await expect.poll(() => audio(page).evaluate((a) => a.readyState)).toBeGreaterThanOrEqual(1);
}

async function audit(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('at 2× the recording runs about twice as fast, and the speed is kept on the next call and the next visit', async ({ page }) => {
  await openReady(page, recordUrl(longest));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => playing(page)).toBe(true);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  const normal = await rate(page);
  await page.getByLabel('Playback speed').selectOption('2');
  const fast = await rate(page);
  console.log(`playback rate: ${normal.toFixed(2)} s/s at 1×, ${fast.toFixed(2)} s/s at 2× (ratio ${(fast / normal).toFixed(2)})`);
  expect(fast / normal).toBeGreaterThan(1.6);
  expect(fast / normal).toBeLessThan(2.4);

  // The next call (j) plays at the same speed.
  await page.locator('#call-title').focus();
  await page.keyboard.press('j');
  await expect(page).not.toHaveURL(recordUrl(longest));
  await expect.poll(() => audio(page).evaluate((a) => a.readyState)).toBeGreaterThanOrEqual(1);
  await expect(page.getByLabel('Playback speed')).toHaveValue('2');
  expect(await audio(page).evaluate((a) => a.playbackRate)).toBe(2);
  // And so does the next visit.
  await page.reload();
  await expect(page.getByLabel('Playback speed')).toHaveValue('2');
  await expect.poll(() => audio(page).evaluate((a) => a.playbackRate)).toBe(2);
});

test('skip silence jumps a known gap between turns, and only when it is on', async ({ page }) => {
  // The first agent turn is cut to 1 s, so nobody speaks from 1.8 s until the customer at 5.4 s.
  const spoken = spokenOf(longest);
  const gapFrom = spoken[0].secondsFromStart + 1;
  const gapTo = spoken[1].secondsFromStart;
  await page.route(`**/demo/calls/${longest.id}.json`, async (route) => {
    const record = await (await route.fetch()).json();
    const first = record.artifact.messages.find((m) => m.role === 'bot');
    first.duration = 1000;
    first.endTime = first.time + 1000;
    await route.fulfill({ json: record });
  });
  await openReady(page, recordUrl(longest));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Off: the silence plays.
  await audio(page).evaluate((a, at) => { a.currentTime = at; }, gapFrom + 0.1);
  await page.waitForTimeout(700);
  expect(await time(page)).toBeLessThan(gapTo - 1);
  // On: it is jumped, to just before the customer's first word.
  await page.getByLabel('Skip silence').check();
  await audio(page).evaluate((a, at) => { a.currentTime = at; }, gapFrom + 0.1);
  await expect.poll(() => time(page), { timeout: 2000 }).toBeGreaterThan(gapTo - 0.5);
  expect(await time(page)).toBeLessThan(gapTo + 1.5);
});

test('back and forward, Space, the arrows, Shift+arrows and < > drive the player', async ({ page }) => {
  const spoken = spokenOf(longest);
  await openReady(page, recordUrl(longest));
  await page.locator('#call-title').focus();
  await page.keyboard.press(' ');
  await expect.poll(() => playing(page)).toBe(true);
  await page.keyboard.press(' ');
  await expect.poll(() => playing(page)).toBe(false);

  await audio(page).evaluate((a) => { a.currentTime = 20; });
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => time(page)).toBeCloseTo(15, 1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => time(page)).toBeCloseTo(25, 1);
  // Shift+→: the start of the next turn; Shift+←: back to the start of this one.
  const next = spoken.find((m) => m.secondsFromStart > 25.05);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => time(page)).toBeCloseTo(next.secondsFromStart, 1);
  await audio(page).evaluate((a, at) => { a.currentTime = at; }, next.secondsFromStart + 2);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => time(page)).toBeCloseTo(next.secondsFromStart, 1);
  // < and > step the speed.
  await page.keyboard.press('>');
  await expect(page.getByLabel('Playback speed')).toHaveValue('1.25');
  await page.keyboard.press('<');
  await page.keyboard.press('<');
  await expect(page.getByLabel('Playback speed')).toHaveValue('0.75');
  await expect.poll(() => audio(page).evaluate((a) => a.playbackRate)).toBe(0.75);

  // The buttons move 10 s.
  await audio(page).evaluate((a) => { a.currentTime = 20; });
  await page.getByRole('button', { name: 'Back 10 seconds' }).click();
  await expect.poll(() => time(page)).toBeCloseTo(10, 1);
  await page.getByRole('button', { name: 'Forward 10 seconds' }).click();
  await page.getByRole('button', { name: 'Forward 10 seconds' }).click();
  await expect.poll(() => time(page)).toBeCloseTo(30, 1);

  // The timeline keeps its own arrows, and typing in a field is never a shortcut.
  const timeline = page.getByRole('slider', { name: 'Timeline of who spoke when' });
  await timeline.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => time(page)).toBeCloseTo(0, 1);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => time(page)).toBeCloseTo(5, 1);
  // Who speaks at 5 s, from the record's own timings.
  const speaking = (at) => {
    const who = spoken.filter((m) => m.secondsFromStart <= at && at < m.secondsFromStart + m.duration / 1000);
    return who.length === 0 ? 'silence' : `${who[0].role === 'bot' ? 'agent' : 'customer'} speaking`;
  };
  await expect(timeline).toHaveAttribute('aria-valuetext', `0:05 of 0:48, ${speaking(5)}`);
  await page.keyboard.press('ArrowRight');
  await expect(timeline).toHaveAttribute('aria-valuetext', `0:10 of 0:48, ${speaking(10)}`);
  await page.keyboard.press('ArrowRight');
  await expect(timeline).toHaveAttribute('aria-valuetext', `0:15 of 0:48, ${speaking(15)}`);
  expect(speaking(15)).toBe('agent speaking');
  await page.getByRole('searchbox').fill('a b');
  expect(await playing(page)).toBe(false);
  // Clicking the timeline seeks there.
  const box = await timeline.locator('.timeline__tracks').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const duration = await audio(page).evaluate((a) => a.duration);
  await expect.poll(() => time(page)).toBeCloseTo(duration / 2, 0);
});

test.describe('on a short screen', () => {
  test.use({ viewport: { width: 1280, height: 640 } });
  test('the transcript follows playback, pauses on a manual scroll, and Follow playback resumes it', async ({ page }) => {
    const spoken = spokenOf(longest);
    const last = spoken[spoken.length - 1];
    await openReady(page, recordUrl(longest));
    const turns = page.locator('.transcript__turn--agent, .transcript__turn--customer');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await audio(page).evaluate((a, at) => { a.currentTime = at; }, last.secondsFromStart + 0.1);
    await expect(turns.last()).toHaveClass(/transcript__turn--active/);
    await expect(turns.last()).toBeInViewport({ ratio: 1 });
    // The player stays in view above it.
    await expect(page.getByRole('slider', { name: 'Timeline of who spoke when' })).toBeInViewport();

    // A scroll by hand lets go.
    await page.mouse.move(900, 500);
    await page.mouse.wheel(0, -3000);
    const follow = page.getByRole('button', { name: 'Follow playback' });
    await expect(follow).toBeVisible();
    await audio(page).evaluate((a, at) => { a.currentTime = at; }, spoken[0].secondsFromStart + 0.1);
    await expect(turns.first()).toHaveClass(/transcript__turn--active/);
    await audio(page).evaluate((a, at) => { a.currentTime = at; }, last.secondsFromStart + 0.1);
    await expect(turns.last()).toHaveClass(/transcript__turn--active/);
    await page.waitForTimeout(300);
    await expect(turns.last()).not.toBeInViewport();
    // Follow playback brings it back.
    await follow.click();
    await expect(turns.last()).toBeInViewport({ ratio: 1 });
    await expect(follow).toBeHidden();
  });
});

test('auto-advance plays the next call of the filtered view that has a recording, and stops at its end', async ({ page }) => {
  const reason = 'assistant-ended-call-with-hangup-task';
  const inView = spring
    .filter((c) => (c.endedReason ?? c.EndedReason) === reason)
    .sort((a, b) => (b.startedAt ?? b.createdAt).localeCompare(a.startedAt ?? a.createdAt));
  const withRecording = inView.filter((c) => c.artifact?.recordingUrl);
  // Two with a recording (and one without, newer, that the view also shows).
  expect(withRecording).toHaveLength(2);
  const [first, second] = withRecording;
  const query = `?reason=${reason}`;
  await openReady(page, recordUrl(first, query));
  await page.getByLabel('Auto-advance').check();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => playing(page)).toBe(true);
  await audio(page).evaluate((a) => { a.currentTime = a.duration - 0.4; });
  await expect(page).toHaveURL(recordUrl(second, query));
  await expect(page.locator('.record-row[aria-current="page"]')).toContainText(second.customer.name);
  await expect.poll(() => time(page)).toBeGreaterThan(0.3);
  expect(await playing(page)).toBe(true);
  // The last call with a recording of the view: auto-advance stops and says so.
  await audio(page).evaluate((a) => { a.currentTime = a.duration - 0.4; });
  await expect(page.getByText('Auto-advance stopped')).toBeVisible();
  await expect(page).toHaveURL(recordUrl(second, query));
});

test('other calls to this number link both ways, and filter the list by the number', async ({ page }) => {
  expect(jackMurphy.customer.number).not.toBe(benAdler.customer.number);
  await page.goto(recordUrl(benAdler));
  const section = page.getByRole('region', { name: /Other calls to this number/ });
  await expect(section.getByRole('heading')).toHaveText('Other calls to this number (1)');
  await section.getByRole('link').click();
  await expect(page).toHaveURL(recordUrl(jackMurphy));
  await expect(page.getByRole('heading', { name: /Other calls to this number \(1\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Show them in the list' }).click();
  await expect(page).toHaveURL(/[?&]number=/);
  await expect(page.locator('.campaign-page__count')).toHaveText(`2 of ${spring.length} calls`);
  await expect(page.locator('.call-list__item:not([hidden]) .record-row')).toHaveCount(2);
  // The filter is a field like the others, and survives a reload.
  await page.reload();
  await expect(page.locator('.campaign-page__count')).toHaveText(`2 of ${spring.length} calls`);
});

test('? lists every shortcut in a dialog that Escape closes, leaving the call open', async ({ page }) => {
  await openReady(page, recordUrl(longest));
  await page.locator('#call-title').focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const keys of ['Space', 'Shift + ← / →', '< / >', 'j / k', '?']) {
    await expect(dialog.getByText(keys, { exact: true })).toBeVisible();
  }
  expect(await audit(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(recordUrl(longest));
  // The player's button opens it too.
  await page.getByRole('button', { name: /Shortcuts/ }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

for (const scheme of ['light', 'dark']) {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    test(`the record page with every new control has no accessibility violations (${scheme}, ${width}px)`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${recordUrl(benAdler)}?q=policy`);
      await page.getByRole('slider', { name: 'Timeline of who spoke when' }).waitFor();
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.mouse.move(width / 2, height / 2);
      await page.mouse.wheel(0, 400);
      await page.getByRole('button', { name: 'Follow playback' }).waitFor();
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      expect(await audit(page)).toEqual([]);
      // A call without a recording: the timeline is a picture.
      const silent = spring.find((c) => !c.artifact?.recordingUrl && spokenOf(c).length > 0);
      if (silent) {
        await page.goto(recordUrl(silent));
        await page.getByRole('img', { name: /Who spoke when/ }).waitFor();
        expect(await audit(page)).toEqual([]);
      }
    });
  }
}
