/**
 * One loaded document: its Y.Doc, its awareness (presence) and the connections on it.
 *
 * Durability rule: an update is committed to the store before any other client can see it.
 * All work that writes or reads the document's state runs through one serial queue:
 * consecutive incoming updates are applied (which validates them), committed together in one
 * transaction (group commit), and only then broadcast; a sync step 1 reply waits in the same
 * queue, so it never contains an update that is not yet stored.
 *
 * With several server processes on one database, `lastSeq` is the newest log entry this
 * process has applied with every entry before it; entries other processes stored are read
 * from the log (on their notification, or when this process's own append skipped over them)
 * and sent to this process's clients.
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentStore, Fanout, NewUpdate } from '../store/types';
import { ClientIdOwners } from './ClientIdOwners';
import { Connection } from './Connection';
import { CloseCode } from './closeCodes';
import { Presence } from './Presence';
import {
  type AwarenessEntry,
  decodeAwarenessUpdate,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol';
import type { SyncObserver } from './SyncObserver';
import { checkChange, REFUSAL } from './writeGuard';

export interface SyncDocumentOptions {
  /** Compact when this many updates are stored after the snapshot. */
  compactAfterUpdates: number;
  /** Most updates committed in one transaction. */
  maxBatchSize: number;
  /**
   * Most bytes a document may take in the store (snapshot and log after it); a client's change
   * that would take it past this is refused. Server-made changes are not limited.
   */
  maxDocumentBytes: number;
  observer: SyncObserver;
}

/** Updates applied per Yjs transaction while loading a long log. */
const LOAD_BATCH_SIZE = 500;

/**
 * Least time between two "stored" acknowledgements to one connection. y-websocket has no
 * acknowledgement: after storing a connection's updates the server sends it a sync step 1
 * (its state vector), from which the client tells which of its changes are confirmed.
 * Throttled so that typing does not double the traffic.
 */
export const STORED_ACK_INTERVAL_MS = 250;

type Job =
  | { kind: 'update'; connection: Connection; update: Uint8Array }
  | { kind: 'read'; run: () => void }
  | { kind: 'compact' }
  | { kind: 'catch-up' }
  | { kind: 'remote'; lastSeq: number; updates: Uint8Array[] }
  | {
      kind: 'server-change';
      userId: string;
      mutate: (doc: Y.Doc) => void;
      resolve: () => void;
      reject: (error: unknown) => void;
    };

/** Origin of changes that came from another server process. */
const REMOTE = Symbol('remote process');

/** Origin of changes the server makes on a user's behalf (see {@link SyncDocument.change}). */
export const SERVER_CHANGE = Symbol('server change');

export class SyncDocument {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  /** Who may set which presence state; see Presence.ts. */
  private readonly presence: Presence;
  /** Opens that have not yet been released; the document unloads only at zero. */
  references = 0;

  private readonly jobs: Job[] = [];
  private draining = false;
  private drained: Promise<void> = Promise.resolve();
  private collected: { update: Uint8Array; origin: unknown }[] | null = null;
  private lastSeq: number;
  private snapshotSeq: number;
  /** Who writes under each client id (see ClientIdOwners.ts). */
  private readonly clientOwners: ClientIdOwners;
  /** What the document takes in the store: its snapshot and the updates after it. */
  private storedBytes = 0;
  private failed = false;
  private destroyed = false;
  /** Per connection: when it was last sent a stored acknowledgement, and a pending one. */
  private readonly acks = new WeakMap<
    Connection,
    { lastSentAt: number; timer: ReturnType<typeof setTimeout> | undefined }
  >();

  private constructor(
    readonly name: string,
    private readonly store: DocumentStore,
    private readonly options: SyncDocumentOptions,
    private readonly log: Logger,
    seqs: { lastSeq: number; snapshotSeq: number },
    private readonly onFailure: (document: SyncDocument) => void,
    private readonly fanout: Fanout | undefined,
  ) {
    this.lastSeq = seqs.lastSeq;
    this.snapshotSeq = seqs.snapshotSeq;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.collected?.push({ update, origin });
    });
    this.clientOwners = new ClientIdOwners(this.doc.clientID);
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server is not a participant: it has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.handleAwarenessChange);
    this.presence = new Presence(this.awareness, options.observer);
  }

  /** Loads a document from the store: its snapshot, then the log after it in batches. */
  static async load(
    name: string,
    store: DocumentStore,
    options: SyncDocumentOptions,
    log: Logger,
    onFailure: (document: SyncDocument) => void,
    fanout?: Fanout,
  ): Promise<SyncDocument> {
    const stored = await store.load(name);
    const document = new SyncDocument(name, store, options, log, stored, onFailure, fanout);
    const updates = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    document.storedBytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
    for (let start = 0; start < updates.length; start += LOAD_BATCH_SIZE) {
      document.doc.transact(() => {
        for (const update of updates.slice(start, start + LOAD_BATCH_SIZE)) {
          try {
            Y.applyUpdate(document.doc, update);
          } catch (error) {
            // Stored updates were validated before they were stored; log, never lose the rest.
            log.error({ err: error, docName: name }, 'skipped a stored update that does not apply');
          }
        }
      });
    }
    if (document.doc.store.pendingStructs || document.doc.store.pendingDs) {
      // Parts of stored updates that never applied (stored before the server refused such
      // updates, see updateEffect.ts): left parked, a later change would integrate them
      // unchecked. They were never part of the document, so dropping them changes nothing.
      log.warn({ docName: name }, 'dropped stored changes that depend on changes that do not exist');
      document.doc.store.pendingStructs = null;
      document.doc.store.pendingDs = null;
    }
    if (stored.lastSeq - stored.snapshotSeq >= options.compactAfterUpdates)
      document.enqueue({ kind: 'compact' });
    return document;
  }

  /** Adds a connection and starts the sync handshake with it. */
  attach(connection: Connection): void {
    this.connections.add(connection);
    this.afterStored(() => {
      connection.send(encodeSyncStep1(this.doc));
      if (this.awareness.getStates().size > 0) connection.send(encodeAwareness(this.awareness));
    });
  }

  /** Removes a connection and its presence. */
  detach(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.presence.detach(connection);
  }

  /**
   * Queues an update from a client: checked, applied, stored, then broadcast. From a
   * connection without write access it is dropped at once (not applied, stored or sent on);
   * rights that depend on what the change touches or on the document's state are checked in
   * the queue, just before it would apply (writeGuard.ts). A refused client is told with a
   * "permission denied" message, once per reason.
   */
  receiveUpdate(connection: Connection, update: Uint8Array): void {
    if (connection.writeScope === 'none') {
      // Every client answers the server's sync step 1 with what it has, usually nothing new:
      // only an update that would change something is a refused write.
      if (!this.wouldChange(update)) return;
      this.refuse(connection, `read-only: ${REFUSAL.noWrite}`);
      return;
    }
    this.enqueue({ kind: 'update', connection, update });
  }

  /** Counts a refused change and tells its sender, once per reason. */
  private refuse(connection: Connection, reason: string): void {
    this.options.observer.error('write-refused');
    if (connection.toldDenied.has(reason)) return;
    connection.toldDenied.add(reason);
    connection.log.warn({ reason }, 'refused a change');
    connection.send(encodePermissionDenied(reason));
  }

  /** Answers a client's sync step 1 once everything applied so far is stored. */
  answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    this.afterStored(() => connection.send(encodeSyncStep2(this.doc, stateVector)));
  }

  /**
   * Makes a change on the server's own authority, on behalf of `userId` (a workflow step, a
   * restore from history, an import): run in the queue like a client's update, stored under
   * `userId`, and only then sent to every connection. Resolves once stored. If `mutate` throws,
   * whatever it had already changed is still stored (the Y.Doc cannot roll back) and the
   * promise rejects with its error, so `mutate` should validate before it writes.
   */
  change(userId: string, mutate: (doc: Y.Doc) => void): Promise<void> {
    if (this.failed || this.destroyed) {
      return Promise.reject(new Error(`document ${this.name} is not available`));
    }
    return new Promise((resolve, reject) => {
      this.enqueue({ kind: 'server-change', userId, mutate, resolve, reject });
    });
  }

  /**
   * Applies a client's presence entries that it may send, bound to its user (Presence.ts),
   * and forwards what changed to everyone.
   */
  receiveAwareness(connection: Connection, entries: readonly AwarenessEntry[]): void {
    this.presence.receive(connection, entries);
  }

  /** Whether `update` holds something this document lacks (new items or deletions). */
  private wouldChange(update: Uint8Array): boolean {
    try {
      return !Y.snapshotContainsUpdate(Y.snapshot(this.doc), update);
    } catch {
      // Bytes that do not decode as an update are a refused write, never a crash.
      return true;
    }
  }

  /** Another process stored updates up to `seq`: read and forward what this one lacks. */
  updatesStoredElsewhere(seq: number, updates?: Uint8Array[]): void {
    if (seq <= this.lastSeq) return;
    this.enqueue(updates ? { kind: 'remote', lastSeq: seq, updates } : { kind: 'catch-up' });
  }

  /** Reads whatever the log holds beyond what this process has applied (after a lost channel). */
  catchUp(): void {
    this.enqueue({ kind: 'catch-up' });
  }

  /** A presence update from another process, for this process's clients. */
  receiveRemoteAwareness(update: Uint8Array): void {
    try {
      this.presence.receiveRemote(decodeAwarenessUpdate(update));
    } catch (error) {
      this.log.warn(
        { err: error, docName: this.name },
        'ignored a malformed presence update from another process',
      );
    }
  }

  /** Sends the full presence state to one client. */
  sendAwarenessTo(connection: Connection): void {
    connection.send(encodeAwareness(this.awareness));
  }

  /** Resolves when every queued job has finished. */
  async idle(): Promise<void> {
    while (this.draining) await this.drained;
  }

  /**
   * Stores a snapshot before unloading if the log has grown by a tenth of the compaction
   * threshold since the last one. Replaying a few updates at the next load costs little, and a
   * snapshot costs a write of the whole document: on PGlite, whose one connection every
   * document shares, a 16 MB document's snapshot held up every other document's loads and
   * appends for seconds (bench/README.md, "Profiles"), and a short edit session would
   * otherwise rewrite its document every time its last client leaves.
   */
  async compactIfUseful(): Promise<void> {
    const minimum = Math.max(2, Math.ceil(this.options.compactAfterUpdates / 10));
    if (this.lastSeq - this.snapshotSeq >= minimum) {
      this.enqueue({ kind: 'compact' });
      await this.idle();
    }
  }

  /** Frees the Y.Doc and the awareness timer; the document must have no connections. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.awareness.off('update', this.handleAwarenessChange);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Closes every connection, e.g. at shutdown. Clients reconnect and resync. */
  closeAll(code: CloseCode, reason: string): void {
    for (const connection of this.connections) connection.close(code, reason);
  }

  get isFailed(): boolean {
    return this.failed;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  private afterStored(run: () => void): void {
    this.enqueue({ kind: 'read', run });
  }

  private enqueue(job: Job): void {
    if (this.failed || this.destroyed) return;
    this.jobs.push(job);
    if (!this.draining) {
      this.draining = true;
      this.drained = this.drain();
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.jobs.length > 0 && !this.failed) {
        const job = this.jobs[0];
        if (!job) break;
        if (job.kind === 'read') {
          this.jobs.shift();
          job.run();
        } else if (job.kind === 'compact') {
          this.jobs.shift();
          await this.compact();
        } else if (job.kind === 'server-change') {
          this.jobs.shift();
          await this.commitServerChange(job);
        } else if (job.kind === 'remote') {
          this.jobs.shift();
          this.applyRemote(job);
        } else if (job.kind === 'catch-up') {
          // One read covers every catch-up queued behind it.
          while (this.jobs[0]?.kind === 'catch-up') this.jobs.shift();
          await this.applyStoredElsewhere();
        } else {
          const batch: Extract<Job, { kind: 'update' }>[] = [];
          while (batch.length < this.options.maxBatchSize && this.jobs[0]?.kind === 'update') {
            batch.push(this.jobs.shift() as Extract<Job, { kind: 'update' }>);
          }
          await this.commitBatch(batch);
        }
      }
    } finally {
      // Cleared in the same synchronous step that saw the queue empty, so a job enqueued
      // right after starts a new drain instead of waiting behind one that has finished.
      this.draining = false;
    }
  }

  private async commitBatch(batch: Extract<Job, { kind: 'update' }>[]): Promise<void> {
    const toStore: (NewUpdate & { connection: Connection })[] = [];
    /**
     * Connections that sent items the server already held (stored from another connection,
     * say a second tab resending the same offline change): nothing of theirs is stored, but
     * they wait for a state vector that covers what they sent, so they are acknowledged too.
     * Only when the Y.Doc holds every item they sent: an answer to that acknowledgement then
     * carries none of them again, so this never loops.
     */
    const resent = new Set<Connection>();
    for (const { connection, update } of batch) {
      // Every update is checked by what it does (writeGuard.ts), and what is applied is the
      // canonical form the check analysed, never the bytes as received.
      const verdict = checkChange(
        this.doc,
        connection.ref,
        connection.user,
        connection.writeScope,
        update,
        connection.changeContext,
      );
      if (!verdict.ok) {
        // A refused update that adds nothing (a client resending what the server has) is no write.
        if (this.wouldChange(update)) this.refuse(connection, verdict.reason);
        continue;
      }
      if (
        this.storedBytes + verdict.update.byteLength > this.options.maxDocumentBytes &&
        this.wouldChange(update)
      ) {
        this.refuse(connection, `read-only: ${REFUSAL.documentFull}`);
        continue;
      }
      const extended = ClientIdOwners.extended(this.doc, verdict.update);
      if (this.clientOwners.foreignTo(connection.user.id, extended)) {
        this.refuse(connection, `read-only: ${REFUSAL.clientId}`);
        continue;
      }
      this.clientOwners.claim(connection.user.id, extended);
      this.collected = [];
      try {
        Y.applyUpdate(this.doc, verdict.update, connection);
      } catch (error) {
        this.collected = null;
        // The update decoded but did not apply: the Y.Doc may be half-changed. Nothing of it is
        // stored; reloading from the store is the only safe state.
        this.fail(error, 'an update did not apply');
        return;
      }
      // Only what actually changed is stored: a resent update the server already has is not.
      for (const { update: effective } of this.collected) {
        toStore.push({ data: effective, userId: connection.user.id, connection });
        this.storedBytes += effective.byteLength;
      }
      if (this.collected.length === 0 && holdsItemsOf(this.doc, update)) resent.add(connection);
      this.collected = null;
    }
    if (toStore.length === 0) {
      // The Y.Doc holds nothing unstored: what they resent is stored already.
      for (const connection of resent) this.acknowledgeStored(connection);
      return;
    }
    let lastSeq: number;
    try {
      const started = performance.now();
      lastSeq = await this.store.appendUpdates(
        this.name,
        toStore.map(({ data, userId }) => ({ data, userId })),
      );
      this.options.observer.updatesStored(toStore.length, (performance.now() - started) / 1000);
    } catch (error) {
      this.options.observer.error('store-failure');
      this.fail(error, 'storing updates failed');
      return;
    }
    for (const { data, connection: origin } of toStore) {
      const message = encodeUpdate(data);
      for (const connection of this.connections) {
        if (connection !== origin) connection.send(message);
      }
    }
    const firstSeq = lastSeq - toStore.length + 1;
    if (firstSeq > this.lastSeq + 1) {
      // Other processes stored entries between ours and what we had: fetch them now.
      await this.applyStoredElsewhere({ skipFrom: firstSeq, skipTo: lastSeq });
    }
    this.lastSeq = Math.max(this.lastSeq, lastSeq);
    for (const origin of new Set([...toStore.map(({ connection }) => connection), ...resent]))
      this.acknowledgeStored(origin);
    if (this.lastSeq - this.snapshotSeq >= this.options.compactAfterUpdates)
      this.jobs.push({ kind: 'compact' });
  }

  private async commitServerChange(job: Extract<Job, { kind: 'server-change' }>): Promise<void> {
    this.collected = [];
    let mutateError: unknown = null;
    try {
      this.doc.transact(() => job.mutate(this.doc), SERVER_CHANGE);
    } catch (error) {
      mutateError = error;
    }
    const changed = this.collected;
    this.collected = null;
    for (const { update } of changed) this.storedBytes += update.byteLength;
    if (changed.length > 0) {
      let lastSeq: number;
      try {
        lastSeq = await this.store.appendUpdates(
          this.name,
          changed.map(({ update }) => ({ data: update, userId: job.userId })),
        );
      } catch (error) {
        this.options.observer.error('store-failure');
        job.reject(error);
        this.fail(error, 'storing a server change failed');
        return;
      }
      for (const { update } of changed) {
        const message = encodeUpdate(update);
        for (const connection of this.connections) connection.send(message);
      }
      const firstSeq = lastSeq - changed.length + 1;
      if (firstSeq > this.lastSeq + 1) {
        await this.applyStoredElsewhere({ skipFrom: firstSeq, skipTo: lastSeq });
      }
      this.lastSeq = Math.max(this.lastSeq, lastSeq);
    }
    if (mutateError) job.reject(mutateError);
    else job.resolve();
  }

  /**
   * Tells a connection that its updates are stored by sending it the server's state vector
   * (a sync step 1), at most once per `STORED_ACK_INTERVAL_MS`. Called right after a commit,
   * so the Y.Doc holds nothing unstored; a delayed one runs through the queue for the same
   * reason. The client answers with a (usually empty) sync step 2, which stores nothing and
   * so is not acknowledged again.
   */
  private acknowledgeStored(connection: Connection): void {
    let ack = this.acks.get(connection);
    if (!ack) {
      ack = { lastSentAt: Number.NEGATIVE_INFINITY, timer: undefined };
      this.acks.set(connection, ack);
    }
    if (ack.timer) return;
    const state = ack;
    const send = () => {
      state.lastSentAt = performance.now();
      if (this.connections.has(connection)) connection.send(encodeSyncStep1(this.doc));
    };
    const wait = state.lastSentAt + STORED_ACK_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      send();
      return;
    }
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.afterStored(send);
    }, wait);
    // A pending acknowledgement never keeps a stopping process alive.
    state.timer.unref?.();
  }

  /**
   * Applies the log entries after `lastSeq` that other processes stored (skipping this
   * process's own, which are applied already) and sends them to this process's clients.
   */
  private async applyStoredElsewhere(own?: { skipFrom: number; skipTo: number }): Promise<void> {
    let entries: { seq: number; data: Uint8Array }[];
    try {
      entries = await this.store.loadUpdatesAfter(this.name, this.lastSeq);
    } catch (error) {
      // Not fatal: the next notification or reconnect reads from the same place again.
      this.log.warn({ err: error, docName: this.name }, 'could not read updates of other processes');
      return;
    }
    for (const { seq, data } of entries) {
      if (own && seq >= own.skipFrom && seq <= own.skipTo) continue;
      this.applyAndForward(data, seq);
    }
    const newest = entries.at(-1);
    if (newest) this.lastSeq = Math.max(this.lastSeq, newest.seq);
  }

  /**
   * Updates another process stored that came with its notification: applied straight away
   * when they follow on from what this process has; otherwise read from the log.
   */
  private applyRemote({ lastSeq, updates }: Extract<Job, { kind: 'remote' }>): void {
    if (lastSeq <= this.lastSeq) return;
    if (lastSeq - updates.length !== this.lastSeq) {
      this.jobs.unshift({ kind: 'catch-up' });
      return;
    }
    for (const update of updates) this.applyAndForward(update);
    this.lastSeq = lastSeq;
  }

  /** Applies an update stored by another process and sends what changed to this process's clients. */
  private applyAndForward(update: Uint8Array, seq?: number): void {
    this.collected = [];
    try {
      Y.applyUpdate(this.doc, update, REMOTE);
    } catch (error) {
      this.log.error({ err: error, docName: this.name, seq }, 'skipped a stored update that does not apply');
    }
    for (const { update: effective } of this.collected) {
      this.storedBytes += effective.byteLength;
      const message = encodeUpdate(effective);
      for (const connection of this.connections) connection.send(message);
    }
    this.collected = null;
  }

  private async compact(): Promise<void> {
    const uptoSeq = this.lastSeq;
    if (uptoSeq <= this.snapshotSeq) return;
    try {
      const started = performance.now();
      const snapshot = Y.encodeStateAsUpdate(this.doc);
      await this.store.replaceSnapshot(this.name, snapshot, uptoSeq);
      this.snapshotSeq = uptoSeq;
      // Compaction runs in the queue, so nothing was applied after `uptoSeq` meanwhile.
      this.storedBytes = snapshot.byteLength;
      this.log.debug(
        {
          docName: this.name,
          uptoSeq,
          bytes: snapshot.byteLength,
          ms: Math.round(performance.now() - started),
        },
        'compacted',
      );
    } catch (error) {
      // A failed compaction loses nothing: the log is still complete.
      this.log.warn({ err: error, docName: this.name }, 'compaction failed');
    }
  }

  private fail(error: unknown, message: string): void {
    this.failed = true;
    for (const job of this.jobs.splice(0)) {
      if (job.kind === 'server-change') job.reject(new Error(`document ${this.name} failed: ${message}`));
    }
    this.log.error({ err: error, docName: this.name }, `${message}; closing the document's connections`);
    this.closeAll(CloseCode.internalError, 'storage error, please reconnect');
    this.onFailure(this);
  }

  private readonly handleAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    this.presence.forgetRemoved(removed);
    const message = encodeAwareness(this.awareness, changed);
    for (const connection of this.connections) connection.send(message);
    // Presence from this process's clients goes to the other processes; what came from them,
    // or from this process's own time-outs, does not go back.
    if (this.fanout && origin instanceof Connection) {
      this.fanout.publishAwareness(
        this.name,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
      );
    }
  };
}

/**
 * Whether `update` carries items (not only deletions) and `doc` holds every one of them. Items
 * that wait for missing ones are not held, so a client resending those is not told they are.
 */
function holdsItemsOf(doc: Y.Doc, update: Uint8Array): boolean {
  let inserted: Map<number, number>;
  try {
    inserted = Y.parseUpdateMeta(update).to;
  } catch {
    return false;
  }
  if (inserted.size === 0) return false;
  for (const [client, clock] of inserted) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}
