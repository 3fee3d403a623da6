/**
 * The PostgreSQL store (DATABASE_URL): the same SQL as the embedded store, through a
 * connection pool of node-postgres.
 *
 * Until updates are fanned out between processes (PostgreSQL LISTEN/NOTIFY, a later step),
 * two server processes on one database would each serve their own clients and never tell the
 * others: so one process holds a session-level advisory lock and a second one refuses to
 * start, as it does on a PGlite data dir.
 */
import pg from 'pg';
import { migrate } from '../sql/migrations';
import type { SqlClient } from '../sql/sqlClient';
import { SqlDepartmentStore, SqlDocumentStore, SqlSessionStore, SqlUserStore } from '../sql/sqlStore';
import type { Store } from '../types';

/** Key of the advisory lock that marks "a Följsam server is using this schema". */
const SERVER_LOCK_KEY = 0x464f4c4a; // "FOLJ"

const BYTEA_OID = 17;

/** bytea arrives in hex text format; hand it on as a plain Uint8Array, as PGlite does. */
function parseBytea(value: string): Uint8Array {
  const buffer = Buffer.from(value.startsWith('\\x') ? value.slice(2) : value, 'hex');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === BYTEA_OID && format !== 'binary'
      ? parseBytea
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export class DatabaseInUseError extends Error {
  constructor() {
    super(
      'Another Följsam server is already using this PostgreSQL database (schema). Several processes ' +
        'on one database need the fan-out between processes, which is not built yet: stop the other one.',
    );
    this.name = 'DatabaseInUseError';
  }
}

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
  /** Hold the one-server lock (default true); tests of the store itself turn it off. */
  exclusive?: boolean;
}

/** Connects, takes the one-server lock and applies migrations. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const { schema, exclusive = true } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists ${schema}`);
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

  let lockClient: pg.PoolClient | undefined;
  try {
    if (exclusive) {
      lockClient = await pool.connect();
      const { rows } = await lockClient.query<{ locked: boolean }>(
        'select pg_try_advisory_lock($1, hashtext(current_schema())) as locked',
        [SERVER_LOCK_KEY],
      );
      if (!rows[0]?.locked) throw new DatabaseInUseError();
    }
    await migrate(sqlClientFor(pool));
  } catch (error) {
    lockClient?.release();
    await pool.end();
    throw error;
  }

  const sql = sqlClientFor(pool);
  return {
    kind: 'postgres',
    documents: new SqlDocumentStore(sql),
    users: new SqlUserStore(sql),
    sessions: new SqlSessionStore(sql),
    departments: new SqlDepartmentStore(sql),
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      // Releasing the connection that holds the advisory lock would keep the lock alive in the
      // pool: destroy it instead, so the lock ends with the session.
      lockClient?.release(true);
      await pool.end();
    },
  };
}
