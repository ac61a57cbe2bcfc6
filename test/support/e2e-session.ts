import { mkdir } from 'node:fs/promises';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { chromiumSkipReason, launchChromium } from './browser.js';
import { startServe, type ServeProcess } from './serve-process.js';
import { makeTempDir, type TempDir } from './temp-dir.js';

/** Where e2e screenshots are kept (CI keeps test-results/ as artefacts). */
export const ARTEFACTS = new URL('../../test-results/', import.meta.url).pathname;

export interface E2eSession {
  serve: ServeProcess | null;
  browsers: Browser[];
  /** Stop `npm run serve` and start it again on the same port, folder and database (pages keep their URL). */
  restartServe(): Promise<void>;
}

export interface E2eOptions {
  /** Chromium instances to launch (one per desk when a test needs two consoles). */
  readonly browsers?: number;
  /** Prepare files in the temporary folder and return extra `npm run serve` arguments. */
  readonly prepare?: (dir: string) => Promise<readonly string[]>;
  /** Run the simulator's demo scenario (`--demo`): an incident of every kind within the first minute. */
  readonly demo?: boolean;
}

/**
 * One `npm run serve` (real hub, SQLite, simulator) in a temporary folder and real Chromium for a whole test file:
 * registers the file's before/after hooks. `skip` is the reason when Chromium is missing (pass it to each test).
 */
export function serveAndChromium(options: E2eOptions = {}): { readonly skip: string | false; readonly session: E2eSession } {
  const skip = chromiumSkipReason();
  let tempDir: TempDir | null = null;
  let args: readonly string[] = [];
  const session: E2eSession = {
    serve: null,
    browsers: [],
    async restartServe() {
      const running = session.serve;
      if (!running || !tempDir) throw new Error('serve is not running');
      await running.stop();
      session.serve = await startServe(tempDir.path, args, 60_000, Number(new URL(running.url).port));
    },
  };
  before(async () => {
    if (skip) return;
    await mkdir(ARTEFACTS, { recursive: true });
    tempDir = await makeTempDir();
    args = [...(options.prepare ? await options.prepare(tempDir.path) : []), ...(options.demo ? ['--demo'] : [])];
    session.serve = await startServe(tempDir.path, args);
    for (let i = 0; i < (options.browsers ?? 1); i++) session.browsers.push(await launchChromium());
  });
  after(async () => {
    for (const browser of session.browsers) await browser.close();
    await session.serve?.stop();
    await tempDir?.remove();
  });
  return { skip, session };
}
