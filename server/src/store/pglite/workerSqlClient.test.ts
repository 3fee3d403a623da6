import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseIfMissing } from './createDatabase';
import { WorkerSqlClient } from './workerSqlClient';

const root = mkdtempSync(join(tmpdir(), 'foljsam-pglite-worker-'));
/** An empty database, made once (initdb takes seconds) and copied for each one the tests open. */
const template = join(root, 'template');
const freshDatabase = (name: string): string => {
  const dir = join(root, name);
  cpSync(template, dir, { recursive: true });
  return dir;
};
let db: WorkerSqlClient;

beforeAll(async () => {
  await createDatabaseIfMissing(template);
  db = await WorkerSqlClient.open(freshDatabase('pglite'), ["shared_buffers = '16MB'"]);
  await db.exec(`
    create table items (id int primary key, name text not null unique, data bytea, at timestamptz,
      doc jsonb, tags text[]);
  `);
}, 60_000);

afterAll(async () => {
  await db?.close();
  rmSync(root, { recursive: true, force: true });
});

const count = async () => (await db.query<{ n: number }>('select count(*)::int as n from items')).rows[0]?.n;

describe('the embedded database in a worker thread', () => {
  it('carries parameters and rows of every kind the store uses across the thread', async () => {
    const at = new Date('2015-03-31T12:00:00.000Z');
    await db.query('insert into items values ($1, $2, $3, $4, $5, $6)', [
      1,
      'första',
      new Uint8Array([0, 1, 254, 255]),
      at,
      JSON.stringify({ ok: true, list: [1, 2] }),
      ['a', 'ö'],
    ]);
    const { rows } = await db.query('select * from items where id = $1', [1]);
    expect(rows).toEqual([
      {
        id: 1,
        name: 'första',
        data: new Uint8Array([0, 1, 254, 255]),
        at,
        doc: { ok: true, list: [1, 2] },
        tags: ['a', 'ö'],
      },
    ]);
  });

  it('commits a transaction whose function resolves, and rolls back one whose function throws', async () => {
    const before = await count();
    const value = await db.transaction(async (tx) => {
      await tx.query("insert into items (id, name) values (10, 'tio')");
      return 'done';
    });
    expect(value).toBe('done');
    expect(await count()).toBe((before ?? 0) + 1);

    const refusal = new Error('changed my mind');
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into items (id, name) values (11, 'elva')");
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect((await db.query('select id from items where id = 11')).rows).toEqual([]);
  });

  it('runs a statement from outside an open transaction only once it has ended', async () => {
    let outside: Promise<number | undefined> | undefined;
    await db.transaction(async (tx) => {
      outside = count();
      // The outside count was sent first; it must still see this insert, committed after it.
      await tx.query("insert into items (id, name) values (20, 'tjugo')");
    });
    const seen = await outside;
    expect(seen).toBe(await count());
    expect((await db.query('select id from items where id = 20')).rows).toEqual([{ id: 20 }]);
  });

  it("hands on PostgreSQL's error fields, and a failed statement rolls its transaction back", async () => {
    const failure = db.transaction(async (tx) => {
      await tx.query("insert into items (id, name) values (30, 'trettio')");
      await tx.query("insert into items (id, name) values (31, 'första')");
    });
    await expect(failure).rejects.toMatchObject({
      code: '23505',
      constraint: 'items_name_key',
      message: expect.stringContaining('duplicate key'),
    });
    expect((await db.query('select id from items where id = 30')).rows).toEqual([]);
    // The connection is usable after it.
    await db.query("insert into items (id, name) values (32, 'trettiotvå')");
    expect((await db.query('select id from items where id = 32')).rows).toEqual([{ id: 32 }]);
  });

  it('lets a process that never closes it exit', async () => {
    const script = `
      import { WorkerSqlClient } from ${JSON.stringify(fileURLToPath(new URL('./workerSqlClient.ts', import.meta.url)))};
      const db = await WorkerSqlClient.open(process.argv[2], []);
      const { rows } = await db.query('select 41 + 1 as answer');
      console.log(rows[0].answer);
    `;
    // Another process: this one holds the database open (one process per database).
    const other = freshDatabase('other');
    const file = join(root, 'never-closes.mts');
    writeFileSync(file, script);
    const result = spawnSync(process.execPath, ['--import', 'tsx', file, other], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.signal, result.stderr).toBeNull();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('42');
  }, 90_000);

  it('refuses every request once closed, with a clear error', async () => {
    const client = await WorkerSqlClient.open(freshDatabase('closing'), []);
    await client.close();
    await expect(client.query('select 1')).rejects.toThrow('the embedded database is closed');
  }, 60_000);
});
