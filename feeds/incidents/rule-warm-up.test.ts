import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstSeqAtOrAfter, warmUpWindowMs } from './rule-warm-up.js';
import { IncidentConfigSchema } from './incident-config.js';

test('firstSeqAtOrAfter: binary search over a log in ts order, with pruned seqs and equal ts', async () => {
  // seq 5..14 retained, ts = 100, 100, 200, 200, 200, 300, 400, 400, 500, 600
  const ts = [100, 100, 200, 200, 200, 300, 400, 400, 500, 600];
  const at = (seq: number): Promise<number | null> => Promise.resolve(seq >= 5 && seq <= 14 ? (ts[seq - 5] ?? null) : null);
  assert.equal(await firstSeqAtOrAfter(0, 5, 14, at), 5);
  assert.equal(await firstSeqAtOrAfter(200, 5, 14, at), 7);
  assert.equal(await firstSeqAtOrAfter(201, 5, 14, at), 10);
  assert.equal(await firstSeqAtOrAfter(600, 5, 14, at), 14);
  assert.equal(await firstSeqAtOrAfter(601, 5, 14, at), 15, 'nothing that recent: one past the head');
});

test('warm-up windows cover each rule’s longest window with a margin', () => {
  const windows = warmUpWindowMs(IncidentConfigSchema.parse({}));
  assert.equal(windows.environment, 3 * 3_600_000, 'two hours of AQI or silence, plus the hour a reading takes to come');
  assert.equal(windows.traffic, 20 * 60_000);
  assert.equal(windows.soc, 10 * 60_000);
  assert.equal(windows.portal, 3_600_000);
});
