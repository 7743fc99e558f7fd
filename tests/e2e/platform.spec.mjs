// What the platform writes onto a call, as a reviewer sees it: the outcome and collected data, tool calls
// at their turns, response times, cost by part; in the list, outcome badges, the outcome and collected-
// field filters, and the trends chart whose days filter the list. On the demo and on the fake Atlas API
// (table entities sending all of it as JSON strings); axe on the new parts in both themes and widths.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, demo, visibleRows, expectCallCount, expectLoaded, readAllRows } from './fixtures.mjs';
import { API_KEY } from './fake-api.mjs';

const BASE = 'http://127.0.0.1:4173';
const SITE = 'http://127.0.0.1:4174';
const { callsOf } = demo();
const spring = callsOf('cmp-spring-renewals');
const renewed = spring.find((c) => c.analysis?.structuredData?.renewed === true);
const evaluated = spring.filter((c) => c.analysis?.successEvaluation !== undefined);

async function audit(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('a demo record shows its outcome, collected data, tool call, response times and cost by part', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/cmp-spring-renewals/calls/${renewed.id}`);
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome.locator('.outcome-badge')).toHaveText(/Goal met/);
  const fields = outcome.locator('.call-outcome__fields');
  await expect(fields.getByRole('row', { name: /Monthly premium/ })).toContainText('42');
  await expect(fields.getByRole('row', { name: /Renewed/ })).toContainText('Yes');
  const card = page.locator('.tool-call');
  await expect(card).toHaveCount(1);
  await expect(card.locator('.tool-call__name')).toHaveText('renew_policy');
  await expect(card.getByRole('row', { name: /Policy number/ })).toContainText(`HM-${renewed.id.slice(0, 6).toUpperCase()}`);
  await expect(card.locator('.tool-call__result')).toContainText('renewed');
  await expect(card.locator('.tool-call__took')).toHaveText(/took \d+ ms/);
  const latency = page.getByRole('region', { name: 'Response times' });
  await expect(latency.locator('.latency__figures')).toHaveText(/Median .* · p90 .* · slowest .* turns over 1\.5 s/);
  await latency.locator('summary').click();
  const rows = latency.locator('tbody tr');
  // Waited for: the table is drawn when the details open (a count taken at once raced it in CI).
  await expect(rows).toHaveCount(renewed.artifact.performanceMetrics.turnLatencies.length);
  await expect(latency.getByRole('columnheader', { name: 'Model' })).toBeVisible();
  await expect(page.locator('.call-details__fact', { hasText: 'Response time' })).toContainText('p90');
  await expect(page.locator('.cost-parts')).toContainText('Model');
  await expect(page.locator('.cost-parts')).toContainText('Characters spoken');
  // Slow turns are marked on the timeline, one per slow turn with a time.
  const slow = renewed.artifact.performanceMetrics.turnLatencies.filter((t) => t.turnLatency > 1500).length;
  await expect(page.locator('.timeline__slow')).toHaveCount(slow);
});

test('outcome badges, the outcome filter and a collected-field filter, kept in the URL', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/cmp-spring-renewals?success=yes`);
  await expectLoaded(page);
  const met = evaluated.filter((c) => c.analysis.successEvaluation === 'true');
  await expectCallCount(page, met.length);
  for (const row of await readAllRows(page)) expect(row.text).toContain('Goal met');
  await page.getByRole('button', { name: /^Filters/ }).click();
  await expect(page.getByLabel('Outcome')).toHaveValue('yes');
  await page.getByLabel('Outcome').selectOption('no');
  await expect(page).toHaveURL(/success=no/);
  await expectCallCount(page, evaluated.length - met.length);
  await page.getByLabel('Outcome').selectOption('');
  await page.getByLabel('Collected field').selectOption('callbackRequested');
  await expect(page).toHaveURL(/field=callbackRequested/);
  await page.getByLabel('Value').selectOption('true');
  await expect(page).toHaveURL(/value=true/);
  const callbacks = spring.filter((c) => c.analysis?.structuredData?.callbackRequested === true);
  expect(callbacks.length).toBeGreaterThan(0);
  await expectCallCount(page, callbacks.length);
  await page.reload();
  await expectCallCount(page, callbacks.length);
  // A numeric field is filtered by a range.
  await page.goto(`${BASE}/campaigns/cmp-spring-renewals?field=monthlyPremium&fmin=40`);
  await expectCallCount(page, spring.filter((c) => (c.analysis?.structuredData?.monthlyPremium ?? 0) >= 40).length);
});

test('the trends chart counts each day, and choosing a day shows exactly its calls', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/cmp-spring-renewals`);
  await expectLoaded(page);
  const overview = page.locator('.overview');
  await expect(overview.locator('.trends__figure', { hasText: 'Calls' })).toContainText(String(spring.length));
  const bars = overview.locator('.trends__bar');
  const count = await bars.count();
  expect(count).toBeGreaterThan(10);
  let total = 0;
  let chosen = null;
  for (let i = 0; i < count; i += 1) {
    const label = await bars.nth(i).getAttribute('aria-label');
    const n = Number(/: (\d+) calls?/.exec(label)?.[1] ?? 0);
    total += n;
    if (n >= 2 && !chosen) chosen = { i, n };
  }
  expect(total).toBe(spring.length);
  await bars.nth(chosen.i).click();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d/);
  await expectCallCount(page, chosen.n);
  await expect(bars.nth(chosen.i)).toHaveAttribute('aria-pressed', 'true');
  await expect(bars).toHaveCount(count);
  await bars.nth(chosen.i).click();
  await expect(page).not.toHaveURL(/from=/);
  await expectCallCount(page, spring.length);
});

test('the fake Atlas API: entities with JSON strings show their outcome, data, tool call and figures', async ({ page }) => {
  await page.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
  await page.goto(`${SITE}/campaigns/c-platform`);
  await expectCallCount(page, 3);
  await expect(visibleRows(page).filter({ hasText: 'Dana Data' })).toContainText('Goal met');
  await expect(visibleRows(page).filter({ hasText: 'Eli Entity' })).toContainText('Goal not met');
  await page.goto(`${SITE}/campaigns/c-platform?field=monthlyPremium&fmax=20`);
  await expectCallCount(page, 1);
  await expect(visibleRows(page)).toContainText('Eli Entity');
  await page.goto(`${SITE}/campaigns/c-platform/calls/pd-1001`);
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome.locator('.outcome-badge')).toHaveText(/Goal met/);
  // The schema's own casing, and markup as text.
  await expect(outcome.getByRole('row', { name: /^Plan/ })).toContainText('<b>Gold</b>');
  await expect(outcome.locator('b')).toHaveCount(0);
  await expect(outcome.getByRole('row', { name: /Address/ })).toContainText('Oslo');
  const card = page.locator('.tool-call');
  await expect(card.locator('.tool-call__name')).toHaveText('Atlas Actions');
  await expect(card.getByRole('row', { name: /Policy number/ })).toContainText('HM-1001');
  await expect(card.locator('.tool-call__result')).toContainText('RN-77');
  await expect(card.locator('.tool-call__took')).toHaveText('took 600 ms');
  await expect(page.locator('.latency__figures')).toHaveText(/slowest 2\.1 s · 1 of 2 turns over 1\.5 s/);
  await expect(page.locator('.cost-parts')).toContainText('Transcriber');
  await expect(page.locator('.timeline__slow')).toHaveCount(1);
});

for (const scheme of ['light', 'dark']) {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    test(`the outcome, tool call, response times and trends have no accessibility violations (${scheme}, ${width}px)`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${BASE}/campaigns/cmp-spring-renewals/calls/${renewed.id}`);
      await page.locator('.tool-call').waitFor();
      await page.locator('.latency summary').click();
      expect(await audit(page)).toEqual([]);
      await page.goto(`${BASE}/campaigns/cmp-spring-renewals`);
      await expectLoaded(page);
      await page.getByRole('button', { name: 'Charts', exact: true }).click();
      await page.getByRole('button', { name: 'Filters', exact: true }).click();
      await page.locator('.list-tools .trends__bar').first().waitFor();
      expect(await audit(page)).toEqual([]);
    });
  }
}

// A visually hidden label placed absolutely inside the record's pane once hung below it and gave the
// whole page a scrollbar: scrolling a turn into view then moved the page, not the pane.
test('on a desktop only the panes scroll, whichever record is open', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 640 });
  for (const call of [renewed, ...evaluated.slice(0, 3), spring[0]]) {
    await page.goto(`${BASE}/campaigns/cmp-spring-renewals/calls/${call.id}`);
    await expect(page.locator('.call-details')).toBeVisible();
    await page.waitForTimeout(200);
    const sizes = await page.evaluate(() => [document.documentElement.scrollHeight, innerHeight]);
    expect(sizes[0], `the page's height with ${call.id} open`).toBe(sizes[1]);
  }
});
