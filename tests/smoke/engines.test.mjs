// The same flows in the three browser engines reviewers use: Chromium, Firefox (Gecko) and WebKit (Safari's
// engine, as WebKitGTK's MiniBrowser under Xvfb). Driven over W3C WebDriver (selenium-webdriver) with real
// clicks and keys, so media plays as a person's click would make it. Against the release build: the demo
// (a campaign, search, a record, its recording played by Space and by a click, a download whose bytes are
// the recording, review marks kept in IndexedDB through a reload) and the fake API (the key remembered
// across a reload, 5,000 calls read by the reading workers and searched, table entities opened by RowKey,
// Escape on Settings).
//
//   node --test tests/smoke/        (scripts/test runs it; an engine whose driver is missing is skipped,
//                                    except in CI)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, Key, until } from 'selenium-webdriver';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { API_KEY, startFakeApi } from '../e2e/fake-api.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(root, 'dist');
const DEMO = 'http://127.0.0.1:4183';
const SITE = 'http://127.0.0.1:4184';
const WAIT = 30_000;

const which = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const engines = [
  {
    name: 'Chromium', driver: which('chromedriver') || '/usr/bin/chromedriver', args: (port) => [`--port=${port}`],
    available: () => existsSync('/usr/bin/chromium') && existsSync(which('chromedriver') || '/usr/bin/chromedriver'),
    downloads: mkdtempSync(path.join(os.tmpdir(), 'chromium-dl-')),
    capabilities() {
      return {
        browserName: 'chrome',
        'goog:chromeOptions': {
          binary: '/usr/bin/chromium', args: CHROMIUM_ARGS,
          prefs: { 'download.default_directory': this.downloads, 'download.prompt_for_download': false },
        },
      };
    },
  },
  {
    name: 'Firefox', driver: which('geckodriver') || path.join(os.homedir(), '.cargo/bin/geckodriver'),
    args: (port) => ['--port', String(port)],
    available() { return existsSync(this.driver) && existsSync('/usr/bin/firefox-esr'); },
    downloads: mkdtempSync(path.join(os.tmpdir(), 'firefox-dl-')),
    capabilities() {
      return {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: '/usr/bin/firefox-esr', args: ['-headless'],
          prefs: { 'browser.download.folderList': 2, 'browser.download.dir': this.downloads },
        },
      };
    },
  },
  {
    // MiniBrowser under automation keeps no downloaded file: there, only what the page says is checked.
    name: 'WebKit', driver: which('WebKitWebDriver') || '/usr/bin/WebKitWebDriver', args: (port) => [`--port=${port}`],
    xvfb: true,
    // WebKitGTK under Xvfb on a busy 2-core machine failed a step once in two clean-clone runs (a Pause
    // button that did not come; a 5,000-call load past 90 s), never here in a dozen runs: its tests get a
    // second try, and the second try's failure fails the run. Seen and not yet explained; see the note.
    retries: 1,
    // Its page often reads a whole 5,000-call load before either reading worker is ready (0.5 s to over
    // 3 s to start them here: docs/benchmark.md), so whether the workers read it is reported, not asserted.
    workersRace: true,
    available() { return existsSync(this.driver) && existsSync(MINIBROWSER) && !!which('Xvfb'); },
    capabilities: () => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }),
  },
];

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

const servers = [];
before(async () => {
  servers.push(await startStaticServer({ root: dist, port: 4183 }));
  servers.push(await startStaticServer({ root: dist, port: 4184, config: path.join(root, 'tests/e2e/smoke-api-config.json') }));
  servers.push(await startFakeApi({ port: 4185 }));
});
after(() => {
  for (const server of servers) server.close();
});

const demoCampaign = JSON.parse(readFileSync(path.join(root, 'public/demo/campaigns.json'), 'utf8')).value
  .find((c) => /Spring Renewals/.test(c.name));
const demoCalls = JSON.parse(readFileSync(path.join(root, `public/demo/campaigns/${demoCampaign.id}/calls.json`), 'utf8')).value;

for (const engine of engines) {
  // Outside CI an engine whose driver is missing is skipped; in CI (where scripts/setup installs all
  // three) it fails, so a missing install cannot pass for a green run.
  const missing = !engine.available();
  if (missing && process.env.CI) {
    test(`${engine.name} is installed`, () => assert.fail(`${engine.name}'s browser or WebDriver is missing`));
    continue;
  }
  describe(engine.name, { skip: missing ? `${engine.name}'s WebDriver is not installed` : false }, () => {
    let driver;
    const processes = [];
    before(async () => {
      const env = { ...process.env, HOME: mkdtempSync(path.join(os.tmpdir(), 'smoke-home-')) };
      if (engine.xvfb) {
        const display = `:${90 + Math.floor(Math.random() * 9)}`;
        processes.push(spawn(which('Xvfb'), [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' }));
        env.DISPLAY = display;
        await new Promise((r) => setTimeout(r, 500));
      }
      const port = await freePort();
      processes.push(spawn(engine.driver, engine.args(port), { env, stdio: 'ignore' }));
      await waitForPort(port);
      driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(engine.capabilities()).build();
      await driver.manage().window().setRect({ width: 1280, height: 900 }).catch(() => {});
    });
    after(async () => {
      await driver?.quit().catch(() => {});
      for (const child of processes) child.kill('SIGKILL');
    });

    const find = async (css, ms = WAIT) => {
      const element = await driver.wait(until.elementLocated(By.css(css)), ms, `no ${css}`);
      await driver.wait(until.elementIsVisible(element), ms, `${css} not visible`);
      return element;
    };
    const byText = async (css, text, ms = WAIT) => {
      const xpath = `//*[contains(concat(' ', normalize-space(@class), ' '), ' ${css} ')][contains(normalize-space(.), ${JSON.stringify(text)})]`;
      const element = await driver.wait(until.elementLocated(By.xpath(xpath)), ms, `no .${css} with ${text}`);
      await driver.wait(until.elementIsVisible(element), ms);
      return element;
    };
    const callCount = () => driver.executeScript(
      "const li = document.querySelector('.call-list__item'); return li ? Number(li.getAttribute('aria-setsize')) : -1;");
    const visibleRows = () => driver.executeScript(
      "return document.querySelectorAll('.call-list__item:not([hidden]) .record-row').length;");
    const eventually = async (what, check, ms = WAIT) => {
      await driver.wait(async () => !!(await check()), ms, what);
    };

    // Pauses with a real click on the player's button, if it is playing, and waits until it is paused.
    const pause = () => eventually('the audio pauses', async () => {
      if (await driver.executeScript('return document.querySelector("audio").paused;')) return true;
      const buttons = await driver.findElements(By.css('button[aria-label=Pause]'));
      if (buttons.length) await buttons[0].click().catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
      return false;
    });

    /** A test, tried again from its start if it fails and the engine allows a retry. */
    const flow = (name, body) => test(name, async () => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await body();
        } catch (error) {
          if (attempt >= (engine.retries ?? 0)) throw error;
          console.log(`# ${engine.name}: "${name}" failed (${String(error).split('\n')[0]}), trying again`);
        }
      }
    });

    flow('the demo: a campaign lists its calls, search narrows them, a record opens', async () => {
      await driver.get(`${DEMO}/campaigns`);
      await (await byText('campaign-card__name', 'Spring Renewals')).click();
      await eventually(`${demoCalls.length} calls listed`, async () => (await callCount()) === demoCalls.length);
      // A call transferred to a person, found by its customer's name, as a reviewer would.
      const search = await find('input[type=search]');
      await search.sendKeys('Tom Becker');
      await eventually('search narrows the list to the one call', async () => (await visibleRows()) === 1);
      await (await byText('record-row', 'Tom Becker')).click();
      await find('.call-details');
      const transcript = await driver.findElements(By.css('.transcript__turn'));
      assert.ok(transcript.length > 0, 'the transcript has turns');
      await find('.end-reason-details');
      // innerText, as a person reads it (WebKit's driver leaves the badge out of an element's text).
      await eventually('the end reason reads as its label', async () => /Call transferred/.test(
        await driver.executeScript("return document.querySelector('.end-reason-details').innerText")));
    });

    flow('Space plays the recording, a click pauses and plays it, and Download saves its bytes', async () => {
      // Space, from the page (no control focused), as the review keys promise.
      await driver.executeScript('document.activeElement?.blur()');
      await driver.actions().sendKeys(Key.SPACE).perform();
      await eventually('Space plays the audio', () => driver.executeScript(
        "const a = document.querySelector('audio'); return a && !a.paused;"), 20_000);
      await pause();
      await (await find('button[aria-label=Play]')).click();
      await eventually('the audio plays', () => driver.executeScript(
        "const a = document.querySelector('audio'); return a && !a.paused && a.currentTime > 0.3;"), 20_000);
      await pause();
      const download = await byText('button', 'Download');
      await download.click();
      const status = await find('.download-button__status');
      await eventually('the page says what became of the download', async () => /Saved as|new tab/.test(await status.getText()));
      if (engine.downloads) {
        // The file on disk is the recording, byte for byte.
        const name = (await status.getText()).replace(/^Saved as\s*/, '').trim();
        const saved = path.join(engine.downloads, name);
        await eventually(`${name} is on disk`, () => existsSync(saved) && statSync(saved).size > 0, 15_000);
        const src = await driver.executeScript("return document.querySelector('audio').currentSrc");
        const original = readFileSync(path.join(root, 'public', new URL(src).pathname));
        await eventually('the saved bytes are the recording', () => readFileSync(saved).equals(original), 10_000);
      }
    });

    flow('a verdict and a note are kept in IndexedDB through a reload, and filter the list', async () => {
      const pressed = (slug) => driver.executeScript(
        `return document.querySelector('.verdict-button--${slug}')?.getAttribute('aria-pressed') === 'true';`);
      await find('.review-panel');
      await driver.executeScript('document.activeElement?.blur()');
      await driver.actions().sendKeys('2').perform();
      await eventually('the key gives the verdict', () => pressed('needs-attention'));
      await (await find('#note-input')).sendKeys('Smoke note');
      await (await byText('button', 'Add note')).click();
      await byText('note__text', 'Smoke note');
      await driver.navigate().refresh();
      await eventually('the verdict is read back from the store', () => pressed('needs-attention'));
      await byText('note__text', 'Smoke note');
      const record = new URL(await driver.getCurrentUrl());
      await driver.get(`${DEMO}${record.pathname.replace(/\/calls\/.*$/, '')}?review=needs-attention`);
      await eventually('the list shows only the call marked', async () => (await visibleRows()) === 1);
    });

    flow('the fake API: a key remembered on this device survives a reload; 5,000 calls are read and searched', async () => {
      await driver.get(`${SITE}/campaigns`);
      await (await find('.app-header button.button, header button')).getText();
      const settings = await driver.findElement(By.xpath("//button[normalize-space(.)='Settings']"));
      if (!(await driver.findElements(By.css('.settings-panel'))).length) await settings.click();
      const key = await find('.settings-panel input[type=password]');
      await key.sendKeys(API_KEY);
      await (await driver.findElement(By.xpath("//label[contains(., 'Remember on this device')]"))).click();
      await key.sendKeys(Key.ENTER);
      await byText('campaign-card__name', 'Large synthetic campaign');
      await driver.navigate().refresh();
      await (await byText('campaign-card__name', 'Large synthetic campaign')).click();
      await eventually('5,000 calls loaded', async () => (await callCount()) === 5000, 90_000);
      await eventually('the load is over', async () => (await driver.findElements(By.css('.load-progress__bar'))).length === 0, 90_000);
      // Read by the reading workers: the page times each slice it inserts from them as
      // `call-records:insert` (and a slice it reads itself as `call-records:read-on-page`). Where the
      // engine's workers race the page (`workersRace`), reported only: a check of the worker on its own
      // crashed WebKitGTK's page once in CI.
      const byWorkers = await driver.executeScript(
        "return performance.getEntriesByName('call-records:insert').length > 0");
      if (engine.workersRace) console.log(`# ${engine.name}: the reading workers ${byWorkers ? 'read' : 'did not read'} this load`);
      else assert.ok(byWorkers, 'the reading workers ran');
      const search = await find('input[type=search]');
      await search.sendKeys('"purple giraffe"');
      await eventually('one call holds the phrase', async () => (await visibleRows()) === 1);
    });

    flow('calls kept on the device (IndexedDB) open the campaign again, asking only for the last day', async () => {
      await driver.executeScript("localStorage.setItem('call-records.keep-calls', '1')");
      await driver.get(`${SITE}/campaigns/c-kept`);
      await eventually('1,200 calls loaded', async () => (await callCount()) === 1200, 60_000);
      await eventually('the load is over', async () => (await driver.findElements(By.css('.load-progress__bar'))).length === 0, 60_000);
      const keptCalls = () => driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
        const open = indexedDB.open('call-records-kept');
        open.onerror = () => done(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('sets')) { db.close(); return done(0); }
          const all = db.transaction('sets').objectStore('sets').getAll();
          all.onsuccess = () => { db.close(); done(all.result.find((s) => s.scope.endsWith('|c-kept'))?.calls ?? 0); };
        };`);
      await eventually('the set is kept', async () => (await keptCalls()) === 1200, 20_000);
      await driver.navigate().refresh();
      await eventually('the calls came from the device', async () => /^[\d,]+ from this device, \d+ from the API\.$/.test(
        await driver.executeScript("return document.querySelector('.load-progress__device')?.textContent ?? ''")), 30_000);
      await eventually('1,200 calls listed again', async () => (await callCount()) === 1200, 10_000);
      await driver.executeScript("localStorage.removeItem('call-records.keep-calls'); indexedDB.deleteDatabase('call-records-kept');");
    });

    flow('table entities from the API open by RowKey and read as a conversation', async () => {
      await driver.get(`${SITE}/campaigns`);
      await (await byText('campaign-card__name', 'Table entity campaign')).click();
      // Once the load is over: in CI a click at the instant the load ended missed the row, when the rows
      // still moved up as the load's line went away (they no longer move; tests/e2e/large.spec.mjs checks).
      await eventually('the load is over', async () => / loaded, /.test(
        await driver.executeScript("return document.querySelector('.load-progress')?.textContent ?? ''")));
      await (await byText('record-row', 'Rowan Keyes')).click();
      await eventually('the record opened by its RowKey', async () => /\/calls\/t-1$/.test(await driver.getCurrentUrl()));
      await byText('call-details__summary', 'Rowan confirmed the appointment for Tuesday.');
      await byText('transcript__turn', 'Hello Rowan, this is Ava from Northwind Dental.');
    });

    flow('Escape pressed the moment Settings opens closes it', async () => {
      for (let i = 0; i < 5; i += 1) {
        const settings = await driver.findElement(By.xpath("//button[normalize-space(.)='Settings']"));
        await driver.actions().move({ origin: settings }).click().sendKeys(Key.ESCAPE).perform();
        await eventually('Settings closed', async () => (await driver.findElements(By.css('.settings-panel'))).length === 0, 5_000);
      }
    });
  });
}
