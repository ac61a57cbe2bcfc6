import { animationFrameScheduler, auditTime, interval, Subscription } from 'rxjs';
import type { FeedHealthMap } from '../../../feeds/client/feed-health.js';
import type { FeedName } from '../../../feeds/protocol/feed-names.js';
import type { MapViewSpec } from '../../../feeds/wall/layout-schema.js';
import { h } from '../../app/dom.js';
import { buildMapLayers, emptyFeedStates, type FeedStates } from '../../app/map-layers.js';
import { PORTAL_LEGEND } from '../../../layers/portal/portal-legend.js';
import { MapKey } from '../../map/map-key.js';
import { MapView } from '../../map/map-view.js';
import type { PanelContext, WallPanel } from './wall-panel.js';
import { scaleTextForWall, WALL_TEXT_SCALE } from '../wall-layer-scale.js';

/** Padding around the province when the view is 'region': the wall has no layer panel to leave room for. */
const REGION_PADDING = 28;

/** The province map with the layout's layers only; no hover, no click, no controls (nobody touches a wall). */
export class MapPanel implements WallPanel {
  readonly element = h('div', { class: 'wall-map', 'data-testid': 'wall-map' });
  readonly feeds: readonly FeedName[];
  readonly #context: PanelContext;
  readonly #view: MapViewSpec;
  readonly #states: FeedStates = emptyFeedStates();
  readonly #subscriptions = new Subscription();
  #map: MapView | null = null;
  #health: FeedHealthMap | null = null;
  #pending = false;
  #destroyed = false;

  constructor(context: PanelContext, layers: readonly FeedName[], view: MapViewSpec) {
    this.#context = context;
    this.feeds = layers;
    this.#view = view;
  }

  async start(): Promise<void> {
    const { region } = this.#context;
    const map = new MapView({ container: this.element, basemap: region, bbox: region.manifest.bbox, center: region.manifest.center, zoom: region.manifest.zoom });
    this.#map = map;
    const [w, s, e, n] = region.manifest.bbox;
    if (this.#view === 'region') map.map.fitBounds([[w, s], [e, n]], { padding: REGION_PADDING, duration: 0 });
    else map.map.jumpTo({ center: [this.#view.center[0], this.#view.center[1]], zoom: this.#view.zoom });
    map.map.scrollZoom.disable();
    map.map.dragPan.disable();
    map.map.doubleClickZoom.disable();
    map.map.keyboard.disable();
    const { i18n } = this.#context;
    map.setControlLabels({ map: i18n.t('mapLabel'), zoomIn: i18n.t('zoomIn'), zoomOut: i18n.t('zoomOut') });
    if (this.feeds.includes('portal')) {
      const key = new MapKey(i18n, PORTAL_LEGEND);
      this.element.append(key.element);
      key.show(true);
    }

    const { streams } = this.#context;
    const shown = new Set(this.feeds);
    const keep = <K extends keyof FeedStates>(key: K) => (frame: FeedStates[K]): void => {
      this.#states[key] = frame;
      this.#schedule();
    };
    if (shown.has('traffic')) this.#subscriptions.add(streams.traffic$.subscribe(keep('traffic')));
    if (shown.has('environment')) this.#subscriptions.add(streams.environment$.subscribe(keep('environment')));
    if (shown.has('soc')) this.#subscriptions.add(streams.soc$.subscribe(keep('soc')));
    if (shown.has('portal')) this.#subscriptions.add(streams.portal$.subscribe(keep('portal')));
    if (shown.has('incidents')) this.#subscriptions.add(streams.incidents$.subscribe(keep('incidents')));
    if (shown.has('vehicles')) this.#subscriptions.add(streams.vehicles$.subscribe(keep('vehicles')));
    // Animated layers (SOC bursts, unacknowledged incidents) at 2 Hz: smooth enough from across the room, and half
    // the console's drawing cost on a wall PC that may have no real GPU. A map without them redraws only on data.
    if (shown.has('soc') || shown.has('incidents')) {
      this.#subscriptions.add(interval(500).pipe(auditTime(0, animationFrameScheduler)).subscribe(() => this.#schedule()));
    }
    await map.whenLoaded();
  }

  tick(_now: number, health: FeedHealthMap | null): void {
    if (health !== this.#health) {
      this.#health = health;
      this.#schedule();
    }
  }

  #schedule(): void {
    if (this.#pending || this.#destroyed) return;
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      const map = this.#map;
      if (this.#destroyed || !map) return;
      const shown = new Set(this.feeds);
      map.setLayers(
        scaleTextForWall(buildMapLayers({
          states: this.#states,
          places: this.#context.places,
          visible: (feed) => shown.has(feed),
          stale: (feed) => (this.#health ? this.#health[feed].state !== 'live' : false),
          highlight: null,
          time: performance.now(),
          labels: { project: (lonLat) => map.map.project(lonLat), textScale: WALL_TEXT_SCALE },
        })),
      );
    });
  }

  destroy(): void {
    this.#destroyed = true;
    this.#subscriptions.unsubscribe();
    // remove() also removes the deck.gl overlay control and frees both WebGL contexts.
    this.#map?.remove();
    this.#map = null;
  }
}
