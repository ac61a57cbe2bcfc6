import assert from 'node:assert/strict';
import { test } from 'node:test';
import { warmUpWindowMs } from './rule-warm-up.js';
import { IncidentConfigSchema } from './incident-config.js';

test('warm-up windows cover each rule’s longest window with a margin', () => {
  const windows = warmUpWindowMs(IncidentConfigSchema.parse({}));
  assert.equal(windows.environment, 3 * 3_600_000, 'two hours of AQI or silence, plus the hour a reading takes to come');
  assert.equal(windows.traffic, 20 * 60_000);
  assert.equal(windows.soc, 10 * 60_000);
  assert.equal(windows.portal, 3_600_000);
});
