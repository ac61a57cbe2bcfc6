import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzHub } from './fuzz-hub.js';

// Bounded for CI (fixed seed, 20,000 inputs); `npm run fuzz -- --minutes N` runs the same fuzzer for long.
test('fuzz: 20,000 generated frames, requests and ingest records leave the hub serving, consistent and bounded', { timeout: 120_000 }, async () => {
  const report = await fuzzHub({ seed: 20261203, inputs: 20_000, durationMs: 90_000 });
  console.info(`fuzz: ${report.inputs} inputs (${report.frames} frames, ${report.requests} requests, ${report.records} records) in ${report.durationMs} ms, ${report.inputsPerSecond}/s; statuses ${JSON.stringify(report.status)}; heap ${report.heapStartMb}→${report.heapEndMb} MB (max ${report.heapMaxMb})`);
  assert.deepEqual(report.findings, []);
  assert.ok(report.inputs >= 20_000, `only ${report.inputs} inputs`);
  assert.ok(report.sentinelsSent > 0);
  assert.ok(report.socAccepted > 0, 'some generated soc records were valid and accepted');
});
