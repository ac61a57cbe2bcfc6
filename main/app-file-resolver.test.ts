import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { contentTypeFor, resolveAppFile, type AppRoots } from './app-file-resolver.js';

const roots: AppRoots = { renderer: resolve('/srv/app/renderer'), regions: resolve('/srv/regions') };

function file(url: string): string {
  const result = resolveAppFile(url, roots);
  assert.ok(result.ok, `${url} should resolve`);
  return result.file;
}

function refused(url: string): number {
  const result = resolveAppFile(url, roots);
  assert.ok(!result.ok, `${url} should be refused`);
  return result.status;
}

test('the root and folders serve index.html from the renderer', () => {
  assert.equal(file('app://console/'), join(roots.renderer, 'index.html'));
  assert.equal(file('app://console'), join(roots.renderer, 'index.html'));
  assert.equal(file('app://console/console.js?v=1#x'), join(roots.renderer, 'console.js'));
  assert.equal(file('app://console/assets/be-vietnam-pro-400.woff2'), join(roots.renderer, 'assets', 'be-vietnam-pro-400.woff2'));
});

test('/regions/ is served from the region packs, with percent-decoding', () => {
  assert.equal(file('app://console/regions/hai-duong/region.json'), join(roots.regions, 'hai-duong', 'region.json'));
  assert.equal(file('app://console/regions/hai-duong/h%E1%BA%A3i.geojson'), join(roots.regions, 'hai-duong', 'hải.geojson'));
  assert.equal(refused('app://console/regions/'), 404);
});

test('path traversal is refused, however it is spelled', () => {
  assert.equal(refused('app://console/..%2F..%2Fetc%2Fpasswd'), 403);
  assert.equal(refused('app://console/regions/..%2f..%2fhub.json'), 403);
  assert.equal(refused('app://console/..%5C..%5Cwindows%5Cwin.ini'), 400);
  assert.equal(refused('app://console/index.html%00.png'), 400);
  assert.equal(refused('app://console/%E0%A4%A'), 400);
  // Dot segments, literal or %2e-encoded, are folded by the URL parser (as Chromium does) and cannot climb above
  // the origin's root path, so they land inside a served folder.
  assert.equal(file('app://console/assets/../console.js'), join(roots.renderer, 'console.js'));
  assert.equal(file('app://console/regions/hai-duong/%2e%2e/%2e%2e/%2e%2e/hub.json'), join(roots.renderer, 'hub.json'));
});

test('other origins and schemes are not served', () => {
  assert.equal(refused('app://other/index.html'), 404);
  assert.equal(refused('file:///etc/passwd'), 404);
  assert.equal(refused('not a url'), 400);
});

test('source maps are served only when asked for (a development run with the developer tools)', () => {
  assert.equal(refused('app://console/console.js.map'), 404);
  assert.equal(refused('app://console/console.css.MAP'), 404);
  assert.equal(refused('app://console/console.js%2Emap'), 404);
  assert.equal(refused('app://console/assets/x.js.map/'), 404);
  const result = resolveAppFile('app://console/console.js.map', { ...roots, sourceMaps: true });
  assert.ok(result.ok);
  assert.equal(result.file, join(roots.renderer, 'console.js.map'));
  assert.equal(file('app://console/maps/index.html'), join(roots.renderer, 'maps', 'index.html'));
});

test('content types by extension, bytes when unknown', () => {
  assert.equal(contentTypeFor('index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeFor('maplibre-gl-worker.mjs'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeFor('a.WOFF2'), 'font/woff2');
  assert.equal(contentTypeFor('roads.geojson'), 'application/geo+json; charset=utf-8');
  assert.equal(contentTypeFor('data.bin'), 'application/octet-stream');
});
