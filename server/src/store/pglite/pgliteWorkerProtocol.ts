/**
 * The messages between the server's thread and the worker thread that runs the embedded
 * database (pgliteWorker.ts, workerSqlClient.ts). Types only: the worker imports nothing at
 * run time but PGlite and Node, so that Node runs its TypeScript source as it is.
 */

/** What the worker is started with. */
export interface PgliteWorkerData {
  /** The database folder (created beforehand: initdb runs in a child process, createDatabase.ts). */
  databaseDir: string;
  /** PostgreSQL settings, one `name = value` per entry. */
  settings: string[];
}

/** A request to the worker; `tx` names a transaction opened by `begin`. */
export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'begin'; tx: number }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };

/** A database error as plain data: its message and PostgreSQL's fields (code, constraint, …). */
export interface SerializedError {
  message: string;
  name: string;
  fields: Record<string, string | number>;
}

/** The worker's answer to one request, or its one-time report that the database is open or failed. */
export type PgliteResponse =
  | { id: number; ok: true; rows?: unknown[] }
  | { id: number; ok: false; error: SerializedError }
  | { id: 'open'; ok: true }
  | { id: 'open'; ok: false; error: SerializedError };
