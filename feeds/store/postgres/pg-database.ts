import pg from 'pg';
import type { DbRow } from '../row-values.js';
import { redactUrl, type StoreLocation } from '../store-location.js';

export type PgLocation = Extract<StoreLocation, { kind: 'postgres' }>;

/** What a statement runs on: the pool (autocommit) or one transaction's client. */
export interface PgQueryable {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: DbRow[]; rowCount: number }>;
}

/** The SQLSTATE of a PostgreSQL error (`23505` unique_violation, `3D000` no such database …), if it is one. */
export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export interface PgDatabaseOptions {
  /** Connections at most (the incident store's commits are queued, so it needs few). */
  readonly max: number;
  /** Shown in pg_stat_activity, so an operator can tell the hub's connections apart. */
  readonly applicationName: string;
  /** Every transaction read-only (the audit and quarantine tools): the server refuses any write. */
  readonly readOnly?: boolean;
}

/**
 * A node-postgres pool with the one transaction shape the stores use. Values come back as node-postgres parses them
 * (BIGINT as a string, BYTEA as a Buffer); the stores read every column through feeds/store/row-values.ts.
 */
export class PgDatabase implements PgQueryable {
  readonly #pool: pg.Pool;
  readonly #what: string;
  #lastError = '';

  constructor(location: PgLocation, options: PgDatabaseOptions) {
    this.#what = redactUrl(location.url);
    this.#pool = new pg.Pool({
      connectionString: location.url,
      max: options.max,
      application_name: options.applicationName,
      ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection that dies (server restart) is dropped by the pool and reopened on the next query; the
    // event must be handled or it would end the process.
    this.#pool.on('error', (error) => this.#report(error));
  }

  #report(error: Error): void {
    if (error.message === this.#lastError) return;
    this.#lastError = error.message;
    console.error(`store: PostgreSQL ${this.#what}: ${error.message}`);
  }

  async query(sql: string, params: readonly unknown[] = []): Promise<{ rows: DbRow[]; rowCount: number }> {
    const result = await this.#pool.query<DbRow>(sql, [...params]);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  }

  /**
   * `work` in BEGIN … COMMIT on one connection; resolves after COMMIT has returned, i.e. after the server flushed the
   * commit record to its WAL: synchronous_commit is forced on for the transaction, whatever the server's or the
   * database's default, because a confirmed transition must survive a crash of the server too. Any error rolls back.
   */
  async transaction<T>(work: (tx: PgQueryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    // A connection lost between two statements emits 'error' on the client; the pending or next query fails too.
    const onError = (error: Error): void => this.#report(error);
    client.on('error', onError);
    const tx: PgQueryable = {
      query: async (sql, params = []) => {
        const result = await client.query<DbRow>(sql, [...params]);
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      },
    };
    let broken: Error | undefined;
    try {
      // One round trip (simple query protocol: two statements, no parameters).
      await client.query('BEGIN; SET LOCAL synchronous_commit = on');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        // The connection is unusable: destroy it instead of returning it to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
