/**
 * One loaded document: its Y.Doc, its awareness (presence), the connections on it, and the
 * serial queue all work on its state runs through.
 *
 * Durability rule: an update is committed to the store before any other client can see it.
 * Consecutive incoming updates are checked (by the {@link WritePolicy} the document is given),
 * applied, committed together in one append and only then broadcast (CommitPipeline.ts); a
 * sync step 1 reply waits in the same queue, so it never contains an update that is not yet
 * stored. What other processes store is applied and forwarded through the same pipeline
 * (Replicator.ts); senders are told what is stored (Acknowledger.ts). Where the document is in
 * its life is one explicit state (DocumentLifecycle.ts).
 */
import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentStore, Fanout } from '../store/types';
import { Acknowledger, type Timer } from './Acknowledger';
import { CommitPipeline, type LogPosition } from './CommitPipeline';
import { Connection } from './Connection';
import { CloseCode } from './closeCodes';
import { DocumentLifecycle, type LifecycleState } from './DocumentLifecycle';
import { Presence } from './Presence';
import {
  type AwarenessEntry,
  decodeAwarenessUpdate,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
} from './protocol';
import { Replicator } from './Replicator';
import type { SyncObserver } from './SyncObserver';
import type { WritePolicy, WritePolicyFactory, WriteTarget } from './WritePolicy';
import { changesNothing, holdsAllOf, holdsItemsOf, wouldChange } from './yjsUpdates';

export { STORED_ACK_INTERVAL_MS } from './Acknowledger';
export { SERVER_CHANGE } from './CommitPipeline';

export interface SyncDocumentOptions {
  /** Compact when this many updates are stored after the snapshot. */
  compactAfterUpdates: number;
  /** Most updates committed in one transaction. */
  maxBatchSize: number;
  /** Decides on each client update (WritePolicy.ts); built for each document as it loads. */
  writePolicy: WritePolicyFactory;
  observer: SyncObserver;
  /** The clock of the stored acknowledgements; tests give a manual one. */
  timer?: Timer;
}

/** Updates applied per Yjs transaction while loading a long log. */
const LOAD_BATCH_SIZE = 500;

type UpdateJob = { kind: 'update'; connection: Connection; update: Uint8Array };

type Job =
  | UpdateJob
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

export class SyncDocument implements WriteTarget {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  /** Who may set which presence state; see Presence.ts. */
  private readonly presence: Presence;
  /** Opens that have not yet been released; the document unloads only at zero. */
  references = 0;

  private readonly lifecycle = new DocumentLifecycle();
  private readonly jobs: Job[] = [];
  private readonly position: LogPosition;
  private readonly policy: WritePolicy;
  private readonly pipeline: CommitPipeline;
  private readonly replicator: Replicator;
  private readonly acknowledger: Acknowledger;

  private constructor(
    readonly name: string,
    store: DocumentStore,
    private readonly options: SyncDocumentOptions,
    private readonly log: Logger,
    seqs: { lastSeq: number; snapshotSeq: number },
    private readonly onFailure: (document: SyncDocument) => void,
    private readonly fanout: Fanout | undefined,
  ) {
    this.position = { lastSeq: seqs.lastSeq, snapshotSeq: seqs.snapshotSeq, storedBytes: 0 };
    this.policy = options.writePolicy(this.doc);
    this.replicator = new Replicator({
      name,
      store,
      position: this.position,
      log,
      applyStored: (update, seq) => this.pipeline.applyStored(update, seq),
    });
    this.pipeline = new CommitPipeline({
      name,
      doc: this.doc,
      store,
      position: this.position,
      connections: this.connections,
      follower: this.replicator,
      observer: options.observer,
      log,
    });
    this.acknowledger = new Acknowledger({
      send: (connection) => {
        // The state vector now covers only stored updates (the Y.Doc holds nothing unstored when
        // this runs); it is sent once they survive a power loss too, and covers no update
        // stored after this point, which may not yet.
        const stored = encodeSyncStep1(this.doc);
        const sendIfAttached = () => {
          if (this.connections.has(connection)) connection.send(stored);
        };
        if (!store.whenDurable) return sendIfAttached();
        store.whenDurable().then(sendIfAttached, (error: unknown) => {
          // Not acknowledged: the sender keeps its change and sends it again. The store refuses
          // later appends, which fails the document at its next commit.
          log.error({ err: error, docName: name }, 'the store could not make updates durable');
        });
      },
      afterStored: (run) => this.afterStored(run),
      timer: options.timer,
    });
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
    document.position.storedBytes = updates.reduce((sum, update) => sum + update.byteLength, 0);
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
    document.lifecycle.to({ kind: 'idle' });
    if (document.pipeline.pendingAtLeast(options.compactAfterUpdates)) document.enqueue({ kind: 'compact' });
    return document;
  }

  /** Bytes the document takes in the store, with what is applied and about to be stored. */
  get storedBytes(): number {
    return this.position.storedBytes;
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
    this.acknowledger.forget(connection);
    this.presence.detach(connection);
  }

  /**
   * Queues an update from a client: checked, applied, stored, then broadcast. From a
   * connection the policy refuses outright it is dropped at once (not applied, stored or sent
   * on); rights that depend on what the change touches or on the document's state are checked
   * in the queue, just before it would apply. A refused client is told with a "permission
   * denied" message, once per reason.
   */
  receiveUpdate(connection: Connection, update: Uint8Array): void {
    // Every "stored" acknowledgement (a sync step 1) is answered with a sync step 2, nearly
    // always only the client's delete set, which the document has: it writes nothing, so there
    // is nothing to check, apply, store, acknowledge or refuse (the full path would decode,
    // re-encode and apply all of it for nothing).
    if (changesNothing(this.doc, update)) return;
    const refusal = this.policy.refusesConnection(connection);
    if (refusal !== null) {
      // Every client answers the server's sync step 1 with what it has, usually nothing new:
      // only an update that would change something is a refused write.
      if (wouldChange(this.doc, update)) this.refuse(connection, refusal);
      return;
    }
    if (holdsAllOf(this.doc, update)) {
      // A resend of what the document holds (about one update in ten under a steady load: an
      // acknowledgement's answer crossing an update in flight). Nothing to check, apply or
      // store, but its sender waits to hear that it is stored: queued, so the acknowledgement
      // follows the commit of what the document may hold only as staged now.
      this.afterStored(() => this.acknowledge([connection]));
      return;
    }
    this.enqueue({ kind: 'update', connection, update });
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
    if (!this.lifecycle.acceptsWork) {
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

  /** Another process stored updates up to `seq`: read and forward what this one lacks. */
  updatesStoredElsewhere(seq: number, updates?: Uint8Array[]): void {
    if (!this.replicator.isBehind(seq)) return;
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
    for (let state = this.lifecycle.state; state.kind === 'working'; state = this.lifecycle.state) {
      await state.drained;
    }
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
    if (this.pipeline.pendingAtLeast(minimum)) {
      this.enqueue({ kind: 'compact' });
      await this.idle();
    }
  }

  /** Frees the Y.Doc, the awareness timer and pending acknowledgements; later calls do nothing. */
  destroy(): void {
    if (this.lifecycle.isDestroyed) return;
    this.lifecycle.to({ kind: 'destroyed' });
    this.dropJobs('it was unloaded');
    this.acknowledger.dispose();
    this.awareness.off('update', this.handleAwarenessChange);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Closes every connection, e.g. at shutdown. Clients reconnect and resync. */
  closeAll(code: CloseCode, reason: string): void {
    for (const connection of this.connections) connection.close(code, reason);
  }

  /** Whether the document takes work: loaded, and neither failed nor unloaded. */
  get isAvailable(): boolean {
    return this.lifecycle.acceptsWork;
  }

  get isDestroyed(): boolean {
    return this.lifecycle.isDestroyed;
  }

  /** Where the document is in its life (DocumentLifecycle.ts). */
  get state(): LifecycleState {
    return this.lifecycle.state;
  }

  private afterStored(run: () => void): void {
    this.enqueue({ kind: 'read', run });
  }

  private enqueue(job: Job): void {
    if (!this.lifecycle.acceptsWork) return;
    this.jobs.push(job);
    if (this.lifecycle.state.kind === 'idle') {
      // The state is set before the drain runs its first step, so a job enqueued meanwhile
      // joins this drain instead of starting another.
      let settle: () => void = () => {};
      this.lifecycle.to({ kind: 'working', drained: new Promise<void>((resolve) => (settle = resolve)) });
      void this.drain().finally(settle);
    }
  }

  private async drain(): Promise<void> {
    try {
      for (let job = this.jobs[0]; job && this.lifecycle.acceptsWork; job = this.jobs[0]) {
        await this.run(job);
      }
    } catch (error) {
      // A job that throws is a bug; the state it left is unknown, so reload from the store.
      if (this.lifecycle.acceptsWork) this.fail(error, 'a queued job failed');
      else this.log.error({ err: error, docName: this.name }, 'a queued job failed');
    } finally {
      // Back to idle in the same synchronous step that saw the queue empty, so a job enqueued
      // right after starts a new drain instead of waiting behind one that has finished.
      if (this.lifecycle.state.kind === 'working') this.lifecycle.to({ kind: 'idle' });
    }
  }

  /** Runs the job at the head of the queue (taking it, and those it merges with, off). */
  private async run(job: Job): Promise<void> {
    switch (job.kind) {
      case 'read':
        this.jobs.shift();
        job.run();
        return;
      case 'compact':
        this.jobs.shift();
        await this.pipeline.compact();
        return;
      case 'server-change':
        this.jobs.shift();
        await this.commitServerChange(job);
        return;
      case 'remote':
        this.jobs.shift();
        await this.replicator.receive(job.lastSeq, job.updates);
        return;
      case 'catch-up':
        // One read covers every catch-up queued behind it.
        while (this.jobs[0]?.kind === 'catch-up') this.jobs.shift();
        await this.replicator.catchUp();
        return;
      case 'update': {
        const batch: UpdateJob[] = [];
        for (
          let next = this.jobs[0];
          next?.kind === 'update' && batch.length < this.options.maxBatchSize;
          next = this.jobs[0]
        ) {
          batch.push(next);
          this.jobs.shift();
        }
        await this.commitBatch(batch);
        return;
      }
      default: {
        const unknown: never = job;
        throw new Error(`unknown job ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async commitBatch(batch: readonly UpdateJob[]): Promise<void> {
    const senders = new Set<Connection>();
    /**
     * Connections that sent items the server held by the time their turn came (new when they
     * arrived, a resend of what is held is answered before the queue: two tabs sending the
     * same offline change at once, say): nothing of theirs is stored, but
     * they wait for a state vector that covers what they sent, so they are acknowledged too.
     * Only when the Y.Doc holds every item they sent: an answer to that acknowledgement then
     * carries none of them again, so this never loops.
     */
    const resent = new Set<Connection>();
    for (const { connection, update } of batch) {
      const verdict = this.policy.check(this, connection, update);
      if (!verdict.ok) {
        // A refused update that adds nothing (a client resending what the server has) is no write.
        if (wouldChange(this.doc, update)) this.refuse(connection, verdict.reason);
        continue;
      }
      let staged: number;
      try {
        staged = this.pipeline.stageUpdate(connection, verdict.update);
      } catch (error) {
        // The update decoded but did not apply: the Y.Doc may be half-changed. Nothing of it is
        // stored; reloading from the store is the only safe state.
        this.fail(error, 'an update did not apply');
        return;
      }
      if (staged > 0) senders.add(connection);
      else if (holdsItemsOf(this.doc, update)) resent.add(connection);
    }
    if (this.pipeline.hasStaged) {
      try {
        await this.pipeline.commit();
      } catch (error) {
        this.fail(error, 'storing updates failed');
        return;
      }
    }
    // Right after the commit the Y.Doc holds nothing unstored: what they sent is stored.
    this.acknowledge(new Set([...senders, ...resent]));
    this.compactIfDue();
  }

  /**
   * Tells connections that what they sent is stored; call when the Y.Doc holds nothing
   * unstored. One that left meanwhile is skipped: the acknowledger would keep its state.
   */
  private acknowledge(connections: Iterable<Connection>): void {
    for (const connection of connections) {
      if (this.connections.has(connection)) this.acknowledger.acknowledge(connection);
    }
  }

  private async commitServerChange(job: Extract<Job, { kind: 'server-change' }>): Promise<void> {
    const failure = this.pipeline.stageChange(job.userId, job.mutate);
    try {
      await this.pipeline.commit();
    } catch (error) {
      job.reject(error);
      this.fail(error, 'storing a server change failed');
      return;
    }
    if (failure) job.reject(failure.error);
    else job.resolve();
    this.compactIfDue();
  }

  private compactIfDue(): void {
    if (this.pipeline.pendingAtLeast(this.options.compactAfterUpdates)) this.jobs.push({ kind: 'compact' });
  }

  /** Counts a refused change and tells its sender, once per reason. */
  private refuse(connection: Connection, reason: string): void {
    this.options.observer.error('write-refused');
    if (connection.toldDenied.has(reason)) return;
    connection.toldDenied.add(reason);
    connection.log.warn({ reason }, 'refused a change');
    connection.send(encodePermissionDenied(reason));
  }

  private fail(error: unknown, message: string): void {
    this.lifecycle.to({ kind: 'failed', reason: message });
    this.dropJobs(`it failed: ${message}`);
    this.log.error({ err: error, docName: this.name }, `${message}; closing the document's connections`);
    this.closeAll(CloseCode.internalError, 'storage error, please reconnect');
    this.onFailure(this);
  }

  /** Empties the queue; server changes waiting in it reject (nothing of them was applied). */
  private dropJobs(why: string): void {
    for (const job of this.jobs.splice(0)) {
      if (job.kind === 'server-change')
        job.reject(new Error(`document ${this.name} is not available: ${why}`));
    }
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
