import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppUrl } from './app-origin.js';
import { isTrustedIpcSender } from './ipc-sender-policy.js';

const trusted = { frameUrl: 'app://console/index.html', isMainFrame: true, isOwnWindow: true };

test('the main frame of our window on app://console is trusted', () => {
  assert.equal(isTrustedIpcSender(trusted), true);
  assert.equal(isTrustedIpcSender({ ...trusted, frameUrl: 'app://console/' }), true);
});

test('anything else is refused', () => {
  assert.equal(isTrustedIpcSender({ ...trusted, frameUrl: null }), false, 'destroyed frame');
  assert.equal(isTrustedIpcSender({ ...trusted, isMainFrame: false }), false, 'sub-frame');
  assert.equal(isTrustedIpcSender({ ...trusted, isOwnWindow: false }), false, 'a window we did not create');
  for (const frameUrl of ['https://example.com/', 'app://evil/', 'file:///index.html', 'app://console.evil/', 'app://x@console/', 'about:blank', '']) {
    assert.equal(isTrustedIpcSender({ ...trusted, frameUrl }), false, frameUrl);
  }
});

test('isAppUrl compares scheme and host, not URL.origin (which is "null" for app:)', () => {
  assert.equal(new URL('app://console/').origin, 'null');
  assert.equal(isAppUrl('app://console/regions/hai-duong/region.json'), true);
  // Chromium lowercases the host of a standard scheme before main sees it; anything else fails closed.
  assert.equal(isAppUrl('app://CONSOLE/'), false);
  assert.equal(isAppUrl('app://console:8080/'), false);
});
