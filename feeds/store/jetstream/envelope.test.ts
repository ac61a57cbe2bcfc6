import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEnvelope, encodeEnvelope } from './envelope.js';

test('an envelope is valid JSON and gives back the exact item text, ts and key', () => {
  for (const [ts, key, json] of [
    [1_763_800_000_000, null, '{"kind":"alert","note":"Đà Nẵng \\"quoted\\" }"}'],
    [-5, 'abc-123:/~!', '[1,2,3]'],
    [1.5e21, 'x'.repeat(256), '"text"'],
    [0, null, ''],
  ] as const) {
    const body = encodeEnvelope(ts, key, json);
    if (json !== '') assert.deepEqual(JSON.parse(body), { ts, key, data: JSON.parse(json) });
    assert.deepEqual(decodeEnvelope(body), { ts, key, json });
  }
});

test('a body that is not an envelope decodes to null', () => {
  for (const body of ['hello', '{}', '{"ts":1,"key":null,"data":1', '{"ts":"1","key":null,"data":1}', '{"ts":1,"key":"a b","data":1}', '{"key":null,"ts":1,"data":1}']) {
    assert.equal(decodeEnvelope(body), null, body);
  }
});
