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
      await use({ allow: (pattern) => allowed.push(pattern) });
      const unexpected = errors.filter((text) => !allowed.some((pattern) => pattern.test(text)));
      expect(unexpected, 'console errors on the page').toEqual([]);
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
