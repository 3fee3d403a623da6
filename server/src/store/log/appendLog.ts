/**
 * An append-only file of checksummed records, each `[u32 length][u32 crc32][payload]` (little
 * endian; the CRC-32 is of the payload), made durable with grouped fsyncs: an append resolves
 * once its record is written and fdatasync'd, and appends that arrive while a write is in
 * flight are written and synced together in the next one. A crash can tear only the last,
 * unacknowledged write; reading stops at the first incomplete or checksum-failing record.
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

/** One log file open for appending. */
export class AppendLog {
  private readonly pending: Pending[] = [];
  private writing: Promise<void> | null = null;
  private failure: unknown = null;
  private bytes: number;

  private constructor(
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.bytes = size;
  }

  /**
   * Opens `path` for appending (creating it; a new file's directory entry is made durable by
   * the caller, see {@link syncDirectory}). Recover the file first: appends go after whatever
   * it holds.
   */
  static async open(path: string): Promise<AppendLog> {
    const handle = await open(path, 'a');
    try {
      const { size } = await handle.stat();
      return new AppendLog(handle, size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Bytes in the file, counting appends not yet written. */
  get size(): number {
    return this.bytes;
  }

  /**
   * Resolves once the record is on disk (written and fdatasync'd). After a failed write the
   * file's end is unknown, so the log refuses every later append.
   */
  append(payload: Uint8Array): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const record = frameRecord(payload);
    this.bytes += record.length;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      if (!this.writing) this.writing = this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    try {
      // Starts after the current turn of the event loop: the appends of every message read in
      // it share one write and one fsync (an fsync costs ~60 µs of CPU here; issue #17).
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.pending.length > 0) {
        const group = this.pending.splice(0);
        try {
          if (this.failure !== null) throw this.failure;
          const buffer =
            group.length === 1 ? (group[0] as Pending).record : Buffer.concat(group.map((p) => p.record));
          // Written in this thread: copying a few records into the page cache costs microseconds,
          // less than a round trip through libuv's thread pool, which the fsync makes anyway;
          // and the fsync through the callback API, which costs less CPU than FileHandle's
          // promises (about 95 against 140 µs for a write and its fsync together; issue #17).
          let written = 0;
          while (written < buffer.length) {
            written += writeSync(this.handle.fd, buffer, written, buffer.length - written);
          }
          // fdatasync also flushes the file size, which the appended records need.
          await dataSync(this.handle.fd);
        } catch (error) {
          this.failure ??= error;
          for (const waiting of group) waiting.reject(error);
          continue;
        }
        for (const waiting of group) waiting.resolve();
      }
    } finally {
      this.writing = null;
    }
  }

  /** Waits for the appends so far to be written (or to fail). */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Waits for pending appends, then closes the file. */
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
