/**
 * The PostgreSQL the server's store tests use, and schemas of their own: on our machines it runs
 * at 127.0.0.1:5432 with trust auth (`TEST_DATABASE_URL` overrides). Used by tests only.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Returns a function that names a schema for this test file's run (process and random id, so
 * parallel runs never meet) and registers an afterAll that drops every schema it named.
 */
export function testSchemas(): (name: string) => string {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const schemas = new Set<string>();
  afterAll(async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });
  return (name) => {
    const schema = `foljsam_test_${name}_${runId}`;
    schemas.add(schema);
    return schema;
  };
}
