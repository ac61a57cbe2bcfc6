import { BehaviorSubject, Subject, type Observable, type Subscription } from 'rxjs';
import { isLoggedFeed, type FeedDataMap, type FeedName, type LoggedFeed } from '../protocol/feed-names.js';
import type { Item } from '../protocol/frames.js';
import type { VehicleFrame } from '../protocol/vehicle-frame.js';
import type { FeedReducer } from '../state/feed-reducer.js';
import type { ConnectionStatus } from './hub-streams.js';
import type { ReplayHubFrame, ReplayRequest } from './hub-connection.js';

/** What a replay session needs of a HubConnection. */
export interface ReplayConnection {
  readonly replay$: Observable<ReplayHubFrame>;
  readonly replayVehicles$: Observable<VehicleFrame>;
  readonly status$: Observable<ConnectionStatus>;
  request(frame: ReplayRequest): boolean;
}

export type ReplayPhase =
  /** Asked for a moment; the snapshots have not all arrived. */
  | 'seeking'
  | 'playing'
  | 'paused'
  /** Played up to the end of the range (the moment the replay was started at + its span, or "now"). */
  | 'ended'
  /** The hub refused (not retained, forbidden, …) or the connection is down: `error` says which. */
  | 'error';

export interface ReplayStatus {
  readonly phase: ReplayPhase;
  /** The moment shown (ms since the epoch); moves while playing. */
  readonly clock: number;
  readonly speed: number;
  /** True when the user wants it playing (it resumes after a reconnect). */
  readonly playing: boolean;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** A feed's state as of the replay clock, in the shape of a live FeedStateFrame. */
export interface ReplayFeedFrame {
  readonly feed: LoggedFeed;
  readonly state: unknown;
  readonly seq: number;
  /** ts of the last item folded in, or null when none (the snapshot only). */
  readonly lastItemTs: number | null;
  readonly version: number;
}

export interface ReplaySessionOptions {
  readonly feeds: readonly FeedName[];
  readonly reducers: { readonly [F in LoggedFeed]: FeedReducer<F, unknown> };
  /** Wall clock (ms since the epoch). Default Date.now. */
  readonly now?: () => number;
  /** Id prefix, unique per page so replays of two tabs are told apart in hub logs. */
  readonly idPrefix?: string;
}

/** Speeds offered by the console's time bar (PROTOCOL §11 allows 0–3600). */
export const REPLAY_SPEEDS = [1, 10, 60, 600] as const;
/** How far back the hub keeps history by default (PROTOCOL §11): the time bar's span. */
export const REPLAY_WINDOW_MS = 24 * 3_600_000;
const TRIM_EVERY_MS = 60_000;

interface FeedReplayState {
  state: unknown;
  seq: number;
  lastItemTs: number | null;
  version: number;
  lastTrim: number;
}

/**
 * The console's time machine over the hub's log (docs/PROTOCOL.md §11): one replay at a time on the page's
 * connection. A seek asks for the state at a moment (replay-snapshot per feed) and, when playing, the items after it
 * paced at `speed`× real time; they are folded with the same reducers as the live pipelines, so a replayed state has
 * the live shape. Pausing stops the hub's replay and keeps the folded state; playing again starts a new replay at the
 * paused moment. Frames of an earlier replay (a seek overtaken by the next) are ignored by replayId.
 *
 * The clock is the moment the snapshots were taken plus real time × speed, held at the range's end; the items the
 * hub paces by the same rule arrive as the clock passes them.
 */
export class ReplaySession {
  readonly #connection: ReplayConnection;
  readonly #options: ReplaySessionOptions;
  readonly #now: () => number;
  readonly #status = new BehaviorSubject<ReplayStatus | null>(null);
  readonly #frames = new Subject<ReplayFeedFrame>();
  readonly #vehicles = new Subject<VehicleFrame | null>();
  readonly #feeds = new Map<LoggedFeed, FeedReplayState>();
  readonly #subscriptions: Subscription[] = [];
  /** Null while live. */
  #replayId: string | null = null;
  #counter = 0;
  #vehicleSlot = -1;
  #snapshotsWanted = 0;
  #snapshotsSeen = 0;
  /** The clock at #anchorReal (real time) and the end of the current range. */
  #anchorClock = 0;
  #anchorReal = 0;
  #until = 0;
  #speed: number = REPLAY_SPEEDS[2];
  #playing = false;
  #phase: ReplayPhase = 'paused';
  #error: ReplayStatus['error'] = null;
  #connected = false;

  /** Null while the console is live; otherwise where the replay stands. */
  readonly status$: Observable<ReplayStatus | null>;
  /** Every change of a replayed feed's state (not throttled: the renderer collapses them per frame). */
  readonly frames$: Observable<ReplayFeedFrame>;
  /** The vehicle keyframe at or before the clock (null: none kept for that moment). */
  readonly vehicles$: Observable<VehicleFrame | null>;

  constructor(connection: ReplayConnection, options: ReplaySessionOptions) {
    this.#connection = connection;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.status$ = this.#status.asObservable();
    this.frames$ = this.#frames.asObservable();
    this.vehicles$ = this.#vehicles.asObservable();
    this.#subscriptions.push(
      connection.replay$.subscribe((frame) => this.#onFrame(frame)),
      connection.replayVehicles$.subscribe((frame) => {
        if (this.#replayId !== null && frame.replaySlot === this.#vehicleSlot) this.#vehicles.next(frame);
      }),
      connection.status$.subscribe((status) => this.#onStatus(status)),
    );
  }

  get active(): boolean {
    return this.#replayId !== null;
  }

  get status(): ReplayStatus | null {
    return this.#status.value;
  }

  /** The moment shown now (while live: the wall clock). */
  clock(): number {
    if (this.#replayId === null) return this.#now();
    if (this.#phase !== 'playing') return this.#anchorClock;
    return Math.min(this.#until, this.#anchorClock + (this.#now() - this.#anchorReal) * this.#speed);
  }

  /** The state of a feed as replayed so far (undefined before its snapshot). */
  state(feed: LoggedFeed): ReplayFeedFrame | undefined {
    const entry = this.#feeds.get(feed);
    return entry ? { feed, state: entry.state, seq: entry.seq, lastItemTs: entry.lastItemTs, version: entry.version } : undefined;
  }

  /** Show the moment `at` (ms), playing from there or paused on it. Entering replay from live too. */
  seek(at: number, playing = this.#replayId === null ? false : this.#playing): void {
    this.#playing = playing;
    this.#start(Math.min(Math.round(at), this.#now()));
  }

  play(): void {
    if (this.#replayId === null) return;
    if (this.#phase === 'ended') return;
    this.#playing = true;
    this.#start(this.clock());
  }

  pause(): void {
    if (this.#replayId === null || !this.#playing) return;
    const clock = this.clock();
    this.#playing = false;
    this.#stopRunning();
    // Items of the stopped replay still on the wire must not move the paused state past the clock.
    this.#replayId = `${this.#replayId}:paused`;
    this.#anchorClock = clock;
    this.#phase = 'paused';
    this.#publish();
  }

  toggle(): void {
    if (this.#playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed <= 0 || speed > 3600) throw new RangeError(`replay speed ${speed} is not in (0, 3600]`);
    this.#speed = speed;
    if (this.#replayId !== null && this.#playing && this.#phase === 'playing') this.#start(this.clock());
    else this.#publish();
  }

  /** Move the clock by `deltaMs` (±1 min from the keyboard), keeping play/pause. */
  step(deltaMs: number): void {
    if (this.#replayId === null) return;
    this.seek(this.clock() + deltaMs, this.#playing);
  }

  /** Back to live: the running replay is stopped and the status becomes null. */
  goLive(): void {
    this.#stopRunning();
    this.#replayId = null;
    this.#playing = false;
    this.#feeds.clear();
    this.#error = null;
    this.#status.next(null);
  }

  dispose(): void {
    this.goLive();
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#status.complete();
    this.#frames.complete();
    this.#vehicles.complete();
  }

  #start(at: number): void {
    this.#stopRunning();
    this.#counter += 1;
    const replayId = `${this.#options.idPrefix ?? 'desk'}-${this.#counter.toString(36)}`;
    this.#replayId = replayId;
    this.#feeds.clear();
    this.#vehicleSlot = -1;
    this.#snapshotsWanted = this.#options.feeds.length;
    this.#snapshotsSeen = 0;
    this.#anchorClock = at;
    this.#anchorReal = this.#now();
    // Played: up to now (the hub keeps only what it logged). Paused: the snapshot at `at` alone.
    this.#until = this.#playing ? Math.max(at, this.#now()) : at;
    this.#error = null;
    this.#phase = 'seeking';
    const sent = this.#connection.request({
      op: 'replay',
      replayId,
      at,
      until: this.#until,
      speed: this.#playing ? this.#speed : 0,
      feeds: [...this.#options.feeds],
    });
    if (!sent) this.#fail({ code: 'offline', message: 'not connected to the hub' });
    else this.#publish();
  }

  #stopRunning(): void {
    const replayId = this.#replayId;
    if (replayId !== null && (this.#phase === 'seeking' || this.#phase === 'playing')) {
      this.#connection.request({ op: 'replay-stop', replayId });
    }
  }

  #fail(error: { code: string; message: string }): void {
    this.#error = error;
    this.#phase = 'error';
    this.#publish();
  }

  #publish(): void {
    if (this.#replayId === null) return;
    this.#status.next({ phase: this.#phase, clock: this.clock(), speed: this.#speed, playing: this.#playing, error: this.#error });
  }

  #onStatus(status: ConnectionStatus): void {
    const wasConnected = this.#connected;
    this.#connected = status === 'open';
    if (this.#replayId === null) return;
    if (wasConnected && !this.#connected) {
      // The hub ends a replay with its socket: hold the moment, ask again once welcomed.
      const clock = this.clock();
      this.#anchorClock = clock;
      this.#fail({ code: 'offline', message: 'connection to the hub lost' });
    } else if (!wasConnected && this.#connected && this.#phase === 'error' && this.#error?.code === 'offline') {
      this.#start(this.#anchorClock);
    }
  }

  #onFrame(frame: ReplayHubFrame): void {
    if (frame.type === 'timeline' || this.#replayId === null || frame.replayId !== this.#replayId) return;
    if (frame.type === 'replay-snapshot') {
      this.#onSnapshot(frame.feed, frame.seq, frame.state);
      return;
    }
    if (frame.type === 'replay-events') {
      if (isLoggedFeed(frame.feed)) this.#onItems(frame.feed, frame.items);
      return;
    }
    // replay-end
    if (!frame.ok) {
      this.#fail(frame.error ?? { code: 'error', message: 'replay refused' });
      return;
    }
    if (frame.reason === 'done' && this.#phase !== 'paused') {
      this.#anchorClock = this.#playing ? this.#until : this.#anchorClock;
      this.#phase = this.#playing ? 'ended' : 'paused';
      this.#playing = false;
      this.#publish();
    }
  }

  #onSnapshot(feed: FeedName, seq: number, state: unknown): void {
    if (feed === 'vehicles') {
      const slot = vehicleSlot(state);
      this.#vehicleSlot = slot?.slot ?? -1;
      if (!slot || slot.keyframeTs === null) this.#vehicles.next(null);
    } else {
      const entry: FeedReplayState = { state, seq, lastItemTs: null, version: 1, lastTrim: this.#anchorClock };
      this.#feeds.set(feed, entry);
      this.#emit(feed, entry);
    }
    this.#snapshotsSeen += 1;
    if (this.#snapshotsSeen === this.#snapshotsWanted && this.#phase === 'seeking') {
      // Every feed shows `at`: from now on the clock runs (the hub paces the items from here too).
      this.#anchorReal = this.#now();
      this.#phase = this.#playing ? 'playing' : 'paused';
      this.#publish();
    }
  }

  #onItems<F extends LoggedFeed>(feed: F, items: readonly Item[]): void {
    const entry = this.#feeds.get(feed);
    if (!entry) return;
    const reducer = this.#options.reducers[feed] as FeedReducer<F, unknown>;
    for (const item of items) {
      if (item.seq <= entry.seq) continue;
      // The hub validated `data` against the feed's schema before logging it (feeds/protocol/feed-data.ts).
      reducer.fold(entry.state, item.data as FeedDataMap[F], item.ts, item.seq);
      entry.seq = item.seq;
      entry.lastItemTs = item.ts;
    }
    const at = entry.lastItemTs ?? this.#anchorClock;
    if (reducer.trim && at - entry.lastTrim >= TRIM_EVERY_MS) {
      // Trimmed by the replayed moment, not the wall clock: alerts of 08:00 are not "an hour old" at 08:15.
      reducer.trim(entry.state, at);
      entry.lastTrim = at;
    }
    entry.version += 1;
    this.#emit(feed, entry);
  }

  #emit(feed: LoggedFeed, entry: FeedReplayState): void {
    this.#frames.next({ feed, state: entry.state, seq: entry.seq, lastItemTs: entry.lastItemTs, version: entry.version });
  }
}

function vehicleSlot(state: unknown): { slot: number; keyframeTs: number | null } | null {
  if (typeof state !== 'object' || state === null) return null;
  const slot = (state as Record<string, unknown>)['slot'];
  const keyframeTs = (state as Record<string, unknown>)['keyframeTs'];
  if (typeof slot !== 'number') return null;
  return { slot, keyframeTs: typeof keyframeTs === 'number' ? keyframeTs : null };
}
