// Trunk pre-build hook: joins the stylesheets of style/ into one file, target/call-records.css, which
// index.html links (one request, minified by Trunk). Each block keeps a stylesheet of its own, named
// after it; the order here is the cascade: tokens, then the elements, then the shared controls, then
// the page frame, then every other block (whose rules never style another block's elements).
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const style = path.join(root, 'style');
const FIRST = [
  'tokens', 'base',
  // Shared controls, before the blocks that sit on the same elements (`button call-details__open`).
  'button', 'field', 'checkbox', 'banner', 'status-pill', 'visually-hidden', 'skip-link', 'app-loading',
  // The page frame.
  'app-header', 'page', 'campaign-page',
].map((name) => `${name}.css`);

const files = readdirSync(style).filter((f) => f.endsWith('.css'));
const rest = files.filter((f) => !FIRST.includes(f)).sort();
const missing = FIRST.filter((f) => !files.includes(f));
if (missing.length) throw new Error(`style/ lacks ${missing.join(', ')}`);
const bundle = [...FIRST, ...rest]
  .map((f) => `/* ${f} */\n${readFileSync(path.join(style, f), 'utf8').trim()}\n`)
  .join('\n');
mkdirSync(path.join(root, 'target'), { recursive: true });
writeFileSync(path.join(root, 'target', 'call-records.css'), bundle);
console.log(`${files.length} stylesheets joined into target/call-records.css`);
