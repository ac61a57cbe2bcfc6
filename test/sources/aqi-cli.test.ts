import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTempDir } from '../support/temp-dir.js';
import { SAMPLES } from './support.js';
import { BACKENDS, freshDatabaseName, onMaintenanceDb, postgresUrl, useFreshStore } from '../support/store-backends.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `npm run <script> -- args` as a user runs it; stdout, stderr and exit code. */
function npmRun(script: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

test('npm run aqi: hourly VN_AQI reproduces the hand calculation', { timeout: 40_000 }, async () => {
  const { code, stdout, stderr } = await npmRun('aqi', [join(SAMPLES, 'aqi-station.csv')]);
  assert.equal(code, 0, stderr);
  // 01:00  PM2.5 c1 = 20 only: 1 of the 3 latest hours → no NowCast → no VN_AQI (NO2 alone cannot make one).
  // 02:00  c1 = 30, c2 = 20: w = 20/30 = ⅔ (above ½) → (30 + ⅔·20)/(1 + ⅔) = 26 → 50 + 50·(26 − 25)/25 = 52.
  // 03:00  c1 missing, c2 = 30, c3 = 20 (2 of 3): w = ⅔ → (⅔·30 + (⅔)²·20)/(⅔ + (⅔)²) = 26 → 52.
  // 04:00  c1 = 60, c2 missing, c3 = 30, c4 = 20: w* = 20/60 → floor ½ → (60 + ¼·30 + ⅛·20)/(1 + ¼ + ⅛) = 50.909
  //        → 100 + 50·0.909/30 = 101.5 → 102 (band 3); NO2 53.2 ppb × 46.01/24.45 = 100.11 µg/m³ → 50.06 → 50;
  //        CO 12 mg/m³ = 12 000 µg/m³ → 50 + 50·2000/20000 = 55.
  assert.equal(
    stdout,
    [
      'time,aqi,dominant,band,pm25,no2,co',
      '2026-11-22T01:00+07:00,,,,,,',
      '2026-11-22T02:00+07:00,52,pm25,2,52,,',
      '2026-11-22T03:00+07:00,52,pm25,2,52,,',
      '2026-11-22T04:00+07:00,102,pm25,3,102,50,55',
      '',
    ].join('\n'),
  );
});

test('npm run aqi --daily: 24-h PM mean, O3 1-h vs 8-h, the 8-h > 400 µg/m³ rule, half-up rounding', { timeout: 40_000 }, async () => {
  await withTempDir(async (dir) => {
    const rows = ['time,parameter,value,unit'];
    for (const [day, o3] of [['2026-11-22', 450], ['2026-11-23', 250]] as const) {
      for (let hour = 1; hour <= 24; hour++) {
        const end = hour === 24 ? `${day === '2026-11-22' ? '2026-11-23' : '2026-11-24'}T00:00+07:00` : `${day}T${String(hour).padStart(2, '0')}:00+07:00`;
        rows.push(`${end},PM2.5,30,ug/m3`, `${end},O3,${hour >= 10 && hour <= 17 ? o3 : 0},ug/m3`);
      }
    }
    const file = join(dir, 'days.csv');
    await writeFile(file, `${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await npmRun('aqi', ['--daily', file]);
    assert.equal(code, 0, stderr);
    // PM2.5 24-h mean 30 → 50 + 50·5/25 = 60.
    // 22nd: O3 450 for 8 hours → 8-h mean 450 > 400: not used; 1-h 450 → 200 + 100·50/400 = 212.5 → 213 (half up).
    // 23rd: O3 250 for 8 hours → 8-h 250 → 200 + 100·40/190 = 221.05 → 221 beats 1-h 250 → 100 + 50·50/100 = 125.
    assert.equal(stdout, ['date,aqi,dominant,band,pm25,o3', '2026-11-22,213,o3,5,60,213', '2026-11-23,221,o3,5,60,221', ''].join('\n'));
  });
});

test('npm run aqi: --help documents the silent choices; bad rows on stderr with exit 1; usage errors exit 2', { timeout: 60_000 }, async () => {
  const help = await npmRun('aqi', ['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /rounding\s+half up \(112\.5 → 113\)/);
  assert.match(help.stdout, /NowCast .*2\s+of the 3 most recent hours/s);
  assert.match(help.stdout, /25 °C, 1 atm/);
  await withTempDir(async (dir) => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, 'time,parameter,value,unit\n2026-11-22T01:00+07:00,PM2.5,20,ug/m3\n2026-11-22T01:30+07:00,PM2.5,20,ug/m3\n2026-11-22T02:00+07:00,PM2.5,20,ppb\n');
    const bad = await npmRun('aqi', [file]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /line 3: .*not on the hour/);
    assert.match(bad.stderr, /line 4: .*molar mass/);
    assert.match(bad.stdout, /^time,aqi/);
    const noColumn = join(dir, 'nocol.csv');
    await writeFile(noColumn, 'time,value,unit\n');
    const missing = await npmRun('aqi', [noColumn]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no "parameter" column/);
  });
  assert.equal((await npmRun('aqi', [])).code, 2);
  assert.equal((await npmRun('aqi', ['--tz', 'Hanoi', 'x.csv'])).code, 2);
  assert.equal((await npmRun('aqi', ['/no/such/file.csv'])).code, 2);
});

for (const backend of BACKENDS) {
  test(`npm run quarantine -- list on ${backend.name}: the rejected records as a table; usage errors exit 2`, { timeout: 90_000 }, async (t) => {
    const fresh = await useFreshStore(t, backend);
    const stores = await fresh.open();
    await stores.quarantine.add([
      { feed: 'soc', format: 'suricata-eve', origin: 'ingest Sensor', line: 2, reason: 'malformed JSON: Unexpected token', raw: 'this is not json at all', receivedAt: Date.parse('2026-11-22T02:00:00Z') },
      { feed: 'portal', format: 'csv', origin: 'file /var/log/portal.csv', line: 7, reason: 'date "22/11/2026" is not a date YYYY-MM-DD', raw: '288,22/11/2026,10', receivedAt: Date.parse('2026-11-22T02:01:00Z') },
    ]);
    await stores.close();
    // --store takes both kinds of location; --db (a SQLite file) stays as it was.
    const where = backend.name === 'sqlite' ? [['--db', fresh.location], ['--store', fresh.location]] : [['--store', fresh.location]];
    for (const option of where) {
      const list = await npmRun('quarantine', ['list', ...option]);
      assert.equal(list.code, 0, list.stderr);
      const lines = list.stdout.trimEnd().split('\n');
      assert.match(lines[0] ?? '', /^id\s+received \(UTC\)\s+feed\s+format\s+line\s+reason\s+raw$/);
      assert.match(lines[1] ?? '', /^2\s+2026-11-22T02:01:00\s+portal\s+csv\s+7\s+date "22\/11\/2026"/);
      assert.match(lines[2] ?? '', /suricata-eve\s+2\s+malformed JSON.*this is not json at all$/);
      assert.equal(lines[3], '2 record(s)');
    }
    const json = await npmRun('quarantine', ['list', '--store', fresh.location, '--feed', 'soc', '--json']);
    assert.equal(JSON.parse(json.stdout.trim()).raw, 'this is not json at all');
    assert.equal((await npmRun('quarantine', ['list'])).code, 2);
    assert.equal((await npmRun('quarantine', ['show', '--store', fresh.location])).code, 2);
    assert.equal((await npmRun('quarantine', ['list', '--store', fresh.location, '--limit', '0'])).code, 2);
    assert.equal((await npmRun('quarantine', ['list', '--store', fresh.location, '--db', fresh.location])).code, 2);
    // A location that names no database is a usage error, and the read-only tool does not create one.
    const missing = backend.name === 'sqlite' ? join(fresh.dir, 'none.db') : postgresUrl(freshDatabaseName());
    const none = await npmRun('quarantine', ['list', '--store', missing]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no (PostgreSQL )?database/);
    if (backend.name === 'postgres') {
      const name = missing.slice(missing.lastIndexOf('/') + 1);
      const exists = await onMaintenanceDb((client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
      assert.equal(exists.rowCount, 0, 'no database was created');
    }
  });
}

test('npm run quarantine -- list opens the file read-only: it changes nothing, not even on a database without the table', { timeout: 60_000 }, async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, 'log-only.db');
    const { SqliteDatabase } = await import('../../feeds/store/sqlite-database.js');
    const created = await SqliteDatabase.open(db);
    await created.exec('CREATE TABLE log (seq INTEGER PRIMARY KEY)');
    await created.close();
    const before = createHash('sha256').update(await readFile(db)).digest('hex');
    const list = await npmRun('quarantine', ['list', '--db', db]);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout.trimEnd().split('\n').at(-1), '0 record(s)');
    assert.equal(createHash('sha256').update(await readFile(db)).digest('hex'), before, 'the file is unchanged (no quarantine table created)');
  });
});
