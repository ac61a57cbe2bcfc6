import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { readonly kind: 'body'; readonly body: Buffer }
  | { readonly kind: 'too-large'; readonly received: number }
  /** The sender kept sending past what we read and discard: the socket is dropped instead of answered. */
  | { readonly kind: 'abandoned' }
  | { readonly kind: 'aborted' };

/** A body over the limit is read and thrown away up to this much more (or this long), so the 413 can be read. */
const DISCARD_MAX_BYTES = 64 * 1024 * 1024;
const DISCARD_MAX_MS = 15_000;

/**
 * Read a request body of at most `limit` bytes. Past the limit the rest is read and discarded — bounded in bytes and
 * time — so that the sender receives the 413 instead of a reset in the middle of its upload (a client that writes
 * its whole body before reading, as curl does, would otherwise only see "connection reset").
 */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      request.destroy();
      settle({ kind: 'abandoned' });
    }, DISCARD_MAX_MS);
    timer.unref();
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit + DISCARD_MAX_BYTES) {
      // Not worth reading at all: answer at once and close.
      settle({ kind: 'too-large', received: 0 });
      request.resume();
      return;
    }
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        if (!over) chunks.length = 0;
        over = true;
        if (size > limit + DISCARD_MAX_BYTES) {
          request.destroy();
          settle({ kind: 'abandoned' });
        }
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => settle(over ? { kind: 'too-large', received: size } : { kind: 'body', body: Buffer.concat(chunks) }));
    request.on('error', () => settle({ kind: 'aborted' }));
    request.on('close', () => settle(over ? { kind: 'too-large', received: size } : { kind: 'aborted' }));
  });
}
