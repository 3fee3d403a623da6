/**
 * The worker thread that runs the embedded database (PGlite). A PGlite statement runs its
 * WebAssembly in the calling thread: in the server's own thread, each background write of the
 * update log into the tables (about 45 µs a row) held up every client's messages while it ran
 * (issue #17). Here it runs beside them. workerSqlClient.ts is the other end.
 *
 * Node runs this file as it is (TypeScript with its types stripped, or its build in dist/), so
 * it imports nothing at run time but PGlite and Node's own modules.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type {
  PgliteRequest,
  PgliteResponse,
  PgliteWorkerData,
  SerializedError,
} from './pgliteWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('pgliteWorker.ts runs as a worker thread (see workerSqlClient.ts)');
const { databaseDir, settings } = workerData as PgliteWorkerData;

/** A transaction opened by `begin`: its statements run on `tx` until `end` settles it. */
interface OpenTransaction {
  tx: Transaction;
  end(commit: boolean): void;
  /** Settles once PGlite has committed or rolled the transaction back. */
  settled: Promise<void>;
}

/** Thrown inside PGlite's transaction callback to make it roll back. */
class RollBack extends Error {}

/** An error as data; PGlite may also throw plain objects (Emscripten's exit status, say). */
function serializeError(error: unknown): SerializedError {
  if (typeof error !== 'object' || error === null)
    return { message: String(error), name: 'Error', fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  const { message, name } = error as { message?: unknown; name?: unknown };
  return {
    message: typeof message === 'string' ? message : JSON.stringify(fields),
    name: typeof name === 'string' ? name : 'Error',
    fields,
  };
}

const reply = (response: PgliteResponse) => port.postMessage(response);

let db: PGlite;
try {
  db = await PGlite.create(databaseDir, { postgresqlconf: settings });
} catch (error) {
  reply({ id: 'open', ok: false, error: serializeError(error) });
  process.exit(1);
}
reply({ id: 'open', ok: true });

const transactions = new Map<number, OpenTransaction>();

function begin(txId: number): Promise<void> {
  return new Promise((started, failed) => {
    let end: (commit: boolean) => void = () => undefined;
    const ended = new Promise<boolean>((resolve) => {
      end = resolve;
    });
    const settled = db
      .transaction(async (tx) => {
        transactions.set(txId, { tx, end, settled });
        started();
        if (!(await ended)) throw new RollBack();
      })
      .then(
        () => undefined,
        (error: unknown) => {
          if (!(error instanceof RollBack)) throw error;
        },
      )
      .finally(() => transactions.delete(txId));
    // BEGIN itself failed: the callback never ran.
    settled.catch(failed);
  });
}

async function handle(request: PgliteRequest): Promise<unknown[] | undefined> {
  switch (request.op) {
    case 'query': {
      const target = request.tx === undefined ? db : transactions.get(request.tx)?.tx;
      if (!target) throw new Error(`no open transaction ${request.tx}`);
      return (await target.query(request.sql, request.params)).rows;
    }
    case 'exec':
      await db.exec(request.sql);
      return undefined;
    case 'begin':
      await begin(request.tx);
      return undefined;
    case 'end': {
      const open = transactions.get(request.tx);
      if (!open) throw new Error(`no open transaction ${request.tx}`);
      open.end(request.commit);
      await open.settled;
      return undefined;
    }
    case 'close':
      await db.close();
      return undefined;
  }
}

port.on('message', (request: PgliteRequest) => {
  handle(request).then(
    (rows) => {
      reply(rows === undefined ? { id: request.id, ok: true } : { id: request.id, ok: true, rows });
      if (request.op === 'close') port.close();
    },
    (error: unknown) => reply({ id: request.id, ok: false, error: serializeError(error) }),
  );
});
