import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeLabels, type LabelCandidates, type ScreenBox } from '../../renderer/map/label-declutter.js';

const at = (left: number, top: number, width = 100, height = 30): ScreenBox => ({ left, top, width, height });
const label = (id: string, priority: number, ...boxes: ScreenBox[]): LabelCandidates => ({ id, priority, boxes });

test('the higher-priority label of two that overlap keeps its place; one that overlaps nothing stays', () => {
  const chosen = placeLabels([label('low', 1, at(0, 0)), label('high', 5, at(50, 10)), label('apart', 0, at(300, 0))]);
  assert.deepEqual([...chosen.entries()].sort(), [['apart', 0], ['high', 0]]);
});

test('a label whose first place is taken moves to its next one, or is left out when none is free', () => {
  const chosen = placeLabels([
    label('a', 3, at(0, 0)),
    label('b', 2, at(50, 0), at(50, -40)), // below is taken by a → above
    label('c', 1, at(20, 0), at(20, -40)), // both taken (a, then b) → out
  ]);
  assert.deepEqual([...chosen.entries()].sort(), [['a', 0], ['b', 1]]);
});

test('a label left out does not block a third one; ties go by id; the gap counts', () => {
  const chosen = placeLabels([label('a', 3, at(0, 0)), label('b', 2, at(90, 0)), label('c', 1, at(180, 0))]);
  assert.deepEqual([...chosen.keys()].sort(), ['a', 'c']);
  assert.deepEqual([...placeLabels([label('y', 1, at(0, 0)), label('x', 1, at(10, 0))]).keys()], ['x']);
  // 1 px apart: separate without a gap, too close with the default 2 px gap.
  assert.equal(placeLabels([label('p', 1, at(0, 0)), label('q', 0, at(101, 0))], [], 0).size, 2);
  assert.equal(placeLabels([label('p', 1, at(0, 0)), label('q', 0, at(101, 0))]).size, 1);
});

test('a label never covers an obstacle (a station circle): it moves, or is left out', () => {
  const circle = at(40, 35, 20, 20);
  const chosen = placeLabels([label('near', 9, at(0, 40), at(0, 0)), label('under', 9, at(30, 30))], [circle]);
  assert.deepEqual([...chosen.entries()], [['near', 1]]);
});

test('an insisting label with no free place covers an obstacle rather than vanish, but never another label', () => {
  const circle = at(40, 35, 20, 20);
  const chosen = placeLabels([label('top', 9, at(30, 30)), label('next', 1, at(30, 40))].map((l) => ({ ...l, insist: true })), [circle]);
  assert.deepEqual([...chosen.entries()], [['top', 0]], 'top covers the circle; next would cover top, so it is left out');
});
