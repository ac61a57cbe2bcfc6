import GtfsRealtimeBindings from 'gtfs-realtime-bindings';

const { FeedMessage, FeedHeader } = GtfsRealtimeBindings.transit_realtime;

/**
 * A VehiclePositions message as a Hải Dương bus operator might publish it, encoded with MobilityData's bindings:
 * two buses on QL5 and in the city, a deleted entity, one with no position fix, one alert-only entity.
 */
export function vehiclePositionsMessage(options: { incrementality?: 'FULL_DATASET' | 'DIFFERENTIAL' } = {}): Uint8Array {
  const message = FeedMessage.create({
    header: {
      gtfsRealtimeVersion: '2.0',
      incrementality: options.incrementality === 'DIFFERENTIAL' ? FeedHeader.Incrementality.DIFFERENTIAL : FeedHeader.Incrementality.FULL_DATASET,
      timestamp: 1_763_773_200,
    },
    entity: [
      {
        id: 'e1',
        vehicle: {
          trip: { tripId: 'HD01-0715', routeId: 'HD01' },
          vehicle: { id: '34B-012.34', label: 'Xe 12' },
          position: { latitude: 20.9401, longitude: 106.3302, bearing: 91.6, speed: 12.5 },
          timestamp: 1_763_773_195,
        },
      },
      {
        id: 'e2',
        vehicle: {
          trip: { tripId: 'HD05-0730', routeId: 'HD05' },
          vehicle: { id: '34B-045.67' },
          position: { latitude: 20.9712, longitude: 106.2755, bearing: -90, speed: 0 },
        },
      },
      { id: 'e3', isDeleted: true, vehicle: { vehicle: { id: '34B-999.99' }, position: { latitude: 20.95, longitude: 106.3 } } },
      { id: 'e4', vehicle: { vehicle: { id: '34B-111.11' } } },
      { id: 'e5', alert: { headerText: { translation: [{ text: 'Tuyến HD03 tạm dừng', language: 'vi' }] } } },
      { id: 'e6', vehicle: { vehicle: { id: '34B-222.22' }, position: { latitude: 95, longitude: 106.3 } } },
    ],
  });
  return FeedMessage.encode(message).finish();
}

export function tripUpdatesMessage(): Uint8Array {
  return FeedMessage.encode(
    FeedMessage.create({
      header: { gtfsRealtimeVersion: '2.0', timestamp: 1_763_773_200 },
      entity: [
        { id: 't1', tripUpdate: { trip: { tripId: 'HD01-0715' }, stopTimeUpdate: [{ stopSequence: 4, arrival: { delay: 240 } }] } },
        { id: 't2', tripUpdate: { trip: { tripId: 'HD05-0730' }, stopTimeUpdate: [{ stopSequence: 2, departure: { delay: -30 } }] } },
      ],
    }),
  ).finish();
}
