// Every page and state people see, checked by axe-core (WCAG 2.1 A and AA) at desktop and phone widths.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, demo } from './fixtures.mjs';
import { API_KEY } from './fake-api.mjs';

const BASE = 'http://127.0.0.1:4173';
const { callsOf } = demo();
const spring = callsOf('cmp-spring-renewals');
const reason = (c) => c.endedReason ?? c.EndedReason;
const recorded = spring.find((c) => reason(c) === 'assistant-forwarded-call' && c.artifact?.recordingUrl);
const unlisted = spring.find((c) => reason(c) === 'pipeline-error-openai-llm-failed');

const pages = [
  ['campaigns', `${BASE}/campaigns`, '.campaign-card'],
  ['records', `${BASE}/campaigns/cmp-spring-renewals`, '.record-row'],
  ['record', `${BASE}/campaigns/cmp-spring-renewals/calls/${recorded.id}`, '.transcript'],
  ['unlisted record', `${BASE}/campaigns/cmp-spring-renewals/calls/${unlisted.id}`, '.end-reason-details__support'],
  ['not found', `${BASE}/nowhere`, 'h1'],
];

async function audit(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

for (const scheme of ['light', 'dark']) {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    test.describe(`${scheme}, ${width}px`, () => {
      test.use({ viewport: { width, height }, colorScheme: scheme });
      for (const [name, url, ready] of pages) {
        test(`${name} has no accessibility violations`, async ({ page, consoleErrors }) => {
          consoleErrors.allow(/status of 404/);
          await page.goto(url);
          await page.locator(ready).first().waitFor();
          expect(await audit(page)).toEqual([]);
        });
      }
    });
  }
}

test('search, filters, chart, export menu and a record opened from a search have no accessibility violations', async ({ page }) => {
  await page.goto(`${BASE}/campaigns/cmp-spring-renewals?q=renew&sort=longest`);
  await page.locator('.record-row mark').first().waitFor();
  await page.getByRole('button', { name: 'Filters', exact: true }).click();
  await page.getByRole('button', { name: 'Charts', exact: true }).click();
  await page.locator('.export > summary').click();
  await page.locator('.list-tools .breakdown__bar').first().waitFor();
  expect(await audit(page)).toEqual([]);
  await page.locator('.record-row').first().click();
  await page.locator('.transcript').waitFor();
  expect(await audit(page)).toEqual([]);
});

test('the settings dialog and an error panel have no accessibility violations', async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 500/);
  await page.addInitScript((key) => sessionStorage.setItem('call-records.api-key', key), API_KEY);
  await page.goto('http://127.0.0.1:4174/campaigns/c-500');
  await page.getByRole('alert').waitFor();
  expect(await audit(page)).toEqual([]);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog').waitFor();
  expect(await audit(page)).toEqual([]);
});
