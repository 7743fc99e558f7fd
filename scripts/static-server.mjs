// Serves the built site like a CDN would: static files, index.html for app routes (deep links reload),
// HTTP Range for audio seeking, real 404s for missing files, and the build's brotli or gzip copy of a
// file (scripts/compress.mjs) when the request's Accept-Encoding takes it, with `Vary: Accept-Encoding`.
//
//   node scripts/static-server.mjs [--root dist] [--host 127.0.0.1] [--port 8080] [--config file.json]
//
// --config serves that file as /config.json instead of the built one: the tests point one build at a
// fake API this way, as a deployment would by editing config.json.
//
// `compressed: false` ignores the compressed copies (the Lighthouse script's before figure).
//
// `probe` (the benchmark's, not a command-line option) is a function giving a script's text: it is served
// as /__probe.js and every HTML page loads it first, so a browser with no DevTools attached can be
// measured (scripts/bench.mjs). The site's Content-Security-Policy allows it as a same-origin script.
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { headerPolicy } from './csp.mjs';
// The types the build writes compressed copies of.
import { COMPRESSIBLE } from './compress.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

export function startStaticServer({ root = 'dist', host = '127.0.0.1', port = 8080, config = null, probe = null, compressed = true } = {}) {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let rel = decodeURIComponent(url.pathname);
      if (rel === '/config.json' && config) {
        return sendFile(req, res, path.resolve(config), false);
      }
      if (rel === '/__probe.js' && probe) {
        res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
        return res.end(probe());
      }
      let file = path.join(base, rel);
      if (!file.startsWith(base)) return send(res, 403, 'Forbidden');
      let stat = await fs.stat(file).catch(() => null);
      if (stat?.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = await fs.stat(file).catch(() => null);
      }
      if (!stat) {
        // App routes have no extension; anything with one is a real file that is missing.
        if (path.extname(rel) === '') return sendFile(req, res, path.join(base, 'index.html'), false, probe, compressed);
        return send(res, 404, 'Not found');
      }
      return sendFile(req, res, file, true, probe, compressed);
    } catch (error) {
      send(res, 500, String(error));
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * The encodings a request takes, best first: `br` before `gzip`, each unless refused with `q=0`.
 * (`identity` is always acceptable here: no client of a static site refuses it.)
 */
export function acceptedEncodings(header = '') {
  const taken = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    taken.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (name) => (taken.has(name) ? taken.get(name) > 0 : (taken.get('*') ?? 0) > 0);
  return [['br', '.br'], ['gzip', '.gz']].filter(([name]) => ok(name));
}

/** The build's compressed copy of `file` that the request takes, if there is one. */
async function compressedCopy(req, file) {
  // A range is of the file as stored; ranges of a compressed copy would mean another resource.
  if (req.headers.range) return null;
  for (const [encoding, ext] of acceptedEncodings(req.headers['accept-encoding'])) {
    const stat = await fs.stat(file + ext).catch(() => null);
    if (stat?.isFile()) return { encoding, path: file + ext, size: stat.size };
  }
  return null;
}


async function sendFile(req, res, file, cacheable, probe = null, compressed = true) {
  const stat = await fs.stat(file);
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file);
  const headers = {
    'content-type': type,
    'accept-ranges': 'bytes',
    'cache-control': cacheable && hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  // Whether or not this request got a compressed copy, a cache must not hand it to another that asks
  // differently.
  if (COMPRESSIBLE.has(path.extname(file))) headers.vary = 'Accept-Encoding';
  if (type.startsWith('text/html')) {
    // The page's own policy (written into index.html by scripts/csp.mjs), plus frame-ancestors, which
    // only a header can carry.
    const page = await fs.readFile(file, 'utf8');
    const csp = headerPolicy(page);
    if (csp) headers['content-security-policy'] = csp;
    headers['referrer-policy'] = 'no-referrer';
    if (probe) {
      // Before the title: ahead of the page's own scripts, so it sees their whole run.
      const html = page.replace(/<title>/i, '<script src=/__probe.js></script>$&');
      res.writeHead(200, { ...headers, 'cache-control': 'no-store' });
      return res.end(req.method === 'HEAD' ? undefined : html);
    }
  }
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    let start = range[1] === '' ? stat.size - Number(range[2]) : Number(range[1]);
    let end = range[1] !== '' && range[2] !== '' ? Number(range[2]) : stat.size - 1;
    if (start < 0 || start >= stat.size || end < start) {
      res.writeHead(416, { 'content-range': `bytes */${stat.size}` });
      return res.end();
    }
    end = Math.min(end, stat.size - 1);
    res.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${stat.size}` });
    if (req.method === 'HEAD') return res.end();
    return createReadStream(file, { start, end }).pipe(res);
  }
  const copy = !compressed || (probe && type.startsWith('text/html')) ? null : await compressedCopy(req, file);
  if (copy) {
    res.writeHead(200, { ...headers, 'content-encoding': copy.encoding, 'content-length': copy.size });
    if (req.method === 'HEAD') return res.end();
    return createReadStream(copy.path).pipe(res);
  }
  res.writeHead(200, { ...headers, 'content-length': stat.size });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = Object.fromEntries(
    process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
  );
  const options = { root: args.root, host: args.host, port: args.port ? Number(args.port) : undefined, config: args.config };
  Object.keys(options).forEach((k) => options[k] === undefined && delete options[k]);
  const server = await startStaticServer(options);
  const { address, port } = server.address();
  console.log(`Call Records is running at http://${address}:${port}  (Ctrl+C to stop)`);
}
