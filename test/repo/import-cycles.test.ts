import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

/** No import cycle between the folders of feeds/ (docs/architecture.md): checked by scripts/import-cycles.mjs. */

const ROOT = new URL('../..', import.meta.url).pathname;
const SCRIPT = join(ROOT, 'scripts/import-cycles.mjs');
const check = (root: string) => spawnSync(process.execPath, [SCRIPT, root], { cwd: ROOT, encoding: 'utf8' });

test('feeds/ has no import cycle between its folders', () => {
  const result = check('feeds');
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('the check finds a cycle through a third folder, names the files, and ignores type-only imports', () => {
  const root = mkdtempSync(join(tmpdir(), 'ioc-cycles-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  try {
    write('a/a.ts', "import { b } from '../b/b.js';\nexport const a = b;\n");
    write('b/b.ts', "export { c as b } from '../c/c.js';\n");
    write('c/c.ts', "import type { a } from '../a/a.js';\nexport const c = 1;\n");
    assert.equal(check(root).status, 0, 'a type-only import is no runtime edge');
    write('c/c.ts', "export const c = 1;\nexport const later = () => import('../a/a.js');\n");
    const result = check(root);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /cycle between .* folders: a, b, c/);
    assert.match(result.stdout, /c → a: c\/c\.ts/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
