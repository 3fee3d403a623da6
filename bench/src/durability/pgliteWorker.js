// The PGlite options of bench/src/durabilityOptions.ts, in a dedicated module worker as the app
// runs PGlite (client/src/local/pglite.worker.ts). Modes:
//   idb-strict           idb://, relaxedDurability: false, one insert per keystroke; durable
//                        when the insert resolves (PGlite awaits its IndexedDB sync per query).
//   idb-relaxed-batched  idb://, relaxedDurability: true, keystrokes gathered for 100 ms, one
//                        transaction per batch, then syncToFs() as PglitePersistence does.
//                        "resolved": syncToFs() resolved. "durable": a file sync that started
//                        after the batch's COMMIT has completed (see instrumentFlushes).
//   opfs-ahp             opfs-ahp:// (OPFS access handle pool), relaxedDurability: false, one
//                        insert per keystroke; durable when the insert resolves (PGlite flushes
//                        the access handles it wrote before the query resolves).
import { PGlite } from '/lib/pglite/dist/index.js';

const BATCH_MS = 100;
const DOC = 'report:2015-05:hr';
const INSERT = 'insert into yjs_updates (change_id, doc_name, data, pending) values ($1, $2, $3, true)';

let pg = null;
let mode = null;
let queue = [];
let batchScheduled = false;
let batches = Promise.resolve();
/** The file sync the last batch waits for; closing waits for it too. */
let lastFlush = Promise.resolve();
/** Resolves once a file sync covering `statements` executed statements has completed. */
let flushedUpTo = null;

function point(id, name, error) {
  postMessage({ type: 'point', id, point: name, error });
}

/**
 * With relaxed durability PGlite's syncToFs() starts the IndexedDB sync and resolves without
 * waiting for it, and a transaction syncs only at its BEGIN, so neither says when a batch is
 * on disk. This counts the statements PGlite has executed and wraps its file system's sync:
 * a sync that starts after a batch's COMMIT was executed covers the batch once it completes.
 * PGlite's own syncs are measured; none is added.
 */
function instrumentFlushes(db) {
  let executed = 0;
  let covered = 0;
  let waiting = [];
  const execute = db.execProtocolRawSync.bind(db);
  db.execProtocolRawSync = (message) => {
    const result = execute(message);
    executed += 1;
    return result;
  };
  const fs = db.fs;
  const sync = fs.syncToFs.bind(fs);
  fs.syncToFs = async (relaxed) => {
    const upTo = executed;
    try {
      await sync(relaxed);
    } catch (error) {
      // A failed sync loses nothing for good (the next one compares the files again), but
      // nothing is durable through it: wait for another one, asking for it if no batch will.
      if (waiting.length > 0) void db.syncToFs();
      throw error;
    }
    covered = Math.max(covered, upTo);
    const still = [];
    for (const entry of waiting) {
      if (entry.statements <= covered) entry.resolve();
      else still.push(entry);
    }
    waiting = still;
  };
  flushedUpTo = (statements) =>
    statements <= covered
      ? Promise.resolve()
      : new Promise((resolve) => waiting.push({ statements, resolve }));
  return () => executed;
}

let executedStatements = () => 0;
/** What the worker is doing, for the notes. */
let phase = 'opening';

async function open(requested) {
  mode = requested;
  let dataDir;
  if (mode === 'opfs-ahp') {
    if (typeof navigator.storage?.getDirectory !== 'function') {
      throw new Error('this worker has no OPFS (navigator.storage.getDirectory)');
    }
    if (typeof FileSystemSyncAccessHandle === 'undefined') {
      throw new Error('this worker has no FileSystemSyncAccessHandle');
    }
    dataDir = 'opfs-ahp://durability-bench';
  } else {
    dataDir = `idb://durability-bench-${mode}`;
  }
  pg = new PGlite(dataDir, { relaxedDurability: mode === 'idb-relaxed-batched' });
  await pg.waitReady;
  // The app's table (client/src/local/localStoreSchema.ts) plus the change id it stores.
  await pg.exec(`create table if not exists yjs_updates (
    id bigserial primary key,
    change_id text,
    doc_name text not null,
    data bytea not null,
    pending boolean not null default false
  )`);
  if (mode === 'idb-relaxed-batched') {
    executedStatements = instrumentFlushes(pg);
    // Whatever open and create wrote is on disk before the first keystroke (through PGlite's
    // own sync: a second sync of ours beside it would be extra work the app does not do).
    const flushed = flushedUpTo(executedStatements());
    await pg.syncToFs();
    await flushed;
  }
  phase = 'idle';
}

function write(id, changeId, update) {
  if (mode !== 'idb-relaxed-batched') {
    pg.query(INSERT, [changeId, DOC, update]).then(
      () => point(id, 'durable'),
      (error) => point(id, 'failed', String(error)),
    );
    return;
  }
  phase = 'writing keystrokes';
  queue.push({ id, changeId, update });
  if (!batchScheduled) {
    batchScheduled = true;
    setTimeout(writeBatch, BATCH_MS);
  }
}

function writeBatch() {
  batchScheduled = false;
  const batch = queue;
  queue = [];
  // The next batch waits for this one's transaction and syncToFs() (as the app's queue does),
  // not for the file sync.
  batches = batches.then(async () => {
    try {
      await pg.transaction(async (tx) => {
        for (const item of batch) await tx.query(INSERT, [item.changeId, DOC, item.update]);
      });
      // Counted after the transaction's last message (the Sync after COMMIT): a sync starting
      // between COMMIT and that message would cover the batch but is not counted, so this
      // may wait for one sync more than needed, never less.
      const flushed = flushedUpTo(executedStatements());
      lastFlush = flushed;
      await pg.syncToFs();
      for (const item of batch) point(item.id, 'resolved');
      void flushed.then(() => {
        for (const item of batch) point(item.id, 'durable');
      });
    } catch (error) {
      for (const item of batch) point(item.id, 'failed', String(error));
    }
  });
}

async function answer(id, work) {
  try {
    postMessage({ type: 'answer', id, value: await work() });
  } catch (error) {
    postMessage({ type: 'answer', id, error: String(error?.stack ?? error) });
  }
}

addEventListener('message', ({ data }) => {
  switch (data.type) {
    case 'open':
      void answer(data.id, () => open(data.mode));
      break;
    case 'write':
      write(data.id, data.changeId, data.update);
      break;
    case 'count':
      void answer(data.id, async () => {
        const result = await pg.query('select count(*)::int as n from yjs_updates');
        return result.rows[0].n;
      });
      break;
    case 'close':
      void answer(data.id, async () => {
        phase = 'closing';
        await batches;
        await lastFlush;
        await pg?.close();
        pg = null;
      });
      break;
  }
});
// PGlite does not await its own file syncs with relaxed durability: a failing one surfaces only
// as an unhandled rejection. Say when it happened and what it was, for the results' notes.
addEventListener('unhandledrejection', (event) => {
  const reason = event.reason;
  const what = reason?.errno !== undefined ? `Emscripten FS error, errno ${reason.errno}` : String(reason);
  console.error(`unhandled rejection in the PGlite worker while ${phase}: ${what}`);
  // Reported once, here: not again as the page's error.
  event.preventDefault();
});
