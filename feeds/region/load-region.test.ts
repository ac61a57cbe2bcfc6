import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFieldPath, loadRegion, RegionError } from './load-region.js';

const PACK = fileURLToPath(new URL('../../regions/hai-duong/', import.meta.url));

/** A fresh copy of the shipped pack in a temp folder, removed after the test. */
async function copyPack(t: TestContext): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'region-pack-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'pack');
  await cp(PACK, dir, { recursive: true });
  return dir;
}

type JsonPath = readonly (string | number)[];

function child(node: unknown, key: string | number): unknown {
  if (typeof node !== 'object' || node === null) throw new Error(`cannot descend into ${String(node)} at ${key}`);
  return Reflect.get(node, key);
}

/**
 * Rewrite one JSON file of the pack: each patch sets the value at a path (an index past the end appends to an
 * array); `undefined` deletes the field.
 */
async function patchJson(dir: string, file: string, ...patches: readonly [JsonPath, unknown][]): Promise<void> {
  const path = join(dir, file);
  const data: unknown = JSON.parse(await readFile(path, 'utf8'));
  for (const [at, value] of patches) {
    const parent = at.slice(0, -1).reduce(child, data);
    const last = at[at.length - 1];
    if (typeof parent !== 'object' || parent === null || last === undefined) throw new Error(`bad patch ${at.join('.')}`);
    if (value === undefined) Reflect.deleteProperty(parent, last);
    else Reflect.set(parent, last, value);
  }
  await writeFile(path, JSON.stringify(data));
}

/** Load the pack and return the RegionError it must fail with. */
async function loadError(dir: string): Promise<RegionError> {
  try {
    await loadRegion(dir);
  } catch (error) {
    assert.ok(error instanceof RegionError, `expected a RegionError, got ${String(error)}`);
    return error;
  }
  return assert.fail('the pack loaded');
}

/** The message has a line `<dir>/<file>: <path>: <message…>`. */
function assertLine(error: RegionError, dir: string, file: string, path: string, message: string | RegExp): void {
  const prefix = path === '' ? `${join(dir, file)}: ` : `${join(dir, file)}: ${path}: `;
  const lines = error.message.split('\n').filter((line) => line.startsWith(prefix));
  assert.ok(lines.length > 0, `no line starting with "${prefix}" in:\n${error.message}`);
  const matches = (line: string) =>
    typeof message === 'string' ? line.slice(prefix.length) === message : message.test(line.slice(prefix.length));
  assert.ok(lines.some(matches), `no line "${prefix}${String(message)}" in:\n${error.message}`);
}

test('the copied pack loads (the mutations below are the only problems)', async (t) => {
  const dir = await copyPack(t);
  const region = await loadRegion(dir);
  assert.equal(region.stations.length, 20);
});

test('the declared administrative tiers: groupBy must name a declared tier, tier ids are unique', async (t) => {
  const dir = await copyPack(t);
  const region = await loadRegion(dir);
  assert.equal(region.manifest.admin?.groupBy, 'district');
  // Units carry their kind from the source ("type"): TP Hải Dương is a city, the others districts or a town.
  assert.equal(region.districts.find((d) => d.code === '288')?.type, 'Thành phố');
  assert.ok(region.districts.every((d) => d.type !== null));
  await patchJson(dir, 'region.json', [['admin', 'groupBy'], 'commune']);
  assertLine(await loadError(dir), dir, 'region.json', 'admin.groupBy', 'groupBy must name one of the declared tiers');
  await patchJson(dir, 'region.json', [['admin', 'groupBy'], 'district'], [['admin', 'tiers', 1, 'id'], 'province']);
  assertLine(await loadError(dir), dir, 'region.json', 'admin.tiers', 'a tier id is listed twice');
});

test('a missing region.json', async (t) => {
  const dir = await copyPack(t);
  await rm(join(dir, 'region.json'));
  assertLine(await loadError(dir), dir, 'region.json', '', /file not found/);
});

test('a file named by region.json is missing', async (t) => {
  const dir = await copyPack(t);
  await rm(join(dir, 'stations.geojson'));
  assertLine(await loadError(dir), dir, 'region.json', 'files.stations', `file not found: ${join(dir, 'stations.geojson')}`);
});

test('a file that is not JSON', async (t) => {
  const dir = await copyPack(t);
  await writeFile(join(dir, 'agencies.json'), '{ "agencies": [ ');
  assertLine(await loadError(dir), dir, 'agencies.json', '', /^not valid JSON/);
});

test('a field of the wrong type', async (t) => {
  const dir = await copyPack(t);
  await patchJson(dir, 'stations.geojson', [['features', 2, 'properties', 'parameters'], 'pm25']);
  await patchJson(dir, 'region.json', [['zoom'], '10']);
  await patchJson(dir, 'agencies.json', [['agencies', 4, 'systems', 0, 'port'], 70000]);
  const error = await loadError(dir);
  assertLine(error, dir, 'region.json', 'zoom', /expected number/);
  // region.json is read first: a broken manifest stops before the other files.
  assert.equal(error.problems.length, 1);

  await patchJson(dir, 'region.json', [['zoom'], 10]);
  const second = await loadError(dir);
  assertLine(second, dir, 'stations.geojson', 'features[2].properties.parameters', /expected array/);
  assertLine(second, dir, 'agencies.json', 'agencies[4].systems[0].port', /65535/);
});

test('values outside their sets: site, parameter, agency kind, geometry type, unknown field', async (t) => {
  const dir = await copyPack(t);
  await patchJson(
    dir,
    'stations.geojson',
    [['features', 0, 'properties', 'site'], 'harbour'],
    [['features', 1, 'properties', 'parameters'], ['so2', 'no2']],
    [['features', 2, 'properties', 'paramters'], ['pm25']],
    [['features', 3, 'geometry'], { type: 'LineString', coordinates: [[106.3, 20.9], [106.31, 20.91]] }],
  );
  await patchJson(
    dir,
    'agencies.json',
    [['agencies', 0, 'kind'], 'ministry'],
    [['agencies', 1, 'ipRanges', 0], '10.61.2.0/33'],
  );
  const error = await loadError(dir);
  assertLine(error, dir, 'stations.geojson', 'features[0].properties.site', /expected one of/);
  assertLine(error, dir, 'stations.geojson', 'features[1].properties.parameters', 'a station measures at least one of pm25, pm10');
  assertLine(error, dir, 'stations.geojson', 'features[2].properties', /paramters/);
  assertLine(error, dir, 'stations.geojson', 'features[3].geometry.type', /Point/);
  assertLine(error, dir, 'agencies.json', 'agencies[0].kind', /expected one of/);
  assertLine(error, dir, 'agencies.json', 'agencies[1].ipRanges[0]', /./);
});

test('an unknown district code', async (t) => {
  const dir = await copyPack(t);
  await patchJson(dir, 'stations.geojson', [['features', 3, 'properties', 'district'], '999']);
  await patchJson(dir, 'agencies.json', [['agencies', 7, 'district'], '301']);
  await patchJson(dir, 'district-seats.geojson', [['features', 0, 'properties', 'district'], '289']);
  const error = await loadError(dir);
  assert.ok(error.message.includes(`${join(dir, 'stations.geojson')}: features[3].properties.district: unknown district "999"`));
  assertLine(error, dir, 'agencies.json', 'agencies[7].district', 'unknown district "301"');
  assertLine(error, dir, 'district-seats.geojson', 'features[0].properties.district', 'unknown district "289"');
});

test('a duplicate station id', async (t) => {
  const dir = await copyPack(t);
  await patchJson(dir, 'stations.geojson', [['features', 5, 'properties', 'id'], 'HD-AQ-02']);
  assertLine(await loadError(dir), dir, 'stations.geojson', 'features[5].properties.id', 'duplicate station id "HD-AQ-02" (also features[1])');
});

test('duplicate agency ids and district seats', async (t) => {
  const dir = await copyPack(t);
  await patchJson(dir, 'agencies.json', [['agencies', 9, 'id'], 'ubnd-tinh']);
  await patchJson(dir, 'district-seats.geojson', [['features', 1, 'properties', 'district'], '288']);
  const error = await loadError(dir);
  assertLine(error, dir, 'agencies.json', 'agencies[9].id', 'duplicate agency id "ubnd-tinh" (also agencies[0])');
  assertLine(error, dir, 'district-seats.geojson', 'features[1].properties.district', 'a second seat for district "288" (also features[0])');
});

test('overlapping CIDR blocks', async (t) => {
  const dir = await copyPack(t);
  await patchJson(
    dir,
    'agencies.json',
    [['agencies', 3, 'ipRanges', 1], '10.61.1.128/25'], // inside agencies[0]'s 10.61.1.0/24
    [['agencies', 5, 'ipRanges', 1], '10.61.5.0/24'], // equal to agencies[3]'s first block
  );
  const error = await loadError(dir);
  assertLine(error, dir, 'agencies.json', 'agencies[3].ipRanges[1]', '"10.61.1.128/25" overlaps "10.61.1.0/24" (agencies[0].ipRanges[0], "ubnd-tinh")');
  assertLine(error, dir, 'agencies.json', 'agencies[5].ipRanges[1]', '"10.61.5.0/24" overlaps "10.61.5.0/24" (agencies[3].ipRanges[0], "ioc")');
});

test("a CIDR block with host bits set, a system outside its agency's ranges", async (t) => {
  const dir = await copyPack(t);
  await patchJson(
    dir,
    'agencies.json',
    [['agencies', 2, 'ipRanges', 0], '10.61.3.7/24'],
    [['agencies', 6, 'systems', 0, 'host'], '10.61.250.10'],
    [['agencies', 6, 'systems', 1], { name: 'Máy chủ nội bộ', host: 'intranet.example', port: 443 }],
  );
  const error = await loadError(dir);
  assertLine(error, dir, 'agencies.json', 'agencies[2].ipRanges[0]', '"10.61.3.7/24" has host bits set (the block is "10.61.3.0/24")');
  assertLine(error, dir, 'agencies.json', 'agencies[6].systems[0].host', "10.61.250.10 is outside the agency's ipRanges");
  assert.equal(error.problems.length, 2, 'a host name is not checked against the ranges');
});

test('a point outside the province', async (t) => {
  const dir = await copyPack(t);
  await patchJson(dir, 'stations.geojson', [['features', 0, 'geometry', 'coordinates'], [105.8542, 21.0285]]); // Hà Nội
  await patchJson(dir, 'agencies.json', [['agencies', 1, 'position'], [106.6881, 20.8449]]); // Hải Phòng
  await patchJson(dir, 'district-seats.geojson', [['features', 11, 'geometry', 'coordinates'], [106.2, 20.6]]);
  const error = await loadError(dir);
  assertLine(error, dir, 'stations.geojson', 'features[0].geometry.coordinates', '[105.8542, 21.0285] lies outside the province');
  assertLine(error, dir, 'agencies.json', 'agencies[1].position', /outside the province/);
  assertLine(error, dir, 'district-seats.geojson', 'features[11].geometry.coordinates', /outside the province/);
});

test('region.json: bbox, centre, file names, time zone and the simulator roads', async (t) => {
  const dir = await copyPack(t);
  await patchJson(
    dir,
    'region.json',
    [['bbox'], [106.2, 20.7, 106.6, 21.2]],
    [['center'], [106.7, 21.0]],
    [['roads', 'ids'], ['QL.5', 'QL.18']],
    [['roads', 'freeFlowKmh'], { 'QL.5': 70, 'QL.10': 60 }],
  );
  const error = await loadError(dir);
  assertLine(error, dir, 'region.json', 'bbox', /^does not contain the province/);
  assertLine(error, dir, 'region.json', 'center', 'lies outside bbox');
  assertLine(error, dir, 'region.json', 'roads.ids[1]', /^no feature with ref "QL\.18"/);
  assertLine(error, dir, 'region.json', 'roads.freeFlowKmh', 'no speed for "QL.18"');
  assertLine(error, dir, 'region.json', 'roads.freeFlowKmh["QL.10"]', '"QL.10" is not in roads.ids');

  await patchJson(dir, 'region.json', [['files', 'stations'], '../stations.geojson'], [['timeZone'], 'Asia/Hai_Duong']);
  const second = await loadError(dir);
  assertLine(second, dir, 'region.json', 'files.stations', /file name inside the pack folder/);
  assertLine(second, dir, 'region.json', 'timeZone', /IANA time zone/);
});

test('road refs named like Object.prototype members are refs like any other, with their own speeds', async (t) => {
  const dir = await copyPack(t);
  // features[0] is QL.10, features[2] CT.04: renamed. A "__proto__" key needs JSON.parse to be an own key.
  await patchJson(dir, 'routes-osm-2021.geojson', [['features', 0, 'properties', 'ref'], '__proto__'], [['features', 2, 'properties', 'ref'], 'constructor']);
  await patchJson(dir, 'region.json', [['roads', 'ids'], ['QL.5', '__proto__', 'constructor']], [['roads', 'freeFlowKmh'], JSON.parse('{"QL.5":70,"__proto__":55,"constructor":65}')]);
  const region = await loadRegion(dir);
  const speed = (ref: string) => region.roads.find((road) => road.ref === ref)?.freeFlowKmh;
  assert.deepEqual([speed('QL.5'), speed('__proto__'), speed('constructor')], [70, 55, 65]);
  assert.deepEqual(Object.keys(region.manifest.roads.freeFlowKmh), ['QL.5', '__proto__', 'constructor']);

  // Without their speeds they are missing speeds (not Object.prototype's members), and an extra "__proto__"
  // speed is reported like any other extra (zod's record would drop it without a word).
  await patchJson(dir, 'region.json', [['roads', 'freeFlowKmh'], { 'QL.5': 70 }]);
  const error = await loadError(dir);
  assertLine(error, dir, 'region.json', 'roads.freeFlowKmh', 'no speed for "__proto__"');
  assertLine(error, dir, 'region.json', 'roads.freeFlowKmh', 'no speed for "constructor"');
  await patchJson(dir, 'region.json', [['roads', 'ids'], ['QL.5']], [['roads', 'freeFlowKmh'], JSON.parse('{"QL.5":70,"__proto__":-1}')]);
  assertLine(await loadError(dir), dir, 'region.json', 'roads.freeFlowKmh.__proto__', /expected number to be >0/);
  await patchJson(dir, 'region.json', [['roads', 'freeFlowKmh'], JSON.parse('{"QL.5":70,"__proto__":50,"toString":60}')]);
  const extra = await loadError(dir);
  assertLine(extra, dir, 'region.json', 'roads.freeFlowKmh.__proto__', '"__proto__" is not in roads.ids');
  assertLine(extra, dir, 'region.json', 'roads.freeFlowKmh.toString', '"toString" is not in roads.ids');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('a railway cannot be a simulated road', async (t) => {
  const dir = await copyPack(t);
  // features[1] is the Hà Nội – Hải Phòng railway (route=train)
  await patchJson(dir, 'routes-osm-2021.geojson', [['features', 1, 'properties', 'ref'], 'DS.1']);
  await patchJson(dir, 'region.json', [['roads', 'ids', 3], 'DS.1'], [['roads', 'freeFlowKmh', 'DS.1'], 80]);
  assertLine(await loadError(dir), dir, 'region.json', 'roads.ids[3]', '"DS.1" is a railway, not a road');
});

test('every problem of every file is reported, one per line', async (t) => {
  const dir = await copyPack(t);
  await patchJson(dir, 'stations.geojson', [['features', 0, 'properties', 'name'], '']);
  await patchJson(dir, 'district-seats.geojson', [['features', 4, 'properties', 'name_en'], undefined]);
  await rm(join(dir, 'waterways-osm-2021.geojson'));
  const error = await loadError(dir);
  assert.equal(error.problems.length, 3, error.message);
  assert.equal(error.message.split('\n').length, 3);
  assertLine(error, dir, 'stations.geojson', 'features[0].properties.name', /./);
  assertLine(error, dir, 'district-seats.geojson', 'features[4].properties.name_en', /./);
  assertLine(error, dir, 'region.json', 'files.waterways', /file not found/);
});

test('formatFieldPath', () => {
  assert.equal(formatFieldPath([]), '');
  assert.equal(formatFieldPath(['features', 3, 'properties', 'district']), 'features[3].properties.district');
  assert.equal(formatFieldPath(['roads', 'freeFlowKmh', 'QL.5']), 'roads.freeFlowKmh["QL.5"]');
  assert.equal(formatFieldPath([0, 'id']), '[0].id');
});
