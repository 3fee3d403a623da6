/**
 * Keeps one Y.Doc in the local PGlite store: every update is queued for the `yjs_updates`
 * table the moment Yjs emits it (this handler is registered before the websocket provider
 * exists, so it runs before the provider sends anything), the stored updates are loaded on
 * start, and confirmed rows are compacted in batches.
 *
 * The database may arrive late (PGlite's first start takes seconds): updates wait in memory
 * until it is there, and the doc works from the network meanwhile.
 */
import type { PGliteInterface } from '@electric-sql/pglite';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { observeServerStateVector } from '../sync/serverStateVector';
import { clocksOf, covers, type PendingChange, PendingChanges } from './pendingChanges';

export type LocalDatabase = Pick<PGliteInterface, 'query' | 'exec' | 'transaction'> &
  Partial<Pick<PGliteInterface, 'syncToFs'>>;

export interface PersistenceOptions {
  /** Compact when this many rows were written since the last compaction. */
  compactAfterRows?: number;
  /** Updates merged per `Y.mergeUpdates` call (one call over thousands is superlinear). */
  mergeBatchSize?: number;
  /** Called whenever the count of unconfirmed changes or the sync time changes. */
  onChange?: () => void;
}

interface QueuedUpdate {
  data: Uint8Array;
  change: PendingChange | null;
}

export class PglitePersistence {
  /** Resolves when the stored updates are applied (or at once without a database). */
  readonly whenLoaded: Promise<void>;
  /** Rows the local store held for this doc when it was loaded. */
  loadedRows = 0;
  /** When the server last confirmed everything of this doc (null: never). */
  syncedAt: Date | null = null;

  private db: LocalDatabase | null = null;
  private readonly pending = new PendingChanges();
  private queue: QueuedUpdate[] = [];
  private confirmedRowIds: number[] = [];
  private serverStateVector: Uint8Array | null = null;
  private work: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  /** Confirmed rows written or confirmed since the last compaction: what a compaction would fold. */
  private compactableRows = 0;
  private writing = 0;
  private provider: WebsocketProvider | null = null;
  private stopObserving: (() => void) | null = null;
  private destroyed = false;
  private refusing = false;
  private noDatabase = false;
  private readonly compactAfterRows: number;
  private readonly mergeBatchSize: number;

  constructor(
    readonly docName: string,
    readonly doc: Y.Doc,
    database: Promise<LocalDatabase | null>,
    private readonly options: PersistenceOptions = {},
  ) {
    this.compactAfterRows = options.compactAfterRows ?? 200;
    this.mergeBatchSize = options.mergeBatchSize ?? 100;
    doc.on('update', this.handleUpdate);
    this.whenLoaded = database.then(
      async (db) => {
        if (!db) {
          // No local database in this browser: count pending changes, store nothing.
          this.noDatabase = true;
          this.queue = [];
          return;
        }
        if (this.destroyed) return;
        this.db = db;
        await this.serial(() => this.load(db));
        this.scheduleFlush();
      },
      () => undefined,
    );
  }

  /** Unconfirmed local changes of this doc. */
  get pendingCount(): number {
    return this.pending.count;
  }

  /** Updates not yet written to the local store (queued or being written). */
  get unsavedCount(): number {
    return this.queue.length + this.writing;
  }

  /** Whether a local database is in use (false until it opened, or if it could not). */
  get hasDatabase(): boolean {
    return this.db !== null;
  }

  /**
   * Follows the provider: its updates are the server's (stored as confirmed), its server
   * state vectors confirm local changes, its connection state says when a resend happens.
   */
  attachProvider(provider: WebsocketProvider): void {
    this.provider = provider;
    this.stopObserving = observeServerStateVector(provider, this.handleServerStateVector);
    provider.on('status', this.handleStatus);
  }

  /** Resolves when every queued update is written. */
  async flushed(): Promise<void> {
    await this.whenLoaded;
    if (!this.db) return;
    while (
      !this.destroyed &&
      (this.queue.length > 0 || this.flushScheduled || this.confirmedRowIds.length > 0)
    ) {
      this.scheduleFlush();
      await this.work;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await this.work;
  }

  /** Stops storing local changes (the server refused them; they must not come back). */
  refuseLocalChanges(): void {
    this.refusing = true;
  }

  /** Drops this doc's local rows and unconfirmed changes (e.g. the server refused them). */
  async clear(): Promise<void> {
    this.queue = [];
    this.pending.clear();
    this.confirmedRowIds = [];
    this.options.onChange?.();
    const db = this.db;
    if (!db) return;
    await this.serial(async () => {
      await db.query('delete from yjs_updates where doc_name = $1', [this.docName]);
      await db.query('delete from yjs_documents where doc_name = $1', [this.docName]);
    });
  }

  /** Stops following the doc after writing what is queued. */
  async destroy(): Promise<void> {
    this.doc.off('update', this.handleUpdate);
    this.stopObserving?.();
    this.provider?.off('status', this.handleStatus);
    await this.flushed().catch(() => undefined);
    this.destroyed = true;
  }

  private readonly handleUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    // What the provider applied came from the server (or another tab): already stored there.
    const local = this.provider === null || origin !== this.provider;
    if (local && this.refusing) return;
    const change = local ? this.pending.add(update) : null;
    if (!this.noDatabase) this.queue.push({ data: update, change });
    if (local) this.options.onChange?.();
    this.scheduleFlush();
  };

  private readonly handleStatus = ({ status }: { status: string }): void => {
    this.pending.setConnected(status === 'connected');
  };

  private readonly handleServerStateVector = (stateVector: Map<number, number>): void => {
    const confirmed = this.pending.confirm(stateVector);
    this.serverStateVector = encodeStateVectorMap(stateVector);
    for (const change of confirmed) if (change.rowId !== undefined) this.confirmedRowIds.push(change.rowId);
    if (this.pending.count === 0 && this.provider?.synced !== false) this.syncedAt = new Date();
    this.options.onChange?.();
    this.scheduleFlush();
  };

  private async load(db: LocalDatabase): Promise<void> {
    const state = await db.query<{ server_state_vector: Uint8Array | null; synced_at: Date | null }>(
      'select server_state_vector, synced_at from yjs_documents where doc_name = $1',
      [this.docName],
    );
    const documentRow = state.rows[0];
    const serverStateVector = documentRow?.server_state_vector
      ? Y.decodeStateVector(documentRow.server_state_vector)
      : new Map<number, number>();
    if (documentRow?.synced_at && !this.syncedAt) this.syncedAt = new Date(documentRow.synced_at);
    const { rows } = await db.query<{ id: number; data: Uint8Array; pending: boolean }>(
      'select id, data, pending from yjs_updates where doc_name = $1 order by id',
      [this.docName],
    );
    this.loadedRows = rows.length;
    this.compactableRows = rows.filter((row) => !row.pending).length;
    for (let start = 0; start < rows.length; start += this.mergeBatchSize) {
      this.doc.transact(() => {
        for (const row of rows.slice(start, start + this.mergeBatchSize)) {
          try {
            Y.applyUpdate(this.doc, row.data, this);
          } catch {
            // A row that does not apply is skipped; the server's copy fills the gap.
          }
        }
      }, this);
    }
    for (const row of rows) {
      if (!row.pending) continue;
      const needs = clocksOf(row.data);
      if (needs.size > 0 && covers(serverStateVector, needs)) this.confirmedRowIds.push(Number(row.id));
      else {
        const change = this.pending.add(row.data);
        change.rowId = Number(row.id);
      }
    }
    this.options.onChange?.();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || !this.db || this.destroyed) return;
    this.flushScheduled = true;
    // One transaction for everything emitted in the same task (typing, a pasted table).
    queueMicrotask(() => {
      void this.serial(async () => {
        this.flushScheduled = false;
        await this.flush();
      });
    });
  }

  private serial(run: () => Promise<void>): Promise<void> {
    this.work = this.work.then(run).catch((error: unknown) => {
      console.error(`local store: ${this.docName}`, error);
    });
    return this.work;
  }

  private async flush(): Promise<void> {
    const db = this.db;
    if (!db) return;
    const batch = this.queue;
    this.queue = [];
    const confirmed = this.confirmedRowIds;
    this.confirmedRowIds = [];
    const serverStateVector = this.serverStateVector;
    this.serverStateVector = null;
    if (batch.length === 0 && confirmed.length === 0 && !serverStateVector) return;
    this.writing = batch.length;
    try {
      this.compactableRows += await this.write(db, batch, confirmed, serverStateVector);
    } finally {
      this.writing = 0;
      if (batch.length > 0) this.options.onChange?.();
    }
    if (this.compactableRows >= this.compactAfterRows) await this.compact(db);
  }

  private async write(
    db: LocalDatabase,
    batch: QueuedUpdate[],
    confirmed: number[],
    serverStateVector: Uint8Array | null,
  ): Promise<number> {
    let compactable = confirmed.length;
    await db.transaction(async (tx) => {
      for (const item of batch) {
        const pending = item.change !== null && this.isStillPending(item.change);
        const result = await tx.query<{ id: number }>(
          'insert into yjs_updates (doc_name, data, pending) values ($1, $2, $3) returning id',
          [this.docName, item.data, pending],
        );
        const id = result.rows[0]?.id;
        if (!pending) compactable += 1;
        if (item.change && id !== undefined) {
          item.change.rowId = Number(id);
          // Confirmed while this insert ran: mark it in the next flush.
          if (pending && !this.isStillPending(item.change)) this.confirmedRowIds.push(Number(id));
        }
      }
      if (confirmed.length > 0) {
        await tx.query('update yjs_updates set pending = false where id = any($1::bigint[])', [confirmed]);
      }
      if (serverStateVector) {
        await tx.query(
          `insert into yjs_documents (doc_name, server_state_vector, synced_at) values ($1, $2, $3)
           on conflict (doc_name) do update set server_state_vector = excluded.server_state_vector,
             synced_at = coalesce(excluded.synced_at, yjs_documents.synced_at)`,
          [this.docName, serverStateVector, this.syncedAt],
        );
      }
    });
    // PGlite writes its files to IndexedDB after each statement outside a transaction, and
    // for a transaction only at its BEGIN: a commit reaches IndexedDB with the next statement.
    // A local change counts as saved once it is there, so a closed tab cannot lose it. (The
    // server's content needs no such wait: the server has it.)
    if (batch.some((item) => item.change !== null)) await db.syncToFs?.();
    return compactable;
  }

  /** Whether a change is still unconfirmed (it may have been confirmed while queued). */
  private isStillPending(change: PendingChange): boolean {
    return this.pending.includes(change);
  }

  /**
   * Folds every confirmed row of the doc into one, merging in batches (one
   * `Y.mergeUpdates` over thousands of updates is superlinear). Unconfirmed rows stay as
   * they are, so the pending count survives a restart.
   */
  private async compact(db: LocalDatabase): Promise<void> {
    this.compactableRows = 0;
    await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number; data: Uint8Array }>(
        'select id, data from yjs_updates where doc_name = $1 and not pending order by id',
        [this.docName],
      );
      if (rows.length < 2) return;
      const merged = mergeInBatches(
        rows.map((row) => row.data),
        this.mergeBatchSize,
      );
      await tx.query('delete from yjs_updates where id = any($1::bigint[])', [rows.map((row) => row.id)]);
      await tx.query('insert into yjs_updates (doc_name, data, pending) values ($1, $2, false)', [
        this.docName,
        merged,
      ]);
    });
  }
}

/** Merges many updates into one, `batchSize` at a time and then the results. */
export function mergeInBatches(updates: Uint8Array[], batchSize: number): Uint8Array {
  let level = updates;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let start = 0; start < level.length; start += batchSize) {
      next.push(Y.mergeUpdates(level.slice(start, start + batchSize)));
    }
    level = next;
  }
  return level[0] ?? Y.mergeUpdates([]);
}

function encodeStateVectorMap(stateVector: Map<number, number>): Uint8Array {
  // Y.encodeStateVector takes a doc or a map.
  return Y.encodeStateVector(stateVector);
}
