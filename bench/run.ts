import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { benchClients } from './clients.js';
import { benchFailover, benchJetStreamFanout, benchScaleOut } from './cluster.js';
import { benchFanout } from './fanout.js';
import { benchReplay } from './replay.js';
import { benchSocBurst } from './soc-burst.js';
import { FULL_PLAN, QUICK_PLAN, benchRender } from './render/render-bench.js';
import { renderRatios, renderRows } from './render/render-summary.js';
import { benchVehicleDecode } from './vehicle-decode.js';

/**
 * `npm run bench`: every measurement is paired with a baseline measured in the same run (docs/bench.md), printed as a
 * table and written to bench/results.json. Absolute numbers depend on the machine; the ratios are the result.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const fanout = await benchFanout(100, quick ? 200 : 1000, 10);
  const decode = benchVehicleDecode(quick ? 10_000 : 100_000, quick ? 100 : 400);
  const [bare, hub] = fanout;
  const [binary, json] = decode;
  if (!bare || !hub || !binary || !json) throw new Error('missing results');
  const fanoutRatio = hub.deliveriesPerSecond / bare.deliveriesPerSecond;
  const decodeRatio = binary.updatesPerSecond / json.updatesPerSecond;
  // (c) Chromium frame time, binary attributes vs object accessors; `--no-render` skips it, `--quick` shortens it.
  // (d–f) Scale-out on the local NATS JetStream and PostgreSQL; `--no-cluster` skips it.
  const cluster = process.argv.includes('--no-cluster')
    ? null
    : {
        jetStream: await benchJetStreamFanout(100, quick ? 200 : 1000, 10),
        one: await benchScaleOut(1, quick ? 200 : 400, quick ? 5000 : 20_000, 250),
        two: await benchScaleOut(2, quick ? 200 : 400, quick ? 5000 : 20_000, 250),
        failover: await benchFailover(quick ? 3 : 10),
      };
  // (h) Clients per hub: many WebSocket clients on loopback, all feeds subscribed, a steady stream of alerts.
  const clientCounts = quick ? [200, 1000] : [1000, 5000];
  const clients = [];
  for (const count of clientCounts) clients.push(await benchClients(count, quick ? 5 : 10, 50));
  // (g) Replay: 24 h of the simulated province (3 h with --quick), seeks at several depths, throughput at speed 0.
  const replay = quick ? await benchReplay(3, [0.5, 1.5, 2.5], 5, 1) : await benchReplay(24, [1, 12, 23], 10, 6);
  // (i) SOC burst: 50,000 Suricata alerts through ingest with the incident engine running (10,000 with --quick).
  const burst = await benchSocBurst(quick ? 10_000 : 50_000);
  const seekP95 = Math.max(...replay.seeks.map((seek) => seek.p95Ms));
  const jetStreamRatio = cluster ? cluster.jetStream.deliveriesPerSecond / hub.deliveriesPerSecond : null;
  const twoHubsRatio = cluster ? cluster.two.deliveriesPerSecond / cluster.one.deliveriesPerSecond : null;
  const render = process.argv.includes('--no-render')
    ? { skipped: '--no-render given' }
    : await benchRender(quick ? QUICK_PLAN : FULL_PLAN, (line) => console.info(line));

  const rows = [
    ['(a) fan-out, 100 clients', bare.name, `${fmt(bare.deliveriesPerSecond)} item deliveries/s`, `${bare.seconds.toFixed(2)} s`, 'baseline'],
    ['', hub.name, `${fmt(hub.deliveriesPerSecond)} item deliveries/s`, `${hub.seconds.toFixed(2)} s`, `${fanoutRatio.toFixed(2)}× bare ws (target ≥ 0.8×)`],
    ['(b) vehicle decode + apply', json.name, `${fmt(json.updatesPerSecond)} updates/s`, `${json.bytesPerFrame} B/frame`, 'baseline'],
    ['', binary.name, `${fmt(binary.updatesPerSecond)} updates/s`, `${binary.bytesPerFrame} B/frame`, `${decodeRatio.toFixed(1)}× JSON (target ≥ 10×, ≥ 2,000,000/s)`],
  ];
  if (cluster && jetStreamRatio !== null && twoHubsRatio !== null) {
    const { jetStream, one, two, failover } = cluster;
    rows.push(
      ['(d) fan-out, JetStream log', jetStream.name, `${fmt(jetStream.deliveriesPerSecond)} item deliveries/s`, `${jetStream.seconds.toFixed(2)} s`, `${jetStreamRatio.toFixed(2)}× the SQLite hub (target ≥ 0.7×)${jetStreamRatio >= 0.7 ? '' : ' MISSED'}`],
      ['(e) hubs on one log', `1 hub, ${one.clients} clients`, `${fmt(one.deliveriesPerSecond)} item deliveries/s`, `${one.seconds.toFixed(2)} s`, 'baseline'],
      ['', `2 hubs, ${two.clients} clients`, `${fmt(two.deliveriesPerSecond)} item deliveries/s`, `${two.seconds.toFixed(2)} s`, `${twoHubsRatio.toFixed(2)}× one hub (target ≥ 1.6×)${twoHubsRatio >= 1.6 ? '' : ` MISSED: ${cpus().length} cores carry both hubs, NATS and the clients`}`],
      ['(f) failover gap', `kill -9, ${failover.kills} times`, `p50 ${failover.p50Ms} ms`, `p99 ${failover.p99Ms} ms`, `target p99 ≤ 3000 ms${failover.p99Ms <= 3000 ? '' : ' MISSED'}`],
    );
  }
  rows.push(
    ['(g) replay seek', `${replay.hours} h of history, ${fmt(replay.items)} items`, replay.seeks.map((seek) => `${seek.hoursBack} h back p95 ${Math.round(seek.p95Ms)} ms`).join(', '), `log ${mb(replay.logBytes)} MB, history ${mb(replay.historyBytes)} MB`, `target p95 ≤ 300 ms${seekP95 <= 300 ? '' : ' MISSED'}`],
    ['', 'replay at speed 0', `${fmt(replay.throughput.itemsPerSecond)} items/s`, `${fmt(replay.throughput.items)} items in ${replay.throughput.seconds.toFixed(2)} s`, `target ≥ 200,000 items/s${replay.throughput.itemsPerSecond >= 200_000 ? '' : ' MISSED'}`],
  );
  rows.push(
    ['(i) SOC burst via ingest', 'log only, no HTTP or parsing', `${fmt(burst.baseline.alertsPerSecond)} alerts/s`, `${fmt(burst.baseline.alerts)} in ${burst.baseline.seconds.toFixed(2)} s`, 'baseline'],
    ['', 'POST suricata-eve, 2 senders', `${fmt(burst.alertsPerSecond)} alerts/s`, `${fmt(burst.logged)} logged, ${burst.lost} lost, ${burst.socIncidents} SOC incidents`, `target ≥ 10,000 alerts/s, 0 lost${burst.alertsPerSecond >= 10_000 && burst.lost === 0 ? '' : ' MISSED'}; desk frame p95 during the burst not measured yet`],
  );
  for (const [bareRun, hubRun] of clients) {
    if (!bareRun || !hubRun) continue;
    const ratio = hubRun.deliveriesPerSecond / bareRun.deliveriesPerSecond;
    rows.push(
      [`(h) ${hubRun.clients} clients`, bareRun.name, `${fmt(bareRun.deliveriesPerSecond)} item deliveries/s`, `p99 ${bareRun.p99Ms} ms`, 'baseline'],
      ['', hubRun.name, `${fmt(hubRun.deliveriesPerSecond)} item deliveries/s`, `p99 ${hubRun.p99Ms} ms (${hubRun.connected} connected)`, `${ratio.toFixed(2)}× bare ws (target ≥ 0.8×, p99 ≤ 100 ms)${ratio >= 0.8 && hubRun.p99Ms <= 100 ? '' : ' MISSED'}`],
    );
  }
  rows.push(...renderRows(render));
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ');
  console.info(line(['benchmark', 'variant', 'throughput', 'detail', 'result']));
  console.info(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.info(line(row));

  const targets = {
    fanoutAtLeast08xBareWs: fanoutRatio >= 0.8,
    binaryAtLeast10xJson: decodeRatio >= 10,
    binaryAtLeast2MUpdatesPerSecond: binary.updatesPerSecond >= 2_000_000,
    replaySeekP95AtMost300ms: seekP95 <= 300,
    replayAtLeast200kItemsPerSecond: replay.throughput.itemsPerSecond >= 200_000,
    socBurstAtLeast10kAlertsPerSecond: burst.alertsPerSecond >= 10_000,
    socBurstNothingLost: burst.lost === 0,
    ...(cluster && jetStreamRatio !== null && twoHubsRatio !== null
      ? { jetStreamAtLeast07xSqlite: jetStreamRatio >= 0.7, twoHubsAtLeast16xOne: twoHubsRatio >= 1.6, failoverP99AtMost3s: cluster.failover.p99Ms <= 3000 }
      : {}),
  };
  console.info(`targets: ${Object.entries(targets).map(([name, met]) => `${name}=${met ? 'met' : 'MISSED'}`).join(', ')}`);
  await mkdir(new URL('.', import.meta.url), { recursive: true });
  await writeFile(
    new URL('./results.json', import.meta.url),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
        quick,
        fanout: { results: fanout, ratioHubToBareWs: fanoutRatio },
        vehicleDecode: { results: decode, ratioBinaryToJson: decodeRatio },
        replay,
        socBurst: burst,
        clientsPerHub: clients,
        cluster: cluster ? { ...cluster, ratioJetStreamToSqliteHub: jetStreamRatio, ratioTwoHubsToOne: twoHubsRatio } : { skipped: '--no-cluster given' },
        render: render.skipped !== undefined ? render : { ...render, ratiosAccessorToBinary: renderRatios(render.cases) },
        targets,
      },
      null,
      2,
    )}\n`,
  );
  console.info('wrote bench/results.json');
  if (render.skipped !== undefined) console.info(`render bench skipped: ${render.skipped}`);
  else if (render.failures.length > 0) {
    for (const failure of render.failures) console.error(`render bench: ${failure}`);
    process.exitCode = 1;
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

void main();
