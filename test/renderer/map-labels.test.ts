import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatEnvironmentData, type StationPlace } from '../../layers/environment/format-environment-data.js';
import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import { chooseMapLabels } from '../../renderer/map/map-labels.js';

// A flat projection: 1000 px per degree, north up.
const project = ([lon, lat]: [number, number]): { x: number; y: number } => ({ x: (lon - 106) * 1000, y: (21 - lat) * 1000 });

function stationsWithAqi(aqis: Record<string, number>, places: readonly StationPlace[]) {
  const state = REDUCERS.environment.create() as EnvironmentState;
  for (const [id, aqi] of Object.entries(aqis)) {
    state.stations[id] = { online: true, hourly: { aqi, dominant: 'pm25', band: 4, sub: { pm25: aqi } } } as unknown as EnvironmentState['stations'][string];
  }
  return formatEnvironmentData(state, places);
}

test('a cluster: the worst air keeps its label, one blocked by a circle goes above it, one boxed in below and above goes to the right', () => {
  // 40 px apart in a row (A, B, C), and D 50 px under B.
  const places: StationPlace[] = [
    { id: 'A', name: 'Trạm Alpha', position: [106.3, 20.9] },
    { id: 'B', name: 'Trạm Bravo', position: [106.34, 20.9] },
    { id: 'C', name: 'Trạm Charlie', position: [106.38, 20.9] },
    { id: 'D', name: 'Trạm Delta', position: [106.34, 20.85] },
    { id: 'FAR', name: 'Trạm Xa', position: [106.6, 20.6] },
  ];
  const stations = stationsWithAqi({ A: 120, B: 180, C: 90, D: 100, FAR: 50 }, places);
  const choice = chooseMapLabels({ project, stations, places: [{ id: 'd1', text: 'Huyện Gần', position: [106.34, 20.905] }], highlight: null, textScale: 1 });
  // B (worst) would sit on D's circle below, so it goes above; C is blocked below (B's circle) and above (B's
  // label), so it goes to its right, where nothing is.
  assert.deepEqual([...choice.stations.entries()].sort(), [['A', 'below'], ['B', 'above'], ['C', 'right'], ['D', 'below'], ['FAR', 'below']]);
  assert.deepEqual([...choice.places], [], 'the district name over the cluster gives way');
});

test('the highlighted station keeps its place whatever its AQI; wall-size (2×) type crowds more', () => {
  const places: StationPlace[] = [
    { id: 'A', name: 'Trạm Alpha', position: [106.3, 20.9] },
    { id: 'B', name: 'Trạm Bravo', position: [106.36, 20.9] },
  ];
  const stations = stationsWithAqi({ A: 50, B: 180 }, places);
  const desk = chooseMapLabels({ project, stations, places: [], highlight: null, textScale: 1 });
  assert.deepEqual([...desk.stations.entries()].sort(), [['A', 'below'], ['B', 'below']], '60 px apart at desk size: both below');
  const wall = chooseMapLabels({ project, stations, places: [], highlight: null, textScale: 2 });
  assert.deepEqual([...wall.stations.entries()].sort(), [['A', 'above'], ['B', 'below']], 'at 2× the worst keeps below');
  const picked = chooseMapLabels({ project, stations, places: [], highlight: 'A', textScale: 2 });
  assert.equal(picked.stations.get('A'), 'below');
  assert.equal(picked.stations.get('B'), 'above');
});

test('a station with very bad air (VN_AQI ≥ 201) boxed in by neighbours still shows its number; a bad one does not', () => {
  const around: StationPlace[] = [
    { id: 'N', name: 'Trạm N', position: [106.3, 20.93] },
    { id: 'S', name: 'Trạm S', position: [106.3, 20.87] },
    { id: 'E', name: 'Trạm E', position: [106.335, 20.9] },
    { id: 'W', name: 'Trạm W', position: [106.265, 20.9] },
  ];
  const places: StationPlace[] = [{ id: 'X', name: 'Trạm Giữa', position: [106.3, 20.9] }, ...around];
  const choose = (aqi: number) => chooseMapLabels({ project, stations: stationsWithAqi({ X: aqi, N: 40, S: 40, E: 40, W: 40 }, places), places: [], highlight: null, textScale: 1 });
  assert.equal(choose(250).stations.get('X'), 'below', 'very bad: shown, over a neighbour\'s circle');
  assert.equal(choose(150).stations.has('X'), false, 'bad: no free side, left out');
});
