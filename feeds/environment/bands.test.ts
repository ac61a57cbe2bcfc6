import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AQI_BANDS, bandForAqi } from './bands.js';

test('band edges of Bảng 1', () => {
  const cases: [number, number][] = [
    [0, 1], [50, 1], [51, 2], [100, 2], [101, 3], [150, 3], [151, 4], [200, 4],
    [201, 5], [300, 5], [301, 6], [500, 6], [501, 6],
  ];
  for (const [aqi, level] of cases) assert.equal(bandForAqi(aqi).level, level, `AQI ${aqi}`);
});

test('a fractional AQI is banded as the integer it rounds to (half up)', () => {
  assert.equal(bandForAqi(50.4).level, 1);
  assert.equal(bandForAqi(50.5).level, 2);
});

test('a negative or non-finite AQI is a programming error', () => {
  assert.throws(() => bandForAqi(-1), RangeError);
  assert.throws(() => bandForAqi(Number.NaN), RangeError);
});

test('official colours: RGB and hex of Bảng 1', () => {
  const official = [
    { level: 1, rgb: [0, 228, 0], hex: '#00E400', vi: 'Xanh', quality: 'Tốt' },
    { level: 2, rgb: [255, 255, 0], hex: '#FFFF00', vi: 'Vàng', quality: 'Trung bình' },
    { level: 3, rgb: [255, 126, 0], hex: '#FF7E00', vi: 'Da cam', quality: 'Kém' },
    { level: 4, rgb: [255, 0, 0], hex: '#FF0000', vi: 'Đỏ', quality: 'Xấu' },
    { level: 5, rgb: [143, 63, 151], hex: '#8F3F97', vi: 'Tím', quality: 'Rất xấu' },
    { level: 6, rgb: [126, 0, 35], hex: '#7E0023', vi: 'Nâu', quality: 'Nguy hại' },
  ];
  assert.equal(AQI_BANDS.length, official.length);
  official.forEach((expected, i) => {
    const band = AQI_BANDS[i]!;
    assert.equal(band.level, expected.level);
    assert.deepEqual([...band.rgb], expected.rgb);
    assert.equal(band.hex, expected.hex);
    assert.equal(band.colour.vi, expected.vi);
    assert.equal(band.quality.vi, expected.quality);
    assert.ok(band.health.vi.length > 0 && band.health.en.length > 0);
  });
});

test('bands tile 0–500 without gaps', () => {
  AQI_BANDS.forEach((band, i) => {
    const previous = AQI_BANDS[i - 1];
    assert.equal(band.min, previous === undefined ? 0 : previous.max + 1);
  });
  assert.equal(AQI_BANDS.at(-1)?.max, 500);
});
