/**
 * The PGlite store's document updates go through an fsync'd log in the data dir
 * (`update-log/`, see ../log/loggedDocumentStore.ts) and into PGlite in batches.
 */
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { syncTree } from '../log/appendLog';
import { LoggedDocumentStore } from '../log/loggedDocumentStore';
import type { SqlClient } from '../sql/sqlClient';
import type { DocumentStore } from '../types';

/** Recovers the data dir's update log into PGlite and opens it for appending. */
export function openUpdateLog(
  dataDir: string,
  db: PGlite,
  sql: SqlClient,
  documents: DocumentStore,
  log?: { warn(message: string): void },
): Promise<LoggedDocumentStore> {
  return LoggedDocumentStore.open({
    dir: join(dataDir, 'update-log'),
    sql,
    documents,
    // PGlite runs with fsync off: before a log segment goes, a checkpoint writes everything
    // into its files and they are fsync'd.
    makeDatabaseDurable: () => makeDatabaseDurable(dataDir, db),
    onWarning: (message) => (log ? log.warn(message) : console.warn(message)),
  });
}

/**
 * PGlite runs with fsync off: a checkpoint writes everything into its files, which are then
 * fsync'd, so that what is in the database now survives a power loss.
 */
export async function makeDatabaseDurable(dataDir: string, db: PGlite): Promise<void> {
  await db.query('checkpoint');
  await syncTree(join(dataDir, 'pglite'));
}
