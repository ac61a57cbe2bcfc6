import { TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { LABEL_CHARACTER_SET, LABEL_FONT_FAMILY } from '../common/text-style.js';

export interface PlaceLabel {
  readonly id: string;
  readonly text: string;
  readonly position: readonly [number, number];
}

/**
 * District names at their seats, under every feed layer: the basemap has no glyphs (offline, see basemap-style.ts),
 * so place names are drawn here with the bundled Vietnamese font. Same `labels` array every call.
 */
export function renderBasemapLabels(labels: readonly PlaceLabel[], visible = true): Layer[] {
  return [
    new TextLayer<PlaceLabel>({
      id: 'basemap-district-labels',
      data: labels,
      visible,
      pickable: false,
      getPosition: (d) => [d.position[0], d.position[1]],
      getText: (d) => d.text,
      getSize: 13,
      getColor: [142, 160, 189, 200],
      getPixelOffset: [0, 16],
      fontFamily: LABEL_FONT_FAMILY,
      fontWeight: 600,
      characterSet: LABEL_CHARACTER_SET,
      outlineWidth: 2,
      outlineColor: [11, 18, 32, 255],
      fontSettings: { sdf: true },
    }),
  ];
}
