import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../http/read-body.js';
import { respondJson } from '../../http/respond-json.js';
import { isFeedName, type FeedName } from '../../protocol/feed-names.js';
import type { QuarantineRecord } from '../../store/quarantine-store.js';
import { publishBatch, type PublishOutcome } from '../publish-batch.js';
import type { SourcePublisher } from '../source-publisher.js';
import { findFormat, formatNames, parseBody, SOURCE_FORMATS } from '../source-formats.js';
import type { Unexamined } from '../source-result.js';
import { IngestServicesSlot, type IngestAttachment, type IngestServices } from './ingest-services.js';

/** Largest ingest body; a bigger batch must be split (answered 413). */
export const MAX_INGEST_BYTES = 16 * 1024 * 1024;
/** Rejections listed in the answer. */
const MAX_REPORTED_ERRORS = 100;
/**
 * Rejected records kept in quarantine per request; the rest are counted in one summary row. A body of junk must
 * not turn into millions of rows (docs/security.md): the first thousand show what is wrong with the sender.
 */
export const MAX_QUARANTINED_PER_REQUEST = 1000;
/**
 * Rejections after which the rest of a body is not examined (answered as `unexamined`): bad input costs ~10 µs a
 * record to refuse, and a 16 MiB body must not hold the event loop for a minute (docs/security.md).
 */
export const MAX_REJECTED_PER_REQUEST = 10_000;
/**
 * Lines of a text body at most. The densest real format (station CSV rows, ~50 bytes) fills 16 MiB with ~335,000
 * lines; a body of millions of tiny lines is junk, refused before it is split into millions of strings.
 */
export const MAX_INGEST_LINES = 500_000;

function defaultFormat(feed: FeedName): string {
  return feed === 'vehicles' ? 'gtfs-rt' : 'ndjson';
}

/** What the route needs from the hub that mounts it: injected, so this folder never imports the hub. */
export interface IngestRouteDeps {
  readonly publisher: SourcePublisher;
  /** The hub's token table: a bearer token's name and role. */
  readonly findToken: (token: string) => { readonly name: string; readonly role: string } | null;
  /** Counts one answered request (the hub's `ioc_ingest_requests_total`). */
  readonly count: (feed: string, status: string) => void;
  /** A bug in our parser: logged and counted by the hub, answered 500 here. */
  readonly handlerFailed: (where: string, error: unknown) => void;
}

/** The path prefix the hub mounts the route on. */
export const INGEST_PATH = '/v1/ingest/';

/** The HTTP ingest API of one hub; its services (region context, quarantine) are attached once the sources start. */
export class IngestRoute implements IngestAttachment {
  readonly #services = new IngestServicesSlot();
  readonly #deps: IngestRouteDeps;

  constructor(deps: IngestRouteDeps) {
    this.#deps = deps;
  }

  /** Answer 503 until `attach` (see IngestServicesSlot.hold). */
  hold(): void {
    this.#services.hold();
  }

  attach(services: IngestServices): void {
    this.#services.attach(services);
  }

  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    return handleIngest(this.#deps, this.#services, request, response, url);
  }
}

/**
 * POST /v1/ingest/<feed>?format=<format> (docs/PROTOCOL.md §10, docs/sources.md). The body is parsed by the
 * feed's source format (feeds/sources) into records, each accepted whole, ignored (counted, with a reason) or
 * rejected whole (line + reason, kept in the quarantine table with its raw text, the first 1,000 of a request).
 *
 * The answer follows what happened to the log: nothing committed → 4xx/5xx; anything committed → 200 with the
 * counts, whatever fails afterwards (quarantine rows are best effort once the items are in). Items carry keys
 * (an alert's id, else a hash of the item), so sending the same body again stores nothing twice.
 */
async function handleIngest(
  hub: IngestRouteDeps,
  slot: IngestServicesSlot,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  let feedLabel = 'unknown';
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    hub.count(feedLabel, String(status));
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    respondJson(response, status, body);
  };
  let feed: string;
  try {
    feed = decodeURIComponent(url.pathname.slice(INGEST_PATH.length));
  } catch {
    return answer(400, { error: 'the feed name in the path has malformed percent-encoding' });
  }
  if (request.method !== 'POST') return answer(405, { error: 'use POST' }, { allow: 'POST' });
  const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const entry = token === undefined ? null : hub.findToken(token);
  if (!entry) return answer(401, { error: 'missing or unknown bearer token' }, { 'www-authenticate': 'Bearer' });
  if (entry.role !== 'source' && entry.role !== 'admin') {
    return answer(403, { error: `role "${entry.role}" may not ingest` });
  }
  if (!isFeedName(feed) || SOURCE_FORMATS[feed] === undefined) {
    return answer(404, { error: `no ingestable feed "${feed.slice(0, 64)}" (${Object.keys(SOURCE_FORMATS).join(', ')})` });
  }
  feedLabel = feed;
  const formatName = url.searchParams.get('format') ?? defaultFormat(feed);
  const format = findFormat(feed, formatName);
  if (!format) {
    return answer(400, { error: `unknown format "${formatName.slice(0, 64)}" for ${feed}; known: ${formatNames(feed).join(', ')}` });
  }

  const read = await readBody(request, MAX_INGEST_BYTES);
  if (read.kind === 'too-large') {
    return answer(413, { error: `body larger than ${MAX_INGEST_BYTES} bytes: split it into smaller batches` }, { connection: 'close' });
  }
  if (read.kind !== 'body') {
    // The sender went away (or kept sending far past the limit): nobody to answer.
    hub.count(feedLabel, read.kind);
    response.destroy();
    return;
  }
  if (format.kind === 'lines' && countLines(read.body) > MAX_INGEST_LINES) {
    return answer(413, { error: `more than ${MAX_INGEST_LINES} lines in one body: split it into smaller batches` });
  }
  const services = slot.current();
  if (services === 'starting') {
    return answer(503, { error: 'the hub is starting its sources; send the same body again in a second' }, { 'retry-after': '1' });
  }
  let batch;
  try {
    batch = parseBody(format, read.body, services.context, entry.name, { maxRejected: MAX_REJECTED_PER_REQUEST });
  } catch (error) {
    // A format that throws is a bug in our parser, not in the body; nothing was stored.
    hub.handlerFailed(`ingest-parse:${feed}/${formatName}`, error);
    return answer(500, { error: `ingest failed before anything was stored: ${error instanceof Error ? error.message : 'parser error'}` });
  }
  let outcome: PublishOutcome;
  try {
    outcome = await publishBatch(hub.publisher, batch, `ingest:${entry.name}`);
  } catch (error) {
    console.error(`hub: ingest ${feed}/${formatName}: the log did not take the batch`, error);
    return answer(503, { error: 'the log did not take the batch; send the same body again (items are not stored twice)' }, { 'retry-after': '2' });
  }
  // From here on items may be committed: the answer is 200 whatever the quarantine does.
  const unexamined = batch.unexamined;
  const quarantined = await keepRejected(services.quarantine, outcome, unexamined, { feed, format: formatName, origin: `ingest ${entry.name}` });
  answer(200, {
    accepted: outcome.accepted,
    rejected: outcome.rejected.length,
    ignored: outcome.ignored.length,
    duplicates: outcome.duplicates,
    quarantined,
    ...(unexamined ? { unexamined: { ...unexamined, reason: `more than ${MAX_REJECTED_PER_REQUEST} rejected records: the rest of the body was not read; fix the sender, then send those lines again` } } : {}),
    errors: outcome.rejected.slice(0, MAX_REPORTED_ERRORS).map(({ line, reason }) => ({ line, reason })),
  });
}

function countLines(body: Buffer): number {
  let lines = 1;
  for (let at = body.indexOf(0x0a); at !== -1; at = body.indexOf(0x0a, at + 1)) lines += 1;
  return lines;
}

/** Keep the first rejections of a request in quarantine, with one summary row for the rest; returns how many rows. */
async function keepRejected(
  quarantine: { add(records: readonly QuarantineRecord[]): Promise<void> } | null,
  outcome: PublishOutcome,
  unexamined: Unexamined | null,
  where: { feed: string; format: string; origin: string },
): Promise<number> {
  if (!quarantine || (outcome.rejected.length === 0 && !unexamined)) return 0;
  const receivedAt = Date.now();
  const kept: QuarantineRecord[] = outcome.rejected
    .slice(0, MAX_QUARANTINED_PER_REQUEST)
    .map((record) => ({ ...where, line: record.line, reason: record.reason, raw: record.raw, receivedAt }));
  const rest = outcome.rejected.length - kept.length;
  if (rest > 0) {
    kept.push({ ...where, line: 0, reason: `${rest} more rejected record(s) of this request not kept (at most ${MAX_QUARANTINED_PER_REQUEST} a request)`, raw: '', receivedAt });
  }
  if (unexamined) {
    const reason = `${unexamined.lines} line(s) from line ${unexamined.fromLine} not examined (more than ${MAX_REJECTED_PER_REQUEST} rejected records in one request)`;
    kept.push({ ...where, line: unexamined.fromLine, reason, raw: '', receivedAt });
  }
  try {
    await quarantine.add(kept);
    return kept.length;
  } catch (error) {
    // The accepted items are committed already: answer them; the rejections are still counted and listed.
    console.error(`hub: cannot keep ${kept.length} rejected ${where.feed} record(s) in quarantine`, error);
    return 0;
  }
}
