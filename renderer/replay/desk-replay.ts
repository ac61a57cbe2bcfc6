import { distinctUntilChanged, filter, first, interval, map } from 'rxjs';
import type { HubConnection } from '../../feeds/client/hub-connection.js';
import { REPLAY_SPEEDS, REPLAY_WINDOW_MS, ReplaySession, type ReplayFeedFrame } from '../../feeds/client/replay-session.js';
import { activityPerMinute, requestTimeline } from '../../feeds/client/timeline-request.js';
import { FEED_NAMES } from '../../feeds/protocol/feed-names.js';
import type { VehicleFrame } from '../../feeds/protocol/vehicle-frame.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import type { I18n } from '../i18n/i18n.js';
import { ReplayBanner } from './replay-banner.js';
import { parseReplayAt } from './replay-at.js';
import { TimeBar, type IncidentMark } from './time-bar.js';

export interface DeskReplayWiring {
  readonly connection: HubConnection;
  readonly i18n: I18n;
  /** Where the time bar goes (along the bottom of the desk). */
  readonly timeBarSlot: HTMLElement;
  /** The banner across the top of the map. */
  readonly banner: HTMLElement;
  /** Gets `data-replay` while replaying (the whole desk is marked, not just the map). */
  readonly root: HTMLElement;
  /** The `?at=` of the page's URL, or null. */
  readonly at: string | null;
  /** Replaying started (true) or the desk is live again (false). */
  onMode(replaying: boolean): void;
  /** A replayed feed's state changed (at most once per animation frame per feed). */
  onFrame(frame: ReplayFeedFrame): void;
  onVehicles(frame: VehicleFrame | null): void;
}

export interface DeskReplay {
  readonly session: ReplaySession;
  /** Replay from `at`, playing or paused. */
  seek(at: number, playing: boolean): void;
  live(): void;
  /** Keys of the time bar (documented in the help dialog). */
  readonly shortcuts: Readonly<Record<string, () => void>>;
  setIncidents(marks: readonly IncidentMark[]): void;
}

const TIMELINE_EVERY_MS = 60_000;
const CLOCK_EVERY_MS = 250;

/**
 * The desk's time machine (issue 12): a ReplaySession on the page's connection, the time bar, the banner and the
 * keys. Replayed states reach the desk through `onFrame` collapsed to animation frames; the live pipelines keep
 * running underneath, so "Trực tiếp / Live" shows the current state at once.
 */
export function mountDeskReplay(wiring: DeskReplayWiring): DeskReplay {
  const { connection, i18n } = wiring;
  const session = new ReplaySession(connection, { feeds: FEED_NAMES, reducers: REDUCERS, idPrefix: `desk-${Math.floor(Math.random() * 36 ** 4).toString(36)}` });
  let speed: number = REPLAY_SPEEDS[2];

  const seek = (at: number, playing: boolean): void => {
    session.setSpeed(speed);
    session.seek(at, playing);
  };
  const live = (): void => session.goLive();
  const setSpeed = (next: number): void => {
    speed = next;
    timeBar.setSpeed(next);
    if (session.active) session.setSpeed(next);
  };
  const togglePlay = (): void => {
    if (!session.active) seek(Date.now() - 3_600_000, true);
    else if (session.status?.phase === 'ended') seek(session.clock() - 3_600_000, true);
    else session.toggle();
  };
  const shiftSpeed = (by: number): void => {
    const index = REPLAY_SPEEDS.indexOf(speed as (typeof REPLAY_SPEEDS)[number]);
    const next = REPLAY_SPEEDS[Math.min(Math.max(index + by, 0), REPLAY_SPEEDS.length - 1)];
    if (next !== undefined) setSpeed(next);
  };

  const timeBar = new TimeBar(i18n, {
    seek: (at) => seek(at, session.active ? session.status?.playing === true : false),
    togglePlay,
    step: (deltaMs) => session.step(deltaMs),
    setSpeed,
    live,
  });
  wiring.timeBarSlot.replaceChildren(timeBar.element);
  const banner = new ReplayBanner(wiring.banner, i18n, live);

  // Status: the banner, the bar, the desk's mode.
  let replaying = false;
  session.status$.subscribe((status) => {
    banner.update(status);
    timeBar.update(status, Date.now());
    wiring.root.dataset['replay'] = status ? status.phase : 'live';
    if ((status !== null) !== replaying) {
      replaying = status !== null;
      wiring.onMode(replaying);
    }
  });
  interval(CLOCK_EVERY_MS).subscribe(() => {
    const status = session.status;
    const current = status ? { ...status, clock: session.clock() } : null;
    timeBar.update(current, Date.now());
    if (current) banner.update(current);
  });

  // Replayed frames: the latest per feed, handed over once per animation frame.
  const latest = new Map<string, ReplayFeedFrame>();
  let vehicles: { frame: VehicleFrame | null } | null = null;
  let flushPending = false;
  const flush = (): void => {
    flushPending = false;
    if (!session.active) {
      latest.clear();
      vehicles = null;
      return;
    }
    for (const frame of latest.values()) wiring.onFrame(frame);
    latest.clear();
    if (vehicles) wiring.onVehicles(vehicles.frame);
    vehicles = null;
  };
  const scheduleFlush = (): void => {
    if (flushPending) return;
    flushPending = true;
    requestAnimationFrame(flush);
  };
  session.frames$.subscribe((frame) => {
    latest.set(frame.feed, frame);
    scheduleFlush();
  });
  session.vehicles$.subscribe((frame) => {
    vehicles = { frame };
    scheduleFlush();
  });

  // The timeline (activity per minute and how far back replay reaches), now and every minute while connected.
  const refreshTimeline = (): void => {
    const now = Date.now();
    requestTimeline(connection, now - REPLAY_WINDOW_MS, now)
      .then((timeline) => {
        if (!timeline || timeline.error) return;
        const activity: Record<string, [number, number][]> = {};
        for (const [feed, marks] of Object.entries(timeline.marks)) activity[feed] = activityPerMinute(marks);
        timeBar.setTimeline(timeline.oldest, activity);
      })
      .catch((error: unknown) => console.warn('timeline request failed', error));
  };
  connection.status$.pipe(map((status) => status === 'open'), distinctUntilChanged(), filter(Boolean)).subscribe(() => refreshTimeline());
  interval(TIMELINE_EVERY_MS).subscribe(() => refreshTimeline());

  // ?at=: replay that moment (paused on it) once connected; a value that is not a time is said, and the desk stays live.
  if (wiring.at !== null) {
    const at = parseReplayAt(wiring.at);
    if (at === null) banner.showNotice(i18n.t('replayBadAt', { value: wiring.at }));
    else {
      connection.status$.pipe(first((status) => status === 'open')).subscribe(() => seek(at, false));
    }
  }

  return {
    session,
    seek,
    live,
    setIncidents: (marks) => timeBar.setIncidents(marks),
    shortcuts: {
      ' ': togglePlay,
      ArrowLeft: () => session.step(-60_000),
      ArrowRight: () => session.step(60_000),
      '[': () => shiftSpeed(-1),
      ']': () => shiftSpeed(1),
      End: live,
    },
  };
}
