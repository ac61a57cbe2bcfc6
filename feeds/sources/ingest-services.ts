import type { QuarantineStore } from '../store/quarantine-store.js';
import { SourceContext } from './source-context.js';

/** What the ingest API of one hub uses: the shared source context and the quarantine table (null: not kept). */
export interface IngestServices {
  readonly context: SourceContext;
  readonly quarantine: QuarantineStore | null;
}

// Keyed by the hub object, so the hub itself needs no field for it (feeds/hub/hub.ts stays source-agnostic).
const services = new WeakMap<object, IngestServices>();

/** Called by startSources (run-hub) before any request is served. */
export function attachIngestServices(hub: object, value: IngestServices): void {
  services.set(hub, value);
}

/** A hub started without startSources (tests of the bare hub) ingests with no region and no quarantine. */
export function ingestServicesOf(hub: object): IngestServices {
  let value = services.get(hub);
  if (!value) {
    value = { context: new SourceContext(), quarantine: null };
    services.set(hub, value);
  }
  return value;
}
