import { cliUsageError, parseCli } from './cli-support.js';
import { storeFromOptions } from './store-option.js';
import { openStateReader, StoreNotFoundError, type StateReader } from '../feeds/store/state-reader.js';

const USAGE = `Usage: npm run quarantine -- list (--db PATH | --store URL) [--feed FEED] [--limit N] [--json]

Records refused by the hub's ingest API and file sources, newest first, with the reason and the raw text
(feeds/store/quarantine-store.ts; the table lives in the hub's --db file, or where its --store points; opened
read-only). Records older than the hub's store.quarantineRetentionDays (default 30) are deleted by the hub.
  --db PATH     the hub's SQLite file
  --store URL   the hub's --store: a SQLite path or postgres://host:port/db (instead of --db)
  --feed FEED   only this feed (soc, environment, portal, traffic, vehicles)
  --limit N     at most N records (default 100)
  --json        one JSON object per line instead of the table
Exit codes: 0 ok · 2 usage error or no such database.`;

function cell(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat.padEnd(width);
}

async function main(): Promise<void> {
  const usage: (message: string) => never = cliUsageError('quarantine', USAGE);
  const { values, positionals } = parseCli('quarantine', USAGE, {
    db: { type: 'string' },
    store: { type: 'string' },
    feed: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals[0] !== 'list' || positionals.length !== 1) usage(positionals.length === 0 ? 'missing command "list"' : `unknown command "${positionals.join(' ')}"`);
  const location = storeFromOptions(values);
  if (typeof location === 'string') usage(location);
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) usage(`--limit: expected a whole number ≥ 1, got "${values.limit ?? ''}"`);
  let reader: StateReader;
  try {
    reader = await openStateReader(location);
  } catch (error) {
    if (error instanceof StoreNotFoundError) usage(error.message);
    throw error;
  }
  const rows = await reader.quarantine({ limit, ...(values.feed ? { feed: values.feed } : {}) }).finally(() => reader.close());
  if (values.json) {
    for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
    return;
  }
  const lines = [`${'id'.padEnd(6)} ${'received (UTC)'.padEnd(20)} ${'feed'.padEnd(11)} ${'format'.padEnd(12)} ${'line'.padStart(6)}  ${'reason'.padEnd(50)} raw`];
  for (const row of rows) {
    lines.push(
      `${String(row.id).padEnd(6)} ${new Date(row.receivedAt).toISOString().slice(0, 19).padEnd(20)} ${cell(row.feed, 11)} ${cell(row.format, 12)} ${String(row.line).padStart(6)}  ${cell(row.reason, 50)} ${cell(row.raw, 80).trimEnd()}`,
    );
  }
  lines.push(`${rows.length} record(s)${rows.length === limit ? ` (the newest ${limit}; --limit for more)` : ''}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
