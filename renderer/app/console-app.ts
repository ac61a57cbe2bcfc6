import type { ConsoleBridge, ConsoleConfig } from '../../feeds/bridge/bridge-contract.js';
import { I18n } from '../i18n/i18n.js';
import { MapView } from '../map/map-view.js';
import { fetchRegion } from '../region/fetch-region.js';
import { mountClock } from './clock.js';
import { createDialogs } from './dialogs.js';
import { h } from './dom.js';
import { AlertTone } from '../incidents/alert-tone.js';
import { DeskSettings, pageStorage, seatSettingsKey } from './desk-settings.js';
import { bindShortcuts } from './shortcuts.js';
import { wireFeeds } from './wire-feeds.js';

const ATTRIBUTIONS = [
  'Ranh giới hành chính: daohoangson/dvhcvn (GPL-3.0), từ gis.chinhphu.vn — Administrative boundaries: daohoangson/dvhcvn (GPL-3.0)',
  'Đường giao thông, sông ngòi: © OpenStreetMap contributors (ODbL 1.0) — Roads and waterways: © OpenStreetMap contributors (ODbL 1.0)',
  'Chỉ số VN_AQI: Quyết định 1459/QĐ-TCMT (2019), Tổng cục Môi trường — VN_AQI: Decision 1459/QĐ-TCMT (2019)',
  'Phông chữ Be Vietnam Pro (SIL Open Font License 1.1) — Be Vietnam Pro font (OFL 1.1)',
  'MapLibre GL JS (BSD-3-Clause), deck.gl (MIT), d3 (ISC), RxJS (Apache-2.0)',
];

/** Composition root of the operator console: shell, map, KPI wall, feeds. */
export async function startConsole(bridge: ConsoleBridge, root: HTMLElement, config: ConsoleConfig): Promise<void> {
  // This seat's remembered layers, language, filters and view (desk-settings.ts); ?lang= in the address wins.
  const settings = new DeskSettings(pageStorage(), seatSettingsKey(config.role, config.token));
  if (settings.problem) console.warn(`settings: ${settings.problem} — starting from the defaults`);
  const locale = !new URLSearchParams(window.location.search).has('lang') && settings.value.locale ? settings.value.locale : config.locale;
  const i18n = new I18n(locale);
  document.documentElement.lang = locale;
  i18n.onChange((next) => settings.update({ locale: next }));
  const region = await fetchRegion(config.regionUrl);

  const title = h('div', { class: 'title' });
  const health = h('div', { class: 'health', 'data-testid': 'feed-health' });
  const clock = h('div', { class: 'clock', 'data-testid': 'clock' });
  const languageButton = h('button', { type: 'button', 'data-action': 'language' });
  const helpButton = h('button', { type: 'button', 'data-action': 'help' }, '?');
  // Sound: off until the operator turns it on; a mute silences it for 15 minutes; the state is always shown.
  const soundButton = h('button', { type: 'button', class: 'sound', 'data-action': 'sound', 'data-testid': 'sound-toggle' });
  const muteButton = h('button', { type: 'button', class: 'sound-mute', 'data-action': 'sound-mute', 'data-testid': 'sound-mute' });
  const renderSound = (): void => {
    const state = tone.state(Date.now());
    soundButton.dataset['state'] = state.kind;
    // Words, not emoji: the bundled font has no emoji glyphs, and the machines here have no emoji font either.
    soundButton.textContent = state.kind === 'off' ? i18n.t('soundOff') : state.kind === 'on' ? i18n.t('soundOn') : i18n.t('soundMutedUntil', { time: i18n.time(state.until) });
    soundButton.title = i18n.t(state.kind === 'off' ? 'soundTurnOn' : 'soundTurnOff');
    muteButton.hidden = state.kind === 'off';
    muteButton.textContent = i18n.t(state.kind === 'muted' ? 'soundUnmute' : 'soundMute15');
  };
  const tone = new AlertTone(settings.value.sound === true, renderSound);
  soundButton.addEventListener('click', () => {
    tone.setEnabled(!tone.enabled);
    settings.update({ sound: tone.enabled });
    // Asked once, from this click: the OS notification for critical incidents while the desk is in the background.
    if (tone.enabled && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
  });
  muteButton.addEventListener('click', () => tone.toggleMute(Date.now()));
  // The mute ends by itself: the label follows.
  window.setInterval(() => {
    if (tone.state(Date.now()).kind !== soundButton.dataset['state']) renderSound();
  }, 5000);
  const aboutButton = h('button', { type: 'button', 'data-action': 'about' });
  const topbar = h('header', { class: 'topbar' }, title, health, h('div', { class: 'spacer' }), clock, soundButton, muteButton, languageButton, helpButton, aboutButton);
  const mapElement = h('div', { class: 'map', 'data-testid': 'map' });
  const layerPanel = h('section', { class: 'layer-panel', 'data-testid': 'layer-panel' });
  const tooltip = h('div', { class: 'tooltip', hidden: '' });
  const drawer = h('aside', { class: 'drawer', hidden: '', 'data-testid': 'drawer' });
  const banner = h('div', { class: 'critical-banner', hidden: '', role: 'alert', 'data-testid': 'critical-banner' });
  const replayBanner = h('div', { class: 'replay-banner', hidden: '', role: 'status', 'data-testid': 'replay-banner' });
  const mapArea = h('main', { class: 'map-area' }, mapElement, layerPanel, tooltip, drawer, replayBanner, banner);
  const timeBar = h('div', { class: 'time-bar-slot' });
  const queue = h('div', { class: 'queue-slot' });
  const kpiWall = h('section', { class: 'kpi-wall', 'data-testid': 'kpi-wall' });
  // The KPI cards are a strip under the map and the queue, all five on screen at once (no scrolling): a column
  // beside the map held 1,674 px of cards in 596 px at 1920×1080.
  const desk = h('div', { class: 'console', 'data-replay': 'live' }, topbar, mapArea, h('div', { class: 'side' }, queue), kpiWall, timeBar);
  root.replaceChildren(desk);

  const renderChrome = (): void => {
    title.replaceChildren(i18n.t('appTitle'), h('small', {}, i18n.pick(region.manifest.name)));
    languageButton.textContent = i18n.t('language');
    aboutButton.textContent = i18n.t('about');
    helpButton.setAttribute('aria-label', i18n.t('help'));
    helpButton.title = i18n.t('help');
    document.title = `${i18n.t('appTitle')} — ${i18n.pick(region.manifest.name)}`;
  };
  renderChrome();
  i18n.onChange(renderChrome);
  mountClock(clock, i18n, 'Asia/Ho_Chi_Minh');
  const dialogs = createDialogs(root, i18n, [region.manifest.attribution, ...ATTRIBUTIONS], config.version);

  const map = new MapView({
    container: mapElement,
    basemap: region,
    bbox: region.manifest.bbox,
    center: region.manifest.center,
    zoom: region.manifest.zoom,
  });
  const view = settings.value.view;
  if (view) map.map.jumpTo({ center: [view.center[0], view.center[1]], zoom: view.zoom });
  map.map.on('moveend', () => {
    const center = map.map.getCenter();
    settings.update({ view: { center: [center.lng, center.lat], zoom: map.map.getZoom() } });
  });
  const controlLabels = (): void => map.setControlLabels({ map: i18n.t('mapLabel'), zoomIn: i18n.t('zoomIn'), zoomOut: i18n.t('zoomOut') });
  controlLabels();
  i18n.onChange(controlLabels);
  renderSound();
  i18n.onChange(renderSound);
  const feeds = wireFeeds({ config, settings, tone, region, i18n, map, health, layerPanel, tooltip, drawer, kpiWall, queue, banner, bridge, timeBar, replayBanner, root: desk });

  const commands = {
    'toggle-language': () => i18n.toggle(),
    'show-help': () => dialogs.toggle('help'),
    'show-about': () => dialogs.toggle('about'),
    'fly-home': () => map.flyHome(),
    'toggle-layer-panel': () => {
      layerPanel.hidden = !layerPanel.hidden;
    },
  } as const;
  languageButton.addEventListener('click', commands['toggle-language']);
  helpButton.addEventListener('click', commands['show-help']);
  aboutButton.addEventListener('click', commands['show-about']);
  bridge.onCommand((command) => commands[command]());
  bindShortcuts(window, {
    l: commands['toggle-language'],
    '?': commands['show-help'],
    h: commands['fly-home'],
    b: commands['toggle-layer-panel'],
    i: commands['show-about'],
    a: () => feeds.focusAck(),
    n: () => feeds.logIncident(),
    '/': () => feeds.openSearch(),
    j: () => feeds.moveInQueue(1),
    k: () => feeds.moveInQueue(-1),
    Escape: () => {
      if (dialogs.isOpen) dialogs.close();
      else feeds.closeDrawer();
    },
    ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [String(n), () => feeds.toggleLayer(n - 1)])),
    ...feeds.replayShortcuts,
  });
  // Ctrl+K (⌘K) opens the search from anywhere, a text field included.
  window.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      feeds.openSearch();
    }
  });
  await map.whenLoaded();
  root.dataset['ready'] = 'true';
}
