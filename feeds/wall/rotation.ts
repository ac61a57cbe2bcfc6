import { ownValue } from '../protocol/own-record.js';
import type { Playlist, WallConfig } from './wall-config-schema.js';
import { DAY_MS, instantOfLocal, localMs, mod, parseTimeOfDay } from '../time/zoned-time.js';

/**
 * Which layout a wall shows at an instant, computed from the clock alone: no timer chain to die, no state to drift.
 * The renderer simply asks again every half second (and after a reload or a sleep it lands on the right item).
 *
 * - A playlist with a schedule is shown inside its window; outside it, its `otherwise` playlist (followed further
 *   if that one is scheduled too).
 * - The shown playlist runs from its first item at the moment it became the shown one (the last schedule boundary
 *   where the answer changed); a playlist never switched by a schedule is anchored at the Unix epoch, so every
 *   display with the same playlist shows the same item, and midnight is not a boundary.
 */
export type WallSource = { readonly layout: string } | { readonly playlist: string };

export interface RotationState {
  /** The playlist being shown (after schedules), or null for a fixed layout. */
  readonly playlist: string | null;
  /** Index of the item in that playlist (0 for a fixed layout). */
  readonly index: number;
  readonly layout: string;
  /** When the current item started. */
  readonly since: number;
  /** Until the next change (next item or schedule switch); Infinity for a fixed layout. */
  readonly msUntilNext: number;
}

type Playlists = WallConfig['playlists'];

/** A name from the URL or the config ("constructor" is a valid one): own keys only, never Object.prototype's. */
function playlistNamed(playlists: Playlists, name: string): Playlist | undefined {
  return ownValue(playlists, name);
}

/** The playlist shown at `now` for a requested one, following `otherwise` links out of schedule windows. */
export function scheduledPlaylist(playlists: Playlists, timeZone: string, requested: string, now: number): string {
  const timeOfDay = mod(localMs(timeZone, now), DAY_MS);
  let name = requested;
  // The schema refuses loops; the bound is a second line of defence.
  for (let hops = 0; hops <= Object.keys(playlists).length; hops++) {
    const schedule = playlistNamed(playlists, name)?.schedule;
    if (!schedule || inWindow(schedule.from, schedule.to, timeOfDay)) return name;
    name = schedule.otherwise;
  }
  return name;
}

function inWindow(from: string, to: string, timeOfDay: number): boolean {
  const start = (parseTimeOfDay(from) ?? 0) * 60_000;
  const end = (parseTimeOfDay(to) ?? 0) * 60_000;
  return start < end ? timeOfDay >= start && timeOfDay < end : timeOfDay >= start || timeOfDay < end;
}

/** Schedule boundary times of day (ms after local midnight) of every playlist reachable from `requested`. */
function boundaryTimes(playlists: Playlists, requested: string): number[] {
  const times = new Set<number>();
  let name: string | undefined = requested;
  for (let hops = 0; name !== undefined && hops <= Object.keys(playlists).length; hops++) {
    const schedule: Playlist['schedule'] = playlistNamed(playlists, name)?.schedule;
    if (!schedule) break;
    times.add(mod((parseTimeOfDay(schedule.from) ?? 0) * 60_000, DAY_MS));
    times.add(mod((parseTimeOfDay(schedule.to) ?? 0) * 60_000, DAY_MS));
    name = schedule.otherwise;
  }
  return [...times];
}

/** Boundary instants within two local days before (direction -1) or after (+1) `now`, nearest first. */
function boundariesAround(timeZone: string, times: readonly number[], now: number, direction: 1 | -1): number[] {
  const today = localMs(timeZone, now) - mod(localMs(timeZone, now), DAY_MS);
  const instants: number[] = [];
  for (const day of [-2, -1, 0, 1, 2]) {
    for (const time of times) {
      const instant = instantOfLocal(timeZone, today + day * DAY_MS + time);
      if (direction === -1 ? instant <= now : instant > now) instants.push(instant);
    }
  }
  return instants.sort((a, b) => (a - b) * direction);
}

/** The layout shown at `now` for a display's source (a fixed layout or a playlist). */
export function rotationAt(config: Pick<WallConfig, 'playlists' | 'timeZone'>, source: WallSource, now: number): RotationState {
  if ('layout' in source) return { playlist: null, index: 0, layout: source.layout, since: Number.NEGATIVE_INFINITY, msUntilNext: Number.POSITIVE_INFINITY };
  const { playlists, timeZone } = config;
  if (!playlistNamed(playlists, source.playlist)) throw new Error(`no playlist "${source.playlist}"`);
  const shown = scheduledPlaylist(playlists, timeZone, source.playlist, now);
  const playlist = playlistNamed(playlists, shown);
  if (!playlist) throw new Error(`no playlist "${shown}"`);

  const times = boundaryTimes(playlists, source.playlist);
  const changes = (instant: number): boolean =>
    scheduledPlaylist(playlists, timeZone, source.playlist, instant - 1) !== scheduledPlaylist(playlists, timeZone, source.playlist, instant);
  const anchor = boundariesAround(timeZone, times, now, -1).find(changes) ?? 0;
  const nextSwitch = boundariesAround(timeZone, times, now, 1).find(changes) ?? Number.POSITIVE_INFINITY;

  const durations = playlist.items.map((item) => Math.round(item.seconds * 1000));
  const period = durations.reduce((sum, ms) => sum + ms, 0);
  const position = mod(now - anchor, period);
  let start = 0;
  let index = 0;
  for (; index < durations.length - 1; index++) {
    const end = start + (durations[index] ?? 0);
    if (position < end) break;
    start = end;
  }
  const itemEnd = now - position + start + (durations[index] ?? 0);
  return {
    playlist: shown,
    index,
    layout: playlist.items[index]?.layout ?? '',
    since: Math.max(now - position + start, anchor),
    msUntilNext: Math.min(itemEnd, nextSwitch) - now,
  };
}
