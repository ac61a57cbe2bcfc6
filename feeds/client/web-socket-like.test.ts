import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { WEB_SOCKET_STATE, type WebSocketConstructorLike } from './web-socket-like.js';

// Compile-time: both real WebSocket implementations satisfy the interface the client is written against.
// (tsconfig.tests.json has the DOM lib, so `globalThis.WebSocket` is the browser's declaration.)
type Fits<T> = T extends WebSocketConstructorLike ? true : false;
const browserFits: Fits<typeof globalThis.WebSocket> = true;
const wsFits: Fits<typeof WebSocket> = true;

test('the browser WebSocket and ws satisfy WebSocketLike, with the same readyState numbers', () => {
  assert.equal(browserFits, true);
  assert.equal(wsFits, true);
  const ctor: WebSocketConstructorLike = WebSocket;
  assert.equal(typeof ctor, 'function');
  assert.deepEqual(
    [WEB_SOCKET_STATE.connecting, WEB_SOCKET_STATE.open, WEB_SOCKET_STATE.closing, WEB_SOCKET_STATE.closed],
    [WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED],
  );
});
