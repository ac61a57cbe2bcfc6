import type { IncomingMessage, ServerResponse } from 'node:http';
import { isFeedName, type FeedName } from '../protocol/feed-names.js';
import { ingestServicesOf } from '../sources/ingest-services.js';
import { publishBatch } from '../sources/publish-batch.js';
import { findFormat, formatNames, parseBody, SOURCE_FORMATS } from '../sources/source-formats.js';
import type { Hub } from './hub.js';
import { respondJson } from './hub.js';

/** Largest ingest body; a bigger batch must be split (answered 413). */
export const MAX_INGEST_BYTES = 16 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 100;

function defaultFormat(feed: FeedName): string {
  return feed === 'vehicles' ? 'gtfs-rt' : 'ndjson';
}

/**
 * POST /v1/ingest/<feed>?format=<format> (docs/PROTOCOL.md §10, docs/sources.md). The body is parsed by the
 * feed's source format (feeds/sources) into records, each accepted whole, ignored (counted, with a reason) or
 * rejected whole (line + reason, kept in the quarantine table with its raw text).
 *
 * Durability: the accepted items of one request go to the log in one append (one group commit: all or none) and
 * are committed before the answer is sent; so are the quarantine rows. If the hub dies before answering, the
 * client gets no answer and should send the body again: either the batch is in the log already (alerts keep
 * stable ids — eve-<flow>-<gid:sid>-<ts>, wazuh-<alert id>-<rule> — so a duplicate is recognisable) or nothing of
 * it is. Vehicles are latest-wins and never logged.
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
  if (!isFeedName(feed) || SOURCE_FORMATS[feed] === undefined) {
    return respondJson(response, 404, { error: `no ingestable feed "${feed}" (${Object.keys(SOURCE_FORMATS).join(', ')})` });
  }
  const formatName = url.searchParams.get('format') ?? defaultFormat(feed);
  const format = findFormat(feed, formatName);
  if (!format) {
    return respondJson(response, 400, { error: `unknown format "${formatName}" for ${feed}; known: ${formatNames(feed).join(', ')}` });
  }

  let body: Buffer;
  try {
    body = await readBody(request, MAX_INGEST_BYTES);
  } catch (error) {
    return respondJson(response, 413, { error: (error as Error).message });
  }
  const services = ingestServicesOf(hub);
  if (services === 'starting') {
    response.setHeader('Retry-After', '1');
    return respondJson(response, 503, { error: 'the hub is starting its sources; send the same body again in a second' });
  }
  let outcome;
  try {
    outcome = await publishBatch(hub, parseBody(format, body, services.context, entry.name), `ingest:${entry.name}`);
  } catch (error) {
    // A format that throws is a bug in our parser, not in the body; the log refusing a write is the store's.
    console.error(`hub: ingest ${feed}/${formatName} failed`, error);
    return respondJson(response, 500, { error: `ingest failed: ${(error as Error).message}` });
  }
  if (services.quarantine && outcome.rejected.length > 0) {
    const receivedAt = Date.now();
    try {
      await services.quarantine.add(
        outcome.rejected.map((record) => ({ feed, format: formatName, origin: `ingest ${entry.name}`, line: record.line, reason: record.reason, raw: record.raw, receivedAt })),
      );
    } catch (error) {
      // The accepted items are committed already: answer them; the rejections are still counted and listed.
      console.error(`hub: cannot keep ${outcome.rejected.length} rejected ${feed} record(s) in quarantine`, error);
    }
  }
  respondJson(response, 200, {
    accepted: outcome.accepted,
    rejected: outcome.rejected.length,
    ignored: outcome.ignored.length,
    errors: outcome.rejected.slice(0, MAX_REPORTED_ERRORS).map(({ line, reason }) => ({ line, reason })),
  });
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
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
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
