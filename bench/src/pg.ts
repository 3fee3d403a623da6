/** Fresh PostgreSQL schemas for targets that store there, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL of this machine (trust auth, database `test`); BENCH_DATABASE_URL overrides it. */
export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PREFIX = 'foljsam_bench_';

async function onPostgres(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Schemas created and not yet dropped, so that the benchmark can drop them on any exit. */
export const liveSchemas = new Set<string>();

/** Creates a fresh schema; returns its name and a connection URL whose search_path is that schema. */
export async function createSchema(label: string): Promise<{ schema: string; url: string }> {
  const schema = `${PREFIX}${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onPostgres(`create schema ${schema}`);
  liveSchemas.add(schema);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: url.toString() };
}

export async function dropSchema(schema: string): Promise<void> {
  await onPostgres(`drop schema if exists ${schema} cascade`);
  liveSchemas.delete(schema);
}

/** Whether PostgreSQL answers at all (else the PostgreSQL targets are left out). */
export async function postgresReachable(): Promise<boolean> {
  try {
    await onPostgres('select 1');
    return true;
  } catch {
    return false;
  }
}
