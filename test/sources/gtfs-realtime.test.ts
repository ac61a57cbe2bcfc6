import assert from 'node:assert/strict';
import { test } from 'node:test';
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { VEHICLE_KINDS } from '../../feeds/protocol/vehicle-frame.js';
import { parseGtfsTripUpdates, parseGtfsVehiclePositions } from '../../feeds/sources/gtfs-realtime.js';
import { SourceContext } from '../../feeds/sources/source-context.js';
import { tripUpdatesMessage, vehiclePositionsMessage } from './gtfs-sample.js';

test('GTFS-RT VehiclePositions → one keyframe: positions, km/h, heading; deleted/alert entities ignored, bad ones rejected', () => {
  const context = new SourceContext();
  const batch = parseGtfsVehiclePositions(vehiclePositionsMessage(), context);
  assert.equal(batch.feed, 'vehicles');
  assert.equal(batch.accepted, 2);
  assert.deepEqual(batch.ignored.map((i) => i.line), [3, 5]);
  assert.deepEqual(batch.rejected.map((r) => r.line), [4, 6]);
  assert.match(batch.rejected[0]?.reason ?? '', /e4.*vehicle\.position is missing/);
  assert.match(batch.rejected[1]?.reason ?? '', /latitude 95 out of range/);
  assert.match(batch.rejected[0]?.raw ?? '', /34B-111\.11/);
  const vehicles = batch.vehicles;
  assert.ok(vehicles);
  assert.equal(vehicles.ids.length, 2);
  assert.ok(Math.abs((vehicles.positions[0] ?? 0) - 106.3302) < 1e-4);
  assert.ok(Math.abs((vehicles.positions[1] ?? 0) - 20.9401) < 1e-4);
  assert.deepEqual([...vehicles.speeds], [45, 0]); // 12.5 m/s = 45 km/h
  assert.deepEqual([...vehicles.headings], [92, 270]); // bearing -90 → 270
  assert.deepEqual([...vehicles.kinds], [VEHICLE_KINDS.indexOf('bus'), VEHICLE_KINDS.indexOf('bus')]);
  // The same vehicle keeps its numeric id in the next message.
  const again = parseGtfsVehiclePositions(vehiclePositionsMessage(), context);
  assert.deepEqual([...(again.vehicles?.ids ?? [])], [...vehicles.ids]);
});

test('GTFS-RT: the same vehicle id from two sources is two vehicles; each source keeps its own ids', () => {
  const context = new SourceContext();
  const ids = (source: string): number[] => [...(parseGtfsVehiclePositions(vehiclePositionsMessage(), context, { source }).vehicles?.ids ?? [])];
  const first = ids('operator-a');
  const second = ids('operator-b');
  assert.equal(first.length, 2);
  assert.equal(new Set([...first, ...second]).size, 4, `ids ${first.join(',')} and ${second.join(',')} must not overlap`);
  assert.deepEqual(ids('operator-a'), first);
});

test('GTFS-RT: truncated or corrupted bytes and DIFFERENTIAL messages are rejected whole (line 0)', () => {
  const bytes = vehiclePositionsMessage();
  for (const broken of [bytes.subarray(0, bytes.length - 7), Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])]) {
    const batch = parseGtfsVehiclePositions(broken, new SourceContext());
    assert.equal(batch.accepted, 0);
    assert.equal(batch.vehicles, null);
    assert.equal(batch.rejected.length, 1);
    assert.equal(batch.rejected[0]?.line, 0);
    assert.match(batch.rejected[0]?.reason ?? '', /not a GTFS-RT FeedMessage/);
  }
  const diff = parseGtfsVehiclePositions(vehiclePositionsMessage({ incrementality: 'DIFFERENTIAL' }), new SourceContext());
  assert.match(diff.rejected[0]?.reason ?? '', /DIFFERENTIAL/);
});

test('GTFS-RT TripUpdates on traffic: decoded, every entity ignored with the reason, nothing published', () => {
  const batch = parseGtfsTripUpdates(tripUpdatesMessage());
  assert.equal(batch.feed, 'traffic');
  assert.equal(batch.accepted, 0);
  assert.equal(batch.items.length, 0);
  assert.equal(batch.ignored.length, 2);
  assert.match(batch.ignored[0]?.reason ?? '', /no honest mapping to road-segment speeds/);
  assert.equal(parseGtfsTripUpdates(Uint8Array.from([0xff, 0xff])).rejected.length, 1);
});

const { FeedMessage } = GtfsRealtimeBindings.transit_realtime;

test('GTFS-RT: a full dataset with no vehicles (end of service) is an empty keyframe that clears the source', () => {
  const empty = FeedMessage.encode(FeedMessage.create({ header: { gtfsRealtimeVersion: '2.0', timestamp: 1_763_773_200 }, entity: [] })).finish();
  const batch = parseGtfsVehiclePositions(empty, new SourceContext());
  assert.equal(batch.rejected.length, 0);
  assert.equal(batch.vehicles?.ids.length, 0, 'published as an empty keyframe, not skipped');
});
