/**
 * The embedded store's commit point: a {@link DocumentStore} that keeps appends in an
 * append-only log (appendLog.ts) in the data dir and writes them into the SQL tables in large
 * batches in the background. An append resolves once its record is written to the log file
 * (it survives a crash of the process, and the server sends it on); {@link
 * LoggedDocumentStore.whenDurable} once it is fdatasync'd (it survives a power loss, and the
 * server tells its sender it is stored). A commit in PGlite costs milliseconds of CPU in the
 * server's own thread (its WebAssembly writes the WAL through the Emscripten file system); a
 * log record costs a few microseconds to encode and frame, and the fsync runs in libuv's
 * thread pool, shared by every append that arrives meanwhile.
 *
 * Only for PGlite: the data dir lock makes this process the only writer, so it can number the
 * updates itself. (PostgreSQL, shared by processes, keeps committing in the database.)
 *
 * Every read first writes what was acknowledged into the database (flush), so reads, and the
 * code that reads the SQL tables directly after {@link LoggedDocumentStore.flush}, see every
 * acknowledged update. A log segment is removed only after its updates are in the database
 * and the database's files are fsync'd (`makeDatabaseDurable`).
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { toHex } from '../sql/hexBytes';
import type { SqlClient, SqlQueryable } from '../sql/sqlClient';
import type { DocumentStore, LogEntry, NewUpdate, StoredDocument } from '../types';
import { AppendLog, recoverLogFile, syncDirectory } from './appendLog';

/** One acknowledged (or acknowledging) `appendUpdates` call: one log record. */
export interface LoggedAppend {
  docName: string;
  /** Sequence number of the first update; the others follow one by one. */
  firstSeq: number;
  /** When it was appended (the update rows' created_at: the audit log's time). */
  at: Date;
  updates: NewUpdate[];
}

const RECORD_VERSION = 1;

export function encodeAppend(append: LoggedAppend): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, RECORD_VERSION);
  encoding.writeVarString(encoder, append.docName);
  encoding.writeVarUint(encoder, append.firstSeq);
  encoding.writeFloat64(encoder, append.at.getTime());
  encoding.writeVarUint(encoder, append.updates.length);
  for (const update of append.updates) {
    encoding.writeVarString(encoder, update.userId);
    encoding.writeVarUint8Array(encoder, update.data);
  }
  return encoding.toUint8Array(encoder);
}

export function decodeAppend(payload: Uint8Array): LoggedAppend {
  const decoder = decoding.createDecoder(payload);
  const version = decoding.readVarUint(decoder);
  if (version !== RECORD_VERSION) throw new Error(`update log record of unknown version ${version}`);
  const docName = decoding.readVarString(decoder);
  const firstSeq = decoding.readVarUint(decoder);
  const at = new Date(decoding.readFloat64(decoder));
  const count = decoding.readVarUint(decoder);
  const updates: NewUpdate[] = [];
  for (let index = 0; index < count; index++) {
    const userId = decoding.readVarString(decoder);
    // A copy: the record's buffer (a whole log file when recovering) need not stay in memory.
    updates.push({ userId, data: decoding.readVarUint8Array(decoder).slice() });
  }
  return { docName, firstSeq, at, updates };
}

/** Rows per statement when writing into the database (bounds one statement's parameter text). */
const ROWS_PER_STATEMENT = 1000;

export interface WriteAppendsOptions {
  /** Rows per statement (default 1000). */
  rowsPerStatement?: number;
  /** Awaited between statements (the background flush lets the event loop run). */
  between?: () => Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes appends into the SQL tables with their given sequence numbers, in one transaction.
 * Idempotent (a recovered log may hold appends already written), so it can be repeated after
 * a crash.
 *
 * Each table gets one statement per chunk, its rows as parallel arrays (`unnest`), and the
 * updates travel as hex text that Node encodes: PGlite's own bytea parameter encoding formats
 * every byte as a separate string, which cost a third of the background write's CPU
 * (`src/store/log/measureFlushCost.ts`: about 68 against 46 µs per update in batches of 100).
 */
export async function writeAppends(
  sql: SqlClient,
  appends: readonly LoggedAppend[],
  { rowsPerStatement = ROWS_PER_STATEMENT, between }: WriteAppendsOptions = {},
): Promise<void> {
  const rows = appends.flatMap((append) =>
    append.updates.map((update, index) => ({ append, update, seq: append.firstSeq + index })),
  );
  const write = async (db: SqlQueryable, chunk: typeof rows) => {
    const lastSeqs = new Map<string, number>();
    for (const { append, seq } of chunk) {
      lastSeqs.set(append.docName, Math.max(seq, lastSeqs.get(append.docName) ?? 0));
    }
    // One statement for both tables (a statement costs PGlite about half a millisecond
    // whatever its size); the foreign key is checked at its end, after the documents' rows.
    await db.query(
      `with written as (
         insert into documents as d (name, last_seq) select * from unnest($1::text[], $2::bigint[])
         on conflict (name) do update set last_seq = greatest(d.last_seq, excluded.last_seq), updated_at = now()
       )
       insert into document_updates (doc_name, seq, data, user_id, created_at)
       select doc_name, seq, decode(data, 'hex'), user_id, created_at
       from unnest($3::text[], $4::bigint[], $5::text[], $6::text[], $7::timestamptz[])
         as row (doc_name, seq, data, user_id, created_at)
       on conflict (doc_name, seq) do nothing`,
      [
        [...lastSeqs.keys()],
        [...lastSeqs.values()],
        chunk.map(({ append }) => append.docName),
        chunk.map(({ seq }) => seq),
        chunk.map(({ update }) => toHex(update.data)),
        chunk.map(({ update }) => update.userId),
        chunk.map(({ append }) => append.at.toISOString()),
      ],
    );
  };
  // One statement is a transaction of its own.
  if (rows.length <= rowsPerStatement) return write(sql, rows);
  await sql.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += rowsPerStatement) {
      if (start > 0) await between?.();
      await write(tx, rows.slice(start, start + rowsPerStatement));
    }
  });
}

interface Segment {
  id: number;
  path: string;
  log: AppendLog;
  /** Appends in this segment not yet written into the database. */
  unflushed: number;
}

interface Entry extends LoggedAppend {
  segment: Segment;
  /** Settles when the record is written to the log (or failed). */
  written: Promise<void>;
  inLog: boolean;
}

export interface LoggedDocumentStoreOptions {
  /** The folder of the log segments (created if absent). */
  dir: string;
  /** The database the log feeds. */
  sql: SqlClient;
  /** The SQL document store on that database: reads go to it after a flush. */
  documents: DocumentStore;
  /**
   * Makes everything written into the database so far survive a power loss (PGlite runs with
   * fsync off): called before a log segment is removed.
   */
  makeDatabaseDurable(): Promise<void>;
  /** Told of a torn or corrupt log tail that was cut off, and of failed background flushes. */
  onWarning?(message: string): void;
  /** A segment is retired once it has grown past this (default 4 MiB). */
  segmentBytes?: number;
  /** How long acknowledged appends may wait before a background flush (default 200 ms). */
  flushDelayMs?: number;
  /** A background flush starts at once when this many appends wait (default 1000). */
  flushBatch?: number;
}

const segmentName = (id: number) => `${String(id).padStart(10, '0')}.log`;
const SEGMENT_FILE = /^(\d{10})\.log$/;

const hasNul = (text: string) => text.includes('\u0000');

export class LoggedDocumentStore implements DocumentStore {
  /** The last sequence number of every document (this process is the only writer). */
  private readonly lastSeqs = new Map<string, number>();
  /** Appends not yet written into the database, in append order. */
  private readonly entries: Entry[] = [];
  private readonly segments: Segment[] = [];
  private flushing: Promise<void> | null = null;
  private retiring: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly segmentBytes: number;
  private readonly flushDelayMs: number;
  private readonly flushBatch: number;

  private constructor(private readonly options: LoggedDocumentStoreOptions) {
    this.segmentBytes = options.segmentBytes ?? 4 * 1024 * 1024;
    this.flushDelayMs = options.flushDelayMs ?? 200;
    this.flushBatch = options.flushBatch ?? 1000;
  }

  /**
   * Recovers the log into the database (a torn or corrupt tail is cut off with a warning,
   * never loaded), then opens it for appending.
   */
  static async open(options: LoggedDocumentStoreOptions): Promise<LoggedDocumentStore> {
    const store = new LoggedDocumentStore(options);
    await store.recover();
    return store;
  }

  private get active(): Segment {
    return this.segments.at(-1) as Segment;
  }

  private async recover(): Promise<void> {
    const { dir, sql } = this.options;
    await mkdir(dir, { recursive: true });
    const ids = (await readdir(dir))
      .map((name) => SEGMENT_FILE.exec(name)?.[1])
      .filter((id): id is string => id !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    for (const id of ids) {
      const path = join(dir, segmentName(id));
      const parsed = await recoverLogFile(path);
      if (parsed.discardedBytes > 0) {
        this.options.onWarning?.(
          `update log ${path}: cut off ${parsed.discardedBytes} bytes of a torn or corrupt tail after ${parsed.payloads.length} records`,
        );
      }
      const appends = parsed.payloads.map(decodeAppend);
      if (appends.length > 0) await writeAppends(sql, appends);
      this.segments.push({ id, path, log: await AppendLog.open(path), unflushed: 0 });
    }
    const { rows } = await sql.query<{ name: string; last_seq: string }>(
      'select name, last_seq from documents',
    );
    for (const row of rows) this.lastSeqs.set(row.name, Number(row.last_seq));
    if (this.segments.length === 0) await this.startSegment(1);
    // Older segments are left only by a crash between starting a segment and retiring them.
    else if (this.segments.length > 1) this.retireFlushedSegments();
  }

  private async startSegment(id: number): Promise<void> {
    const path = join(this.options.dir, segmentName(id));
    const log = await AppendLog.open(path);
    await syncDirectory(this.options.dir);
    this.segments.push({ id, path, log, unflushed: 0 });
  }

  async appendUpdates(docName: string, updates: readonly NewUpdate[]): Promise<number> {
    if (this.closed) throw new Error('the document store is closed');
    if (updates.length === 0) throw new Error('appendUpdates needs at least one update');
    // What the database would refuse must be refused now: a logged append is written later.
    if (typeof docName !== 'string' || hasNul(docName)) throw new Error('invalid document name');
    for (const update of updates) {
      if (typeof update.userId !== 'string' || hasNul(update.userId)) throw new Error('invalid user id');
      if (!(update.data instanceof Uint8Array)) throw new Error('an update must be bytes');
    }
    const firstSeq = (this.lastSeqs.get(docName) ?? 0) + 1;
    const lastSeq = firstSeq + updates.length - 1;
    this.lastSeqs.set(docName, lastSeq);
    const append: LoggedAppend = {
      docName,
      firstSeq,
      at: new Date(),
      // Copies: the caller may reuse its buffers before the background flush reads them.
      updates: updates.map((update) => ({ userId: update.userId, data: update.data.slice() })),
    };
    const segment = this.active;
    segment.unflushed++;
    const written = segment.log.append(encodeAppend(append));
    const entry: Entry = { ...append, segment, written, inLog: false };
    this.entries.push(entry);
    try {
      await written;
    } catch (error) {
      // Never acknowledged, so never written into the database. The log refuses every later
      // append (its file's end is unknown), so the sequence numbers taken here stay unused.
      this.entries.splice(this.entries.indexOf(entry), 1);
      segment.unflushed--;
      throw error;
    }
    entry.inLog = true;
    this.scheduleFlush();
    return lastSeq;
  }

  /**
   * Resolves once every append acknowledged before the call is fdatasync'd in the log, so it
   * survives a power loss too (an append resolves once its record is written: it survives a
   * crash of this process).
   */
  async whenDurable(): Promise<void> {
    await Promise.all(this.segments.map((segment) => segment.log.sync()));
  }

  private scheduleFlush(): void {
    if (this.closed) return;
    if (this.entries.length >= this.flushBatch && !this.flushing) {
      void this.flushOnce().catch((error) => this.warnFlush(error));
    } else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        void this.flushOnce().catch((error) => this.warnFlush(error));
      }, this.flushDelayMs);
      this.flushTimer.unref();
    }
  }

  private warnFlush(error: unknown): void {
    // The appends stay in the log and in memory; the next flush tries them again.
    this.options.onWarning?.(`writing the update log into the database failed: ${String(error)}`);
    this.scheduleFlush();
  }

  /**
   * Writes every update acknowledged so far into the database. Code that reads the update
   * tables directly (the audit log) awaits it first.
   */
  async flush(): Promise<void> {
    await Promise.allSettled(this.entries.map((entry) => entry.written));
    await this.flushOnce();
  }

  private async flushOnce(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => {});
    this.flushing = this.writeDurableEntries();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async writeDurableEntries(): Promise<void> {
    // Only a prefix: a document's updates go into the database in order, never with a gap.
    let count = 0;
    while (count < this.entries.length && this.entries[count]?.inLog) count++;
    if (count === 0) return;
    const batch = this.entries.slice(0, count);
    // PGlite runs in this thread: a statement holds up every client's messages while it runs
    // (about 45 µs a row), so a large backlog goes in statements of a thousand rows with a turn
    // of the event loop between them. Smaller statements would cost more CPU: each has a fixed
    // cost of about 0.7 ms (measureFlushCost.ts).
    await writeAppends(this.options.sql, batch, { between: nextTurn });
    // Only appends after the batch were added or removed meanwhile.
    this.entries.splice(0, count);
    for (const entry of batch) entry.segment.unflushed--;
    if (this.active.log.size >= this.segmentBytes && !this.closed)
      await this.startSegment(this.active.id + 1);
    // An older segment is done once its last append is written, which may be a flush after the
    // one that started the next segment.
    if (this.segments.some((segment) => segment !== this.active && segment.unflushed === 0)) {
      this.retireFlushedSegments();
    }
  }

  /** Removes every older segment whose appends are all in the (then fsync'd) database. */
  private retireFlushedSegments(): void {
    this.retiring = this.retiring.then(async () => {
      const done = this.segments.filter((segment) => segment !== this.active && segment.unflushed === 0);
      if (done.length === 0) return;
      try {
        for (const segment of done) await segment.log.close();
        await this.options.makeDatabaseDurable();
        for (const segment of done) {
          await unlink(segment.path);
          this.segments.splice(this.segments.indexOf(segment), 1);
        }
        await syncDirectory(this.options.dir);
      } catch (error) {
        // Left in place, the segments are recovered (again, harmlessly) at the next open.
        this.options.onWarning?.(`retiring update log segments failed: ${String(error)}`);
      }
    });
  }

  async load(docName: string): Promise<StoredDocument> {
    await this.flush();
    return this.options.documents.load(docName);
  }

  async replaceSnapshot(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    await this.flush();
    await this.options.documents.replaceSnapshot(docName, snapshot, uptoSeq);
  }

  async loadUpdatesAfter(docName: string, afterSeq: number): Promise<{ seq: number; data: Uint8Array }[]> {
    await this.flush();
    return this.options.documents.loadUpdatesAfter(docName, afterSeq);
  }

  async pendingUpdateCount(docName: string): Promise<number> {
    await this.flush();
    return this.options.documents.pendingUpdateCount(docName);
  }

  async listDocuments(): Promise<string[]> {
    await this.flush();
    return this.options.documents.listDocuments();
  }

  async loadLog(docName: string): Promise<LogEntry[]> {
    await this.flush();
    return this.options.documents.loadLog(docName);
  }

  async loadLogPage(docName: string, afterSeq: number, limit: number): Promise<LogEntry[]> {
    await this.flush();
    return this.options.documents.loadLogPage(docName, afterSeq, limit);
  }

  /**
   * Refuses new appends, writes every acknowledged one into the database, makes it durable and
   * removes the log's segments: before a restore replaces the tables, so that no record is
   * replayed over the restored contents at the next open. The store is closed afterwards.
   */
  async discardLog(): Promise<void> {
    await this.close();
    await this.options.makeDatabaseDurable();
    for (const segment of this.segments.splice(0)) await unlink(segment.path);
    await syncDirectory(this.options.dir);
  }

  /**
   * Refuses new appends, writes every acknowledged one into the database and closes the log.
   * The log's segments stay (every record in them is fsync'd); the next open finds their
   * records already in the database.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flush();
    await this.retiring;
    for (const segment of this.segments) await segment.log.close();
  }
}
