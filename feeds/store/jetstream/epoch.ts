import { createHash } from 'node:crypto';

/** RFC 3339 as the server writes `created` (fraction of a second optional, up to nanoseconds). */
const CREATED_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The epoch of a feed on JetStream: 16 hex characters of sha256(stream name, creation time). The creation time is
 * the server's, part of the stream's stored config, so every hub computes the same epoch, and it changes only when
 * the stream is deleted and created again (a reset, or a lost server store) — exactly when seqs restart at 1.
 */
export function streamEpoch(stream: string, created: string): string {
  if (typeof created !== 'string' || !CREATED_PATTERN.test(created)) {
    throw new Error(`stream ${stream} reports an unusable creation time ${JSON.stringify(created)}`);
  }
  return createHash('sha256').update(`${stream}\n${created}`).digest('hex').slice(0, 16);
}
