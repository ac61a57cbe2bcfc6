import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArcLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { SocAlert } from '../../../feeds/protocol/feed-data.js';
import { socReducer } from '../../../feeds/soc/soc-reducer.js';
import type { SocState } from '../../../feeds/soc/soc-state.js';
import { accessorValue } from '../../../layers/common/accessor-value.js';
import { STALE_ALPHA_FACTOR } from '../../../layers/common/stale-style.js';
import { formatSocData, SOC_MAX_ARCS, SOC_RECENT_MINUTES, type SocAgencyDatum, type SocAgencyPlace, type SocArcDatum } from '../../../layers/soc/format-soc-data.js';
import { SOC_LAYER_IDS, renderSocLayers, socArcColors, type SocLayerInput } from '../../../layers/soc/soc-layers.js';
import { ARC_WIDTH_MAX_PX, arcFade, arcWidthPx, SOC_ARC_TARGET_ALPHA } from '../../../layers/soc/soc-style.js';
import { sourceNetwork } from '../../../layers/soc/source-network.js';
import { SOC_LEGEND } from '../../../layers/soc/soc-legend.js';
import { fnv1a32, sourceRingPoint, sourceRingRadius, type RegionFrame } from '../../../layers/soc/source-ring.js';
import { assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../support/prototype-ids.js';

/** Hải Dương, from regions/hai-duong/region.json. */
const region = (): RegionFrame => ({ bbox: [106.124641, 20.684122, 106.611762, 21.236878], center: [106.3682, 20.9605] });

function agencies(): SocAgencyPlace[] {
  return [
    { id: 'ubnd-tinh', name: { vi: 'UBND tỉnh Hải Dương', en: "Provincial People's Committee" }, position: [106.3297, 20.9403], ipRanges: ['10.61.1.0/24'] },
    { id: 'so-tttt', name: { vi: 'Sở Thông tin và Truyền thông', en: 'Department of Information and Communications' }, position: [106.3265, 20.9425], ipRanges: ['10.61.2.0/24'] },
    { id: 'ubnd-nam-sach', name: { vi: 'UBND huyện Nam Sách', en: 'Nam Sách District' }, position: [106.338, 21.005], ipRanges: ['10.61.103.0/24'] },
  ];
}

const T0 = Date.UTC(2025, 2, 10, 2, 0, 0);
let sequence = 0;
function alert(overrides: Partial<SocAlert>): SocAlert {
  sequence++;
  return {
    kind: 'alert', id: `a-${sequence}`, sensor: 'suricata', observedAt: T0, srcIp: '203.0.113.7', srcPort: 40000,
    destIp: '10.61.1.10', destPort: 443, proto: 'TCP', signature: 'ET SCAN Nmap', signatureId: 2000001,
    category: 'Attempted Information Leak', severity: 2, agency: 'ubnd-tinh', ...overrides,
  };
}

/**
 * ubnd-tinh: 2 alerts/minute for 30 minutes then 25 in the last minute (a burst) from external 203.0.113.7;
 * so-tttt: 3 alerts from 10.61.103.20 (Nam Sách's range: internal, lateral) one of them severity 1.
 */
function socState(): SocState {
  const state = socReducer.create();
  for (let m = 0; m < 30; m++) {
    for (let k = 0; k < 2; k++) socReducer.fold(state, alert({ observedAt: T0 + m * 60_000 + k * 1000 }), 0, 0);
  }
  for (let k = 0; k < 25; k++) socReducer.fold(state, alert({ observedAt: T0 + 30 * 60_000 + k * 1000, severity: 1 }), 0, 0);
  for (let k = 0; k < 3; k++) {
    socReducer.fold(state, alert({ observedAt: T0 + 29 * 60_000 + k, srcIp: '10.61.103.20', destIp: '10.61.2.10', agency: 'so-tttt', severity: k === 0 ? 1 : 3 }), 0, 0);
  }
  socReducer.fold(state, alert({ observedAt: T0 + 30 * 60_000 + 30_000, agency: null, destIp: '8.8.8.8' }), 0, 0);
  return state;
}

function input(overrides: Partial<SocLayerInput> = {}): SocLayerInput {
  return { state: socState(), agencies: agencies(), region: region(), visible: true, stale: false, highlight: null, time: 0, ...overrides };
}

function layer<L extends Layer>(layers: Layer[], id: string): L {
  const found = layers.find((l) => l.id === id);
  assert.ok(found, id);
  return found as L;
}

test('external source placement: deterministic, on the documented ring, outside the province bbox', () => {
  const frame = region();
  const [west, south, east, north] = frame.bbox;
  const radius = sourceRingRadius(frame);
  assert.equal(radius, 0.6, 'Hải Dương: the 0.6° minimum (farthest bbox corner ≈ 0.37°)');
  const cos = Math.cos((frame.center[1] * Math.PI) / 180);
  for (let i = 0; i < 500; i++) {
    const ip = `${(i * 37) % 223 + 1}.${(i * 11) % 256}.${(i * 7) % 256}.${i % 256}`;
    const [lon, lat] = sourceRingPoint(ip, frame);
    assert.deepEqual(sourceRingPoint(ip, frame), [lon, lat], 'same IP, same point');
    assert.ok(lon < west || lon > east || lat < south || lat > north, `${ip} → ${lon},${lat} inside the bbox`);
    // On the ring: distance from the centre (longitude scaled back by cos φ) is the radius.
    const distance = Math.hypot((lon - frame.center[0]) * cos, lat - frame.center[1]);
    assert.ok(Math.abs(distance - radius) < 1e-9);
  }
  // The documented rule, by hand: θ = FNV-1a(ip) / 2³² × 360°, clockwise from north.
  const theta = (fnv1a32('203.0.113.7') / 2 ** 32) * 2 * Math.PI;
  const expected = [106.3682 + (0.6 * Math.sin(theta)) / cos, 20.9605 + 0.6 * Math.cos(theta)];
  const actual = sourceRingPoint('203.0.113.7', frame);
  assert.ok(Math.abs(actual[0] - (expected[0] ?? 0)) < 1e-12 && Math.abs(actual[1] - (expected[1] ?? 0)) < 1e-12);
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c, 'FNV-1a 32 reference value');
  assert.notDeepEqual(sourceRingPoint('203.0.113.8', frame), actual, 'different IPs spread around the ring');
});

test('arcs: external sources start on the ring, internal (10.61.x) sources at their own agency', () => {
  const data = formatSocData(socState(), agencies(), region());
  const external = data.arcs.find((d) => d.srcIp === '203.0.113.7');
  const internal = data.arcs.find((d) => d.srcIp === '10.61.103.20');
  assert.ok(external && internal);
  assert.equal(external.sourceAgency, null);
  assert.equal(external.sourceNetwork, '203.0.113.0/24');
  assert.deepEqual(external.source, sourceRingPoint('203.0.113.0/24', region()), 'one ring point per source network');
  assert.deepEqual(external.target, [106.3297, 20.9403]);
  assert.equal(internal.sourceAgency, 'ubnd-nam-sach');
  assert.deepEqual(internal.source, [106.338, 21.005]);
  assert.deepEqual(internal.target, [106.3265, 20.9425]);
  assert.equal(internal.count, 3);
  assert.equal(internal.severity, 1, 'worst severity of the pair');
  assert.equal(data.arcs.length, 2, 'an alert with no target agency has no arc');
});

test('agency circles: sized by the recent alert count, burst detected on the spike', () => {
  const layers = renderSocLayers(input());
  const circles = layer<ScatterplotLayer<SocAgencyDatum>>(layers, SOC_LAYER_IDS.agencies);
  const data = circles.props.data as SocAgencyDatum[];
  const tinh = data.find((d) => d.id === 'ubnd-tinh');
  const tttt = data.find((d) => d.id === 'so-tttt');
  assert.ok(tinh && tttt);
  assert.equal(tinh.count, 14 * 2 + 25, 'last 15 minutes: 14 quiet minutes + the burst minute');
  assert.equal(tinh.value, tinh.count);
  assert.equal(tttt.count, 3);
  assert.ok((accessorValue(circles.props.getRadius, tinh) ?? 0) > (accessorValue(circles.props.getRadius, tttt) ?? 0));
  assert.equal(tinh.burst, true);
  assert.equal(tttt.burst, false);
  assert.equal(tinh.name.vi, 'UBND tỉnh Hải Dương');
  const bursts = layer<ScatterplotLayer<SocAgencyDatum>>(layers, SOC_LAYER_IDS.bursts);
  assert.deepEqual((bursts.props.data as SocAgencyDatum[]).map((d) => d.id), ['ubnd-tinh']);
});

test('the pulse is animated by props from time, never by new data', () => {
  // The same state, version, agencies and region objects: what the renderer passes frame after frame.
  const fixed = { state: socState(), version: 9, agencies: agencies(), region: region() };
  const at = (time: number) => layer<ScatterplotLayer<SocAgencyDatum>>(renderSocLayers(input({ ...fixed, time })), SOC_LAYER_IDS.bursts);
  const a = at(0);
  const b = at(500);
  assert.equal(a.props.data, b.props.data, 'same data object');
  assert.notEqual(a.props.radiusScale, b.props.radiusScale);
  assert.notEqual(a.props.opacity, b.props.opacity);
  assert.equal(at(1400).props.radiusScale, a.props.radiusScale, 'periodic');
});

test('stale: arc and circle colours dimmed × 0.35, the pulse stops; ids stable; hidden kept', () => {
  const state = socState();
  const live = renderSocLayers(input({ state }));
  const stale = renderSocLayers(input({ state, stale: true }));
  const arcs = (layers: Layer[]) => layer<ArcLayer<SocArcDatum>>(layers, SOC_LAYER_IDS.arcs);
  const [sample] = arcs(live).props.data as SocArcDatum[];
  assert.ok(sample);
  const liveTarget = accessorValue(arcs(live).props.getTargetColor, sample);
  const staleTarget = accessorValue(arcs(stale).props.getTargetColor, sample);
  assert.equal(staleTarget?.[3], Math.round((liveTarget?.[3] ?? 0) * STALE_ALPHA_FACTOR));
  assert.equal(layer(stale, SOC_LAYER_IDS.bursts).props.visible, false);
  assert.deepEqual(stale.map((l) => l.id), live.map((l) => l.id));
  assert.deepEqual(live.map((l) => l.id), [SOC_LAYER_IDS.arcs, SOC_LAYER_IDS.agencies, SOC_LAYER_IDS.bursts]);
  const hidden = renderSocLayers(input({ state, visible: false }));
  assert.equal(hidden.length, 3);
  for (const l of hidden) assert.equal(l.props.visible, false);
  for (const l of live) assert.equal(l.props.pickable, true);
});

test('arcs: tooltip fields, highlight widens the agency\'s arcs', () => {
  const layers = renderSocLayers(input({ highlight: 'so-tttt' }));
  const arcs = layer<ArcLayer<SocArcDatum>>(layers, SOC_LAYER_IDS.arcs);
  const data = arcs.props.data as SocArcDatum[];
  const internal = data.find((d) => d.targetAgency === 'so-tttt');
  const external = data.find((d) => d.targetAgency === 'ubnd-tinh');
  assert.ok(internal && external);
  assert.equal(internal.name.vi, 'UBND huyện Nam Sách → Sở Thông tin và Truyền thông', 'an internal source is named by its agency');
  assert.equal(external.name.vi, '203.0.113.0/24 → UBND tỉnh Hải Dương', 'an external one by its network');
  assert.equal(internal.value, 3);
  assert.equal(internal.id, 'agency:ubnd-nam-sach>so-tttt');
  const w = (d: SocArcDatum) => accessorValue(arcs.props.getWidth, d) ?? 0;
  assert.equal(w(internal), 2 * arcWidthPx(3), 'highlighted: twice its width');
  assert.equal(w(external), arcWidthPx(external.count));
});

test('an empty SOC state draws nothing but keeps the layers', () => {
  const layers = renderSocLayers(input({ state: socReducer.create() }));
  assert.equal(layers.length, 3);
  for (const l of layers) assert.deepEqual(l.props.data, []);
});

test('legend: bilingual', () => {
  for (const item of SOC_LEGEND.items) assert.ok(item.label.vi && item.label.en);
});

test('with nothing selected no arc is highlighted (an external source has no agency, which is not a match for null)', () => {
  const layers = renderSocLayers(input({ highlight: null }));
  const arcs = layer<ArcLayer<SocArcDatum>>(layers, SOC_LAYER_IDS.arcs);
  const external = (arcs.props.data as SocArcDatum[]).find((d) => d.sourceAgency === null);
  assert.ok(external);
  const selected = renderSocLayers(input({ highlight: external.targetAgency }));
  const w = (l: Layer[], d: SocArcDatum) => accessorValue(layer<ArcLayer<SocArcDatum>>(l, SOC_LAYER_IDS.arcs).props.getWidth, d) ?? 0;
  assert.ok(w(layers, external) < w(selected, external), 'the unselected width is the narrow one');
});

test('agencies named like Object.prototype members get their circles and arcs, from a parsed state too', () => {
  const places: SocAgencyPlace[] = PROTOTYPE_IDS.map((id, n) => ({ id, name: { vi: id, en: id }, position: [106.3 + n / 100, 20.94], ipRanges: [`10.62.${n}.0/24`] }));
  const state = socReducer.create();
  // n + 1 alerts on agency n, from one external source; "__proto__" also attacks "valueOf" from inside.
  PROTOTYPE_IDS.forEach((agency, n) => {
    for (let k = 0; k <= n; k++) socReducer.fold(state, alert({ observedAt: T0 + k * 1000, agency, destIp: `10.62.${n}.10` }), 0, 0);
  });
  socReducer.fold(state, alert({ observedAt: T0 + 10_000, agency: 'valueOf', srcIp: '10.62.0.5', destIp: '10.62.4.10' }), 0, 0);
  for (const s of [state, throughJson(state)]) {
    const data = formatSocData(s, places, region());
    assert.deepEqual(data.agencies.map((d) => [d.id, d.count]), [
      ['__proto__', 1],
      ['constructor', 2],
      ['hasOwnProperty', 4],
      ['toString', 3],
      ['valueOf', 6],
    ]);
    const internal = data.arcs.find((arc) => arc.srcIp === '10.62.0.5');
    assert.equal(internal?.sourceAgency, '__proto__');
    assert.equal(internal?.targetAgency, 'valueOf');
  }
  assertPrototypeClean();
});

test('source networks: IPv4 /24, IPv6 /48, anything else its own group', () => {
  assert.equal(sourceNetwork('203.0.113.7'), '203.0.113.0/24');
  assert.equal(sourceNetwork('203.0.113.254'), '203.0.113.0/24');
  assert.equal(sourceNetwork('198.51.100.1'), '198.51.100.0/24');
  assert.equal(sourceNetwork('2001:db8:abcd:12::1'), '2001:db8:abcd::/48');
  assert.equal(sourceNetwork('2001:db8::1'), '2001:db8:0::/48');
  assert.equal(sourceNetwork('scanner.example'), 'scanner.example');
});

/** Many sources hitting many agencies: 4 hosts in each of 3 external /24s, each once on each of 40 agencies (480 alerts, under the state's 500). */
function floodState(): { state: SocState; places: SocAgencyPlace[] } {
  const places: SocAgencyPlace[] = Array.from({ length: 40 }, (_, i) => ({ id: `ag-${i}`, name: { vi: `Cơ quan ${i}`, en: `Agency ${i}` }, position: [106.2 + i * 0.005, 20.9] as const, ipRanges: [`10.70.${i}.0/24`] }));
  const state = socReducer.create();
  let n = 0;
  for (const net of ['192.0.2.', '198.51.100.', '203.0.113.']) {
    for (let host = 1; host <= 254; host += 70) {
      for (const place of places) {
        n++;
        socReducer.fold(state, alert({ observedAt: T0 + (n % 600) * 1000, srcIp: `${net}${host}`, agency: place.id, destIp: '10.70.0.10', severity: place.id === 'ag-7' ? 1 : 3 }), 0, 0);
      }
    }
  }
  return { state, places };
}

test(`arcs are aggregated by source network → target agency, and never more than ${SOC_MAX_ARCS} are drawn`, () => {
  const { state, places } = floodState();
  const data = formatSocData(state, places, region());
  assert.ok(data.arcGroups > SOC_MAX_ARCS, `more groups (${data.arcGroups}) than the cap`);
  assert.equal(data.arcs.length, SOC_MAX_ARCS);
  const layers = renderSocLayers({ ...input(), state, agencies: places });
  assert.equal((layer<ArcLayer<SocArcDatum>>(layers, SOC_LAYER_IDS.arcs).props.data as SocArcDatum[]).length, SOC_MAX_ARCS, 'the layer draws the cut list');
  // One arc per (network, agency): the hosts of a /24 are folded into one arc.
  const keys = data.arcs.map((arc) => arc.id);
  assert.equal(new Set(keys).size, keys.length);
  for (const arc of data.arcs) {
    assert.match(arc.sourceKey, /^(192\.0\.2|198\.51\.100|203\.0\.113)\.0\/24$/);
    assert.ok(arc.sourceAddresses > 1 && arc.count === arc.sourceAddresses, `${arc.id}: ${arc.count} alerts from ${arc.sourceAddresses} hosts`);
  }
  // The high-severity agency's three arcs rank first (score: a high alert weighs four low ones) and are drawn last.
  assert.deepEqual(data.arcs.slice(-3).map((arc) => arc.targetAgency), ['ag-7', 'ag-7', 'ag-7']);
  for (let i = 1; i < data.arcs.length; i++) assert.ok((data.arcs[i - 1]?.score ?? 0) <= (data.arcs[i]?.score ?? 0), 'weakest first');
});

test('arcs: width by count (capped), fading with the age of their latest alert', () => {
  assert.equal(arcWidthPx(1), 1.5);
  assert.equal(arcWidthPx(4), 3.5);
  assert.equal(arcWidthPx(1_000_000), ARC_WIDTH_MAX_PX);
  const state = socReducer.create();
  const windowMs = SOC_RECENT_MINUTES * 60_000;
  socReducer.fold(state, alert({ observedAt: T0, srcIp: '192.0.2.9' }), 0, 0);
  // The window starts at the minute 14 minutes before the current one: T0 + 1 min here.
  socReducer.fold(state, alert({ observedAt: T0 + 70_000, srcIp: '198.51.100.9' }), 0, 0);
  socReducer.fold(state, alert({ observedAt: T0 + windowMs, srcIp: '203.0.113.9' }), 0, 0);
  const data = formatSocData(state, agencies(), region());
  const fresh = data.arcs.find((arc) => arc.sourceKey === '203.0.113.0/24');
  const old = data.arcs.find((arc) => arc.sourceKey === '198.51.100.0/24');
  assert.ok(fresh && old);
  assert.equal(data.arcs.some((arc) => arc.sourceKey === '192.0.2.0/24'), false, 'out of the recent window: no arc');
  assert.equal(fresh.freshness, 1);
  assert.ok(old.freshness < 0.2, `an alert near the start of the window is nearly faded (${old.freshness})`);
  assert.equal(socArcColors(fresh, false, false).target[3], SOC_ARC_TARGET_ALPHA);
  assert.equal(socArcColors(old, false, false).target[3], Math.round(SOC_ARC_TARGET_ALPHA * arcFade(old.freshness)));
  assert.ok(socArcColors(old, false, false).target[3] < socArcColors(fresh, false, false).target[3]);
});
