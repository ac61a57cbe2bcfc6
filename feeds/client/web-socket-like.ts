/**
 * The part of the WebSocket API the hub client uses. The browser's `WebSocket` and the `ws` package's `WebSocket`
 * both satisfy it (checked in web-socket-like.test.ts), so the client is portable: the renderer passes
 * `globalThis.WebSocket`, Node tests and tools pass `ws`. Nothing here depends on DOM or Node types.
 */

/** readyState values (identical in the browser and in `ws`). */
export const WEB_SOCKET_STATE = {
  connecting: 0,
  open: 1,
  closing: 2,
  closed: 3,
} as const;

export interface WebSocketMessageEventLike {
  /** A string for a text frame; an ArrayBuffer for a binary frame once `binaryType` is 'arraybuffer'. */
  readonly data: unknown;
}

export interface WebSocketCloseEventLike {
  readonly code: number;
  readonly reason: string;
}

/**
 * Handlers are declared with method syntax (checked bivariantly) so that the browser's handler types, whose events
 * carry more fields than we read, remain assignable. The client itself only reads the fields declared above.
 */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

export interface WebSocketLike {
  /** The client sets 'arraybuffer' so binary frames arrive as ArrayBuffers (no Blob, no Node Buffer). */
  binaryType: string;
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<WebSocketMessageEventLike> | null;
  onclose: Handler<WebSocketCloseEventLike> | null;
  onerror: Handler<unknown> | null;
}

/** `new WebSocketCtor(url)`: the browser's `WebSocket`, or `ws`'s `WebSocket` class in Node. */
export type WebSocketConstructorLike = new (url: string) => WebSocketLike;
