import type { IncomingMessage, ServerResponse } from 'node:http';
import { isFeedName, isLoggedFeed } from '../protocol/feed-names.js';
import type { Hub } from './hub.js';
import { respondJson } from './hub.js';

/** Largest ingest body; a bigger batch must be split (answered 413). */
export const MAX_INGEST_BYTES = 16 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 100;

interface IngestError {
  readonly line: number;
  readonly reason: string;
}

/**
 * POST /v1/ingest/<feed>?format=ndjson — one item `data` per line in our own feed format (docs/PROTOCOL.md §Ingest).
 * Source formats (Suricata EVE, Wazuh, GTFS-RT, CSV) plug in here as further `format`s.
 * A line is accepted whole or rejected whole; accepted lines are durable before the answer is sent.
 */
export async function handleIngest(hub: Hub, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const feed = decodeURIComponent(url.pathname.slice('/v1/ingest/'.length));
  if (request.method !== 'POST') return respondJson(response, 405, { error: 'use POST' });
  const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const entry = token === undefined ? undefined : hub.config.auth.tokens.find((candidate) => candidate.token === token);
  if (!entry) return respondJson(response, 401, { error: 'missing or unknown bearer token' });
  if (entry.role !== 'source' && entry.role !== 'admin') {
    return respondJson(response, 403, { error: `role "${entry.role}" may not ingest` });
  }
  if (!isFeedName(feed) || !isLoggedFeed(feed) || feed === 'incidents') {
    return respondJson(response, 404, { error: `no ingestable feed "${feed}" (traffic, environment, soc, portal)` });
  }
  const format = url.searchParams.get('format') ?? 'ndjson';
  if (format !== 'ndjson') return respondJson(response, 400, { error: `unknown format "${format}" for ${feed}; known: ndjson` });

  let body: string;
  try {
    body = await readBody(request, MAX_INGEST_BYTES);
  } catch (error) {
    return respondJson(response, 413, { error: (error as Error).message });
  }
  const values: unknown[] = [];
  const lineOfValue: number[] = [];
  const errors: IngestError[] = [];
  let rejected = 0;
  body.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      values.push(JSON.parse(line));
      lineOfValue.push(index + 1);
    } catch {
      rejected += 1;
      errors.push({ line: index + 1, reason: 'not valid JSON' });
    }
  });
  const result = await hub.publish(feed, values);
  for (const refusal of result.rejected) {
    rejected += 1;
    errors.push({ line: lineOfValue[refusal.index] ?? 0, reason: refusal.reason });
  }
  errors.sort((a, b) => a.line - b.line);
  respondJson(response, 200, { accepted: result.accepted, rejected, ignored: 0, errors: errors.slice(0, MAX_REPORTED_ERRORS) });
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`body larger than ${limit} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
