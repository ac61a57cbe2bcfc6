import type { ConsoleBridge, ConsoleConfig } from '../../feeds/bridge/bridge-contract.js';
import type { FeedHealthMap } from '../../feeds/client/feed-health.js';
import type { ConnectionStatus } from '../../feeds/client/hub-streams.js';
import { FEED_NAMES } from '../../feeds/protocol/feed-names.js';
import { ownValue } from '../../feeds/protocol/own-record.js';
import { rotationAt, type RotationState, type WallSource } from '../../feeds/wall/rotation.js';
import { h } from '../app/dom.js';
import { openFeedStreams } from '../app/feed-streams.js';
import { regionPlaces } from '../app/region-places.js';
import { I18n } from '../i18n/i18n.js';
import { fetchRegion } from '../region/fetch-region.js';
import { CriticalStrip } from './critical-strip.js';
import { startFrameReports } from './frame-reporter.js';
import { LayoutStage } from './layout-stage.js';
import type { PanelContext } from './panels/wall-panel.js';
import { fetchLayout, fetchWallConfig } from './wall-files.js';
import { wallText } from './wall-messages.js';
import { WallHeader } from './wall-header.js';
import { drawnOnMaps } from '../map/map-view.js';
import './wall.css';

/** How often the wall asks the clock which layout is due: a fixed interval, not a chain of per-item timers. */
const ROTATION_CHECK_MS = 500;
/** A map that never reports 'load' must not hold the rotation: show the layout anyway after this long. */
const START_TIMEOUT_MS = 15_000;
/** A layout that failed to load (file missing, hub host briefly down) is tried again after this long. */
const RETRY_FAILED_MS = 30_000;
/** A wall that could not start at all reloads itself after this long. */
const START_RETRY_MS = 10_000;

/** Test and diagnostics hook of the wall (read-only). */
export interface WallDebugHook {
  rotation(): RotationState | null;
  health(): Record<string, string>;
  /** Date.now() when the newest item of any feed arrived (null before any). */
  lastData(): number | null;
  frames(): number;
  /** Per map of the layout shown, per visible layer, the objects it draws (renderer/map/map-view.ts). */
  drawn(): Record<string, number>[];
}

/**
 * Composition root of video-wall mode (`config.wall` set): header (province, clock, hub), the critical banner, and
 * the layout due now — a fixed one, or the playlist item the clock says (feeds/wall/rotation.ts). One hub
 * connection serves every layout; panels subscribe when mounted and let go when the rotation moves on.
 */
export async function startWall(bridge: ConsoleBridge, root: HTMLElement, config: ConsoleConfig): Promise<void> {
  const wall = config.wall;
  // Walls show live only (issue 12): a replay moment in the URL is not an error, but it is said.
  if (config.at) console.info(`wall: ?at=${config.at} ignored — a wall shows live data only (docs/replay.md)`);
  const source: WallSource | null = wall?.playlist ? { playlist: wall.playlist } : wall?.layout ? { layout: wall.layout } : null;
  if (!source) throw new Error('wall mode needs a layout or a playlist (e.g. /?wall=1&layout=kpi-grid or /?wall=1&playlist=day)');
  const frames = startFrameReports(bridge);
  try {
    await runWall(root, config, source, frames);
  } catch (error) {
    // Region or wall config could not be fetched (the hub host restarting, say); a layout that fails is shown as an
    // error panel and tried again by the rotation instead. Nobody is there to press reload: stop the frame reports (Electron's watchdog restarts the renderer) and reload the page ourselves.
    frames.stop();
    window.setTimeout(() => window.location.reload(), START_RETRY_MS);
    const i18n = new I18n(config.locale);
    throw new Error(`${error instanceof Error ? error.message : String(error)} — ${wallText(i18n, 'startRetry', { seconds: String(START_RETRY_MS / 1000) })}`, { cause: error });
  }
}

async function runWall(root: HTMLElement, config: ConsoleConfig, source: WallSource, frames: { readonly count: () => number }): Promise<void> {
  const i18n = new I18n(config.locale);
  document.documentElement.lang = config.locale;
  document.documentElement.classList.add('wall-mode');

  const [region, wallConfig] = await Promise.all([fetchRegion(config.regionUrl), fetchWallConfig('playlist' in source)]);
  // Refuses an unknown playlist now, with its name, rather than on the first tick.
  rotationAt(wallConfig, source, Date.now());
  document.title = `${i18n.t('appTitle')} — ${i18n.pick(region.manifest.name)}`;

  const streams = openFeedStreams(config, 'wall');
  const context: PanelContext = { streams, region, places: regionPlaces(region), i18n, timeZone: wallConfig.timeZone };
  const header = new WallHeader(i18n, region.manifest.name, wallConfig.timeZone);
  const bannerElement = h('div', { class: 'wall-critical', hidden: '', role: 'alert', 'data-testid': 'critical-banner' });
  const banner = new CriticalStrip(bannerElement, i18n);
  const slot = h('main', { class: 'wall-slot' });
  root.replaceChildren(h('div', { class: 'wall' }, header.element, bannerElement, slot));

  let health: FeedHealthMap | null = null;
  let status: ConnectionStatus | null = null;
  let current: { name: string; stage: LayoutStage | null; since: number } | null = null;
  let loading: string | null = null;
  let rotation: RotationState | null = null;

  const updateHub = (): void => header.setHub(status, health !== null && FEED_NAMES.every((feed) => health?.[feed].state !== 'live'));
  streams.connection.status$.subscribe((next) => {
    status = next;
    updateHub();
  });
  streams.health$.subscribe((next) => {
    // health$ emits on every arriving item (lastUpdate moves); the panels need a tick only when a feed's state
    // changes. The ages on the overlays advance with the 1 s tick.
    const changed = health === null || FEED_NAMES.some((feed) => health?.[feed].state !== next[feed].state);
    health = next;
    updateHub();
    if (changed) current?.stage?.tick(Date.now(), health);
  });
  streams.incidents$.subscribe((frame) => banner.update(Object.values(frame.state.incidents)));

  const show = async (name: string): Promise<void> => {
    loading = name;
    let stage: LayoutStage | null = null;
    let element: HTMLElement;
    let title = name;
    try {
      const layout = await fetchLayout(name);
      if (loading !== name) return;
      title = layout.title ? i18n.pick(layout.title) : name;
      stage = new LayoutStage(name, layout, context);
      element = stage.element;
      element.classList.add('entering');
      slot.append(element);
      stage.tick(Date.now(), health);
      await Promise.race([stage.start(), new Promise((resolve) => setTimeout(resolve, START_TIMEOUT_MS))]);
    } catch (error) {
      console.error(error);
      stage?.destroy();
      stage = null;
      element = h('div', { class: 'wall-stage wall-error', 'data-layout': name }, h('strong', {}, wallText(i18n, 'layoutError')), h('span', {}, error instanceof Error ? error.message : String(error)));
      slot.append(element);
    }
    if (loading !== name) {
      // The rotation moved on while this one loaded.
      stage?.destroy();
      element.remove();
      return;
    }
    loading = null;
    // Swap only once the new layout has drawn: the wall never shows a half-built screen.
    const previous = current;
    current = { name, stage, since: Date.now() };
    // Health changes while the stage was loading reached only the old stage: bring the new one up to date before it
    // shows, or it keeps the overlays of its first tick until the next 1 s tick.
    stage?.tick(Date.now(), health);
    element.classList.remove('entering');
    previous?.stage?.destroy();
    for (const child of [...slot.children]) if (child !== element) child.remove();
    root.dataset['layout'] = name;
    shownTitle = title;
    updatePosition();
  };

  // The header's "playlist · n/total" follows the rotation, also when the next item shows the same layout again.
  let shownTitle = '';
  let shownHeader: string | null = null;
  const updatePosition = (): void => {
    const playlist = rotation?.playlist ? ownValue(wallConfig.playlists, rotation.playlist) : undefined;
    // The config's title in the wall's language; a playlist without one is called by its position only (its key is
    // an id like "night", not words for the screen).
    const item = rotation?.playlist ? wallText(i18n, 'itemOf', { n: rotation.index + 1, total: playlist?.items.length ?? 1 }) : '';
    const position = playlist?.title ? `${i18n.pick(playlist.title)} · ${item}` : item;
    if (`${shownTitle}\n${position}` === shownHeader) return;
    shownHeader = `${shownTitle}\n${position}`;
    header.setLayout(shownTitle, position);
  };
  const check = (): void => {
    rotation = rotationAt(wallConfig, source, Date.now());
    root.dataset['playlist'] = rotation.playlist ?? '';
    root.dataset['item'] = String(rotation.index);
    const failed = current !== null && current.stage === null && Date.now() - current.since > RETRY_FAILED_MS;
    if ((rotation.layout !== current?.name || failed) && rotation.layout !== loading) void show(rotation.layout);
    else if (rotation.layout === current?.name) updatePosition();
  };
  const tick = (): void => {
    const now = Date.now();
    header.tick(now);
    current?.stage?.tick(now, health);
  };

  const debug: WallDebugHook = {
    rotation: () => rotation,
    health: () => Object.fromEntries(FEED_NAMES.map((feed) => [feed, health?.[feed].state ?? 'connecting'])),
    lastData: () => {
      const times = FEED_NAMES.map((feed) => health?.[feed].lastUpdate ?? null).filter((time): time is number => time !== null);
      return times.length > 0 ? Math.max(...times) : null;
    },
    frames: () => frames.count(),
    drawn: drawnOnMaps,
  };
  (window as unknown as { iocWallDebug: WallDebugHook }).iocWallDebug = debug;

  rotation = rotationAt(wallConfig, source, Date.now());
  await show(rotation.layout);
  check();
  window.setInterval(check, ROTATION_CHECK_MS);
  window.setInterval(tick, 1000);
  root.dataset['ready'] = 'true';
}

