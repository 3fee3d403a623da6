/**
 * Restoring a backup file (backupFile.ts) into a store of either kind, in one transaction: a
 * file that turns out truncated or corrupt halfway leaves the store as it was.
 */
import type { Readable } from 'node:stream';
import { migrations } from '../store/sql/migrations';
import type { SqlQueryable } from '../store/sql/sqlClient';
import type { Store } from '../store/types';
import {
  BACKED_UP_TABLES,
  type BackedUpTable,
  BackupFileError,
  type BackupSummary,
  readBackup,
  schemaVersionOf,
} from './backupFile';

/** The store is not one a restore may write into (not empty, servers running). */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface RestoreOptions {
  /** Replace what the store holds instead of refusing a store that is not empty. */
  force?: boolean;
}

/** Tables with a serial id, whose sequence must continue after the restored rows. */
const SERIAL_IDS: readonly BackedUpTable[] = ['report_approvals', 'audit_events'];

/** Rows (or bytes of their JSON) per insert statement. */
const BATCH_ROWS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;

/** The newest schema this version of Följsam knows. */
export const CURRENT_SCHEMA_VERSION = Math.max(...migrations.map((migration) => migration.version));

/** Rows in each table a restore would replace (sessions too: they would outlive their users). */
export async function storeContents(db: SqlQueryable): Promise<Record<string, number>> {
  const tables = ['sessions', ...BACKED_UP_TABLES.map((table) => table.name)];
  const { rows } = await db.query<Record<string, number>>(
    `select ${tables.map((table) => `(select count(*)::int from ${table}) as ${table}`).join(', ')}`,
  );
  return Object.fromEntries(tables.map((table) => [table, Number(rows[0]?.[table] ?? 0)]));
}

/** PostgreSQL: other server processes listening on this store's schema (each process has one listener). */
async function refuseRunningServers(store: Store): Promise<void> {
  if (store.kind !== 'postgres') return;
  // Imported here: the embedded store's CLI does not load `pg`.
  const { listenerApplicationName } = await import('../store/postgres/pgFanout');
  const { rows: schema } = await store.database.sql.query<{ schema: string }>(
    'select current_schema() as schema',
  );
  const { rows } = await store.database.sql.query<{ count: number }>(
    `select count(*)::int as count from pg_stat_activity
     where datname = current_database() and application_name = $1`,
    [listenerApplicationName(schema[0]?.schema ?? 'public')],
  );
  // One of them is this process's own store.
  const others = Number(rows[0]?.count ?? 0) - 1;
  if (others > 0) {
    throw new RestoreRefusedError(
      `${others} Följsam server process${others === 1 ? ' is' : 'es are'} connected to this database and schema: stop ${others === 1 ? 'it' : 'them'} before restoring`,
    );
  }
}

/**
 * Restores the backup in `input` into `store`, which must be empty unless `force` is given
 * (then everything in it, sessions included, is replaced). Refuses a file from a newer
 * Följsam and any file that is not whole and valid ({@link BackupFileError}); either way, and
 * on any other error, the store is left as it was. The store must be closed and reopened
 * before it serves again (see StoreDatabase.replaceContents).
 */
export async function restoreBackup(
  store: Store,
  input: Readable,
  options: RestoreOptions = {},
): Promise<BackupSummary> {
  const { sql } = store.database;
  await refuseRunningServers(store);
  const schemaVersion = await schemaVersionOf(sql);
  if (schemaVersion !== CURRENT_SCHEMA_VERSION) {
    throw new RestoreRefusedError(
      `the store is at schema version ${schemaVersion}, this Följsam at ${CURRENT_SCHEMA_VERSION}: open it with this version first`,
    );
  }
  const { header, entries } = await readBackup(input, schemaVersion);
  const columns = await tableColumns(sql);
  return store.database.replaceContents(() =>
    sql.transaction(async (tx) => {
      const contents = await storeContents(tx);
      const used = Object.entries(contents).filter(([, count]) => count > 0);
      if (used.length > 0) {
        if (!options.force) {
          throw new RestoreRefusedError(
            `the store is not empty (${used.map(([table, count]) => `${count} ${table}`).join(', ')}): restore into an empty store, or give --force to replace everything in it`,
          );
        }
        for (const table of ['sessions', ...BACKED_UP_TABLES.map((entry) => entry.name).reverse()]) {
          await tx.query(`delete from ${table}`);
        }
      }
      let batch: { table: BackedUpTable; rows: Record<string, unknown>[]; bytes: number } | null = null;
      const insertBatch = async () => {
        if (batch) await insertRows(tx, batch.table, batch.rows, columns);
        batch = null;
      };
      for await (const entry of entries) {
        if (entry.kind === 'end') {
          await insertBatch();
          for (const table of SERIAL_IDS) {
            await tx.query(
              `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 1), max(id) is not null) from ${table}`,
            );
          }
          return { header, rows: entry.rows };
        }
        if (
          batch &&
          (batch.table !== entry.table || batch.rows.length >= BATCH_ROWS || batch.bytes >= BATCH_BYTES)
        ) {
          await insertBatch();
        }
        batch ??= { table: entry.table, rows: [], bytes: 0 };
        batch.rows.push(entry.row);
        // A cheap measure of the row's size: its bytea values dominate.
        for (const value of Object.values(entry.row))
          if (typeof value === 'string') batch.bytes += value.length;
      }
      throw new BackupFileError('the file has no end line');
    }),
  );
}

/** Every column of the backed-up tables in the store's schema. */
async function tableColumns(db: SqlQueryable): Promise<Map<string, Set<string>>> {
  const { rows } = await db.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and table_name = any($1::text[])`,
    [BACKED_UP_TABLES.map((table) => table.name)],
  );
  const columns = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = columns.get(row.table_name) ?? new Set<string>();
    set.add(row.column_name);
    columns.set(row.table_name, set);
  }
  return columns;
}

/**
 * Inserts rows as PostgreSQL itself parses them from the backup's JSON. Only the columns the
 * file has: a column added by a later migration than the file's takes its default.
 */
async function insertRows(
  tx: SqlQueryable,
  table: BackedUpTable,
  rows: Record<string, unknown>[],
  columns: Map<string, Set<string>>,
): Promise<void> {
  const known = columns.get(table) ?? new Set<string>();
  const names = Object.keys(rows[0] ?? {});
  for (const name of names) {
    if (!known.has(name)) {
      throw new BackupFileError(
        `the file has a column ${table}.${name} this version does not know: it is corrupt`,
      );
    }
  }
  const list = names.map((name) => `"${name}"`).join(', ');
  await tx.query(
    `insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json)`,
    [JSON.stringify(rows)],
  );
}
