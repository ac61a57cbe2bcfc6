import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonDepthExceeds } from './json-depth.js';
import { parseJson } from './parse-json.js';

test('depth counts arrays and objects, not brackets inside strings', () => {
  assert.equal(jsonDepthExceeds('{"a":[1,{"b":2}]}', 3), false);
  assert.equal(jsonDepthExceeds('{"a":[1,{"b":[2]}]}', 3), true);
  assert.equal(jsonDepthExceeds('{"a":"[[[[[[[[[[{{{{{{"}', 1), false);
  assert.equal(jsonDepthExceeds('{"a":"\\"[[[[[[["}', 1), false);
  assert.equal(jsonDepthExceeds('"plain"', 0), false);
});

test('parseJson refuses 20,000 nested arrays by depth instead of handing them on', () => {
  const deep = '['.repeat(20_000) + ']'.repeat(20_000);
  const result = parseJson(deep);
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.reason, /nested deeper than 32 levels/);
  assert.deepEqual(parseJson('[[1]]'), { ok: true, value: [[1]] });
  const bad = parseJson('{"a":');
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.reason, /^malformed JSON/);
});
