import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConsoleConfig } from './console-config.js';

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
      host: 'electron',
      version: '0.1.0',
    },
  );
  assert.equal(buildConsoleConfig({ hubHttpUrl: 'https://hub.example', token: 't', role: 'wall', locale: 'en', regionId: 'hai-duong', version: '1' }).hubUrl, 'wss://hub.example/v1/stream');
});
