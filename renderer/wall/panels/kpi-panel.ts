import { Subscription } from 'rxjs';
import type { FeedHealthMap } from '../../../feeds/client/feed-health.js';
import { kpiGroupFeeds, type KpiGroup } from '../../../feeds/wall/layout-schema.js';
import { h } from '../../app/dom.js';
import { EnvironmentKpiCard } from '../../kpi/environment-card.js';
import { IncidentsKpiCard } from '../../kpi/incidents-card.js';
import type { KpiCard } from '../../kpi/kpi-card.js';
import { PortalKpiCard } from '../../kpi/portal-card.js';
import { SocKpiCard } from '../../kpi/soc-card.js';
import { TrafficKpiCard } from '../../kpi/traffic-card.js';
import type { PanelContext, WallPanel } from './wall-panel.js';

/** Bar charts read from 5 m: the ten worst rows in type ≥ 22 px (wall.css), the others counted below them. */
const WALL_BAR_ROWS = 10;

interface MountedCard {
  readonly card: KpiCard;
  readonly group: KpiGroup;
  render(): void;
}

/** The console's own KPI cards, one per group, fed from the shared streams; the wall CSS makes them large. */
export class KpiPanel implements WallPanel {
  readonly element: HTMLElement;
  readonly feeds;
  readonly #cards: MountedCard[] = [];
  readonly #subscriptions = new Subscription();

  constructor(context: PanelContext, groups: readonly KpiGroup[], columns: number) {
    this.feeds = groups.flatMap(kpiGroupFeeds);
    const { streams, i18n, places } = context;
    for (const group of groups) {
      switch (group) {
        case 'traffic': {
          const card = new TrafficKpiCard(i18n);
          this.#subscriptions.add(streams.traffic$.subscribe((frame) => card.update(frame.state, Date.now())));
          this.#subscriptions.add(streams.vehicles$.subscribe((frame) => card.updateVehicles(frame.count)));
          this.#cards.push({ card: card.card, group, render: () => card.render() });
          break;
        }
        case 'environment': {
          const card = new EnvironmentKpiCard(i18n, places.stationNames, WALL_BAR_ROWS, true);
          this.#subscriptions.add(streams.environment$.subscribe((frame) => card.update(frame.state, Date.now())));
          this.#cards.push({ card: card.card, group, render: () => card.render() });
          break;
        }
        case 'soc': {
          const card = new SocKpiCard(i18n, places.agencyNames, true);
          this.#subscriptions.add(streams.soc$.subscribe((frame) => card.update(frame.state)));
          this.#cards.push({ card: card.card, group, render: () => card.render() });
          break;
        }
        case 'portal': {
          const card = new PortalKpiCard(i18n, places.districtNames, WALL_BAR_ROWS, true);
          this.#subscriptions.add(streams.portal$.subscribe((frame) => card.update(frame.state)));
          this.#cards.push({ card: card.card, group, render: () => card.render() });
          break;
        }
        case 'incidents': {
          const card = new IncidentsKpiCard(i18n);
          this.#subscriptions.add(streams.incidents$.subscribe((frame) => card.update(frame.state)));
          // Its "oldest unacknowledged" age moves with the clock, not only with events.
          this.#cards.push({ card: card.card, group, render: () => card.render() });
          break;
        }
      }
    }
    this.element = h('div', { class: 'wall-kpis', 'data-testid': 'wall-kpis', style: `--kpi-columns: ${columns}` }, ...this.#cards.map((mounted) => mounted.card.element));
  }

  tick(_now: number, health: FeedHealthMap | null): void {
    for (const mounted of this.#cards) {
      const feeds = kpiGroupFeeds(mounted.group);
      mounted.card.setStale(health ? feeds.some((feed) => health[feed].state !== 'live') : false);
      if (mounted.group === 'incidents') mounted.render();
    }
  }

  destroy(): void {
    this.#subscriptions.unsubscribe();
  }
}
