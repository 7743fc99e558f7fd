// Serves the built site like a CDN would: static files, index.html for app routes (deep links reload),
// HTTP Range for audio seeking, and real 404s for missing files.
//
//   node scripts/static-server.mjs [--root dist] [--host 127.0.0.1] [--port 8080] [--config file.json]
//
// --config serves that file as /config.json instead of the built one: the tests point one build at a
// fake API this way, as a deployment would by editing config.json.
//
// `probe` (the benchmark's, not a command-line option) is a function giving a script's text: it is served
// as /__probe.js and every HTML page loads it first, so a browser with no DevTools attached can be
// measured (scripts/bench.mjs). The site's Content-Security-Policy allows it as a same-origin script.
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { headerPolicy } from './csp.mjs';

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

export function startStaticServer({ root = 'dist', host = '127.0.0.1', port = 8080, config = null, probe = null } = {}) {
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
        if (path.extname(rel) === '') return sendFile(req, res, path.join(base, 'index.html'), false, probe);
        return send(res, 404, 'Not found');
      }
      return sendFile(req, res, file, true, probe);
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

async function sendFile(req, res, file, cacheable, probe = null) {
  const stat = await fs.stat(file);
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file);
  const headers = {
    'content-type': type,
    'accept-ranges': 'bytes',
    'cache-control': cacheable && hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  };
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
