import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogueTexts } from '../../../renderer/i18n/catalogue.js';
import { catalogueCheck } from '../../support/visible-strings.js';

const vi = catalogueCheck(catalogueTexts().map((text) => text.vi), ['Quang Trung', 'UBND huyện Gia Lộc', 'ET SCAN Potential SSH Scan', 'Hải Dương', 'Ban đêm']);

test('catalogue strings, with numbers, ages and data in their placeholders, are explained', () => {
  for (const text of [
    'Tốc độ trung bình',
    '80 km/h',
    'DỮ LIỆU CŨ · 12 giây trước',
    '21:45:37 03/12/2026',
    '4.731',
    '90,0%',
    '19/20',
    '+4 sự cố nghiêm trọng khác',
    '12 cảnh báo',
    '3 phút',
    '12:01:02 · Phát hiện · Hệ thống',
    'Nâng cấp báo động (cấp 2) · Hệ thống',
    'ET SCAN Potential SSH Scan',
    'Trạm kém nhất — Rất xấu',
    'Chất lượng không khí · Hải Dương · 31 giây trước · 2 lần',
    'Ban đêm · 1/2', // a playlist title from the wall config: data
    'Thông thoáng (≥ 90 %)', // a number inside a catalogue message
    'Cao (1 giờ)',
    'Phóng to',
  ]) {
    assert.equal(vi.leftover(text), null, text);
  }
});

test('English leaks and strings outside the catalogue are caught, with what is left', () => {
  assert.equal(vi.leftover('12:01:02 · opened · hub'), 'opened hub');
  assert.equal(vi.leftover('escalated'), 'escalated');
  assert.equal(vi.leftover('1 alerts'), 'alerts');
  assert.equal(vi.leftover('3 min'), 'min');
  assert.equal(vi.leftover('night · 1/2'), 'night');
  assert.equal(vi.leftover('Cảnh báo mới lạ'), 'Cảnh báo mới lạ', 'a Vietnamese string that is not in the catalogue');
  assert.equal(vi.leftover('Quang Trungx'), 'Quang Trungx', 'data only as whole words');
});
