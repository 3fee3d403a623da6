/**
 * A {@link DocumentStore} in the process's memory: the same contract as the SQL stores
 * (documentStore.contract.ts), nothing survives the process. It lets the sync core's unit tests
 * run in milliseconds, without a database, and is never used by a running server.
 */
import type { DocumentStore, LogEntry, NewUpdate, StoredDocument } from '../types';

interface MemoryDocument {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** Every update ever appended, oldest first; `log[i].seq === i + 1`. */
  log: LogEntry[];
}

/**
 * Copies bytes in and out, as a database does: a caller that reuses its buffer must not change
 * what is stored.
 */
const copy = (data: Uint8Array): Uint8Array => new Uint8Array(data);

export class MemoryDocumentStore implements DocumentStore {
  private readonly documents = new Map<string, MemoryDocument>();
  /** Set by {@link failNextAppends}: how many appends to refuse, as a broken disk would. */
  private failingAppends = 0;

  async load(docName: string): Promise<StoredDocument> {
    const document = this.documents.get(docName);
    if (!document) return { snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 };
    return {
      snapshot: document.snapshot && copy(document.snapshot),
      snapshotSeq: document.snapshotSeq,
      updates: document.log.slice(document.snapshotSeq).map((entry) => copy(entry.data)),
      lastSeq: document.log.length,
    };
  }

  async appendUpdates(docName: string, updates: readonly NewUpdate[]): Promise<number> {
    if (updates.length === 0) throw new Error('appendUpdates needs at least one update');
    for (const update of updates) {
      // The SQL stores refuse these by their column types; all or nothing, as a transaction.
      if (!(update.data instanceof Uint8Array)) throw new TypeError('an update must be bytes');
      if (typeof update.userId !== 'string' || update.userId === '')
        throw new TypeError('an update needs the id of who made it');
    }
    if (this.failingAppends > 0) {
      this.failingAppends--;
      throw new Error('the memory store was told to fail this append');
    }
    let document = this.documents.get(docName);
    if (!document) {
      document = { snapshot: null, snapshotSeq: 0, log: [] };
      this.documents.set(docName, document);
    }
    const at = new Date();
    for (const update of updates) {
      document.log.push({ seq: document.log.length + 1, data: copy(update.data), userId: update.userId, at });
    }
    return document.log.length;
  }

  async replaceSnapshot(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const document = this.documents.get(docName);
    // As in SQL: never backwards, never beyond the log.
    if (!document || uptoSeq <= document.snapshotSeq || uptoSeq > document.log.length) return;
    document.snapshot = copy(snapshot);
    document.snapshotSeq = uptoSeq;
  }

  async loadUpdatesAfter(docName: string, afterSeq: number): Promise<{ seq: number; data: Uint8Array }[]> {
    return (this.documents.get(docName)?.log ?? [])
      .slice(Math.max(0, afterSeq))
      .map(({ seq, data }) => ({ seq, data: copy(data) }));
  }

  async pendingUpdateCount(docName: string): Promise<number> {
    const document = this.documents.get(docName);
    return document ? document.log.length - document.snapshotSeq : 0;
  }

  async listDocuments(): Promise<string[]> {
    return [...this.documents.keys()].sort();
  }

  async loadLog(docName: string): Promise<LogEntry[]> {
    return this.loadLogPage(docName, 0, Number.POSITIVE_INFINITY);
  }

  async loadLogPage(docName: string, afterSeq: number, limit: number): Promise<LogEntry[]> {
    const start = Math.max(0, afterSeq);
    return (this.documents.get(docName)?.log ?? [])
      .slice(start, start + limit)
      .map((entry) => ({ ...entry, data: copy(entry.data) }));
  }

  /**
   * Makes the next `count` appends reject without storing anything: how the sync core's tests
   * see what a document does when its store fails.
   */
  failNextAppends(count = 1): void {
    this.failingAppends = count;
  }
}
