import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadWallFiles } from './load-wall-files.js';

const SHIPPED = new URL('../../config/wall.json', import.meta.url).pathname;

test('the shipped config/wall.json loads with all its layouts', async () => {
  const files = await loadWallFiles(SHIPPED);
  assert.ok(files.layoutsDir.endsWith('/config/layouts'));
  assert.ok(files.config.displays.length >= 1);
});

test('a missing or broken layout is named by its file and field', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ioc-wall-'));
  try {
    await mkdir(join(dir, 'layouts'));
    const wallFile = join(dir, 'wall.json');
    await writeFile(wallFile, JSON.stringify({ displays: [{ index: 0, layout: 'board' }] }));
    await assert.rejects(loadWallFiles(wallFile), new RegExp(`^WallConfigError: ${dir}/layouts/board\\.json: cannot read: no such file$`));
    await writeFile(join(dir, 'layouts/board.json'), JSON.stringify({ grid: { columns: 1, rows: 1 }, panels: [{ type: 'kpi', area: { column: 1, row: 1 }, groups: [] }] }));
    await assert.rejects(loadWallFiles(wallFile), new RegExp(`${dir}/layouts/board\\.json: panels\\.0\\.groups: `));
    await writeFile(join(dir, 'layouts/board.json'), JSON.stringify({ grid: { columns: 1, rows: 1 }, panels: [{ type: 'clock', area: { column: 1, row: 1 } }] }));
    assert.deepEqual((await loadWallFiles(wallFile)).config.displays[0]?.layout, 'board');
    await assert.rejects(loadWallFiles(join(dir, 'nope.json')), /nope\.json: cannot read: no such file/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
