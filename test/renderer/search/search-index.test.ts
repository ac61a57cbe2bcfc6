import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrafficSegment } from '../../../feeds/protocol/feed-data.js';
import { foldText } from '../../../renderer/search/fold-text.js';
import { roadEntries, SearchIndex, type SearchEntry } from '../../../renderer/search/search-index.js';

const vi = (text: { vi: string; en: string }): string => text.vi;

test('folding: Vietnamese without diacritics, đ as d, case and punctuation away, road numbers joined', () => {
  assert.equal(foldText('Nhiệt điện Phả Lại'), 'nhiet dien pha lai');
  assert.equal(foldText('ĐƯỜNG Trần Hưng Đạo'), 'duong tran hung dao');
  assert.equal(foldText('QL.5 — Km 12'), 'ql5 km 12');
  assert.equal(foldText('CT.04'), 'ct04');
  assert.equal(foldText('  Kinh   Môn, '), 'kinh mon');
  // Precomposed and decomposed input fold alike.
  assert.equal(foldText('Phả Lại'.normalize('NFD')), foldText('Phả Lại'.normalize('NFC')));
});

const entry = (kind: SearchEntry['kind'], id: string, label: string, detail = '', also: string[] = []): SearchEntry => ({ kind, id, label, detail, position: [106.3, 20.9], also });

test('"pha lai" finds Phả Lại; a whole label beats its start, a start beats a word, a word beats a substring', () => {
  const index = new SearchIndex([
    entry('station', 'HD-AQ-05', 'Nhiệt điện Phả Lại', 'Chí Linh'),
    entry('place', '292', 'Phả Lại', 'Chí Linh'),
    entry('agency', 'pl-power', 'Công ty Nhiệt điện Phả Lại'),
    entry('station', 'HD-AQ-09', 'Sao Đỏ', 'Chí Linh'),
  ]);
  const ids = index.search('pha lai').map((result) => result.entry.id);
  assert.deepEqual(ids, ['292', 'HD-AQ-05', 'pl-power'], 'exact place first, then the shorter label of the two containing it');
  assert.deepEqual(index.search('PHẢ').map((result) => result.entry.id).slice(0, 1), ['292'], 'a label that starts with the query first');
  assert.deepEqual(index.search('chi linh').map((result) => result.entry.id).sort(), ['292', 'HD-AQ-05', 'HD-AQ-09'], 'the unit in the detail finds what is in it');
  assert.deepEqual(index.search('hd-aq-09').map((result) => result.entry.id), ['HD-AQ-09'], 'an id finds its entity');
  assert.deepEqual(index.search('xyz'), []);
  assert.deepEqual(index.search('   '), [], 'nothing typed, nothing found');
});

test('every word of the query must be found; ties go by kind order (incidents first)', () => {
  const index = new SearchIndex([entry('place', 'p', 'Kinh Môn'), entry('incident', 'INC-1', 'Kinh Môn'), entry('agency', 'a', 'UBND thị xã Kinh Môn')]);
  assert.deepEqual(index.search('kinh mon').map((result) => result.entry.id), ['INC-1', 'p', 'a']);
  assert.deepEqual(index.search('kinh hai').map((result) => result.entry.id), [], 'a word that is nowhere excludes');
  assert.deepEqual(index.search('ubnd mon').map((result) => result.entry.id), ['a']);
});

function segment(id: string, road: string, lengthM: number): TrafficSegment {
  return { id, road, name: { vi: `${road} đoạn ${id.slice(-3)}`, en: `${road} section ${id.slice(-3)}` }, path: [[106.2, 20.9], [106.21, 20.91]], lengthM, freeFlowKmh: 70 };
}

test('roads by road and km: segments get their km along the road in id order; "QL5 km 2.5" is the segment holding it', () => {
  const segments = [segment('QL.5-002', 'QL.5', 1000), segment('QL.5-001', 'QL.5', 2000), segment('CT.04-001', 'CT.04', 4000)];
  const entries = roadEntries(segments, vi);
  const ql2 = entries.find((e) => e.id === 'QL.5-002');
  assert.deepEqual(ql2?.km, { road: 'QL.5', from: 2, to: 3 });
  assert.equal(ql2?.detail, 'QL.5 km 2.0–3.0');
  const index = new SearchIndex(entries);
  assert.deepEqual(index.search('QL5 km 2,5').map((r) => r.entry.id), ['QL.5-002']);
  assert.deepEqual(index.search('ql 5 km 0').map((r) => r.entry.id), ['QL.5-001']);
  assert.deepEqual(index.search('km 1').map((r) => r.entry.id).sort(), ['CT.04-001', 'QL.5-001'], 'km alone: every road there');
  assert.deepEqual(index.search('ct04 km 9').map((r) => r.entry.id), [], 'past the end of the road');
  assert.deepEqual(index.search('QL.5').map((r) => r.entry.id).sort(), ['QL.5-001', 'QL.5-002'], 'the road name alone lists its segments');
});
