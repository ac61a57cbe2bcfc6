/**
 * Documented protocol limits (docs/PROTOCOL.md §Limits). Clients may rely on these numbers; the hub config may raise
 * some of them, never lower them below what the protocol promises.
 */
export const LIMITS = {
  /** Largest inbound frame the hub accepts; a larger one closes the connection with 1009. */
  maxInboundFrameBytes: 64 * 1024,
  /** Bad frames tolerated per connection per rolling minute; the next one closes with 1008. */
  maxBadFramesPerMinute: 100,
  /** Inbound frames per connection per second (token bucket, burst of the same size); excess frames are refused. */
  maxInboundFramesPerSecond: 50,
  /** Heartbeat period of the hub. Clients consider a connection dead after 3 missed heartbeats. */
  heartbeatMs: 2000,
  /** Events per `events` frame at most (replay and live batches). */
  maxItemsPerFrame: 500,
  /** Bytes queued for one client before the hub gives up on it and closes with 4408 (resume point in the reason). */
  maxClientBacklogBytes: 8 * 1024 * 1024,
  /**
   * A hello must arrive within this time after the socket opens, else close 4408. Short, because hello-less sockets
   * share a small pool of their own (docs/security.md); a client sends hello as soon as the socket opens.
   */
  helloTimeoutMs: 5_000,
  /** Replays running at once on one connection (docs/PROTOCOL.md §11). */
  maxReplaysPerConnection: 2,
} as const;

/** WebSocket close codes used by the hub. 1000–1015 are RFC 6455; 4000–4999 are ours. */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  messageTooBig: 1009,
  serverError: 1011,
  unauthorized: 4401,
  /** The client did not keep up (or did not say hello in time): reconnect and resume with `since`. */
  tooSlow: 4408,
  /** The hub or this token is at its connection limit (docs/PROTOCOL.md §8): retry later with backoff. */
  overCapacity: 4429,
} as const;

export const ERROR_CODES = [
  'bad-frame',
  'unauthorized',
  'rate-limited',
  'not-subscribed',
  'unknown-feed',
  'forbidden',
  'not-found',
  'illegal-transition',
  'over-capacity',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
