/**
 * An append-only file of checksummed records, each `[u32 length][u32 crc32][payload]` (little
 * endian; the CRC-32 is of the payload), written in groups (the appends of one turn of the
 * event loop) and made durable with grouped fdatasyncs. A crash can tear only the last write;
 * reading stops at the first incomplete or checksum-failing record.
 */
import { fdatasync, writeSync } from 'node:fs';
import { type FileHandle, open, readdir, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

const HEADER_BYTES = 8;
/** Larger lengths are garbage, not records: no append comes near it. */
const MAX_RECORD_BYTES = 1024 ** 3;

/** Frames one payload as a record. */
export function frameRecord(payload: Uint8Array): Buffer {
  const record = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  record.writeUInt32LE(payload.length, 0);
  record.writeUInt32LE(crc32(payload), 4);
  record.set(payload, HEADER_BYTES);
  return record;
}

/** The records of a log file's bytes, up to the first incomplete or corrupt one. */
export interface ParsedLog {
  payloads: Buffer[];
  /** Bytes of whole, valid records from the start: where the file should end. */
  validBytes: number;
  /** Bytes after them (a torn or corrupt tail); 0 for a clean file. */
  discardedBytes: number;
}

export function parseRecords(bytes: Buffer): ParsedLog {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (bytes.length - offset >= HEADER_BYTES) {
    const length = bytes.readUInt32LE(offset);
    const checksum = bytes.readUInt32LE(offset + 4);
    const end = offset + HEADER_BYTES + length;
    if (length > MAX_RECORD_BYTES || end > bytes.length) break;
    const payload = bytes.subarray(offset + HEADER_BYTES, end);
    if (crc32(payload) !== checksum) break;
    payloads.push(payload);
    offset = end;
  }
  return { payloads, validBytes: offset, discardedBytes: bytes.length - offset };
}

/**
 * Reads a log file's records and cuts off a torn or corrupt tail (made durable before
 * returning), so that appends continue after the last valid record. An absent file reads as
 * empty.
 */
export async function recoverLogFile(path: string): Promise<ParsedLog> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { payloads: [], validBytes: 0, discardedBytes: 0 };
    throw error;
  }
  const parsed = parseRecords(bytes);
  if (parsed.discardedBytes > 0) {
    await truncate(path, parsed.validBytes);
    const handle = await open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  return parsed;
}

const dataSync = (fd: number) =>
  new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));

interface Pending {
  record: Buffer;
  resolve(): void;
  reject(error: unknown): void;
}

interface SyncWaiter {
  /** The file must be synced up to here. */
  bytes: number;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * One log file open for appending. Two promises per record, as the sync server needs them: an
 * append resolves once the record is written to the file (the kernel holds it: it survives a
 * crash of this process, and the server may send it on), and {@link AppendLog.sync} once it is
 * fdatasync'd (it survives a power loss: the server may tell the sender it is stored).
 */
/** Least time between the starts of two fdatasyncs of one log, by default (see {@link AppendLogOptions}). */
export const SYNC_INTERVAL_MS = 50;

export interface AppendLogOptions {
  /**
   * Least milliseconds between the starts of two fdatasyncs (default {@link SYNC_INTERVAL_MS}).
   * Under a steady stream of appends an fdatasync a millisecond would cover one or two records
   * each and cost more kernel CPU than the rest of the commit (the team benchmark's profile,
   * issue #17); spaced out, each covers what came meanwhile. Only the "stored" acknowledgement
   * waits for it (sent at most every 250 ms per connection anyway), never the broadcast, so
   * 50 ms costs nobody anything: at 450 appends a second, one a turn, it made 8–24 fdatasyncs a
   * second against 94 at 10 ms (measureCommitCost.ts).
   */
  syncIntervalMs?: number;
}

export class AppendLog {
  private readonly pending: Pending[] = [];
  private writeScheduled = false;
  /** The fdatasync running, or the wait before the next one may start. */
  private syncing: Promise<void> | null = null;
  private lastSyncStartedAt = Number.NEGATIVE_INFINITY;
  private syncCount = 0;
  private readonly syncWaiters: SyncWaiter[] = [];
  private failure: unknown = null;
  /** Bytes in the file, counting appends not yet written. */
  private bytes: number;
  private writtenBytes: number;
  private syncedBytes: number;

  private constructor(
    private readonly handle: FileHandle,
    size: number,
    private readonly syncIntervalMs: number,
  ) {
    this.bytes = size;
    this.writtenBytes = size;
    this.syncedBytes = size;
  }

  /**
   * Opens `path` for appending (creating it; a new file's directory entry is made durable by
   * the caller, see {@link syncDirectory}). Recover the file first: appends go after whatever
   * it holds.
   */
  static async open(path: string, options: AppendLogOptions = {}): Promise<AppendLog> {
    const handle = await open(path, 'a');
    try {
      const { size } = await handle.stat();
      return new AppendLog(handle, size, options.syncIntervalMs ?? SYNC_INTERVAL_MS);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Bytes in the file, counting appends not yet written. */
  get size(): number {
    return this.bytes;
  }

  /** fdatasyncs started since the file was opened. */
  get syncs(): number {
    return this.syncCount;
  }

  /**
   * Resolves once the record is written to the file, so that it survives a crash of this
   * process (not yet a power loss: see {@link AppendLog.sync}). After a failed write or sync
   * the file's state is unknown, so the log refuses every later append.
   */
  append(payload: Uint8Array): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const record = frameRecord(payload);
    this.bytes += record.length;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      if (!this.writeScheduled) {
        this.writeScheduled = true;
        // After the current turn of the event loop: the appends of every message read in it
        // share one write (and the fsync after it).
        setImmediate(() => this.writePending());
      }
    });
  }

  /** Resolves once every record appended before the call is fdatasync'd. */
  sync(): Promise<void> {
    if (this.syncedBytes >= this.bytes) return Promise.resolve();
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.syncWaiters.push({ bytes: this.bytes, resolve, reject });
    });
  }

  private writePending(): void {
    this.writeScheduled = false;
    const group = this.pending.splice(0);
    if (group.length === 0) return;
    try {
      if (this.failure !== null) throw this.failure;
      const buffer =
        group.length === 1 ? (group[0] as Pending).record : Buffer.concat(group.map((p) => p.record));
      // Written in this thread: copying a few records into the page cache costs microseconds,
      // less than a round trip through libuv's thread pool (issue #17).
      let written = 0;
      while (written < buffer.length) {
        written += writeSync(this.handle.fd, buffer, written, buffer.length - written);
      }
      this.writtenBytes += buffer.length;
    } catch (error) {
      this.fail(error);
      for (const waiting of group) waiting.reject(error);
      return;
    }
    for (const waiting of group) waiting.resolve();
    this.startSync();
  }

  /**
   * One fdatasync at a time, in libuv's thread pool, covering everything written when it
   * started; the writes made meanwhile share the next one, which starts no sooner than the
   * sync interval after this one started. Through the callback API, which costs less CPU than
   * FileHandle's promises (issue #17).
   */
  private startSync(): void {
    if (this.syncing || this.failure !== null || this.syncedBytes >= this.writtenBytes) return;
    const wait = this.lastSyncStartedAt + this.syncIntervalMs - performance.now();
    if (wait > 0) {
      this.syncing = new Promise<void>((resolve) => setTimeout(resolve, wait)).then(() => {
        this.syncing = null;
        this.startSync();
      });
      return;
    }
    const target = this.writtenBytes;
    this.lastSyncStartedAt = performance.now();
    this.syncCount++;
    // fdatasync also flushes the file size, which the appended records need.
    this.syncing = dataSync(this.handle.fd).then(
      () => {
        this.syncedBytes = target;
        this.syncing = null;
        // Waiters come in the order of their byte counts, which only grow.
        while ((this.syncWaiters[0]?.bytes ?? Number.POSITIVE_INFINITY) <= target) {
          this.syncWaiters.shift()?.resolve();
        }
        this.startSync();
      },
      (error: unknown) => {
        this.syncing = null;
        this.fail(error);
      },
    );
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiter of this.syncWaiters.splice(0)) waiter.reject(this.failure);
  }

  /** Waits for the appends so far to be written and fdatasync'd (or to fail). */
  async drain(): Promise<void> {
    await this.sync().catch(() => undefined);
  }

  /** Waits for pending appends to be written and synced, then closes the file. */
  async close(): Promise<void> {
    await this.drain();
    await this.handle.close();
  }
}

/**
 * fsyncs a directory (so that files created or removed in it stay so after a power loss), or a
 * file.
 */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * fsyncs every file and folder under `path`: makes a database that runs with fsync off (PGlite)
 * survive a power loss as it is now. Files already on disk cost little.
 */
export async function syncTree(path: string): Promise<void> {
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await syncTree(child);
    else if (entry.isFile()) await syncDirectory(child);
  }
  await syncDirectory(path);
}
