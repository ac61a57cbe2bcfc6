import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { resolveAppFile, type AppRoots } from '../app-file-resolver.js';

const wall = { configFile: resolve('/etc/ioc/big-wall.json'), layoutsDir: resolve('/etc/ioc/layouts') };
const roots: AppRoots = { renderer: resolve('/srv/app/renderer'), regions: resolve('/srv/regions'), wall };

test('app://console/config/ serves the --wall file and its layouts by name, nothing else', () => {
  const ok = (url: string): string => {
    const result = resolveAppFile(url, roots);
    assert.ok(result.ok, url);
    return result.file;
  };
  const status = (url: string, withRoots: AppRoots = roots): number => {
    const result = resolveAppFile(url, withRoots);
    assert.ok(!result.ok, url);
    return result.status;
  };
  assert.equal(ok('app://console/config/wall.json'), wall.configFile);
  assert.equal(ok('app://console/config/layouts/kpi-grid.json'), join(wall.layoutsDir, 'kpi-grid.json'));
  assert.equal(status('app://console/config/layouts/..%2F..%2Fpasswd.json'), 403);
  assert.equal(status('app://console/config/layouts/Upper.json'), 404);
  assert.equal(status('app://console/config/layouts/a/b.json'), 404);
  assert.equal(status('app://console/config/hub.json'), 404);
  assert.equal(status('app://console/config/wall.json', { renderer: roots.renderer, regions: roots.regions }), 404, 'no wall, no config files');
});
