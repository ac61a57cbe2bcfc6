import type { PlaceLabel } from '../../layers/basemap/basemap-labels.js';
import { PLACE_LABEL_OFFSET_Y_PX, PLACE_LABEL_PX } from '../../layers/basemap/basemap-labels.js';
import { LABEL_FONT_FAMILY } from '../../layers/common/text-style.js';
import {
  STATION_LABEL_GAP_PX,
  STATION_LABEL_HIGHLIGHT_PX,
  STATION_LABEL_LINE_HEIGHT,
  STATION_LABEL_PX,
} from '../../layers/environment/environment-style.js';
import type { StationDatum } from '../../layers/environment/format-environment-data.js';
import type { StationLabelPlacement } from '../../layers/environment/environment-layers.js';
import { placeLabels, type LabelCandidates, type ScreenBox } from './label-declutter.js';

/** Which labels to draw: station ids with their side, and place ids (the layer inputs' `labels` / `shown`). */
export interface MapLabelChoice {
  readonly stations: ReadonlyMap<string, StationLabelPlacement>;
  readonly places: ReadonlySet<string>;
}

export interface MapLabelInput {
  /** lon/lat → CSS pixels of the map (maplibre's `map.project`). */
  readonly project: (lonLat: [number, number]) => { readonly x: number; readonly y: number };
  /** The stations as the environment layer draws them (same data), or none when that layer is hidden. */
  readonly stations: readonly StationDatum[];
  readonly places: readonly PlaceLabel[];
  readonly highlight: string | null;
  /** sizeScale of the text layers: 1 at a desk, WALL_TEXT_SCALE on a wall. */
  readonly textScale: number;
  /**
   * Symbols no label may cover (incident markers, accident marks), centre and radius in px. Drawn above the
   * labels, they would be covered by nothing anyway; keeping labels off them keeps both readable.
   */
  readonly symbols?: readonly MapSymbol[];
}

/** A round symbol on the map: where it is and how large it is drawn (px, outline included). */
export interface MapSymbol {
  readonly position: readonly [number, number];
  readonly radius: number;
}

/** From this VN_AQI (band 5, "Rất xấu") a station's label may cover a neighbour's circle rather than vanish. */
const INSIST_AQI = 201;

/** The order a station label tries its sides in (the candidate boxes below follow it). */
const SIDES: readonly StationLabelPlacement[] = ['below', 'above', 'right', 'left'];

let context: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

/** Text width in CSS px with the labels' font (canvas measureText, cached: the same few dozen strings recur). */
function textWidth(text: string, px: number): number {
  const key = `${px}|${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    // Without a DOM (unit tests) or a 2D context, an average glyph width of 0.6 em.
    if (typeof document !== 'undefined') context ??= document.createElement('canvas').getContext('2d');
    if (!context) return text.length * px * 0.6;
    context.font = `600 ${px}px ${LABEL_FONT_FAMILY}`;
    width = context.measureText(text).width;
    widths.set(key, width);
  }
  return width;
}

function linesBox(text: string, px: number): { width: number; height: number } {
  const lines = text.split('\n');
  return { width: Math.max(...lines.map((line) => textWidth(line, px))), height: lines.length * px * STATION_LABEL_LINE_HEIGHT };
}

/**
 * Keep labels from printing over each other: in the city centre and Chí Linh, stations sit a few pixels apart at
 * province zoom and their names (and the district names) overlapped into an unreadable smear, worst on a wall read
 * from 5 m. Priority: the highlighted station, then stations by AQI (worst air keeps its label), then place names.
 * Circles always stay; only text is dropped, and no label covers an incident or an accident mark (`symbols`).
 * Boxes follow the text layers' own sizes and offsets.
 */
export function chooseMapLabels(input: MapLabelInput): MapLabelChoice {
  const labels: LabelCandidates[] = [];
  const circles: ScreenBox[] = [];
  const scale = input.textScale;
  for (const symbol of input.symbols ?? []) {
    const at = input.project([symbol.position[0], symbol.position[1]]);
    circles.push({ left: at.x - symbol.radius, top: at.y - symbol.radius, width: 2 * symbol.radius, height: 2 * symbol.radius });
  }
  for (const station of input.stations) {
    const px = (station.id === input.highlight ? STATION_LABEL_HIGHLIGHT_PX : STATION_LABEL_PX) * scale;
    const { width, height } = linesBox(station.label, px);
    const at = input.project(station.position);
    circles.push({ left: at.x - station.radius, top: at.y - station.radius, width: 2 * station.radius, height: 2 * station.radius });
    const left = at.x - width / 2;
    const below = { left, top: at.y + station.radius + STATION_LABEL_GAP_PX, width, height };
    const above = { left, top: at.y - station.radius - STATION_LABEL_GAP_PX - height, width, height };
    const right = { left: at.x + station.radius + STATION_LABEL_GAP_PX, top: at.y - height / 2, width, height };
    const leftSide = { left: at.x - station.radius - STATION_LABEL_GAP_PX - width, top: at.y - height / 2, width, height };
    const priority = station.id === input.highlight ? 3000 : 1000 + (station.aqi ?? 0);
    // Very bad air (VN_AQI ≥ 201: a critical incident) and the selected station keep their number even in a cluster.
    const insist = station.id === input.highlight || (station.aqi ?? 0) >= INSIST_AQI;
    labels.push({ id: `s:${station.id}`, priority, boxes: [below, above, right, leftSide], insist });
  }
  for (const place of input.places) {
    const px = PLACE_LABEL_PX * scale;
    const { width, height } = linesBox(place.text, px);
    const at = input.project([place.position[0], place.position[1]]);
    labels.push({ id: `p:${place.id}`, priority: 0, boxes: [{ left: at.x - width / 2, top: at.y + PLACE_LABEL_OFFSET_Y_PX - height / 2, width, height }] });
  }
  const stations = new Map<string, StationLabelPlacement>();
  const places = new Set<string>();
  for (const [id, index] of placeLabels(labels, circles)) {
    if (id.startsWith('s:')) stations.set(id.slice(2), SIDES[index] ?? 'below');
    else places.add(id.slice(2));
  }
  return { stations, places };
}
