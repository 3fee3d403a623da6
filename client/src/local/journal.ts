/**
 * The browser's durability point (skrivlogg): a small write-ahead journal of raw Yjs updates in
 * IndexedDB, plus the last snapshot of each document for a fast first paint.
 *
 * A keystroke waits for this, not for PGlite: PGlite keeps its files in IndexedDB as whole
 * pages and a synced write of it takes hundreds of milliseconds, while one IndexedDB
 * transaction of a few hundred bytes commits in a few. Every local change is appended here in
 * one transaction per task (typing, a pasted table), or with the others that arrive while the
 * previous transaction commits, and counts as saved on this device once its transaction
 * completes. PglitePersistence then feeds PGlite from its queue in larger
 * batches and, once PGlite has flushed them, writes a fresh snapshot and drops the entries in
 * one transaction (a checkpoint). See docs/offline.md for the guarantee.
 *
 * An IndexedDB commit takes milliseconds, and a browser that is closed or killed within them
 * drops it. So each change is also copied into localStorage synchronously as it is appended
 * (a shadow, a few hundred bytes, removed once the commit completes); the next start moves
 * any shadow left behind into the journal, unless the journal already has that change. Yjs
 * updates apply idempotently, so a change found twice does no harm either.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

const DATABASE = 'foljsam-journal';
const VERSION = 1;
const SHADOW_PREFIX = 'foljsam.journal.';
/** Name of the `performance.measure` entries: change made → durable in the browser. */
export const DURABLE_MEASURE = 'foljsam:local-durable';
/** Measures kept before the oldest are cleared (they are for benchmarks and profiles). */
const MAX_MEASURES = 5_000;

/** One local change of a document, as journalled. */
export interface JournalEntry {
  /** Stable id of the change (also stored with its PGlite row, so a change is never counted twice). */
  changeId: string;
  docName: string;
  update: Uint8Array;
  /** The fields it changed (`changedFields`), for the pending count. */
  fields: string[];
}

interface StoredEntry extends JournalEntry {
  seq?: number;
}

interface JournalSchema extends DBSchema {
  entries: { key: number; value: StoredEntry; indexes: { byDoc: string; byChange: string } };
  snapshots: {
    key: string;
    value: { docName: string; state: Uint8Array; serverStateVector: Uint8Array | null; savedAt: number };
  };
}

/** What the journal holds for one document. */
export interface JournalContent {
  snapshot: Uint8Array | null;
  /** The server's state vector when the snapshot was written (what it had confirmed). */
  serverStateVector: Uint8Array | null;
  entries: JournalEntry[];
}

interface Waiting {
  entry: JournalEntry;
  madeAt: number;
  done: () => void;
  failed: (error: unknown) => void;
}

export class LocalJournal {
  /** In-flight entries whose localStorage shadow could not be written (storage full or disabled). */
  private readonly unshadowed = new Set<JournalEntry>();
  private batch: Waiting[] = [];
  /** A journal transaction is committing; appends wait for it in `batch`. */
  private committing = false;

  private constructor(private readonly db: IDBPDatabase<JournalSchema>) {}

  static async open(): Promise<LocalJournal> {
    const db = await openDB<JournalSchema>(DATABASE, VERSION, {
      upgrade(database) {
        const entries = database.createObjectStore('entries', { keyPath: 'seq', autoIncrement: true });
        entries.createIndex('byDoc', 'docName');
        entries.createIndex('byChange', 'changeId', { unique: true });
        database.createObjectStore('snapshots', { keyPath: 'docName' });
      },
    });
    const journal = new LocalJournal(db);
    await journal.restoreShadows();
    return journal;
  }

  /**
   * Appends a local change; resolves once it is durable in IndexedDB. Everything appended in
   * the same task goes into one transaction, committed at once.
   */
  append(entry: JournalEntry): Promise<void> {
    return new Promise((done, failed) => {
      if (!writeShadow(entry)) this.unshadowed.add(entry);
      this.batch.push({ entry, madeAt: performance.now(), done, failed });
      // While a commit runs, changes gather for the next one (group commit): one transaction
      // per keystroke would queue behind each other when keys come faster than commits.
      if (this.batch.length === 1 && !this.committing) queueMicrotask(() => this.writeBatch());
    });
  }

  /** Local changes neither durable in IndexedDB nor shadowed in localStorage: lost if the page went now. */
  get unprotectedWrites(): number {
    return this.unshadowed.size;
  }

  /** Reads a document's snapshot and journalled changes (one read-only transaction). */
  async read(docName: string): Promise<JournalContent> {
    const tx = this.db.transaction(['entries', 'snapshots'], 'readonly');
    const [snapshot, entries] = await Promise.all([
      tx.objectStore('snapshots').get(docName),
      tx.objectStore('entries').index('byDoc').getAll(docName),
    ]);
    return {
      snapshot: snapshot?.state ?? null,
      serverStateVector: snapshot?.serverStateVector ?? null,
      entries: entries.map(withoutSeq),
    };
  }

  /** Names of documents with journalled changes. */
  async documentsWithEntries(): Promise<string[]> {
    const names: string[] = [];
    const tx = this.db.transaction('entries', 'readonly');
    let cursor = await tx.store.index('byDoc').openKeyCursor(null, 'nextunique');
    while (cursor) {
      names.push(cursor.key);
      cursor = await cursor.continue();
    }
    return names;
  }

  /**
   * A checkpoint: stores the document's current state and drops the journalled changes it
   * names (they are in PGlite, or confirmed and in the snapshot), in one transaction.
   */
  async checkpoint(
    docName: string,
    state: Uint8Array,
    dropChangeIds: ReadonlySet<string>,
    serverStateVector: Uint8Array | null,
  ): Promise<void> {
    const tx = this.db.transaction(['entries', 'snapshots'], 'readwrite');
    const work: Promise<unknown>[] = [
      tx.objectStore('snapshots').put({ docName, state, serverStateVector, savedAt: Date.now() }),
    ];
    if (dropChangeIds.size > 0) {
      let cursor = await tx.objectStore('entries').index('byDoc').openCursor(docName);
      while (cursor) {
        if (dropChangeIds.has(cursor.value.changeId)) work.push(cursor.delete());
        cursor = await cursor.continue();
      }
    }
    await Promise.all([...work, tx.done]);
  }

  /** Forgets a document (the server refused its changes). */
  async forget(docName: string): Promise<void> {
    const tx = this.db.transaction(['entries', 'snapshots'], 'readwrite');
    const work: Promise<unknown>[] = [tx.objectStore('snapshots').delete(docName)];
    let cursor = await tx.objectStore('entries').index('byDoc').openCursor(docName);
    while (cursor) {
      work.push(cursor.delete());
      cursor = await cursor.continue();
    }
    await Promise.all([...work, tx.done]);
  }

  /**
   * Tries again to shadow the changes whose shadow could not be written (the page is going
   * away and their IndexedDB commit may still be running). Returns false if some are still
   * unprotected: then leaving loses them.
   */
  shadowUnprotected(): boolean {
    for (const entry of [...this.unshadowed]) if (writeShadow(entry)) this.unshadowed.delete(entry);
    return this.unshadowed.size === 0;
  }

  private writeBatch(): void {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    this.committing = true;
    const next = () => {
      this.committing = false;
      if (this.batch.length > 0) this.writeBatch();
    };
    try {
      // Durability "strict" asks the browser to flush to disk before it reports completion:
      // the change survives the browser being killed and the machine losing power.
      const tx = this.db.transaction('entries', 'readwrite', { durability: 'strict' });
      for (const { entry } of batch) void tx.store.add({ ...entry });
      // Commit now rather than when the task ends: if the page unloads next, the commit request
      // has already gone to the browser.
      tx.commit();
      tx.done.then(
        () => {
          const now = performance.now();
          for (const waiting of batch) {
            this.settle(waiting.entry);
            removeShadow(waiting.entry);
            measureDurable(waiting.madeAt, now);
            waiting.done();
          }
          next();
        },
        (error: unknown) => {
          // The shadow stays: the next start moves it into the journal.
          for (const waiting of batch) {
            this.settle(waiting.entry);
            waiting.failed(error);
          }
          next();
        },
      );
    } catch (error) {
      for (const waiting of batch) {
        this.settle(waiting.entry);
        waiting.failed(error);
      }
      next();
    }
  }

  private settle(entry: JournalEntry): void {
    this.unshadowed.delete(entry);
  }

  /** Moves shadows a previous page left in localStorage into the journal (unless it has them). */
  private async restoreShadows(): Promise<void> {
    let keys: string[];
    try {
      keys = Object.keys(localStorage).filter((key) => key.startsWith(SHADOW_PREFIX));
    } catch {
      return;
    }
    if (keys.length === 0) return;
    const tx = this.db.transaction('entries', 'readwrite', { durability: 'strict' });
    const restored: string[] = [];
    for (const key of keys) {
      try {
        const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as StoredShadow | null;
        if (!stored) continue;
        const exists = await tx.store.index('byChange').getKey(stored.changeId);
        if (exists === undefined) await tx.store.add({ ...stored, update: fromBase64(stored.update) });
        restored.push(key);
      } catch (error) {
        console.error('a local change left in localStorage could not be restored', error);
      }
    }
    await tx.done;
    for (const key of restored) localStorage.removeItem(key);
  }
}

type StoredShadow = Omit<JournalEntry, 'update'> & { update: string };

/** Writes an entry's localStorage shadow; false if storage refused it. */
function writeShadow(entry: JournalEntry): boolean {
  try {
    const shadow: StoredShadow = { ...entry, update: toBase64(entry.update) };
    localStorage.setItem(`${SHADOW_PREFIX}${entry.changeId}`, JSON.stringify(shadow));
    return true;
  } catch {
    return false;
  }
}

function removeShadow(entry: JournalEntry): void {
  try {
    localStorage.removeItem(`${SHADOW_PREFIX}${entry.changeId}`);
  } catch {
    // Storage disabled: there was no shadow.
  }
}

function withoutSeq({ seq: _seq, ...entry }: StoredEntry): JournalEntry {
  return entry;
}

let measures = 0;
function measureDurable(start: number, end: number): void {
  if (typeof performance.measure !== 'function') return;
  if (++measures > MAX_MEASURES) {
    performance.clearMeasures(DURABLE_MEASURE);
    measures = 1;
  }
  performance.measure(DURABLE_MEASURE, { start, end });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let opening: Promise<LocalJournal | null> | null = null;
let opened: LocalJournal | null = null;

/** The journal of this page (opened once); null where the browser has no IndexedDB. */
export function localJournal(): Promise<LocalJournal | null> {
  if (!opening) {
    opening =
      typeof indexedDB === 'undefined'
        ? Promise.resolve(null)
        : LocalJournal.open().then(
            (journal) => {
              opened = journal;
              return journal;
            },
            (error: unknown) => {
              console.error('the local journal could not open', error);
              return null;
            },
          );
  }
  return opening;
}

/** The journal if it has opened (for the synchronous page-leave handlers). */
export function openedJournal(): LocalJournal | null {
  return opened;
}
