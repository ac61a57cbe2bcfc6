// Bundles the console renderer for Chromium/Electron into build/app/renderer/: one ES module, its CSS (with the
// bundled Be Vietnam Pro font files), index.html and MapLibre's worker (a separate module in maplibre-gl 6).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build/app/renderer');

export async function buildRenderer({ minify = true } = {}) {
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: { console: join(root, 'renderer/main.ts') },
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    // Kept for development (Electron with --devtools, `npm run serve -- --source-maps`). Nothing hands them out by
    // default: serve answers *.map with 404, app:// only serves them with the developer tools, packaging leaves them out.
    sourcemap: true,
    minify,
    legalComments: 'linked',
    loader: { '.woff2': 'file', '.woff': 'file' },
    assetNames: 'assets/[name]-[hash]',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await copyFile(join(root, 'renderer/index.html'), join(out, 'index.html'));
  await copyFile(join(root, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'), join(out, 'maplibre-gl-worker.mjs'));
  // Precompressed copies for `npm run serve` (sirv picks .br or .gz by Accept-Encoding): ~1/4 of the bytes on the wire.
  for (const name of ['console.js', 'console.css', 'maplibre-gl-worker.mjs']) {
    const body = await readFile(join(out, name));
    await writeFile(join(out, `${name}.gz`), await promisify(gzip)(body, { level: 9 }));
    await writeFile(join(out, `${name}.br`), await promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await buildRenderer({ minify: !process.argv.includes('--dev') });
  console.info(`renderer built in ${Date.now() - started} ms → ${out}`);
}
