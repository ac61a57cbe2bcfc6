import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { RoleSchema } from '../protocol/frames.js';
import { parseJetStreamUrl } from '../store/jetstream/jetstream-url.js';
import { LIMITS } from '../protocol/limits.js';
import { FILE_SOURCE_TYPE_NAMES } from '../sources/file-source-types.js';
import { IncidentConfigSchema } from '../incidents/incident-config.js';
import { parseStoreLocation } from '../store/store-location.js';

/** The hub's config file (docs/PROTOCOL.md, docs/architecture.md §4). Only `auth.tokens` is required; everything else has a default. */
export const HubConfigSchema = z.strictObject({
  auth: z.strictObject({
    tokens: z
      .array(
        z.strictObject({
          token: z.string().min(16, 'a token must be at least 16 characters'),
          role: RoleSchema,
          name: z.string().min(1),
        }),
      )
      .min(1),
    /**
     * Page origins allowed to open the stream besides the hub's own (http://127.0.0.1:<port>, localhost) and the
     * Electron console's (app://console), e.g. "https://ioc.example.vn" where a web server serves the console.
     * An upgrade with another Origin is refused 403; tools that send no Origin still need a token (docs/security.md).
     */
    allowedOrigins: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i, 'an origin is scheme://host[:port], no path')).default([]),
  }),
  permissions: z
    .strictObject({
      ack: z.array(RoleSchema).default(['operator', 'duty-officer', 'admin']),
      assign: z.array(RoleSchema).default(['operator', 'duty-officer', 'admin']),
      resolve: z.array(RoleSchema).default(['operator', 'duty-officer', 'admin']),
      snooze: z.array(RoleSchema).default(['operator', 'duty-officer', 'admin']),
      comment: z.array(RoleSchema).default(['operator', 'duty-officer', 'admin']),
      /** Reopening a resolved incident undoes someone's decision: the duty officer's call. */
      reopen: z.array(RoleSchema).default(['duty-officer', 'admin']),
      create: z.array(RoleSchema).default(['operator', 'duty-officer', 'admin']),
    })
    .prefault({}),
  store: z
    .strictObject({
      retentionHours: z.number().positive().max(24 * 365).default(24),
      /** Rejected records (the quarantine table) are kept longer than the log: someone has to look at them. */
      quarantineRetentionDays: z.number().positive().max(3650).default(30),
      /** …and a size budget: the oldest rows go first once either is exceeded (docs/security.md). */
      quarantineMaxRows: z.number().int().min(1000).default(100_000),
      quarantineMaxMegabytes: z.number().positive().default(256),
      synchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
      checkpointEveryItems: z.number().int().positive().default(2000),
      checkpointEverySeconds: z.number().positive().default(60),
      /** A state checkpoint kept for replay this often: a seek folds at most this much log (docs/PROTOCOL.md §11). */
      replayCheckpointMinutes: z.number().positive().max(60).default(5),
    })
    .prefault({}),
  limits: z
    .strictObject({
      maxClientBacklogBytes: z.number().int().min(1024 * 1024).default(LIMITS.maxClientBacklogBytes),
      maxInboundFramesPerSecond: z.number().int().min(LIMITS.maxInboundFramesPerSecond).default(LIMITS.maxInboundFramesPerSecond),
      maxBadFramesPerMinute: z.number().int().min(LIMITS.maxBadFramesPerMinute).default(LIMITS.maxBadFramesPerMinute),
      maxClients: z.number().int().positive().default(1000),
      maxPendingClients: z.number().int().min(8).default(64),
      maxPendingPerAddress: z.number().int().min(1).default(16),
      maxConnectionsPerAddress: z.number().int().min(1).default(256),
      maxFailedHellosPerMinute: z.number().int().min(1).default(10),
      maxConnectionsPerToken: z
        .strictObject({
          operator: z.number().int().min(1).default(8),
          'duty-officer': z.number().int().min(1).default(8),
          admin: z.number().int().min(1).default(8),
          wall: z.number().int().min(1).default(16),
        })
        .prefault({}),
      /** Refused operations audited per connection and minute; the rest are answered and counted, not written. */
      maxAuditedRefusalsPerMinute: z.number().int().min(1).default(10),
    })
    .prefault({}),
  simulator: z
    .strictObject({
      vehicles: z.number().int().min(0).max(100_000).default(2000),
      /** The demo scenario (docs/incidents.md): off by default, `--demo` / `--no-demo` on the command line win. */
      demo: z.boolean().default(false),
    })
    .prefault({}),
  /** Incident rules' thresholds and escalation timeouts (feeds/incidents/incident-config.ts, docs/incidents.md). */
  incidents: IncidentConfigSchema,
  /**
   * Where the feed log and the state tables live, as URLs (`--log` / `--store` win over these). Absent: both in the
   * --db SQLite file. `store`: a SQLite path, `sqlite:PATH` or `postgres://host:port/db` (docs/decisions/004).
   */
  backends: z
    .strictObject({
      log: z
        .string()
        .min(1)
        .refine((url) => {
          try {
            parseJetStreamUrl(url);
            return true;
          } catch {
            return false;
          }
        }, 'expected nats://host:port[,host:port][/prefix]')
        .optional(),
      store: z
        .string()
        .min(1)
        .superRefine((text, ctx) => {
          try {
            parseStoreLocation(text);
          } catch (error) {
            ctx.addIssue({ code: 'custom', message: (error as Error).message });
          }
        })
        .optional(),
    })
    .prefault({}),
  /** Files tailed into the hub (feeds/sources/file-source.ts, docs/sources.md); relative paths from the config's folder. */
  sources: z
    .array(z.strictObject({ type: z.enum(FILE_SOURCE_TYPE_NAMES), path: z.string().min(1), follow: z.boolean().default(true) }))
    .default([]),
});
export type HubConfig = z.infer<typeof HubConfigSchema>;

/** Whether the simulator runs its demo scenario: the command line's `--demo` / `--no-demo` if given, else the config. */
export function simulatorDemo(flag: boolean | null, config: Pick<HubConfig, 'simulator'>): boolean {
  return flag ?? config.simulator.demo;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parse a config object; an error names the file and the offending field path. */
export function parseHubConfig(value: unknown, file: string): HubConfig {
  const result = HubConfigSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new ConfigError(`${file}: ${path}: ${issue?.message ?? 'invalid'}`);
  }
  const tokens = new Set<string>();
  for (const [index, entry] of result.data.auth.tokens.entries()) {
    if (tokens.has(entry.token)) throw new ConfigError(`${file}: auth.tokens.${index}.token: duplicate token`);
    tokens.add(entry.token);
  }
  return result.data;
}

export async function loadHubConfig(file: string): Promise<HubConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read config: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  return parseHubConfig(value, file);
}
