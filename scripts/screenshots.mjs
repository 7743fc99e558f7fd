// Takes screenshots of the running site at desktop and phone widths, for looking at what we built.
//   node scripts/screenshots.mjs [base-url] [out-dir]
import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'screenshots';
export const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS,
  env: { ...process.env, HOME: mkdtempSync(path.join(os.tmpdir(), 'chromium-home-')) } });
const sizes = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 } },
  'desktop-dark': { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
};
for (const [name, { viewport, colorScheme = 'light' }] of Object.entries(sizes)) {
  const page = await browser.newPage({ viewport, colorScheme, deviceScaleFactor: 1 });
  page.on('console', (m) => m.type() === 'error' && console.log(`[${name}] console error: ${m.text()}`));
  await page.goto(`${base}/campaigns`);
  await page.getByRole('link', { name: /Spring Renewals/ }).waitFor();
  await page.screenshot({ path: `${out}/campaigns-${name}.png` });
  await page.getByRole('link', { name: /Spring Renewals/ }).click();
  await page.locator('.record-row').first().waitFor();
  await page.screenshot({ path: `${out}/records-${name}.png` });
  // Open the first answered call with a recording.
  await page.locator('.record-row', { hasText: 'Call transferred' }).first().click();
  await page.getByRole('heading', { name: 'Call transcript' }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/record-${name}.png` });
  // The panes scroll on their own, so a tall viewport shows the whole record.
  await page.setViewportSize({ width: viewport.width, height: 2400 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/record-${name}-full.png` });
  await page.close();
}

// The README's picture: a record opened from a search, mid-call, with the player and its timeline held
// at the top of the pane and the spoken turn followed in the transcript.
const readme = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
await readme.goto(`${base}/campaigns/cmp-spring-renewals/calls/08f2c429-52e2-40a0-aefd-ce41ce4ef563?q=garage`);
await readme.getByRole('slider', { name: 'Timeline of who spoke when' }).waitFor();
await readme.locator('audio').evaluate((a) => { a.muted = true; a.currentTime = 30.9; return a.play(); });
await readme.waitForTimeout(1200);
await readme.locator('audio').evaluate((a) => { a.pause(); a.muted = false; });
await readme.waitForTimeout(300);
await readme.screenshot({ path: `${out}/call-record-desktop.png` });
await readme.close();

// The review: the demo's sample marks imported, a record's review panel beside its player, and a queue.
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  await page.goto(`${base}/campaigns/cmp-spring-renewals`);
  await page.locator('.record-row').first().waitFor();
  await page.getByText('Marks', { exact: true }).click();
  await page.getByRole('button', { name: "Import the demo's sample marks" }).click();
  await page.getByText(/Imported marks/).waitFor();
  await page.screenshot({ path: `${out}/marked-list-${name}.png` });
  await page.locator('.record-row', { hasText: 'Call transferred' }).first().click();
  await page.getByRole('heading', { name: 'Review' }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/review-panel-${name}.png` });
  await page.goto(`${base}/campaigns/cmp-spring-renewals?queue=50%25&seed=7&part=1of2`);
  await page.locator('.queue-bar').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/queue-${name}.png` });
  await page.close();
}

// What the platform knows: a renewed call's outcome, collected data, response times and tool call, and the
// campaign's trends beside its end reasons (the README's two pictures, at desktop width).
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  await page.goto(`${base}/campaigns/cmp-spring-renewals`);
  await page.locator('.record-row').first().waitFor();
  await page.locator('.load-progress__bar').waitFor({ state: 'detached' });
  if (name === 'phone') await page.getByRole('button', { name: 'Charts', exact: true }).click();
  await page.locator('.trends__bar').first().waitFor();
  await page.locator('.trends').first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/trends-${name}.png` });
  // Priya Nair renewed her policy: the demo's call with every part.
  await page.goto(`${base}/campaigns/cmp-spring-renewals/calls/96f119be-4260-4e86-8a96-fd783a569ee4`);
  await page.locator('.tool-call').waitFor();
  await page.locator('.latency summary').click();
  await page.getByRole('region', { name: 'Outcome' }).scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/platform-record-${name}.png` });
  await page.locator('.tool-call').scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/tool-call-${name}.png` });
  await page.close();
}
await browser.close();
console.log(`screenshots in ${out}/`);
