import { TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { shownSubset } from '../common/shown-subset.js';
import { LABEL_CHARACTER_SET, LABEL_FONT_FAMILY } from '../common/text-style.js';

export interface PlaceLabel {
  readonly id: string;
  readonly text: string;
  readonly position: readonly [number, number];
}

/** Place label type (px) and its offset below the seat, centred there (the renderer sizes its boxes from these). */
export const PLACE_LABEL_PX = 13;
export const PLACE_LABEL_OFFSET_Y_PX = 16;

/**
 * District names at their seats, under every feed layer: the basemap has no glyphs (offline, see basemap-style.ts),
 * so place names are drawn here with the bundled Vietnamese font. Same `labels` array every call.
 */
export function renderBasemapLabels(labels: readonly PlaceLabel[], visible = true, shown: ReadonlySet<string> | null = null): Layer[] {
  return [
    new TextLayer<PlaceLabel>({
      id: 'basemap-district-labels',
      // `shown`: the labels the renderer keeps clear of station labels (null: all).
      data: shownSubset(labels, shown),
      visible,
      pickable: false,
      getPosition: (d) => [d.position[0], d.position[1]],
      getText: (d) => d.text,
      getSize: PLACE_LABEL_PX,
      getColor: [142, 160, 189, 200],
      getPixelOffset: [0, PLACE_LABEL_OFFSET_Y_PX],
      fontFamily: LABEL_FONT_FAMILY,
      fontWeight: 600,
      characterSet: LABEL_CHARACTER_SET,
      outlineWidth: 2,
      outlineColor: [11, 18, 32, 255],
      fontSettings: { sdf: true },
    }),
  ];
}
