/**
 * Parts for the sync core's unit tests: in-process, in memory, in milliseconds. A client is a
 * real Y.Doc on a {@link Connection} whose socket records what the server sends; the store is
 * the in-memory one (or one whose appends a test holds open); time is a manual clock.
 */
import { parseDocumentName, type WriteScope } from '@foljsam/domain';
import * as decoding from 'lib0/decoding';
import { pino } from 'pino';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MemoryDocumentStore } from '../../store/memory/memoryDocumentStore';
import type { NewUpdate, User } from '../../store/types';
import type { Timer } from '../Acknowledger';
import { Connection, type SyncSocket } from '../Connection';
import { MessageType } from '../protocol';
import { SyncDocument, type SyncDocumentOptions } from '../SyncDocument';
import type { SyncErrorKind, SyncObserver } from '../SyncObserver';
import type { WritePolicyFactory } from '../WritePolicy';

export const silentLog = pino({ level: 'silent' });

/** A report document: every name the sync core handles parses as a document. */
export const DOC_NAME = 'report:2015-03:hr';

export const userA: User = {
  id: 'u-a',
  username: 'a',
  displayName: 'A',
  role: 'admin',
  departmentId: null,
};
export const userB: User = { ...userA, id: 'u-b', username: 'b', displayName: 'B' };

/** Counts what the sync core reports. */
export class RecordingObserver implements SyncObserver {
  readonly errors: SyncErrorKind[] = [];
  stored = 0;
  updatesStored(count: number): void {
    this.stored += count;
  }
  error(kind: SyncErrorKind): void {
    this.errors.push(kind);
  }
  connectionOpened(): void {}
  connectionClosed(): void {}
  count(kind: SyncErrorKind): number {
    return this.errors.filter((error) => error === kind).length;
  }
}

/** A websocket that records what is sent on it and how it was closed. */
export class RecordingSocket {
  readonly sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  readyState = 1;
  bufferedAmount = 0;

  send(data: Uint8Array, callback?: (error?: Error) => void): void {
    this.sent.push(data);
    callback?.();
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason };
    this.readyState = 3;
  }

  /** Everything sent so far, decoded; `take` also forgets it. */
  messages(): ServerMessage[] {
    return this.sent.map(decodeServerMessage);
  }

  take(): ServerMessage[] {
    return this.sent.splice(0).map(decodeServerMessage);
  }
}

/** A message from the server, decoded. */
export type ServerMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'permission-denied'; reason: string };

export function decodeServerMessage(frame: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.sync) {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) return { type: 'sync-step-1', stateVector: payload };
    if (syncType === syncProtocol.messageYjsSyncStep2) return { type: 'sync-step-2', update: payload };
    return { type: 'update', update: payload };
  }
  if (type === MessageType.awareness)
    return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
  if (type === MessageType.auth) {
    decoding.readVarUint(decoder);
    return { type: 'permission-denied', reason: decoding.readVarString(decoder) };
  }
  throw new Error(`unexpected message type ${type}`);
}

let nextConnectionId = 1;

/** A client: its own Y.Doc, and the server's connection for it on a recording socket. */
export class TestClient {
  readonly doc = new Y.Doc();
  readonly socket = new RecordingSocket();
  readonly connection: Connection;

  constructor(user: User = userA, scope: WriteScope = 'all', docName = DOC_NAME) {
    const ref = parseDocumentName(docName);
    if (!ref) throw new Error(`not a document name: ${docName}`);
    this.connection = new Connection(
      nextConnectionId++,
      user,
      docName,
      ref,
      scope,
      this.socket as unknown as SyncSocket,
      silentLog,
    );
  }

  /** Makes a change on the client's Y.Doc and returns the update it produced. */
  edit(change: (doc: Y.Doc) => void): Uint8Array {
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array) => updates.push(update);
    this.doc.on('update', collect);
    try {
      this.doc.transact(() => change(this.doc));
    } finally {
      this.doc.off('update', collect);
    }
    return Y.mergeUpdates(updates);
  }

  /** Applies to the client's Y.Doc every update the server sent since the last call. */
  applyReceived(): ServerMessage[] {
    const messages = this.socket.take();
    for (const message of messages) {
      if (message.type === 'update' || message.type === 'sync-step-2')
        Y.applyUpdate(this.doc, message.update);
    }
    return messages;
  }

  /** The updates (not handshakes) the server sent, without taking them. */
  updatesReceived(): Uint8Array[] {
    return this.socket.messages().flatMap((message) => (message.type === 'update' ? [message.update] : []));
  }
}

/**
 * A memory store whose appends a test can hold open: while held, `appendUpdates` waits until
 * the test releases it (nothing is stored before), so the test sees what happens meanwhile.
 */
export class GatedStore extends MemoryDocumentStore {
  readonly appends: NewUpdate[][] = [];
  private gate: { promise: Promise<void>; open: () => void } | null = null;
  /** Appends waiting at the gate. */
  waiting = 0;

  hold(): void {
    let open: () => void = () => {};
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.gate = { promise, open };
  }

  release(): void {
    this.gate?.open();
    this.gate = null;
  }

  override async appendUpdates(docName: string, updates: readonly NewUpdate[]): Promise<number> {
    this.appends.push([...updates]);
    const gate = this.gate;
    if (gate) {
      this.waiting++;
      await gate.promise;
      this.waiting--;
    }
    return super.appendUpdates(docName, updates);
  }
}

/**
 * A memory store whose appends survive a crash of the process when they resolve but a power
 * loss only once the test says so (as the embedded store's log: written, then fdatasync'd).
 */
export class DurableLaterStore extends MemoryDocumentStore {
  private readonly waiting: (() => void)[] = [];

  whenDurable(): Promise<void> {
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Makes everything appended so far durable. */
  makeDurable(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** Time that moves only when the test says so. */
export class ManualTimer implements Timer {
  private time = 0;
  private pending: { at: number; run: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.time;
  }

  schedule(run: () => void, ms: number): () => void {
    const entry = { at: this.time + ms, run, cancelled: false };
    this.pending.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Moves time on by `ms`, running what falls due, in order. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.pending.filter((entry) => entry.at <= this.time).sort((a, b) => a.at - b.at);
    this.pending = this.pending.filter((entry) => entry.at > this.time);
    for (const entry of due) if (!entry.cancelled) entry.run();
  }

  get scheduled(): number {
    return this.pending.filter((entry) => !entry.cancelled).length;
  }
}

/** Admits every update as sent. */
export const permissivePolicy: WritePolicyFactory = () => ({
  refusesConnection: () => null,
  check: (_target, _connection, update) => ({ ok: true, update }),
});

/** Refuses every update, in the queue, with `reason`. */
export const refusingPolicy =
  (reason: string): WritePolicyFactory =>
  () => ({
    refusesConnection: () => null,
    check: () => ({ ok: false, reason }),
  });

export function documentOptions(overrides: Partial<SyncDocumentOptions> = {}): SyncDocumentOptions {
  return {
    compactAfterUpdates: 1000,
    maxBatchSize: 256,
    writePolicy: permissivePolicy,
    observer: new RecordingObserver(),
    timer: new ManualTimer(),
    ...overrides,
  };
}

/** Loads a document; a failure destroys it, as the registry does. */
export function loadDocument(
  store: MemoryDocumentStore,
  overrides: Partial<SyncDocumentOptions> = {},
  name = DOC_NAME,
): Promise<SyncDocument> {
  return SyncDocument.load(name, store, documentOptions(overrides), silentLog, (failed) => failed.destroy());
}

/** Lets pending promise callbacks (the document's queue, the memory store) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
