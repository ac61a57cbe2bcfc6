import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPlainJson, assertPrototypeClean, PROTOTYPE_IDS, throughJson } from '../../test/support/prototype-ids.js';
import type { Incident } from '../protocol/incident.js';
import type { Detection } from './detection.js';
import { defaultIncidentConfig } from './incident-config.js';
import { incidentsReducer, RESOLVED_KEPT_MS } from './incidents-reducer.js';
import { applyOp, openIncident } from './lifecycle.js';

const T0 = 1_800_000_000_000;
const ESC = defaultIncidentConfig();

function incident(id: string): Incident {
  const detection: Detection = {
    kind: 'soc-burst',
    severity: 'high',
    dedupeKey: `soc-burst:${id}`,
    title: { vi: id, en: id },
    geometry: { type: 'Point', coordinates: [106.3, 20.9] },
    district: null,
    sources: [{ feed: 'soc', ref: id }],
    at: T0,
  };
  return openIncident(detection, id, null, ESC);
}

function resolved(id: string): Incident {
  const acked = applyOp(incident(id), { op: 'ack' }, 'Operator One', T0 + 500);
  assert.ok(acked.ok);
  const result = applyOp(acked.incident, { op: 'resolve', note: 'done' }, 'Operator One', T0 + 1000);
  assert.ok(result.ok);
  return result.incident;
}

test('latest wins by id; trim drops incidents resolved more than 24 h ago; the state is plain JSON', () => {
  const state = incidentsReducer.create();
  assert.equal(JSON.stringify(state), '{"incidents":{}}');
  incidentsReducer.fold(state, { kind: 'incident', incident: incident('INC-1') }, T0, 1);
  incidentsReducer.fold(state, { kind: 'incident', incident: incident('INC-2') }, T0, 2);
  incidentsReducer.fold(state, { kind: 'incident', incident: resolved('INC-1') }, T0 + 1000, 3);
  assert.equal(state.incidents['INC-1']?.state, 'resolved');
  incidentsReducer.trim?.(state, T0 + 1000 + RESOLVED_KEPT_MS + 1);
  assert.deepEqual(Object.keys(state.incidents), ['INC-2']);
  assertPlainJson(state);
});

test('incident ids named like Object.prototype members are ids like any other, also after JSON', () => {
  const [proto, ...others] = PROTOTYPE_IDS;
  const state = incidentsReducer.create();
  others.forEach((id, n) => incidentsReducer.fold(state, { kind: 'incident', incident: incident(id) }, T0, n + 1));
  assert.equal(Object.getPrototypeOf(state.incidents), null);
  assert.deepEqual(Object.keys(state.incidents), others);

  // The console's snapshot: through JSON, then the first "__proto__" incident and a later version of another.
  const parsed = throughJson(state);
  incidentsReducer.fold(parsed, { kind: 'incident', incident: incident(proto) }, T0, 10);
  incidentsReducer.fold(parsed, { kind: 'incident', incident: resolved('toString') }, T0 + 1000, 11);
  assert.deepEqual(Object.keys(parsed.incidents).sort(), [...PROTOTYPE_IDS].sort());
  assert.equal(Object.hasOwn(parsed.incidents, proto), true);
  assert.equal(parsed.incidents[proto]?.id, proto);
  assert.equal(parsed.incidents['toString']?.state, 'resolved');
  incidentsReducer.trim?.(parsed, T0 + 1000 + RESOLVED_KEPT_MS + 1);
  assert.equal(Object.hasOwn(parsed.incidents, 'toString'), false);
  assert.equal(Object.keys(parsed.incidents).length, 4);
  assertPlainJson(parsed);
  assertPrototypeClean();
});
