import type { QuarantineStore } from '../store/quarantine-store.js';
import { SourceContext } from './source-context.js';

/** What the ingest API of one hub uses: the shared source context and the quarantine table (null: not kept). */
export interface IngestServices {
  readonly context: SourceContext;
  readonly quarantine: QuarantineStore | null;
}

// Keyed by the hub object, so the hub itself needs no field for it (feeds/hub/hub.ts stays source-agnostic).
const services = new WeakMap<object, IngestServices | 'starting'>();

/**
 * For a hub whose sources start after it listens (run-hub): until `attachIngestServices`, ingest answers 503 instead
 * of parsing without the region (no agency for an alert, any station id) and dropping rejected records unkept.
 * Call in the same turn as the hub's start resolves, before anything awaits, so no request comes first.
 */
export function holdIngest(hub: object): void {
  if (!services.has(hub)) services.set(hub, 'starting');
}

/** Called by startSources once the region, trackers and quarantine table are ready. */
export function attachIngestServices(hub: object, value: IngestServices): void {
  services.set(hub, value);
}

/**
 * 'starting' while held; a hub started without startSources and never held (tests of the bare hub) ingests with
 * no region and no quarantine.
 */
export function ingestServicesOf(hub: object): IngestServices | 'starting' {
  let value = services.get(hub);
  if (!value) {
    value = { context: new SourceContext(), quarantine: null };
    services.set(hub, value);
  }
  return value;
}
