import type { PickingInfo } from '@deck.gl/core';
import { animationFrameScheduler, auditTime, interval } from 'rxjs';
import type { ConsoleBridge, ConsoleConfig } from '../../feeds/bridge/bridge-contract.js';
import type { FeedHealthMap } from '../../feeds/client/feed-health.js';
import { FEED_NAMES, isFeedName, type FeedName } from '../../feeds/protocol/feed-names.js';
import { ALL_LEGENDS, geometryPoint, LAYER_ORDER, type MapPick } from '../../layers/index.js';
import { PORTAL_LEGEND } from '../../layers/portal/portal-legend.js';
import { MapKey } from '../map/map-key.js';
import { FeedHealthBar } from '../health/feed-health-bar.js';
import { CriticalBanner } from '../incidents/critical-banner.js';
import { IncidentQueue } from '../incidents/incident-queue.js';
import { LogIncidentForm } from '../incidents/log-incident-form.js';
import { DEFAULT_FILTER } from '../incidents/incident-order.js';
import type { DeskSettings } from './desk-settings.js';
import type { Incident } from '../../feeds/protocol/incident.js';
import type { AlertTone } from '../incidents/alert-tone.js';
import { KIND_LABELS } from '../incidents/incident-labels.js';
import { SearchBox } from '../search/search-box.js';
import { incidentEntries, roadEntries, type SearchEntry } from '../search/search-index.js';
import { VEHICLE_KIND_LABELS, vehicleKindOf } from '../../layers/vehicles/vehicle-style.js';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { I18n } from '../i18n/i18n.js';
import { EnvironmentKpiCard } from '../kpi/environment-card.js';
import { IncidentsKpiCard } from '../kpi/incidents-card.js';
import { PortalKpiCard } from '../kpi/portal-card.js';
import { SocKpiCard } from '../kpi/soc-card.js';
import { TrafficKpiCard } from '../kpi/traffic-card.js';
import { drawnOnMaps, type MapView } from '../map/map-view.js';
import type { RegionPack } from '../region/fetch-region.js';
import { DetailDrawer } from './detail-drawer.js';
import { openFeedStreams } from './feed-streams.js';
import { pickTooltip } from './pick-text.js';
import { LayerPanel } from './layer-panel.js';
import { buildMapLayers, emptyFeedStates, type FeedStates } from './map-layers.js';
import { regionPlaces } from './region-places.js';
import { mountDeskReplay, type DeskReplay } from '../replay/desk-replay.js';
import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import type { IncidentsState } from '../../feeds/incidents/incidents-reducer.js';
import type { FeedStateFrame } from '../../feeds/pipelines/feed-state.js';
import type { PortalState } from '../../feeds/portal/portal-reducer.js';
import type { VehicleFrame } from '../../feeds/protocol/vehicle-frame.js';
import type { SocState } from '../../feeds/soc/soc-state.js';
import type { TrafficState } from '../../feeds/traffic/traffic-reducer.js';

export interface FeedsWiring {
  readonly config: ConsoleConfig;
  /** What this seat remembers across reloads (desk-settings.ts). */
  readonly settings: DeskSettings;
  /** The desk's alert tone (the topbar's sound control drives it). */
  readonly tone: AlertTone;
  readonly region: RegionPack;
  readonly i18n: I18n;
  readonly map: MapView;
  readonly health: HTMLElement;
  readonly layerPanel: HTMLElement;
  readonly tooltip: HTMLElement;
  readonly drawer: HTMLElement;
  readonly kpiWall: HTMLElement;
  readonly queue: HTMLElement;
  readonly banner: HTMLElement;
  readonly bridge: ConsoleBridge;
  /** The desk's time bar slot and replay banner (absent on a wall: walls show live only). */
  readonly timeBar?: HTMLElement;
  readonly replayBanner: HTMLElement;
  /** The page root: marked while replaying. */
  readonly root: HTMLElement;
}

/** Test and diagnostics hook (read-only views plus what the layer panel can do anyway). */
export interface ConsoleDebugHook {
  project(lon: number, lat: number): [number, number];
  showOnly(feeds: readonly string[]): void;
  health(): Record<string, string>;
  /** Per map, per visible layer, the objects it draws (renderer/map/map-view.ts). */
  drawn(): Record<string, number>[];
  /** Alert tones played on this page and the audio context's state (alert-tone.ts). */
  tones(): { critical: number; escalated: number; context: string };
}

/**
 * The live data path of the console: one HubConnection, one pipeline per feed (folded with the hub's reducers,
 * collapsed to animation frames), layers and KPI cards redrawn from them, feed health driving the stale marks.
 */
export function wireFeeds(wiring: FeedsWiring): { toggleLayer(index: number): void; closeDrawer(): void; focusAck(): void; logIncident(): void; openSearch(): void; moveInQueue(delta: 1 | -1): void; replayShortcuts: Readonly<Record<string, () => void>> } {
  const { config, region, i18n, map } = wiring;
  const { connection, traffic$, environment$, soc$, portal$, incidents$, vehicles$, health$ } = openFeedStreams(config, 'console');

  const states: FeedStates = emptyFeedStates();
  let health: FeedHealthMap | null = null;

  const places = regionPlaces(region);
  const { stationNames, agencyNames, districtNames } = places;

  // KPI wall.
  const trafficCard = new TrafficKpiCard(i18n);
  const environmentCard = new EnvironmentKpiCard(i18n, stationNames);
  const socCard = new SocKpiCard(i18n, agencyNames);
  const portalCard = new PortalKpiCard(i18n, districtNames);
  const incidentsCard = new IncidentsKpiCard(i18n);
  wiring.kpiWall.replaceChildren(trafficCard.card.element, environmentCard.card.element, socCard.card.element, portalCard.card.element, incidentsCard.card.element);
  const cards: Partial<Record<FeedName, { card: { setStale(stale: boolean): void; renderTitle(): void }; render(): void }>> = {
    traffic: trafficCard,
    environment: environmentCard,
    soc: socCard,
    portal: portalCard,
    incidents: incidentsCard,
  };

  const healthBar = new FeedHealthBar(wiring.health, i18n);
  connection.hub$.subscribe((url) => healthBar.setHub(url));
  let selected: string | null = null;
  const drawer = new DetailDrawer(wiring.drawer, i18n, map, () => {
    selected = null;
    scheduleRender();
  });
  const { settings } = wiring;
  const panel = new LayerPanel(
    wiring.layerPanel,
    i18n,
    [...LAYER_ORDER].reverse(),
    ALL_LEGENDS,
    () => {
      scheduleRender();
      settings.update({ layers: Object.fromEntries(FEED_NAMES.map((feed) => [feed, panel.isVisible(feed)])) });
    },
    () => resetView(),
  );
  const portalKey = new MapKey(i18n, PORTAL_LEGEND);
  wiring.layerPanel.after(portalKey.element);

  const isStale = (feed: FeedName): boolean => (health ? health[feed].state !== 'live' : false);
  const now = (): number => performance.now();
  const renderLayers = (): void => {
    portalKey.show(panel.isVisible('portal'));
    map.setLayers(
      buildMapLayers({
        states,
        places,
        visible: (feed) => panel.isVisible(feed),
        stale: isStale,
        highlight: selected,
        time: now(),
        labels: { project: (lonLat) => map.map.project(lonLat), textScale: 1 },
      }),
    );
  };
  let renderPending = false;
  const scheduleRender = (): void => {
    if (renderPending) return;
    renderPending = true;
    requestAnimationFrame(() => {
      renderPending = false;
      renderLayers();
    });
  };
  // The layers this seat left on or off (after scheduleRender exists: a change redraws).
  for (const [feed, visible] of Object.entries(settings.value.layers ?? {})) if (isFeedName(feed) && panel.isVisible(feed) !== visible) panel.setVisible(feed, visible);

  // Which labels fit depends on the zoom: choose again as the view moves (at most once a frame).
  map.map.on('move', () => scheduleRender());

  // What the desk shows: the live frames, or while replaying the replayed ones (the live pipelines keep folding
  // underneath, so Live shows the present at once). Every frame shown gets a new version, so a layer's
  // updateTriggers see the switch between a live and a replayed state even where their own versions coincide.
  const live: FeedStates = emptyFeedStates();
  let replaying = false;
  // Mounted below, once the queue exists; the live handlers only read it when frames arrive.
  let replay: DeskReplay | null = null;
  let displayVersion = 0;
  const stamp = <S>(frame: FeedStateFrame<S>): FeedStateFrame<S> => ({ ...frame, version: ++displayVersion });
  const deskNow = (): number => (replay ? replay.session.clock() : Date.now());
  // The queue's "now" lines read the states the cards read (renderer/incidents/incident-now.ts).
  const showConditions = (): void =>
    incidentQueue.setConditions({ traffic: states.traffic?.state ?? null, environment: states.environment?.state ?? null, portal: states.portal?.state ?? null });
  const showTraffic = (frame: FeedStateFrame<TrafficState>): void => {
    states.traffic = stamp(frame);
    trafficCard.update(frame.state, deskNow());
    showConditions();
  };
  const showEnvironment = (frame: FeedStateFrame<EnvironmentState>): void => {
    states.environment = stamp(frame);
    environmentCard.update(frame.state, deskNow());
    showConditions();
  };
  const showSoc = (frame: FeedStateFrame<SocState>): void => {
    states.soc = stamp(frame);
    socCard.update(frame.state);
  };
  const showPortal = (frame: FeedStateFrame<PortalState>): void => {
    states.portal = stamp(frame);
    portalCard.update(frame.state);
    showConditions();
  };
  const showIncidents = (frame: FeedStateFrame<IncidentsState>): void => {
    states.incidents = stamp(frame);
    const list = Object.values(frame.state.incidents);
    incidentsCard.update(frame.state, deskNow());
    incidentQueue.update(list);
  };
  const showVehicles = (frame: VehicleFrame | null): void => {
    states.vehicles = frame;
    trafficCard.updateVehicles(frame?.count ?? 0);
  };
  traffic$.subscribe((frame) => {
    live.traffic = frame;
    if (!replaying) showTraffic(frame);
    scheduleRender();
  });
  environment$.subscribe((frame) => {
    live.environment = frame;
    if (!replaying) showEnvironment(frame);
    scheduleRender();
  });
  soc$.subscribe((frame) => {
    live.soc = frame;
    if (!replaying) showSoc(frame);
    scheduleRender();
  });
  portal$.subscribe((frame) => {
    live.portal = frame;
    if (!replaying) showPortal(frame);
    scheduleRender();
  });
  // "Ghi nhận sự cố": while a place is being picked, the next map click gives it instead of opening what is there.
  let pickPlace: ((position: readonly [number, number]) => void) | null = null;
  const unitAt = (position: readonly [number, number]): string | null => {
    const unit = places.districts.features.find((feature) => booleanPointInPolygon([position[0], position[1]], feature.geometry));
    const code = unit?.properties?.code;
    return code === undefined ? null : districtNames.get(String(code)) ?? String(code);
  };
  const logForm = new LogIncidentForm(i18n, {
    create: (incident) => connection.create(incident),
    center: () => {
      const center = map.map.getCenter();
      return [center.lng, center.lat];
    },
    pickOnMap: (done) => {
      pickPlace = done;
      map.map.getContainer().classList.toggle('picking-place', done !== null);
    },
    unitAt,
    created: (incident) => incidentQueue.select(incident.id),
  });
  const incidentQueue = new IncidentQueue(
    i18n,
    {
      ack: (id, note) => connection.ack(id, note),
      assign: (id, to, note) => connection.assign(id, to, note),
      resolve: (id, note) => connection.resolve(id, note),
      snooze: (id, minutes, note) => connection.snooze(id, minutes, note),
      comment: (id, note) => connection.comment(id, note),
      reopen: (id, note) => connection.reopen(id, note),
      canReopen: config.role === 'duty-officer' || config.role === 'admin',
      online: () => connection.status === 'open',
      flyTo: (incident) => {
        const point = geometryPoint(incident.geometry);
        if (point) map.flyTo([point[0], point[1]]);
        selected = incident.id;
        scheduleRender();
      },
      canAct: config.role !== 'wall',
      now: deskNow,
      filterChanged: (filter) => settings.update({ filter }),
      // A minute before it opened, paused there: the officer presses play to watch it develop.
      showWhen: (incident) => replay?.seek(incident.openedAt - 60_000, false),
    },
    districtNames,
    config.role === 'wall' ? null : logForm,
  );
  wiring.queue.replaceChildren(incidentQueue.element);
  if (settings.value.filter) incidentQueue.setFilter(settings.value.filter);
  /** "Đặt lại giao diện": every layer on, the queue's default filter, the whole province; the language stays. */
  const resetView = (): void => {
    for (const feed of FEED_NAMES) if (!panel.isVisible(feed)) panel.setVisible(feed, true);
    incidentQueue.setFilter(DEFAULT_FILTER);
    map.flyHome();
    settings.reset();
    settings.update({ locale: i18n.locale });
  };
  connection.welcome$.subscribe((welcome) => incidentQueue.setTeams(welcome.teams ?? []));
  // New live incidents raise the critical banner while replaying too; choosing one returns to live.
  const { tone } = wiring;
  const banner = new CriticalBanner(
    wiring.banner,
    i18n,
    (id) => {
      if (replaying) replay?.live();
      incidentQueue.select(id);
    },
    (incident) => {
      tone.play('critical', Date.now());
      notifyInBackground(incident);
    },
  );
  // A desk in the background (another window in front) hears of a new critical incident from the OS too, when sound
  // is on and the notification permission was given (Electron grants it to app://console only: main/permission-policy.ts).
  const notifyInBackground = (incident: Incident): void => {
    if (!tone.enabled || document.hasFocus() || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const note = new Notification(`${i18n.t('newCritical')}: ${i18n.pick(incident.title)}`, { tag: incident.id, body: `${i18n.pick(KIND_LABELS[incident.kind])}${incident.district ? ` · ${districtNames.get(incident.district) ?? ''}` : ''}` });
    note.addEventListener('click', () => {
      window.focus();
      incidentQueue.select(incident.id);
    });
  };
  // Escalations of open incidents ring too (one note): the level went up since this desk last saw the incident.
  const levels = new Map<string, number>();
  let levelsPrimed = false;
  const ringEscalations = (list: readonly Incident[]): void => {
    const now = Date.now();
    let rang = false;
    for (const incident of list) {
      const before = levels.get(incident.id);
      levels.set(incident.id, incident.escalation);
      const snoozed = incident.snoozedUntil !== undefined && incident.snoozedUntil > now;
      if (levelsPrimed && !rang && before !== undefined && incident.escalation > before && incident.state === 'open' && !snoozed) rang = tone.play('escalated', now);
    }
    levelsPrimed = true;
  };
  incidents$.subscribe((frame) => {
    live.incidents = frame;
    const list = Object.values(frame.state.incidents);
    banner.update(list);
    ringEscalations(list);
    replay?.setIncidents(list.map((incident) => ({ id: incident.id, at: incident.openedAt, severity: incident.severity })));
    if (!replaying) showIncidents(frame);
    scheduleRender();
  });
  vehicles$.subscribe((frame) => {
    live.vehicles = frame;
    if (!replaying) showVehicles(frame);
    scheduleRender();
  });
  health$.subscribe((map) => {
    health = map;
    if (!replaying) healthBar.update(map, Date.now());
    for (const feed of FEED_NAMES) {
      cards[feed]?.card.setStale(!replaying && map[feed].state !== 'live');
      panel.setStale(feed, !replaying && map[feed].state !== 'live');
    }
    scheduleRender();
  });

  // Replay (issue 12): the time bar, the banner, ?at=. Walls never replay (they do not mount this).
  const replayed: Partial<Record<FeedName, number | null>> = {};
  replay = wiring.timeBar
    ? mountDeskReplay({
        connection,
        i18n,
        timeBarSlot: wiring.timeBar,
        banner: wiring.replayBanner,
        root: wiring.root,
        at: config.at ?? null,
        onMode: (on) => {
          replaying = on;
          incidentQueue.setReadOnly(on);
          for (const feed of FEED_NAMES) replayed[feed] = null;
          if (on) return;
          // Live again: the present, as the live pipelines have it.
          if (live.traffic) showTraffic(live.traffic);
          if (live.environment) showEnvironment(live.environment);
          if (live.soc) showSoc(live.soc);
          if (live.portal) showPortal(live.portal);
          if (live.incidents) showIncidents(live.incidents);
          showVehicles(live.vehicles);
          if (health) {
            healthBar.update(health, Date.now());
            for (const feed of FEED_NAMES) {
              cards[feed]?.card.setStale(health[feed].state !== 'live');
              panel.setStale(feed, health[feed].state !== 'live');
            }
          }
          scheduleRender();
        },
        onFrame: (frame) => {
          const shown = { state: frame.state, epoch: 'replay', seq: frame.seq, updatedAt: performance.now(), version: frame.version };
          if (frame.lastItemTs !== null) replayed[frame.feed] = frame.lastItemTs;
          // The hub built these states with the same reducers as the live ones (PROTOCOL §11: the live shape).
          if (frame.feed === 'traffic') showTraffic(shown as FeedStateFrame<TrafficState>);
          else if (frame.feed === 'environment') showEnvironment(shown as FeedStateFrame<EnvironmentState>);
          else if (frame.feed === 'soc') showSoc(shown as FeedStateFrame<SocState>);
          else if (frame.feed === 'portal') showPortal(shown as FeedStateFrame<PortalState>);
          else showIncidents(shown as FeedStateFrame<IncidentsState>);
          for (const feed of FEED_NAMES) {
            cards[feed]?.card.setStale(false);
            panel.setStale(feed, false);
          }
          scheduleRender();
        },
        onVehicles: (frame) => {
          showVehicles(frame);
          scheduleRender();
        },
      })
    : null;

  // Ages in the health bar tick every second; animated layers (SOC bursts, unacknowledged incidents) at 4 Hz.
  interval(1000).subscribe(() => {
    if (replay?.session.active) healthBar.showReplay(replayed, replay.session.clock());
    else healthBar.render(Date.now());
    wiring.bridge.reportFrame();
  });
  interval(250).pipe(auditTime(0, animationFrameScheduler)).subscribe(() => scheduleRender());

  i18n.onChange(() => {
    for (const card of Object.values(cards)) {
      card.card.renderTitle();
      card.render();
    }
    trafficCard.render();
    healthBar.render(Date.now());
  });

  // Hover tooltip and click → detail drawer with fly-to.
  map.setPickHandlers({
    onHover: (info: PickingInfo) => {
      const pick = info.object as MapPick | undefined;
      if (!pick || typeof pick !== 'object' || !('feed' in pick)) {
        wiring.tooltip.hidden = true;
        return;
      }
      wiring.tooltip.hidden = false;
      wiring.tooltip.textContent = pickTooltip(i18n, pick);
      wiring.tooltip.style.left = `${info.x + 12}px`;
      wiring.tooltip.style.top = `${info.y + 12}px`;
    },
    onClick: (info: PickingInfo) => {
      if (pickPlace && info.coordinate) {
        const done = pickPlace;
        pickPlace = null;
        map.map.getContainer().classList.remove('picking-place');
        done([info.coordinate[0] ?? 0, info.coordinate[1] ?? 0]);
        return;
      }
      const pick = info.object as MapPick | undefined;
      if (!pick || typeof pick !== 'object' || !('feed' in pick)) return;
      selected = pick.id;
      if (pick.feed === 'incidents') incidentQueue.select(pick.id);
      else drawer.show(pick, info.coordinate ? [info.coordinate[0] ?? 0, info.coordinate[1] ?? 0] : null);
      scheduleRender();
    },
  });

  // Search and go-to (`/`, Ctrl+K): what the desk shows now — live or the replayed moment.
  const searchEntries = (): SearchEntry[] => {
    const pick = (text: { vi: string; en: string }): string => i18n.pick(text);
    const entries: SearchEntry[] = [];
    for (const label of places.placeLabels) entries.push({ kind: 'place', id: label.id, label: label.text, detail: '', position: label.position });
    for (const station of places.stations) {
      const name = typeof station.name === 'string' ? station.name : pick(station.name);
      const aqi = states.environment?.state.stations[station.id]?.hourly?.aqi;
      entries.push({ kind: 'station', id: station.id, label: name, detail: [unitAt(station.position), aqi === undefined ? '' : `VN_AQI ${i18n.number(aqi)}`].filter(Boolean).join(' · '), position: station.position, also: typeof station.name === 'string' ? [] : [station.name.vi, station.name.en] });
    }
    for (const agency of places.agencies) entries.push({ kind: 'agency', id: agency.id, label: pick(agency.name), detail: unitAt(agency.position) ?? '', position: agency.position, also: [agency.name.vi, agency.name.en] });
    entries.push(...roadEntries(Object.values(states.traffic?.state.segments ?? {}), pick));
    const incidents = Object.values(states.incidents?.state.incidents ?? {});
    entries.push(...incidentEntries(incidents, pick, (incident) => pick(KIND_LABELS[incident.kind]), (incident) => (incident.district ? districtNames.get(incident.district) ?? '' : ''), (incident) => geometryPoint(incident.geometry)));
    const vehicles = states.vehicles;
    if (vehicles) {
      for (let i = 0; i < vehicles.count; i++) {
        const kind = vehicleKindOf(vehicles.kinds[i] ?? 255);
        entries.push({
          kind: 'vehicle',
          id: String(vehicles.ids[i]),
          label: `${i18n.t('searchVehicle')} ${vehicles.ids[i]}`,
          detail: `${kind ? pick(VEHICLE_KIND_LABELS[kind]) : ''} · ${i18n.number(vehicles.speeds[i] ?? 0)} km/h`,
          position: [vehicles.positions[i * 2] ?? 0, vehicles.positions[i * 2 + 1] ?? 0],
        });
      }
    }
    return entries;
  };
  const goTo = (entry: SearchEntry): void => {
    const position = entry.position ? ([entry.position[0], entry.position[1]] as [number, number]) : null;
    selected = entry.id;
    switch (entry.kind) {
      case 'incident':
        incidentQueue.select(entry.id);
        break;
      case 'place':
        if (position) map.flyTo(position, 11.5);
        break;
      case 'station':
        drawer.show({ feed: 'environment', id: entry.id, name: { vi: entry.label, en: entry.label }, value: states.environment?.state.stations[entry.id]?.hourly?.aqi ?? null, unit: 'AQI' }, position);
        break;
      case 'agency':
        drawer.show({ feed: 'soc', id: entry.id, name: places.agencyNames.get(entry.id) ?? { vi: entry.label, en: entry.label }, value: null, unit: '' }, position);
        break;
      case 'road': {
        const segment = states.traffic?.state.segments[entry.id];
        drawer.show({ feed: 'traffic', id: entry.id, name: segment?.name ?? { vi: entry.label, en: entry.label }, value: states.traffic?.state.speeds[entry.id]?.kmh ?? null, unit: 'km/h' }, position);
        break;
      }
      case 'vehicle':
        drawer.show({ feed: 'vehicles', id: entry.id, name: { vi: entry.label, en: entry.label }, value: null, unit: '' }, position);
        break;
    }
    scheduleRender();
  };
  const search = new SearchBox(i18n, searchEntries, goTo);
  wiring.root.append(search.element);

  const debug: ConsoleDebugHook = {
    project: (lon, lat) => map.project(lon, lat),
    showOnly: (feeds) => {
      for (const feed of FEED_NAMES) panel.setVisible(feed, feeds.includes(feed));
    },
    health: () => Object.fromEntries(FEED_NAMES.map((feed) => [feed, healthBar.state(feed)])),
    drawn: drawnOnMaps,
    tones: () => ({ ...tone.played, context: tone.contextState }),
  };
  (window as unknown as { iocConsoleDebug: ConsoleDebugHook }).iocConsoleDebug = debug;

  return {
    toggleLayer: (index) => panel.toggle(index),
    closeDrawer: () => drawer.hide(),
    focusAck: () => incidentQueue.focusAck(),
    logIncident: () => incidentQueue.openLogForm(),
    openSearch: () => search.show(),
    moveInQueue: (delta) => incidentQueue.move(delta),
    replayShortcuts: replay?.shortcuts ?? {},
  };
}
