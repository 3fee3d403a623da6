/**
 * SQL on a test server's store from outside the server, while no server has it open: the
 * embedded store's PGlite data dir, or the PostgreSQL schema of DATABASE_URL.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { StartOptions } from './serverProcess';

export type StoreQuery = <Row>(sql: string, params?: unknown[]) => Promise<Row[]>;

/** Runs `fn` with a query function on the store of `options` (a server's start options). */
export async function withStoreSql<T>(
  options: Pick<StartOptions, 'dataDir' | 'env'>,
  fn: (query: StoreQuery) => Promise<T>,
): Promise<T> {
  const url = options.env?.DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(async (sql, params) => (await client.query(sql, params)).rows);
    } finally {
      await client.end();
    }
  }
  // The embedded store keeps its database in DATA_DIR/pglite (see pgliteStore.ts).
  const db = await PGlite.create(join(options.dataDir, 'pglite'));
  try {
    return await fn(async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows);
  } finally {
    await db.close();
  }
}

/** Makes the store look opened by Följsam `version` (as a newer version leaves it). */
export function markOpenedBy(options: Pick<StartOptions, 'dataDir' | 'env'>, version: string): Promise<void> {
  return withStoreSql(options, async (query) => {
    await query('update product_version set version = $1', [version]);
  });
}
