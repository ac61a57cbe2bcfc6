import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { QuarantineRecord } from '../store/quarantine-store.js';
import { FILE_SOURCE_TYPES, type FileSourceType } from './file-source-types.js';
import { batchFingerprint, publishBatch, sha256, storedFingerprint } from './publish-batch.js';
import type { SourceContext } from './source-context.js';
import type { SourcePublisher } from './source-publisher.js';
import { findFormat } from './source-formats.js';
import { numberedLines } from './source-result.js';
import type { SourceOffsets, SourcePosition } from '../store/source-offsets.js';
import { splitCsvLine } from './csv-lines.js';

export interface FileSourceConfig {
  readonly type: FileSourceType;
  readonly path: string;
  /** Keep reading as the file grows (tail -F); false: read to the end once and stop. */
  readonly follow: boolean;
}

export interface FileSourceOptions {
  /** How often a followed file is looked at, ms (default 500). */
  readonly pollMs?: number;
  /** Largest chunk read and published at once (default 1 MiB); a longer line is rejected whole. */
  readonly chunkBytes?: number;
}

/** What a file source has done so far (for logs, tests and /health-like reports). */
export interface FileSourceStats {
  accepted: number;
  ignored: number;
  rejected: number;
  rotations: number;
  truncations: number;
}

/**
 * Tails one line-format file into the hub (suricata-eve, wazuh, environment and portal CSV / JSON Lines).
 *
 * - Growth: polled every pollMs; only complete lines are read (a line still being written waits for its "\n"),
 *   except at the end of a file read once (follow: false).
 * - Rotation (the path now names another device:inode, e.g. logrotate's rename + create): the old file is read to
 *   its end through the still-open handle, then the new file from its start.
 * - Truncation (same inode, size below the offset, e.g. copytruncate): read again from the start; the truncation
 *   generation is bumped so quarantine keys of the new lines do not collide with the old ones.
 * - Offset: kept in the state store (table source_offsets of the --db file, or of PostgreSQL with --store) per
 *   source (type + absolute path).
 *
 * Guarantee across a hub crash or restart — each line's items are in the log exactly once:
 *   1. before publishing a chunk, its end offset, the feed's seq and a hash of its items are saved as "pending",
 *      together with the chunk's quarantine rows (one transaction; rows keyed by file, generation and line, so a
 *      re-read inserts none twice);
 *   2. the items are published: one append, one group commit, in the log whole or not at all;
 *   3. the offset moves to the chunk's end and "pending" is cleared.
 *   On start a pending chunk is looked up in the log after the saved seq: found → it was committed, skip it; not
 *   found → read it again. A file rotated away while the hub was down is found by its device:inode among the
 *   path's rotated siblings (same folder, name starting with the file's name, as logrotate names them) and read to
 *   its end before the new file. Limits: the log must still hold that chunk (retention, default 24 h); a rotated
 *   file that was compressed or moved elsewhere is not found (the new file is read from its start); a file truncated and
 *   regrown past the old offset between two looks cannot be told from growth (as with tail -F). Vehicles are not
 *   a file source (GTFS-RT comes through the ingest API).
 */
export class FileSource {
  readonly config: FileSourceConfig;
  readonly key: string;
  readonly stats: FileSourceStats = { accepted: 0, ignored: 0, rejected: 0, rotations: 0, truncations: 0 };
  readonly #hub: SourcePublisher;
  readonly #context: SourceContext;
  readonly #offsets: SourceOffsets;
  readonly #pollMs: number;
  readonly #chunkBytes: number;
  readonly #path: string;
  #handle: FileHandle | null = null;
  #position: SourcePosition = { file: '', generation: 0, offset: 0, line: 0, pending: null };
  #header: string[] | null = null;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  #finished = false;
  #lastError: string | null = null;

  constructor(hub: SourcePublisher, context: SourceContext, offsets: SourceOffsets, config: FileSourceConfig, options: FileSourceOptions = {}) {
    this.#hub = hub;
    this.#context = context;
    this.#offsets = offsets;
    this.config = config;
    this.#path = resolve(config.path);
    this.key = `${config.type} ${this.#path}`;
    this.#pollMs = options.pollMs ?? 500;
    this.#chunkBytes = options.chunkBytes ?? 1024 * 1024;
  }

  get #spec(): { feed: 'soc' | 'environment' | 'portal'; format: string } {
    return FILE_SOURCE_TYPES[this.config.type];
  }

  /** True once a `follow: false` source has read its file to the end. */
  get finished(): boolean {
    return this.#finished;
  }

  get position(): SourcePosition {
    return this.#position;
  }

  /** Recover the saved position (resolving a pending chunk), then start polling. */
  async start(): Promise<void> {
    const saved = await this.#offsets.load(this.key);
    if (saved) this.#position = saved.pending ? await this.#recover(saved) : saved;
    this.#schedule(0);
  }

  /** Stop polling and wait for the step in progress (its chunk is then committed or not started). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
    await this.#handle?.close().catch(() => undefined);
    this.#handle = null;
  }

  /** Run one step now (tests: no waiting for the poll timer). */
  async poll(): Promise<void> {
    while (this.#running) await this.#running;
    this.#running = this.#step().finally(() => {
      this.#running = null;
    });
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#stopped || this.#finished) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.poll().then(
        () => this.#schedule(this.#pollMs),
        (error: unknown) => {
          // A failed step (e.g. the log store refusing writes) is logged once per distinct message and retried.
          const message = error instanceof Error ? error.message : String(error);
          if (message !== this.#lastError) console.error(`hub: file source ${this.key}: ${message}`);
          this.#lastError = message;
          this.#schedule(this.#pollMs * 4);
        },
      );
    }, ms);
    // The hub's server keeps the process alive; a forgotten source must not.
    this.#timer.unref();
  }

  async #recover(saved: SourcePosition): Promise<SourcePosition> {
    const pending = saved.pending;
    if (!pending) return saved;
    const committed = await this.#findInLog(pending.afterSeq, pending.count, pending.firstHash, pending.hash);
    const position = committed ? { ...saved, offset: pending.toOffset, line: pending.toLine, pending: null } : { ...saved, pending: null };
    await this.#offsets.save(this.key, position);
    return position;
  }

  /** Whether `count` consecutive items hashing to `hash` follow `afterSeq` in the feed's log. */
  async #findInLog(afterSeq: number, count: number, firstHash: string, hash: string): Promise<boolean> {
    const feed = this.#spec.feed;
    let cursor = afterSeq;
    for (;;) {
      const page = await this.#hub.readLog(feed, cursor, 1000);
      if (page.length === 0) return false;
      for (const item of page) {
        if (sha256(item.json) !== firstHash) continue;
        const run = [item, ...(await this.#hub.readLog(feed, item.seq, count - 1))];
        if (run.length === count && storedFingerprint(run.map((entry) => entry.json)) === hash) return true;
      }
      cursor = page[page.length - 1]?.seq ?? cursor;
    }
  }

  async #step(): Promise<void> {
    if (this.#stopped) return;
    if (!this.#handle && !(await this.#openCurrent())) return;
    // Read what the open file has, then look whether the path still names it.
    while (!this.#stopped && (await this.#readChunk())) {
      // keep reading while whole chunks come
    }
    if (this.#stopped) return;
    const current = await this.#identity();
    if (current !== null && current === this.#position.file) return;
    if (current === null && !this.config.follow) return;
    if (current === null) return; // rotated away, not yet re-created: keep the old handle, look again later
    // Rotated: drain the old file (a writer may have appended since), then switch to the new one.
    while (!this.#stopped && (await this.#readChunk())) {
      // drain
    }
    await this.#handle?.close().catch(() => undefined);
    this.#handle = null;
    this.stats.rotations += 1;
    this.#position = { file: current, generation: 0, offset: 0, line: 0, pending: null };
    this.#header = null;
    await this.#offsets.save(this.key, this.#position);
    await this.#openCurrent();
    while (!this.#stopped && (await this.#readChunk())) {
      // read the new file
    }
  }

  async #identity(): Promise<string | null> {
    try {
      const info = await stat(this.#path);
      return `${info.dev}:${info.ino}`;
    } catch {
      return null;
    }
  }

  async #openCurrent(): Promise<boolean> {
    let handle: FileHandle;
    try {
      handle = await open(this.#path, 'r');
    } catch {
      return false; // not there yet (or rotated away): look again at the next poll
    }
    const info = await handle.stat();
    const file = `${info.dev}:${info.ino}`;
    if (file !== this.#position.file) {
      // Rotated while the hub was down: the saved file may live on under its rotated name (eve.json.1,
      // eve.json-20261130). Finish it first, from the saved offset; #step then moves on to the new file.
      const rotated = this.#position.file === '' ? null : await this.#findRotated(this.#position.file);
      if (rotated) {
        await handle.close();
        this.#handle = rotated;
        return true;
      }
      // Another file than the saved one (first start, or the old one is gone): from its start.
      if (this.#position.file !== '' && this.#position.offset > 0) {
        console.warn(`hub: file source ${this.key}: the file read before the restart is gone; reading the new one from its start`);
      }
      this.#position = { file, generation: 0, offset: 0, line: 0, pending: null };
      this.#header = null;
    }
    this.#handle = handle;
    return true;
  }

  /** An open handle on the file with identity `file` among the path's rotated siblings (same folder, same name prefix). */
  async #findRotated(file: string): Promise<FileHandle | null> {
    const folder = dirname(this.#path);
    const name = basename(this.#path);
    let entries: string[];
    try {
      entries = await readdir(folder);
    } catch {
      return null;
    }
    for (const entry of entries.filter((candidate) => candidate !== name && candidate.startsWith(name)).sort()) {
      try {
        const handle = await open(join(folder, entry), 'r');
        const info = await handle.stat();
        if (`${info.dev}:${info.ino}` === file) return handle;
        await handle.close();
      } catch {
        // vanished or unreadable: not ours
      }
    }
    return null;
  }

  /** Read and publish one chunk of complete lines; false when there was nothing (more) to read. */
  async #readChunk(): Promise<boolean> {
    const handle = this.#handle;
    if (!handle) return false;
    const { size } = await handle.stat();
    if (size < this.#position.offset) {
      this.stats.truncations += 1;
      this.#position = { ...this.#position, generation: this.#position.generation + 1, offset: 0, line: 0 };
      this.#header = null;
    }
    if (size === this.#position.offset) {
      if (!this.config.follow) this.#finished = true;
      return false;
    }
    const length = Math.min(size - this.#position.offset, this.#chunkBytes);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, this.#position.offset);
    const bytes = buffer.subarray(0, bytesRead);
    let end = bytes.lastIndexOf(0x0a) + 1;
    const atEnd = this.#position.offset + bytesRead >= size;
    if (end === 0) {
      if (bytesRead === this.#chunkBytes) end = bytesRead; // one line longer than a chunk: taken (and rejected) as is
      else if (atEnd && !this.config.follow) end = bytesRead; // last line of a finished file, without "\n"
      else return false; // a line still being written
    } else if (atEnd && !this.config.follow && end < bytesRead) {
      end = bytesRead;
    }
    await this.#publishChunk(bytes.subarray(0, end).toString('utf8'), end);
    return true;
  }

  async #publishChunk(text: string, byteLength: number): Promise<void> {
    const { feed, format: formatName } = this.#spec;
    const format = findFormat(feed, formatName);
    if (!format || format.kind !== 'lines') throw new Error(`${this.config.type} is not a line format`);
    const firstLine = this.#position.line + 1;
    let lines = numberedLines(text, firstLine);
    const lineCount = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
    if (format.csv) {
      if (this.#header === null) this.#header = await this.#readHeader();
      // The header is line 1 of the file: not a record.
      lines = lines.filter((entry) => entry.line !== 1);
    }
    const batch = format.parse({ lines, header: this.#header }, this.#context);
    const { count, firstHash, hash } = batchFingerprint(batch);
    const to = { offset: this.#position.offset + byteLength, line: this.#position.line + lineCount };
    const receivedAt = Date.now();
    const quarantine: QuarantineRecord[] = batch.rejected.map((record) => ({
      feed,
      format: formatName,
      origin: `file ${this.#path}`,
      line: record.line,
      reason: record.reason,
      raw: record.raw,
      receivedAt,
      dedupeKey: `${this.key}@${this.#position.file}.${this.#position.generation}#${record.line}`,
    }));
    if (count > 0) {
      const pendingPosition: SourcePosition = {
        ...this.#position,
        pending: {
          toOffset: to.offset,
          toLine: to.line,
          afterSeq: this.#hub.headSeq(feed),
          count,
          firstHash,
          hash,
        },
      };
      await this.#offsets.save(this.key, pendingPosition, quarantine);
      const outcome = await publishBatch(this.#hub, batch);
      this.stats.rejected += outcome.rejected.length - batch.rejected.length;
    } else {
      if (quarantine.length > 0) await this.#offsets.save(this.key, { ...this.#position, pending: null }, quarantine);
      // Nothing to log (e.g. readings only for hours older than the last published): the format's state still moves.
      const outcome = await publishBatch(this.#hub, batch);
      this.stats.rejected += outcome.rejected.length - batch.rejected.length;
    }
    this.#position = { ...this.#position, offset: to.offset, line: to.line, pending: null };
    await this.#offsets.save(this.key, this.#position);
    this.stats.accepted += batch.accepted;
    this.stats.ignored += batch.ignored.length;
    this.stats.rejected += batch.rejected.length;
  }

  /** The file's first line, split as CSV (the column names of every later line). */
  async #readHeader(): Promise<string[] | null> {
    const handle = this.#handle;
    if (!handle) return null;
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    const text = buffer.subarray(0, end < 0 ? bytesRead : end).toString('utf8').replace(/\r$/, '');
    try {
      return splitCsvLine(text);
    } catch {
      return null;
    }
  }
}
