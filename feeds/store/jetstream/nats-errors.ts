import { JetStreamApiError, JetStreamError } from '@nats-io/jetstream';
import { errors } from '@nats-io/transport-node';

export type Failure =
  /** Worth another try: the server may or may not have stored the message (no ack came back). */
  | 'ambiguous'
  /** Worth another try: the message certainly was not stored (nobody answered: JetStream restarting, no leader). */
  | 'not-stored'
  /** Another try cannot help (closed connection, a refused message). */
  | 'permanent';

/** 10008: JetStream temporarily unavailable (clustered: no leader yet). */
const TRANSIENT_API_CODES = new Set([10008]);

/** How a failed JetStream request failed, for the publisher's retry rule. */
export function classifyFailure(error: unknown): Failure {
  if (error instanceof errors.ClosedConnectionError || error instanceof errors.DrainingConnectionError) return 'permanent';
  if (error instanceof errors.TimeoutError) return 'ambiguous';
  if (error instanceof JetStreamApiError) return TRANSIENT_API_CODES.has(error.code) ? 'not-stored' : 'permanent';
  // js.publish reports "no responders" as JetStreamNotEnabled; a 503 means no stream took the message.
  if (error instanceof errors.NoRespondersError || (error instanceof Error && error.name === 'JetStreamNotEnabled')) return 'not-stored';
  if (error instanceof errors.RequestError && error.isNoResponders()) return 'not-stored';
  // "connection disconnected" and the like: the request was sent, or buffered and dropped on reconnect.
  if (error instanceof errors.RequestError || error instanceof JetStreamError) return 'ambiguous';
  return 'permanent';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
