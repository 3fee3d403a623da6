/**
 * A sync server the benchmark can measure. Följsam is the only one now; peer servers
 * (Hocuspocus, y-websocket's reference server) plug in as further targets.
 */
import type * as Y from 'yjs';

export interface StartOptions {
  /** Core to pin the server process to, or undefined to leave it unpinned. */
  cpu: number | undefined;
}

/** A server instance started for one scenario run; fresh state every time. */
export interface RunningTarget {
  /** Websocket base URL; the client appends the document name. */
  readonly wsUrl: string;
  /** Process id of the server, for /proc readings. */
  readonly pid: number;
  /** Credential the clients present (empty when the server needs none). */
  readonly token: string;
  /** Log lines the server printed so far (stdout and stderr). */
  readonly logs: readonly string[];
  /** Stops the server gracefully (falls back to SIGKILL) and removes its data. */
  stop(): Promise<void>;
}

/** One connected client on one document. */
export interface BenchClient {
  readonly doc: Y.Doc;
  /** Resolves once the first sync with the server has completed. */
  readonly synced: Promise<void>;
  /** Disconnects and frees everything (provider, awareness timer, doc). Idempotent. */
  destroy(): void;
}

export interface Target {
  readonly name: string;
  /** One-time work before the first start (e.g. a template data dir). */
  prepare?(): Promise<void>;
  /** Starts a fresh server instance. */
  start(options: StartOptions): Promise<RunningTarget>;
  /** Frees what prepare() made. */
  dispose?(): Promise<void>;
  /** A valid, initially empty document name; different indexes give different documents. */
  documentName(index: number): string;
  /** Connects one client with this server's client library and protocol. */
  connect(running: RunningTarget, documentName: string, doc: Y.Doc): BenchClient;
}
