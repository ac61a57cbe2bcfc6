import sqlite3 from 'sqlite3';

/** A small promise wrapper over node-sqlite3: the callback API is easy to misuse in transaction code. */
export class SqliteDatabase {
  readonly #db: sqlite3.Database;

  private constructor(db: sqlite3.Database) {
    this.#db = db;
  }

  /**
   * `readOnly`: for tools that only look (audit verify/export, quarantine list). They cannot change the file, and a
   * mistyped path is an error instead of a new empty database.
   */
  static open(path: string, options: { readonly readOnly?: boolean } = {}): Promise<SqliteDatabase> {
    // node-sqlite3's default mode is READWRITE | CREATE | FULLMUTEX; only the first two change for readers.
    const mode = (options.readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE) | sqlite3.OPEN_FULLMUTEX;
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, mode, (error) => {
        if (error) reject(new Error(`cannot open SQLite database ${path}: ${error.message}`));
        else resolve(new SqliteDatabase(db));
      });
    });
  }

  run(sql: string, params: readonly unknown[] = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) => {
      this.#db.run(sql, params, function onRun(this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(error);
        else resolve({ changes: this.changes, lastID: this.lastID });
      });
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#db.exec(sql, (error) => (error ? reject(error) : resolve()));
    });
  }

  all<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return new Promise((resolve, reject) => {
      this.#db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as Row[])));
    });
  }

  get<Row>(sql: string, params: readonly unknown[] = []): Promise<Row | undefined> {
    return new Promise((resolve, reject) => {
      this.#db.get(sql, params, (error, row) => (error ? reject(error) : resolve(row as Row | undefined)));
    });
  }

  /**
   * Run `work` inside BEGIN IMMEDIATE … COMMIT. node-sqlite3 runs statements of one connection in order, so
   * statements issued by `work` before its promise settles land inside the transaction. Callers must not interleave
   * two transactions: SqliteLogStore serialises them through one queue.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run('BEGIN IMMEDIATE');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#db.close((error) => (error ? reject(error) : resolve()));
    });
  }
}
