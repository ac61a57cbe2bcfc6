import { filter, firstValueFrom, map, race, timer, type Observable } from 'rxjs';
import type { TimelineResultFrame } from '../protocol/frames.js';
import type { ReplayHubFrame, ReplayRequest } from './hub-connection.js';

/** What the time bar needs of a HubConnection to ask for the timeline. */
export interface TimelineConnection {
  readonly replay$: Observable<ReplayHubFrame>;
  request(frame: ReplayRequest): boolean;
}

let counter = 0;

/**
 * Ask the hub for each feed's head seq once a minute between `from` and `to` (PROTOCOL §11 `timeline`): what the
 * time bar draws as activity. Resolves with the frame (its `error` set when the hub refused), or null when not
 * connected or no answer came within `timeoutMs`.
 */
export async function requestTimeline(connection: TimelineConnection, from: number, to: number, timeoutMs = 10_000): Promise<TimelineResultFrame | null> {
  counter += 1;
  const requestId = `timeline-${counter.toString(36)}`;
  const answer = firstValueFrom(
    race(
      connection.replay$.pipe(
        filter((frame): frame is TimelineResultFrame => frame.type === 'timeline' && frame.requestId === requestId),
        map((frame): TimelineResultFrame | null => frame),
      ),
      timer(timeoutMs).pipe(map(() => null)),
    ),
    { defaultValue: null },
  );
  if (!connection.request({ op: 'timeline', requestId, from: Math.max(0, Math.round(from)), to: Math.max(0, Math.round(to)) })) return null;
  return answer;
}

/** Items per minute of one feed from its marks ([[minute, head seq], …] oldest first): [minute, items] pairs. */
export function activityPerMinute(marks: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < marks.length; i++) {
    const previous = marks[i - 1];
    const current = marks[i];
    if (!previous || !current) continue;
    // A seq that went down is a new epoch (log reset): no count for that minute rather than a negative one.
    out.push([current[0], Math.max(0, current[1] - previous[1])]);
  }
  return out;
}
