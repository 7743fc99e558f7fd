// Trunk post-build hook: writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text or wasm file of
// the build, so a host can send them as they are (nginx `brotli_static`/`gzip_static`, S3 objects with
// `Content-Encoding`) instead of compressing on every request, or not at all. scripts/static-server.mjs
// chooses between them by the request's Accept-Encoding. Runs after scripts/csp.mjs, which edits
// index.html.
//
//   node scripts/compress.mjs [dir]    (default: $TRUNK_STAGING_DIR)
//
// config.json is left alone: a deployment edits it after the build, and a stale compressed copy beside it
// would win over the edit.
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const COMPRESSIBLE = new Set(['.wasm', '.js', '.mjs', '.css', '.html', '.json', '.svg', '.txt']);
const LEFT_ALONE = new Set(['config.json']);
/** Smaller files gain less than a header costs. */
const AT_LEAST = 1024;

export function compressFile(file) {
  const raw = readFileSync(file);
  const out = {};
  const encodings = {
    br: () => brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: path.extname(file) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    }),
    gz: () => gzipSync(raw, { level: 9 }),
  };
  for (const [ext, compress] of Object.entries(encodings)) {
    const target = `${file}.${ext}`;
    const packed = compress();
    // Kept only when it saves something worth a second file.
    if (packed.length < raw.length * 0.95) {
      writeFileSync(target, packed);
      out[ext] = packed.length;
    } else if (existsSync(target)) {
      unlinkSync(target);
    }
  }
  return { raw: raw.length, ...out };
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

export function compressDir(dir) {
  const report = [];
  for (const file of files(dir)) {
    const name = path.basename(file);
    if (!COMPRESSIBLE.has(path.extname(file)) || LEFT_ALONE.has(name)) continue;
    if (statSync(file).size < AT_LEAST) continue;
    report.push([path.relative(dir, file), compressFile(file)]);
  }
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node scripts/compress.mjs <dir> (or run as a Trunk hook)');
    process.exit(2);
  }
  const report = compressDir(dir);
  const sum = (key) => report.reduce((s, [, r]) => s + (r[key] ?? r.raw), 0);
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  const big = report.filter(([, r]) => r.raw > 100 * 1024)
    .map(([f, r]) => `${f} ${kib(r.raw)} → br ${kib(r.br ?? r.raw)}, gz ${kib(r.gz ?? r.raw)}`);
  console.log(`compressed ${report.length} files: ${kib(sum('raw'))} → br ${kib(sum('br'))}, gz ${kib(sum('gz'))}`);
  for (const line of big) console.log(`  ${line}`);
}
