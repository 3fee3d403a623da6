/**
 * Följsam's backup file: a logical dump of its own tables, the same for both stores, so a
 * backup of the embedded store (PGlite) restores into PostgreSQL and the other way round.
 *
 * The file is gzip-compressed JSON Lines (`zcat file | head` shows what it is):
 *
 *   {"format":"foljsam-backup","formatVersion":1,"productVersion":"0.9.0","schemaVersion":7,"createdAt":"…","store":"pglite"}
 *   {"table":"departments","row":{"id":"hr","number":"8.1.1",…}}
 *   …one line per row, table by table in {@link BACKED_UP_TABLES} order…
 *   {"end":{"rows":{"departments":9,"users":14,…}}}
 *
 * Rows are PostgreSQL's own `row_to_json` of every column (bytea as `\x…` hex, times in UTC
 * with microseconds, jsonb as JSON) and go back through `json_populate_recordset`, so every
 * value round-trips exactly and a column added by a later migration is carried without code
 * here. The end line counts the rows: a file cut short at a gzip member boundary, which gzip's
 * own CRC cannot see, is still refused. See docs/backup.md.
 */

import { pipeline, type Readable, type Writable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import semver from 'semver';
import type { SqlQueryable } from '../store/sql/sqlClient';
import type { Store, StoreKind } from '../store/types';
import { PRODUCT_VERSION } from '../version';

export const BACKUP_FORMAT = 'foljsam-backup';
/** Raised when the file's layout changes; a restore refuses files of a newer one. */
export const BACKUP_FORMAT_VERSION = 1;

/**
 * The tables a backup holds, in restore order (each after the tables it refers to), with the
 * order their rows are written in.
 */
export const BACKED_UP_TABLES = [
  { name: 'departments', orderBy: 'id' },
  { name: 'users', orderBy: 'id' },
  { name: 'sso_group_mappings', orderBy: 'group_id' },
  { name: 'workspace_settings', orderBy: 'id' },
  { name: 'reporting_calendars', orderBy: 'year' },
  { name: 'documents', orderBy: 'name' },
  { name: 'document_updates', orderBy: 'doc_name, seq' },
  { name: 'report_approvals', orderBy: 'id' },
  { name: 'audit_events', orderBy: 'id' },
  { name: 'mail_log', orderBy: 'key' },
] as const;

export type BackedUpTable = (typeof BACKED_UP_TABLES)[number]['name'];

/**
 * Tables left out on purpose: sessions (a restore signs everyone out, so no session outlives
 * the store it was made in), schema_migrations and product_version (the header says them; the
 * Följsam that opens the restored store records its own).
 */
export const NOT_BACKED_UP = ['sessions', 'schema_migrations', 'product_version'] as const;

/** The first line of a backup file. */
export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The Följsam that wrote it, e.g. `0.9.0`. */
  productVersion: string;
  /** The newest schema migration of the store it was made from. */
  schemaVersion: number;
  /** ISO time the dump's snapshot was taken. */
  createdAt: string;
  /** The kind of store it was made from. */
  store: StoreKind;
}

/** What a backup holds: its header and the rows of each table. */
export interface BackupSummary {
  header: BackupHeader;
  rows: Record<BackedUpTable, number>;
}

/** The file is not a whole, valid backup (or one this version cannot read). */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/** Rows fetched per round trip while dumping. */
const FETCH_ROWS = 500;

const emptyCounts = (): Record<BackedUpTable, number> =>
  Object.fromEntries(BACKED_UP_TABLES.map((table) => [table.name, 0])) as Record<BackedUpTable, number>;

/** The newest schema migration applied to the store's database. */
export async function schemaVersionOf(db: SqlQueryable): Promise<number> {
  const { rows } = await db.query<{ version: number | null }>(
    'select max(version)::int as version from schema_migrations',
  );
  return Number(rows[0]?.version ?? 0);
}

/**
 * Writes a backup of `store` to `output` (which it ends) and resolves with what it wrote.
 * Everything acknowledged before the call is in it. The rows are read in one read-only,
 * repeatable-read transaction: one consistent moment of the store, while servers keep running
 * on PostgreSQL. (PGlite has one connection: its other queries wait for the dump; document
 * updates do not, they are acknowledged by the update log.)
 */
export async function writeBackup(store: Store, output: Writable): Promise<BackupSummary> {
  await store.database.flush();
  return store.database.sql.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    // row_to_json writes times in the session's time zone: UTC makes files comparable.
    await tx.query("set local timezone = 'UTC'");
    const { rows: now } = await tx.query<{ now: string }>(
      `select to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`,
    );
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      productVersion: PRODUCT_VERSION,
      schemaVersion: await schemaVersionOf(tx),
      createdAt: String(now[0]?.now),
      store: store.kind,
    };
    const rows = emptyCounts();
    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify(header)}\n`;
      for (const table of BACKED_UP_TABLES) {
        await tx.query(
          `declare backup_rows no scroll cursor for
           select row_to_json(t)::text as row from (select * from ${table.name} order by ${table.orderBy}) t`,
        );
        for (;;) {
          const page = await tx.query<{ row: string }>(`fetch forward ${FETCH_ROWS} from backup_rows`);
          if (page.rows.length === 0) break;
          rows[table.name] += page.rows.length;
          yield page.rows.map((entry) => `{"table":"${table.name}","row":${entry.row}}\n`).join('');
        }
        await tx.query('close backup_rows');
      }
      yield `${JSON.stringify({ end: { rows } })}\n`;
    }
    await pipelineAsync(lines, createGzip(), output);
    return { header, rows };
  });
}

/** One line of a backup after the header. */
export type BackupEntry =
  | { kind: 'row'; table: BackedUpTable; row: Record<string, unknown> }
  | { kind: 'end'; rows: Record<BackedUpTable, number> };

const TABLE_ORDER = new Map<string, number>(BACKED_UP_TABLES.map((table, index) => [table.name, index]));

async function* textLines(input: Readable): AsyncGenerator<string> {
  // pipeline() hands the input's errors on to the gunzip stream, which this loop reads.
  const text = pipeline(input, createGunzip(), () => undefined);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of text) {
      pending += decoder.write(chunk as Buffer);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        yield pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new BackupFileError(
        `the file is not a whole gzip file (${(error as Error).message}): truncated or corrupt`,
      );
    }
    throw error;
  }
  pending += decoder.end();
  if (pending.length > 0) yield pending;
}

function parseLine(line: string, lineNumber: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw new BackupFileError(`line ${lineNumber} is not a JSON object: the file is corrupt`);
}

/** Checks the header line: this version must be able to restore the file into `schemaVersion`. */
function checkHeader(value: Record<string, unknown>, schemaVersion: number): BackupHeader {
  if (value.format !== BACKUP_FORMAT) throw new BackupFileError('not a Följsam backup (no backup header)');
  const header = value as unknown as BackupHeader;
  if (!Number.isInteger(header.formatVersion) || !Number.isInteger(header.schemaVersion)) {
    throw new BackupFileError('the backup header has no format or schema version');
  }
  if (header.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(
      `the backup is in format ${header.formatVersion}, written by a newer Följsam; this version reads format ${BACKUP_FORMAT_VERSION} and older: restore it with the version that wrote it, or a newer one`,
    );
  }
  // As a store a newer Följsam opened is refused (StoreTooNewError): its data may mean more.
  if (
    typeof header.productVersion === 'string' &&
    semver.valid(header.productVersion) &&
    semver.gt(header.productVersion, PRODUCT_VERSION)
  ) {
    throw new BackupFileError(
      `the backup was written by Följsam ${header.productVersion}, and this is Följsam ${PRODUCT_VERSION}: restore it with ${header.productVersion} or newer`,
    );
  }
  if (header.schemaVersion > schemaVersion) {
    throw new BackupFileError(
      `the backup is of schema version ${header.schemaVersion}, written by a newer Följsam; this version's schema is ${schemaVersion}: restore it with the version that wrote it, or a newer one`,
    );
  }
  return header;
}

/**
 * Reads a backup file: checks its header against `schemaVersion` (the newest schema this
 * version knows) and yields its rows, then the end line once every count matched. Throws
 * {@link BackupFileError} on anything else: not gzip, truncated, corrupt, out of order, newer.
 */
export async function readBackup(
  input: Readable,
  schemaVersion: number,
): Promise<{ header: BackupHeader; entries: AsyncGenerator<BackupEntry> }> {
  const lines = textLines(input);
  const first = await lines.next();
  if (first.done) throw new BackupFileError('the file is empty');
  const header = checkHeader(parseLine(first.value, 1), schemaVersion);
  async function* entries(): AsyncGenerator<BackupEntry> {
    const counts = emptyCounts();
    let lineNumber = 1;
    let tableIndex = 0;
    for await (const line of lines) {
      lineNumber++;
      const value = parseLine(line, lineNumber);
      if ('end' in value) {
        const rows = (value.end as { rows?: Record<string, unknown> } | null)?.rows ?? {};
        for (const table of BACKED_UP_TABLES) {
          if (rows[table.name] !== counts[table.name]) {
            throw new BackupFileError(
              `the file holds ${counts[table.name]} rows of ${table.name} where its end line says ${String(rows[table.name])}: it is corrupt`,
            );
          }
        }
        if (!(await lines.next()).done) {
          throw new BackupFileError(`line ${lineNumber + 1} follows the end line: the file is corrupt`);
        }
        yield { kind: 'end', rows: counts };
        return;
      }
      const table = value.table;
      const index = typeof table === 'string' ? TABLE_ORDER.get(table) : undefined;
      const row = value.row;
      if (index === undefined || typeof row !== 'object' || row === null || Array.isArray(row)) {
        throw new BackupFileError(`line ${lineNumber} is not a row of a known table: the file is corrupt`);
      }
      if (index < tableIndex) {
        throw new BackupFileError(`line ${lineNumber}: ${String(table)} out of order: the file is corrupt`);
      }
      tableIndex = index;
      counts[table as BackedUpTable]++;
      yield { kind: 'row', table: table as BackedUpTable, row: row as Record<string, unknown> };
    }
    throw new BackupFileError(
      `the file ends after line ${lineNumber} without its end line: it is truncated (an interrupted backup or copy)`,
    );
  }
  return { header, entries: entries() };
}

/** Reads a whole backup file and resolves with what it holds; throws {@link BackupFileError} if it is not whole and valid. */
export async function verifyBackup(input: Readable, schemaVersion: number): Promise<BackupSummary> {
  const { header, entries } = await readBackup(input, schemaVersion);
  for await (const entry of entries) {
    if (entry.kind === 'end') return { header, rows: entry.rows };
  }
  throw new BackupFileError('the file has no end line');
}
