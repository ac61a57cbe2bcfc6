import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkRegionPack } from './check-region.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PACK = join(REPO, 'regions/hai-duong');

async function copyPack(t: TestContext): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'region-check-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'pack');
  await cp(PACK, dir, { recursive: true });
  return dir;
}

interface Geo {
  features: { geometry: { coordinates: unknown }; properties: { code?: string } }[];
}

async function editGeo(dir: string, file: string, edit: (geo: Geo) => void): Promise<void> {
  const path = join(dir, file);
  const geo = JSON.parse(await readFile(path, 'utf8')) as Geo;
  edit(geo);
  await writeFile(path, JSON.stringify(geo));
}

test('the shipped pack passes', async () => {
  assert.deepEqual(await checkRegionPack(PACK), []);
});

test('a pack without SOURCES.md: missing attribution, named by file', async (t) => {
  const dir = await copyPack(t);
  await rm(join(dir, 'SOURCES.md'));
  const problems = await checkRegionPack(dir);
  assert.deepEqual(problems, [{ file: join(dir, 'SOURCES.md'), path: '', message: 'missing attribution: the pack has no SOURCES.md' }]);
});

test('a unit moved outside the outline, a station outside every unit', async (t) => {
  const dir = await copyPack(t);
  // Shift unit 3 a whole degree east: outside the province outline.
  await editGeo(dir, 'districts.geojson', (geo) => {
    const shift = (node: unknown): unknown =>
      Array.isArray(node) && typeof node[0] === 'number' ? [Number(node[0]) + 1, node[1]] : Array.isArray(node) ? node.map(shift) : node;
    const unit = geo.features[3];
    assert.ok(unit);
    unit.geometry.coordinates = shift(unit.geometry.coordinates);
  });
  const problems = await checkRegionPack(dir);
  const unitProblem = problems.find((p) => p.file === join(dir, 'districts.geojson') && p.path === 'features[3].geometry');
  assert.ok(unitProblem, JSON.stringify(problems));
  assert.match(unitProblem.message, /lies outside the outline/);
  // Stations that were inside unit 3 are now outside every unit (the province still holds them).
  assert.ok(problems.some((p) => p.file === join(dir, 'stations.geojson') && /outside every unit/.test(p.message)), JSON.stringify(problems));
});

test('bad geometry and duplicate codes name the file and the field', async (t) => {
  const dir = await copyPack(t);
  await editGeo(dir, 'districts.geojson', (geo) => {
    const unit = geo.features[1];
    assert.ok(unit);
    unit.geometry.coordinates = [[[106.3, 20.9], [106.4, 20.9]]];
  });
  const problems = await checkRegionPack(dir);
  assert.ok(
    problems.some((p) => p.file === join(dir, 'districts.geojson') && p.path.startsWith('features[1].geometry')),
    JSON.stringify(problems),
  );
  // A pack whose files parse goes on to the cross-checks: a code used twice.
  const second = await copyPack(t);
  await editGeo(second, 'districts.geojson', (geo) => {
    const [first, , third] = geo.features;
    assert.ok(first && third);
    third.properties.code = first.properties.code;
  });
  const duplicates = await checkRegionPack(second);
  assert.ok(
    duplicates.some((p) => p.file === join(second, 'districts.geojson') && p.path === 'features[2].properties.code' && /duplicate/.test(p.message)),
    JSON.stringify(duplicates),
  );
});

test('npm run region -- check: exit 1 and one line per problem, file and field', async (t) => {
  const dir = await copyPack(t);
  await rm(join(dir, 'SOURCES.md'));
  const run = promisify(execFile);
  await assert.rejects(run('npx', ['tsx', join(REPO, 'scripts/region.ts'), 'check', dir], { cwd: REPO, timeout: 60_000 }), (error: unknown) => {
    assert.ok(error instanceof Error && 'code' in error && 'stderr' in error);
    assert.equal(error.code, 1);
    assert.match(String(error.stderr), new RegExp(`${join(dir, 'SOURCES.md')}: missing attribution`));
    return true;
  });
  const ok = await run('npx', ['tsx', join(REPO, 'scripts/region.ts'), 'check', PACK], { cwd: REPO, timeout: 60_000 });
  assert.match(ok.stdout, /passes/);
});
