/**
 * Prints what a commit costs on the embedded store (issue #17): run from server/ with
 * `node --import tsx src/store/log/measureCommitCost.ts [data dir]` (default: a temporary
 * folder). Measures many small appends through PGlite directly (the SQL store with its group
 * commit) and through the update log, and a small record's write+fdatasync alone and grouped.
 * CPU is the whole process's (user + system) per update; the update log's figures include its
 * background writes into PGlite (the final flush is inside the window).
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openPgliteStore } from '../pglite/pgliteStore';
import { migrate } from '../sql/migrations';
import { SqlDocumentStore } from '../sql/sqlStore';
import type { DocumentStore } from '../types';
import { AppendLog } from './appendLog';

const root = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'foljsam-commit-cost-'));
const UPDATE = new Uint8Array(230).fill(3);

interface Figures {
  updates: number;
  wallMs: number;
  cpuMs: number;
}

async function measure(run: () => Promise<number>): Promise<Figures> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const updates = await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { updates, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const line = (name: string, figures: Figures) =>
  console.log(
    `${name.padEnd(60)} ${String(figures.updates).padStart(6)} updates  ` +
      `wall ${((figures.wallMs * 1000) / figures.updates).toFixed(0).padStart(6)} µs/update  ` +
      `cpu ${((figures.cpuMs * 1000) / figures.updates).toFixed(0).padStart(6)} µs/update`,
  );

/** `writers` documents, one writer each appending one update at a time, `perWriter` times. */
async function appends(
  store: DocumentStore,
  prefix: string,
  writers: number,
  perWriter: number,
): Promise<number> {
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let index = 0; index < perWriter; index++) {
        await store.appendUpdates(`${prefix}:${writer}`, [{ data: UPDATE, userId: 'u' }]);
      }
    }),
  );
  return writers * perWriter;
}

async function pgliteDirect(): Promise<void> {
  const db = await PGlite.create(join(root, 'direct'));
  const sql = {
    query: <Row>(text: string, params?: readonly unknown[]) =>
      db.query<Row>(text, params ? [...params] : undefined),
    transaction: <T>(fn: (tx: { query: typeof db.query }) => Promise<T>) => db.transaction((tx) => fn(tx)),
    exec: async (text: string) => {
      await db.exec(text);
    },
  };
  await migrate(sql as never);
  const store = new SqlDocumentStore(sql as never);
  await appends(store, 'warm', 10, 20);
  line(
    'PGlite commit, 1 writer (each append its own statement)',
    await measure(() => appends(store, 'one', 1, 500)),
  );
  line('PGlite group commit, 100 writers', await measure(() => appends(store, 'many', 100, 20)));
  await db.close();
}

async function updateLog(): Promise<void> {
  const store = await openPgliteStore(join(root, 'logged'));
  const documents = store.documents as DocumentStore & { flush(): Promise<void> };
  await appends(documents, 'warm', 10, 20);
  await documents.flush();
  line(
    'update log, 1 writer (incl. flush into PGlite)',
    await measure(async () => {
      const count = await appends(documents, 'one', 1, 500);
      await documents.flush();
      return count;
    }),
  );
  line(
    'update log, 100 writers (incl. flush into PGlite)',
    await measure(async () => {
      const count = await appends(documents, 'many', 100, 20);
      await documents.flush();
      return count;
    }),
  );
  line(
    'update log, 100 writers (acknowledgements only)',
    await measure(() => appends(documents, 'ack', 100, 20)),
  );
  line(
    'update log, the flush into PGlite of those 2000',
    await measure(async () => {
      await documents.flush();
      return 2000;
    }),
  );
  await store.close();
}

async function fsyncs(): Promise<void> {
  const record = Buffer.alloc(256, 1);
  const path = join(root, 'fsync.log');
  const fd = openSync(path, 'a');
  line(
    'write + fdatasync of one 256-byte record, each alone',
    await measure(async () => {
      for (let index = 0; index < 300; index++) {
        writeSync(fd, record);
        fdatasyncSync(fd);
      }
      return 300;
    }),
  );
  const group = Buffer.concat(Array.from({ length: 100 }, () => record));
  line(
    'write + fdatasync of 100 records at once (per record)',
    await measure(async () => {
      for (let index = 0; index < 30; index++) {
        writeSync(fd, group);
        fdatasyncSync(fd);
      }
      return 3000;
    }),
  );
  closeSync(fd);
  const log = await AppendLog.open(join(root, 'grouped.log'));
  line(
    'AppendLog, 1 appender at a time',
    await measure(async () => {
      for (let index = 0; index < 300; index++) await log.append(record);
      return 300;
    }),
  );
  line(
    'AppendLog, 100 concurrent appenders (grouped fsyncs)',
    await measure(async () => {
      await Promise.all(
        Array.from({ length: 100 }, async () => {
          for (let index = 0; index < 30; index++) await log.append(record);
        }),
      );
      return 3000;
    }),
  );
  await log.close();
  // The team benchmark's commit stream: 500 appends a second, each in a turn of its own. What
  // the least interval between fdatasyncs changes: how many there are, and their CPU.
  for (const syncIntervalMs of [10, 50]) {
    const paced = await AppendLog.open(join(root, `paced-${syncIntervalMs}.log`), { syncIntervalMs });
    const count = 2500;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const appended: Promise<void>[] = [];
    for (let index = 0; index < count; index++) {
      appended.push(paced.append(record).then(() => paced.sync()));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(appended);
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `AppendLog, one append a turn every 2 ms, fdatasyncs at most every ${syncIntervalMs} ms: `.padEnd(64) +
        `${(count / seconds).toFixed(0)} appends/s, ${(paced.syncs / seconds).toFixed(0)} fdatasyncs/s, ` +
        `cpu ${((used.user + used.system) / count).toFixed(0)} µs/append`,
    );
    await paced.close();
  }
}

try {
  await fsyncs();
  await pgliteDirect();
  await updateLog();
} finally {
  if (!process.argv[2]) rmSync(root, { recursive: true, force: true });
}
