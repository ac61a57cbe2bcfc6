import type { OperationFrame, Role } from '../protocol/frames.js';

export interface OperationActor {
  readonly role: Role;
  readonly name: string;
  /** The connection the operation came on: refusals are audited at a bounded rate per connection. */
  readonly connection?: string;
}

export type OperationOutcome =
  | { readonly ok: true; readonly incident: Record<string, unknown> }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/** What the hub calls for every incident operation (ack … create). The incident engine (feeds/incidents) implements it. */
export interface IncidentOperations {
  apply(frame: OperationFrame, actor: OperationActor): Promise<OperationOutcome>;
}

/** Until the incident engine is wired in, there is no incident to act on: answer not-found honestly. */
export const noIncidentOperations: IncidentOperations = {
  apply(frame) {
    return Promise.resolve({
      ok: false,
      error: frame.op === 'create' ? { code: 'unavailable', message: 'this hub has no incident engine' } : { code: 'not-found', message: `no incident "${frame.incident}"` },
    });
  },
};
