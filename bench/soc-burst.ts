import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHubArgs } from '../feeds/hub/cli-args.js';
import { runHub } from '../feeds/hub/run-hub.js';
import { IncidentData } from '../feeds/protocol/feed-data.js';
import type { LoggedFeed } from '../feeds/protocol/feed-names.js';
import type { StoredItem } from '../feeds/store/log-store.js';

/**
 * SOC burst (docs/bench.md (i)): 50,000 Suricata alerts posted to the ingest API of a hub on SQLite with the
 * region's incident engine running, as fast as two senders can post batches of 2,000 lines. Reported: alerts/s,
 * that every alert is in the log (0 lost), and how many incidents the SOC rules opened (deduplicated by rule).
 * Baseline in the same run: the same count of alerts appended to the log directly (no HTTP, no parsing).
 */
export interface SocBurstBench {
  readonly alerts: number;
  readonly seconds: number;
  readonly alertsPerSecond: number;
  readonly logged: number;
  readonly lost: number;
  readonly socIncidents: number;
  readonly baseline: { readonly alerts: number; readonly seconds: number; readonly alertsPerSecond: number };
}

const SOURCE_TOKEN = 'bench-source-token-0001';
const BATCH = 2000;
const SENDERS = 2;
/** Targets of the region's agencies (regions/hai-duong agencies.json ranges) and a few attacker networks. */
const TARGETS = ['10.61.1.10', '10.61.1.11', '10.61.2.10', '10.61.3.30', '10.61.4.10'];
const SIGNATURES = [
  { id: 2001219, text: 'ET SCAN Potential SSH Scan', category: 'Attempted Information Leak', severity: 2 },
  { id: 2024897, text: 'ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT', category: 'Web Application Attack', severity: 1 },
  { id: 2010935, text: 'ET SCAN Suspicious inbound to MSSQL port 1433', category: 'Potentially Bad Traffic', severity: 2 },
  { id: 2402000, text: 'ET DROP Dshield Block Listed Source', category: 'Misc Attack', severity: 3 },
];

/** One EVE alert line; mostly low-severity background, one in twenty from a handful of high-severity campaigns. */
export function eveAlertLine(n: number, startMs: number): string {
  const signature = n % 20 === 0 ? SIGNATURES[1] : SIGNATURES[n % 4 === 1 ? 0 : (n % 4) as 0 | 2 | 3];
  const campaign = n % 20 === 0;
  const src = campaign ? `185.220.101.${(n / 20) % 8}` : `203.0.113.${n % 250}`;
  const timestamp = new Date(startMs + Math.floor((n * 60_000) / 50_000)).toISOString().replace('Z', '+0000');
  return JSON.stringify({
    timestamp,
    flow_id: 1_000_000_000 + n,
    event_type: 'alert',
    src_ip: src,
    src_port: 30_000 + (n % 30_000),
    dest_ip: TARGETS[n % TARGETS.length],
    dest_port: 443,
    proto: 'TCP',
    alert: { action: 'allowed', gid: 1, signature_id: signature?.id, rev: 1, signature: signature?.text, category: signature?.category, severity: signature?.severity },
  });
}

export async function benchSocBurst(alerts: number): Promise<SocBurstBench> {
  const dir = await mkdtemp(join(tmpdir(), 'ioc-bench-burst-'));
  const configPath = join(dir, 'hub.json');
  await writeFile(configPath, JSON.stringify({ auth: { tokens: [{ token: SOURCE_TOKEN, role: 'source', name: 'Bench sensor' }] } }));
  const args = parseHubArgs(['--region', 'regions/hai-duong', '--db', join(dir, 'hub.db'), '--port', '0', '--host', '127.0.0.1', '--config', configPath]);
  const running = await runHub(args);
  const hub = running.hub;
  try {
    const startMs = Date.now();
    const lines = Array.from({ length: alerts }, (_, n) => eveAlertLine(n, startMs));
    const bodies: string[] = [];
    for (let at = 0; at < lines.length; at += BATCH) bodies.push(lines.slice(at, at + BATCH).join('\n'));
    const before = hub.headSeq('soc');
    const t0 = performance.now();
    let next = 0;
    let accepted = 0;
    const sender = async (): Promise<void> => {
      for (let index = next++; index < bodies.length; index = next++) {
        const response = await fetch(`${hub.url}/v1/ingest/soc?format=suricata-eve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SOURCE_TOKEN}` },
          body: bodies[index],
        });
        const answer = (await response.json()) as { accepted?: number; error?: string };
        if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${answer.error ?? ''}`);
        accepted += answer.accepted ?? 0;
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    const seconds = (performance.now() - t0) / 1000;
    const logged = hub.headSeq('soc') - before;
    // The incident engine folds committed alerts on the same loop; give it a moment to publish what it opened.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const socIncidents = await distinctIncidents(hub.readLog.bind(hub), (kind) => kind.startsWith('soc-'));

    // Baseline: the same number of alerts straight into the log in batches of the same size.
    const items = lines.map((_, n) => ({
      kind: 'alert', id: `baseline-${n}`, sensor: 'suricata', observedAt: startMs + n, srcIp: '203.0.113.7', srcPort: 40_000,
      destIp: '10.61.1.10', destPort: 443, proto: 'TCP', signature: 'ET SCAN Potential SSH Scan', signatureId: 2001219,
      category: 'Attempted Information Leak', severity: 3, agency: null,
    }));
    const b0 = performance.now();
    for (let at = 0; at < items.length; at += BATCH) await hub.publish('soc', items.slice(at, at + BATCH));
    const baselineSeconds = (performance.now() - b0) / 1000;
    return {
      alerts,
      seconds,
      alertsPerSecond: accepted / seconds,
      logged,
      lost: alerts - logged,
      socIncidents,
      baseline: { alerts: items.length, seconds: baselineSeconds, alertsPerSecond: items.length / baselineSeconds },
    };
  } finally {
    await running.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

type ReadLog = (feed: LoggedFeed, afterSeq: number, limit: number) => Promise<StoredItem[]>;

async function distinctIncidents(readLog: ReadLog, kindMatches: (kind: string) => boolean): Promise<number> {
  const ids = new Set<string>();
  for (let after = 0; ; ) {
    const page = await readLog('incidents', after, 5000);
    if (page.length === 0) break;
    for (const item of page) {
      const parsed = IncidentData.safeParse(JSON.parse(item.json));
      if (parsed.success && kindMatches(parsed.data.incident.kind)) ids.add(parsed.data.incident.id);
    }
    after = page[page.length - 1]?.seq ?? after;
  }
  return ids.size;
}
