// Review that leaves a trace, on the demo: verdicts, tags and notes at a moment (their marker on the timeline
// seeks), kept through a reload; the review keys; filters by review and tag in the URL; the queue to its end;
// marks exported, imported into a fresh profile, merged, refused; a full quota and a refused database; axe on
// the review panel in both themes and widths.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { test, expect, demo, readAllRows } from './fixtures.mjs';

const BASE = 'http://127.0.0.1:4173';
const SPRING = 'cmp-spring-renewals';
const { callsOf } = demo();
const spring = callsOf(SPRING);
const byId = (prefix) => spring.find((c) => c.id.startsWith(prefix));
// The longest recorded call (48 s), and another with a recording.
const longest = byId('08f2c429');
const other = spring.find((c) => c.id !== longest.id && c.artifact?.recordingUrl);
const recordUrl = (call, query = '') => `${BASE}/campaigns/${SPRING}/calls/${call.id}${query}`;
// The rows drawn (the list is virtual: fine for views shorter than a screen; longer ones are read whole).
const shown = (page) => page.locator('.call-list__item:not([hidden])');
const names = (page) => page.locator('.call-list__item:not([hidden]) .record-row__name').allTextContents();
const panel = (page) => page.getByRole('region', { name: 'Review' });
const verdict = (page, name) => panel(page).getByRole('group', { name: 'Verdict' }).getByRole('button', { name });

async function openRecord(page, call, query = '') {
  await page.goto(recordUrl(call, query));
  await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
  // The campaign's marks are read from the store once it is open.
  await expect.poll(() => page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).toContain('call-records');
}

async function audit(page) {
  const results = await new AxeBuilder({ page }).include('.review-panel')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('a verdict, a tag and a note at a moment are kept through a reload, and the note marks the timeline and its turn', async ({ page }) => {
  await openRecord(page, longest, '?t=20');
  // The player and the review panel are in view as the record opens, at 1280×800.
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const part of [page.getByRole('button', { name: 'Play', exact: true }), verdict(page, /Needs attention/)]) {
    const box = await part.boundingBox();
    expect(box.y + box.height, 'in the first screen').toBeLessThanOrEqual(800);
  }
  await verdict(page, /Needs attention/).click();
  await expect(verdict(page, /Needs attention/)).toHaveAttribute('aria-pressed', 'true');
  await expect(panel(page).getByRole('checkbox', { name: /Reviewed/ })).toBeChecked();
  await panel(page).getByLabel('Add a tag').fill('  Wrong  Number ');
  await panel(page).getByRole('button', { name: 'Add', exact: true }).click();
  await expect(panel(page).getByRole('list', { name: 'Tags' })).toContainText('wrong number');
  await panel(page).getByRole('textbox', { name: 'Write a note' }).fill('Asked about the <b>garage</b> twice');
  await expect(panel(page).getByRole('checkbox', { name: 'At 0:20' })).toBeChecked();
  await panel(page).getByRole('button', { name: 'Add note' }).click();
  const note = panel(page).getByRole('list', { name: 'Notes', exact: true }).getByRole('listitem');
  await expect(note).toHaveCount(1);
  // Text stays text.
  await expect(note).toContainText('Asked about the <b>garage</b> twice');

  await page.reload();
  await expect(verdict(page, /Needs attention/)).toHaveAttribute('aria-pressed', 'true');
  await expect(panel(page).getByRole('list', { name: 'Tags' })).toContainText('wrong number');
  await expect(panel(page).getByRole('list', { name: 'Notes', exact: true })).toContainText('0:20');
  // In the transcript, at the turn spoken at 0:20.
  await expect(page.locator('.transcript__note')).toHaveText(/Note at 0:20.*garage/);
  // On the timeline: its marker seeks there.
  await page.locator('audio').evaluate((a) => { a.currentTime = 2; });
  await page.getByRole('group', { name: 'Notes on the timeline' }).getByRole('button', { name: /Note at 0:20/ }).click();
  await expect.poll(() => page.locator('audio').evaluate((a) => Math.round(a.currentTime))).toBe(20);
  // In the panel: the note's moment is a link to the record there (?t=), which seeks in place.
  const link = panel(page).getByRole('link', { name: 'Play from 0:20' });
  await expect(link).toHaveAttribute('href', new RegExp(`/calls/${longest.id}\\?t=20$`));
  await page.locator('audio').evaluate((a) => { a.currentTime = 2; });
  await link.click();
  await expect.poll(() => page.locator('audio').evaluate((a) => Math.round(a.currentTime))).toBe(20);
  // In the list: the row shows the verdict, tag and note.
  const row = page.locator('.record-row[aria-current="page"]');
  await expect(row).toContainText('Needs attention');
  await expect(row).toContainText('wrong number');
  await expect(row).toContainText('1 note');
});

test('the review keys give verdicts, toggle reviewed and focus the fields; never while typing; the ? dialog lists them', async ({ page }) => {
  await openRecord(page, other);
  await page.keyboard.press('3');
  await expect(verdict(page, /Bad/)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('1');
  await expect(verdict(page, /Good/)).toHaveAttribute('aria-pressed', 'true');
  await expect(verdict(page, /Bad/)).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('0');
  await expect(verdict(page, /Good/)).toHaveAttribute('aria-pressed', 'false');
  const reviewed = panel(page).getByRole('checkbox', { name: /Reviewed/ });
  await expect(reviewed).toBeChecked();
  await page.keyboard.press('r');
  await expect(reviewed).not.toBeChecked();
  await page.keyboard.press('t');
  await expect(panel(page).getByLabel('Add a tag')).toBeFocused();
  // Typing a digit into the tag field is typing.
  await page.keyboard.type('2nd call');
  await expect(verdict(page, /Needs attention/)).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('list', { name: 'Tags' })).toContainText('2nd call');
  await page.keyboard.press('Escape');
  await page.keyboard.press('n');
  await expect(panel(page).getByRole('textbox', { name: 'Write a note' })).toBeFocused();
  await page.keyboard.type('Typed with the keyboard');
  await page.keyboard.press('Control+Enter');
  await expect(panel(page).getByRole('list', { name: 'Notes', exact: true })).toContainText('Typed with the keyboard');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const keys of ['1 / 2 / 3', 'r', 't', 'n', '0']) {
    await expect(dialog.getByRole('rowheader', { name: keys, exact: true })).toBeVisible();
  }
});

test('filters by review and tag live in the URL, survive a reload, and count in the chart', async ({ page }) => {
  await openRecord(page, longest);
  await page.keyboard.press('1');
  await panel(page).getByLabel('Add a tag').fill('callback');
  await panel(page).getByRole('button', { name: 'Add', exact: true }).click();
  await openRecord(page, other);
  await page.keyboard.press('3');
  await page.goto(`${BASE}/campaigns/${SPRING}`);
  await page.getByRole('button', { name: /^Filters/ }).click();
  // End reason, status, review, tag.
  await page.locator('.list-filters select').nth(2).selectOption('good');
  await expect(page).toHaveURL(/review=good/);
  await expect(shown(page)).toHaveCount(1);
  await page.reload();
  await expect(shown(page)).toHaveCount(1);
  await expect(shown(page)).toContainText('Good');
  await page.goto(`${BASE}/campaigns/${SPRING}?review=reviewed`);
  await expect(shown(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Charts', exact: true }).click();
  const bars = await page.locator('#list-chart').getByRole('button').allTextContents();
  const total = bars.map((t) => Number(t.match(/(\d+)\s*$/)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
  expect(total, 'the chart counts the two reviewed calls').toBe(2);
  // The CSV of the view carries the review.
  await page.getByText('Export', { exact: true }).click();
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: /^CSV of the/ }).click();
  const csv = readFileSync(await (await saving).path(), 'utf8');
  expect(csv).toContain(`${longest.id},`);
  expect(csv).toMatch(/,good,yes,callback,,(Unnamed reviewer),\d{4}-/);
  expect(csv).toMatch(/,bad,yes,,,(Unnamed reviewer),\d{4}-/);
  await page.goto(`${BASE}/campaigns/${SPRING}?tag=callback`);
  await expect(shown(page)).toHaveCount(1);
  await page.goto(`${BASE}/campaigns/${SPRING}?review=unreviewed`);
  await expect(shown(page).first()).toBeVisible();
  expect((await readAllRows(page)).length).toBe(spring.length - 2);
});

test('a queue of a seeded sample walks its unreviewed calls with j and says when it is done, with the counts', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/${SPRING}`);
  await page.locator('.record-row').first().waitFor();
  await page.locator('summary', { hasText: 'Review these' }).click();
  await page.getByRole('radio', { name: 'A random number of calls' }).check();
  const form = page.locator('.queue-start__menu');
  await form.getByLabel('Calls', { exact: true }).fill('4');
  await form.getByLabel('Seed').fill('1234');
  await page.getByRole('button', { name: 'Start reviewing' }).click();
  await expect(page).toHaveURL(/queue=4&seed=1234/);
  const bar = page.getByRole('region', { name: 'Review queue' });
  await expect(bar).toContainText('0 of 4 reviewed');
  const queued = await names(page);
  expect(queued).toHaveLength(4);
  // The same link gives the same calls.
  await page.reload();
  await expect.poll(() => names(page)).toEqual(queued);
  await bar.getByRole('button', { name: 'Next to review' }).click();
  for (let i = 0; i < 4; i += 1) {
    await expect(page.getByRole('heading', { name: 'Review' })).toBeVisible();
    await expect(panel(page).getByRole('checkbox', { name: /Reviewed/ })).not.toBeChecked();
    await page.locator('.call-details__title').focus();
    await page.keyboard.press(i === 3 ? '3' : '1');
    if (i < 3) {
      await expect(bar).toContainText(`${i + 1} of 4 reviewed`);
      await page.keyboard.press('j');
    }
  }
  await expect(bar).toContainText('Queue done: all 4 reviewed. Good 3 · Needs attention 0 · Bad 1');
  // Parts split the sample: part 1 and part 2 of 2 hold 2 calls each, none in both.
  const partOf = async (part) => {
    await page.goto(`${BASE}/campaigns/${SPRING}?queue=4&seed=1234&part=${part}of2`);
    await expect(bar).toContainText('Queue done: all 2 reviewed');
    return names(page);
  };
  const [one, two] = [await partOf(1), await partOf(2)];
  expect(one.length + two.length).toBe(4);
  expect(one.filter((n) => two.includes(n))).toEqual([]);
  expect([...one, ...two].sort()).toEqual([...queued].sort());
});

test('marks exported from one profile import into a fresh one; a second file merges; another version is refused', async ({ page, browser }) => {
  await openRecord(page, longest, '?t=12');
  await page.keyboard.press('2');
  await panel(page).getByRole('textbox', { name: 'Write a note' }).fill('From the first reviewer');
  await panel(page).getByRole('button', { name: 'Add note' }).click();
  await page.getByText('Marks', { exact: true }).click();
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: "Export this campaign's marks" }).click();
  const file = await (await saving).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported).toMatchObject({ format: 'call-records-marks', version: 1, campaigns: [{ campaignId: SPRING }] });
  expect(exported.campaigns[0].calls[longest.id].verdict.value).toBe('needs-attention');

  const fresh = await browser.newContext();
  const second = await fresh.newPage();
  await second.goto(`${BASE}/campaigns/${SPRING}`);
  await second.locator('.record-row').first().waitFor();
  await second.locator('input[type=file][aria-label="Import marks"]').setInputFiles(file);
  await expect(second.getByRole('status').filter({ hasText: 'Imported marks for 1 call: 1 newly marked' })).toBeVisible();
  await second.goto(recordUrl(longest));
  await expect(second.getByRole('group', { name: 'Verdict' }).getByRole('button', { name: /Needs attention/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(second.getByRole('list', { name: 'Notes', exact: true })).toContainText('From the first reviewer');
  // The second reviewer changes the verdict later, and adds a note: merged back into the first profile.
  await second.keyboard.press('1');
  await second.getByRole('textbox', { name: 'Write a note' }).fill('From the second reviewer');
  await second.getByRole('button', { name: 'Add note' }).click();
  await second.getByText('Marks', { exact: true }).click();
  const saving2 = second.waitForEvent('download');
  await second.getByRole('button', { name: "Export every campaign's marks" }).click();
  const file2 = test.info().outputPath('marks-second.json');
  await (await saving2).saveAs(file2);
  await fresh.close();

  await page.locator('input[type=file][aria-label="Import marks"]').setInputFiles(file2);
  await expect(page.getByRole('status').filter({ hasText: '1 updated' })).toBeVisible();
  await expect(verdict(page, /Good/)).toHaveAttribute('aria-pressed', 'true');
  await expect(panel(page).getByRole('list', { name: 'Notes', exact: true }).getByRole('listitem')).toHaveCount(2);

  const newer = { ...exported, version: 2 };
  await page.locator('input[type=file][aria-label="Import marks"]').setInputFiles({
    name: 'marks-v2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(newer)),
  });
  await expect(page.getByRole('status').filter({ hasText: 'This marks file is version 2' })).toBeVisible();
  const elsewhere = { ...exported, campaigns: [{ ...exported.campaigns[0], campaignId: 'cmp-elsewhere' }] };
  await page.locator('input[type=file][aria-label="Import marks"]').setInputFiles({
    name: 'marks-other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(elsewhere)),
  });
  await expect(page.getByRole('status').filter({ hasText: 'another campaign (cmp-elsewhere)' })).toBeVisible();
});

test("the demo's sample marks import at once, and Forget review data clears them after a confirmation", async ({ page }) => {
  await page.goto(`${BASE}/campaigns/${SPRING}`);
  await page.locator('.record-row').first().waitFor();
  await page.getByText('Marks', { exact: true }).click();
  await page.getByRole('button', { name: "Import the demo's sample marks" }).click();
  await expect(page.getByRole('status').filter({ hasText: /Imported marks for 6 calls/ })).toBeVisible();
  await page.goto(`${BASE}/campaigns/${SPRING}?review=reviewed`);
  await expect(shown(page)).toHaveCount(6);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Your name').fill('Dana');
  await page.getByLabel('Your name').press('Tab');
  await expect(page.getByText('18 calls have marks on this browser.')).toBeVisible();
  await page.getByRole('button', { name: 'Forget review data…' }).click();
  await page.getByRole('button', { name: 'Forget them' }).click();
  await expect(page.getByText('Review data forgotten')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('No calls match')).toBeVisible();
  // The name signs the next mark.
  await openRecord(page, longest);
  await page.keyboard.press('1');
  await expect(panel(page)).toContainText('Last change by Dana');
});

test('two tabs marking the same call keep both changes, and each shows the other\'s at once', async ({ page, context }) => {
  await openRecord(page, longest);
  // The second tab opens the record before the first tags it: its copy of the marks is older.
  const second = await context.newPage();
  await second.goto(recordUrl(longest));
  await expect(second.getByRole('heading', { name: 'Review' })).toBeVisible();
  await panel(page).getByLabel('Add a tag').fill('from the first tab');
  await panel(page).getByRole('button', { name: 'Add', exact: true }).click();
  await expect(panel(page).getByRole('list', { name: 'Tags' })).toContainText('from the first tab');
  await second.locator('.call-details__title').focus();
  await second.keyboard.press('3');
  await expect(second.getByRole('group', { name: 'Verdict' }).getByRole('button', { name: /Bad/ })).toHaveAttribute('aria-pressed', 'true');
  // The first tab hears of it (BroadcastChannel) and shows it without a reload; the second, the tag.
  await expect(verdict(page, /Bad/)).toHaveAttribute('aria-pressed', 'true');
  await expect(second.getByRole('list', { name: 'Tags' })).toContainText('from the first tab');
  await second.close();
  await page.reload();
  await expect(verdict(page, /Bad/)).toHaveAttribute('aria-pressed', 'true');
  await expect(panel(page).getByRole('list', { name: 'Tags' })).toContainText('from the first tab');
});

test('a full quota and a refused database are said in the panel, and the page goes on', async ({ page, consoleErrors }) => {
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function put() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await openRecord(page, longest);
  await page.keyboard.press('1');
  await expect(panel(page).getByRole('alert')).toContainText('storage for this site is full');
  // The mark still shows, and the player still plays.
  await expect(verdict(page, /Good/)).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => page.locator('audio').evaluate((a) => a.currentTime)).toBeGreaterThan(0);

  const refused = await page.context().newPage();
  await refused.addInitScript(() => {
    IDBFactory.prototype.open = function open() { throw new DOMException('The user denied permission.', 'SecurityError'); };
  });
  await refused.goto(recordUrl(longest));
  await expect(refused.getByRole('region', { name: 'Review' }).getByRole('alert')).toContainText('does not let this site keep data');
  await refused.keyboard.press('3');
  await expect(refused.getByRole('group', { name: 'Verdict' }).getByRole('button', { name: /Bad/ })).toHaveAttribute('aria-pressed', 'true');
  await refused.close();
});

for (const [theme, width] of [['light', 1280], ['dark', 1280], ['light', 390], ['dark', 390]]) {
  test(`the review panel passes axe in the ${theme} theme at ${width} px`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width, height: 844 });
    await openRecord(page, longest, '?t=5');
    await page.keyboard.press('2');
    await panel(page).getByLabel('Add a tag').fill('billing');
    await panel(page).getByRole('button', { name: 'Add', exact: true }).click();
    await panel(page).getByRole('textbox', { name: 'Write a note' }).fill('A note');
    await panel(page).getByRole('button', { name: 'Add note' }).click();
    expect(await audit(page)).toEqual([]);
  });
}
