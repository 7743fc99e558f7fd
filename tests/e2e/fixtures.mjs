// Shared test setup: every test fails on a console error or uncaught exception it did not expect.
import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { expect };

export const test = base.extend({
  consoleErrors: [
    async ({ page }, use) => {
      const errors = [];
      const allowed = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      // Every page a test visits is watched for Content-Security-Policy violations.
      const violations = [];
      await page.exposeFunction('__reportCspViolation', (v) => violations.push(v));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      const allowedViolations = [];
      await use({
        allow: (pattern) => allowed.push(pattern),
        allowViolation: (pattern) => allowedViolations.push(pattern),
      });
      const unexpected = errors.filter((text) => !allowed.some((pattern) => pattern.test(text)));
      expect(unexpected, 'console errors on the page').toEqual([]);
      const unexpectedViolations = violations.filter((v) => !allowedViolations.some((p) => p.test(v)));
      expect(unexpectedViolations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The bundled demo as files, so tests pick records by what they hold rather than by hard-coded IDs. */
export function demo() {
  const dir = path.join(root, 'public', 'demo');
  const read = (file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const campaigns = read('campaigns.json').value;
  const callsOf = (id) => read(`campaigns/${id}/calls.json`).value;
  const recordingPath = (url) => path.join(root, 'public', url);
  return { campaigns, callsOf, recordingPath };
}

/** The rows the list shows now (the list keeps a few spare row elements hidden, for reuse). */
export const visibleRows = (page) => page.locator('.call-list__item:not([hidden]) .record-row');

/** The list holds `count` calls (the list is virtual, so the DOM holds only those in view). */
export async function expectCallCount(page, count) {
  await expect(page.locator('.call-list__item').first()).toHaveAttribute('aria-setsize', String(count));
}

/**
 * Every row of the virtual list, in order, scrolled through a screen at a time: { position, text, datetime }.
 * For lists of up to a few hundred rows; larger ones are checked through the CSV export instead.
 */
export async function readAllRows(page) {
  const list = page.locator('.call-list');
  const rows = new Map();
  await list.evaluate((el) => { el.scrollTop = 0; });
  for (;;) {
    await page.waitForTimeout(50);
    const seen = await page.locator('.call-list__item:not([hidden])').evaluateAll((items) => items.map((li) => ({
      position: Number(li.getAttribute('aria-posinset')),
      text: li.textContent,
      datetime: li.querySelector('time')?.getAttribute('datetime') ?? null,
    })));
    for (const row of seen) rows.set(row.position, row);
    const done = await list.evaluate((el) => {
      const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight;
      return atEnd;
    });
    if (done) break;
  }
  return [...rows.values()].sort((a, b) => a.position - b.position);
}

/** Waits until a campaign's load is over: its page is there, and its progress bar is gone. (The page is
 *  built a task after the app's frame, so "no progress bar" alone also holds before the load begins.) */
export async function expectLoaded(page, timeout = 30_000) {
  await expect(page.locator('.campaign-page')).toHaveCount(1, { timeout });
  await expect(page.locator('.load-progress__bar')).toHaveCount(0, { timeout });
}
