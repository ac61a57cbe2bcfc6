import { describeIssues } from '../protocol/frames.js';
import { parseJson } from '../protocol/parse-json.js';
import { z } from 'zod';
import type { SocAlert } from '../protocol/feed-data.js';
import type { AgencyTarget } from './agency-target.js';
import { agencyForIp } from './agency-for-ip.js';
import { parseEveTimestamp } from './eve-timestamp.js';

/**
 * Suricata EVE JSON, `event_type: "alert"` records (https://docs.suricata.io/en/latest/output/eve/eve-json-format.html).
 * Loose objects: Suricata adds fields between versions (metadata, flow, pkt_src, …) and we keep whatever it sends.
 */

const Port = z.number().int().min(0).max(65535);
const IpAddress = z.union([z.ipv4(), z.ipv6()]);

export const EveTimestamp = z
  .string()
  .refine((text) => parseEveTimestamp(text) !== null, 'expected ISO 8601 with offset, e.g. 2026-11-22T08:01:02.123456+0700');

export const SuricataEveAlertBody = z.looseObject({
  action: z.enum(['allowed', 'blocked']),
  gid: z.number().int().min(0),
  signature_id: z.number().int().min(0),
  rev: z.number().int().min(0),
  signature: z.string(),
  // Empty when the rule has no classtype.
  category: z.string(),
  // 1 = high … 3 = low (classification.config priority).
  severity: z.literal([1, 2, 3]),
});

export const SuricataEveAlert = z.looseObject({
  timestamp: EveTimestamp,
  // 64-bit in Suricata; JSON numbers above 2^53 lose precision, harmless since we only pass it through. Optional:
  // alerts on packets Suricata did not track as a flow have none, and losing such an alert would be worse.
  flow_id: z.number().min(0).optional(),
  // Absent when Suricata reads a pcap file rather than an interface.
  in_iface: z.string().optional(),
  event_type: z.literal('alert'),
  src_ip: IpAddress,
  // ICMP and other port-less protocols carry icmp_type/icmp_code instead of ports.
  src_port: Port.optional(),
  dest_ip: IpAddress,
  dest_port: Port.optional(),
  proto: z.string().min(1),
  alert: SuricataEveAlertBody,
  app_proto: z.string().optional(),
  http: z.looseObject({}).optional(),
  tls: z.looseObject({}).optional(),
  dns: z.looseObject({}).optional(),
});
export type SuricataEveAlert = z.infer<typeof SuricataEveAlert>;

/** Just enough to tell an alert from the other event types before validating it in full. */
const EveEnvelope = z.looseObject({ event_type: z.string().min(1) });

export type EveLineResult =
  | { kind: 'alert'; alert: SuricataEveAlert }
  | { kind: 'ignored'; eventType: string }
  | { kind: 'error'; reason: string };

/** One line of an eve.json file. Never throws: a bad line becomes an `error` whose reason names the field. */
export function parseEveLine(line: string): EveLineResult {
  const text = line.trim();
  if (text === '') return { kind: 'error', reason: 'empty line' };
  const json = parseJson(text);
  if (!json.ok) return { kind: 'error', reason: json.reason };
  const value = json.value;
  const envelope = EveEnvelope.safeParse(value);
  if (!envelope.success) return { kind: 'error', reason: describeIssues(envelope.error, '(record)') };
  if (envelope.data.event_type !== 'alert') return { kind: 'ignored', eventType: envelope.data.event_type };
  const alert = SuricataEveAlert.safeParse(value);
  return alert.success ? { kind: 'alert', alert: alert.data } : { kind: 'error', reason: describeIssues(alert.error, '(record)') };
}

/**
 * Map a validated EVE alert onto the feed model. The agency is the one whose range holds dest_ip; when the
 * destination is outside every agency (an internal host calling out, e.g. a C2 beacon) it is the source's agency.
 */
export function eveToAlert(
  eve: SuricataEveAlert,
  agencies: readonly Pick<AgencyTarget, 'id' | 'ipRanges'>[],
  id: string,
): SocAlert {
  // The schema refined the timestamp, so parsing cannot fail here; 0 only guards a caller that skipped the schema.
  const observedAt = parseEveTimestamp(eve.timestamp) ?? 0;
  return {
    kind: 'alert',
    id,
    sensor: 'suricata',
    observedAt,
    srcIp: eve.src_ip,
    srcPort: eve.src_port ?? null,
    destIp: eve.dest_ip,
    destPort: eve.dest_port ?? null,
    proto: eve.proto,
    signature: eve.alert.signature,
    signatureId: eve.alert.signature_id,
    category: eve.alert.category,
    severity: eve.alert.severity,
    agency: agencyForIp(agencies, eve.dest_ip) ?? agencyForIp(agencies, eve.src_ip),
  };
}

/**
 * A stable id for an EVE alert, for sources that ingest eve.json: the same line read twice (a re-sent file, a
 * tailer restarting) yields the same id, so duplicates can be recognised downstream.
 */
export function eveAlertId(eve: SuricataEveAlert): string {
  return `eve-${eve.flow_id ?? 'noflow'}-${eve.alert.gid}:${eve.alert.signature_id}-${parseEveTimestamp(eve.timestamp) ?? eve.timestamp}`;
}
