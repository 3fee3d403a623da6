/**
 * The embedded store: PGlite (Postgres compiled to WebAssembly) in the server process, its
 * files in DATA_DIR. The default, so that one machine runs Följsam with no database server.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../sql/migrations';
import type { SqlClient } from '../sql/sqlClient';
import { SqlMailLogStore } from '../sql/sqlMailLogStore';
import {
  SqlApprovalStore,
  SqlAuditStore,
  SqlDepartmentStore,
  SqlDocumentStore,
  SqlReportingCalendarStore,
  SqlSessionStore,
  SqlSsoGroupStore,
  SqlUserStore,
  SqlWorkspaceSettingsStore,
} from '../sql/sqlStore';
import type { AuditStore, Store } from '../types';
import { type CreatedDatabase, createDatabaseIfMissing } from './createDatabase';
import { lockDataDir } from './dataDirLock';
import { makeDatabaseDurable, openUpdateLog } from './updateLog';

/** The SQL client over one PGlite database (also used by the update log's tests and measurements). */
export function sqlClientFor(db: PGlite): SqlClient {
  return {
    query: (sql, params) => db.query(sql, params ? [...params] : undefined),
    transaction: (fn) =>
      db.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params ? [...params] : undefined) })),
    exec: async (sql) => {
      await db.exec(sql);
    },
  };
}

export interface PgliteStoreOptions {
  /** Called when `dataDir` had no database and a child process created it. */
  onCreated?: (created: CreatedDatabase) => void;
}

/**
 * PostgreSQL's default 128 MB of shared buffers lives in PGlite's WebAssembly memory, in the
 * server process: measured on 2026-12-07, opening a database took 279 MB RSS with it and 182 MB
 * with 16 MB, and after 100,000 appended rows 340 against 224 MB. Behind the buffers is the
 * operating system's page cache, and the hot rows (recent appends, loaded documents) are few.
 */
const PGLITE_SETTINGS = ["shared_buffers = '16MB'"];

/**
 * Opens (creating if needed) the PGlite database in `dataDir`, takes the data dir lock and
 * applies migrations. Throws DataDirLockedError if another process has it open.
 */
export async function openPgliteStore(
  dataDir: string,
  log?: { warn(message: string): void },
  options: PgliteStoreOptions = {},
): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let db: PGlite;
  try {
    // The database lives in a subfolder so the lock file (and later files) sit beside it.
    const databaseDir = join(dataDir, 'pglite');
    // initdb runs in a child process (under this process's lock): see createDatabase.ts.
    const created = await createDatabaseIfMissing(databaseDir);
    if (created) options.onCreated?.(created);
    db = await PGlite.create(databaseDir, { postgresqlconf: PGLITE_SETTINGS });
    try {
      await migrate(sqlClientFor(db));
    } catch (error) {
      // E.g. a store written by a newer version (StoreTooNewError): closed before the lock goes.
      await db.close().catch(() => undefined);
      throw error;
    }
  } catch (error) {
    lock.release();
    throw error;
  }
  const sql = sqlClientFor(db);
  // Document updates commit to a log file first (see updateLog.ts).
  let documents: Awaited<ReturnType<typeof openUpdateLog>>;
  try {
    documents = await openUpdateLog(dataDir, db, sql, new SqlDocumentStore(sql), log);
  } catch (error) {
    await db.close();
    lock.release();
    throw error;
  }
  const audit = new SqlAuditStore(sql);
  const runningJobs = new Set<string>();
  return {
    kind: 'pglite',
    documents,
    users: new SqlUserStore(sql),
    sessions: new SqlSessionStore(sql),
    departments: new SqlDepartmentStore(sql),
    workspace: new SqlWorkspaceSettingsStore(sql),
    audit: flushedBeforeList(audit, documents),
    approvals: new SqlApprovalStore(sql),
    calendars: new SqlReportingCalendarStore(sql),
    mail: new SqlMailLogStore(sql),
    ssoGroups: new SqlSsoGroupStore(sql),
    // The data dir lock already keeps every other process out.
    startupLock: (fn) => fn(),
    // One process only (the data dir lock); within it, a job is kept to one run at a time.
    tryJobLock: async (name, fn) => {
      if (runningJobs.has(name)) return { ran: false };
      runningJobs.add(name);
      try {
        return { ran: true, value: await fn() };
      } finally {
        runningJobs.delete(name);
      }
    },
    database: {
      sql,
      flush: () => documents.flush(),
      async replaceContents(replace) {
        await documents.discardLog();
        const result = await replace();
        await makeDatabaseDurable(dataDir, db);
        return result;
      },
    },
    async ping() {
      await db.query('select 1');
    },
    async close() {
      try {
        await documents.close();
        await db.close();
      } finally {
        lock.release();
      }
    },
  };
}

/** The audit log lists the update rows from SQL: every acknowledged update must be there first. */
function flushedBeforeList(audit: AuditStore, documents: { flush(): Promise<void> }): AuditStore {
  return {
    append: (event) => audit.append(event),
    list: async (from, to) => {
      await documents.flush();
      return audit.list(from, to);
    },
    forDocument: (document, actions) => audit.forDocument(document, actions),
  };
}
