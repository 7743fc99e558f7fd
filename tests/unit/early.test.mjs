// The page's first requests (src/browser/early.js), run in a bare context with a fake fetch and fake
// storage: what it asks for on each route and config, with which key, and when it keeps out. The
// records of tests/fixtures/early-records.json are also read by tests/early_requests.rs, which checks
// the app's own first request for each: the page's guess must be that request or none.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = readFileSync(path.join(root, 'src/browser/early.js'), 'utf8');
const fixture = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/early-records.json'), 'utf8'));

const API = 'https://api.example.com/v1/api';
// The fixture's clock: 2026-12-04T00:00:00Z, as tests/early_requests.rs.
const NOW = 1_796_342_400_000;
class FixedDate extends Date {
  static now() {
    return NOW;
  }
}
const KEY = 'key-123';

function storage(entries = {}) {
  const map = new Map(Object.entries(entries));
  return { getItem: (name) => (map.has(name) ? map.get(name) : null) };
}

/**
 * Runs the script on `page` with the server's `answers` (URL → [status, body, content type] or a
 * function of the request), and returns what it asked for once every answer is in.
 */
async function run({ page, config = { apiBaseUrl: API }, answers = {}, local = { 'call-records.api-key': KEY }, session = {}, before }) {
  const asked = [];
  const served = {
    'https://app.example.com/config.json': config === null ? [404, '<!doctype html>', 'text/html'] : [200, JSON.stringify(config)],
    ...answers,
  };
  const context = {
    location: new URL(page, 'https://app.example.com'),
    localStorage: storage(local),
    sessionStorage: storage(session),
    URL,
    URLSearchParams,
    AbortController,
    Date: FixedDate,
    fetch: async (url, init) => {
      asked.push({ url, key: init.headers['api-key'] ?? null });
      const answer = served[url] ?? [404, '{"message":"Not Found"}'];
      const [status, body, type = 'application/json'] = typeof answer === 'function' ? await answer() : answer;
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': type } });
    },
  };
  context.globalThis = context;
  vm.runInNewContext(script, context);
  before?.(context.__callRecordsEarly);
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
  return { asked, early: context.__callRecordsEarly };
}

const record = (fields) => ({ [`${API}/campaign/c1`]: [200, { id: 'c1', name: 'Renewals', ...fields }] });
const callsAsked = (asked) => asked.filter((a) => a.url.startsWith(`${API}/call?`));

test('a small campaign: its config, its record and then all its calls, with the key, each taken once', async () => {
  const { asked, early } = await run({
    page: '/campaigns/c1',
    answers: record({ callCount: 1000, createdAt: '2026-11-01T10:00:00.000Z' }),
  });
  // The newest hour beside the record, then two parts of about 500 calls down to a day before the
  // campaign's creation.
  assert.deepEqual(asked.map((a) => a.url), [
    'https://app.example.com/config.json',
    `${API}/campaign/c1`,
    `${API}/call?campaignId=c1&startDate=2026-12-03T23%3A00%3A00.000Z`,
    `${API}/call?campaignId=c1&startDate=2026-11-17T04%3A00%3A00.000Z&endDate=2026-12-03T23%3A00%3A00.000Z`,
    `${API}/call?campaignId=c1&startDate=2026-10-31T10%3A00%3A00.000Z&endDate=2026-11-17T04%3A00%3A00.000Z`,
  ]);
  assert.deepEqual(asked.map((a) => a.key), [null, KEY, KEY, KEY, KEY]);
  assert.equal(early.guessedAt(), NOW, 'the app plans from the same now');
  assert.equal(early.take(`${API}/campaign/c1`, 'another-key'), undefined, 'only for the key it was asked with');
  const taken = early.take(`${API}/campaign/c1`, KEY);
  assert.equal((await taken.response).status, 200);
  assert.ok(taken.controller instanceof AbortController);
  assert.equal(early.take(`${API}/campaign/c1`, KEY), undefined, 'once');
  assert.ok(early.take('https://app.example.com/config.json', null));
  assert.match(early.campaignRecord(`${API}/campaign/c1`, KEY), /"callCount":1000/);
  assert.equal(early.campaignRecord(`${API}/campaign/c1`, KEY), undefined, 'once');
});

test('every fixture record: the page guesses the request the app makes, or none', async () => {
  for (const { what, record: body, early: expected } of fixture.cases) {
    const { asked } = await run({ page: '/campaigns/c1', answers: { [`${API}/campaign/c1`]: [200, body] } });
    const calls = callsAsked(asked).map((a) => [...new URL(a.url).searchParams]);
    const hour = [['campaignId', 'c1'], ['startDate', new Date(NOW - 3_600_000).toISOString()]];
    if (expected === null) {
      assert.deepEqual(calls, [hour], `${what}: only the newest hour, which any walk asks first`);
    } else {
      const windows = expected.map(([start, end]) => [['campaignId', 'c1'], ['startDate', start], ...(end ? [['endDate', end]] : [])]);
      assert.deepEqual(calls, windows, what);
    }
  }
});

test('a large campaign, a scope, kept calls or an app already started: the record, and the newest hour if the walk is the plain one', async () => {
  const small = record({ callCount: 10, createdAt: '2026-11-01T10:00:00.000Z' });
  const cases = [
    { what: 'large', page: '/campaigns/c1', answers: record({ callCount: 9000, createdAt: '2026-11-01T10:00:00.000Z' }) },
    { what: 'a scope in the address', page: '/campaigns/c1?scope=7d', answers: small },
    { what: 'calls kept on the device', page: '/campaigns/c1', answers: small, local: { 'call-records.api-key': KEY, 'call-records.keep-calls': '1' } },
    { what: 'the app started first', page: '/campaigns/c1', answers: small, before: (early) => early.campaignRecord('x', null) },
    { what: 'an HTML page for a record', page: '/campaigns/c1', answers: { [`${API}/campaign/c1`]: [200, '<html>', 'text/html'] } },
    { what: 'a refused key', page: '/campaigns/c1', answers: { [`${API}/campaign/c1`]: [401, { message: 'no' }] } },
  ];
  const hour = `${API}/call?campaignId=c1&startDate=2026-12-03T23%3A00%3A00.000Z`;
  for (const { what, ...options } of cases) {
    const { asked, early } = await run(options);
    // The newest hour, which the app asks first whatever the campaign's size, unless the load is not
    // the plain walk from now (a scope, kept calls) or has begun.
    const plain = !['a scope in the address', 'calls kept on the device', 'the app started first'].includes(what);
    const expected = ['https://app.example.com/config.json', `${API}/campaign/c1`, ...(plain ? [hour] : [])];
    assert.deepEqual(asked.map((a) => a.url), expected, what);
    // The record is kept for the app's start unless it is no record, or the app has started.
    const kept = await early.campaignRecord(`${API}/campaign/c1`, KEY);
    const none = ['the app started first', 'an HTML page for a record', 'a refused key'].includes(what);
    assert.equal(kept === undefined, none, what);
  }
});

test('IDs with reserved characters are encoded as the app encodes them', async () => {
  const id = "a b&c/d!'()*é";
  const encoded = 'a%20b%26c%2Fd%21%27%28%29%2A%C3%A9';
  const { asked } = await run({
    page: `/campaigns/${encoded}/calls/x%3Fy`,
    answers: { [`${API}/campaign/${encoded}`]: [200, { id, callCount: 3, createdAt: '2026-11-01T10:00:00.000Z' }] },
  });
  const urls = asked.map((a) => a.url);
  assert.ok(urls.includes(`${API}/campaign/${encoded}`), urls.join('\n'));
  assert.ok(urls.includes(`${API}/call/x%3Fy`), 'the call record of a call route');
  const calls = callsAsked(asked);
  assert.equal(new URL(calls[0].url).searchParams.get('campaignId'), id);
  assert.match(calls[0].url, /campaignId=a\+b%26c%2Fd%21%27%28%29\*%C3%A9&/, 'as URLSearchParams (gloo-net) writes it');
});

test('the demo: its static files, with no key; the campaigns list on the first page', async () => {
  let { asked } = await run({ page: '/campaigns/demo-1', config: null, local: {} });
  assert.deepEqual(asked.map((a) => a.url), [
    'https://app.example.com/config.json',
    'https://app.example.com/demo/campaigns/demo-1.json',
    'https://app.example.com/demo/campaigns/demo-1/calls.json',
  ]);
  assert.ok(asked.every((a) => a.key === null));
  ({ asked } = await run({ page: '/', config: {} }));
  assert.deepEqual(asked.map((a) => a.url), ['https://app.example.com/config.json', 'https://app.example.com/demo/campaigns.json']);
  ({ asked } = await run({ page: '/campaigns' }));
  assert.deepEqual(asked.map((a) => a.url), ['https://app.example.com/config.json', `${API}/campaign`]);
});

test('no key, a key the app would refuse, a config it would refuse, or another page: nothing but the config', async () => {
  const cases = [
    { what: 'no key', local: {} },
    { what: 'a key with a space', local: { 'call-records.api-key': 'key 123' } },
    { what: 'a base that is no web address', config: { apiBaseUrl: 'javascript:alert(1)' } },
    { what: 'a config that is not JSON', config: undefined, answers: { 'https://app.example.com/config.json': [200, '{nope'] } },
    { what: 'a config that failed', answers: { 'https://app.example.com/config.json': [500, '{}'] } },
  ];
  for (const { what, ...options } of cases) {
    const { asked } = await run({ page: '/campaigns/c1', ...options });
    assert.deepEqual(asked.map((a) => a.url), ['https://app.example.com/config.json'], what);
  }
  const { asked } = await run({ page: '/somewhere/else' });
  assert.deepEqual(asked, [], 'a page the app does not know');
  const session = await run({ page: '/campaigns', local: {}, session: { 'call-records.api-key': ' key-9 ' } });
  assert.deepEqual(session.asked.map((a) => a.key), [null, 'key-9'], 'the tab\'s key, trimmed as the app trims it');
});

test('an app that starts while the record is on its way is handed a promise of it, kept after the guess', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const body = { id: 'c1', callCount: 10, createdAt: '2026-11-01T10:00:00.000Z' };
  const { asked, early } = await run({
    page: '/campaigns/c1',
    answers: { [`${API}/campaign/c1`]: async () => { await held; return [200, body]; } },
  });
  const coming = early.campaignRecord(`${API}/campaign/c1`, KEY);
  assert.equal(typeof coming?.then, 'function', 'a promise, not the text');
  assert.equal(callsAsked(asked).length, 1, 'the newest hour only');
  release();
  const text = await coming;
  assert.deepEqual(JSON.parse(text), body);
  assert.equal(callsAsked(asked).length, 2, 'the rest (10 calls: one part) was asked for before the app had the record');
  assert.ok(early.take(callsAsked(asked)[0].url, KEY));
});
