import type { ReplayFrame } from '../../protocol/frames.js';
import { ReplayRun, type ReplayDeps, type ReplaySink } from './replay-run.js';

/** The hub's replay: the log, the replay history and the reducers a ReplayRun folds with. */
export class ReplayService {
  readonly #deps: ReplayDeps;

  constructor(deps: ReplayDeps) {
    this.#deps = deps;
  }

  start(frame: ReplayFrame, sink: ReplaySink, slot: number): ReplayRun {
    return new ReplayRun(frame, this.#deps, sink, slot);
  }
}
