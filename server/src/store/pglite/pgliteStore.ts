/**
 * The embedded store: PGlite (Postgres compiled to WebAssembly) in the server process, its
 * files in DATA_DIR. The default, so that one machine runs Följsam with no database server.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../sql/migrations';
import type { SqlClient } from '../sql/sqlClient';
import {
  SqlApprovalStore,
  SqlAuditStore,
  SqlDepartmentStore,
  SqlDocumentStore,
  SqlReportingCalendarStore,
  SqlSessionStore,
  SqlUserStore,
  SqlWorkspaceSettingsStore,
} from '../sql/sqlStore';
import type { Store } from '../types';
import { lockDataDir } from './dataDirLock';

function sqlClientFor(db: PGlite): SqlClient {
  return {
    query: (sql, params) => db.query(sql, params ? [...params] : undefined),
    transaction: (fn) =>
      db.transaction((tx) => fn({ query: (sql, params) => tx.query(sql, params ? [...params] : undefined) })),
    exec: async (sql) => {
      await db.exec(sql);
    },
  };
}

/**
 * Opens (creating if needed) the PGlite database in `dataDir`, takes the data dir lock and
 * applies migrations. Throws DataDirLockedError if another process has it open.
 */
export async function openPgliteStore(dataDir: string): Promise<Store> {
  mkdirSync(join(dataDir, 'pglite'), { recursive: true });
  const lock = lockDataDir(dataDir);
  let db: PGlite;
  try {
    // The database lives in a subfolder so the lock file (and later files) sit beside it.
    db = await PGlite.create(join(dataDir, 'pglite'));
    await migrate(sqlClientFor(db));
  } catch (error) {
    lock.release();
    throw error;
  }
  const sql = sqlClientFor(db);
  return {
    kind: 'pglite',
    documents: new SqlDocumentStore(sql),
    users: new SqlUserStore(sql),
    sessions: new SqlSessionStore(sql),
    departments: new SqlDepartmentStore(sql),
    workspace: new SqlWorkspaceSettingsStore(sql),
    audit: new SqlAuditStore(sql),
    approvals: new SqlApprovalStore(sql),
    calendars: new SqlReportingCalendarStore(sql),
    // The data dir lock already keeps every other process out.
    startupLock: (fn) => fn(),
    async ping() {
      await db.query('select 1');
    },
    async close() {
      try {
        await db.close();
      } finally {
        lock.release();
      }
    },
  };
}
