/**
 * The PostgreSQL store (DATABASE_URL): the same SQL as the embedded store, through a
 * connection pool of node-postgres, plus the fan-out (pgFanout.ts) that lets several server
 * processes share one database.
 */
import pg from 'pg';
import { fromHex } from '../sql/hexBytes';
import { migrate } from '../sql/migrations';
import type { MalformedNotificationError } from '../sql/notifications';
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
import type { Store } from '../types';
import { type PgFanout, startPgFanout } from './pgFanout';

/** Key of the advisory lock that serializes start-up (migrations, demo seed) across processes. */
const STARTUP_LOCK_KEY = 0x464f4c4a; // "FOLJ"
/** First key of the advisory locks of periodic jobs (the second names the schema and the job). */
const JOB_LOCK_KEY = 0x4a4f4253; // "JOBS"

const BYTEA_OID = 17;

/** bytea arrives in hex text format; hand it on as a plain Uint8Array, as PGlite does. */
function parseBytea(value: string): Uint8Array {
  return fromHex(value.startsWith('\\x') ? value.slice(2) : value);
}

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === BYTEA_OID && format !== 'binary'
      ? parseBytea
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function sqlClientFor(pool: pg.Pool): SqlClient {
  return {
    query: async (sql, params) => {
      const result = await pool.query(sql, params ? [...params] : undefined);
      return { rows: result.rows };
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async (sql, params) => ({
            rows: (await client.query(sql, params ? [...params] : undefined)).rows,
          }),
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
  };
}

export interface PostgresStoreOptions {
  /** Schema to use (created if missing); default: the connection's search_path. */
  schema?: string;
  /**
   * Called with errors of the notification connection (it reconnects by itself) and with
   * payloads that are not ours ({@link MalformedNotificationError}; they are ignored).
   */
  onFanoutError?: (error: unknown) => void;
}

/** Connects, applies migrations (one process at a time) and starts listening for other processes. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists ${schema}`);
    } catch (error) {
      // Two processes creating it at once: "if not exists" still races in PostgreSQL.
      const code = (error as { code?: string }).code;
      if (code !== '23505' && code !== '42P06') throw error;
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const sql = sqlClientFor(pool);

  /**
   * Runs `fn` unless another process holds the job's lock: a session-level advisory lock taken
   * with pg_try_advisory_lock on a connection kept for the run (a crashed process's connection
   * closes, which releases it).
   */
  const tryJobLock = async <T>(
    name: string,
    fn: () => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> => {
    const client = await pool.connect();
    const key = [JOB_LOCK_KEY, name];
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        `select pg_try_advisory_lock($1, hashtext(current_schema() || '/' || $2)) as locked`,
        key,
      );
      if (!rows[0]?.locked) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await client.query(`select pg_advisory_unlock($1, hashtext(current_schema() || '/' || $2))`, key);
      }
    } finally {
      client.release();
    }
  };

  /** Runs `fn` while holding the start-up lock of this schema (a session-level advisory lock). */
  const startupLock = async <T>(fn: () => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1, hashtext(current_schema()))', [STARTUP_LOCK_KEY]);
      try {
        return await fn();
      } finally {
        await client.query('select pg_advisory_unlock($1, hashtext(current_schema()))', [STARTUP_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  };

  let fanout: PgFanout;
  try {
    await startupLock(() => migrate(sql));
    const { rows } = await pool.query<{ schema: string }>('select current_schema() as schema');
    fanout = await startPgFanout(
      url,
      rows[0]?.schema ?? 'public',
      options.onFanoutError ?? (() => undefined),
    );
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    kind: 'postgres',
    documents: new SqlDocumentStore(sql, {
      notifyChannel: fanout.updatesChannel,
      notifyOrigin: fanout.processId,
    }),
    users: new SqlUserStore(sql),
    sessions: new SqlSessionStore(sql),
    departments: new SqlDepartmentStore(sql),
    workspace: new SqlWorkspaceSettingsStore(sql),
    audit: new SqlAuditStore(sql),
    approvals: new SqlApprovalStore(sql),
    calendars: new SqlReportingCalendarStore(sql),
    mail: new SqlMailLogStore(sql),
    ssoGroups: new SqlSsoGroupStore(sql),
    fanout,
    startupLock,
    tryJobLock,
    // Every acknowledged update is committed in PostgreSQL, which keeps nothing elsewhere.
    database: { sql, flush: async () => {}, replaceContents: (replace) => replace() },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await fanout.close();
      await pool.end();
    },
  };
}
