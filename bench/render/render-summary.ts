import type { RenderBenchOutcome } from './render-bench.js';
import type { RenderCaseResult } from './render-types.js';

/** Accessor ÷ binary for one fleet size: how many times cheaper our binary path is (> 1 = binary faster). */
export interface RenderRatio {
  readonly vehicles: number;
  /** Message → layers updated (decode, layer factory, deck.gl layer + attribute update). */
  readonly cpu: number;
  /** deck.gl's own "Update Attributes" timer. */
  readonly attributes: number;
  /** Main-thread CPU time per frame (not inflated by a loaded machine; includes draw submission and GC). */
  readonly mainThreadCpu: number;
  /** Message → GPU done. In software GL drawing dominates, so this stays near 1 (docs/bench.md). */
  readonly frame: number;
}

export function renderRatios(cases: readonly RenderCaseResult[]): RenderRatio[] {
  const sizes = [...new Set(cases.map((c) => c.vehicles))];
  const ratios: RenderRatio[] = [];
  for (const vehicles of sizes) {
    const binary = cases.find((c) => c.vehicles === vehicles && c.variant === 'binary');
    const accessor = cases.find((c) => c.vehicles === vehicles && c.variant === 'accessor');
    if (!binary || !accessor) continue;
    ratios.push({
      vehicles,
      cpu: accessor.cpuMs / binary.cpuMs,
      attributes: accessor.attributeMs / binary.attributeMs,
      mainThreadCpu: accessor.mainThreadCpuMs / binary.mainThreadCpuMs,
      frame: accessor.frameMs / binary.frameMs,
    });
  }
  return ratios;
}

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const count = (n: number): string => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

function caseDetail(c: RenderCaseResult): string {
  const frames = `${c.framesMeasured}/${c.framesPlanned} frames${c.capped ? ' (time cap)' : ''}`;
  return `CPU ${ms(c.cpuMs)} ms (attributes ${ms(c.attributeMs)}; main thread ${ms(c.mainThreadCpuMs)}), draw+GPU ${ms(c.drawMs + c.gpuWaitMs)} ms, ${frames}`;
}

/** Table rows in bench/run.ts's five columns: benchmark, variant, throughput, detail, result. */
export function renderRows(outcome: RenderBenchOutcome): string[][] {
  if (outcome.skipped !== undefined) return [['(c) render in Chromium', 'skipped', outcome.skipped, '', '']];
  const rows: string[][] = [];
  const ratios = renderRatios(outcome.cases);
  for (const ratio of ratios) {
    const accessor = outcome.cases.find((c) => c.vehicles === ratio.vehicles && c.variant === 'accessor');
    const binary = outcome.cases.find((c) => c.vehicles === ratio.vehicles && c.variant === 'binary');
    if (!accessor || !binary) continue;
    rows.push([`(c) render, ${count(ratio.vehicles)} moving`, 'object accessors', `${ms(accessor.frameMs)} ms/frame`, caseDetail(accessor), 'baseline']);
    rows.push([
      '',
      'binary attributes (layers/vehicles)',
      `${ms(binary.frameMs)} ms/frame`,
      caseDetail(binary),
      `CPU ${ratio.cpu.toFixed(1)}× less (main thread ${ratio.mainThreadCpu.toFixed(1)}×), frame ${ratio.frame.toFixed(2)}× faster`,
    ]);
  }
  const paired = new Set(ratios.map((r) => r.vehicles));
  for (const c of outcome.cases.filter((x) => !paired.has(x.vehicles))) {
    rows.push([`(c) render, ${count(c.vehicles)} moving`, c.variant, `${ms(c.frameMs)} ms/frame`, caseDetail(c), 'no pair (other variant failed)']);
  }
  return rows;
}
