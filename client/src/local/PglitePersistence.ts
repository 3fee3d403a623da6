/**
 * Keeps one Y.Doc on this device. Every local change is appended to the journal (IndexedDB,
 * `journal.ts`) the moment Yjs emits it (this handler is registered before the websocket
 * provider exists, so it runs before the provider sends anything): that is the durability
 * point, milliseconds after the keystroke. PGlite, the local store with the SQL views, is fed
 * from a queue in batches; once PGlite has flushed a batch, a checkpoint writes the document's
 * snapshot to the journal and drops the entries PGlite now holds. Confirmed rows are compacted.
 *
 * On start the journal's snapshot and entries are applied first (a few milliseconds: the
 * screen shows the last known data at once), then PGlite's rows when it has opened (seconds on
 * a first start); Yjs applies what it already has as a no-op.
 *
 * Without a journal (Node, or a browser without IndexedDB) PGlite is the durability point, as
 * before: every local change is written and flushed in the task after it was made.
 */
import type { PGliteInterface } from '@electric-sql/pglite';
import { changedFields, WHOLE_DOCUMENT_FIELD } from '@foljsam/domain';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { observeServerStateVector } from '../sync/serverStateVector';
import type { JournalEntry, LocalJournal } from './journal';
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
  /** The journal (the browser's durability point); none in Node. */
  journal?: Promise<LocalJournal | null>;
  /** With a journal: how long PGlite waits for more changes before writing a batch, ms. */
  pgliteBatchMs?: number;
}

interface QueuedUpdate {
  data: Uint8Array;
  /** The unconfirmed local change it is; null for the server's content or a confirmed one. */
  change: PendingChange | null;
  /** Set for a change the journal holds (dropped from it once PGlite has it). */
  changeId?: string;
}

/** With a journal, PGlite batches are written this long after the first change of a batch. */
const PGLITE_BATCH_MS = 400;
/** A snapshot is written this long after the doc changed (and at once when asked for). */
const SNAPSHOT_DELAY_MS = 500;

export class PglitePersistence {
  /** Resolves when the stored updates are applied (or at once without a database). */
  readonly whenLoaded: Promise<void>;
  /** Resolves when the journal's snapshot and entries are applied (before PGlite's rows). */
  readonly whenReadFromDevice: Promise<void>;
  /** Rows the local store (journal or PGlite) held for this doc when it was loaded. */
  loadedRows = 0;
  /** When the server last confirmed everything of this doc (null: never). */
  syncedAt: Date | null = null;

  private db: LocalDatabase | null = null;
  private journal: LocalJournal | null = null;
  private hasJournal = false;
  /** Local changes not yet durable in the journal (made before it opened, or being committed). */
  private notInJournal = 0;
  /** Local changes made before the journal opened: appended once it has. */
  private awaitingJournal: JournalEntry[] = [];
  /** Journalled changes PGlite holds (or, without PGlite, the server confirmed): dropped at the next checkpoint. */
  private readonly droppable = new Set<string>();
  /** The doc changed since the last snapshot. */
  private snapshotDirty = false;
  private snapshotWork: Promise<void> = Promise.resolve();
  private snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** The server's last state vector, kept with the snapshot so an offline start knows what it confirmed. */
  private knownServerStateVector: Uint8Array | null = null;
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
  private readonly pgliteBatchMs: number;

  constructor(
    readonly docName: string,
    readonly doc: Y.Doc,
    database: Promise<LocalDatabase | null>,
    private readonly options: PersistenceOptions = {},
  ) {
    this.compactAfterRows = options.compactAfterRows ?? 200;
    this.mergeBatchSize = options.mergeBatchSize ?? 100;
    this.pgliteBatchMs = options.pgliteBatchMs ?? PGLITE_BATCH_MS;
    doc.on('update', this.handleUpdate);
    const journal = options.journal ?? Promise.resolve(null);
    this.whenReadFromDevice = journal.then(
      async (opened) => {
        if (!opened || this.destroyed) {
          this.notInJournal -= this.awaitingJournal.length;
          this.awaitingJournal = [];
          return;
        }
        // Loaded before it is used: a snapshot written earlier would replace the stored one
        // with a doc that lacks it.
        await this.loadJournal(opened);
        this.journal = opened;
        this.hasJournal = true;
        const early = this.awaitingJournal;
        this.awaitingJournal = [];
        for (const entry of early) this.appendToJournal(entry);
      },
      () => undefined,
    );
    this.whenLoaded = Promise.all([this.whenReadFromDevice, database]).then(
      async ([, db]) => {
        if (!db) {
          // No local database in this browser: the journal (if any) keeps the changes.
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

  /** Fields changed by local changes the server has not confirmed (what the sync bar counts). */
  get pendingCount(): number {
    return this.pending.count;
  }

  /** Local changes not yet durable on this device (not yet in the journal, or without one, in PGlite). */
  get unsavedCount(): number {
    if (this.hasJournal) return this.notInJournal;
    if (this.noDatabase) return this.notInJournal + this.pending.changeCount;
    return this.notInJournal + this.queue.filter((item) => item.change !== null).length + this.writing;
  }

  /**
   * Local changes that would be lost if the page went away now: not durable, and not in an
   * IndexedDB commit already under way (which the journal copies aside on `pagehide`).
   */
  get atRiskCount(): number {
    if (this.hasJournal) return this.awaitingJournal.length;
    return this.unsavedCount;
  }

  /**
   * Resolves when the doc's current content is durable on this device (a snapshot in the
   * journal), without waiting for PGlite. Where there is no journal, when PGlite has it.
   * Resolves to false when this browser keeps nothing locally.
   */
  async whenSavedLocally(): Promise<boolean> {
    await this.whenReadFromDevice;
    if (!this.journal) {
      await this.flushed();
      return this.db !== null;
    }
    this.snapshotDirty = true;
    await this.writeSnapshot();
    return true;
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

  /** Resolves when every queued update is written to PGlite (and the journal has checkpointed). */
  async flushed(): Promise<void> {
    await this.whenLoaded;
    if (!this.db) {
      await this.writeSnapshot();
      return;
    }
    while (
      !this.destroyed &&
      (this.queue.length > 0 || this.flushScheduled || this.confirmedRowIds.length > 0)
    ) {
      this.scheduleFlush(true);
      await this.work;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await this.work;
    await this.writeSnapshot();
  }

  /** Stops storing local changes (the server refused them; they must not come back). */
  refuseLocalChanges(): void {
    this.refusing = true;
  }

  /** Drops this doc's local rows, journal and unconfirmed changes (e.g. the server refused them). */
  async clear(): Promise<void> {
    this.queue = [];
    this.pending.clear();
    this.confirmedRowIds = [];
    this.droppable.clear();
    this.snapshotDirty = false;
    this.options.onChange?.();
    await this.journal?.forget(this.docName);
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
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    await this.flushed().catch(() => undefined);
    this.destroyed = true;
  }

  private readonly handleUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    if (origin === this) return;
    // What the provider applied came from the server (or another tab): already stored there.
    const local = this.provider === null || origin !== this.provider;
    if (local && this.refusing) return;
    let change: PendingChange | null = null;
    if (local) {
      const fields = changedFields(transaction);
      change = this.pending.add(update, crypto.randomUUID(), fields);
      this.notInJournal += 1;
      const entry: JournalEntry = { changeId: change.changeId, docName: this.docName, update, fields };
      if (this.journal) this.appendToJournal(entry);
      else this.awaitingJournal.push(entry);
    }
    if (!this.noDatabase) this.queue.push({ data: update, change, changeId: change?.changeId });
    this.snapshotDirty = true;
    if (local) this.options.onChange?.();
    this.scheduleFlush();
    this.scheduleSnapshot();
  };

  /** Journals a local change; `notInJournal` counts it until the commit completes. */
  private appendToJournal(entry: JournalEntry): void {
    const journal = this.journal;
    if (!journal) return;
    journal.append(entry).then(
      () => {
        this.notInJournal -= 1;
        this.options.onChange?.();
      },
      (error: unknown) => {
        // Not durable: it stays counted as unsaved, and PGlite (when open) still gets it.
        console.error(`local journal: ${this.docName}`, error);
      },
    );
  }

  private readonly handleStatus = ({ status }: { status: string }): void => {
    this.pending.setConnected(status === 'connected');
  };

  private readonly handleServerStateVector = (stateVector: Map<number, number>): void => {
    const confirmed = this.pending.confirm(stateVector);
    this.serverStateVector = encodeStateVectorMap(stateVector);
    this.knownServerStateVector = this.serverStateVector;
    for (const change of confirmed) {
      if (change.rowId !== undefined) this.confirmedRowIds.push(change.rowId);
      // Without PGlite the journal keeps a change until the server has it (the snapshot holds its content).
      if (this.noDatabase) this.droppable.add(change.changeId);
    }
    if (confirmed.length > 0) this.snapshotDirty = true;
    this.scheduleSnapshot();
    if (this.pending.count === 0 && this.provider?.synced !== false) this.syncedAt = new Date();
    this.options.onChange?.();
    this.scheduleFlush();
  };

  /** Applies the journal's snapshot and entries; entries the server has not confirmed are pending. */
  private async loadJournal(journal: LocalJournal): Promise<void> {
    const { snapshot, entries, serverStateVector } = await journal.read(this.docName);
    const confirmedBy = serverStateVector
      ? Y.decodeStateVector(serverStateVector)
      : new Map<number, number>();
    if (serverStateVector) this.knownServerStateVector = serverStateVector;
    this.doc.transact(() => {
      for (const update of [snapshot, ...entries.map((entry) => entry.update)]) {
        if (!update) continue;
        try {
          Y.applyUpdate(this.doc, update, this);
        } catch {
          // An update that does not apply is skipped; PGlite's or the server's copy fills the gap.
        }
      }
    }, this);
    this.loadedRows = (snapshot ? 1 : 0) + entries.length;
    for (const entry of entries) {
      if (this.pending.find(entry.changeId)) continue;
      const needs = clocksOf(entry.update);
      const confirmed = needs.size > 0 && covers(confirmedBy, needs);
      const change = confirmed ? null : this.pending.add(entry.update, entry.changeId, entry.fields);
      // PGlite gets it too, unless it turns out to hold it already (see load).
      this.queue.push({ data: entry.update, change, changeId: entry.changeId });
    }
    this.options.onChange?.();
  }

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
    const { rows } = await db.query<{
      id: number;
      data: Uint8Array;
      pending: boolean;
      change_id: string | null;
      fields: string[] | null;
    }>('select id, data, pending, change_id, fields from yjs_updates where doc_name = $1 order by id', [
      this.docName,
    ]);
    this.loadedRows += rows.length;
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
    // Journalled changes PGlite already holds (the page went away between PGlite's write and
    // the checkpoint): not written twice, and dropped from the journal at the next checkpoint.
    const inPglite = new Set(rows.flatMap((row) => (row.change_id ? [row.change_id] : [])));
    this.queue = this.queue.filter((item) => {
      if (!item.changeId || !inPglite.has(item.changeId)) return true;
      this.droppable.add(item.changeId);
      return false;
    });
    for (const row of rows) {
      if (!row.pending) continue;
      const needs = clocksOf(row.data);
      const known = row.change_id ? this.pending.find(row.change_id) : undefined;
      if (needs.size > 0 && covers(serverStateVector, needs)) {
        this.confirmedRowIds.push(Number(row.id));
        if (known) this.pending.confirmOne(known);
      } else if (known) {
        known.rowId = Number(row.id);
      } else {
        const change = this.pending.add(
          row.data,
          row.change_id ?? `row-${row.id}`,
          row.fields ?? [WHOLE_DOCUMENT_FIELD],
        );
        change.rowId = Number(row.id);
      }
    }
    if (this.droppable.size > 0) this.scheduleSnapshot();
    this.options.onChange?.();
  }

  /**
   * Writes the queue to PGlite: at once without a journal (PGlite is then the durability
   * point), otherwise in batches a little later (the journal already holds the changes).
   */
  private scheduleFlush(immediate = false): void {
    if (!this.db || this.destroyed) return;
    if (immediate || !this.hasJournal) {
      if (this.flushTimer !== undefined) {
        clearTimeout(this.flushTimer);
        this.flushTimer = undefined;
        this.flushScheduled = false;
      }
      if (this.flushScheduled) return;
      this.flushScheduled = true;
      // One transaction for everything emitted in the same task (typing, a pasted table).
      queueMicrotask(() => this.runFlush());
      return;
    }
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.runFlush();
    }, this.pgliteBatchMs);
  }

  private runFlush(): void {
    void this.serial(async () => {
      this.flushScheduled = false;
      await this.flush();
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
    this.writing = batch.filter((item) => item.change !== null).length;
    try {
      this.compactableRows += await this.write(db, batch, confirmed, serverStateVector);
    } finally {
      this.writing = 0;
      if (batch.length > 0) this.options.onChange?.();
    }
    // PGlite has them on disk: the journal may let go of them at the next checkpoint.
    let journalled = false;
    for (const item of batch) {
      if (item.changeId) {
        this.droppable.add(item.changeId);
        journalled = true;
      }
    }
    if (journalled) this.scheduleSnapshot();
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
          `insert into yjs_updates (doc_name, data, pending, change_id, fields)
           values ($1, $2, $3, $4, $5::text[]) returning id`,
          [
            this.docName,
            item.data,
            pending,
            item.changeId ?? null,
            item.change ? [...item.change.fields] : null,
          ],
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
    // PGlite writes its files to IndexedDB after each statement outside a transaction, but for
    // a transaction only at its BEGIN: a commit would reach IndexedDB with the next statement.
    // Local changes must be on disk before they count as saved (without a journal) or before
    // the journal drops them (with one): flush explicitly. (The server's content needs no such
    // wait: the server has it.)
    if (batch.some((item) => item.changeId !== undefined || item.change !== null)) await db.syncToFs?.();
    return compactable;
  }

  private scheduleSnapshot(): void {
    if (!this.journal || this.destroyed || this.snapshotTimer !== undefined) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      void this.writeSnapshot();
    }, SNAPSHOT_DELAY_MS);
  }

  /**
   * A checkpoint: the doc's state as the journal's snapshot (what an offline start shows
   * first), and the journalled changes PGlite now holds dropped, in one transaction.
   */
  private writeSnapshot(): Promise<void> {
    this.snapshotWork = this.snapshotWork.then(async () => {
      const journal = this.journal;
      if (!journal || this.destroyed || (!this.snapshotDirty && this.droppable.size === 0)) return;
      this.snapshotDirty = false;
      const drop = new Set(this.droppable);
      this.droppable.clear();
      try {
        await journal.checkpoint(
          this.docName,
          Y.encodeStateAsUpdate(this.doc),
          drop,
          this.knownServerStateVector,
        );
      } catch (error) {
        for (const id of drop) this.droppable.add(id);
        this.snapshotDirty = true;
        console.error(`local journal: ${this.docName}`, error);
      }
    });
    return this.snapshotWork;
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
