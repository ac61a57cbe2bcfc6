import { cumulativeLengthsM, distanceToPathM, resamplePath, subPath, type Position } from './polyline.js';

const SAMPLE_STEP_M = 20;

/**
 * Drop the parts of chains that run alongside an already-kept chain of the same road. OSM maps dual carriageways
 * (the expressway, most of QL.5) as two one-way lines 15–50 m apart; a console shows one line per road with one
 * speed, so the longer chain is kept and only the parts of the others farther than `toleranceM` from every kept
 * chain (slip roads, where carriageways part around a toll plaza) survive, if at least `minRunM` long.
 */
export function collapseParallelChains(chains: readonly Position[][], toleranceM = 60, minRunM = 300): Position[][] {
  const ordered = chains
    .map((path, index) => ({ path, index, cumulative: cumulativeLengthsM(path) }))
    .sort((a, b) => (b.cumulative.at(-1) ?? 0) - (a.cumulative.at(-1) ?? 0) || a.index - b.index);
  const kept: Position[][] = [];
  for (const { path, cumulative } of ordered) {
    const total = cumulative.at(-1) ?? 0;
    const samples = resamplePath(path, SAMPLE_STEP_M);
    const covered = samples.map((point) => kept.some((other) => distanceToPathM(point, other) <= toleranceM));
    // Runs of uncovered samples, widened by one sample each side so a kept run meets the line it leaves.
    let runStart = -1;
    for (let i = 0; i <= samples.length; i++) {
      const isCovered = i === samples.length || covered[i]!;
      if (!isCovered && runStart < 0) runStart = i;
      if (isCovered && runStart >= 0) {
        const fromM = Math.max(0, (runStart - 1) * SAMPLE_STEP_M);
        const toM = Math.min(total, i * SAMPLE_STEP_M);
        if (toM - fromM >= minRunM) kept.push(fromM === 0 && toM === total ? path : subPath(path, fromM, toM, cumulative));
        runStart = -1;
      }
    }
  }
  return kept;
}
