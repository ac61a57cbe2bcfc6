import type { ConsoleBridge } from '../../feeds/bridge/bridge-contract.js';

/**
 * Report painted frames to the host's watchdog, at most once a second, from requestAnimationFrame: if the page stops
 * painting (a hung script, a lost GPU context), the reports stop and main reloads the window.
 */
export function startFrameReports(bridge: ConsoleBridge): { readonly count: () => number; readonly stop: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let reported = 0;
  let stopped = false;
  const loop = (time: number): void => {
    if (stopped) return;
    if (time - last >= 1000) {
      last = time;
      reported++;
      bridge.reportFrame();
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  // A wall that failed to start paints an error, not the wall: it must stop reporting so the watchdog heals it.
  return { count: () => reported, stop: () => (stopped = true) };
}
