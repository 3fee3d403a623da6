import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { documentStoreContract } from '../documentStore.contract';
import { DatabaseInUseError, openPostgresStore } from './postgresStore';

/** The PostgreSQL the tests use; on our machines it runs at 127.0.0.1:5432 with trust auth. */
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Each run gets schemas of its own and drops them at the end.
const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
const schemas: string[] = [];
const newSchema = (name: string) => {
  const schema = `foljsam_test_${name}_${runId}`;
  schemas.push(schema);
  return schema;
};

afterAll(async () => {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
});

documentStoreContract('postgres', () => openPostgresStore(DATABASE_URL, { schema: newSchema('contract') }));

describe('postgres store', () => {
  it('returns bytea as plain Uint8Array, like the embedded store', async () => {
    const store = await openPostgresStore(DATABASE_URL, { schema: newSchema('bytes') });
    try {
      await store.documents.appendUpdates('plan:2015', [{ data: new Uint8Array([0, 255, 7]), userId: 'u' }]);
      const [update] = (await store.documents.load('plan:2015')).updates;
      expect(Object.getPrototypeOf(update)).toBe(Uint8Array.prototype);
      expect(update).toEqual(new Uint8Array([0, 255, 7]));
    } finally {
      await store.close();
    }
  });

  it('lets one server at a time use a schema, and frees it on close', async () => {
    const schema = newSchema('lock');
    const first = await openPostgresStore(DATABASE_URL, { schema });
    await expect(openPostgresStore(DATABASE_URL, { schema })).rejects.toBeInstanceOf(DatabaseInUseError);
    // Another schema on the same database is another workspace: allowed.
    const other = await openPostgresStore(DATABASE_URL, { schema: newSchema('lock_other') });
    await other.close();
    await first.close();
    const again = await openPostgresStore(DATABASE_URL, { schema });
    await again.close();
  });
});
