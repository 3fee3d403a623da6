/**
 * The tables of the browser's local store (lokal lagring), in versioned migrations. One row
 * per Yjs update of a document; `pending` marks a local change the server has not confirmed
 * yet, `change_id` and `fields` are the journal's id of a local change and the fields it
 * changed. Compaction folds confirmed rows into one.
 *
 * `local_schema` holds the version of the tables. A store from a newer version of the app, or
 * one a migration fails on, is rebuilt: its unsent changes (pending rows) are read out, every
 * table is dropped and made again, and the unsent changes go back in, all in one transaction;
 * the rest comes from the server again. See docs/upgrades.md.
 */
import type { LocalDatabase } from './PglitePersistence';

/** One step of the local schema. Never edited once released: add a new one. */
export interface LocalMigration {
  version: number;
  sql: string;
}

export const LOCAL_MIGRATIONS: readonly LocalMigration[] = [
  {
    // The tables as they were before they had a version, written so that it also brings such an
    // unversioned store (with or without change_id and fields) to version 1 as it is.
    version: 1,
    sql: `
      create table if not exists yjs_updates (
        id bigserial primary key,
        doc_name text not null,
        data bytea not null,
        pending boolean not null default false
      );
      create index if not exists yjs_updates_doc on yjs_updates (doc_name, id);
      -- The journal's id of a local change (so a change is never counted twice) and the fields it changed.
      alter table yjs_updates add column if not exists change_id text;
      alter table yjs_updates add column if not exists fields text[];
      create table if not exists yjs_documents (
        doc_name text primary key,
        server_state_vector bytea,
        synced_at timestamptz
      );
    `,
  },
];

/** What opening the local store did. */
export interface LocalStoreOpened {
  /** The version the store had (null: none, a new store or one from before versions). */
  from: number | null;
  to: number;
  /** Why it was rebuilt, if it was: a newer app wrote it, or a migration failed on it. */
  rebuilt?: 'newer' | 'failed';
  /** Unsent changes carried over into the rebuilt store. */
  keptPending?: number;
}

/** An unsent change read out of a store about to be rebuilt. */
interface PendingRow {
  doc_name: string;
  data: Uint8Array;
  change_id: string | null;
  fields: string[] | null;
}

type Transaction = Parameters<Parameters<LocalDatabase['transaction']>[0]>[0];

const VERSION_TABLE = `create table if not exists local_schema (
  id integer primary key default 1 check (id = 1),
  version integer not null
)`;

/**
 * Brings the local store to the newest version of `migrations`, rebuilding it (keeping its
 * unsent changes) when it is newer than them or a migration fails. Throws if even that fails:
 * then nothing changed, and the caller works without the local store.
 */
export async function migrateLocalStore(
  db: LocalDatabase,
  migrations: readonly LocalMigration[] = LOCAL_MIGRATIONS,
): Promise<LocalStoreOpened> {
  const latest = Math.max(...migrations.map((migration) => migration.version));
  let from: number | null = null;
  try {
    // One transaction, the version read inside it: two tabs opening at once migrate once.
    await db.transaction(async (tx) => {
      await tx.exec(VERSION_TABLE);
      from = await versionOf(tx);
      if (from !== null && from > latest) throw new NewerLocalStore();
      await apply(tx, migrations, from ?? 0, latest);
    });
    return { from, to: latest };
  } catch (error) {
    const reason = error instanceof NewerLocalStore ? 'newer' : 'failed';
    if (reason === 'failed') console.warn('local store: a migration failed; rebuilding it', error);
    const keptPending = await db.transaction(async (tx) => {
      const pending = await readPending(tx);
      const { rows } = await tx.query<{ tablename: string }>(
        `select tablename from pg_tables where schemaname = current_schema()`,
      );
      for (const { tablename } of rows) await tx.exec(`drop table if exists "${tablename}" cascade`);
      await tx.exec(VERSION_TABLE);
      await apply(tx, migrations, 0, latest);
      for (const row of pending) {
        await tx.query(
          `insert into yjs_updates (doc_name, data, pending, change_id, fields) values ($1, $2, true, $3, $4::text[])`,
          [row.doc_name, row.data, row.change_id, row.fields],
        );
      }
      return pending.length;
    });
    return { from, to: latest, rebuilt: reason, keptPending };
  }
}

class NewerLocalStore extends Error {}

async function versionOf(tx: Transaction): Promise<number | null> {
  const { rows } = await tx.query<{ version: number }>('select version from local_schema where id = 1');
  return rows[0] ? Number(rows[0].version) : null;
}

async function apply(
  tx: Transaction,
  migrations: readonly LocalMigration[],
  from: number,
  latest: number,
): Promise<void> {
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version > from) await tx.exec(migration.sql);
  }
  await tx.query(
    `insert into local_schema (id, version) values (1, $1)
     on conflict (id) do update set version = excluded.version`,
    [latest],
  );
}

/**
 * The unsent changes of a store of any version so far: doc_name, data and pending are in all of
 * them, change_id and fields where present. A store whose table lacks those cannot be read: the
 * rebuild then fails and leaves it as it is.
 */
async function readPending(tx: Transaction): Promise<PendingRow[]> {
  const { rows: columns } = await tx.query<{ column_name: string }>(
    `select column_name from information_schema.columns
     where table_schema = current_schema() and table_name = 'yjs_updates'`,
  );
  if (columns.length === 0) return [];
  const has = new Set(columns.map((column) => column.column_name));
  const { rows } = await tx.query<PendingRow>(
    `select doc_name, data,
       ${has.has('change_id') ? 'change_id' : 'null::text as change_id'},
       ${has.has('fields') ? 'fields' : 'null::text[] as fields'}
     from yjs_updates where pending order by id`,
  );
  return rows;
}
