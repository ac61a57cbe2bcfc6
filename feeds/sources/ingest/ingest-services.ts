import type { QuarantineStore } from '../../store/quarantine-store.js';
import { SourceContext } from '../source-context.js';

/** What the ingest API of one hub uses: the shared source context and the quarantine table (null: not kept). */
export interface IngestServices {
  readonly context: SourceContext;
  readonly quarantine: QuarantineStore | null;
}

/** The part of the ingest route startSources hands its services to. */
export interface IngestAttachment {
  attach(services: IngestServices): void;
}

/**
 * The ingest route's services, handed in by whoever starts the sources. A hub whose sources start after it listens
 * (run-hub) holds them first: until `attach`, ingest answers 503 instead of parsing without the region (no agency
 * for an alert, any station id) and dropping rejected records unkept. A route never held nor attached (tests of
 * the bare hub) ingests with no region and no quarantine.
 */
export class IngestServicesSlot implements IngestAttachment {
  #value: IngestServices | 'starting' | null = null;

  /** Call in the same turn as the hub's start resolves, before anything awaits, so no request comes first. */
  hold(): void {
    if (this.#value === null) this.#value = 'starting';
  }

  attach(services: IngestServices): void {
    this.#value = services;
  }

  current(): IngestServices | 'starting' {
    this.#value ??= { context: new SourceContext(), quarantine: null };
    return this.#value;
  }
}
