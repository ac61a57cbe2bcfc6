import { parseJson } from '../protocol/parse-json.js';
import { z } from 'zod';
import type { SocAlert } from '../protocol/feed-data.js';
import { agencyForIp } from '../soc/agency-for-ip.js';
import { parseEveTimestamp } from '../soc/eve-timestamp.js';
import type { SourceContext } from './source-context.js';
import { describeIssues } from '../protocol/frames.js';
import { clipRaw, emptyBatch, NO_PARSE_LIMITS, stopAt, type NumberedLine, type ParseLimits, type SourceBatch } from './source-result.js';

/**
 * Wazuh level → our severity (Suricata's 1 = high … 3 = low), following Wazuh's own rule classification
 * (documentation "Rules classification"): 12–16 are the "high importance" levels (12 high importance event,
 * 13 unusual error, 14 high importance security event, 15 severe attack) → 1; 7–11 ("bad word" match, first time
 * seen, error from invalid source, multiple user errors, integrity checking warning) → 2; 0–6 (notifications,
 * successful events, low priority errors, low relevance attacks) → 3. The level itself is kept in `level`.
 */
export function wazuhSeverity(level: number): 1 | 2 | 3 {
  if (level >= 12) return 1;
  if (level >= 7) return 2;
  return 3;
}

const IpAddress = z.union([z.ipv4(), z.ipv6()]);
// Wazuh decoders write ports as strings ("52144"); accept numbers too.
const Port = z.union([z.number(), z.string().regex(/^\d{1,5}$/)]).transform(Number).pipe(z.number().int().min(0).max(65535));

/** The fields of an alerts.json line we read; Wazuh adds many more (manager, decoder, full_log, mitre …). */
export const WazuhAlert = z.looseObject({
  timestamp: z.string().refine((text) => parseEveTimestamp(text) !== null, 'expected ISO 8601 with offset, e.g. 2026-11-22T08:01:02.123+0700'),
  // Unique per alert ("1763773262.1234567"): the basis of a stable id.
  id: z.string().min(1),
  rule: z.looseObject({
    level: z.number().int().min(0).max(16),
    id: z.string().regex(/^\d+$/, 'expected a numeric rule id'),
    description: z.string(),
    groups: z.array(z.string()).optional(),
  }),
  agent: z.looseObject({ id: z.string().optional(), name: z.string().optional(), ip: IpAddress.optional() }),
  data: z
    .looseObject({
      srcip: IpAddress.optional(),
      dstip: IpAddress.optional(),
      srcport: Port.optional(),
      dstport: Port.optional(),
      protocol: z.string().optional(),
    })
    .optional(),
});
export type WazuhAlert = z.infer<typeof WazuhAlert>;

export type WazuhLineResult =
  | { kind: 'alert'; alert: SocAlert }
  | { kind: 'ignored'; reason: string }
  | { kind: 'error'; reason: string };

/** Stands in for an address an alert does not have and the region cannot supply (no home site in the pack). */
const UNSPECIFIED_IP = '0.0.0.0';

/**
 * One alerts.json line → SocAlert. Network alerts carry data.srcip / data.dstip; host alerts (syscheck, rootcheck,
 * auth failures without a peer) have only the agent: the agent's address stands in for the missing side, since
 * the agent is the host the alert is about. An alert with no agent address (raised on the manager itself, agent
 * 000) is about the SOC's own host: it is kept and placed at the region's home site (`soc.home` of the pack), the
 * attacker being data.srcip when there is one. Agency: the one whose range holds the destination, else the source
 * (same rule as Suricata).
 */
export function parseWazuhLine(text: string, region: Pick<SourceContext['region'], 'agencies' | 'home'>): WazuhLineResult {
  const json = parseJson(text);
  if (!json.ok) return { kind: 'error', reason: json.reason };
  const value = json.value;
  const parsed = WazuhAlert.safeParse(value);
  if (!parsed.success) return { kind: 'error', reason: describeIssues(parsed.error, '(record)') };
  const alert = parsed.data;
  const onManager = alert.agent.ip === undefined && alert.data?.dstip === undefined;
  const homeIp = region.home?.ip ?? UNSPECIFIED_IP;
  const destIp = alert.data?.dstip ?? alert.agent.ip ?? homeIp;
  const srcIp = alert.data?.srcip ?? alert.agent.ip ?? homeIp;
  const agency = onManager ? (region.home?.agency ?? null) : (agencyForIp(region.agencies, destIp) ?? agencyForIp(region.agencies, srcIp));
  return {
    kind: 'alert',
    alert: {
      kind: 'alert',
      id: `wazuh-${alert.id}-${alert.rule.id}`,
      sensor: 'wazuh',
      observedAt: parseEveTimestamp(alert.timestamp) ?? 0,
      srcIp,
      srcPort: alert.data?.srcport ?? null,
      destIp,
      destPort: alert.data?.dstport ?? null,
      proto: alert.data?.protocol ?? '',
      signature: alert.rule.description,
      signatureId: Number(alert.rule.id),
      category: (alert.rule.groups ?? []).join(', '),
      severity: wazuhSeverity(alert.rule.level),
      agency,
      level: alert.rule.level,
    },
  };
}

/** Wazuh alerts.json (one alert per line). */
export function parseWazuh(lines: readonly NumberedLine[], context: SourceContext, limits: ParseLimits = NO_PARSE_LIMITS): SourceBatch {
  const batch = emptyBatch('soc');
  for (let i = 0; i < lines.length; i++) {
    batch.unexamined = stopAt(lines, i, batch.rejected.length, limits);
    if (batch.unexamined) break;
    const { line, text } = lines[i] as NumberedLine;
    const result = parseWazuhLine(text, context.region);
    if (result.kind === 'alert') {
      batch.items.push(result.alert);
      batch.itemLines.push(line);
      batch.accepted += 1;
    } else if (result.kind === 'ignored') {
      batch.ignored.push({ line, reason: result.reason });
    } else {
      batch.rejected.push({ line, reason: result.reason, raw: clipRaw(text) });
    }
  }
  return batch;
}
