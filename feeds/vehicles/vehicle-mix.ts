import { VEHICLE_KINDS, type VehicleKind } from '../protocol/vehicle-frame.js';

export type RoadClass = 'expressway' | 'national' | 'local';

/**
 * Road class from data: free flow ≥ 90 km/h is an access-controlled road (as in the traffic simulator), a ref
 * starting with QL is a national road (quốc lộ), anything else local.
 */
export function roadClassOf(ref: string, freeFlowKmh: number): RoadClass {
  if (freeFlowKmh >= 90) return 'expressway';
  return /^QL\b/i.test(ref) ? 'national' : 'local';
}

/**
 * Share of each kind by road class. Motorbikes are most of Vietnam's traffic but banned from expressways; the
 * national roads of an industrial province (QL.5 to Hải Phòng port, QL.10 along the coast) carry many trucks.
 */
export const KIND_MIX: Record<RoadClass, Record<VehicleKind, number>> = {
  expressway: { car: 0.55, bus: 0.1, truck: 0.34, motorbike: 0, emergency: 0.01 },
  national: { car: 0.3, bus: 0.06, truck: 0.26, motorbike: 0.375, emergency: 0.005 },
  local: { car: 0.3, bus: 0.04, truck: 0.1, motorbike: 0.555, emergency: 0.005 },
};

/** Relative vehicle density per km: an expressway in a province is busy, but less so than the old national road. */
export const DENSITY: Record<RoadClass, number> = { expressway: 0.6, national: 1, local: 0.5 };

/**
 * How each kind drives relative to the segment's traffic speed, and its own ceiling (km/h): trucks and buses keep
 * right and slower, motorbikes are limited to 60–70 km/h, emergency vehicles run above the flow.
 */
export const KIND_BEHAVIOUR: Record<VehicleKind, { factor: number; spread: number; maxKmh: number }> = {
  car: { factor: 1.05, spread: 0.07, maxKmh: 120 },
  bus: { factor: 0.92, spread: 0.05, maxKmh: 100 },
  truck: { factor: 0.85, spread: 0.06, maxKmh: 90 },
  motorbike: { factor: 0.9, spread: 0.1, maxKmh: 65 },
  emergency: { factor: 1.2, spread: 0.05, maxKmh: 120 },
};

export const EMERGENCY_KIND = VEHICLE_KINDS.indexOf('emergency');

/** Pick a kind index for a uniform draw `u` in [0, 1). */
export function kindForDraw(mix: Record<VehicleKind, number>, u: number): number {
  let acc = 0;
  for (let k = 0; k < VEHICLE_KINDS.length; k++) {
    acc += mix[VEHICLE_KINDS[k]!];
    if (u < acc) return k;
  }
  // Shares summing to slightly under 1: the most common kind.
  let best = 0;
  for (let k = 1; k < VEHICLE_KINDS.length; k++) if (mix[VEHICLE_KINDS[k]!] > mix[VEHICLE_KINDS[best]!]) best = k;
  return best;
}
