import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConsoleConfig } from './console-config.js';
import { buildContentSecurityPolicy } from './content-security-policy.js';

test('the renderer gets the ws stream URL, the http base and the region under app://console', () => {
  assert.deepEqual(
    buildConsoleConfig({ hubHttpUrl: 'http://127.0.0.1:41234', token: 't0ken', role: 'operator', locale: 'vi', regionId: 'hai-duong', version: '0.1.0' }),
    {
      hubUrl: 'ws://127.0.0.1:41234/v1/stream',
      hubHttpUrl: 'http://127.0.0.1:41234',
      token: 't0ken',
      role: 'operator',
      locale: 'vi',
      regionUrl: 'app://console/regions/hai-duong/',
      wall: null,
      at: null,
      host: 'electron',
      version: '0.1.0',
    },
  );
  assert.equal(buildConsoleConfig({ hubHttpUrl: 'https://hub.example', token: 't', role: 'wall', locale: 'en', regionId: 'hai-duong', version: '1' }).hubUrl, 'wss://hub.example/v1/stream');
});

test('--at reaches the renderer as the moment to open replay at', () => {
  const config = buildConsoleConfig({ hubHttpUrl: 'http://127.0.0.1:41234', token: 't', role: 'operator', locale: 'vi', regionId: 'hai-duong', version: '1', at: '2026-12-04T08:30' });
  assert.equal(config.at, '2026-12-04T08:30');
});

test('several hubs: every stream URL in order, and the CSP lets the page reach each of them', () => {
  const config = buildConsoleConfig({ hubHttpUrl: 'http://hub-1:8787', hubHttpUrls: ['http://hub-1:8787', 'https://hub-2:8443'], token: 't', role: 'operator', locale: 'vi', regionId: 'hai-duong', version: '1' });
  assert.deepEqual(config.hubUrls, ['ws://hub-1:8787/v1/stream', 'wss://hub-2:8443/v1/stream']);
  const csp = buildContentSecurityPolicy(['http://hub-1:8787', 'https://hub-2:8443']);
  assert.match(csp, /connect-src 'self' ws:\/\/hub-1:8787 http:\/\/hub-1:8787 wss:\/\/hub-2:8443 https:\/\/hub-2:8443;/);
});
