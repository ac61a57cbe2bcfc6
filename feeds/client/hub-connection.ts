import {
  asyncScheduler,
  BehaviorSubject,
  distinctUntilChanged,
  Subject,
  type Observable,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { isLoggedFeed, type FeedName, type LoggedFeed } from '../protocol/feed-names.js';
import {
  ClientFrame,
  describeIssues,
  HubFrame,
  type ErrorFrame,
  type EventsFrame,
  type FeedPosition,
  type HeartbeatFrame,
  type OperationFrame,
  type ReplayEndFrame,
  type ReplayEventsFrame,
  type ReplayFrame,
  type ReplaySnapshotFrame,
  type ResultFrame,
  type SnapshotFrame,
  type SubscribeFrame,
  type TimelineResultFrame,
  type WelcomeFrame,
} from '../protocol/frames.js';
import { CLOSE_CODES, LIMITS } from '../protocol/limits.js';
import type { IncidentSeverity } from '../protocol/incident.js';
import { decodeVehicleFrame, type VehicleFrame } from '../protocol/vehicle-frame.js';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { ConnectionStatus, FeedEvents, FeedSnapshot, HubStreams } from './hub-streams.js';
import { WEB_SOCKET_STATE, type WebSocketConstructorLike, type WebSocketLike } from './web-socket-like.js';

export interface HubConnectionOptions {
  /**
   * `ws://host:port/v1/stream`, or several hubs serving the same log (docs/deploy.md): when one is lost the next is
   * tried at once, and `since` resumes there with no lost and no repeated item.
   */
  readonly url: string | readonly string[];
  readonly token: string;
  /** The browser's `WebSocket`, or `ws`'s in Node. */
  readonly WebSocketCtor: WebSocketConstructorLike;
  /** Feeds to subscribe to (PROTOCOL §2). May be empty for a connection used only for operations. */
  readonly feeds: readonly FeedName[];
  /** Uniform in [0, 1): the backoff jitter and the random part of opIds. Default `Math.random`. */
  readonly random?: () => number;
  /** Clock and timers (backoff, watchdogs, operation pacing). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** `client` of the hello frame, for the hub's logs. */
  readonly client?: string;
  readonly backoff?: BackoffPolicy;
  /** An attempt not welcomed within this time is abandoned and retried. Default 15 s. */
  readonly welcomeTimeoutMs?: number;
  /** Heartbeat periods without any frame after which the connection counts as lost (PROTOCOL §5: 3). */
  readonly missedHeartbeats?: number;
}

/** Something the connection noticed and survived: it is reported, counted in `stats`, never thrown. */
export interface HubConnectionError {
  readonly kind: 'invalid-frame' | 'invalid-vehicle-frame' | 'seq-violation' | 'hub-error' | 'socket-error' | 'timeout';
  readonly message: string;
  readonly feed?: FeedName;
  /** The hub's error code, for `hub-error`. */
  readonly code?: string;
}

export interface HubConnectionStats {
  /** Sockets created (first connection and every reconnect attempt). */
  readonly attempts: number;
  readonly welcomes: number;
  /** Reconnects scheduled after a lost connection or a failed attempt. */
  readonly reconnects: number;
  readonly textFrames: number;
  readonly binaryFrames: number;
  /** Text frames that were not JSON, failed the HubFrame schema, or made no sense at that point. */
  readonly invalidFrames: number;
  readonly invalidVehicleFrames: number;
  /** Events frames that did not continue the feed's position (gap, repeat, epoch change): each one dropped the socket. */
  readonly seqViolations: number;
  /** Vehicle frames the hub skipped for us (latest wins; PROTOCOL §7), from gaps in their seq. */
  readonly vehicleFramesSkipped: number;
  /** `error` frames received from the hub. */
  readonly hubErrors: number;
  readonly lastCloseCode: number | null;
  readonly lastCloseReason: string;
}

export type IncidentOperation = OperationFrame['op'];

/** The hub's answers to replay and timeline requests (docs/PROTOCOL.md §11), as received. */
export type ReplayHubFrame = ReplaySnapshotFrame | ReplayEventsFrame | ReplayEndFrame | TimelineResultFrame;
/** What a client may ask of the replay side of the hub. */
export type ReplayRequest = ReplayFrame | { readonly op: 'replay-stop'; readonly replayId: string } | { readonly op: 'timeline'; readonly requestId: string; readonly from: number; readonly to: number };

/** An operation waiting for its `result`, in the order it was made. */
export interface PendingOperation {
  readonly frame: OperationFrame;
  /** scheduler.now() when it was made. */
  readonly queuedAt: number;
}

interface PendingEntry extends PendingOperation {
  /** Id of the connection it was last sent on (0: not sent on any). */
  sentOn: number;
  readonly resolve: (result: ResultFrame) => void;
  readonly reject: (error: Error) => void;
}

type MutableStats = { -readonly [K in keyof HubConnectionStats]: HubConnectionStats[K] };

/** Close code the client uses when it drops a connection to resume on a new one (gap, silent hub, no welcome). */
export const CLIENT_RESUME_CLOSE_CODE = 4000;
/** Operations sent per second at most: well inside the hub's inbound budget (PROTOCOL §8: 50/s, bursts of 100). */
const OPERATIONS_PER_SECOND = 20;
const OPERATION_WINDOW_MS = 1000;
const DEFAULT_WELCOME_TIMEOUT_MS = 15_000;
const DEFAULT_MISSED_HEARTBEATS = 3;

const ignore = (): void => undefined;

/**
 * One logical connection to the hub over successive WebSockets (docs/PROTOCOL.md): hello → welcome → subscribe with
 * `since` from its own per-feed positions, so a reconnect resumes and loses nothing. It checks that every events frame
 * continues the feed's position exactly; anything else is a protocol violation and the connection is dropped and
 * resumed rather than applying a gap. Reconnects use exponential backoff with full jitter, except after close 4401.
 *
 * Everything it receives is validated (zod for text frames, decodeVehicleFrame for binary ones); a bad frame is
 * counted and reported on `errors$`, never thrown. Streams are hot: subscribe before the first socket event, i.e. in
 * the same task as the constructor (socket events are always asynchronous), and share what you derive (feedState$).
 */
export class HubConnection implements HubStreams {
  readonly status$: Observable<ConnectionStatus>;
  readonly welcome$: Observable<WelcomeFrame>;
  readonly snapshots$: Observable<FeedSnapshot>;
  readonly events$: Observable<FeedEvents>;
  readonly vehicles$: Observable<VehicleFrame>;
  readonly heartbeats$: Observable<HeartbeatFrame>;
  readonly results$: Observable<ResultFrame>;
  readonly errors$: Observable<HubConnectionError>;
  /** The operations still waiting for a result (queued while disconnected, or in flight). */
  readonly pending$: Observable<readonly PendingOperation[]>;
  /** replay-snapshot, replay-events, replay-end and timeline frames (feeds/client/replay-session.ts reads them). */
  readonly replay$: Observable<ReplayHubFrame>;
  /** Vehicle keyframes of a replay (binary frames whose replay slot is not 0): never mixed into `vehicles$`. */
  readonly replayVehicles$: Observable<VehicleFrame>;

  /** The hubs to use, in order of preference; `#urlIndex` is the one of the current (or next) attempt. */
  readonly #urls: readonly string[];
  #urlIndex = 0;
  readonly #hub = new BehaviorSubject<string>('');
  /** The hub URL of the current connection or attempt (the health bar names it). */
  readonly hub$: Observable<string>;
  readonly #token: string;
  readonly #WebSocketCtor: WebSocketConstructorLike;
  readonly #feeds: readonly FeedName[];
  readonly #random: () => number;
  readonly #scheduler: SchedulerLike;
  readonly #client: string;
  readonly #backoff: BackoffPolicy;
  readonly #welcomeTimeoutMs: number;
  readonly #missedHeartbeats: number;

  readonly #status = new BehaviorSubject<ConnectionStatus>('connecting');
  readonly #welcome = new Subject<WelcomeFrame>();
  readonly #snapshots = new Subject<FeedSnapshot>();
  readonly #events = new Subject<FeedEvents>();
  readonly #vehicles = new Subject<VehicleFrame>();
  readonly #heartbeats = new Subject<HeartbeatFrame>();
  readonly #results = new Subject<ResultFrame>();
  readonly #errors = new Subject<HubConnectionError>();
  readonly #pendingList = new BehaviorSubject<readonly PendingOperation[]>([]);
  readonly #replay = new Subject<ReplayHubFrame>();
  readonly #replayVehicles = new Subject<VehicleFrame>();

  readonly #positions = new Map<LoggedFeed, FeedPosition>();
  readonly #pending = new Map<string, PendingEntry>();
  readonly #stats: MutableStats = {
    attempts: 0,
    welcomes: 0,
    reconnects: 0,
    textFrames: 0,
    binaryFrames: 0,
    invalidFrames: 0,
    invalidVehicleFrames: 0,
    seqViolations: 0,
    vehicleFramesSkipped: 0,
    hubErrors: 0,
    lastCloseCode: null,
    lastCloseReason: '',
  };

  #socket: WebSocketLike | null = null;
  /** Increments with every socket; operations remember the id they were sent on. */
  #connectionId = 0;
  #welcomed = false;
  /** The current socket was dropped for a protocol violation: do not reset the backoff for it. */
  #violated = false;
  /** The hub answered hello with unauthorized/forbidden: the close that follows is final. */
  #authRefused = false;
  #final = false;
  #attempt = 0;
  #attemptStartedAt = 0;
  #lastFrameAt = 0;
  #silenceLimitMs = DEFAULT_MISSED_HEARTBEATS * LIMITS.heartbeatMs;
  #lastVehicle: { epoch: string; seq: number } | null = null;
  #reconnectTimer: Subscription | null = null;
  #watchdog: Subscription | null = null;
  #operationTimer: Subscription | null = null;
  #operationWindowStart = Number.NEGATIVE_INFINITY;
  #operationWindowCount = 0;
  #operationCounter = 0;

  constructor(options: HubConnectionOptions) {
    this.#urls = typeof options.url === 'string' ? [options.url] : [...options.url];
    if (this.#urls.length === 0) throw new Error('HubConnection: no hub URL');
    this.#hub.next(this.#urls[0] ?? '');
    this.hub$ = this.#hub.pipe(distinctUntilChanged());
    this.#token = options.token;
    this.#WebSocketCtor = options.WebSocketCtor;
    this.#feeds = [...new Set(options.feeds)];
    this.#random = options.random ?? Math.random;
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#client = options.client ?? 'ioc-console';
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#welcomeTimeoutMs = options.welcomeTimeoutMs ?? DEFAULT_WELCOME_TIMEOUT_MS;
    this.#missedHeartbeats = options.missedHeartbeats ?? DEFAULT_MISSED_HEARTBEATS;

    this.status$ = this.#status.pipe(distinctUntilChanged());
    this.welcome$ = this.#welcome.asObservable();
    this.snapshots$ = this.#snapshots.asObservable();
    this.events$ = this.#events.asObservable();
    this.vehicles$ = this.#vehicles.asObservable();
    this.heartbeats$ = this.#heartbeats.asObservable();
    this.results$ = this.#results.asObservable();
    this.errors$ = this.#errors.asObservable();
    this.pending$ = this.#pendingList.asObservable();
    this.replay$ = this.#replay.asObservable();
    this.replayVehicles$ = this.#replayVehicles.asObservable();

    this.#connect();
  }

  get status(): ConnectionStatus {
    return this.#status.value;
  }

  /** The hub URL of the current connection or attempt. */
  get hubUrl(): string {
    return this.#hub.value;
  }

  get stats(): HubConnectionStats {
    return { ...this.#stats };
  }

  /** The `{epoch, seq}` of the last snapshot or item applied for `feed`: what the next `subscribe` sends as `since`. */
  position(feed: LoggedFeed): FeedPosition | undefined {
    const position = this.#positions.get(feed);
    return position ? { ...position } : undefined;
  }

  // ── operations ──────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Each operation gets a fresh opId, is queued, sent as soon as (and every time) a connection is welcomed, and
   * settles with the hub's `result` for that opId — `ok: false` results (forbidden, not-found, …) resolve too. The
   * hub is idempotent by opId, so re-sending after a reconnect cannot apply it twice. The promise rejects only if
   * the frame is invalid or the connection ends for good (close(), unauthorized) before a result came.
   */
  ack(incident: string, note?: string): Promise<ResultFrame> {
    return this.#operate((opId) => ({ op: 'ack', incident, opId, ...(note !== undefined ? { note } : {}) }));
  }

  assign(incident: string, to: string, note?: string): Promise<ResultFrame> {
    return this.#operate((opId) => ({ op: 'assign', incident, to, opId, ...(note !== undefined ? { note } : {}) }));
  }

  resolve(incident: string, note?: string): Promise<ResultFrame> {
    return this.#operate((opId) => ({ op: 'resolve', incident, opId, ...(note !== undefined ? { note } : {}) }));
  }

  /** No escalation or critical banner for `minutes` (1–1440); 0 wakes it. */
  snooze(incident: string, minutes: number, note?: string): Promise<ResultFrame> {
    return this.#operate((opId) => ({ op: 'snooze', incident, minutes, opId, ...(note !== undefined ? { note } : {}) }));
  }

  /** A note on the incident's timeline (required, non-empty); the state does not change. */
  comment(incident: string, note: string): Promise<ResultFrame> {
    return this.#operate((opId) => ({ op: 'comment', incident, note, opId }));
  }

  /** A resolved incident back to open (duty officer); the note is the reason. */
  reopen(incident: string, note: string): Promise<ResultFrame> {
    return this.#operate((opId) => ({ op: 'reopen', incident, note, opId }));
  }

  /** Log an incident by hand (kind `manual`) at a point; the result carries the new incident. */
  create(incident: { readonly severity: IncidentSeverity; readonly title: string | { readonly vi: string; readonly en: string }; readonly position: readonly [number, number]; readonly note?: string }): Promise<ResultFrame> {
    const title = typeof incident.title === 'string' ? incident.title : { vi: incident.title.vi, en: incident.title.en };
    return this.#operate((opId) => ({
      op: 'create',
      opId,
      severity: incident.severity,
      title,
      geometry: { type: 'Point', coordinates: [incident.position[0], incident.position[1]] },
      ...(incident.note !== undefined && incident.note !== '' ? { note: incident.note } : {}),
    }));
  }

  /**
   * Send a replay, replay-stop or timeline request on the current connection now. Unlike operations they are not
   * queued: a replay belongs to one socket (the hub ends it when the socket closes), so the caller asks again after
   * a reconnect. Returns false when there is no welcomed connection or the frame is invalid (`errors$` says which).
   */
  request(frame: ReplayRequest): boolean {
    const socket = this.#socket;
    if (!socket || !this.#welcomed || socket.readyState !== WEB_SOCKET_STATE.open) return false;
    const checked = ClientFrame.safeParse(frame);
    if (!checked.success) {
      this.#report({ kind: 'invalid-frame', message: `invalid ${frame.op}: ${describeIssues(checked.error)}` });
      return false;
    }
    this.#send(socket, checked.data);
    return true;
  }

  /** Stop for good: close the socket (1000), cancel timers, reject pending operations, complete every stream. */
  close(): void {
    if (this.#status.value === 'closed') return;
    this.#finish('closed');
    for (const subject of [
      this.#welcome,
      this.#snapshots,
      this.#events,
      this.#vehicles,
      this.#heartbeats,
      this.#results,
      this.#errors,
      this.#pendingList,
      this.#replay,
      this.#replayVehicles,
    ]) {
      subject.complete();
    }
    this.#hub.complete();
    this.#status.complete();
  }

  #operate(build: (opId: string) => OperationFrame): Promise<ResultFrame> {
    if (this.#final) return Promise.reject(new Error(`hub connection is ${this.#status.value}`));
    const frame = build(this.#newOpId());
    const checked = ClientFrame.safeParse(frame);
    if (!checked.success) return Promise.reject(new Error(`invalid ${frame.op}: ${describeIssues(checked.error)}`));
    return new Promise<ResultFrame>((resolve, reject) => {
      this.#pending.set(frame.opId, { frame, queuedAt: this.#scheduler.now(), sentOn: 0, resolve, reject });
      this.#publishPending();
      this.#flushOperations();
    });
  }

  #newOpId(): string {
    const word = (): string => Math.floor(Math.min(Math.max(this.#random(), 0), 0.999_999_999) * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
    this.#operationCounter += 1;
    return `op-${word()}${word()}-${this.#operationCounter.toString(36)}`;
  }

  #publishPending(): void {
    this.#pendingList.next([...this.#pending.values()].map(({ frame, queuedAt }) => ({ frame, queuedAt })));
  }

  /** Send what this connection has not sent yet, at most OPERATIONS_PER_SECOND per window; the rest follows. */
  #flushOperations(): void {
    const socket = this.#socket;
    if (!socket || !this.#welcomed) return;
    const now = this.#scheduler.now();
    if (now - this.#operationWindowStart >= OPERATION_WINDOW_MS) {
      this.#operationWindowStart = now;
      this.#operationWindowCount = 0;
    }
    for (const entry of this.#pending.values()) {
      if (entry.sentOn === this.#connectionId) continue;
      if (this.#operationWindowCount >= OPERATIONS_PER_SECOND) {
        this.#scheduleOperationFlush(this.#operationWindowStart + OPERATION_WINDOW_MS - now);
        return;
      }
      this.#send(socket, entry.frame);
      entry.sentOn = this.#connectionId;
      this.#operationWindowCount += 1;
    }
  }

  #scheduleOperationFlush(delayMs: number): void {
    if (this.#operationTimer) return;
    this.#operationTimer = this.#scheduler.schedule(() => {
      this.#operationTimer = null;
      this.#flushOperations();
    }, Math.max(0, delayMs));
  }

  // ── connection lifecycle ────────────────────────────────────────────────────────────────────────────────────
  #connect(): void {
    this.#reconnectTimer = null;
    if (this.#final) return;
    this.#connectionId += 1;
    this.#welcomed = false;
    this.#violated = false;
    this.#authRefused = false;
    this.#stats.attempts += 1;
    this.#attemptStartedAt = this.#scheduler.now();
    const url = this.#urls[this.#urlIndex] ?? this.#urls[0] ?? '';
    this.#hub.next(url);
    let socket: WebSocketLike;
    try {
      socket = new this.#WebSocketCtor(url);
      socket.binaryType = 'arraybuffer';
    } catch (error) {
      this.#report({ kind: 'socket-error', message: `cannot open ${url}: ${messageOf(error)}` });
      this.#disconnected();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      if (socket === this.#socket) this.#send(socket, { op: 'hello', token: this.#token, client: this.#client });
    };
    socket.onmessage = (event) => {
      if (socket === this.#socket) this.#onMessage(event.data);
    };
    socket.onerror = (event) => {
      // A close event always follows; reconnecting is its job.
      if (socket === this.#socket) this.#report({ kind: 'socket-error', message: messageOf(event) });
    };
    socket.onclose = (event) => {
      if (socket === this.#socket) this.#onClose(event.code, event.reason);
    };
    this.#armWatchdog();
  }

  #onClose(code: number, reason: string): void {
    this.#stats.lastCloseCode = code;
    this.#stats.lastCloseReason = reason;
    if (code === CLOSE_CODES.unauthorized || this.#authRefused) {
      this.#finish('unauthorized');
      return;
    }
    this.#disconnected();
  }

  /** Drop the current socket ourselves (gap, silent hub) and resume on a new one. */
  #drop(reason: string): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#release(socket, CLIENT_RESUME_CLOSE_CODE, reason);
    this.#socket = null;
    this.#disconnected();
  }

  /** The current socket is gone (or never came): schedule the next attempt. */
  #disconnected(): void {
    const socket = this.#socket;
    if (socket) this.#release(socket, CLIENT_RESUME_CLOSE_CODE, 'reconnecting');
    this.#socket = null;
    this.#cancelTimers();
    // A connection that worked resets the backoff; a failed attempt or a violating hub does not.
    if (this.#welcomed && !this.#violated) this.#attempt = 0;
    this.#welcomed = false;
    this.#stats.reconnects += 1;
    this.#setStatus('reconnecting');
    // With several hubs the next one is tried first; the backoff grows per round over all of them, so a lost hub
    // costs at most one short wait, while a province-wide outage does not turn into a storm of attempts.
    const hubs = this.#urls.length;
    this.#urlIndex = (this.#urlIndex + 1) % hubs;
    const delay = backoffDelayMs(Math.floor(this.#attempt / hubs), this.#random, this.#backoff);
    this.#attempt += 1;
    this.#reconnectTimer = this.#scheduler.schedule(() => this.#connect(), delay);
  }

  /** Final states: no more sockets, no more retries. */
  #finish(status: 'unauthorized' | 'closed'): void {
    this.#final = true;
    const socket = this.#socket;
    this.#socket = null;
    if (socket) this.#release(socket, CLOSE_CODES.normal, status === 'closed' ? 'client closed' : 'unauthorized');
    this.#cancelTimers();
    this.#reconnectTimer?.unsubscribe();
    this.#reconnectTimer = null;
    this.#welcomed = false;
    this.#setStatus(status);
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    if (pending.length > 0) this.#publishPending();
    for (const entry of pending) entry.reject(new Error(`hub connection ${status} before a result for ${entry.frame.opId}`));
  }

  /** Detach our handlers (keeping no-ops: `ws` throws on an 'error' event nobody listens to) and close. */
  #release(socket: WebSocketLike, code: number, reason: string): void {
    socket.onopen = ignore;
    socket.onmessage = ignore;
    socket.onerror = ignore;
    socket.onclose = ignore;
    if (socket.readyState === WEB_SOCKET_STATE.closing || socket.readyState === WEB_SOCKET_STATE.closed) return;
    try {
      socket.close(code, reason);
    } catch {
      // Already failing; nothing more to release.
    }
  }

  #cancelTimers(): void {
    this.#watchdog?.unsubscribe();
    this.#watchdog = null;
    this.#operationTimer?.unsubscribe();
    this.#operationTimer = null;
  }

  #setStatus(status: ConnectionStatus): void {
    if (this.#status.value !== status) this.#status.next(status);
  }

  /**
   * One timer per socket: before welcome it bounds the attempt, after welcome it fires when no frame arrived for
   * `missedHeartbeats` heartbeat periods (the hub sends one every 2 s, so silence means a dead peer or network).
   */
  #armWatchdog(): void {
    this.#watchdog?.unsubscribe();
    const delay = Math.max(0, this.#watchdogDeadline() - this.#scheduler.now());
    this.#watchdog = this.#scheduler.schedule(() => this.#onWatchdog(), delay);
  }

  #watchdogDeadline(): number {
    return this.#welcomed ? this.#lastFrameAt + this.#silenceLimitMs : this.#attemptStartedAt + this.#welcomeTimeoutMs;
  }

  #onWatchdog(): void {
    this.#watchdog = null;
    if (!this.#socket) return;
    if (this.#scheduler.now() < this.#watchdogDeadline()) {
      this.#armWatchdog();
      return;
    }
    const message = this.#welcomed
      ? `no frame from the hub for ${this.#silenceLimitMs} ms`
      : `no welcome within ${this.#welcomeTimeoutMs} ms`;
    this.#report({ kind: 'timeout', message });
    this.#drop(message);
  }

  #send(socket: WebSocketLike, frame: ClientFrame): void {
    if (socket.readyState !== WEB_SOCKET_STATE.open) return;
    try {
      socket.send(JSON.stringify(frame));
    } catch (error) {
      this.#report({ kind: 'socket-error', message: `send failed: ${messageOf(error)}` });
    }
  }

  #report(error: HubConnectionError): void {
    this.#errors.next(error);
  }

  // ── inbound ─────────────────────────────────────────────────────────────────────────────────────────────────
  #onMessage(data: unknown): void {
    this.#lastFrameAt = this.#scheduler.now();
    if (typeof data === 'string') {
      this.#onText(data);
      return;
    }
    this.#stats.binaryFrames += 1;
    const bytes = binaryOf(data);
    if (!bytes) {
      this.#invalidVehicleFrame('binary frame is neither an ArrayBuffer nor a typed array (binaryType not arraybuffer?)');
      return;
    }
    if (!this.#welcomed) {
      this.#invalidVehicleFrame('binary frame before welcome');
      return;
    }
    let frame: VehicleFrame;
    try {
      frame = decodeVehicleFrame(bytes);
    } catch (error) {
      this.#invalidVehicleFrame(messageOf(error));
      return;
    }
    if (frame.replaySlot !== 0) {
      this.#replayVehicles.next(frame);
      return;
    }
    const last = this.#lastVehicle;
    if (last && last.epoch === frame.epoch && frame.seq > last.seq + 1) {
      this.#stats.vehicleFramesSkipped += frame.seq - last.seq - 1;
    }
    this.#lastVehicle = { epoch: frame.epoch, seq: frame.seq };
    this.#vehicles.next(frame);
  }

  #onText(text: string): void {
    this.#stats.textFrames += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.#invalidFrame('frame is not valid JSON');
      return;
    }
    const parsed = HubFrame.safeParse(value);
    if (!parsed.success) {
      this.#invalidFrame(describeIssues(parsed.error));
      return;
    }
    const frame = parsed.data;
    if (frame.type === 'error') {
      this.#onHubError(frame);
      return;
    }
    if (frame.type === 'welcome') {
      if (this.#welcomed) this.#invalidFrame('a second welcome');
      else this.#onWelcome(frame);
      return;
    }
    if (!this.#welcomed) {
      this.#invalidFrame(`"${frame.type}" before welcome`);
      return;
    }
    switch (frame.type) {
      case 'snapshot':
        this.#onSnapshot(frame);
        return;
      case 'events':
        this.#onEvents(frame);
        return;
      case 'heartbeat':
        this.#heartbeats.next(frame);
        return;
      case 'result':
        this.#onResult(frame);
        return;
      case 'replay-snapshot':
      case 'replay-events':
      case 'replay-end':
      case 'timeline':
        this.#replay.next(frame);
        return;
      case 'subscribed':
      case 'pong':
        return;
    }
  }

  #invalidFrame(message: string): void {
    this.#stats.invalidFrames += 1;
    this.#report({ kind: 'invalid-frame', message });
  }

  #invalidVehicleFrame(message: string): void {
    this.#stats.invalidVehicleFrames += 1;
    this.#report({ kind: 'invalid-vehicle-frame', message, feed: 'vehicles' });
  }

  #onWelcome(frame: WelcomeFrame): void {
    const socket = this.#socket;
    if (!socket) return;
    this.#welcomed = true;
    this.#stats.welcomes += 1;
    const heartbeatMs = frame.limits['heartbeatMs'];
    this.#silenceLimitMs = this.#missedHeartbeats * (heartbeatMs !== undefined && heartbeatMs > 0 ? heartbeatMs : LIMITS.heartbeatMs);
    this.#armWatchdog();
    if (this.#feeds.length > 0) this.#send(socket, this.#subscribeFrame());
    this.#operationWindowStart = Number.NEGATIVE_INFINITY;
    this.#setStatus('open');
    this.#welcome.next(frame);
    this.#flushOperations();
  }

  #subscribeFrame(): SubscribeFrame {
    const since: NonNullable<SubscribeFrame['since']> = {};
    let resuming = false;
    for (const feed of this.#feeds) {
      if (!isLoggedFeed(feed)) continue;
      const position = this.#positions.get(feed);
      if (!position) continue;
      since[feed] = { epoch: position.epoch, seq: position.seq };
      resuming = true;
    }
    return { op: 'subscribe', feeds: [...this.#feeds], ...(resuming ? { since } : {}) };
  }

  #onSnapshot(frame: SnapshotFrame): void {
    const feed = frame.feed;
    if (!isLoggedFeed(feed)) {
      this.#invalidFrame('snapshot for vehicles, which is not logged');
      return;
    }
    this.#positions.set(feed, { epoch: frame.epoch, seq: frame.seq });
    this.#snapshots.next({ feed, epoch: frame.epoch, seq: frame.seq, reason: frame.reason, state: frame.state });
  }

  /** Apply only what continues the position exactly (PROTOCOL §4 guarantee); anything else drops the socket. */
  #onEvents(frame: EventsFrame): void {
    const feed = frame.feed;
    if (!isLoggedFeed(feed)) {
      this.#invalidFrame('events for vehicles, which is not logged');
      return;
    }
    const position = this.#positions.get(feed);
    const problem = continuityProblem(position, frame);
    if (problem !== null) {
      this.#stats.seqViolations += 1;
      this.#violated = true;
      this.#report({ kind: 'seq-violation', feed, message: problem });
      this.#drop(`protocol violation on ${feed}`);
      return;
    }
    const last = frame.items[frame.items.length - 1];
    if (!last) return;
    this.#positions.set(feed, { epoch: frame.epoch, seq: last.seq });
    this.#events.next({ feed, epoch: frame.epoch, items: frame.items, replay: frame.replay === true });
  }

  #onResult(frame: ResultFrame): void {
    const entry = this.#pending.get(frame.opId);
    if (entry) {
      this.#pending.delete(frame.opId);
      this.#publishPending();
      entry.resolve(frame);
    }
    this.#results.next(frame);
  }

  #onHubError(frame: ErrorFrame): void {
    this.#stats.hubErrors += 1;
    this.#report({ kind: 'hub-error', code: frame.code, message: frame.message });
    if (frame.code === 'unauthorized' || (frame.code === 'forbidden' && !this.#welcomed)) {
      this.#authRefused = true;
      return;
    }
    if (frame.code === 'rate-limited') {
      // Some frames were dropped, perhaps operations: send every pending one again after a second (idempotent).
      for (const entry of this.#pending.values()) entry.sentOn = 0;
      this.#scheduleOperationFlush(OPERATION_WINDOW_MS);
    }
  }
}

/** Why `frame` does not continue `position`, or null when it does (seqs position.seq + 1, + 2, … in one epoch). */
function continuityProblem(position: FeedPosition | undefined, frame: EventsFrame): string | null {
  if (!position) return `events for ${frame.feed} before any snapshot or resume point`;
  if (frame.epoch !== position.epoch) {
    return `events for ${frame.feed} in epoch ${frame.epoch} while at ${position.epoch} (an epoch change needs a snapshot)`;
  }
  let expected = position.seq + 1;
  for (const item of frame.items) {
    if (item.seq !== expected) {
      return `${frame.feed}: expected seq ${expected}, received ${item.seq}`;
    }
    expected += 1;
  }
  return null;
}

function binaryOf(data: unknown): ArrayBuffer | Uint8Array | null {
  if (data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string') {
    return value.message || 'WebSocket error';
  }
  return typeof value === 'string' ? value : 'WebSocket error';
}
