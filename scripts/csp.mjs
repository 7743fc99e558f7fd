// Trunk post-build hook: writes the site's Content-Security-Policy into the built index.html, with a hash
// of each inline script (Trunk's wasm bootstrap, whose text names the hashed file names, so it is only
// known after the build). scripts/static-server.mjs reads the policy back from index.html and also sends
// it as a header, with the directives a <meta> cannot carry; a `_headers` file beside index.html carries
// the same header for hosts that read one (Netlify, Cloudflare Pages).
//
//   node scripts/csp.mjs [path/to/index.html]    (default: $TRUNK_STAGING_DIR/index.html)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Records come from the API named in config.json at run time, and recordings from wherever their links
// point, so neither host is known at build time: any https origin, plus this machine's own addresses
// for local development and tests. Everything else is this site's own.
const ANY_REMOTE = "https: http://127.0.0.1:* http://localhost:*";

export function policy(scriptHashes) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.map((h) => `'sha256-${h}'`).join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${ANY_REMOTE}`,
    `media-src 'self' blob: ${ANY_REMOTE}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // The reading worker (public/reader-worker.js), which imports the app's own module.
    "worker-src 'self'",
  ].join('; ');
}

/** The policy a server should send as a header: the page's own, plus what only a header can say. */
export function headerPolicy(html) {
  const meta = /<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"/i.exec(html);
  return meta ? `${meta[1]}; frame-ancestors 'none'` : null;
}

export function withPolicy(html) {
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
  const hashes = inline.map((body) => createHash('sha256').update(body, 'utf8').digest('base64'));
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(hashes)}">`;
  const cleaned = html.replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>/gi, '');
  // Right after <meta charset>: the policy must come before the first script it governs.
  const charset = /<meta charset=[^>]*>/i.exec(cleaned);
  if (!charset) throw new Error('index.html has no <meta charset> to put the policy after');
  const at = charset.index + charset[0].length;
  return cleaned.slice(0, at) + meta + cleaned.slice(at);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? path.join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
  const html = withPolicy(readFileSync(file, 'utf8'));
  writeFileSync(file, html);
  const headers = path.join(path.dirname(file), '_headers');
  writeFileSync(headers, [
    '/*',
    `  Content-Security-Policy: ${headerPolicy(html)}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '',
  ].join('\n'));
  console.log(`Content-Security-Policy written into ${file} and ${headers}`);
}
