// Runs every test file with Node's test runner (TypeScript through tsx). Node 20 does not expand globs for
// --test, so the files are listed here. Extra arguments are passed through (e.g. --test-name-pattern).
// Also writes a TAP report to .ci/out/tests.tap so .ci/run can print the closing "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// layers/ and renderer/ hold browser code only; their tests are under test/layers and test/renderer.
const roots = ['feeds', 'main', 'test'];
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

// Browser e2e files run one at a time after everything else: each drives one or two Chromiums drawing maps in
// software GL, and two of them side by side on a 2-core machine starve each other into timeouts.
const isBrowserE2e = (file) => file.includes(join('test', 'e2e'));
const phases = [
  { name: 'unit', files: selected.filter((file) => !isBrowserE2e(file)), concurrency: 2 },
  { name: 'e2e', files: selected.filter(isBrowserE2e), concurrency: 1 },
].filter((phase) => phase.files.length > 0);

function run(phase) {
  const tap = `.ci/out/tests-${phase.name}.tap`;
  const args = [
    '--import', 'tsx',
    '--test',
    `--test-concurrency=${phase.concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...flags,
    ...phase.files,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), tap }));
  });
}

const lastCount = (text, key) => Number([...text.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))].at(-1)?.[1] ?? 0);
let status = 0;
const totals = { pass: 0, fail: 0, skipped: 0 };
let combined = '';
for (const phase of phases) {
  const { code, tap } = await run(phase);
  if (code !== 0) status = code;
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  combined += text;
  for (const key of Object.keys(totals)) totals[key] += lastCount(text, key);
  // A phase that crashed before reporting counts as one failure, so it cannot pass silently.
  if (code !== 0 && lastCount(text, 'fail') === 0) totals.fail += 1;
}
// .ci/run reads the last "# pass" / "# fail" lines: the totals over both phases.
combined += `# total over ${phases.length} phase(s)\n# pass ${totals.pass}\n# fail ${totals.fail}\n# skipped ${totals.skipped}\n`;
writeFileSync('.ci/out/tests.tap', combined);
console.info(`tests: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(status);
