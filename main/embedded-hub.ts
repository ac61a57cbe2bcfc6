import { utilityProcess, type UtilityProcess } from 'electron';
import type { HubArgs } from '../feeds/hub/cli-args.js';
import { HubRestartPolicy } from './hub-restart-policy.js';
import { isHubUtilityReply, type HubUtilityRequest } from './hub-utility-messages.js';

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

export interface EmbeddedHubOptions {
  /** Path of the built hub-utility.cjs. */
  readonly modulePath: string;
  readonly args: HubArgs;
  /** Called once when the hub keeps dying and the restart budget is spent. */
  readonly onGiveUp: (reason: string) => void;
}

export interface EmbeddedHub {
  /** http://127.0.0.1:PORT; stays the same across restarts. */
  readonly httpUrl: string;
  stop(): Promise<void>;
}

/**
 * Start the hub in a utility process and keep it alive. The first start picks a free port; every restart reuses
 * that port, so the renderer's reconnect (same URL, resume from its last seq) is all the recovery there is and main
 * has nothing to tell the renderer. A failure of the first start is returned to the caller (bad config, missing
 * region pack: restarting would not help).
 */
export async function startEmbeddedHub(options: EmbeddedHubOptions): Promise<EmbeddedHub> {
  const policy = new HubRestartPolicy();
  let stopping = false;
  let restartTimer: NodeJS.Timeout | null = null;

  const first = await launchHubProcess(options.modulePath, options.args);
  const httpUrl = first.url;
  const args: HubArgs = { ...options.args, port: Number(new URL(httpUrl).port) };
  let current: UtilityProcess = first.child;

  const supervise = (child: UtilityProcess): void => {
    child.once('exit', (code) => {
      if (stopping) return;
      console.error(`hub process exited unexpectedly (code ${code})`);
      scheduleRestart();
    });
  };
  const scheduleRestart = (): void => {
    const delay = policy.nextDelay(Date.now());
    if (delay === null) {
      options.onGiveUp('the embedded hub kept stopping; giving up after repeated restarts');
      return;
    }
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (stopping) return;
      launchHubProcess(options.modulePath, args).then(
        (launched) => {
          if (stopping) {
            void stopHubProcess(launched.child);
            return;
          }
          console.info(`hub restarted on ${launched.url}`);
          current = launched.child;
          supervise(current);
        },
        (error: unknown) => {
          console.error(`hub restart failed: ${error instanceof Error ? error.message : String(error)}`);
          scheduleRestart();
        },
      );
    }, delay);
  };
  supervise(current);

  return {
    httpUrl,
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      await stopHubProcess(current);
    },
  };
}

/** Fork hub-utility.cjs, send it its arguments and wait for `ready` (or for its failure). */
function launchHubProcess(modulePath: string, args: HubArgs): Promise<{ child: UtilityProcess; url: string }> {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'IOC hub', stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    let failure: string | null = null;
    const cleanUp = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown): void => {
      if (!isHubUtilityReply(message)) return;
      if (message.type === 'failed') {
        failure = message.message;
        return;
      }
      cleanUp();
      resolve({ child, url: message.url });
    };
    const onExit = (code: number): void => {
      cleanUp();
      reject(new Error(failure ?? `the hub process exited with code ${code} before it was ready`));
    };
    const timer = setTimeout(() => {
      cleanUp();
      child.kill();
      reject(new Error(`the hub did not start within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    child.on('message', onMessage);
    child.on('exit', onExit);
    const request: HubUtilityRequest = { type: 'start', args };
    child.postMessage(request);
  });
}

/** Ask the hub to close its store and exit; kill it if it does not within a few seconds. */
function stopHubProcess(child: UtilityProcess): Promise<void> {
  if (child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve();
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    const request: HubUtilityRequest = { type: 'stop' };
    child.postMessage(request);
  });
}
