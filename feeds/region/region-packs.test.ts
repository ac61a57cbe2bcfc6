import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { findAgencyByIp, ipInCidr } from './cidr.js';
import { loadRegion } from './load-region.js';
import type { District, LonLat, Region } from './region-schema.js';

/** The packs shipped in the repo: every folder of regions/ must load and be consistent. */
const REGIONS_DIR = fileURLToPath(new URL('../../regions/', import.meta.url));
const HAI_DUONG = join(REGIONS_DIR, 'hai-duong');

function districtOf(region: Region, code: string): District {
  return region.districts.find((d) => d.code === code) ?? assert.fail(`no district ${code}`);
}

function assertInDistrict(region: Region, what: string, code: string, position: LonLat): void {
  const district = districtOf(region, code);
  assert.ok(booleanPointInPolygon(position, district.geometry), `${what} [${position.join(', ')}] is not inside ${district.name}`);
}

test('every shipped pack loads, and its stations, seats and agencies lie in their own district', async () => {
  const packs = (await readdir(REGIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  assert.ok(packs.includes('hai-duong'));
  for (const name of packs) {
    const region = await loadRegion(join(REGIONS_DIR, name));
    assert.equal(region.manifest.id, name, 'the folder is named after the pack id');
    for (const s of region.stations) assertInDistrict(region, `${name} station ${s.id}`, s.district, s.position);
    for (const s of region.seats) assertInDistrict(region, `${name} seat of ${s.district}`, s.district, s.position);
    for (const a of region.agencies) assertInDistrict(region, `${name} agency ${a.id}`, a.district, a.position);
  }
});

test('the Hải Dương pack: 12 districts, 20 stations, ≥ 28 agencies, one seat per district', async () => {
  const region = await loadRegion(HAI_DUONG);
  assert.equal(region.dir, HAI_DUONG.replace(/\/$/, ''));
  assert.equal(region.manifest.id, 'hai-duong');
  assert.equal(region.manifest.timeZone, 'Asia/Ho_Chi_Minh');
  assert.equal(region.province.code, '30');
  assert.equal(region.districts.length, 12);
  assert.equal(region.stations.length, 20);
  assert.ok(region.agencies.length >= 28, `${region.agencies.length} agencies`);
  assert.equal(region.seats.length, 12);
  assert.deepEqual(
    new Set(region.seats.map((s) => s.district)),
    new Set(region.districts.map((d) => d.code)),
    'every district has its seat',
  );
  // Each district has its People's Committee among the agencies, at the seat.
  for (const seat of region.seats) {
    const committee = region.agencies.find((a) => a.kind === 'district-committee' && a.district === seat.district);
    assert.ok(committee, `no committee for ${seat.district}`);
    assert.deepEqual(committee.position, seat.position);
  }
});

test('the Hải Dương stations: unique ids, every one measures particulates, most measure everything', async () => {
  const { stations } = await loadRegion(HAI_DUONG);
  assert.equal(new Set(stations.map((s) => s.id)).size, stations.length);
  for (const s of stations) assert.ok(s.parameters.includes('pm25') || s.parameters.includes('pm10'), s.id);
  const complete = stations.filter((s) => s.parameters.length === 6).length;
  assert.ok(complete >= 15 && complete < stations.length, `${complete} stations measure all six`);
  const sites = new Set(stations.map((s) => s.site));
  for (const site of ['urban', 'industrial', 'traffic', 'background', 'cement', 'power-plant'] as const) {
    assert.ok(sites.has(site), `no ${site} station`);
  }
});

test('the Hải Dương roads: the simulator gets QL.5, QL.10 and CT.04 with speeds; railways are rail', async () => {
  const { roads, manifest } = await loadRegion(HAI_DUONG);
  const simulated = roads.filter((r) => r.freeFlowKmh !== null);
  assert.deepEqual(simulated.map((r) => r.ref).sort(), ['CT.04', 'QL.10', 'QL.5']);
  assert.deepEqual(Object.fromEntries(simulated.map((r) => [r.ref, r.freeFlowKmh])), { ...manifest.roads.freeFlowKmh });
  assert.ok(simulated.every((r) => r.kind === 'road' && r.lines.length > 0 && r.lines.every((l) => l.length >= 2)));
  assert.equal(roads.filter((r) => r.kind === 'rail').length, 2);
});

test('the Hải Dương agencies: IP ranges inside 10.61.0.0/16, systems reachable by address', async () => {
  const { agencies } = await loadRegion(HAI_DUONG);
  for (const agency of agencies) {
    for (const range of agency.ipRanges) {
      assert.ok(ipInCidr(range.split('/')[0] ?? '', '10.61.0.0/16'), `${agency.id} ${range}`);
    }
    for (const system of agency.systems) assert.equal(findAgencyByIp(agencies, system.host)?.id, agency.id);
  }
  for (const id of ['ubnd-tinh', 'so-tttt', 'ttdl', 'ioc', 'so-tnmt', 'cong-an-tinh', 'tt-phvhcc']) {
    assert.ok(agencies.some((a) => a.id === id), `missing ${id}`);
  }
});
