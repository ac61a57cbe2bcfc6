import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SocAlert } from '../../feeds/protocol/feed-data.js';
import { parseSuricataEve } from '../../feeds/sources/soc-suricata-eve.js';
import { parseWazuh, wazuhSeverity } from '../../feeds/sources/soc-wazuh.js';
import { numberedLines } from '../../feeds/sources/source-result.js';
import { haiDuongContext, sampleLines } from './support.js';

test('Suricata eve.json: alerts become SocAlerts with agencies; flow, dns, http, stats, tls, fileinfo, anomaly ignored', async () => {
  const batch = parseSuricataEve(await sampleLines('eve.json'), await haiDuongContext());
  assert.equal(batch.accepted, 4);
  assert.equal(batch.rejected.length, 0, JSON.stringify(batch.rejected));
  assert.deepEqual(batch.ignored.map((i) => i.line), [1, 2, 4, 6, 7, 10, 11]);
  assert.match(batch.ignored[0]?.reason ?? '', /"flow" is not an alert/);
  const alerts = batch.items.map((item) => SocAlert.parse(item));
  assert.deepEqual(batch.itemLines, [3, 5, 8, 9]);
  const [sqli, smtp, beacon, ping] = alerts;
  assert.equal(sqli?.agency, 'ubnd-tinh'); // dest 10.61.1.11 in 10.61.1.0/24
  assert.equal(sqli?.severity, 1);
  assert.equal(sqli?.observedAt, Date.parse('2026-11-22T01:01:03.004Z'));
  assert.equal(smtp?.agency, 'ttdl'); // dest 10.61.4.25
  assert.equal(beacon?.agency, 'ttdl'); // outbound: dest outside every range, source 10.61.3.20 decides
  assert.equal(ping?.srcPort, null); // ICMP has no ports
  assert.equal(ping?.severity, 3);
  assert.equal(new Set(alerts.map((a) => a.id)).size, 4);
});

test('Suricata: garbage, mutated and truncated lines are rejected with their line and a reason naming the field', async () => {
  const batch = parseSuricataEve(await sampleLines('eve-garbage.json'), await haiDuongContext());
  assert.equal(batch.accepted, 1);
  assert.deepEqual(batch.ignored.map((i) => i.line), [7]);
  const reasons = new Map(batch.rejected.map((r) => [r.line, r.reason]));
  assert.deepEqual([...reasons.keys()], [2, 3, 4, 5, 6, 8]);
  assert.match(reasons.get(2) ?? '', /malformed JSON/);
  assert.match(reasons.get(3) ?? '', /alert\.severity/);
  assert.match(reasons.get(4) ?? '', /malformed JSON/); // truncated mid-line
  assert.match(reasons.get(5) ?? '', /timestamp/);
  assert.match(reasons.get(6) ?? '', /src_port/);
  assert.equal(batch.rejected.find((r) => r.line === 2)?.raw, 'this is not json at all');
});

test('Wazuh level → severity: 12–16 high (1), 7–11 medium (2), 0–6 low (3)', () => {
  assert.deepEqual([0, 3, 6, 7, 10, 11, 12, 15, 16].map(wazuhSeverity), [3, 3, 3, 2, 2, 2, 1, 1, 1]);
});

test('Wazuh alerts.json: network and host alerts mapped, level kept, alerts of the manager itself kept at the SOC home site', async () => {
  const batch = parseWazuh(await sampleLines('wazuh-alerts.json'), await haiDuongContext());
  assert.equal(batch.rejected.length, 0, JSON.stringify(batch.rejected));
  assert.equal(batch.accepted, 6);
  assert.deepEqual(batch.ignored, []);
  const alerts = batch.items.map((item) => SocAlert.parse(item));
  const [brute, fim, sqli, started, shellshock, onManager] = alerts;
  // Agent 000 with only data.srcip: an attack on the SOC's own host (the pack's soc.home: Sở TT&TT, 10.61.2.20).
  assert.deepEqual(
    { src: onManager?.srcIp, srcPort: onManager?.srcPort, dest: onManager?.destIp, agency: onManager?.agency, severity: onManager?.severity },
    { src: '185.220.101.4', srcPort: 40122, dest: '10.61.2.20', agency: 'so-tttt', severity: 2 },
  );
  // Agent 000 with no address at all (the manager's own notice): still an alert, at the home site, low severity.
  assert.deepEqual({ src: started?.srcIp, dest: started?.destIp, agency: started?.agency, severity: started?.severity }, { src: '10.61.2.20', dest: '10.61.2.20', agency: 'so-tttt', severity: 3 });
  assert.deepEqual(
    { sensor: brute?.sensor, level: brute?.level, severity: brute?.severity, src: brute?.srcIp, srcPort: brute?.srcPort, dest: brute?.destIp, agency: brute?.agency, sid: brute?.signatureId },
    { sensor: 'wazuh', level: 10, severity: 2, src: '45.155.205.233', srcPort: 51040, dest: '10.61.3.30', agency: 'ttdl', sid: 5712 },
  );
  assert.equal(brute?.category, 'syslog, sshd, authentication_failures');
  assert.equal(brute?.id, 'wazuh-1763773511.2291741-5712');
  // Host alert: the agent is both ends.
  assert.equal(fim?.srcIp, '10.61.4.10');
  assert.equal(fim?.destIp, '10.61.4.10');
  assert.equal(fim?.severity, 2);
  assert.equal(sqli?.severity, 1);
  assert.equal(sqli?.agency, 'ubnd-tinh');
  assert.equal(shellshock?.destPort, 80);
  assert.equal(shellshock?.level, 15);
});

test('Wazuh: mutated and truncated alerts are rejected with line and field', async () => {
  const good = (await sampleLines('wazuh-alerts.json'))[0]?.text ?? '';
  const value = JSON.parse(good) as { rule: Record<string, unknown>; data: Record<string, unknown>; timestamp: string };
  const mutate = (change: (v: typeof value) => void): string => {
    const copy = JSON.parse(good) as typeof value;
    change(copy);
    return JSON.stringify(copy);
  };
  const body = [
    good,
    mutate((v) => (v.rule['level'] = 'high')),
    mutate((v) => delete v.rule['id']),
    mutate((v) => (v.data['srcip'] = '999.1.1.1')),
    mutate((v) => (v.data['srcport'] = '70000')),
    mutate((v) => (v.timestamp = 'Nov 22 08:05:11')),
    good.slice(0, 120),
  ].join('\n');
  const batch = parseWazuh(numberedLines(body), await haiDuongContext());
  assert.equal(batch.accepted, 1);
  const reasons = batch.rejected.map((r) => `${r.line} ${r.reason}`);
  assert.equal(reasons.length, 6);
  assert.match(reasons[0] ?? '', /^2 rule\.level/);
  assert.match(reasons[1] ?? '', /^3 rule\.id/);
  assert.match(reasons[2] ?? '', /^4 data\.srcip/);
  assert.match(reasons[3] ?? '', /^5 data\.srcport/);
  assert.match(reasons[4] ?? '', /^6 timestamp/);
  assert.match(reasons[5] ?? '', /^7 malformed JSON/);
});
