import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POLLUTANT_KEYS, type PollutantValues } from '../protocol/feed-data.js';
import { POLLUTANT_NAMES, POLLUTANTS, type Pollutant } from './pollutants.js';

test('POLLUTANTS are the protocol keys, in the same order', () => {
  // Assignable both ways = the same union; a drift in either file fails the type-check.
  const asProtocol: readonly (keyof PollutantValues)[] = POLLUTANTS;
  const asLocal: readonly Pollutant[] = POLLUTANT_KEYS;
  assert.deepEqual([...asProtocol], [...asLocal]);
});

test('every pollutant has a symbol and bilingual name', () => {
  for (const pollutant of POLLUTANTS) {
    const name = POLLUTANT_NAMES[pollutant];
    assert.ok(name.symbol.length > 0 && name.vi.length > 0 && name.en.length > 0, pollutant);
  }
  assert.equal(POLLUTANT_NAMES.pm25.symbol, 'PM2.5');
});
