import { z } from 'zod';
import { FEED_NAMES } from './feed-names.js';
import { ERROR_CODES } from './limits.js';

/** Protocol v1 frames (docs/PROTOCOL.md). Text frames are JSON objects; `op` marks client→hub, `type` hub→client. */
export const PROTOCOL_VERSION = 1;

export const FeedNameSchema = z.enum(FEED_NAMES);
/** An epoch is 16 lowercase hex characters; it changes only when a feed's log is lost or reset. */
export const EpochSchema = z.string().regex(/^[0-9a-f]{16}$/, 'epoch must be 16 lowercase hex characters');
export const SeqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const ROLES = ['operator', 'duty-officer', 'wall', 'admin', 'source'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

// ── client → hub ────────────────────────────────────────────────────────────────────────────────────────────────
export const HelloFrame = z.strictObject({
  op: z.literal('hello'),
  token: z.string().min(1).max(512),
  /** Free text for logs/metrics, e.g. "console/0.1.0". */
  client: z.string().max(128).optional(),
});
/** A feed list of a subscribe/unsubscribe: each feed once (a repeat would start the feed twice). */
const FeedList = z
  .array(FeedNameSchema)
  .min(1)
  .max(FEED_NAMES.length)
  .refine((feeds) => new Set(feeds).size === feeds.length, 'a feed is listed more than once');
export const SubscribeFrame = z.strictObject({
  op: z.literal('subscribe'),
  feeds: FeedList,
  since: z.partialRecord(FeedNameSchema, z.strictObject({ epoch: EpochSchema, seq: SeqSchema })).optional(),
});
export const UnsubscribeFrame = z.strictObject({
  op: z.literal('unsubscribe'),
  feeds: FeedList,
});
const OpId = z.string().min(1).max(128);
const IncidentId = z.string().min(1).max(128);
const Note = z.string().max(2000);
export const AckFrame = z.strictObject({ op: z.literal('ack'), incident: IncidentId, note: Note.optional(), opId: OpId });
export const AssignFrame = z.strictObject({
  op: z.literal('assign'),
  incident: IncidentId,
  to: z.string().min(1).max(128),
  note: Note.optional(),
  opId: OpId,
});
export const ResolveFrame = z.strictObject({
  op: z.literal('resolve'),
  incident: IncidentId,
  note: Note.optional(),
  opId: OpId,
});
/**
 * Snooze: no escalation and no critical banner until `minutes` from now (1–1440); 0 wakes the incident. It stays in
 * the queue, marked, and its state does not change (docs/incidents.md).
 */
export const SnoozeFrame = z.strictObject({
  op: z.literal('snooze'),
  incident: IncidentId,
  minutes: z.number().int().min(0).max(1440),
  note: Note.optional(),
  opId: OpId,
});
const RequiredNote = z.string().trim().min(1, 'a note is required').max(2000);
/** A note on the timeline; the state does not change. */
export const CommentFrame = z.strictObject({ op: z.literal('comment'), incident: IncidentId, note: RequiredNote, opId: OpId });
/** A resolved incident back to open (duty officer): the note is the reason. */
export const ReopenFrame = z.strictObject({ op: z.literal('reopen'), incident: IncidentId, note: RequiredNote, opId: OpId });
const ManualTitle = z.string().trim().min(1).max(200);
/**
 * An incident logged by hand (a phone call, a patrol's report): kind `manual`, state open, at a point. A plain
 * string title stands for both languages.
 */
export const CreateFrame = z.strictObject({
  op: z.literal('create'),
  opId: OpId,
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  title: z.union([ManualTitle, z.strictObject({ vi: ManualTitle, en: ManualTitle })]),
  geometry: z.strictObject({
    type: z.literal('Point'),
    coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
  }),
  note: Note.optional(),
});
export const PingFrame = z.strictObject({ op: z.literal('ping'), id: z.string().max(64).optional() });
/** A moment of the retained window, replayed (docs/PROTOCOL.md §11). Times in ms; speed × real time, 0 = as fast as read. */
const ReplayId = z.string().min(1).max(64);
const Time = z.number().int().min(0).max(8_640_000_000_000_000);
export const ReplayFrame = z.strictObject({
  op: z.literal('replay'),
  replayId: ReplayId,
  at: Time,
  until: Time,
  speed: z.number().min(0).max(3600),
  feeds: FeedList,
});
export const ReplayStopFrame = z.strictObject({ op: z.literal('replay-stop'), replayId: ReplayId });
/** What the time bar draws: each feed's head seq once a minute between from and to, and how far back replay reaches. */
export const TimelineFrame = z.strictObject({ op: z.literal('timeline'), requestId: z.string().min(1).max(64), from: Time, to: Time });

export const ClientFrame = z.discriminatedUnion('op', [
  HelloFrame,
  SubscribeFrame,
  UnsubscribeFrame,
  AckFrame,
  AssignFrame,
  ResolveFrame,
  SnoozeFrame,
  CommentFrame,
  ReopenFrame,
  CreateFrame,
  PingFrame,
  ReplayFrame,
  ReplayStopFrame,
  TimelineFrame,
]);
export type ClientFrame = z.infer<typeof ClientFrame>;
export type ReplayFrame = z.infer<typeof ReplayFrame>;
export type HelloFrame = z.infer<typeof HelloFrame>;
export type SubscribeFrame = z.infer<typeof SubscribeFrame>;
/** An operation on an existing incident. */
export type IncidentOpFrame =
  | z.infer<typeof AckFrame>
  | z.infer<typeof AssignFrame>
  | z.infer<typeof ResolveFrame>
  | z.infer<typeof SnoozeFrame>
  | z.infer<typeof CommentFrame>
  | z.infer<typeof ReopenFrame>;
export type CreateFrame = z.infer<typeof CreateFrame>;
/** Every incident operation a person sends (one opId each, one audited answer each). */
export type OperationFrame = IncidentOpFrame | CreateFrame;

// ── hub → client ────────────────────────────────────────────────────────────────────────────────────────────────
export const FeedPosition = z.object({ epoch: EpochSchema, seq: SeqSchema });
export type FeedPosition = z.infer<typeof FeedPosition>;

export const WelcomeFrame = z.object({
  type: z.literal('welcome'),
  protocol: z.literal(PROTOCOL_VERSION),
  role: RoleSchema,
  name: z.string(),
  feeds: z.record(z.string(), FeedPosition),
  limits: z.record(z.string(), z.number()),
  /** The centre's teams, for assign (absent from a hub before they were configurable). */
  teams: z.array(z.object({ id: z.string(), name: z.object({ vi: z.string(), en: z.string() }) })).optional(),
});
export const Item = z.object({ seq: SeqSchema, ts: z.number().int(), data: z.unknown() });
export type Item = z.infer<typeof Item>;
export const EventsFrame = z.object({
  type: z.literal('events'),
  feed: FeedNameSchema,
  epoch: EpochSchema,
  /** True when these items are being replayed from the log after a `since`. */
  replay: z.boolean().optional(),
  items: z.array(Item).min(1),
});
export const SnapshotFrame = z.object({
  type: z.literal('snapshot'),
  feed: FeedNameSchema,
  epoch: EpochSchema,
  seq: SeqSchema,
  /** Why a snapshot instead of a replay: first subscription, epoch changed, or items no longer retained. */
  reason: z.enum(['initial', 'epoch-changed', 'not-retained', 'ahead']),
  state: z.unknown(),
});
export const HeartbeatFrame = z.object({
  type: z.literal('heartbeat'),
  ts: z.number().int(),
  feeds: z.record(z.string(), SeqSchema),
});
export const ResultFrame = z.object({
  type: z.literal('result'),
  opId: z.string(),
  ok: z.boolean(),
  incident: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const ErrorFrame = z.object({
  type: z.literal('error'),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** For bad-frame errors: how many this connection sent in the last minute, and the limit. */
  count: z.number().int().optional(),
  limit: z.number().int().optional(),
});
export const PongFrame = z.object({ type: z.literal('pong'), id: z.string().optional(), ts: z.number().int() });
export const SubscribedFrame = z.object({ type: z.literal('subscribed'), feeds: z.array(FeedNameSchema) });

export const ReplaySnapshotFrame = z.object({
  type: z.literal('replay-snapshot'),
  replayId: z.string(),
  feed: FeedNameSchema,
  at: z.number(),
  seq: SeqSchema,
  /** The feed's state as of `at` (the live snapshot's shape); for vehicles `{"keyframeTs", "slot"}`. */
  state: z.unknown(),
});
export const ReplayEventsFrame = z.object({
  type: z.literal('replay-events'),
  replayId: z.string(),
  feed: FeedNameSchema,
  items: z.array(Item).min(1),
});
export const TimelineResultFrame = z.object({
  type: z.literal('timeline'),
  requestId: z.string(),
  from: z.number(),
  to: z.number(),
  /** The oldest moment every logged feed can be replayed from, or null (no history yet). */
  oldest: z.number().nullable(),
  /** feed → [[minute ts, head seq], …] oldest first: activity per minute is the difference of consecutive seqs. */
  marks: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const ReplayEndFrame = z.object({
  type: z.literal('replay-end'),
  replayId: z.string(),
  ok: z.boolean(),
  /** done: every item up to `until` was sent; stopped: replay-stop or the connection's end. */
  reason: z.enum(['done', 'stopped']).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const HubFrame = z.discriminatedUnion('type', [
  ReplaySnapshotFrame,
  ReplayEventsFrame,
  ReplayEndFrame,
  TimelineResultFrame,
  WelcomeFrame,
  EventsFrame,
  SnapshotFrame,
  HeartbeatFrame,
  ResultFrame,
  ErrorFrame,
  PongFrame,
  SubscribedFrame,
]);
export type HubFrame = z.infer<typeof HubFrame>;
export type WelcomeFrame = z.infer<typeof WelcomeFrame>;
export type EventsFrame = z.infer<typeof EventsFrame>;
export type SnapshotFrame = z.infer<typeof SnapshotFrame>;
export type HeartbeatFrame = z.infer<typeof HeartbeatFrame>;
export type ResultFrame = z.infer<typeof ResultFrame>;
export type ErrorFrame = z.infer<typeof ErrorFrame>;
export type ReplaySnapshotFrame = z.infer<typeof ReplaySnapshotFrame>;
export type ReplayEventsFrame = z.infer<typeof ReplayEventsFrame>;
export type ReplayEndFrame = z.infer<typeof ReplayEndFrame>;
export type TimelineResultFrame = z.infer<typeof TimelineResultFrame>;

/** Summarise a zod error as `path: message; …` so an error frame names the offending field. */
export function describeIssues(error: z.ZodError, root = '(frame)'): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : root}: ${issue.message}`)
    .join('; ');
}
