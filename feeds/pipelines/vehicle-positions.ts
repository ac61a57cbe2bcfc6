import { animationFrameScheduler, auditTime, type Observable, type SchedulerLike } from 'rxjs';
import type { HubStreams } from '../client/hub-streams.js';
import type { VehicleFrame } from '../protocol/vehicle-frame.js';

/**
 * The newest vehicle frame, at most once per animation frame (latest wins: an older frame that arrived in the same
 * frame is simply never drawn). The frame's typed arrays are views over the received ArrayBuffer, ready to be
 * binary attributes (`data: {length: count, attributes: {getPosition: {value: positions, size: 2}}}`).
 */
export function vehiclePositions$(
  connection: Pick<HubStreams, 'vehicles$'>,
  scheduler: SchedulerLike = animationFrameScheduler,
): Observable<VehicleFrame> {
  return connection.vehicles$.pipe(auditTime(0, scheduler));
}
