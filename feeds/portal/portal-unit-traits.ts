import type { Random } from '../sim/random.js';
import type { PortalUnit } from './portal-unit.js';

/** How one unit's one-stop shop behaves, fixed for a seed. */
export interface PortalUnitTraits {
  /** Expected dossiers on a weekday. */
  readonly dailyVolume: number;
  /** Added to the office-hours online share (units differ in how much their public files online). */
  readonly onlineBias: number;
  /** Share of office-hours dossiers whose procedure is due the same day (certifications, simple civil status). */
  readonly sameDayShare: number;
  /** Share of the longer procedures that are nevertheless finished the day they arrive. */
  readonly earlyShare: number;
  /** Median minutes from arrival to result for same-day procedures. */
  readonly medianMinutes: number;
  /** Chronically slow: the units that make the on-time choropleth worth looking at. */
  readonly struggling: boolean;
}

/** About one unit in five is chronically slow (at least one when there are three or more units). */
const STRUGGLING_SHARE = 0.2;

/**
 * Traits per unit. Each unit draws from a stream forked by its id, so a unit's character does not change when
 * the list is reordered or another unit is added.
 */
export function unitTraits(units: readonly PortalUnit[], random: Random, dossiersPerWorkday: number): PortalUnitTraits[] {
  const totalWeight = units.reduce((sum, unit) => sum + unit.weight, 0);
  const draws = units.map((unit) => random.fork(`portal:unit:${unit.id}`));
  const slowness = draws.map((r) => r.next());
  const strugglingCount = units.length >= 3 ? Math.max(1, Math.round(units.length * STRUGGLING_SHARE)) : 0;
  const threshold = [...slowness].sort((a, b) => b - a)[strugglingCount - 1] ?? Infinity;
  const traits = units.map((unit, index) => {
    const r = draws[index];
    if (!r) throw new Error('unreachable: one stream per unit');
    const struggling = (slowness[index] ?? 0) >= threshold;
    return {
      dailyVolume: totalWeight > 0 ? (dossiersPerWorkday * unit.weight) / totalWeight : 0,
      onlineBias: r.range(-0.08, 0.08),
      sameDayShare: r.range(0.5, 0.65),
      earlyShare: r.range(0.04, 0.1),
      medianMinutes: struggling ? r.range(120, 170) : r.range(25, 45),
      struggling,
    };
  });
  // Units differ, the province does not: centre the biases on the volume-weighted mean so the total stays on target.
  const volume = traits.reduce((sum, t) => sum + t.dailyVolume, 0);
  const meanBias = volume > 0 ? traits.reduce((sum, t) => sum + t.onlineBias * t.dailyVolume, 0) / volume : 0;
  return traits.map((t) => ({ ...t, onlineBias: t.onlineBias - meanBias }));
}
