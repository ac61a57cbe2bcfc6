import { LOGGED_FEEDS } from '../../protocol/feed-names.js';
import type { ReplayFrame } from '../../protocol/frames.js';
import { ReplayRun, type ReplayDeps, type ReplaySink } from './replay-run.js';
import { oldestAvailable } from './replay-state.js';

/** The hub's replay: the log, the replay history and the reducers a ReplayRun folds with. */
export class ReplayService {
  readonly #deps: ReplayDeps;

  constructor(deps: ReplayDeps) {
    this.#deps = deps;
  }

  start(frame: ReplayFrame, sink: ReplaySink, slot: number): ReplayRun {
    return new ReplayRun(frame, this.#deps, sink, slot);
  }

  /** The time bar's data (docs/PROTOCOL.md §11): per-minute seq marks and the oldest replayable moment. */
  async timeline(from: number, to: number): Promise<{ oldest: number | null; marks: Record<string, [number, number][]> }> {
    const marks: Record<string, [number, number][]> = Object.create(null) as Record<string, [number, number][]>;
    for (const mark of await this.#deps.history.seqMarks(from, to)) (marks[mark.feed] ??= []).push([mark.ts, mark.seq]);
    let oldest: number | null = null;
    for (const feed of LOGGED_FEEDS) {
      const feedOldest = await oldestAvailable(feed, this.#deps.log, this.#deps.history);
      if (feedOldest !== null) oldest = oldest === null ? feedOldest : Math.max(oldest, feedOldest);
    }
    return { oldest, marks };
  }
}
