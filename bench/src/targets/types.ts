/**
 * A sync server the benchmark can measure: Följsam (PGlite, PostgreSQL, two processes on
 * PostgreSQL), Hocuspocus and y-websocket's reference server.
 */
import type * as Y from 'yjs';

export interface StartOptions {
  /** Core to pin the server process(es) to, or undefined to leave them unpinned. */
  cpu: number | undefined;
}

/** A server instance started for one scenario run; fresh state every time. */
export interface RunningTarget {
  /** Websocket base URLs, one per server process; client i uses wsUrls[i % length]. */
  readonly wsUrls: readonly string[];
  /** Process ids of the server processes, for /proc readings (change on restart). */
  readonly pids: readonly number[];
  /** Credential the clients present (empty when the server needs none). */
  readonly token: string;
  /** Log lines the server printed so far (stdout and stderr of every process). */
  readonly logs: readonly string[];
  /** Stops the server gracefully (falls back to SIGKILL) and removes its data. */
  stop(): Promise<void>;
  /** SIGKILLs every server process; the data stays. */
  kill(): Promise<void>;
  /** Starts the server again on the same data (after kill()). */
  restart(): Promise<void>;
}

/** One connected client on one document. */
export interface BenchClient {
  readonly doc: Y.Doc;
  /** Resolves once the first sync with the server has completed. */
  readonly synced: Promise<void>;
  /**
   * Reasons the server gave for refusing this client's writes (y-protocols' "permission
   * denied" message; Följsam sends one per connection and reason). Empty for servers that
   * accept every write.
   */
  readonly refusals: readonly string[];
  /** Sets this client's presence (awareness) state. */
  setPresence(state: Record<string, unknown>): void;
  /** Disconnects and frees everything (provider, awareness timer, doc). Idempotent. */
  destroy(): void;
}

export interface Target {
  readonly name: string;
  /** Whether the server keeps documents across a restart (else the durability run shows the loss). */
  readonly durable: boolean;
  /** One line for the results: storage, when it stores, what else is special. */
  readonly description: string;
  /** One-time work before the first start (e.g. a template data dir). */
  prepare?(): Promise<void>;
  /** Starts a fresh server instance. */
  start(options: StartOptions): Promise<RunningTarget>;
  /** Frees what prepare() made. */
  dispose?(): Promise<void>;
  /** A valid, initially empty document name; different indexes give different documents. */
  documentName(index: number): string;
  /** Connects client number `index` with this server's client library and protocol. */
  connect(running: RunningTarget, documentName: string, doc: Y.Doc, index: number): BenchClient;
}
