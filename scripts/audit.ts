import { access } from 'node:fs/promises';
import { cliUsageError, parseCli } from './cli-support.js';
import { exportAuditCsv, hasAuditTable, verifyAuditFile } from '../feeds/store/incident-store.js';

const USAGE = `Usage: npm run audit -- verify --db PATH
       npm run audit -- export --db PATH --format csv

The incident audit table of a hub database (feeds/store/incident-store.ts; same file as the hub's --db).
  verify   check the hash chain: every row's hash = sha256(previous hash + canonical row), ids contiguous from 1.
           Exit 0 with a summary, or exit 1 naming the first broken row and why.
  export   write every audit row to stdout (--format csv; the only format).
Exit codes: 0 ok · 1 chain broken · 2 usage error or no such database.`;

async function main(): Promise<void> {
  const usage: (message: string) => never = cliUsageError('audit', USAGE);
  const { values, positionals } = parseCli('audit', USAGE, { db: { type: 'string' }, format: { type: 'string' } });
  const [command, ...rest] = positionals;
  if (command !== 'verify' && command !== 'export') usage(command === undefined ? 'missing command (verify or export)' : `unknown command "${command}"`);
  if (rest.length > 0) usage(`unexpected argument "${rest[0] ?? ''}"`);
  const db = values.db;
  if (db === undefined || db === '') usage('--db PATH is required');
  try {
    await access(db);
  } catch {
    usage(`no database at ${db}`);
  }
  if (!(await hasAuditTable(db))) usage(`${db} has no incident_audit table (not a hub database with incidents)`);

  if (command === 'export') {
    if (values.format !== 'csv') usage(values.format === undefined ? '--format csv is required' : `unknown format "${values.format}" (only csv)`);
    const lines: string[] = [];
    await exportAuditCsv(db, (line) => lines.push(line));
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  if (values.format !== undefined) usage('--format applies to export only');
  const verdict = await verifyAuditFile(db);
  if (verdict.ok) {
    console.info(`audit: ${db}: chain intact, ${verdict.rows} row(s), last hash ${verdict.lastHash}`);
    return;
  }
  console.error(`audit: ${db}: chain broken at row ${verdict.rowId}: ${verdict.reason} (${verdict.rows} row(s) checked)`);
  process.exitCode = 1;
}

void main();
