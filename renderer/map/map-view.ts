import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import * as maplibregl from 'maplibre-gl';
import { buildBasemapStyle, type BasemapData } from './basemap-style.js';

export interface MapViewOptions {
  readonly container: HTMLElement;
  readonly basemap: BasemapData;
  readonly bbox: readonly [number, number, number, number];
  readonly center: readonly [number, number];
  readonly zoom: number;
  readonly onHover?: (info: PickingInfo) => void;
  readonly onClick?: (info: PickingInfo) => void;
}

/**
 * MapLibre basemap + deck.gl overlay. `interleaved: false` on purpose: deck.gl 9.4's interleaved mode throws with
 * maplibre-gl 6 (docs/testing.md), and an e2e test samples layer pixels so a regression shows.
 */
/** Leaves room on the left for the layer panel so the province is not under it. */
const MAP_PADDING = { top: 24, bottom: 24, left: 300, right: 24 };

/** Every map on the page, for the debug hooks' `drawn()` (a wall mounts and removes maps as its layouts rotate). */
const liveMaps = new Set<MapView>();

/** How many data objects a layer was given: an array's length, or a binary table's `length`. */
function dataCount(data: unknown): number | null {
  if (Array.isArray(data)) return data.length;
  if (typeof data === 'object' && data !== null && 'length' in data && typeof data.length === 'number') return data.length;
  return null;
}

/** Per map on the page, per visible layer id, how many objects it was last given to draw (tests count SOC arcs). */
export function drawnOnMaps(): Record<string, number>[] {
  return [...liveMaps].map((view) => view.drawn());
}

export class MapView {
  readonly map: maplibregl.Map;
  readonly #overlay: MapboxOverlay;
  readonly #bbox: readonly [number, number, number, number];
  #layers: readonly Layer[] = [];

  constructor(options: MapViewOptions) {
    // maplibre-gl 6 ships its worker as a separate module file, copied beside the bundle at build time.
    maplibregl.setWorkerUrl(new URL('./maplibre-gl-worker.mjs', document.baseURI).href);
    this.#bbox = options.bbox;
    this.map = new maplibregl.Map({
      container: options.container,
      style: buildBasemapStyle(options.basemap),
      center: [options.center[0], options.center[1]],
      zoom: options.zoom,
      attributionControl: false,
      maxPitch: 0,
      dragRotate: false,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.fitBounds(this.#boundsLike(), { padding: MAP_PADDING, duration: 0 });
    this.#overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      ...(options.onHover ? { onHover: options.onHover } : {}),
      ...(options.onClick ? { onClick: options.onClick } : {}),
      getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
    });
    this.map.addControl(this.#overlay);
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    liveMaps.add(this);
  }

  /** Frees the map, its deck.gl overlay and both WebGL contexts. */
  remove(): void {
    liveMaps.delete(this);
    this.map.remove();
  }

  #boundsLike(): [[number, number], [number, number]] {
    const [w, s, e, n] = this.#bbox;
    return [[w, s], [e, n]];
  }

  /** MapLibre's own labels (the canvas's "Map", the zoom buttons) are English: the console's language instead. */
  setControlLabels(labels: { readonly map: string; readonly zoomIn: string; readonly zoomOut: string }): void {
    const container = this.map.getContainer();
    this.map.getCanvas().setAttribute('aria-label', labels.map);
    for (const [selector, text] of [['.maplibregl-ctrl-zoom-in', labels.zoomIn], ['.maplibregl-ctrl-zoom-out', labels.zoomOut]] as const) {
      const button = container.querySelector<HTMLElement>(selector);
      button?.setAttribute('title', text);
      button?.setAttribute('aria-label', text);
    }
  }

  setLayers(layers: Layer[]): void {
    this.#layers = layers;
    this.#overlay.setProps({ layers });
  }

  /** Visible layer id → how many objects it was last given (the count deck.gl draws, before its own culling). */
  drawn(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const layer of this.#layers) {
      const count = layer.props.visible === false ? null : dataCount(layer.props.data);
      if (count !== null) counts[layer.id] = count;
    }
    return counts;
  }

  setPickHandlers(handlers: { onHover: (info: PickingInfo) => void; onClick: (info: PickingInfo) => void }): void {
    this.#overlay.setProps(handlers);
  }

  /** Screen position (CSS pixels, relative to the page) of a lon/lat: for the tooltip and for tests. */
  project(lon: number, lat: number): [number, number] {
    const point = this.map.project([lon, lat]);
    const rect = this.map.getContainer().getBoundingClientRect();
    return [rect.left + point.x, rect.top + point.y];
  }

  flyHome(): void {
    this.map.fitBounds(this.#boundsLike(), { padding: MAP_PADDING, duration: 800 });
  }

  flyTo(position: readonly [number, number], zoom = 12.5): void {
    this.map.flyTo({ center: [position[0], position[1]], zoom, duration: 900 });
  }

  whenLoaded(): Promise<void> {
    return this.map.loaded() ? Promise.resolve() : new Promise((resolve) => this.map.once('load', () => resolve()));
  }
}
