/**
 * Signatures the SOC simulator draws from: Emerging Threats open ("ET …", "GPL …", "SURICATA …" decoder events)
 * and ET Pro ("ETPRO …") style. Names and classtypes follow the public rulesets; some ids are illustrative. The
 * category is the classtype's description and the severity its priority in Suricata's classification.config, so
 * category and severity always agree the way a real sensor reports them.
 */
export interface EveSignature {
  readonly sid: number;
  readonly rev: number;
  /** Generator id: 1 for rules, also 1 for Suricata's own decoder/stream events. */
  readonly gid: number;
  readonly signature: string;
  readonly category: string;
  readonly severity: 1 | 2 | 3;
}

const INFO_LEAK = 'Attempted Information Leak'; // attempted-recon, priority 2
const MISC_ACTIVITY = 'Misc activity'; // misc-activity, 3
const MISC_ATTACK = 'Misc Attack'; // misc-attack, 2
const DECODE = 'Generic Protocol Command Decode'; // protocol-command-decode, 3
const NOT_SUSPICIOUS = 'Not Suspicious Traffic'; // not-suspicious, 3
const BAD_UNKNOWN = 'Potentially Bad Traffic'; // bad-unknown, 2
const TROJAN = 'A Network Trojan was detected'; // trojan-activity, 1
const WEB_ATTACK = 'Web Application Attack'; // web-application-attack, 1
const ADMIN = 'Attempted Administrator Privilege Gain'; // attempted-admin, 1

function sig(sid: number, rev: number, signature: string, category: string, severity: 1 | 2 | 3): EveSignature {
  return { sid, rev, gid: 1, signature, category, severity };
}

// ── port scans: what a SYN sweep trips, by destination port ────────────────────────────────────────────────────
export const SCAN_BY_PORT: ReadonlyMap<number, EveSignature> = new Map([
  [22, sig(2001219, 20, 'ET SCAN Potential SSH Scan', INFO_LEAK, 2)],
  [1433, sig(2010935, 4, 'ET SCAN Suspicious inbound to MSSQL port 1433', INFO_LEAK, 2)],
  [1521, sig(2010936, 3, 'ET SCAN Suspicious inbound to Oracle SQL port 1521', INFO_LEAK, 2)],
  [3306, sig(2010937, 3, 'ET SCAN Suspicious inbound to mySQL port 3306', INFO_LEAK, 2)],
  [5432, sig(2010939, 3, 'ET SCAN Suspicious inbound to PostgreSQL port 5432', INFO_LEAK, 2)],
  [5900, sig(2002911, 6, 'ET SCAN Potential VNC Scan 5900-5920', INFO_LEAK, 2)],
  [445, sig(2001569, 14, 'ET SCAN Behavioral Unusual Port 445 traffic Potential Scan or Infection', MISC_ACTIVITY, 3)],
  [135, sig(2001579, 15, 'ET SCAN Behavioral Unusual Port 135 traffic Potential Scan or Infection', MISC_ACTIVITY, 3)],
  [139, sig(2001583, 15, 'ET SCAN Behavioral Unusual Port 139 traffic Potential Scan or Infection', MISC_ACTIVITY, 3)],
  [23, sig(2023753, 4, 'ET POLICY Telnet Login Attempt from External Host', BAD_UNKNOWN, 2)],
]);
/** Any other port in a sweep. */
export const SCAN_GENERIC = sig(2009582, 3, 'ET SCAN NMAP -sS window 1024', INFO_LEAK, 2);
export const SCAN_PORTS: readonly number[] = [
  21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 1433, 1521, 3306, 3389, 5432, 5900, 6379, 8080, 8443, 9200,
];

// ── brute force ────────────────────────────────────────────────────────────────────────────────────────────────
export const SSH_BRUTE_FORCE: readonly EveSignature[] = [
  sig(2001219, 20, 'ET SCAN Potential SSH Scan', INFO_LEAK, 2),
  sig(2006546, 9, 'ET SCAN LibSSH Based Frequent SSH Connections Likely BruteForce Attack', MISC_ACTIVITY, 3),
];
export const RDP_BRUTE_FORCE: readonly EveSignature[] = [
  sig(2838532, 3, 'ETPRO SCAN Possible RDP Brute Force (Excessive CredSSP Connection Attempts)', INFO_LEAK, 2),
  sig(2023753, 4, 'ET SCAN MS Terminal Server Traffic on Non-standard Port', INFO_LEAK, 2),
];

// ── web application attacks ────────────────────────────────────────────────────────────────────────────────────
export const WEB_ATTACKS: readonly EveSignature[] = [
  sig(2006446, 14, 'ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT', WEB_ATTACK, 1),
  sig(2006445, 14, 'ET WEB_SERVER Possible SQL Injection Attempt SELECT FROM', WEB_ATTACK, 1),
  sig(2009714, 8, 'ET WEB_SERVER Script tag in URI Possible Cross Site Scripting Attempt', WEB_ATTACK, 1),
  sig(2034647, 3, 'ET EXPLOIT Apache log4j RCE Attempt (http ldap) (CVE-2021-44228)', ADMIN, 1),
];

// ── command and control ────────────────────────────────────────────────────────────────────────────────────────
export interface C2Family {
  readonly signature: EveSignature;
  /** Beacon path for HTTP C2 (TLS C2 shows an SNI instead). */
  readonly uri: string;
  readonly sni: string;
}
export const C2_FAMILIES: readonly C2Family[] = [
  { signature: sig(2028591, 4, 'ET MALWARE Cobalt Strike Beacon Observed', TROJAN, 1), uri: '/jquery-3.3.1.min.js', sni: 'cdn-update.example.net' },
  { signature: sig(2852922, 2, 'ETPRO MALWARE Win32/PlugX CnC Beacon', TROJAN, 1), uri: '/update?id=0001a3f2', sni: 'officeupdate.example.com' },
  { signature: sig(2030673, 3, 'ET MALWARE Win32/AsyncRAT CnC Checkin', TROJAN, 1), uri: '/gate.php', sni: 'static-cache.example.org' },
  { signature: sig(2036934, 2, 'ET MALWARE ShadowPad CnC Beacon', TROJAN, 1), uri: '/index.aspx', sni: 'mail.example.org' },
];

// ── background noise ───────────────────────────────────────────────────────────────────────────────────────────
export interface NoiseSignature {
  readonly signature: EveSignature;
  /** Relative frequency. */
  readonly weight: number;
  /** Inbound: external → agency system; outbound: agency system → external. */
  readonly direction: 'inbound' | 'outbound';
  readonly proto: 'TCP' | 'UDP' | 'ICMP';
  /** Fixed destination port; otherwise the target system's port (inbound) or 443 (outbound). */
  readonly port?: number;
  readonly appProto?: string;
}
export const NOISE: readonly NoiseSignature[] = [
  { signature: sig(2403341, 85412, 'ET CINS Active Threat Intelligence Poor Reputation IP group 42', MISC_ATTACK, 2), weight: 14, direction: 'inbound', proto: 'TCP' },
  { signature: sig(2402000, 7050, 'ET DROP Dshield Block Listed Source', MISC_ATTACK, 2), weight: 6, direction: 'inbound', proto: 'TCP' },
  { signature: sig(2100366, 8, 'GPL ICMP_INFO PING *NIX', MISC_ACTIVITY, 3), weight: 12, direction: 'inbound', proto: 'ICMP' },
  { signature: sig(2210020, 2, 'SURICATA STREAM ESTABLISHED packet out of window', DECODE, 3), weight: 12, direction: 'inbound', proto: 'TCP' },
  { signature: sig(2210045, 2, 'SURICATA STREAM Packet with invalid ack', DECODE, 3), weight: 8, direction: 'inbound', proto: 'TCP' },
  { signature: sig(2230010, 1, 'SURICATA TLS invalid record/traffic', DECODE, 3), weight: 5, direction: 'inbound', proto: 'TCP', port: 443, appProto: 'tls' },
  { signature: sig(2001569, 14, 'ET SCAN Behavioral Unusual Port 445 traffic Potential Scan or Infection', MISC_ACTIVITY, 3), weight: 5, direction: 'inbound', proto: 'TCP', port: 445 },
  { signature: sig(2010935, 4, 'ET SCAN Suspicious inbound to MSSQL port 1433', INFO_LEAK, 2), weight: 3, direction: 'inbound', proto: 'TCP', port: 1433 },
  { signature: sig(2013504, 6, 'ET POLICY GNU/Linux APT User-Agent Outbound likely related to package management', NOT_SUSPICIOUS, 3), weight: 10, direction: 'outbound', proto: 'TCP', port: 80, appProto: 'http' },
  { signature: sig(2013028, 7, 'ET POLICY curl User-Agent Outbound', INFO_LEAK, 2), weight: 4, direction: 'outbound', proto: 'TCP', port: 80, appProto: 'http' },
  { signature: sig(2027758, 4, 'ET INFO Observed DNS Query to .cloud TLD', MISC_ACTIVITY, 3), weight: 6, direction: 'outbound', proto: 'UDP', port: 53, appProto: 'dns' },
  { signature: sig(2029340, 2, 'ET INFO TLS Handshake Failure', BAD_UNKNOWN, 2), weight: 3, direction: 'outbound', proto: 'TCP', port: 443, appProto: 'tls' },
  // The odd opportunistic exploit probe: severity 1 even without a campaign behind it, a couple a day.
  { signature: sig(2034647, 3, 'ET EXPLOIT Apache log4j RCE Attempt (http ldap) (CVE-2021-44228)', ADMIN, 1), weight: 0.05, direction: 'inbound', proto: 'TCP', port: 80, appProto: 'http' },
];
