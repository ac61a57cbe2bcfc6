import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeedHealth, FeedHealthMap } from '../client/feed-health.js';
import { panelStaleness } from './panel-staleness.js';

const live: FeedHealth = { state: 'live', lastUpdate: 9000 };
const health = (patch: Partial<Record<keyof FeedHealthMap, FeedHealth>>): FeedHealthMap => ({
  traffic: live,
  vehicles: live,
  environment: live,
  soc: live,
  portal: live,
  incidents: live,
  ...patch,
});

test('a panel is stale when any feed it shows is not live, with the age of its oldest data', () => {
  assert.deepEqual(panelStaleness(['traffic', 'vehicles'], null, 10_000), { stale: false, feeds: [], ageMs: null });
  assert.deepEqual(panelStaleness(['traffic', 'vehicles'], health({}), 10_000), { stale: false, feeds: [], ageMs: null });
  assert.deepEqual(panelStaleness(['traffic', 'vehicles'], health({ soc: { state: 'stale', lastUpdate: 0 } }), 10_000).stale, false, 'other feeds do not matter');
  assert.deepEqual(
    panelStaleness(['traffic', 'vehicles'], health({ traffic: { state: 'stale', lastUpdate: 4000 }, vehicles: { state: 'reconnecting', lastUpdate: 7000 } }), 10_000),
    { stale: true, feeds: ['traffic', 'vehicles'], ageMs: 6000 },
  );
  assert.deepEqual(panelStaleness(['soc'], health({ soc: { state: 'down', lastUpdate: null } }), 10_000), { stale: true, feeds: ['soc'], ageMs: null });
  assert.deepEqual(panelStaleness([], health({ soc: { state: 'down', lastUpdate: null } }), 10_000).stale, false, 'a clock panel is never stale');
});
