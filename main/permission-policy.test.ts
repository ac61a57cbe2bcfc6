import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_START_URL } from './app-origin.js';
import { permissionAllowed } from './permission-policy.js';

test('notifications for the console page only; every other permission and origin refused', () => {
  assert.equal(permissionAllowed('notifications', APP_START_URL), true);
  assert.equal(permissionAllowed('notifications', `${APP_START_URL}?wall=1`), true);
  for (const url of ['https://evil.example/', 'app://console.evil/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'not a url', '']) {
    assert.equal(permissionAllowed('notifications', url), false, url);
  }
  for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'pointerLock', 'fullscreen']) {
    assert.equal(permissionAllowed(permission, APP_START_URL), false, permission);
  }
});
