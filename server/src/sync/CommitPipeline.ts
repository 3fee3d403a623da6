/**
 * The one way a change reaches a document's clients: applied to the Y.Doc (staged), committed
 * to the store, and only then sent on. Client updates and server-made changes are staged and
 * committed together in one append (group commit); updates another process stored enter after
 * the append, as they are stored already. Compaction, the other write to the store, is here too.
 *
 * Durability rule: nothing staged is sent to any client before `DocumentStore.appendUpdates`
 * resolves. The caller runs all of this in the document's serial queue, so a sync step 1
 * reply (also queued) never contains a staged update.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocumentStore } from '../store/types';
import type { Connection } from './Connection';
import { encodeUpdate } from './protocol';
import type { SyncObserver } from './SyncObserver';
import { applyCollecting, collectChanges } from './yjsUpdates';

/** Where a loaded document stands in its log; shared by the pipeline and the replicator. */
export interface LogPosition {
  /** The newest log entry applied here with every entry before it. */
  lastSeq: number;
  /** The log entry the stored snapshot covers up to. */
  snapshotSeq: number;
  /** Bytes the document takes in the store (snapshot and log after it), with what is staged. */
  storedBytes: number;
}

/** Origin of changes that came from another server process. */
export const REMOTE = Symbol('remote process');

/** Origin of changes the server makes on a user's behalf (see {@link CommitPipeline.stageChange}). */
export const SERVER_CHANGE = Symbol('server change');

/** What the pipeline needs to know after an append: the replicator's gap check. */
export interface AppendFollower {
  /** This process appended log entries `from`..`to`. */
  appended(from: number, to: number): Promise<void>;
}

export interface CommitPipelineDeps {
  name: string;
  doc: Y.Doc;
  store: DocumentStore;
  position: LogPosition;
  /** The document's connections, read at each broadcast. */
  connections: ReadonlySet<Connection>;
  follower: AppendFollower;
  observer: SyncObserver;
  log: Logger;
}

interface Staged {
  data: Uint8Array;
  userId: string;
  /** The connection that sent it (it has it already), or null for a server change. */
  origin: Connection | null;
}

export class CommitPipeline {
  private staged: Staged[] = [];

  constructor(private readonly deps: CommitPipelineDeps) {}

  /** Whether anything is applied but not yet committed. */
  get hasStaged(): boolean {
    return this.staged.length > 0;
  }

  /**
   * Applies an admitted update from `connection` and stages what it changed (a resent update
   * stages nothing). Returns how many effective updates it staged. Throws if the update does
   * not apply: the Y.Doc may then be half-changed, and only reloading from the store is safe.
   */
  stageUpdate(connection: Connection, update: Uint8Array): number {
    return this.stage(applyCollecting(this.deps.doc, update, connection), connection.user.id, connection);
  }

  /**
   * Runs a server-made change on behalf of `userId` and stages what it changed. If `mutate`
   * throws, what it changed before is staged all the same (a Y.Doc cannot roll back) and the
   * error is returned.
   */
  stageChange(userId: string, mutate: (doc: Y.Doc) => void): { error: unknown } | null {
    const { doc } = this.deps;
    let failure: { error: unknown } | null = null;
    const changed = collectChanges(doc, () => {
      try {
        doc.transact(() => mutate(doc), SERVER_CHANGE);
      } catch (error) {
        failure = { error };
      }
    });
    this.stage(changed, userId, null);
    return failure;
  }

  /**
   * Commits everything staged in one append, then sends each update to every connection but
   * its sender, then lets the replicator fill any gap before our entries. Rejects (after
   * counting a store failure) when the append fails; nothing staged is sent then.
   */
  async commit(): Promise<void> {
    const batch = this.staged;
    this.staged = [];
    if (batch.length === 0) return;
    const { name, store, observer } = this.deps;
    let lastSeq: number;
    try {
      const started = performance.now();
      lastSeq = await store.appendUpdates(
        name,
        batch.map(({ data, userId }) => ({ data, userId })),
      );
      observer.updatesStored(batch.length, (performance.now() - started) / 1000);
    } catch (error) {
      observer.error('store-failure');
      throw error;
    }
    this.send(batch);
    await this.deps.follower.appended(lastSeq - batch.length + 1, lastSeq);
  }

  /**
   * Applies an update another process stored (it is committed already) and sends what it
   * changed to every connection. One that does not apply is logged and skipped: it was
   * checked before it was stored.
   */
  applyStored(update: Uint8Array, seq?: number): void {
    const { doc, name, log } = this.deps;
    let changed: Uint8Array[];
    try {
      changed = applyCollecting(doc, update, REMOTE);
    } catch (error) {
      log.error({ err: error, docName: name, seq }, 'skipped a stored update that does not apply');
      return;
    }
    for (const data of changed) this.deps.position.storedBytes += data.byteLength;
    this.send(changed.map((data) => ({ data, origin: null })));
  }

  /** Whether the log after the snapshot has reached `threshold` entries. */
  pendingAtLeast(threshold: number): boolean {
    const { position } = this.deps;
    return position.lastSeq - position.snapshotSeq >= threshold;
  }

  /**
   * Stores the whole document as a snapshot up to `lastSeq`. Must run in the queue, with
   * nothing staged, so the snapshot holds exactly the log up to there. A failed compaction
   * loses nothing (the log is still complete) and is only logged.
   */
  async compact(): Promise<void> {
    const { doc, name, store, position, log } = this.deps;
    const uptoSeq = position.lastSeq;
    if (uptoSeq <= position.snapshotSeq) return;
    try {
      const started = performance.now();
      const snapshot = Y.encodeStateAsUpdate(doc);
      await store.replaceSnapshot(name, snapshot, uptoSeq);
      position.snapshotSeq = uptoSeq;
      position.storedBytes = snapshot.byteLength;
      log.debug(
        { docName: name, uptoSeq, bytes: snapshot.byteLength, ms: Math.round(performance.now() - started) },
        'compacted',
      );
    } catch (error) {
      log.warn({ err: error, docName: name }, 'compaction failed');
    }
  }

  private stage(changed: readonly Uint8Array[], userId: string, origin: Connection | null): number {
    for (const data of changed) {
      this.staged.push({ data, userId, origin });
      // Counted at once, so the next update of the same batch is checked against it.
      this.deps.position.storedBytes += data.byteLength;
    }
    return changed.length;
  }

  private send(updates: readonly { data: Uint8Array; origin: Connection | null }[]): void {
    for (const { data, origin } of updates) {
      const message = encodeUpdate(data);
      for (const connection of this.deps.connections) {
        if (connection !== origin) connection.send(message);
      }
    }
  }
}
