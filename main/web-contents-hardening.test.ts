import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { WebContents } from 'electron';
import { hardenWebContents } from './web-contents-hardening.js';

/** Just enough of a WebContents to record the handlers hardenWebContents installs (electron itself is not loaded). */
function fakeContents(): EventEmitter & { windowOpen: () => { action: string } } {
  const contents = Object.assign(new EventEmitter(), {
    windowOpen: () => ({ action: 'unset' }),
    session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
  });
  return Object.assign(contents, {
    setWindowOpenHandler: (handler: () => { action: string }) => {
      contents.windowOpen = handler;
    },
  });
}

/** Emit a navigation event the way Electron does (a details object with preventDefault) and say if it was stopped. */
function stopped(contents: EventEmitter, event: string, url: string, isMainFrame: boolean): boolean {
  let prevented = false;
  contents.emit(event, { url, isMainFrame, isSameDocument: false, frame: null, preventDefault: () => (prevented = true) });
  return prevented;
}

test('will-frame-navigate stops any frame leaving the app origin, subframes included', (t) => {
  t.mock.method(console, 'warn', () => undefined);
  const contents = fakeContents();
  hardenWebContents(contents as unknown as WebContents);
  assert.equal(stopped(contents, 'will-frame-navigate', 'https://evil.example/', false), true);
  assert.equal(stopped(contents, 'will-frame-navigate', 'https://evil.example/', true), true);
  assert.equal(stopped(contents, 'will-frame-navigate', 'app://console/?wall=1', false), false);
  assert.equal(stopped(contents, 'will-frame-navigate', 'app://console/', true), false);
});

test('will-navigate and will-redirect stay guarded, and window.open is denied', (t) => {
  const warn = t.mock.method(console, 'warn', () => undefined);
  const contents = fakeContents();
  hardenWebContents(contents as unknown as WebContents);
  assert.equal(stopped(contents, 'will-navigate', 'file:///etc/passwd', true), true);
  assert.equal(stopped(contents, 'will-navigate', 'app://console/', true), false);
  assert.equal(stopped(contents, 'will-redirect', 'https://evil.example/', false), true);
  assert.deepEqual(contents.windowOpen(), { action: 'deny' });
  assert.deepEqual(warn.mock.calls.map((call) => call.arguments[0]), [
    'blocked navigation to file:///etc/passwd',
    'blocked subframe navigation to https://evil.example/ (redirect)',
  ]);
});
