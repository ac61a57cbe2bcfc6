import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_CONSOLE_ORIGIN } from '../feeds/protocol/app-origin.js';
import { APP_ORIGIN } from './app-origin.js';

test('the origin the hub allows by default is the one the Electron console is served from', () => {
  assert.equal(APP_ORIGIN, APP_CONSOLE_ORIGIN);
});
