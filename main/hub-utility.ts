/**
 * Entry of the embedded hub's Electron utility process (a Node process without a window). Main sends
 * `{type:'start', args}`; this runs the same `runHub` as `npm run hub` and answers `{type:'ready', url}` or
 * `{type:'failed', message}`. Keeping the hub out of the main process means a hub crash (or a blocking SQLite call)
 * never freezes the window, and main can restart it.
 */
import { runHub, type RunningHub } from '../feeds/hub/run-hub.js';
import { isHubUtilityRequest, type HubUtilityReply } from './hub-utility-messages.js';

const port = process.parentPort;
let running: RunningHub | null = null;
let stopping = false;

function reply(message: HubUtilityReply): void {
  port.postMessage(message);
}

function stopAndExit(code: number): void {
  if (stopping) return;
  stopping = true;
  const hub = running;
  running = null;
  (hub ? hub.stop() : Promise.resolve()).then(
    () => process.exit(code),
    (error: unknown) => {
      console.error('hub: error while stopping', error);
      process.exit(1);
    },
  );
}

port.on('message', (event) => {
  const request: unknown = event.data;
  if (!isHubUtilityRequest(request)) {
    console.warn('hub utility: ignored an unknown message from main');
    return;
  }
  if (request.type === 'stop') {
    stopAndExit(0);
    return;
  }
  if (running || stopping) return;
  runHub(request.args).then(
    (hub) => {
      running = hub;
      console.info(`hub: listening on ${hub.hub.url}`);
      reply({ type: 'ready', url: hub.hub.url });
    },
    (error: unknown) => {
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      // Give the message a moment to cross to main before the process (and its port) goes away.
      setTimeout(() => process.exit(2), 200);
    },
  );
});

// utilityProcess.kill() sends SIGTERM: close the store cleanly so the log is checkpointed.
process.once('SIGTERM', () => stopAndExit(0));
