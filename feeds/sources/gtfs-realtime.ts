import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { VEHICLE_KINDS, type VehicleKind } from '../protocol/vehicle-frame.js';
import type { SourceContext } from './source-context.js';
import { clipRaw, emptyBatch, type SourceBatch } from './source-result.js';

const { FeedMessage } = GtfsRealtimeBindings.transit_realtime;
type FeedEntity = GtfsRealtimeBindings.transit_realtime.IFeedEntity;

/**
 * GTFS-Realtime (protobuf, https://gtfs.org/realtime/reference/) through MobilityData's gtfs-realtime-bindings.
 * Records are the message's entities, numbered from 1 in message order (the "line" of an error). A body that does
 * not decode as a FeedMessage is one rejected record, line 0.
 */
export function decodeFeedMessage(body: Uint8Array): GtfsRealtimeBindings.transit_realtime.FeedMessage {
  return FeedMessage.decode(body);
}

/** Decode the whole message, or record it as one rejected record (line 0: a protobuf body has no lines). */
function decodeOrReject(body: Uint8Array, batch: SourceBatch): GtfsRealtimeBindings.transit_realtime.FeedMessage | null {
  try {
    return decodeFeedMessage(body);
  } catch (error) {
    batch.rejected.push({ line: 0, reason: `not a GTFS-RT FeedMessage: ${(error as Error).message}`, raw: base64Head(body) });
    return null;
  }
}

function entityText(entity: FeedEntity): string {
  return clipRaw(JSON.stringify(FeedMessage.toObject(FeedMessage.create({ header: { gtfsRealtimeVersion: '2.0' }, entity: [entity] }), { longs: String }).entity?.[0] ?? {}));
}

function base64Head(body: Uint8Array): string {
  return `base64:${Buffer.from(body.subarray(0, 3000)).toString('base64')}`;
}

export interface GtfsVehicleOptions {
  /** Kind drawn on the map: GTFS-RT does not say (the route type is in static GTFS); transit feeds are buses. */
  readonly kind?: VehicleKind;
  /**
   * Who sent it (the ingest token's name): ids are numbered per source, so two operators' bus "51B-001" are two
   * vehicles on the map, not one id shared by both.
   */
  readonly source?: string;
}

/**
 * VehiclePositions → one vehicle keyframe (a GTFS-RT message is a full dataset; DIFFERENTIAL feeds are refused as a
 * whole since a keyframe of a diff would drop every vehicle not in it). Per entity: needs `vehicle.position` with a
 * latitude and longitude in range; the id is vehicle.vehicle.id, else the entity id; speed m/s → km/h (0–255);
 * bearing → heading 0–359 (0 when absent). Deleted entities and entities without a vehicle are ignored.
 */
export function parseGtfsVehiclePositions(body: Uint8Array, context: SourceContext, options: GtfsVehicleOptions = {}): SourceBatch {
  const batch = emptyBatch('vehicles');
  const message = decodeOrReject(body, batch);
  if (message === null) return batch;
  if (message.header.incrementality === GtfsRealtimeBindings.transit_realtime.FeedHeader.Incrementality.DIFFERENTIAL) {
    batch.rejected.push({ line: 0, reason: 'DIFFERENTIAL feeds are not supported: send FULL_DATASET messages', raw: base64Head(body) });
    return batch;
  }
  const kind = VEHICLE_KINDS.indexOf(options.kind ?? 'bus');
  const ids: number[] = [];
  const positions: number[] = [];
  const headings: number[] = [];
  const speeds: number[] = [];
  const seen = new Set<string>();
  message.entity.forEach((entity, index) => {
    const line = index + 1;
    if (entity.isDeleted) return batch.ignored.push({ line, reason: `entity "${entity.id}" is deleted` });
    const vehicle = entity.vehicle;
    if (!vehicle) return batch.ignored.push({ line, reason: `entity "${entity.id}" has no vehicle position` });
    const position = vehicle.position;
    const reject = (reason: string): number => batch.rejected.push({ line, reason: `entity "${entity.id}": ${reason}`, raw: entityText(entity) });
    if (!position) return reject('vehicle.position is missing');
    const { latitude, longitude } = position;
    if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) return reject(`vehicle.position.latitude ${latitude} out of range`);
    if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) return reject(`vehicle.position.longitude ${longitude} out of range`);
    if (latitude === 0 && longitude === 0) return reject('vehicle.position is 0,0 (no fix)');
    const speed = position.speed ?? 0;
    if (!Number.isFinite(speed) || speed < 0) return reject(`vehicle.position.speed ${speed} is not a speed in m/s`);
    const bearing = position.bearing ?? 0;
    if (!Number.isFinite(bearing)) return reject(`vehicle.position.bearing ${bearing} is not a number`);
    const key = vehicle.vehicle?.id || entity.id;
    if (seen.has(key)) return reject(`vehicle "${key}" appears twice in the message`);
    seen.add(key);
    ids.push(context.vehicleIds.idFor(`${options.source ?? ''}\u0000${key}`));
    positions.push(longitude, latitude);
    headings.push(((Math.round(bearing) % 360) + 360) % 360);
    speeds.push(Math.min(255, Math.round(speed * 3.6)));
    batch.accepted += 1;
    return 0;
  });
  // A full dataset with no vehicles (end of service) is news too: it clears this source's buses. A message whose
  // every vehicle was rejected is not: it says nothing trustworthy, so the last good positions stay (until the TTL).
  if (ids.length > 0 || batch.rejected.length === 0) {
    batch.vehicles = {
      ids: Uint32Array.from(ids),
      positions: Float32Array.from(positions),
      headings: Uint16Array.from(headings),
      speeds: Uint8Array.from(speeds),
      kinds: new Uint8Array(ids.length).fill(kind),
    };
  }
  return batch;
}

/**
 * TripUpdates on the traffic feed: every entity is ignored, with the reason. A TripUpdate says a bus is N seconds
 * late at a stop; the traffic feed carries road-segment speeds and accidents. Turning a delay into a segment speed
 * needs the static GTFS (stop positions, shapes) and the schedule's own running times, and even then a late bus
 * is as often a full bus as a slow road. Publishing such guesses would paint roads red for the wrong reason, so the
 * hub decodes the message (a broken one is still rejected) and counts what it did not use.
 */
export function parseGtfsTripUpdates(body: Uint8Array): SourceBatch {
  const batch = emptyBatch('traffic');
  const message = decodeOrReject(body, batch);
  if (message === null) return batch;
  message.entity.forEach((entity, index) => {
    const reason = entity.tripUpdate
      ? 'TripUpdate: schedule delays have no honest mapping to road-segment speeds (see docs/sources.md)'
      : `entity "${entity.id}" is not a TripUpdate`;
    batch.ignored.push({ line: index + 1, reason });
  });
  return batch;
}
