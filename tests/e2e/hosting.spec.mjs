// The release build as a host serves it: the build writes a brotli and a gzip copy beside each wasm, JS,
// CSS, HTML and JSON file (scripts/compress.mjs), and the static server sends the one a request takes,
// with `Vary: Accept-Encoding`; what arrives decompresses to the file as built.
import http from 'node:http';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { test, expect } from './fixtures.mjs';

const DIST = path.resolve('dist');
const get = (url, headers = {}) => new Promise((resolve, reject) => {
  http.get(url, { headers }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
  }).on('error', reject);
});
const built = readdirSync(DIST).filter((f) => /\.(wasm|js|css)$/.test(f));

test('every wasm, JS and CSS file and the page come brotli, gzip or plain as asked, each the file as built', async () => {
  expect(built.filter((f) => f.endsWith('.wasm')).length).toBe(2);
  for (const file of [...built, 'index.html']) {
    const url = `http://127.0.0.1:4173/${file}`;
    const raw = readFileSync(path.join(DIST, file));
    expect(existsSync(path.join(DIST, `${file}.br`)), `${file}.br is built`).toBe(true);
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding'], file).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).equals(raw), `${file} as brotli`).toBe(true);
    const gz = await get(url, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding'], file).toBe('gzip');
    expect(gunzipSync(gz.body).equals(raw), `${file} as gzip`).toBe(true);
    const plain = await get(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.equals(raw), `${file} plain`).toBe(true);
  }
  // The app's wasm, as sent: what the first load costs.
  const wasm = built.find((f) => /^call-records-.*\.wasm$/.test(f));
  const sent = (await get(`http://127.0.0.1:4173/${wasm}`, { 'accept-encoding': 'br' })).body.length;
  console.log(`the app's wasm: ${Math.round(readFileSync(path.join(DIST, wasm)).length / 1024)} KiB, ${Math.round(sent / 1024)} KiB as brotli`);
});

test('a deep link gets the page compressed; config.json, which deployments edit, is never a stale copy', async () => {
  const deep = await get('http://127.0.0.1:4173/campaigns/cmp-spring-renewals/calls/x', { 'accept-encoding': 'br' });
  expect(deep.status).toBe(200);
  expect(deep.headers['content-encoding']).toBe('br');
  expect(brotliDecompressSync(deep.body).toString()).toContain('<title>');
  expect(existsSync(path.join(DIST, 'config.json.br'))).toBe(false);
  const config = await get('http://127.0.0.1:4174/config.json', { 'accept-encoding': 'br, gzip' });
  expect(config.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(config.body.toString()).apiBaseUrl).toContain('4175');
  // A range (the audio player's seeking) is of the file as stored.
  const recording = readdirSync(path.join(DIST, 'demo', 'recordings'))[0];
  const part = await get(`http://127.0.0.1:4173/demo/recordings/${recording}`, { 'accept-encoding': 'br', range: 'bytes=0-99' });
  expect(part.status).toBe(206);
  expect(part.headers['content-encoding']).toBeUndefined();
  expect(part.body.length).toBe(100);
});

test('the site loads and works from compressed files', async ({ page }) => {
  const encodings = new Map();
  page.on('response', async (r) => {
    if (/\.(wasm|js|css)$/.test(new URL(r.url()).pathname)) encodings.set(path.basename(new URL(r.url()).pathname), (await r.allHeaders())['content-encoding']);
  });
  await page.goto('http://127.0.0.1:4173/campaigns/cmp-spring-renewals');
  await expect(page.locator('.call-list__item').first()).toBeVisible();
  const app = [...encodings].find(([f]) => /^call-records-.*\.wasm$/.test(f));
  expect(app?.[1]).toBe('br');
});
