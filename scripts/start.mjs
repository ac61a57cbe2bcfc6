// `npm start`: build everything (renderer + Electron main), then run the console in Electron. Extra arguments go to
// the app, e.g. `npm start -- --lang en` or `npm start -- --hub http://127.0.0.1:8787 --token …`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// scripts/build.mjs builds the renderer and (through build-main.mjs) main; without it, build main alone.
const buildScript = existsSync(join(root, 'scripts/build.mjs')) ? 'scripts/build.mjs' : 'scripts/build-main.mjs';
const built = spawnSync(process.execPath, [join(root, buildScript)], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

/** The electron package exports the binary's path, and throws when the binary was never downloaded. */
function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (electron === null) {
  console.error(
    'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD?): run `npm run serve` to use the console in a browser, ' +
      'or reinstall electron with network access',
  );
  process.exit(1);
}

const child = spawn(electron, [join(root, 'build/app/main/main.cjs'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
// Ctrl+C reaches Electron through the terminal too; forward other termination so the embedded hub closes its store.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
