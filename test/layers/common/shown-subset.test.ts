import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shownSubset } from '../../../layers/common/shown-subset.js';

test('shownSubset: all without a set; the same array for a new set with the same ids; a new one when the ids change', () => {
  const data = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  assert.equal(shownSubset(data, null), data);
  const first = shownSubset(data, new Set(['a', 'c']));
  assert.deepEqual(first.map((d) => d.id), ['a', 'c']);
  assert.equal(shownSubset(data, new Set(['c', 'a'])), first, 'equal members: the very same array (deck.gl sees no change)');
  const other = shownSubset(data, new Set(['b']));
  assert.notEqual(other, first);
  assert.deepEqual(other.map((d) => d.id), ['b']);
});
