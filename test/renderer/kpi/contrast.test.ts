import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AQI_BANDS } from '../../../feeds/environment/bands.js';
import { AA_GRAPHICS, AA_TEXT, contrastRatio, hexToRgb, outlineFor, readableTextOn, THEME_GROUNDS, type Rgb } from '../../../layers/common/colors.js';
import { isLegendGradient } from '../../../layers/common/legend-spec.js';
import { ALL_LEGENDS } from '../../../layers/index.js';
import { barOutline, CARD_COLORS, CARD_GROUND, pillColors } from '../../../renderer/kpi/card-colors.js';

/**
 * WCAG AA for every colour pair the console draws with: text 4.5:1, marks (swatches, bars, outlines) 3:1. The
 * CSS custom properties are read from the stylesheets themselves, so a colour changed there is checked here.
 */
const CSS = ['../../../renderer/styles/console.css', '../../../renderer/wall/wall.css'].map((file) => readFileSync(new URL(file, import.meta.url), 'utf8')).join('\n');

function cssVar(name: string): Rgb {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(CSS);
  assert.ok(match?.[1], `--${name} is defined as #rrggbb`);
  return hexToRgb(match[1]);
}

const grounds = { bg: cssVar('bg'), panel: cssVar('panel'), card: cssVar('panel-2') };
const ratio = (a: Rgb, b: Rgb): string => contrastRatio(a, b).toFixed(2);

test('the contrast ratio is WCAG\'s (black/white 21, same colour 1, known pairs)', () => {
  assert.equal(contrastRatio([0, 0, 0], [255, 255, 255]), 21);
  assert.equal(contrastRatio([120, 30, 200], [120, 30, 200]), 1);
  assert.equal(Number(contrastRatio([255, 255, 255], hexToRgb('#777777')).toFixed(2)), 4.48);
  // The two failures of the issue, before the fix: maroon "Nguy hại" text and the black fatal-accident swatch.
  assert.ok(contrastRatio(AQI_BANDS[5]?.rgb ?? [0, 0, 0], grounds.card) < AA_GRAPHICS);
  assert.ok(contrastRatio([33, 33, 33], grounds.panel) < AA_GRAPHICS);
  // The grounds the layers module assumes are the stylesheet's.
  assert.deepEqual([THEME_GROUNDS.page, THEME_GROUNDS.panel, THEME_GROUNDS.card], [grounds.bg, grounds.panel, grounds.card]);
});

test('text colours of cards, queue and wall on every ground they sit on: ≥ 4.5:1', () => {
  const texts = ['text', 'muted', 'live', 'stale', 'down-text', 'critical-text', 'accent', 'wall-muted'];
  const failures: string[] = [];
  for (const name of texts) {
    for (const [groundName, ground] of Object.entries(grounds)) {
      if (contrastRatio(cssVar(name), ground) < AA_TEXT) failures.push(`--${name} on ${groundName}: ${ratio(cssVar(name), ground)}`);
    }
  }
  // White banner text on the critical banner's ground; the severity badges' dark numbers on their colours.
  if (contrastRatio([255, 255, 255], cssVar('critical-banner')) < AA_TEXT) failures.push(`white on --critical-banner: ${ratio([255, 255, 255], cssVar('critical-banner'))}`);
  for (const severity of ['critical', 'high', 'medium', 'low']) {
    if (contrastRatio(grounds.bg, cssVar(severity)) < AA_TEXT) failures.push(`--bg on --${severity} (badge): ${ratio(grounds.bg, cssVar(severity))}`);
  }
  assert.deepEqual(failures, []);
});

test('the worst station\'s number on its VN_AQI band pill: ≥ 4.5:1 for every band', () => {
  for (const band of AQI_BANDS) {
    const { background, color } = pillColors(band.rgb);
    const value = contrastRatio(hexToRgb(color), hexToRgb(background));
    assert.ok(value >= AA_TEXT, `band ${band.level} (${band.quality.vi}): ${value.toFixed(2)}`);
    assert.equal(readableTextOn(band.rgb).join(), hexToRgb(color).join());
  }
});

test('marks on cards (bars, chart series, sparkline): ≥ 3:1 on the card, or an outline that is', () => {
  const marks: [string, string][] = [
    ...AQI_BANDS.map((band): [string, string] => [`VN_AQI ${band.level}`, band.hex]),
    ['sparkline', CARD_COLORS.sparkline],
    ...CARD_COLORS.socSeverity.map((color, i): [string, string] => [`SOC severity ${i + 1}`, color]),
    ['portal good', CARD_COLORS.portalGood], ['portal warn', CARD_COLORS.portalWarn], ['portal bad', CARD_COLORS.portalBad],
    ['portal no data', CARD_COLORS.portalNoData], ['station offline', CARD_COLORS.stationOffline],
  ];
  const failures: string[] = [];
  for (const [name, css] of marks) {
    const fill = hexToRgb(css);
    const outline = barOutline(css);
    const seen = outline ? hexToRgb(outline) : fill;
    if (contrastRatio(seen, CARD_GROUND) < AA_GRAPHICS) failures.push(`${name} ${css}: ${ratio(seen, CARD_GROUND)}`);
  }
  assert.deepEqual(failures, []);
  assert.ok(barOutline(AQI_BANDS[5]?.hex ?? '#000000'), 'the maroon band gets an outline');
  assert.equal(barOutline(AQI_BANDS[0]?.hex ?? '#000000'), undefined, 'green needs none');
});

test('legend swatches on the layer panel and map symbols on the basemap: ≥ 3:1 by fill or by outline', () => {
  const failures: string[] = [];
  for (const legend of ALL_LEGENDS) {
    for (const item of legend.items) {
      if (isLegendGradient(item)) continue;
      // What the layer panel draws: the map's outline if the spec has one, else the automatic light outline.
      const outline = item.outline ?? outlineFor(item.color, THEME_GROUNDS.panel);
      const best = Math.max(contrastRatio(item.color, THEME_GROUNDS.panel), outline ? contrastRatio(outline, THEME_GROUNDS.panel) : 0);
      if (best < AA_GRAPHICS) failures.push(`${legend.id}: ${item.label.en} ${item.color.join(',')}: ${best.toFixed(2)}`);
    }
  }
  assert.deepEqual(failures, []);
  const fatal = ALL_LEGENDS.find((legend) => legend.id === 'traffic')?.items.find((item) => item.label.en === 'Fatal accident');
  assert.ok(fatal && !isLegendGradient(fatal) && fatal.outline, 'the black fatal-accident swatch is outlined');
  // Station circles on the province: the band fill, or the light outline the environment layer then gives them.
  for (const band of AQI_BANDS) {
    const outline = outlineFor(band.rgb, THEME_GROUNDS.province);
    const best = Math.max(contrastRatio(band.rgb, THEME_GROUNDS.province), outline ? contrastRatio(outline, THEME_GROUNDS.province) : 0);
    assert.ok(best >= AA_GRAPHICS, `station of band ${band.level}: ${best.toFixed(2)}`);
  }
});
