import { asyncScheduler, interval, map, merge, mergeMap, share, takeUntil, last, type Observable, type OperatorFunction, type SchedulerLike } from 'rxjs';
import type { Detection, FeedRule } from './detection.js';

/** One committed feed item as a rule sees it; `at` defaults to the scheduler's clock when the item arrives. */
export interface RuleInput<D> {
  readonly data: D;
  readonly at?: number;
  readonly seq?: number;
}

/**
 * A rule as a stream operator: every item goes through `observe`, and `check` runs on the scheduler's clock every
 * `checkEveryMs` until the input completes. With a TestScheduler the time-window rules run on virtual time (marble
 * tests); the hub's engine calls the same rule objects directly from its one-second clock.
 */
export function detect<D>(rule: FeedRule<D>, checkEveryMs: number, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<RuleInput<D>, Detection> {
  return (source: Observable<RuleInput<D>>) => {
    const input = source.pipe(share());
    const done = input.pipe(last(undefined, null));
    return merge(
      input.pipe(mergeMap((item) => rule.observe(item.data, item.at ?? scheduler.now(), item.seq))),
      interval(checkEveryMs, scheduler).pipe(
        takeUntil(done),
        map(() => scheduler.now()),
        mergeMap((now) => rule.check(now)),
      ),
    );
  };
}
