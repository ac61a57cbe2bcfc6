// Bundles the Electron side into build/app/main/: main.cjs (main process), preload.cjs (sandboxed preload) and
// hub-utility.cjs (the embedded hub's utility process). CommonJS because Electron loads a sandboxed preload only as
// a single script that may require nothing but 'electron'; main and the hub follow for one module format.
// feeds/ is ESM TypeScript with `.js` specifiers pointing at `.ts` files; esbuild resolves those itself.
import { build } from 'esbuild';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build/app/main');

// CommonJS output has no import.meta. Code that needs it gets the bundle's own file URL instead; since that is not
// the source file's location, every input that uses it is reported (so a path computed from it is reviewed).
// The banner repeats "use strict" because esbuild's own directive would no longer be the first statement.
const IMPORT_META_URL_BANNER = `"use strict";\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;`;

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  legalComments: 'linked',
  banner: { js: IMPORT_META_URL_BANNER },
  define: { 'import.meta.url': '__importMetaUrl' },
};

const targets = [
  // ws's optional native speed-ups are loaded in try/catch; leave them out rather than fail to resolve.
  { entry: 'main/main.ts', outfile: 'main.cjs', external: ['electron', 'sqlite3', 'bufferutil', 'utf-8-validate'] },
  // A sandboxed preload can require only 'electron': everything else (the bridge constant) is inlined.
  { entry: 'main/preload.ts', outfile: 'preload.cjs', external: ['electron'], banner: {}, define: {} },
  // sqlite3 is N-API: the build made for Node loads in Electron's utility process without a rebuild.
  { entry: 'main/hub-utility.ts', outfile: 'hub-utility.cjs', external: ['sqlite3', 'bufferutil', 'utf-8-validate'] },
];

// Inputs whose import.meta use was reviewed, with why the bundle's own URL is acceptable there.
const REVIEWED_IMPORT_META = {
  // The PostgreSQL migrations folder, read only when a hub opens a postgres:// store; the embedded hub always uses
  // SQLite, so the bundle neither carries nor needs the SQL files (opening PostgreSQL from it fails naming the folder).
  'feeds/store/postgres/migrations.ts': 'postgres:// stores run from the source tree only',
};

/** `outdir` defaults to build/app/main; tests build into a temporary folder so they never race a real build. */
export async function buildMain({ outdir = out } = {}) {
  await mkdir(outdir, { recursive: true });
  const results = await Promise.all(
    targets.map(({ entry, outfile, ...options }) =>
      build({ ...common, ...options, entryPoints: [join(root, entry)], outfile: join(outdir, outfile) }).then((result) => ({ entry, outfile, result })),
    ),
  );
  for (const { entry, outfile, result } of results) {
    const usesImportMeta = [];
    for (const input of Object.keys(result.metafile?.inputs ?? {})) {
      if (input in REVIEWED_IMPORT_META) continue;
      if (!input.includes('node_modules') && /\bimport\.meta\b/.test(await readSource(join(root, input)))) usesImportMeta.push(input);
    }
    if (usesImportMeta.length > 0) {
      console.warn(`build-main: ${entry} bundles code that uses import.meta (resolved against ${outfile}): ${usesImportMeta.join(', ')}`);
    }
    if (outfile === 'preload.cjs') await checkPreloadRequires(join(outdir, outfile));
  }
}

function readSource(file) {
  return readFile(file, 'utf8').catch(() => '');
}

/** Fail the build if the preload would require anything but 'electron' (it would not load in the sandbox). */
async function checkPreloadRequires(file) {
  const text = await readSource(file);
  const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
  const forbidden = required.filter((name) => name !== 'electron');
  if (forbidden.length > 0) throw new Error(`build-main: ${relative(root, file)} requires ${forbidden.join(', ')}; a sandboxed preload may only require 'electron'`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const outdirFlag = process.argv.indexOf('--outdir');
  const outdir = outdirFlag === -1 ? out : resolve(process.argv[outdirFlag + 1] ?? out);
  await buildMain({ outdir });
  console.info(`main built in ${Date.now() - started} ms → ${relative(process.cwd(), outdir) || outdir}`);
}
