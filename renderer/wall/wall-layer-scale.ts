import type { Layer } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';

/**
 * Map labels are sized in pixels for a desk at arm's length; a wall is read from five metres. Scale every text
 * layer (district names, station AQI numbers, accident marks) rather than giving each factory a wall mode: the
 * factories stay one pure function per feed and the wall decides how big its type is.
 */
export const WALL_TEXT_SCALE = 1.5;

export function scaleTextForWall(layers: readonly Layer[], scale: number = WALL_TEXT_SCALE): Layer[] {
  return layers.map((layer) => (layer instanceof TextLayer ? layer.clone({ sizeScale: scale }) : layer));
}
