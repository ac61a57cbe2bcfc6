import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeZoneOffsetMinutes } from './region-inputs.js';

test('time zone offsets come from the zone name, not from code', () => {
  const at = Date.UTC(2026, 10, 22, 8, 0);
  assert.equal(timeZoneOffsetMinutes('Asia/Ho_Chi_Minh', at), 420);
  assert.equal(timeZoneOffsetMinutes('UTC', at), 0);
  assert.equal(timeZoneOffsetMinutes('Asia/Kolkata', at), 330);
  assert.equal(timeZoneOffsetMinutes('America/New_York', Date.UTC(2026, 6, 1, 12)), -240);
});
