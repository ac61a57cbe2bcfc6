import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { benchFanout } from './fanout.js';
import { FULL_PLAN, QUICK_PLAN, benchRender } from './render/render-bench.js';
import { renderRatios, renderRows } from './render/render-summary.js';
import { benchVehicleDecode } from './vehicle-decode.js';

/**
 * `npm run bench`: every measurement is paired with a baseline measured in the same run (DESIGN §6), printed as a
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
  const render = process.argv.includes('--no-render')
    ? { skipped: '--no-render given' }
    : await benchRender(quick ? QUICK_PLAN : FULL_PLAN, (line) => console.info(line));

  const rows = [
    ['(a) fan-out, 100 clients', bare.name, `${fmt(bare.deliveriesPerSecond)} item deliveries/s`, `${bare.seconds.toFixed(2)} s`, 'baseline'],
    ['', hub.name, `${fmt(hub.deliveriesPerSecond)} item deliveries/s`, `${hub.seconds.toFixed(2)} s`, `${fanoutRatio.toFixed(2)}× bare ws (target ≥ 0.8×)`],
    ['(b) vehicle decode + apply', json.name, `${fmt(json.updatesPerSecond)} updates/s`, `${json.bytesPerFrame} B/frame`, 'baseline'],
    ['', binary.name, `${fmt(binary.updatesPerSecond)} updates/s`, `${binary.bytesPerFrame} B/frame`, `${decodeRatio.toFixed(1)}× JSON (target ≥ 10×, ≥ 2,000,000/s)`],
  ];
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

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

void main();
