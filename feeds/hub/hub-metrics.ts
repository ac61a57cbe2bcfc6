import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Everything /metrics exposes. One registry per hub so tests can run several hubs in one process. */
export class HubMetrics {
  readonly registry = new Registry();
  readonly clients = new Gauge({ name: 'ioc_hub_clients', help: 'Connected WebSocket clients', registers: [this.registry] });
  readonly framesIn = new Counter({
    name: 'ioc_hub_frames_in_total',
    help: 'Inbound WebSocket frames by op',
    labelNames: ['op'],
    registers: [this.registry],
  });
  readonly badFrames = new Counter({
    name: 'ioc_hub_bad_frames_total',
    help: 'Inbound frames refused, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly closes = new Counter({
    name: 'ioc_hub_closes_total',
    help: 'Connections closed by the hub, by close code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly itemsAppended = new Counter({
    name: 'ioc_hub_items_appended_total',
    help: 'Items committed to the log, by feed',
    labelNames: ['feed'],
    registers: [this.registry],
  });
  readonly itemsReplayed = new Counter({
    name: 'ioc_hub_items_replayed_total',
    help: 'Items replayed from the log to resuming clients, by feed',
    labelNames: ['feed'],
    registers: [this.registry],
  });
  readonly snapshots = new Counter({
    name: 'ioc_hub_snapshots_total',
    help: 'Snapshots sent, by feed and reason',
    labelNames: ['feed', 'reason'],
    registers: [this.registry],
  });
  readonly framesOut = new Counter({
    name: 'ioc_hub_frames_out_total',
    help: 'Outbound frames by type',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly bytesOut = new Counter({ name: 'ioc_hub_bytes_out_total', help: 'Outbound bytes', registers: [this.registry] });
  readonly vehicleFramesCoalesced = new Counter({
    name: 'ioc_hub_vehicle_frames_coalesced_total',
    help: 'Vehicle frames not sent to a busy client because a newer one superseded them',
    registers: [this.registry],
  });
  readonly rejectedItems = new Counter({
    name: 'ioc_hub_rejected_items_total',
    help: 'Items refused before the log (schema errors), by feed',
    labelNames: ['feed'],
    registers: [this.registry],
  });
  readonly handlerErrors = new Counter({
    name: 'ioc_hub_handler_errors_total',
    help: 'Handlers that threw or rejected (the connection or request was answered or dropped; the hub kept serving), by where',
    labelNames: ['where'],
    registers: [this.registry],
  });
  readonly upgradesRefused = new Counter({
    name: 'ioc_hub_upgrades_refused_total',
    help: 'WebSocket upgrades refused before a socket was made, by reason (path, origin, host, address)',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly pendingEvicted = new Counter({
    name: 'ioc_hub_pending_evicted_total',
    help: 'Hello-less sockets closed to make room in the pool of new connections',
    registers: [this.registry],
  });
  readonly ingestRequests = new Counter({
    name: 'ioc_hub_ingest_requests_total',
    help: 'Ingest requests by feed and HTTP status',
    labelNames: ['feed', 'status'],
    registers: [this.registry],
  });
  readonly quarantineTrimmed = new Counter({
    name: 'ioc_hub_quarantine_trimmed_total',
    help: 'Quarantine rows deleted by the size budget (oldest first)',
    registers: [this.registry],
  });
  readonly auditRefusalsSuppressed = new Counter({
    name: 'ioc_hub_audit_refusals_suppressed_total',
    help: 'Refused operations answered but not written to the audit table (over the per-connection rate)',
    registers: [this.registry],
  });
  readonly backlogBytes = new Gauge({
    name: 'ioc_hub_client_backlog_bytes_max',
    help: 'Largest per-client send backlog at the last heartbeat',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ioc_hub_' });
  }
}
