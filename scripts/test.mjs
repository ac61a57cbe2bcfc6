// Runs every test file with Node's test runner (TypeScript through tsx). Node 20 does not expand globs for
// --test, so the files are listed here. Extra arguments are passed through (e.g. --test-name-pattern).
// Also writes a TAP report to .ci/out/tests.tap so .ci/run can print the closing "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['feeds', 'layers', 'renderer', 'main', 'test'];
const files = [];
function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (entry.endsWith('.test.ts')) files.push(path);
  }
}
roots.forEach(walk);
files.sort();
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const selected = only.length > 0 ? files.filter((file) => only.some((part) => file.includes(part))) : files;

mkdirSync('.ci/out', { recursive: true });
const args = [
  '--import', 'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', '--test-reporter-destination=.ci/out/tests.tap',
  ...flags,
  ...selected,
];
const child = spawn(process.execPath, args, { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
