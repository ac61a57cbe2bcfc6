import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aqiByStation } from '../../feeds/environment/environment-kpis.js';
import { openIncident, repeatIncident } from '../../feeds/incidents/lifecycle.js';
import { defaultIncidentConfig } from '../../feeds/incidents/incident-config.js';
import type { Incident } from '../../feeds/protocol/incident.js';
import { ownValue } from '../../feeds/protocol/own-record.js';
import { environmentReducer } from '../../feeds/environment/environment-reducer.js';
import { portalReducer } from '../../feeds/portal/portal-reducer.js';
import { trafficReducer } from '../../feeds/traffic/traffic-reducer.js';
import { congestedKm } from '../../feeds/traffic/traffic-kpis.js';
import { incidentNow, type ConditionStates } from '../../renderer/incidents/incident-now.js';
import { haiDuongRegion, simulateProvince } from '../support/simulated-province.js';

/**
 * Issue 15 item 4, on the simulated province (demo on, so every kind comes early, then hours of an ordinary day):
 * at every half hour the figures the KPI cards count and the queue rows' "now" lines are read from the same states
 * and agree — every accident the traffic card counts has its incident row saying "on the road" and no other row says
 * so; the km of congestion rows saying "congested now" are the card's km over those segments; an air-quality row
 * shows the VN_AQI the environment card lists for its station; an overdue row the unit's overdue count.
 */
const START = Date.UTC(2026, 11, 3, 0, 0, 0); // 07:00 in Hải Dương: the morning rush comes in the run
const HOURS = 6;

test('KPI cards and the queue read the same state: accidents, congested km, station VN_AQI, overdue files agree', async () => {
  const region = await haiDuongRegion();
  const run = simulateProvince(region, { seed: 4, startMs: START, hours: HOURS, tickMs: 5000, demo: true });
  const policy = defaultIncidentConfig();
  const states: { traffic: ReturnType<typeof trafficReducer.create>; environment: ReturnType<typeof environmentReducer.create>; portal: ReturnType<typeof portalReducer.create> } = {
    traffic: trafficReducer.create(),
    environment: environmentReducer.create(),
    portal: portalReducer.create(),
  };
  const incidents = new Map<string, Incident>();
  const cursor = { traffic: 0, environment: 0, portal: 0, detections: 0 };
  const foldUntil = (at: number): void => {
    for (; cursor.traffic < run.traffic.length && (run.traffic[cursor.traffic]?.at ?? Infinity) <= at; cursor.traffic++) {
      const entry = run.traffic[cursor.traffic];
      if (entry) trafficReducer.fold(states.traffic, entry.data, entry.at, cursor.traffic + 1);
    }
    for (; cursor.environment < run.environment.length && (run.environment[cursor.environment]?.at ?? Infinity) <= at; cursor.environment++) {
      const entry = run.environment[cursor.environment];
      if (entry) environmentReducer.fold(states.environment, entry.data, entry.at, cursor.environment + 1);
    }
    for (; cursor.portal < run.portal.length && (run.portal[cursor.portal]?.at ?? Infinity) <= at; cursor.portal++) {
      const entry = run.portal[cursor.portal];
      if (entry) portalReducer.fold(states.portal, entry.data, entry.at, cursor.portal + 1);
    }
  };
  // Detections carry data time; the engine opens on the hub clock. Their order is the rules' order of observation.
  const detections = run.detections;
  const checked = { accidents: 0, congestion: 0, aqi: 0, overdue: 0 };
  for (let at = START + 30 * 60_000; at <= START + HOURS * 3_600_000; at += 30 * 60_000) {
    foldUntil(at);
    for (; cursor.detections < detections.length && (detections[cursor.detections]?.at ?? Infinity) <= at; cursor.detections++) {
      const detection = detections[cursor.detections];
      if (!detection) continue;
      const open = incidents.get(detection.dedupeKey);
      incidents.set(detection.dedupeKey, open ? repeatIncident(open, detection, policy) : openIncident(detection, `INC-${cursor.detections}`, null, policy));
    }
    const conditions: ConditionStates = { traffic: states.traffic, environment: states.environment, portal: states.portal };
    const rows = [...incidents.values()].map((incident) => ({ incident, now: incidentNow(incident, conditions) }));

    // Accidents: the card counts the accidents on the road; exactly those have a row saying so.
    const onRoad = rows.filter((row) => row.now?.kind === 'accident' && row.now.onRoad).map((row) => row.incident.dedupeKey.split(':')[1]);
    assert.deepEqual(onRoad.sort(), Object.keys(states.traffic.accidents).sort(), `accidents at ${new Date(at).toISOString()}`);
    checked.accidents += onRoad.length;

    // Congestion: the rows saying "congested now" are the card's km over their segments, and no congested row is
    // outside the card's figure.
    const congestionRows = rows.filter((row) => row.incident.kind === 'traffic-congestion');
    const segments = Object.fromEntries(congestionRows.map((row) => row.incident.dedupeKey.slice('traffic-congestion:'.length)).flatMap((id) => {
      const segment = ownValue(states.traffic.segments, id);
      return segment ? [[id, segment]] : [];
    }));
    const rowKm = congestionRows.reduce((km, row) => {
      const segment = ownValue(states.traffic.segments, row.incident.dedupeKey.slice('traffic-congestion:'.length));
      return km + (row.now?.kind === 'congestion' && row.now.congested && segment ? segment.lengthM / 1000 : 0);
    }, 0);
    assert.ok(Math.abs(rowKm - congestedKm({ ...states.traffic, segments })) < 1e-9, `congested km at ${new Date(at).toISOString()}`);
    assert.ok(rowKm <= congestedKm(states.traffic) + 1e-9);
    checked.congestion += congestionRows.length;

    // Air quality: the row's VN_AQI is the card's for that station.
    const card = new Map(aqiByStation(states.environment).map((row) => [row.station, row.aqi]));
    for (const row of rows) {
      if (row.now?.kind !== 'aqi') continue;
      assert.equal(row.now.aqi, card.get(row.incident.dedupeKey.slice('air-quality:'.length)));
      assert.ok(row.now.peak === null || row.now.aqi === null || row.now.peak >= (row.incident.measure?.last ?? 0));
      checked.aqi += 1;
    }
    // Portal: the row's overdue count is the unit's.
    for (const row of rows) {
      if (row.now?.kind !== 'overdue') continue;
      assert.equal(row.now.overdue, ownValue(states.portal.units, row.incident.dedupeKey.slice('portal-overdue:'.length))?.pendingOverdue);
      checked.overdue += 1;
    }
  }
  console.info(`checked rows over ${HOURS} h: ${JSON.stringify(checked)}`);
  // The run must have had something to compare, or this test proves nothing.
  assert.ok(checked.congestion > 0 && checked.aqi > 0 && checked.overdue > 0, JSON.stringify(checked));
  assert.ok([...incidents.values()].some((incident) => incident.kind === 'traffic-accident'), 'an accident incident in the run');
});
