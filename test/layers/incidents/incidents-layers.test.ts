import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { incidentsReducer, type IncidentsState } from '../../../feeds/incidents/incidents-reducer.js';
import type { Incident } from '../../../feeds/protocol/incident.js';
import { accessorValue } from '../../../layers/common/accessor-value.js';
import { STALE_ALPHA_FACTOR } from '../../../layers/common/stale-style.js';
import { formatIncidentsData, type IncidentDatum } from '../../../layers/incidents/format-incidents-data.js';
import { geometryPoint } from '../../../layers/incidents/incident-position.js';
import { INCIDENT_SEVERITY_COLORS } from '../../../layers/incidents/incident-style.js';
import { INCIDENTS_LAYER_IDS, renderIncidentsLayers, type IncidentsLayerInput } from '../../../layers/incidents/incidents-layers.js';
import { INCIDENTS_LEGEND } from '../../../layers/incidents/incidents-legend.js';
import { assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../support/prototype-ids.js';

/** Loosely typed on purpose: some fixtures are invalid (unknown severity, no geometry) to test robustness. */
function incident(id: string, severity: string, state: string, geometry: unknown): Incident {
  return {
    id, kind: 'traffic-accident', severity, state, geometry, count: 2, escalation: 0, openedAt: 1_000,
    title: { vi: `Sự cố ${id}`, en: `Incident ${id}` },
  } as unknown as Incident;
}

function incidentsState(): IncidentsState {
  const s = incidentsReducer.create();
  const items = [
    incident('i-crit', 'critical', 'open', { type: 'Point', coordinates: [106.33, 20.94] }),
    incident('i-high', 'high', 'acknowledged', { type: 'LineString', coordinates: [[106.2, 20.9], [106.4, 20.9]] }),
    incident('i-med', 'medium', 'assigned', { type: 'Polygon', coordinates: [[[106.0, 21.0], [106.2, 21.0], [106.2, 21.2], [106.0, 21.2], [106.0, 21.0]]] }),
    incident('i-low', 'low', 'open', { type: 'Point', coordinates: [106.5, 20.8] }),
    incident('i-done', 'critical', 'resolved', { type: 'Point', coordinates: [106.1, 20.8] }),
    incident('i-bad', 'catastrophic', 'open', { type: 'Point', coordinates: [106.1, 20.8] }),
    incident('i-nowhere', 'high', 'open', null),
  ];
  items.forEach((item, i) => incidentsReducer.fold(s, { kind: 'incident', incident: item }, i, i + 1));
  return s;
}

function input(overrides: Partial<IncidentsLayerInput> = {}): IncidentsLayerInput {
  return { state: incidentsState(), visible: true, stale: false, highlight: null, time: 0, ...overrides };
}

function markers(layers: Layer[]): ScatterplotLayer<IncidentDatum> {
  const found = layers.find((l) => l.id === INCIDENTS_LAYER_IDS.markers);
  assert.ok(found);
  return found as ScatterplotLayer<IncidentDatum>;
}

function datum(layer: ScatterplotLayer<IncidentDatum>, id: string): IncidentDatum {
  const found = (layer.props.data as IncidentDatum[]).find((d) => d.id === id);
  assert.ok(found, id);
  return found;
}

test('markers by severity: critical red, high orange, medium yellow, low blue', () => {
  const layer = markers(renderIncidentsLayers(input()));
  const fill = (id: string) => accessorValue(layer.props.getFillColor, datum(layer, id))?.slice(0, 3);
  assert.deepEqual(fill('i-crit'), [...INCIDENT_SEVERITY_COLORS.critical]);
  assert.deepEqual(fill('i-high'), [...INCIDENT_SEVERITY_COLORS.high]);
  assert.deepEqual(fill('i-med'), [...INCIDENT_SEVERITY_COLORS.medium]);
  assert.deepEqual(fill('i-low'), [...INCIDENT_SEVERITY_COLORS.low]);
  const [r, g, b] = INCIDENT_SEVERITY_COLORS.critical;
  assert.ok(r > 200 && g < 80 && b < 80, 'critical is red');
  const low = INCIDENT_SEVERITY_COLORS.low;
  assert.ok(low[2] > low[0] && low[2] > low[1], 'low is blue');
});

test('unacknowledged incidents are larger, with a thicker outline, and get a halo', () => {
  const layers = renderIncidentsLayers(input());
  const layer = markers(layers);
  const open = datum(layer, 'i-low');
  const assigned = datum(layer, 'i-med');
  assert.equal(open.unacknowledged, true);
  assert.equal(assigned.unacknowledged, false);
  // Low (open) is drawn larger than medium (assigned) despite the lower severity.
  assert.ok((accessorValue(layer.props.getRadius, open) ?? 0) > (accessorValue(layer.props.getRadius, assigned) ?? 0));
  assert.ok((accessorValue(layer.props.getLineWidth, open) ?? 0) > (accessorValue(layer.props.getLineWidth, assigned) ?? 0));
  assert.deepEqual(accessorValue(layer.props.getLineColor, open), [255, 255, 255, 255]);
  const halos = layers.find((l) => l.id === INCIDENTS_LAYER_IDS.halos) as ScatterplotLayer<IncidentDatum>;
  assert.deepEqual((halos.props.data as IncidentDatum[]).map((d) => d.id).sort(), ['i-crit', 'i-low']);
});

test('position: a Point itself, otherwise the centroid', () => {
  const layer = markers(renderIncidentsLayers(input()));
  assert.deepEqual(datum(layer, 'i-crit').position, [106.33, 20.94]);
  const line = datum(layer, 'i-high').position;
  assert.ok(Math.abs(line[0] - 106.3) < 1e-9 && Math.abs(line[1] - 20.9) < 1e-9);
  const polygon = datum(layer, 'i-med').position;
  assert.ok(Math.abs(polygon[0] - 106.1) < 1e-9 && Math.abs(polygon[1] - 21.1) < 1e-9);
  // A hole on the east side pulls the centroid west; clockwise shells work too.
  const holed = geometryPoint({
    type: 'Polygon',
    coordinates: [[[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]], [[2, 0], [4, 0], [4, 4], [2, 4], [2, 0]]],
  });
  assert.ok(holed && Math.abs(holed[0] - 1) < 1e-9 && Math.abs(holed[1] - 2) < 1e-9, String(holed));
  assert.deepEqual(geometryPoint({ type: 'MultiPoint', coordinates: [[0, 0], [2, 2]] }), [1, 1]);
  assert.deepEqual(geometryPoint({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } }), [1, 2]);
  assert.equal(geometryPoint({ type: 'Point', coordinates: ['x', 1] }), null);
  assert.equal(geometryPoint(null), null);
});

test('resolved, unknown-severity and geometry-less incidents are not drawn; critical drawn last (on top)', () => {
  const data = formatIncidentsData(incidentsState());
  assert.deepEqual(data.map((d) => d.id), ['i-low', 'i-med', 'i-high', 'i-crit']);
});

test('tooltip fields; ids stable; hidden kept; stale dims × 0.35 and stops the halo pulse', () => {
  const state = incidentsState();
  const live = renderIncidentsLayers(input({ state }));
  const stale = renderIncidentsLayers(input({ state, stale: true, visible: false }));
  assert.deepEqual(live.map((l) => l.id), [INCIDENTS_LAYER_IDS.halos, INCIDENTS_LAYER_IDS.markers]);
  assert.deepEqual(stale.map((l) => l.id), live.map((l) => l.id));
  for (const l of stale) assert.equal(l.props.visible, false);
  for (const l of live) assert.equal(l.props.pickable, true);
  const d = datum(markers(live), 'i-crit');
  assert.deepEqual(d.name, { vi: 'Sự cố i-crit', en: 'Incident i-crit' });
  assert.equal(d.value, 2);
  const alpha = (layers: Layer[]) => accessorValue(markers(layers).props.getFillColor, d)?.[3] ?? 0;
  assert.equal(alpha(stale), Math.round(alpha(live) * STALE_ALPHA_FACTOR));
  const staleVisible = renderIncidentsLayers(input({ state, stale: true }));
  assert.equal(staleVisible.find((l) => l.id === INCIDENTS_LAYER_IDS.halos)?.props.visible, false);
  assert.equal(markers(staleVisible).props.visible, true);
});

test('the halo pulses from time alone', () => {
  const fixed = { state: incidentsState(), version: 1 };
  const halo = (time: number) => renderIncidentsLayers(input({ ...fixed, time })).find((l) => l.id === INCIDENTS_LAYER_IDS.halos) as ScatterplotLayer<IncidentDatum>;
  assert.equal(halo(0).props.data, halo(700).props.data);
  assert.notEqual(halo(0).props.radiusScale, halo(700).props.radiusScale);
});

test('legend: the four severities, bilingual', () => {
  const colors = INCIDENTS_LEGEND.items.slice(0, 4).map((item) => ('color' in item ? item.color : null));
  assert.deepEqual(colors, [INCIDENT_SEVERITY_COLORS.critical, INCIDENT_SEVERITY_COLORS.high, INCIDENT_SEVERITY_COLORS.medium, INCIDENT_SEVERITY_COLORS.low]);
  for (const item of INCIDENTS_LEGEND.items) assert.ok(item.label.vi && item.label.en);
});

test('incident ids named like Object.prototype members are markers like any other, folded into a parsed state', () => {
  const [proto, ...others] = PROTOTYPE_IDS;
  const s = incidentsReducer.create();
  others.forEach((id, i) => incidentsReducer.fold(s, { kind: 'incident', incident: incident(id, 'high', 'open', { type: 'Point', coordinates: [106.3, 20.9] }) }, i, i + 1));
  // The console: a snapshot through JSON, then the first "__proto__" incident arrives as an event.
  const parsed = throughJson(s);
  incidentsReducer.fold(parsed, { kind: 'incident', incident: incident(proto, 'critical', 'open', { type: 'Point', coordinates: [106.4, 20.9] }) }, 9, 9);
  const data = formatIncidentsData(parsed);
  assert.deepEqual(data.map((d) => [d.id, d.severity]), [...others.sort().map((id) => [id, 'high']), [proto, 'critical']]);
  assertPrototypeClean();
});
