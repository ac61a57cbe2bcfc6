import type { RawData, WebSocket } from 'ws';
import { isLoggedFeed, type LoggedFeed } from '../protocol/feed-names.js';
import { ClientFrame, describeIssues, PROTOCOL_VERSION, type OperationFrame, type ReplayFrame, type Role, type SubscribeFrame } from '../protocol/frames.js';
import { CLOSE_CODES, LIMITS, type ErrorCode } from '../protocol/limits.js';
import { parseJson } from '../protocol/parse-json.js';
import type { StoredItem } from '../store/log-store.js';
import type { Admit } from './admission.js';
import type { ReplayService } from './replay/replay-service.js';
import type { ReplayRun } from './replay/replay-run.js';
import { NotRetainedError } from './replay/replay-state.js';
import type { FeedChannel } from './feed-channel.js';
import type { HubConfig } from './hub-config.js';
import type { HubMetrics } from './hub-metrics.js';
import type { IncidentOperations } from './incident-operations.js';
import { SlidingWindowCounter, TokenBucket } from './rate-window.js';
import type { TokenTable } from './token-table.js';
import type { VehicleChannel } from './vehicle-channel.js';

/** What a session needs from its hub. */
export interface SessionHost {
  readonly config: HubConfig;
  readonly metrics: HubMetrics;
  readonly vehicles: VehicleChannel;
  readonly operations: IncidentOperations;
  readonly tokens: TokenTable;
  channel(feed: LoggedFeed): FeedChannel<LoggedFeed>;
  readLog(feed: LoggedFeed, afterSeq: number, limit: number): Promise<StoredItem[]>;
  heads(): Record<string, { epoch: string; seq: number }>;
  /** A hello with a known token: may this session take an authenticated slot? */
  authenticate(session: ClientSession, tokenKey: string, role: Exclude<Role, 'source'>): Admit;
  /** A hello with an unknown token (counted per remote address). */
  helloFailed(session: ClientSession): void;
  /** Replays of the retained window (null: a hub without replay history). */
  readonly replay: ReplayService | null;
  /** A handler of this session threw or rejected: logged and counted by the hub; the session closes itself. */
  handlerFailed(where: string, error: unknown): void;
  onSessionClosed(session: ClientSession): void;
}

/** The ops the hub knows, for the bad-frame message (a frame that fails the schema with one of these is a schema error). */
const KNOWN_OPS: ReadonlySet<string> = new Set(ClientFrame.options.map((option) => option.shape.op.value));
/** Client frames nest 3 levels at most (subscribe → since → feed position); anything deeper is refused unparsed. */
const MAX_FRAME_DEPTH = 8;

interface Subscription {
  /** live: receives broadcasts; catching-up: a replay loop owns the cursor until it reaches the head. */
  mode: 'live' | 'catching-up';
  cursor: number;
}

/** How long a resume from a position this hub has not folded yet waits for it (several hubs on one log). */
const AHEAD_WAIT_MS = 3000;

/** Vehicle frames are skipped (latest wins) while a client has more than this queued. */
const VEHICLE_BACKLOG_BYTES = 512 * 1024;

/**
 * One WebSocket connection: hello/auth, subscriptions with resume, per-feed cursors so every client sees each seq
 * exactly once and in order, inbound validation and limits, bounded outbound backlog.
 */
export class ClientSession {
  readonly #socket: WebSocket;
  readonly #host: SessionHost;
  readonly #badFrames = new SlidingWindowCounter(60_000);
  readonly #bucket: TokenBucket;
  readonly #subscriptions = new Map<LoggedFeed, Subscription>();
  readonly #helloTimer: NodeJS.Timeout;
  /** The remote address (admission counts per address). */
  readonly address: string;
  readonly connectionId: string;
  #vehicles = false;
  #role: Role | null = null;
  #name = '';
  /** The admission key of the token this session authenticated with (null while pending). */
  #tokenKey: string | null = null;
  /** Replays running on this connection, by replayId (docs/PROTOCOL.md §11). */
  readonly #replays = new Map<string, ReplayRun>();
  #replaySlot = 0;
  #closed = false;
  #lastRateLimitNotice = 0;
  alive = true;

  constructor(socket: WebSocket, host: SessionHost, address: string, connectionId: string) {
    this.#socket = socket;
    this.#host = host;
    this.address = address;
    this.connectionId = connectionId;
    const rate = host.config.limits.maxInboundFramesPerSecond;
    this.#bucket = new TokenBucket(rate, rate * 2, Date.now());
    this.#helloTimer = setTimeout(() => this.close(CLOSE_CODES.tooSlow, `no hello within ${LIMITS.helloTimeoutMs / 1000} s`), LIMITS.helloTimeoutMs);
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.#onClose());
    socket.on('error', () => this.#onClose());
  }

  get role(): Role | null {
    return this.#role;
  }
  get name(): string {
    return this.#name;
  }
  get backlogBytes(): number {
    return this.#socket.bufferedAmount;
  }
  get ready(): boolean {
    return this.#role !== null && !this.#closed;
  }
  get tokenKey(): string | null {
    return this.#tokenKey;
  }
  get closed(): boolean {
    return this.#closed;
  }

  // ── inbound ─────────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Every frame is untrusted until the schema has checked it; nothing is called on a value before that. A handler
   * that still throws affects this connection only: it is logged and counted, and the connection closes with 1011
   * (its state is its own, so dropping it is safe; the hub keeps serving everyone else).
   */
  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#closed) return;
    try {
      this.#handleMessage(data, isBinary);
    } catch (error) {
      this.#failed('frame', error);
    }
  }

  #failed(where: string, error: unknown): void {
    this.#host.handlerFailed(where, error);
    this.close(CLOSE_CODES.serverError, 'internal error');
  }

  #handleMessage(data: RawData, isBinary: boolean): void {
    const now = Date.now();
    if (!this.#bucket.take(now)) {
      this.#host.metrics.badFrames.inc({ reason: 'rate-limited' });
      // One notice a second at most, so a flood does not turn into an outbound flood.
      if (now - this.#lastRateLimitNotice >= 1000) {
        this.#lastRateLimitNotice = now;
        this.#sendError('rate-limited', `more than ${this.#host.config.limits.maxInboundFramesPerSecond} frames a second; frames are being dropped`);
      }
      return;
    }
    if (isBinary) return this.#badFrame('binary', 'binary frames are not accepted from clients');
    const text = rawToString(data);
    if (text === null) return this.#badFrame('encoding', 'text frame is not valid UTF-8');
    const json = parseJson(text, MAX_FRAME_DEPTH);
    if (!json.ok) {
      const deep = !json.reason.startsWith('malformed');
      return this.#badFrame(deep ? 'depth' : 'json', deep ? `frame ${json.reason.replace(/^JSON /, '')}` : 'frame is not valid JSON');
    }
    const value = json.value;
    const parsed = ClientFrame.safeParse(value);
    if (!parsed.success) {
      const op = describeOp(value);
      const known = op.kind === 'string' && KNOWN_OPS.has(op.text);
      return this.#badFrame(known ? 'schema' : 'unknown-op', known ? describeIssues(parsed.error) : op.kind === 'string' ? `unknown op "${op.text.slice(0, 40)}"` : `"op" must be a string (got ${op.text})`);
    }
    const frame = parsed.data;
    this.#host.metrics.framesIn.inc({ op: frame.op });
    if (frame.op === 'hello') return this.#onHello(frame.token);
    if (this.#role === null) return this.#badFrame('no-hello', 'send hello first');
    switch (frame.op) {
      case 'subscribe':
        return this.#onSubscribe(frame);
      case 'unsubscribe':
        for (const feed of frame.feeds) {
          if (feed === 'vehicles') this.#vehicles = false;
          else this.#subscriptions.delete(feed);
        }
        return;
      case 'ping':
        return this.#sendJson({ type: 'pong', ...(frame.id !== undefined ? { id: frame.id } : {}), ts: Date.now() });
      case 'replay':
        return this.#onReplay(frame);
      case 'replay-stop':
        this.#replays.get(frame.replayId)?.stop();
        return;
      case 'timeline':
        this.#onTimeline(frame.requestId, frame.from, frame.to).catch((error: unknown) => this.#failed('timeline', error));
        return;
      default:
        this.#onOperation(frame).catch((error: unknown) => this.#failed('operation', error));
    }
  }

  #badFrame(reason: string, message: string): void {
    this.#host.metrics.badFrames.inc({ reason });
    const count = this.#badFrames.hit(Date.now());
    const limit = this.#host.config.limits.maxBadFramesPerMinute;
    this.#sendJson({ type: 'error', code: 'bad-frame', message, count, limit });
    if (count > limit) this.close(CLOSE_CODES.policyViolation, 'too many bad frames');
  }

  #onHello(token: string): void {
    if (this.#role !== null) return this.#badFrame('schema', 'hello was already received');
    const found = this.#host.tokens.find(token);
    if (!found) {
      clearTimeout(this.#helloTimer);
      this.#host.metrics.badFrames.inc({ reason: 'unauthorized' });
      this.#host.helloFailed(this);
      this.#sendError('unauthorized', 'unknown token');
      this.close(CLOSE_CODES.unauthorized, 'unauthorized');
      return;
    }
    const entry = found.entry;
    if (entry.role === 'source') {
      clearTimeout(this.#helloTimer);
      this.#sendError('forbidden', 'a source token may only ingest over HTTP');
      this.close(CLOSE_CODES.unauthorized, 'source tokens cannot stream');
      return;
    }
    const admit = this.#host.authenticate(this, found.key, entry.role);
    if (!admit.ok) {
      clearTimeout(this.#helloTimer);
      this.#host.metrics.badFrames.inc({ reason: 'over-capacity' });
      this.#sendError('over-capacity', admit.reason);
      this.close(CLOSE_CODES.overCapacity, 'over capacity');
      return;
    }
    clearTimeout(this.#helloTimer);
    this.#tokenKey = found.key;
    this.#role = entry.role;
    this.#name = entry.name;
    this.#sendJson({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      role: entry.role,
      name: entry.name,
      feeds: this.#host.heads(),
      teams: this.#host.config.incidents.teams,
      limits: {
        ...LIMITS,
        maxInboundFramesPerSecond: this.#host.config.limits.maxInboundFramesPerSecond,
        maxBadFramesPerMinute: this.#host.config.limits.maxBadFramesPerMinute,
        maxClientBacklogBytes: this.#host.config.limits.maxClientBacklogBytes,
      },
    });
  }

  #onSubscribe(frame: SubscribeFrame): void {
    this.#sendJson({ type: 'subscribed', feeds: frame.feeds });
    for (const feed of frame.feeds) {
      if (!isLoggedFeed(feed)) {
        this.#vehicles = true;
        const latest = this.#host.vehicles.latest;
        if (latest) this.sendVehicles(latest, true);
        continue;
      }
      this.#startFeed(feed, frame.since?.[feed]);
    }
  }

  #startFeed(feed: LoggedFeed, since: { epoch: string; seq: number } | undefined): void {
    const channel = this.#host.channel(feed);
    if (since && since.epoch === channel.epoch) {
      if (since.seq === channel.seq) {
        this.#subscriptions.set(feed, { mode: 'live', cursor: since.seq });
        return;
      }
      if (since.seq < channel.seq && since.seq >= channel.firstRetainedSeq - 1) {
        const subscription: Subscription = { mode: 'catching-up', cursor: since.seq };
        this.#subscriptions.set(feed, subscription);
        this.#startCatchUp(feed, subscription);
        return;
      }
      if (since.seq > channel.seq && channel.shared) {
        // Resuming from another hub of the same log, a moment ahead of this one's follower: wait for it rather
        // than answer with a snapshot (the client would lose the items between as events).
        const subscription: Subscription = { mode: 'catching-up', cursor: since.seq };
        this.#subscriptions.set(feed, subscription);
        channel.reached(since.seq, AHEAD_WAIT_MS).then(
          (reached) => {
            if (this.#closed || this.#subscriptions.get(feed) !== subscription) return;
            if (reached) this.#startCatchUp(feed, subscription);
            else this.#sendSnapshot(feed, 'ahead');
          },
          (error: unknown) => this.#failed('resume', error),
        );
        return;
      }
    }
    const reason = !since ? 'initial' : since.epoch !== channel.epoch ? 'epoch-changed' : since.seq > channel.seq ? 'ahead' : 'not-retained';
    this.#sendSnapshot(feed, reason);
  }

  #sendSnapshot(feed: LoggedFeed, reason: 'initial' | 'epoch-changed' | 'not-retained' | 'ahead'): void {
    const snapshot = this.#host.channel(feed).snapshot();
    this.#subscriptions.set(feed, { mode: 'live', cursor: snapshot.seq });
    this.#host.metrics.snapshots.inc({ feed, reason });
    this.#sendText(
      `{"type":"snapshot","feed":"${feed}","epoch":"${snapshot.epoch}","seq":${snapshot.seq},"reason":"${reason}","state":${snapshot.stateJson}}`,
      'snapshot',
    );
  }

  /** A log read that fails (the store is failing) ends this connection, never the process; the client resumes. */
  #startCatchUp(feed: LoggedFeed, subscription: Subscription): void {
    this.#catchUp(feed, subscription).catch((error: unknown) => this.#failed('catch-up', error));
  }

  /** Replay from the log until the cursor meets the channel's head, then switch to live in the same turn. */
  async #catchUp(feed: LoggedFeed, subscription: Subscription): Promise<void> {
    const channel = this.#host.channel(feed);
    while (!this.#closed && this.#subscriptions.get(feed) === subscription) {
      if (subscription.cursor >= channel.seq) {
        subscription.mode = 'live';
        return;
      }
      // Let the socket drain before reading more: replay must not build its own unbounded backlog.
      if (this.#socket.bufferedAmount > this.#host.config.limits.maxClientBacklogBytes / 4) {
        await delay(20);
        continue;
      }
      const items = await this.#host.readLog(feed, subscription.cursor, LIMITS.maxItemsPerFrame);
      if (this.#closed || this.#subscriptions.get(feed) !== subscription) return;
      const fresh = items.filter((item) => item.seq > subscription.cursor);
      if (fresh.length === 0 || fresh[0]?.seq !== subscription.cursor + 1) {
        // Pruned under our feet: fall back to a snapshot rather than leave a gap.
        this.#sendSnapshot(feed, 'not-retained');
        return;
      }
      this.#sendItems(feed, channel.epoch, fresh, true);
      this.#host.metrics.itemsReplayed.inc({ feed }, fresh.length);
    }
  }

  async #onTimeline(requestId: string, from: number, to: number): Promise<void> {
    const refuse = (code: string, message: string): void => this.#sendJson({ type: 'timeline', requestId, from, to, oldest: null, marks: {}, error: { code, message } });
    if (this.#role === 'wall') return refuse('forbidden', 'a wall shows live data only');
    if (!this.#host.replay) return refuse('unavailable', 'this hub keeps no replay history');
    if (to < from || to - from > 48 * 3600_000) return refuse('bad-range', 'from ≤ to, at most 48 h apart');
    const { oldest, marks } = await this.#host.replay.timeline(from, to);
    this.#sendJson({ type: 'timeline', requestId, from, to, oldest, marks });
  }

  #onReplay(frame: ReplayFrame): void {
    const end = (code: string, message: string): void =>
      this.#sendJson({ type: 'replay-end', replayId: frame.replayId, ok: false, error: { code, message } });
    const replay = this.#host.replay;
    // Walls show live only: refused by the hub, whatever the client does.
    if (this.#role === 'wall') return end('forbidden', 'a wall shows live data only and may not replay');
    if (!replay) return end('unavailable', 'this hub keeps no replay history');
    if (frame.until < frame.at) return end('bad-range', `until (${frame.until}) is before at (${frame.at})`);
    if (this.#replays.has(frame.replayId)) return end('bad-frame', `a replay "${frame.replayId.slice(0, 64)}" is already running on this connection`);
    if (this.#replays.size >= LIMITS.maxReplaysPerConnection) {
      return end('too-many', `at most ${LIMITS.maxReplaysPerConnection} replays at once per connection; stop one first`);
    }
    this.#replaySlot = (this.#replaySlot % 255) + 1;
    const socket = this.#socket;
    // The replay's frames not yet written to the OS, oldest first (ws calls back in order): a replay at speed 0 waits
    // for the oldest instead of spinning while the client reads.
    const unwritten: Promise<void>[] = [];
    const tracked = (send: (onWritten: () => void) => boolean): boolean => {
      let written = (): void => undefined;
      const promise = new Promise<void>((resolve) => (written = resolve));
      const sent = send(() => {
        unwritten.shift();
        written();
      });
      if (sent) unwritten.push(promise);
      return sent;
    };
    const run = replay.start(frame, {
      sendText: (text) => tracked((onWritten) => this.#sendText(text, text.startsWith('{"type":"replay-events"') ? 'replay-events' : 'replay', onWritten)),
      sendBinary: (bytes) => tracked((onWritten) => this.#sendRaw(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 'replay-vehicles', onWritten)),
      written: () => unwritten[0] ?? Promise.resolve(),
      backlog: () => socket.bufferedAmount,
      maxBacklog: this.#host.config.limits.maxClientBacklogBytes,
      get closed() {
        return socket.readyState !== socket.OPEN;
      },
    }, this.#replaySlot);
    this.#replays.set(frame.replayId, run);
    run
      .run()
      .catch((error: unknown) => {
        const known = error instanceof NotRetainedError;
        if (!known) this.#host.handlerFailed('replay', error);
        end(known ? 'not-retained' : 'internal', error instanceof Error ? error.message : 'the replay failed');
      })
      .finally(() => this.#replays.delete(frame.replayId));
  }

  async #onOperation(frame: OperationFrame): Promise<void> {
    const role = this.#role;
    if (role === null) return;
    // The incident engine checks permissions itself so that a refusal is audited; it still gets the frame. The hub
    // checks too, so a role without the right is answered `forbidden` whatever answers behind it (an engine still
    // starting, a hub without one), never `unavailable` or `not-found`.
    const permitted = this.#host.config.permissions[frame.op].includes(role);
    try {
      const outcome = await this.#host.operations.apply(frame, { role, name: this.#name, connection: this.connectionId });
      if (!permitted) {
        this.#sendJson({ type: 'result', opId: frame.opId, ok: false, error: { code: 'forbidden', message: `role "${role}" may not ${frame.op}` } });
        return;
      }
      this.#sendJson({ type: 'result', opId: frame.opId, ...outcome });
    } catch (error) {
      this.#host.handlerFailed('operation', error);
      this.#sendJson({
        type: 'result',
        opId: frame.opId,
        ok: false,
        error: { code: 'internal', message: error instanceof Error ? error.message : 'the operation failed' },
      });
    }
  }

  // ── outbound ────────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Called by the hub for every committed batch of a logged feed, with the frames prepared once for all sessions.
   * Returns 1 when the prepared frames were sent as they are (the hub counts those in its metrics), else 0.
   */
  deliver(feed: LoggedFeed, epoch: string, items: readonly StoredItem[], prepared: PreparedEvents): number {
    const subscription = this.#subscriptions.get(feed);
    if (!subscription || subscription.mode !== 'live' || this.#closed) return 0;
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last || last.seq <= subscription.cursor) return 0;
    if (first.seq === subscription.cursor + 1) {
      for (const frame of prepared.frames) if (!this.#sendUncounted(frame)) return 0;
      subscription.cursor = last.seq;
      return 1;
    }
    const fresh = items.filter((item) => item.seq > subscription.cursor);
    if (fresh[0]?.seq !== subscription.cursor + 1) {
      // Cannot happen while the hub broadcasts every commit; recover from the log rather than skip a seq.
      subscription.mode = 'catching-up';
      this.#startCatchUp(feed, subscription);
      return 0;
    }
    this.#sendItems(feed, epoch, fresh, false);
    return 0;
  }

  #sendItems(feed: LoggedFeed, epoch: string, items: readonly StoredItem[], replay: boolean): void {
    const subscription = this.#subscriptions.get(feed);
    for (let start = 0; start < items.length; start += LIMITS.maxItemsPerFrame) {
      const chunk = items.slice(start, start + LIMITS.maxItemsPerFrame);
      if (!this.#sendText(eventsFrameText(feed, epoch, chunk, replay), 'events')) return;
      const last = chunk[chunk.length - 1];
      if (subscription && last) subscription.cursor = last.seq;
    }
  }

  sendVehicles(frame: ArrayBuffer, force = false): void {
    if (!this.#vehicles || this.#closed) return;
    if (!force && this.#socket.bufferedAmount > VEHICLE_BACKLOG_BYTES) {
      this.#host.metrics.vehicleFramesCoalesced.inc();
      return;
    }
    this.#sendRaw(frame, 'vehicles');
  }

  sendHeartbeat(now: number): void {
    if (!this.ready) return;
    const feeds: Record<string, number> = {};
    for (const [feed] of this.#subscriptions) feeds[feed] = this.#host.channel(feed).seq;
    if (this.#vehicles) feeds['vehicles'] = this.#host.vehicles.seq;
    this.#sendJson({ type: 'heartbeat', ts: now, feeds });
  }

  #sendError(code: ErrorCode, message: string): void {
    this.#sendJson({ type: 'error', code, message });
  }

  #sendJson(frame: Record<string, unknown> & { type: string }): void {
    this.#sendText(JSON.stringify(frame), frame.type);
  }

  #sendText(text: string, type: string, onWritten?: () => void): boolean {
    return this.#sendRaw(text, type, onWritten);
  }

  /** Every send checks the backlog: a client that cannot keep up is closed, and resumes from its own cursors. */
  #sendRaw(data: string | ArrayBuffer, type: string, onWritten?: () => void): boolean {
    // Text is encoded once here: handed a string, ws and the socket would each measure or encode it again.
    const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (!this.#sendUncounted(payload, onWritten)) return false;
    this.#host.metrics.framesOut.inc({ type });
    this.#host.metrics.bytesOut.inc(payload.byteLength);
    return true;
  }

  /** `onWritten` is called once ws has handed the frame to the OS (or failed to: the socket closed). */
  #sendUncounted(data: string | ArrayBuffer | Buffer, onWritten?: () => void): boolean {
    if (this.#closed) return false;
    if (this.#socket.bufferedAmount > this.#host.config.limits.maxClientBacklogBytes) {
      this.close(CLOSE_CODES.tooSlow, 'too slow: reconnect and resume with since');
      return false;
    }
    // A Buffer here is pre-encoded JSON text; an ArrayBuffer is a binary vehicle frame.
    this.#socket.send(data, { binary: data instanceof ArrayBuffer }, onWritten && (() => onWritten()));
    return true;
  }

  ping(): void {
    if (this.#closed) return;
    if (!this.alive) {
      this.#socket.terminate();
      return;
    }
    this.alive = false;
    this.#socket.ping();
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#host.metrics.closes.inc({ code: String(code) });
    this.#socket.close(code, reason);
    // A peer that stopped reading will never complete the closing handshake: do not keep its buffers.
    const socket = this.#socket;
    setTimeout(() => socket.terminate(), 2000).unref();
    this.#onClose();
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const run of this.#replays.values()) run.stop();
    clearTimeout(this.#helloTimer);
    this.#subscriptions.clear();
    this.#host.onSessionClosed(this);
  }
}

export interface PreparedEvents {
  /** UTF-8 encoded once for all sessions (sent as text frames), instead of once per client by ws. */
  readonly frames: readonly Buffer[];
  readonly bytes: number;
}

/** `events` frame text built from the stored JSON of each item: no re-encoding of `data`. */
export function eventsFrameText(feed: LoggedFeed, epoch: string, items: readonly StoredItem[], replay: boolean): string {
  const body = items.map((item) => `{"seq":${item.seq},"ts":${item.ts},"data":${item.json}}`).join(',');
  return `{"type":"events","feed":"${feed}","epoch":"${epoch}"${replay ? ',"replay":true' : ''},"items":[${body}]}`;
}

export function prepareEventsFrames(feed: LoggedFeed, epoch: string, items: readonly StoredItem[]): PreparedEvents {
  const frames: Buffer[] = [];
  let bytes = 0;
  for (let start = 0; start < items.length; start += LIMITS.maxItemsPerFrame) {
    const frame = Buffer.from(eventsFrameText(feed, epoch, items.slice(start, start + LIMITS.maxItemsPerFrame), false), 'utf8');
    frames.push(frame);
    bytes += frame.byteLength;
  }
  return { frames, bytes };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode strictly: the server skips ws's UTF-8 check so that bad text is a counted bad frame, not a close. */
function rawToString(data: RawData): string | null {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** What `op` is, without calling anything on it (an object's toString may be hostile, an array may be deep). */
function describeOp(value: unknown): { readonly kind: 'string' | 'other'; readonly text: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'other', text: `a frame that is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
  if (!Object.hasOwn(value, 'op')) return { kind: 'other', text: 'no op' };
  const op: unknown = (value as Record<string, unknown>)['op'];
  if (typeof op === 'string') return { kind: 'string', text: op };
  return { kind: 'other', text: op === null ? 'null' : Array.isArray(op) ? 'an array' : typeof op };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
