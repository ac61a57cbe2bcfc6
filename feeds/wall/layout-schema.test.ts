import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { WallConfigError } from './config-error.js';
import { panelFeeds, parseLayout, WALL_MAP_DEFAULT_LAYERS } from './layout-schema.js';

const LAYOUTS = new URL('../../config/layouts/', import.meta.url).pathname;

const valid = {
  grid: { columns: 2, rows: 1 },
  panels: [
    { type: 'map', area: { column: 1, row: 1 }, layers: ['traffic'] },
    { type: 'kpi', area: { column: 2, row: 1 }, groups: ['soc', 'portal'] },
  ],
};
const broken = (patch: (layout: typeof valid & Record<string, unknown>) => void): unknown => {
  const copy = structuredClone(valid) as typeof valid & Record<string, unknown>;
  patch(copy);
  return copy;
};
const rejects = (input: unknown, message: RegExp): void => {
  assert.throws(() => parseLayout(input, 'config/layouts/x.json'), (error: unknown) => {
    assert.ok(error instanceof WallConfigError, String(error));
    assert.match(error.message, message);
    return true;
  });
};

test('the shipped layouts validate: map-full, kpi-grid, incidents, split (and any other in config/layouts)', () => {
  const names = readdirSync(LAYOUTS).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5));
  for (const required of ['map-full', 'kpi-grid', 'incidents', 'split']) assert.ok(names.includes(required), `${required}.json is shipped`);
  for (const name of names) {
    const layout = parseLayout(readFileSync(join(LAYOUTS, `${name}.json`), 'utf8'), `config/layouts/${name}.json`);
    assert.ok(layout.panels.length > 0);
  }
});

test('SOC arcs are off on wall maps by default: not in the default layers, not in any shipped layout; still allowed when listed', () => {
  assert.equal((WALL_MAP_DEFAULT_LAYERS as readonly string[]).includes('soc'), false);
  const bare = parseLayout({ grid: { columns: 1, rows: 1 }, panels: [{ type: 'map', area: { column: 1, row: 1 } }] }, 'x.json');
  assert.deepEqual(bare.panels[0]?.type === 'map' && bare.panels[0].layers, [...WALL_MAP_DEFAULT_LAYERS]);
  for (const file of readdirSync(LAYOUTS).filter((name) => name.endsWith('.json'))) {
    for (const panel of parseLayout(readFileSync(join(LAYOUTS, file), 'utf8'), file).panels) {
      if (panel.type === 'map') assert.equal(panel.layers.includes('soc'), false, `${file}: a shipped wall map shows no SOC arcs`);
    }
  }
  const opted = parseLayout(broken((l) => { (l.panels[0] as Record<string, unknown>)['layers'] = ['soc', 'incidents']; }), 'x.json');
  assert.deepEqual(opted.panels[0]?.type === 'map' && opted.panels[0].layers, ['soc', 'incidents']);
});

test('defaults: spans 1, map view "region", kpi columns 1', () => {
  const layout = parseLayout(valid, 'x.json');
  assert.deepEqual(layout.panels[0], { type: 'map', area: { column: 1, row: 1, columnSpan: 1, rowSpan: 1 }, layers: ['traffic'], view: 'region' });
  assert.equal(layout.panels[1]?.type === 'kpi' && layout.panels[1].columns, 1);
});

test('errors name the file and the field path', () => {
  rejects('{ not json', /^config\/layouts\/x\.json: not valid JSON/);
  rejects(broken((l) => { l.grid.columns = 0; }), /^config\/layouts\/x\.json: grid\.columns: /);
  rejects(broken((l) => { (l.panels[0] as Record<string, unknown>)['type'] = 'video'; }), /: panels\.0\.type: /);
  rejects(broken((l) => { (l.panels[0] as Record<string, unknown>)['layers'] = ['traffic', 'weather']; }), /: panels\.0\.layers\.1: /);
  rejects(broken((l) => { (l.panels[0] as Record<string, unknown>)['layers'] = ['traffic', 'traffic']; }), /: panels\.0\.layers: a layer is listed twice/);
  rejects(broken((l) => { (l.panels[1] as Record<string, unknown>)['groups'] = ['weather']; }), /: panels\.1\.groups\.0: /);
  rejects(broken((l) => { (l.panels[0] as Record<string, unknown>)['view'] = { center: [200, 20], zoom: 9 }; }), /: panels\.0\.view/);
  rejects(broken((l) => { (l.panels[1]!.area as Record<string, unknown>)['columnSpan'] = 2; }), /: panels\.1\.area\.columnSpan: panel ends at column 3, the grid has 2/);
  rejects(broken((l) => { l.panels[1]!.area.column = 1; }), /: panels\.1\.area: overlaps panels\.0 at column 1, row 1/);
  rejects(broken((l) => { (l.panels[0] as Record<string, unknown>)['colour'] = 'red'; }), /: panels\.0: .*colour/);
  rejects(broken((l) => { l.panels = []; }), /: panels: /);
});

test('a panel stales with the feeds it shows', () => {
  const layout = parseLayout(valid, 'x.json');
  assert.deepEqual(panelFeeds(layout.panels[0]!), ['traffic']);
  assert.deepEqual(panelFeeds(parseLayout({ grid: { columns: 1, rows: 1 }, panels: [{ type: 'kpi', area: { column: 1, row: 1 }, groups: ['traffic', 'incidents'] }] }, 'y').panels[0]!), ['traffic', 'vehicles', 'incidents']);
  assert.deepEqual(panelFeeds(parseLayout({ grid: { columns: 1, rows: 1 }, panels: [{ type: 'clock', area: { column: 1, row: 1 } }] }, 'y').panels[0]!), []);
});
