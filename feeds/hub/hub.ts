import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { LOGGED_FEEDS, type LoggedFeed } from '../protocol/feed-names.js';
import { CLOSE_CODES, LIMITS } from '../protocol/limits.js';
import type { VehicleBatch } from '../protocol/vehicle-frame.js';
import type { FeedReducer } from '../state/feed-reducer.js';
import type { LogStore, StoredItem } from '../store/log-store.js';
import { ClientSession, prepareEventsFrames, type SessionHost } from './client-session.js';
import { FeedChannel, type PublishResult } from './feed-channel.js';
import type { HubConfig } from './hub-config.js';
import { HubMetrics } from './hub-metrics.js';
import { handleIngest } from './ingest-handler.js';
import { noIncidentOperations, type IncidentOperations } from './incident-operations.js';
import { VehicleChannel } from './vehicle-channel.js';

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
}

const RETENTION_CHECK_MS = 10 * 60 * 1000;
const PING_INTERVAL_MS = 10_000;

/**
 * The hub: HTTP (/health, /metrics, ingest) and the WebSocket stream on one port, a FeedChannel per logged feed and
 * the vehicle channel. Publishing goes through `publish` / `publishVehicles` (simulator, file sources, ingest).
 */
export class Hub implements SessionHost {
  readonly config: HubConfig;
  readonly metrics = new HubMetrics();
  readonly vehicles = new VehicleChannel();
  readonly operations: IncidentOperations;
  readonly #store: LogStore;
  readonly #channels = new Map<LoggedFeed, FeedChannel<LoggedFeed>>();
  readonly #sessions = new Set<ClientSession>();
  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #extraRoutes: HubOptions['extraRoutes'];
  readonly #onCommitted: HubOptions['onCommitted'];
  #stopped = false;

  private constructor(options: HubOptions) {
    this.config = options.config;
    this.#store = options.store;
    this.operations = options.operations ?? noIncidentOperations;
    this.#extraRoutes = options.extraRoutes;
    this.#onCommitted = options.onCommitted;
    this.#server = createServer((request, response) => this.#onHttp(request, response));
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: LIMITS.maxInboundFrameBytes,
      // Invalid UTF-8 would make ws close with 1007; we answer it as a bad frame and keep the connection (DESIGN §3).
      skipUTF8Validation: true,
    });
    this.#server.on('upgrade', (request, socket, head) => {
      const path = new URL(request.url ?? '/', 'http://hub').pathname;
      if (path !== '/v1/stream') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      if (this.#sessions.size >= this.config.limits.maxClients) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => {
        const session = new ClientSession(ws, this);
        this.#sessions.add(session);
        this.metrics.clients.set(this.#sessions.size);
        ws.on('close', (code) => {
          if (code === CLOSE_CODES.messageTooBig) this.metrics.badFrames.inc({ reason: 'too-big' });
        });
      });
    });
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
    await new Promise<void>((resolve, reject) => {
      hub.#server.once('error', reject);
      hub.#server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
        hub.#server.off('error', reject);
        resolve();
      });
    });
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
  async publish(feed: LoggedFeed, values: readonly unknown[], ts?: number): Promise<PublishResult> {
    const result = await this.channel(feed).publish(values, ts);
    if (result.accepted > 0) this.metrics.itemsAppended.inc({ feed }, result.accepted);
    if (result.rejected.length > 0) this.metrics.rejectedItems.inc({ feed }, result.rejected.length);
    return result;
  }

  /** Replace `source`'s vehicles (the simulator by default) and send every client the merged keyframe. */
  publishVehicles(batch: VehicleBatch, ts: number = Date.now(), source?: string): void {
    const frame = this.vehicles.encode(batch, ts, source);
    for (const session of this.#sessions) session.sendVehicles(frame);
  }

  onSessionClosed(session: ClientSession): void {
    this.#sessions.delete(session);
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
  }

  async #applyRetention(): Promise<void> {
    for (const channel of this.#channels.values()) await channel.applyRetention();
  }

  health(): { ok: true; clients: number; feeds: Record<string, { epoch: string; seq: number; lastTs: number }> } {
    const feeds: Record<string, { epoch: string; seq: number; lastTs: number }> = {};
    for (const [feed, channel] of this.#channels) feeds[feed] = { epoch: channel.epoch, seq: channel.seq, lastTs: channel.lastTs };
    feeds['vehicles'] = { epoch: this.vehicles.epoch, seq: this.vehicles.seq, lastTs: this.vehicles.lastTs };
    return { ok: true, clients: this.#sessions.size, feeds };
  }

  #onHttp(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://hub');
    if (request.method === 'GET' && url.pathname === '/health') {
      respondJson(response, 200, this.health());
      return;
    }
    if (request.method === 'GET' && url.pathname === '/metrics') {
      this.metrics.registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': this.metrics.registry.contentType });
          response.end(text);
        },
        (error: unknown) => respondJson(response, 500, { error: String(error) }),
      );
      return;
    }
    if (url.pathname.startsWith('/v1/ingest/')) {
      void handleIngest(this, request, response, url);
      return;
    }
    const notFound = (): void => respondJson(response, 404, { error: `no route for ${request.method ?? 'GET'} ${url.pathname}` });
    if (this.#extraRoutes) this.#extraRoutes(request, response, notFound);
    else notFound();
  }

  /** Stop accepting, close every client with 1001, checkpoint every feed, close the store. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    for (const session of this.#sessions) session.close(CLOSE_CODES.goingAway, 'hub shutting down');
    this.#wss.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    for (const channel of this.#channels.values()) await channel.checkpoint();
    await this.#store.close();
  }
}

export function respondJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}
