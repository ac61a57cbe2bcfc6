import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from '../../test/support/browser.js';
import type { RenderBenchGlobal } from './page-entry.js';
import {
  RENDER_VARIANTS,
  type RenderCaseResult,
  type RenderFrameTiming,
  type RenderPairOptions,
  type RenderPictureSample,
  type RenderVariant,
} from './render-types.js';

export interface RenderBenchPlan {
  readonly sizes: readonly number[];
  /** Measured frames per variant, by vehicle count (after one warm-up frame). */
  readonly frames: (vehicles: number) => number;
  /** Wall-clock cap per fleet size (both variants' measured frames, interleaved); stops after the step that crosses it. */
  readonly capMs: number;
  readonly width: number;
  readonly height: number;
}

export type RenderBenchOutcome =
  | { readonly skipped: string }
  | {
      readonly skipped?: undefined;
      readonly chromium: string;
      readonly viewport: string;
      readonly plan: { readonly sizes: readonly number[]; readonly frames: readonly number[]; readonly capMs: number };
      /** 1-minute load average before and after, and the CPU count: software GL shares the CPU with everything else. */
      readonly machineLoad: { readonly cpus: number; readonly before: number; readonly after: number };
      readonly cases: RenderCaseResult[];
      readonly failures: string[];
    };

/** 1M vehicles take ~20 s a frame per variant in software GL here, hence 3 frames and a 2-minute cap per size. */
export const FULL_PLAN: RenderBenchPlan = {
  sizes: [10_000, 100_000, 1_000_000],
  frames: (n) => (n <= 10_000 ? 20 : n <= 100_000 ? 10 : 3),
  capMs: 120_000,
  width: 1280,
  height: 800,
};
export const QUICK_PLAN: RenderBenchPlan = { ...FULL_PLAN, sizes: [10_000, 100_000], frames: () => 3, capMs: 30_000 };

/** A pair that runs this far past its cap is stuck (e.g. a hung GPU process): give up on it rather than hang the bench. */
const HANG_MARGIN_MS = 240_000;

/** Bundles the page (deck.gl + our vehicle layer factory + the binary frame codec) in memory, for chrome120. */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page-entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome120'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('render bench: esbuild produced no bundle for bench/render/page-entry.ts');
  return file.text;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface MeasuredFrame extends RenderFrameTiming {
  readonly mainThreadCpuMs: number;
}

const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/**
 * One fleet size: both variants, interleaved frame by frame (alternating which goes first) so a busy patch of the
 * machine hits both alike; step 0 is the warm-up. Around each frame the page's main-thread CPU time is read over
 * CDP (Performance metrics in thread ticks), which, unlike wall time, does not grow when the CPU is contended.
 */
async function runPair(page: Page, options: RenderPairOptions): Promise<RenderCaseResult[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const mainThreadMs = async (): Promise<number> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const task = metrics.find((m) => m.name === 'TaskDuration');
    if (!task) throw new Error('Chromium reported no TaskDuration metric (CDP Performance.getMetrics)');
    return task.value * 1000;
  };
  await page.evaluate((o) => (globalThis as unknown as RenderBenchGlobal).iocRenderBench.open(o), options);
  const rows = new Map<RenderVariant, MeasuredFrame[]>(RENDER_VARIANTS.map((v) => [v, []]));
  const warmup = new Map<RenderVariant, number>();
  let started = Date.now();
  for (let step = 0; step <= options.frames; step++) {
    if (step === 1) started = Date.now();
    await page.evaluate(() => (globalThis as unknown as RenderBenchGlobal).iocRenderBench.nextMessage());
    const order = step % 2 === 0 ? RENDER_VARIANTS : [...RENDER_VARIANTS].reverse();
    for (const variant of order) {
      const cpuBefore = await mainThreadMs();
      const timing = await page.evaluate((v) => (globalThis as unknown as RenderBenchGlobal).iocRenderBench.frame(v), variant);
      const mainThreadCpuMs = (await mainThreadMs()) - cpuBefore;
      if (step === 0) warmup.set(variant, timing.frameMs);
      else rows.get(variant)?.push({ ...timing, mainThreadCpuMs });
    }
    if (step >= 1 && Date.now() - started > options.capMs) break;
  }
  const elapsedMs = Date.now() - started;
  const results: RenderCaseResult[] = [];
  for (const variant of RENDER_VARIANTS) {
    const sample = await page.evaluate((v) => (globalThis as unknown as RenderBenchGlobal).iocRenderBench.sample(v), variant);
    results.push(summarise(variant, options, warmup.get(variant) ?? 0, rows.get(variant) ?? [], elapsedMs, sample));
  }
  await page.evaluate(() => (globalThis as unknown as RenderBenchGlobal).iocRenderBench.close());
  await cdp.detach();
  return results;
}

function summarise(
  variant: RenderVariant,
  options: RenderPairOptions,
  warmupMs: number,
  rows: readonly MeasuredFrame[],
  elapsedMs: number,
  sample: RenderPictureSample,
): RenderCaseResult {
  const frameTimes = rows.map((r) => r.frameMs);
  const prepareMs = mean(rows.map((r) => r.prepareMs));
  const updateMs = mean(rows.map((r) => r.updateMs));
  return {
    variant,
    vehicles: options.vehicles,
    framesPlanned: options.frames,
    framesMeasured: rows.length,
    capped: rows.length < options.frames,
    elapsedMs,
    warmupMs,
    prepareMs,
    updateMs,
    attributeMs: mean(rows.map((r) => r.attributeMs)),
    cpuMs: prepareMs + updateMs,
    mainThreadCpuMs: mean(rows.map((r) => r.mainThreadCpuMs)),
    drawMs: mean(rows.map((r) => r.drawMs)),
    gpuWaitMs: mean(rows.map((r) => r.gpuWaitMs)),
    frameMs: mean(frameTimes),
    frameMsMin: Math.min(...frameTimes),
    frameMsMax: Math.max(...frameTimes),
    ...sample,
  };
}

/**
 * Frame time in Chromium (SwiftShader WebGL) for N moving vehicles, our binary-attribute layer against the accessor
 * baseline, both in the same page and the same run, interleaved frame by frame (runPair). Skips, saying why, when there
 * is no Chromium binary.
 */
export async function benchRender(plan: RenderBenchPlan, log: (line: string) => void = () => undefined): Promise<RenderBenchOutcome> {
  if (!chromiumAvailable()) return { skipped: `no Chromium binary at ${CHROMIUM_PATH} (set CHROMIUM_PATH or apt-get install chromium)` };
  const bundle = await bundlePage();
  const loadBefore = loadavg()[0] ?? 0;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: plan.width, height: plan.height }, deviceScaleFactor: 1 });
    const cases: RenderCaseResult[] = [];
    const failures: string[] = [];
    for (const vehicles of plan.sizes) {
      const options: RenderPairOptions = { vehicles, frames: plan.frames(vehicles), capMs: plan.capMs, width: plan.width, height: plan.height };
      const label = `${vehicles.toLocaleString('en-US')} vehicles`;
      log(`render bench: ${label}, binary and accessor interleaved, up to ${options.frames} frames each…`);
      // A fresh page per fleet size, so one size's garbage and GPU buffers do not weigh on the next.
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
      // Nothing may leave the page: the bundle is inline and the bench needs no network at all.
      await page.route('**/*', (route) => route.abort());
      await page.setContent('<!doctype html><html><body style="margin:0;background:#000"></body></html>');
      await page.addScriptTag({ content: bundle });
      try {
        const results = await withTimeout(runPair(page, options), plan.capMs + HANG_MARGIN_MS, `render bench, ${label}`);
        for (const result of results) {
          if (result.litPixels === 0) failures.push(`${label}, ${result.variant}: nothing drawn (0 lit pixels in the centre sample)`);
        }
        const checksums = new Set(results.map((r) => r.sampleChecksum));
        if (checksums.size > 1) failures.push(`${label}: the variants drew different pictures (centre checksums ${[...checksums].join(' ≠ ')})`);
        cases.push(...results);
      } catch (error) {
        failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (pageErrors.length > 0) failures.push(`${label}: page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
      await page.close().catch(() => undefined);
    }
    const plannedFrames = plan.sizes.map((n) => plan.frames(n));
    const machineLoad = { cpus: cpus().length, before: loadBefore, after: loadavg()[0] ?? 0 };
    if (Math.max(machineLoad.before, machineLoad.after) > machineLoad.cpus) {
      log(`render bench: machine load ${machineLoad.before.toFixed(1)}→${machineLoad.after.toFixed(1)} on ${machineLoad.cpus} CPUs: ` +
        'times are inflated and noisy (worst for the longer CPU work of the accessor path); rerun on a quiet machine');
    }
    return {
      chromium: browser.version(),
      viewport: `${plan.width}×${plan.height}`,
      plan: { sizes: plan.sizes, frames: plannedFrames, capMs: plan.capMs },
      machineLoad,
      cases,
      failures,
    };
  } finally {
    await browser?.close();
  }
}
