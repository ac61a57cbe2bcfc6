import type { FeedHealthMap } from '../../feeds/client/feed-health.js';
import type { Layout, PanelSpec } from '../../feeds/wall/layout-schema.js';
import { panelStaleness } from '../../feeds/wall/panel-staleness.js';
import { h } from '../app/dom.js';
import { ClockPanel } from './panels/clock-panel.js';
import { HealthPanel } from './panels/health-panel.js';
import { IncidentBoard } from './panels/incident-board.js';
import { KpiPanel } from './panels/kpi-panel.js';
import { MapPanel } from './panels/map-panel.js';
import type { PanelContext, WallPanel } from './panels/wall-panel.js';
import { wallText } from './wall-messages.js';

function createPanel(spec: PanelSpec, context: PanelContext): WallPanel {
  switch (spec.type) {
    case 'map':
      return new MapPanel(context, spec.layers, spec.view);
    case 'kpi':
      return new KpiPanel(context, spec.groups, spec.columns);
    case 'incidents':
      return new IncidentBoard(context, spec.max);
    case 'health':
      return new HealthPanel(context);
    case 'clock':
      return new ClockPanel(context);
  }
}

interface Mounted {
  readonly panel: WallPanel;
  readonly frame: HTMLElement;
  readonly overlay: HTMLElement;
}

/**
 * One layout on screen: a CSS grid of panels, each in a frame that carries the stale overlay (with the age of the
 * data) whenever a feed the panel shows is not live.
 */
export class LayoutStage {
  readonly element: HTMLElement;
  readonly #mounted: Mounted[] = [];
  readonly #context: PanelContext;

  constructor(name: string, layout: Layout, context: PanelContext) {
    this.#context = context;
    this.element = h('div', {
      class: 'wall-stage',
      'data-layout': name,
      style: `grid-template-columns: repeat(${layout.grid.columns}, minmax(0, 1fr)); grid-template-rows: repeat(${layout.grid.rows}, minmax(0, 1fr));`,
    });
    for (const spec of layout.panels) {
      const panel = createPanel(spec, context);
      const overlay = h('div', { class: 'wall-stale-overlay', hidden: '', 'data-testid': 'wall-stale-overlay' });
      const { column, row, columnSpan, rowSpan } = spec.area;
      const title = spec.title ? [h('h2', { class: 'wall-panel-title' }, context.i18n.pick(spec.title))] : [];
      const frame = h(
        'section',
        {
          class: `wall-panel wall-panel-${spec.type}`,
          'data-panel': spec.type,
          'data-stale': 'false',
          style: `grid-column: ${column} / span ${columnSpan}; grid-row: ${row} / span ${rowSpan};`,
        },
        ...title,
        panel.element,
        overlay,
      );
      this.element.append(frame);
      this.#mounted.push({ panel, frame, overlay });
    }
  }

  /** Start panels that need to be in the page (maps); resolves when they have drawn their first frame. */
  async start(): Promise<void> {
    await Promise.all(this.#mounted.map((mounted) => mounted.panel.start?.()));
  }

  tick(now: number, health: FeedHealthMap | null): void {
    const i18n = this.#context.i18n;
    for (const { panel, frame, overlay } of this.#mounted) {
      panel.tick?.(now, health);
      const staleness = panelStaleness(panel.feeds, health, now);
      frame.dataset['stale'] = String(staleness.stale);
      overlay.hidden = !staleness.stale;
      if (staleness.stale) overlay.textContent = staleness.ageMs === null ? wallText(i18n, 'staleNever') : wallText(i18n, 'staleFor', { age: i18n.age(staleness.ageMs) });
    }
  }

  destroy(): void {
    for (const { panel } of this.#mounted) panel.destroy();
    this.element.remove();
  }
}
