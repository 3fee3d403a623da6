/**
 * The two stores every server suite runs against: embedded PGlite (a copy of the prepared
 * demo data dir) and PostgreSQL (a fresh schema per server, on the machine's PostgreSQL).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { freshDataDir } from './dataDir';
import type { StartOptions } from './serverProcess';

export type Storage = 'pglite' | 'postgres';
export const STORAGES: readonly Storage[] = ['pglite', 'postgres'];

/** The PostgreSQL of the tests; on our machines 127.0.0.1:5432 with trust auth. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Prefix of this run's PostgreSQL schemas; the global teardown drops them. */
    schemaPrefix: string;
  }
}

/** A new, empty PostgreSQL schema for one server; the demo workspace loads on its first start. */
async function freshSchema(): Promise<string> {
  const schema = `${inject('schemaPrefix')}${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
  return schema;
}

/**
 * Options for a server on a fresh store of the given kind with the demo workspace (PGlite: a
 * copy of the prepared data dir; PostgreSQL: an empty schema, seeded on the first start).
 * Start it again with the same options to restart it on the same data.
 */
export async function freshServerOptions(
  storage: Storage,
  env: Record<string, string> = {},
): Promise<Required<Pick<StartOptions, 'dataDir' | 'env'>>> {
  const dataDir = freshDataDir();
  if (storage === 'pglite') return { dataDir, env };
  const schema = await freshSchema();
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { dataDir, env: { ...env, DATABASE_URL: url.toString() } };
}

/** Drops every schema whose name starts with `prefix` (the global teardown). */
export async function dropSchemas(prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      'select nspname from pg_namespace where starts_with(nspname, $1)',
      [prefix],
    );
    for (const { nspname } of rows) await client.query(`drop schema ${nspname} cascade`);
  } finally {
    await client.end();
  }
}
