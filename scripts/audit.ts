import { cliUsageError, parseCli } from './cli-support.js';
import { storeFromOptions } from './store-option.js';
import { auditCsvLines, verifyAuditRows } from '../feeds/store/audit-chain.js';
import { openStateReader, StoreNotFoundError, type StateReader } from '../feeds/store/state-reader.js';

const USAGE = `Usage: npm run audit -- verify (--db PATH | --store URL)
       npm run audit -- export (--db PATH | --store URL) --format csv

The incident audit table of a hub's state store (feeds/store/audit-chain.ts): --db the hub's SQLite file, or --store
what the hub's --store names (a SQLite path or postgres://host:port/db). Read-only: nothing is created or changed.
  verify   check the hash chain: every row's hash = sha256(previous hash + canonical row), ids contiguous from 1.
           Exit 0 with a summary, or exit 1 naming the first broken row and why.
  export   write every audit row to stdout (--format csv; the only format).
Exit codes: 0 ok · 1 chain broken · 2 usage error or no such database.`;

async function main(): Promise<void> {
  const usage: (message: string) => never = cliUsageError('audit', USAGE);
  const { values, positionals } = parseCli('audit', USAGE, { db: { type: 'string' }, store: { type: 'string' }, format: { type: 'string' } });
  const [command, ...rest] = positionals;
  if (command !== 'verify' && command !== 'export') usage(command === undefined ? 'missing command (verify or export)' : `unknown command "${command}"`);
  if (rest.length > 0) usage(`unexpected argument "${rest[0] ?? ''}"`);
  const location = storeFromOptions(values);
  if (typeof location === 'string') usage(location);
  if (command === 'export' && values.format !== 'csv') usage(values.format === undefined ? '--format csv is required' : `unknown format "${values.format}" (only csv)`);
  if (command === 'verify' && values.format !== undefined) usage('--format applies to export only');

  let reader: StateReader;
  try {
    reader = await openStateReader(location);
  } catch (error) {
    if (error instanceof StoreNotFoundError) usage(error.message);
    throw error;
  }
  try {
    const rows = await reader.auditRows();
    if (rows === null) usage(`${reader.describe} has no incident_audit table (not a hub database with incidents)`);
    if (command === 'export') {
      process.stdout.write(`${auditCsvLines(rows).join('\n')}\n`);
      return;
    }
    const verdict = verifyAuditRows(rows);
    if (verdict.ok) {
      console.info(`audit: ${reader.describe}: chain intact, ${verdict.rows} row(s), last hash ${verdict.lastHash}`);
      return;
    }
    console.error(`audit: ${reader.describe}: chain broken at row ${verdict.rowId}: ${verdict.reason} (${verdict.rows} row(s) checked)`);
    process.exitCode = 1;
  } finally {
    await reader.close();
  }
}

void main();
