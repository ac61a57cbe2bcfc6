import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertPrototypeClean, PROTOTYPE_IDS } from '../../test/support/prototype-ids.js';
import { deleteOwn, emptyRecord, hasOwnKey, ownValue, setOwn } from './own-record.js';

test('an ordinary object (a parsed state) reads no inherited member through ownValue', () => {
  const parsed = JSON.parse('{"a":1}') as Record<string, number>;
  for (const id of PROTOTYPE_IDS) {
    assert.equal(ownValue(parsed, id), undefined, id);
    assert.equal(hasOwnKey(parsed, id), false, id);
  }
  assert.equal(ownValue(parsed, 'a'), 1);
});

test('setOwn stores every prototype name as an own key, on a null-prototype record and on an ordinary one', () => {
  for (const record of [emptyRecord<unknown>(), JSON.parse('{}') as Record<string, unknown>]) {
    const proto = Object.getPrototypeOf(record) as unknown;
    PROTOTYPE_IDS.forEach((id, n) => setOwn(record, id, { polluted: n }));
    assert.equal(Object.getPrototypeOf(record), proto, 'the prototype is unchanged');
    assert.deepEqual(Object.keys(record), [...PROTOTYPE_IDS]);
    PROTOTYPE_IDS.forEach((id, n) => assert.deepEqual(ownValue(record, id), { polluted: n }, id));
    // Through JSON and back: JSON.parse makes an own "__proto__" too, and the helpers still find it.
    const again = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(again), [...PROTOTYPE_IDS]);
    PROTOTYPE_IDS.forEach((id, n) => assert.deepEqual(ownValue(again, id), { polluted: n }, id));
  }
  assertPrototypeClean();
});

test('plain assignment is what setOwn avoids: it replaces an ordinary object\'s prototype and adds no key', () => {
  // Documents the trap (and that the test can fail): if this ever stops holding, the helpers are still correct.
  const record: Record<string, unknown> = {};
  record['__proto__'] = { polluted: true };
  assert.deepEqual(Object.keys(record), []);
  assert.equal(record['polluted'], true);
  assertPrototypeClean();
});

test('deleteOwn removes own keys only; emptyRecord has no prototype', () => {
  const parsed = JSON.parse('{"__proto__":1,"constructor":2}') as Record<string, number>;
  deleteOwn(parsed, '__proto__');
  deleteOwn(parsed, 'toString');
  assert.deepEqual(Object.keys(parsed), ['constructor']);
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.equal(typeof Object.prototype.toString, 'function', 'deleting "toString" did not reach the prototype');
  assert.equal(Object.getPrototypeOf(emptyRecord()), null);
});
