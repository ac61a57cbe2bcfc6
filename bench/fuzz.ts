import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fuzzHub } from '../test/fuzz/fuzz-hub.js';

/**
 * `npm run fuzz -- --minutes N [--seed S]`: the suite's hub fuzzer (test/fuzz), run for N minutes (default 10)
 * against a real hub on a temp database. Prints progress every 30 s and a summary, writes bench/fuzz-results.json,
 * exits 1 on any finding. docs/security.md explains what it checks.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string' }, seed: { type: 'string' } } });
  const minutes = Number(values.minutes ?? '10');
  const seed = Number(values.seed ?? String(Date.now() % 1_000_000));
  if (!Number.isFinite(minutes) || minutes <= 0 || !Number.isInteger(seed)) {
    console.error('usage: npm run fuzz -- [--minutes N (default 10)] [--seed S]');
    process.exit(2);
  }
  console.info(`fuzz: ${minutes} min, seed ${seed}`);
  let lastPrint = Date.now();
  const report = await fuzzHub({
    seed,
    durationMs: minutes * 60_000,
    onProgress: (progress) => {
      if (Date.now() - lastPrint < 30_000) return;
      lastPrint = Date.now();
      console.info(`  ${Math.round(progress.durationMs / 1000)} s: ${progress.inputs} inputs, ${progress.inputsPerSecond}/s, heap ${progress.heapEndMb} MB, ${progress.findings.length} finding(s)`);
    },
  });
  const rows: [string, string][] = [
    ['duration', `${(report.durationMs / 1000).toFixed(0)} s`],
    ['inputs', `${report.inputs} (${report.frames} frames, ${report.requests} HTTP requests, ${report.records} ingest records)`],
    ['inputs/s', String(report.inputsPerSecond)],
    ['HTTP statuses', JSON.stringify(report.status)],
    ['heap (MB)', `${report.heapStartMb} → ${report.heapEndMb}, max ${report.heapMaxMb}`],
    ['soc accepted / logged', `${report.socAccepted} / ${report.socLogged}`],
    ['watcher sentinels', `${report.sentinelsSeen} of ${report.sentinelsSent}`],
    ['handler errors', String(report.handlerErrors)],
    ['findings', report.findings.length === 0 ? 'none' : String(report.findings.length)],
  ];
  for (const [name, value] of rows) console.info(`${name.padEnd(24)} ${value}`);
  for (const finding of report.findings.slice(0, 50)) console.info(`  finding: ${finding}`);
  await writeFile(new URL('./fuzz-results.json', import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2)}\n`);
  process.exit(report.findings.length === 0 ? 0 : 1);
}

void main();
