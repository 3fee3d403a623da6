/**
 * The few database operations the SQL store needs. PGlite and PostgreSQL both speak the same
 * SQL, so one store implementation (sqlStore.ts) serves both through this interface.
 */
export interface SqlClient {
  query<Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type SqlQueryable = Pick<SqlClient, 'query'>;
