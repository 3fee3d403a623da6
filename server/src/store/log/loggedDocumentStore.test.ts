import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentStoreContract } from '../documentStore.contract';
import { sqlClientFor } from '../pglite/pgliteStore';
import { migrate } from '../sql/migrations';
import type { SqlClient } from '../sql/sqlClient';
import { SqlDocumentStore } from '../sql/sqlStore';
import { LoggedDocumentStore, type LoggedDocumentStoreOptions } from './loggedDocumentStore';

const root = mkdtempSync(join(tmpdir(), 'foljsam-logged-'));
let db: PGlite;
let sql: SqlClient;
beforeAll(async () => {
  db = await PGlite.create();
  sql = sqlClientFor(db);
  await migrate(sql);
});
afterAll(async () => {
  await db.close();
  rmSync(root, { recursive: true, force: true });
});

let logs = 0;
let durableCalls = 0;
const open = (options: Partial<LoggedDocumentStoreOptions> = {}, dir = join(root, `log-${++logs}`)) =>
  LoggedDocumentStore.open({
    dir,
    sql,
    documents: new SqlDocumentStore(sql),
    makeDatabaseDurable: async () => {
      durableCalls++;
    },
    ...options,
  });
const update = (byte: number) => ({ data: new Uint8Array([byte]), userId: 'u' });
const storedRows = async (doc: string) =>
  (
    await sql.query<{ seq: string }>('select seq from document_updates where doc_name = $1 order by seq', [
      doc,
    ])
  ).rows.length;

// Tiny segments and flushes after every few appends, so that the contract also runs through
// segment changes and background flushes.
documentStoreContract('update log on pglite', async () => {
  const documents = await open({ segmentBytes: 200, flushDelayMs: 1, flushBatch: 3 });
  return { documents, close: () => documents.close() };
});

describe('logged document store', () => {
  it('acknowledges before the database has the update, and every read sees it', async () => {
    const store = await open({ flushDelayMs: 60_000, flushBatch: 1_000_000 });
    const doc = 'report:2015-02:unflushed';
    expect(await store.appendUpdates(doc, [update(1), update(2)])).toBe(2);
    expect(await store.appendUpdates(doc, [update(3)])).toBe(3);
    expect(await storedRows(doc)).toBe(0);
    expect(await store.pendingUpdateCount(doc)).toBe(3);
    expect(await storedRows(doc)).toBe(3);
    expect(await store.appendUpdates(doc, [update(4)])).toBe(4);
    expect((await store.load(doc)).updates).toEqual([1, 2, 3, 4].map((byte) => new Uint8Array([byte])));
    expect(await store.appendUpdates(doc, [update(5)])).toBe(5);
    expect((await store.loadUpdatesAfter(doc, 4)).map((entry) => entry.seq)).toEqual([5]);
    await store.appendUpdates('report:2015-02:other', [update(1)]);
    expect(await store.listDocuments()).toContain('report:2015-02:other');
    await store.close();
  });

  it('recovers acknowledged updates that never reached the database, and numbers on after them', async () => {
    const dir = join(root, 'crashed');
    const crashed = await open({ flushDelayMs: 60_000, flushBatch: 1_000_000 }, dir);
    const doc = 'report:2015-02:crashed';
    await crashed.appendUpdates(doc, [update(1)]);
    await crashed.appendUpdates(doc, [update(2), update(3)]);
    // Abandoned without close, as a killed process would leave it.
    expect(await storedRows(doc)).toBe(0);
    const reopened = await open({}, dir);
    expect(await storedRows(doc)).toBe(3);
    expect(await reopened.appendUpdates(doc, [update(4)])).toBe(4);
    const log = await reopened.loadLog(doc);
    expect(log.map((entry) => [entry.seq, entry.data[0], entry.userId])).toEqual([
      [1, 1, 'u'],
      [2, 2, 'u'],
      [3, 3, 'u'],
      [4, 4, 'u'],
    ]);
    await reopened.close();
  });

  it('removes a segment once its updates are in the database and the database was made durable', async () => {
    const dir = join(root, 'segments');
    const store = await open({ segmentBytes: 300, flushDelayMs: 1, flushBatch: 2 }, dir);
    const before = durableCalls;
    const doc = 'report:2015-02:segments';
    for (let index = 1; index <= 60; index++) await store.appendUpdates(doc, [update(index)]);
    await store.flush();
    await store.close();
    expect(durableCalls).toBeGreaterThan(before);
    const files = readdirSync(dir);
    expect(files.length).toBeLessThanOrEqual(2);
    // Numbered on: segments are never reused.
    expect(files.some((name) => name !== '0000000001.log')).toBe(true);
    const again = await open({}, dir);
    expect((await again.load(doc)).lastSeq).toBe(60);
    await again.close();
  });

  it('writes every byte value, empty updates, views into larger buffers and quoting characters exactly', async () => {
    const store = await open({ flushDelayMs: 60_000, flushBatch: 1_000_000 });
    const doc = 'report:2015-02:"bytes",{x}\\y';
    const every = Uint8Array.from({ length: 256 }, (_, index) => index);
    const backing = Uint8Array.from([9, 9, 7, 8, 9, 9]);
    const users = ['"quoted"', 'back\\slash', '{braces},comma', 'NULL', ''];
    await store.appendUpdates(doc, [
      { data: every, userId: users[0] as string },
      { data: new Uint8Array(0), userId: users[1] as string },
      { data: backing.subarray(2, 4), userId: users[2] as string },
    ]);
    await store.appendUpdates(doc, [
      { data: every.slice(128), userId: users[3] as string },
      { data: new Uint8Array([0]), userId: users[4] as string },
    ]);
    await store.flush();
    const log = await store.loadLog(doc);
    expect(log.map((entry) => [entry.seq, [...entry.data], entry.userId])).toEqual([
      [1, [...every], users[0]],
      [2, [], users[1]],
      [3, [7, 8], users[2]],
      [4, [...every.slice(128)], users[3]],
      [5, [0], users[4]],
    ]);
    await store.close();
  });

  it('writes a backlog larger than one statement in one go, in order', async () => {
    const store = await open({ flushDelayMs: 60_000, flushBatch: 1_000_000 });
    const doc = 'report:2015-02:backlog';
    await store.appendUpdates(doc, [update(1)]);
    await store.appendUpdates(
      doc,
      Array.from({ length: 2_100 }, (_, index) => update(index % 256)),
    );
    await store.flush();
    const log = await store.loadLog(doc);
    expect(log).toHaveLength(2_101);
    expect(log.map((entry) => entry.seq)).toEqual(Array.from({ length: 2_101 }, (_, index) => index + 1));
    expect(log.at(-1)?.data).toEqual(new Uint8Array([2_099 % 256]));
    expect((await store.load(doc)).lastSeq).toBe(2_101);
    await store.close();
  });

  it('refuses what the database would refuse before logging it', async () => {
    const store = await open();
    await expect(
      store.appendUpdates('report:2015-02:nul', [{ data: new Uint8Array([1]), userId: 'a\u0000b' }]),
    ).rejects.toThrow();
    await expect(store.appendUpdates('report:2015-02:\u0000', [update(1)])).rejects.toThrow();
    expect(await store.appendUpdates('report:2015-02:nul', [update(1)])).toBe(1);
    await store.close();
  });
});
