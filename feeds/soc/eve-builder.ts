import type { Random } from '../sim/random.js';
import { formatEveTimestamp } from './eve-timestamp.js';
import type { PlannedAlert } from './soc-scenarios.js';
import type { SuricataEveAlert } from './suricata-eve.js';

export interface EveSensor {
  /** Suricata's `host` (sensor-name). */
  readonly host: string;
  readonly iface: string;
  /** Local time of the sensor, minutes east of UTC (Việt Nam: 420). */
  readonly timeZoneOffsetMinutes: number;
}

/** Write a planned alert the way Suricata 7 does in eve.json, including the flow counters and app-layer objects. */
export function buildEveAlert(plan: PlannedAlert, random: Random, sensor: EveSensor): SuricataEveAlert {
  const pkts = random.int(1, 12);
  const flowStart = plan.at - random.int(0, 2000);
  return {
    timestamp: formatEveTimestamp(plan.at, sensor.timeZoneOffsetMinutes, random.int(0, 999)),
    // Realistic 16-digit flow ids, kept under 2^53 so they survive JSON numbers exactly.
    flow_id: random.int(1e15, 9e15),
    in_iface: sensor.iface,
    event_type: 'alert',
    src_ip: plan.srcIp,
    ...(plan.srcPort !== null ? { src_port: plan.srcPort } : {}),
    dest_ip: plan.destIp,
    ...(plan.destPort !== null ? { dest_port: plan.destPort } : {}),
    proto: plan.proto,
    ...(plan.proto === 'ICMP' ? { icmp_type: 8, icmp_code: 0 } : {}),
    pkt_src: 'wire/pcap',
    direction: 'to_server',
    host: sensor.host,
    alert: {
      action: 'allowed',
      gid: plan.signature.gid,
      signature_id: plan.signature.sid,
      rev: plan.signature.rev,
      signature: plan.signature.signature,
      category: plan.signature.category,
      severity: plan.signature.severity,
    },
    ...(plan.appProto ? { app_proto: plan.appProto } : {}),
    ...(plan.http
      ? {
          http: {
            hostname: plan.http.hostname,
            url: plan.http.url,
            http_user_agent: plan.http.userAgent,
            http_method: plan.http.method,
            protocol: 'HTTP/1.1',
            status: plan.http.status,
            length: random.int(120, 24_000),
          },
        }
      : {}),
    ...(plan.sni ? { tls: { sni: plan.sni, version: 'TLS 1.2', ja3: { hash: 'a0e9f5d64349fb13191bc781f81f42e1' } } } : {}),
    flow: {
      pkts_toserver: pkts,
      pkts_toclient: random.int(0, pkts),
      bytes_toserver: pkts * random.int(60, 900),
      bytes_toclient: random.int(0, pkts) * random.int(60, 1400),
      start: formatEveTimestamp(flowStart, sensor.timeZoneOffsetMinutes, random.int(0, 999)),
    },
  };
}
