import { HUB_USAGE, parseHubArgs, UsageError } from './cli-args.js';
import { ConfigError } from './hub-config.js';
import { runHub } from './run-hub.js';

/** `npm run hub -- …`: parse, start, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseHubArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`hub: ${error.message}`);
      console.error(HUB_USAGE);
      process.exit(error.message ? 2 : 0);
    }
    throw error;
  }
  try {
    // Crash-only: a log store that failed a commit cannot go on; a restart resumes from what was committed.
    const running = await runHub(args, {
      onFatal: (error) => {
        console.error(`hub: the feed log failed (${error.message}); exiting so that a restart resumes from the last commit`);
        process.exit(1);
      },
    });
    console.info(`hub: listening on ${running.hub.url} (ws ${running.hub.url.replace('http', 'ws')}/v1/stream) as ${running.hubId}`);
    const stop = (signal: string): void => {
      console.info(`hub: ${signal}, shutting down`);
      running.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('hub: error while stopping', error);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && error.name === 'RegionError')) {
      console.error(`hub: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

void main();
