/**
 * The embedded database in a worker thread (pgliteWorker.ts), seen from the server's thread as
 * a {@link SqlClient}. Every statement is a message to the worker and its rows a message back;
 * PGlite itself runs one statement at a time, and a statement outside a transaction waits for
 * an open transaction to end, exactly as it does in one thread.
 *
 * The worker keeps the process alive only while a request is waiting for its answer, as a
 * PGlite in the same thread did, so a command that forgets to close the store still exits.
 */
import { Worker } from 'node:worker_threads';
import type { SqlClient, SqlQueryable } from '../sql/sqlClient';
import type {
  PgliteRequest,
  PgliteResponse,
  PgliteWorkerData,
  SerializedError,
} from './pgliteWorkerProtocol';

/** A request without its id (distributing over the union keeps each op's own fields). */
type Request = PgliteRequest extends infer R ? (R extends PgliteRequest ? Omit<R, 'id'> : never) : never;

/**
 * The worker's source beside this module: TypeScript when the server runs from its sources
 * (tsx, Vitest; Node strips the types), JavaScript in the build (server/dist, flat).
 */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./pgliteWorker.ts', import.meta.url)
  : new URL('./pgliteWorker.js', import.meta.url);

/** A database error from the worker: its message, with PostgreSQL's fields (code, constraint, …) on it. */
function toError(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  return Object.assign(error, serialized.fields);
}

interface Waiting {
  resolve(rows: unknown[] | undefined): void;
  reject(error: Error): void;
}

/** A {@link SqlClient} on PGlite in a worker thread; `close()` closes the database and ends the worker. */
export class WorkerSqlClient implements SqlClient {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private nextTx = 1;
  /** Set once the worker can take no more requests (it stopped, failed or was closed). */
  private stopped: Error | null = null;
  private readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (response: PgliteResponse) => {
      if (response.id === 'open') return;
      const waiting = this.waiting.get(response.id);
      if (!waiting) return;
      this.waiting.delete(response.id);
      this.updateRef();
      if (response.ok) waiting.resolve(response.rows);
      else waiting.reject(toError(response.error));
    });
    worker.on('error', (error) =>
      this.stop(new Error(`the embedded database's worker failed: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      this.stop(new Error(`the embedded database's worker stopped (exit code ${code})`)),
    );
  }

  /** Starts the worker and opens the database in `databaseDir`; rejects with PGlite's error if it cannot. */
  static async open(databaseDir: string, settings: string[]): Promise<WorkerSqlClient> {
    const data: PgliteWorkerData = { databaseDir, settings };
    const worker = new Worker(WORKER_URL, {
      workerData: data,
      // The worker's JavaScript only passes statements and rows on; a small young generation
      // keeps about 8 MB less resident than the default (measured on 2026-12-07).
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
      // Node 22.18+ runs TypeScript with its types stripped by default; earlier 22s need the flag.
      execArgv: WORKER_URL.pathname.endsWith('.ts')
        ? [...process.execArgv, '--experimental-strip-types']
        : process.execArgv,
    });
    const opened = await new Promise<PgliteResponse>((resolve, reject) => {
      const onMessage = (response: PgliteResponse) => {
        if (response.id !== 'open') return;
        worker.off('message', onMessage);
        resolve(response);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`the embedded database's worker stopped while opening (exit code ${code})`)),
      );
    });
    if (!opened.ok) {
      await worker.terminate();
      throw toError(opened.error);
    }
    const client = new WorkerSqlClient(worker);
    client.updateRef();
    return client;
  }

  query<Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }> {
    return this.call({ op: 'query', sql, params: params ? [...params] : undefined }).then((rows) => ({
      rows: (rows ?? []) as Row[],
    }));
  }

  async exec(sql: string): Promise<void> {
    await this.call({ op: 'exec', sql });
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const tx = this.nextTx++;
    await this.call({ op: 'begin', tx });
    let result: T;
    try {
      result = await fn({
        query: <Row>(sql: string, params?: readonly unknown[]) =>
          this.call({ op: 'query', sql, params: params ? [...params] : undefined, tx }).then((rows) => ({
            rows: (rows ?? []) as Row[],
          })),
      });
    } catch (error) {
      await this.call({ op: 'end', tx, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.call({ op: 'end', tx, commit: true });
    return result;
  }

  /** Closes the database (every request sent before is answered first) and ends the worker. */
  async close(): Promise<void> {
    if (this.stopped) return;
    await this.call({ op: 'close' });
    this.stop(new Error('the embedded database is closed'));
    // Held until it has exited, so a process that closes the store last sees the worker end.
    this.worker.ref();
    await this.exited;
  }

  private call(request: Request): Promise<unknown[] | undefined> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.updateRef();
      this.worker.postMessage({ ...request, id } as PgliteRequest);
    });
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const waiting of this.waiting.values()) waiting.reject(reason);
    this.waiting.clear();
  }

  /** Held (keeps the process alive) only while an answer is awaited. */
  private updateRef(): void {
    if (this.waiting.size > 0) this.worker.ref();
    else this.worker.unref();
  }
}
