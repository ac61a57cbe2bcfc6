import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SocAlert } from '../protocol/feed-data.js';
import type { AgencyTarget } from './agency-target.js';
import { formatEveTimestamp, parseEveTimestamp } from './eve-timestamp.js';
import { eveAlertId, eveToAlert, parseEveLine, type SuricataEveAlert } from './suricata-eve.js';

const AGENCIES: AgencyTarget[] = [
  {
    id: 'so-tu-phap',
    name: { vi: 'Sở Tư pháp', en: 'Department of Justice' },
    ipRanges: ['10.61.2.0/24'],
    systems: [{ name: 'Hộ tịch', host: '10.61.2.10', port: 443 }],
  },
  {
    id: 'ubnd-tinh',
    name: { vi: 'UBND tỉnh Hải Dương', en: "Hải Dương Provincial People's Committee" },
    ipRanges: ['10.61.1.0/24', '172.20.0.0/16'],
    systems: [{ name: 'Cổng dịch vụ công', host: '10.61.1.10', port: 443 }],
  },
  {
    // A department subnet carved out of the committee's /16: the more specific range must win.
    id: 'van-phong-ubnd',
    name: { vi: 'Văn phòng UBND tỉnh', en: 'PPC Office' },
    ipRanges: ['172.20.5.0/24'],
    systems: [],
  },
];

// Lines shaped like Suricata 7's eve.json (one JSON object per line).
const ALERT_LINE =
  '{"timestamp":"2026-11-22T08:01:02.123456+0700","flow_id":1324987465123872,"in_iface":"ens192","event_type":"alert",' +
  '"src_ip":"198.51.100.23","src_port":51812,"dest_ip":"10.61.1.10","dest_port":1433,"proto":"TCP","pkt_src":"wire/pcap",' +
  '"alert":{"action":"allowed","gid":1,"signature_id":2010935,"rev":4,"signature":"ET SCAN Suspicious inbound to MSSQL port 1433",' +
  '"category":"Attempted Information Leak","severity":2,"metadata":{"created_at":["2010_07_30"]}},' +
  '"flow":{"pkts_toserver":1,"pkts_toclient":0,"bytes_toserver":60,"bytes_toclient":0,"start":"2026-11-22T08:01:02.123456+0700"}}';
const HTTP_ALERT_LINE =
  '{"timestamp":"2026-11-22T09:15:40.000981+0700","flow_id":2094541416434836,"in_iface":"ens192","event_type":"alert",' +
  '"src_ip":"203.0.113.66","src_port":40112,"dest_ip":"10.61.2.10","dest_port":80,"proto":"TCP","tx_id":0,' +
  '"alert":{"action":"blocked","gid":1,"signature_id":2006446,"rev":14,"signature":"ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT",' +
  '"category":"Web Application Attack","severity":1},"app_proto":"http",' +
  '"http":{"hostname":"hotich.haiduong.gov.vn","url":"/tra-cuu?ma=1+UNION+SELECT+1,2","http_user_agent":"sqlmap/1.8.4","http_method":"GET","status":403,"length":162}}';
const ICMP_ALERT_LINE =
  '{"timestamp":"2026-11-22T10:00:00.5+0700","flow_id":1111,"event_type":"alert","src_ip":"192.0.2.44","dest_ip":"10.61.1.10",' +
  '"proto":"ICMP","icmp_type":8,"icmp_code":0,"alert":{"action":"allowed","gid":1,"signature_id":2100366,"rev":8,' +
  '"signature":"GPL ICMP_INFO PING *NIX","category":"Misc activity","severity":3}}';
const FLOW_LINE =
  '{"timestamp":"2026-11-22T08:01:05.000000+0700","flow_id":1324987465123872,"in_iface":"ens192","event_type":"flow",' +
  '"src_ip":"198.51.100.23","src_port":51812,"dest_ip":"10.61.1.10","dest_port":1433,"proto":"TCP",' +
  '"flow":{"pkts_toserver":1,"pkts_toclient":0,"bytes_toserver":60,"bytes_toclient":0,"start":"2026-11-22T08:01:02.123456+0700",' +
  '"end":"2026-11-22T08:01:02.123456+0700","age":0,"state":"new","reason":"timeout","alerted":true}}';
const DNS_LINE =
  '{"timestamp":"2026-11-22T08:02:11.412903+0700","flow_id":937451092847561,"in_iface":"ens192","event_type":"dns",' +
  '"src_ip":"10.61.1.10","src_port":53211,"dest_ip":"10.61.0.53","dest_port":53,"proto":"UDP",' +
  '"dns":{"type":"query","id":40217,"rrname":"dichvucong.gov.vn","rrtype":"A","tx_id":0}}';
const STATS_LINE =
  '{"timestamp":"2026-11-22T08:02:17.000043+0700","event_type":"stats","stats":{"uptime":86400,' +
  '"capture":{"kernel_packets":918273645,"kernel_drops":1203},"decoder":{"pkts":918272442,"bytes":701928374651}}}';

function expectAlert(line: string): SuricataEveAlert {
  const result = parseEveLine(line);
  assert.equal(result.kind, 'alert', JSON.stringify(result));
  if (result.kind !== 'alert') throw new Error('unreachable');
  return result.alert;
}

function expectError(line: string): string {
  const result = parseEveLine(line);
  assert.equal(result.kind, 'error', JSON.stringify(result));
  if (result.kind !== 'error') throw new Error('unreachable');
  return result.reason;
}

test('an alert line parses and keeps the fields we do not model', () => {
  const eve = expectAlert(ALERT_LINE);
  assert.equal(eve.alert.signature_id, 2010935);
  assert.equal(eve.alert.severity, 2);
  assert.equal(eve.in_iface, 'ens192');
  assert.equal(eve['pkt_src'], 'wire/pcap');
  assert.deepEqual(eve.alert['metadata'], { created_at: ['2010_07_30'] });
});

test('alerts with app-layer objects and without ports parse', () => {
  assert.equal(expectAlert(HTTP_ALERT_LINE).http?.['url'], '/tra-cuu?ma=1+UNION+SELECT+1,2');
  const icmp = expectAlert(ICMP_ALERT_LINE);
  assert.equal(icmp.src_port, undefined);
  assert.equal(icmp.in_iface, undefined);
});

test('flow, dns and stats events are ignored, not errors', () => {
  assert.deepEqual(parseEveLine(FLOW_LINE), { kind: 'ignored', eventType: 'flow' });
  assert.deepEqual(parseEveLine(DNS_LINE), { kind: 'ignored', eventType: 'dns' });
  assert.deepEqual(parseEveLine(STATS_LINE), { kind: 'ignored', eventType: 'stats' });
  assert.deepEqual(parseEveLine('{"timestamp":"2026-11-22T08:00:00.000000+0700","event_type":"http"}'), {
    kind: 'ignored',
    eventType: 'http',
  });
});

test('malformed JSON is an error that says so', () => {
  const reason = expectError(ALERT_LINE.slice(0, 120));
  assert.match(reason, /malformed JSON/);
  assert.match(expectError('   '), /empty line/);
});

test('a line that is JSON but not an EVE record names event_type', () => {
  assert.match(expectError('[1,2,3]'), /^\(record\): .*expected object/);
  assert.match(expectError('{"timestamp":"2026-11-22T08:00:00+0700"}'), /event_type/);
});

test('an alert missing signature_id is an error naming alert.signature_id', () => {
  const value = JSON.parse(ALERT_LINE) as { alert: Record<string, unknown> };
  delete value.alert['signature_id'];
  assert.match(expectError(JSON.stringify(value)), /alert\.signature_id/);
});

test('an alert with severity 7 is an error naming alert.severity', () => {
  const value = JSON.parse(ALERT_LINE) as { alert: Record<string, unknown> };
  value.alert['severity'] = 7;
  assert.match(expectError(JSON.stringify(value)), /alert\.severity/);
});

test('bad addresses, ports and timestamps are errors naming the field', () => {
  const base = JSON.parse(ALERT_LINE) as Record<string, unknown>;
  assert.match(expectError(JSON.stringify({ ...base, dest_ip: '10.61.1.300' })), /dest_ip/);
  assert.match(expectError(JSON.stringify({ ...base, src_port: 70000 })), /src_port/);
  assert.match(expectError(JSON.stringify({ ...base, timestamp: '22/11/2026 08:01:02' })), /timestamp/);
  assert.match(expectError(JSON.stringify({ ...base, timestamp: '2026-02-30T08:01:02.000000+0700' })), /timestamp/);
});

test('EVE timestamps keep their offset and lose only sub-millisecond digits', () => {
  assert.equal(parseEveTimestamp('2026-11-22T08:01:02.123456+0700'), Date.UTC(2026, 10, 22, 1, 1, 2, 123));
  assert.equal(parseEveTimestamp('2026-11-22T08:01:02.123+07:00'), Date.UTC(2026, 10, 22, 1, 1, 2, 123));
  assert.equal(parseEveTimestamp('2026-11-22T01:01:02Z'), Date.UTC(2026, 10, 22, 1, 1, 2));
  assert.equal(parseEveTimestamp('2026-11-21T20:01:02.5-0500'), Date.UTC(2026, 10, 22, 1, 1, 2, 500));
  assert.equal(parseEveTimestamp('2026-11-22T08:01:02.123456'), null, 'an offset is required');
  const ms = Date.UTC(2026, 10, 22, 1, 1, 2, 123);
  assert.equal(formatEveTimestamp(ms, 420, 456), '2026-11-22T08:01:02.123456+0700');
  assert.equal(parseEveTimestamp(formatEveTimestamp(ms, -330, 7)), ms);
});

test('eveToAlert maps onto the feed model with the destination agency', () => {
  const alert = eveToAlert(expectAlert(ALERT_LINE), AGENCIES, 'a-1');
  assert.deepEqual(alert, {
    kind: 'alert',
    id: 'a-1',
    sensor: 'suricata',
    observedAt: Date.UTC(2026, 10, 22, 1, 1, 2, 123),
    srcIp: '198.51.100.23',
    srcPort: 51812,
    destIp: '10.61.1.10',
    destPort: 1433,
    proto: 'TCP',
    signature: 'ET SCAN Suspicious inbound to MSSQL port 1433',
    signatureId: 2010935,
    category: 'Attempted Information Leak',
    severity: 2,
    agency: 'ubnd-tinh',
  });
  assert.equal(SocAlert.safeParse(alert).success, true);
  const icmp = eveToAlert(expectAlert(ICMP_ALERT_LINE), AGENCIES, 'a-2');
  assert.equal(icmp.srcPort, null);
  assert.equal(icmp.destPort, null);
  assert.equal(SocAlert.safeParse(icmp).success, true);
});

test('agency mapping: source agency for outbound traffic, most specific range, null outside', () => {
  const eve = expectAlert(ALERT_LINE);
  const outbound = eveToAlert({ ...eve, src_ip: '10.61.2.77', dest_ip: '203.0.113.5' }, AGENCIES, 'x');
  assert.equal(outbound.agency, 'so-tu-phap');
  const nested = eveToAlert({ ...eve, dest_ip: '172.20.5.9' }, AGENCIES, 'x');
  assert.equal(nested.agency, 'van-phong-ubnd');
  const parent = eveToAlert({ ...eve, dest_ip: '172.20.6.9' }, AGENCIES, 'x');
  assert.equal(parent.agency, 'ubnd-tinh');
  const external = eveToAlert({ ...eve, src_ip: '198.51.100.1', dest_ip: '192.0.2.1' }, AGENCIES, 'x');
  assert.equal(external.agency, null);
  const v6 = eveToAlert({ ...eve, src_ip: '2001:db8::1', dest_ip: '2001:db8::2' }, AGENCIES, 'x');
  assert.equal(v6.agency, null);
  assert.equal(eveToAlert(eve, [], 'x').agency, null);
});

test('eveAlertId is stable for the same record and differs between records', () => {
  const eve = expectAlert(ALERT_LINE);
  assert.equal(eveAlertId(eve), eveAlertId(expectAlert(ALERT_LINE)));
  assert.equal(eveAlertId(eve), `eve-1324987465123872-1:2010935-${Date.UTC(2026, 10, 22, 1, 1, 2, 123)}`);
  assert.notEqual(eveAlertId(eve), eveAlertId(expectAlert(HTTP_ALERT_LINE)));
  assert.match(eveAlertId(expectAlert(ICMP_ALERT_LINE)), /^eve-1111-1:2100366-/);
});
