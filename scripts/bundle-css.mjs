// Trunk pre-build hook: joins the stylesheets of style/ into one file, target/call-records.css, which
// index.html links (one request, minified by Trunk). Each block keeps a stylesheet of its own, named
// after it, in the folder of the part of the UI it belongs to (style/list/record-row.css beside
// src/components/list/record_row.rs); the order here is the cascade: tokens, then the elements, then the
// shared controls, then the page frame, then every other block (whose rules never style another block's
// elements).
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const style = path.join(root, 'style');
const FIRST = [
  'tokens', 'base',
  // Shared controls, before the blocks that sit on the same elements (`button call-details__open`).
  'common/button', 'common/field', 'common/checkbox', 'common/banner', 'common/status-pill',
  'common/visually-hidden', 'shell/skip-link', 'shell/app-loading',
  // The page frame.
  'shell/app-header', 'pages/page', 'pages/campaign-page',
].map((name) => `${name}.css`);

/** Every stylesheet under style/, as a path relative to it. */
function stylesheets(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return stylesheets(path.join(dir, entry.name), relative);
    return entry.name.endsWith('.css') ? [relative] : [];
  });
}

const files = stylesheets(style);
// The other blocks by their own name, wherever their folder (the order of the seed's flat folder).
const rest = files.filter((f) => !FIRST.includes(f)).sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
const missing = FIRST.filter((f) => !files.includes(f));
if (missing.length) throw new Error(`style/ lacks ${missing.join(', ')}`);
const bundle = [...FIRST, ...rest]
  .map((f) => `/* ${f} */\n${readFileSync(path.join(style, f), 'utf8').trim()}\n`)
  .join('\n');
mkdirSync(path.join(root, 'target'), { recursive: true });
writeFileSync(path.join(root, 'target', 'call-records.css'), bundle);
console.log(`${files.length} stylesheets joined into target/call-records.css`);
