import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Role } from '../protocol/frames.js';
import { LOGGED_FEEDS, type LoggedFeed } from '../protocol/feed-names.js';
import { CLOSE_CODES, LIMITS } from '../protocol/limits.js';
import type { VehicleBatch } from '../protocol/vehicle-frame.js';
import type { FeedReducer } from '../state/feed-reducer.js';
import type { LogStore, StoredItem } from '../store/log-store.js';
import { respondJson } from '../http/respond-json.js';
import { INGEST_PATH, IngestRoute } from '../sources/ingest/ingest-route.js';
import type { SourcePublisher } from '../sources/source-publisher.js';
import { Admission, normalizeAddress, type Admit } from './admission.js';
import { ClientSession, prepareEventsFrames, type SessionHost } from './client-session.js';
import { FeedChannel, type PublishResult } from './feed-channel.js';
import type { HubConfig } from './hub-config.js';
import { HubMetrics } from './hub-metrics.js';
import { noIncidentOperations, type IncidentOperations } from './incident-operations.js';
import { allowedOrigins, originAllowed } from './origin-policy.js';
import type { ReplayService } from './replay/replay-service.js';
import { TokenTable } from './token-table.js';
import { SIMULATOR_VEHICLE_SOURCE, VehicleChannel } from './vehicle-channel.js';

export type ReducerSet = { [F in LoggedFeed]: FeedReducer<F, unknown> };

export interface HubOptions {
  readonly config: HubConfig;
  readonly store: LogStore;
  readonly reducers: ReducerSet;
  readonly host?: string;
  readonly port?: number;
  readonly operations?: IncidentOperations;
  /** Called after every commit of a logged feed (the incident engine's input), before the broadcast. */
  readonly onCommitted?: (feed: LoggedFeed, items: readonly StoredItem[]) => void;
  /** Extra HTTP routes (e.g. the console's static files for `npm run serve`); call `next` when not handled. */
  readonly extraRoutes?: (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
  /**
   * Checked before every HTTP request and WebSocket upgrade (`npm run serve` refuses a Host that is not one of its
   * own names: DNS rebinding, docs/security.md); return a reason to refuse with 421.
   */
  readonly hostGuard?: (request: IncomingMessage) => string | null;
  /**
   * Several hubs on one log (docs/deploy.md): vehicle batches go through the relay, which hands every hub's — this
   * one's included — back to `deliver` (vehicles are not logged, so each hub must hear every source).
   */
  readonly vehicleRelay?: VehicleRelay;
  /** This hub's name and whether it leads, for /health. */
  readonly identity?: () => { readonly hub: string; readonly leader: boolean };
  /** Replays of the retained window (docs/PROTOCOL.md §11); absent: `replay` is answered unavailable. */
  readonly replay?: ReplayService;
  /** The log store failed for good (crash-only): the process should exit. Default: log it. */
  readonly onFatal?: (error: Error) => void;
}

export interface VehicleRelay {
  publish(batch: VehicleBatch, ts: number, source: string): void;
  onVehicles(deliver: (batch: VehicleBatch, ts: number, source: string) => void): void;
}

const RETENTION_CHECK_MS = 10 * 60 * 1000;
const PING_INTERVAL_MS = 10_000;

/**
 * The hub: HTTP (/health, /metrics, ingest) and the WebSocket stream on one port, a FeedChannel per logged feed and
 * the vehicle channel. Publishing goes through `publish` / `publishVehicles` (simulator, file sources, ingest).
 */
export class Hub implements SessionHost, SourcePublisher {
  readonly config: HubConfig;
  readonly metrics = new HubMetrics();
  readonly vehicles = new VehicleChannel();
  readonly operations: IncidentOperations;
  readonly tokens: TokenTable;
  readonly replay: ReplayService | null;
  /** POST /v1/ingest/<feed> (feeds/sources/ingest): mounted here, its services attached by startSources. */
  readonly ingest: IngestRoute;
  readonly #store: LogStore;
  readonly #channels = new Map<LoggedFeed, FeedChannel<LoggedFeed>>();
  /** Authenticated sessions (they receive feeds). */
  readonly #sessions = new Set<ClientSession>();
  /** Sessions that have not said hello yet, oldest first: their own pool, the oldest evicted when it is full. */
  readonly #pending = new Set<ClientSession>();
  readonly #admission: Admission;
  #origins: ReadonlySet<string> = new Set();
  #connectionCounter = 0;
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #extraRoutes: HubOptions['extraRoutes'];
  readonly #hostGuard: HubOptions['hostGuard'];
  readonly #onCommitted: HubOptions['onCommitted'];
  readonly #relay: VehicleRelay | undefined;
  readonly #identity: HubOptions['identity'];
  readonly #onFatal: (error: Error) => void;
  #stopped = false;

  private constructor(options: HubOptions) {
    this.config = options.config;
    this.#store = options.store;
    this.operations = options.operations ?? noIncidentOperations;
    this.tokens = new TokenTable(options.config.auth.tokens);
    this.replay = options.replay ?? null;
    this.ingest = new IngestRoute({
      publisher: this,
      findToken: (token) => this.tokens.find(token)?.entry ?? null,
      count: (feed, status) => this.metrics.ingestRequests.inc({ feed, status }),
      handlerFailed: (where, error) => this.handlerFailed(where, error),
    });
    this.#admission = new Admission(options.config.limits);
    this.#extraRoutes = options.extraRoutes;
    this.#hostGuard = options.hostGuard;
    this.#onCommitted = options.onCommitted;
    this.#relay = options.vehicleRelay;
    this.#identity = options.identity;
    this.#onFatal = options.onFatal ?? ((error) => console.error('hub: the log store failed for good', error));
    this.#relay?.onVehicles((batch, ts, source) => this.#deliverVehicles(batch, ts, source));
    this.#server = createServer((request, response) => this.#onHttp(request, response));
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: LIMITS.maxInboundFrameBytes,
      // Invalid UTF-8 would make ws close with 1007; we answer it as a bad frame and keep the connection (docs/PROTOCOL.md).
      skipUTF8Validation: true,
    });
    this.#server.on('upgrade', (request, socket, head) => {
      try {
        this.#onUpgrade(request, socket, head);
      } catch (error) {
        this.handlerFailed('upgrade', error);
        socket.destroy();
      }
    });
  }

  #onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Until ws takes the socket over, its errors (a peer resetting during a refusal) are ours to swallow.
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, text: string, reason: string, extra = ''): void => {
      this.metrics.upgradesRefused.inc({ reason });
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n${extra}\r\n`);
    };
    const path = pathOf(request.url);
    if (path !== '/v1/stream') return refuse(404, 'Not Found', 'path');
    const origin = singleHeader(request.headers.origin);
    if (!originAllowed(origin, this.#origins)) return refuse(403, 'Forbidden', 'origin');
    const guard = this.#hostGuard?.(request);
    if (guard) return refuse(421, 'Misdirected Request', 'host');
    const address = normalizeAddress((socket as Socket).remoteAddress);
    const now = Date.now();
    const admit = this.#admission.upgrade(address, now);
    if (!admit.ok) {
      return refuse(admit.status, admit.status === 429 ? 'Too Many Requests' : 'Service Unavailable', 'address', admit.retryAfterS ? `Retry-After: ${admit.retryAfterS}\r\n` : '');
    }
    // The pending pool is small and hello comes within milliseconds from a real client: when it is full, the oldest
    // hello-less socket makes room, so a flood of silent sockets cannot lock operators out.
    while (this.#pending.size >= this.config.limits.maxPendingClients) {
      const oldest = this.#pending.values().next().value;
      if (!oldest) break;
      this.#pending.delete(oldest);
      this.metrics.pendingEvicted.inc();
      oldest.close(CLOSE_CODES.tooSlow, 'evicted: no hello yet and the pool of new connections is full');
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      this.#connectionCounter += 1;
      const session = new ClientSession(ws, this, address, `c${this.#connectionCounter}`);
      this.#admission.opened(address);
      this.#pending.add(session);
      ws.on('close', (code) => {
        if (code === CLOSE_CODES.messageTooBig) this.metrics.badFrames.inc({ reason: 'too-big' });
      });
    });
  }

  authenticate(session: ClientSession, tokenKey: string, role: Exclude<Role, 'source'>): Admit {
    const admit = this.#admission.authenticate(session.address, tokenKey, role, this.#sessions.size);
    if (!admit.ok) return admit;
    this.#pending.delete(session);
    this.#sessions.add(session);
    this.metrics.clients.set(this.#sessions.size);
    return admit;
  }

  helloFailed(session: ClientSession): void {
    this.#admission.helloFailed(session.address, Date.now());
  }

  /** A per-connection or per-request handler failed: logged and counted; its connection/request is answered or dropped. */
  handlerFailed(where: string, error: unknown): void {
    this.metrics.handlerErrors.inc({ where });
    console.error(`hub: ${where} handler failed (the hub keeps serving)`, error);
  }

  static async start(options: HubOptions): Promise<Hub> {
    const hub = new Hub(options);
    const retentionMs = options.config.store.retentionHours * 3600 * 1000;
    for (const feed of LOGGED_FEEDS) {
      const channel = await FeedChannel.open(
        feed,
        options.store,
        options.reducers[feed] as FeedReducer<LoggedFeed, unknown>,
        {
          checkpointEveryItems: options.config.store.checkpointEveryItems,
          checkpointEveryMs: options.config.store.checkpointEverySeconds * 1000,
          retentionMs,
        },
        (changed, epoch, items) => hub.#broadcast(changed, epoch, items),
      );
      hub.#channels.set(feed, channel);
    }
    await hub.#applyRetention();
    hub.#origins = allowedOrigins(options.host ?? '127.0.0.1', options.port ?? 8787, options.config.auth.allowedOrigins);
    await new Promise<void>((resolve, reject) => {
      hub.#server.once('error', reject);
      hub.#server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
        hub.#server.off('error', reject);
        resolve();
      });
    });
    // Port 0 picks a free port: the hub's own origins name the one it got.
    hub.#origins = allowedOrigins(options.host ?? '127.0.0.1', hub.port, options.config.auth.allowedOrigins);
    hub.#timers.push(setInterval(() => hub.#heartbeat(), LIMITS.heartbeatMs));
    hub.#timers.push(setInterval(() => hub.#ping(), PING_INTERVAL_MS));
    hub.#timers.push(setInterval(() => void hub.#applyRetention(), RETENTION_CHECK_MS));
    return hub;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }
  get url(): string {
    const address = this.#server.address() as AddressInfo;
    return `http://${address.address}:${address.port}`;
  }
  get clientCount(): number {
    return this.#sessions.size;
  }
  get httpServer(): Server {
    return this.#server;
  }

  channel(feed: LoggedFeed): FeedChannel<LoggedFeed> {
    const channel = this.#channels.get(feed);
    if (!channel) throw new Error(`no channel for feed "${feed}"`);
    return channel;
  }

  headSeq(feed: LoggedFeed): number {
    return this.channel(feed).seq;
  }

  readLog(feed: LoggedFeed, afterSeq: number, limit: number): Promise<StoredItem[]> {
    return this.#store.read(feed, afterSeq, limit);
  }

  firstSeqSince(feed: LoggedFeed, fromTs: number): Promise<number | null> {
    return this.#store.firstSeqSince(feed, fromTs);
  }

  heads(): Record<string, { epoch: string; seq: number }> {
    const heads: Record<string, { epoch: string; seq: number }> = {};
    for (const [feed, channel] of this.#channels) heads[feed] = { epoch: channel.epoch, seq: channel.seq };
    heads['vehicles'] = { epoch: this.vehicles.epoch, seq: this.vehicles.seq };
    return heads;
  }

  /** Validate, log and broadcast items of a logged feed. */
  async publish(feed: LoggedFeed, values: readonly unknown[], ts?: number, keys?: readonly (string | null)[]): Promise<PublishResult> {
    let result: PublishResult;
    try {
      result = await this.channel(feed).publish(values, ts, keys);
    } catch (error) {
      const failure = this.#store.failure;
      if (failure) this.#onFatal(failure);
      throw error;
    }
    if (result.accepted > 0) this.metrics.itemsAppended.inc({ feed }, result.accepted);
    if (result.rejected.length > 0) this.metrics.rejectedItems.inc({ feed }, result.rejected.length);
    return result;
  }

  /** Replace `source`'s vehicles (the simulator by default) and send every client the merged keyframe. */
  publishVehicles(batch: VehicleBatch, ts: number = Date.now(), source: string = SIMULATOR_VEHICLE_SOURCE): void {
    if (this.#relay) this.#relay.publish(batch, ts, source);
    else this.#deliverVehicles(batch, ts, source);
  }

  #deliverVehicles(batch: VehicleBatch, ts: number, source: string): void {
    const frame = this.vehicles.encode(batch, ts, source);
    for (const session of this.#sessions) session.sendVehicles(frame);
  }

  onSessionClosed(session: ClientSession): void {
    this.#pending.delete(session);
    this.#sessions.delete(session);
    this.#admission.closed(session.address, session.tokenKey);
    this.metrics.clients.set(this.#sessions.size);
  }

  /**
   * Build the events frame(s) once and hand the same text to every live session whose cursor is right before the
   * batch (the common case); sessions in another position build their own (see ClientSession.deliver).
   */
  #broadcast(feed: LoggedFeed, epoch: string, items: readonly StoredItem[]): void {
    if (items.length > 0 && this.#onCommitted) {
      try {
        this.#onCommitted(feed, items);
      } catch (error) {
        console.error(`hub: onCommitted failed for ${feed}`, error);
      }
    }
    if (this.#sessions.size === 0 || items.length === 0) return;
    const prepared = prepareEventsFrames(feed, epoch, items);
    let sent = 0;
    for (const session of this.#sessions) sent += session.deliver(feed, epoch, items, prepared);
    if (sent > 0) {
      this.metrics.framesOut.inc({ type: 'events' }, sent * prepared.frames.length);
      this.metrics.bytesOut.inc(sent * prepared.bytes);
    }
  }

  #heartbeat(): void {
    const now = Date.now();
    const expired = this.vehicles.expire(now);
    if (expired) for (const session of this.#sessions) session.sendVehicles(expired);
    let maxBacklog = 0;
    for (const session of this.#sessions) {
      session.sendHeartbeat(now);
      maxBacklog = Math.max(maxBacklog, session.backlogBytes);
    }
    this.metrics.backlogBytes.set(maxBacklog);
  }

  #ping(): void {
    for (const session of this.#sessions) session.ping();
    for (const session of this.#pending) session.ping();
  }

  async #applyRetention(): Promise<void> {
    for (const channel of this.#channels.values()) await channel.applyRetention();
  }

  health(): { ok: true; hub?: string; leader?: boolean; clients: number; feeds: Record<string, { epoch: string; seq: number; lastTs: number }> } {
    const feeds: Record<string, { epoch: string; seq: number; lastTs: number }> = {};
    for (const [feed, channel] of this.#channels) feeds[feed] = { epoch: channel.epoch, seq: channel.seq, lastTs: channel.lastTs };
    feeds['vehicles'] = { epoch: this.vehicles.epoch, seq: this.vehicles.seq, lastTs: this.vehicles.lastTs };
    return { ok: true, ...(this.#identity?.() ?? {}), clients: this.#sessions.size, feeds };
  }

  /**
   * Every route is a boundary: whatever a handler throws (synchronously, or as a rejection) is logged, counted and
   * answered 500 if nothing was sent yet; the request's own socket is dropped otherwise. The hub keeps serving.
   */
  #onHttp(request: IncomingMessage, response: ServerResponse): void {
    const failed = (error: unknown): void => {
      this.handlerFailed('http', error);
      if (!response.headersSent) respondJson(response, 500, { error: 'internal error' });
      else response.destroy();
    };
    try {
      const routed = this.#route(request, response);
      if (routed) routed.catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  #route(request: IncomingMessage, response: ServerResponse): Promise<void> | null {
    const misdirected = this.#hostGuard?.(request);
    if (misdirected) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      response.end(`${misdirected}\n`);
      return null;
    }
    const url = parseTarget(request.url);
    if (url === null) {
      respondJson(response, 400, { error: 'the request target is not a valid URL path' });
      return null;
    }
    const path = url.pathname;
    if (request.method === 'GET' && path === '/health') {
      respondJson(response, 200, this.health());
      return null;
    }
    if (request.method === 'GET' && path === '/metrics') {
      return this.metrics.registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': this.metrics.registry.contentType });
        response.end(text);
      });
    }
    if (path.startsWith(INGEST_PATH)) return this.ingest.handle(request, response, url);
    const notFound = (): void => respondJson(response, 404, { error: `no route for ${request.method ?? 'GET'} ${path.slice(0, 200)}` });
    if (this.#extraRoutes) this.#extraRoutes(request, response, notFound);
    else notFound();
    return null;
  }

  /** Stop accepting, close every client with 1001, checkpoint every feed, close the store. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    for (const session of [...this.#sessions, ...this.#pending]) session.close(CLOSE_CODES.goingAway, 'hub shutting down');
    this.#wss.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    for (const channel of this.#channels.values()) {
      await channel.checkpoint();
      channel.close();
    }
    await this.#store.close();
  }
}

/**
 * A request target as a URL, or null when it is not one a URL parser accepts (Node's HTTP parser lets absolute-form
 * targets such as `http://[::1` through; `new URL` would throw on them).
 */
function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://hub');
  } catch {
    return null;
  }
}

function pathOf(target: string | undefined): string | null {
  return parseTarget(target)?.pathname ?? null;
}

/** A header that may be repeated arrives as an array; only a single value counts. */
function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

