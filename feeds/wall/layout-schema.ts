import { z } from 'zod';
import { FEED_NAMES } from '../protocol/feed-names.js';
import { parseJsonText, parseWithSchema } from './config-error.js';

/**
 * A video-wall layout (config/layouts/NAME.json): a grid of panels. Portable (renderer and main both validate with
 * it). Areas are 1-based grid cells, like CSS grid lines: column 1 is the left edge.
 */

/** Layout and playlist names are also file names and URL parameters: lower-case words and dashes only. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;
export const nameSchema = z.string().regex(NAME_PATTERN, 'expected a name of lower-case letters, digits and dashes (max 48)');

export const KPI_GROUPS = ['traffic', 'environment', 'soc', 'portal', 'incidents'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

const MAX_GRID = 12;

const areaSchema = z.strictObject({
  column: z.int().min(1).max(MAX_GRID),
  row: z.int().min(1).max(MAX_GRID),
  columnSpan: z.int().min(1).max(MAX_GRID).default(1),
  rowSpan: z.int().min(1).max(MAX_GRID).default(1),
});
export type PanelArea = z.infer<typeof areaSchema>;

const localizedSchema = z.strictObject({ vi: z.string().min(1).max(80), en: z.string().min(1).max(80) });

const viewSchema = z.union([
  z.literal('region'),
  z.strictObject({
    center: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
    zoom: z.number().min(0).max(20),
  }),
]);
export type MapViewSpec = z.infer<typeof viewSchema>;

const uniqueList = <T extends string>(values: readonly T[]): boolean => new Set(values).size === values.length;

/**
 * A wall map's layers when the layout does not list them: every feed but the SOC arcs and the portal choropleth.
 * SOC stays available (list "soc" to show it, aggregated and capped at 30 arcs), but off by default: on a map read
 * from five metres, attack arcs converging on the city bury stations and incidents; the SOC KPI card says more.
 */
export const WALL_MAP_DEFAULT_LAYERS = ['traffic', 'vehicles', 'environment', 'incidents'] as const satisfies readonly (typeof FEED_NAMES)[number][];

const mapPanel = z.strictObject({
  type: z.literal('map'),
  area: areaSchema,
  title: localizedSchema.optional(),
  layers: z.array(z.enum(FEED_NAMES)).min(1).refine(uniqueList, 'a layer is listed twice').default([...WALL_MAP_DEFAULT_LAYERS]),
  view: viewSchema.default('region'),
});
const kpiPanel = z.strictObject({
  type: z.literal('kpi'),
  area: areaSchema,
  title: localizedSchema.optional(),
  groups: z.array(z.enum(KPI_GROUPS)).min(1).refine(uniqueList, 'a group is listed twice'),
  /** Columns of cards inside the panel. */
  columns: z.int().min(1).max(5).default(1),
});
const incidentsPanel = z.strictObject({
  type: z.literal('incidents'),
  area: areaSchema,
  title: localizedSchema.optional(),
  /** How many rows the board shows (most severe, then oldest, first). */
  max: z.int().min(1).max(40).default(10),
});
const healthPanel = z.strictObject({ type: z.literal('health'), area: areaSchema, title: localizedSchema.optional() });
const clockPanel = z.strictObject({ type: z.literal('clock'), area: areaSchema, title: localizedSchema.optional() });

export const panelSchema = z.discriminatedUnion('type', [mapPanel, kpiPanel, incidentsPanel, healthPanel, clockPanel]);
export type PanelSpec = z.infer<typeof panelSchema>;
export type PanelType = PanelSpec['type'];

export const layoutSchema = z
  .strictObject({
    title: localizedSchema.optional(),
    grid: z.strictObject({ columns: z.int().min(1).max(MAX_GRID), rows: z.int().min(1).max(MAX_GRID) }),
    panels: z.array(panelSchema).min(1).max(24),
  })
  .superRefine((layout, context) => {
    // Every panel inside the grid, and no two panels on the same cell: a silent overlap would hide one of them.
    const owner = new Map<string, number>();
    layout.panels.forEach((panel, index) => {
      const { column, row, columnSpan, rowSpan } = panel.area;
      if (column + columnSpan - 1 > layout.grid.columns) {
        context.addIssue({ code: 'custom', path: ['panels', index, 'area', 'columnSpan'], message: `panel ends at column ${column + columnSpan - 1}, the grid has ${layout.grid.columns}` });
        return;
      }
      if (row + rowSpan - 1 > layout.grid.rows) {
        context.addIssue({ code: 'custom', path: ['panels', index, 'area', 'rowSpan'], message: `panel ends at row ${row + rowSpan - 1}, the grid has ${layout.grid.rows}` });
        return;
      }
      for (let c = column; c < column + columnSpan; c++) {
        for (let r = row; r < row + rowSpan; r++) {
          const other = owner.get(`${c},${r}`);
          if (other !== undefined) {
            context.addIssue({ code: 'custom', path: ['panels', index, 'area'], message: `overlaps panels.${other} at column ${c}, row ${r}` });
            return;
          }
          owner.set(`${c},${r}`, index);
        }
      }
    });
  });
export type Layout = z.infer<typeof layoutSchema>;

/** Validate a layout read from `file` (text or parsed JSON); errors name the file and the field. */
export function parseLayout(input: unknown, file: string): Layout {
  return parseWithSchema(layoutSchema, typeof input === 'string' ? parseJsonText(input, file) : input, file);
}

/** The feeds a panel shows: a stale one puts the stale overlay over the panel. */
/** The feeds a KPI group shows: the traffic card also shows the vehicles online. */
export function kpiGroupFeeds(group: KpiGroup): readonly (typeof FEED_NAMES)[number][] {
  return group === 'traffic' ? ['traffic', 'vehicles'] : [group];
}

export function panelFeeds(panel: PanelSpec): readonly (typeof FEED_NAMES)[number][] {
  switch (panel.type) {
    case 'map':
      return panel.layers;
    case 'kpi':
      return panel.groups.flatMap(kpiGroupFeeds);
    case 'incidents':
      return ['incidents'];
    case 'health':
    case 'clock':
      return [];
  }
}
