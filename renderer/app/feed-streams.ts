import { shareReplay, type Observable } from 'rxjs';
import type { ConsoleConfig } from '../../feeds/bridge/bridge-contract.js';
import { feedHealth$, type FeedHealthMap } from '../../feeds/client/feed-health.js';
import { HubConnection } from '../../feeds/client/hub-connection.js';
import type { EnvironmentState } from '../../feeds/environment/environment-reducer.js';
import type { IncidentsState } from '../../feeds/incidents/incidents-reducer.js';
import { feedState$, type FeedStateFrame } from '../../feeds/pipelines/feed-state.js';
import { vehiclePositions$ } from '../../feeds/pipelines/vehicle-positions.js';
import type { PortalState } from '../../feeds/portal/portal-reducer.js';
import { FEED_NAMES, type LoggedFeed } from '../../feeds/protocol/feed-names.js';
import type { VehicleFrame } from '../../feeds/protocol/vehicle-frame.js';
import type { SocState } from '../../feeds/soc/soc-state.js';
import { REDUCERS } from '../../feeds/state/reducers.js';
import type { TrafficState } from '../../feeds/traffic/traffic-reducer.js';

/** One hub connection and its per-feed pipelines, shared by everything a page shows (console or wall). */
export interface FeedStreams {
  readonly connection: HubConnection;
  readonly traffic$: Observable<FeedStateFrame<TrafficState>>;
  readonly environment$: Observable<FeedStateFrame<EnvironmentState>>;
  readonly soc$: Observable<FeedStateFrame<SocState>>;
  readonly portal$: Observable<FeedStateFrame<PortalState>>;
  readonly incidents$: Observable<FeedStateFrame<IncidentsState>>;
  readonly vehicles$: Observable<VehicleFrame>;
  readonly health$: Observable<FeedHealthMap>;
}

/**
 * Open the connection and build the pipelines (folded with the hub's reducers, replaying the latest state to late
 * subscribers, so a wall panel mounted later starts with current data).
 */
export function openFeedStreams(config: ConsoleConfig, client: string): FeedStreams {
  const connection = new HubConnection({
    url: config.hubUrls && config.hubUrls.length > 0 ? config.hubUrls : config.hubUrl,
    token: config.token,
    WebSocketCtor: WebSocket,
    feeds: FEED_NAMES,
    client: `${client}/${config.version}`,
  });
  // Pipelines first (they must see the first snapshot), shared by layers and KPIs.
  const pipe = <F extends LoggedFeed, S>(feed: F): Observable<FeedStateFrame<S>> =>
    feedState$(connection, feed, REDUCERS[feed] as unknown as Parameters<typeof feedState$<F, S>>[2]).pipe(shareReplay({ bufferSize: 1, refCount: false }));
  const streams: FeedStreams = {
    connection,
    traffic$: pipe<'traffic', TrafficState>('traffic'),
    environment$: pipe<'environment', EnvironmentState>('environment'),
    soc$: pipe<'soc', SocState>('soc'),
    portal$: pipe<'portal', PortalState>('portal'),
    incidents$: pipe<'incidents', IncidentsState>('incidents'),
    vehicles$: vehiclePositions$(connection).pipe(shareReplay({ bufferSize: 1, refCount: false })),
    // Incidents are event-driven (quiet is normal): only the heartbeat can make them stale.
    health$: feedHealth$(connection, { expectedIntervalMs: { incidents: Number.POSITIVE_INFINITY } }).pipe(shareReplay({ bufferSize: 1, refCount: false })),
  };
  // Connect every pipeline now: one that subscribed only after the first snapshot had gone by would wait for the
  // next snapshot (a reconnect) before showing anything. shareReplay then hands late subscribers the latest state.
  for (const stream of [streams.traffic$, streams.environment$, streams.soc$, streams.portal$, streams.incidents$, streams.vehicles$, streams.health$]) {
    (stream as Observable<unknown>).subscribe();
  }
  return streams;
}
