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

export class MapView {
  readonly map: maplibregl.Map;
  readonly #overlay: MapboxOverlay;
  readonly #bbox: readonly [number, number, number, number];

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
    this.#overlay.setProps({ layers });
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
