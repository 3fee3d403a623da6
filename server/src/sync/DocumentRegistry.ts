/**
 * The loaded documents. A document loads on its first open and unloads when its last
 * connection has gone and everything it received is stored, so memory returns to the
 * baseline when nobody is working.
 */
import type { Logger } from 'pino';
import type { DocumentStore, Fanout } from '../store/types';
import type { CloseCode } from './closeCodes';
import { SyncDocument, type SyncDocumentOptions } from './SyncDocument';

interface Entry {
  loading: Promise<SyncDocument>;
  /** Set once loaded, so unloading can check and remove it synchronously. */
  document: SyncDocument | null;
}

export class DocumentRegistry {
  private readonly documents = new Map<string, Entry>();

  constructor(
    private readonly store: DocumentStore,
    private readonly options: SyncDocumentOptions,
    private readonly log: Logger,
    private readonly fanout?: Fanout,
  ) {
    // Only loaded documents care: one that loads later reads the log anyway.
    fanout?.onUpdatesStored((docName, seq, updates) =>
      this.loaded(docName)?.updatesStoredElsewhere(seq, updates),
    );
    fanout?.onAwareness((docName, update) => this.loaded(docName)?.receiveRemoteAwareness(update));
    fanout?.onReconnected(() => {
      for (const entry of this.documents.values()) entry.document?.catchUp();
    });
  }

  private loaded(name: string): SyncDocument | undefined {
    const document = this.documents.get(name)?.document;
    return document && !document.isDestroyed ? document : undefined;
  }

  /** Number of documents in memory (loaded or loading). */
  get size(): number {
    return this.documents.size;
  }

  /** Opens a document, loading it if needed. Every open must be followed by one {@link release}. */
  async open(name: string): Promise<SyncDocument> {
    for (;;) {
      const entry = this.documents.get(name) ?? this.load(name);
      const document = await entry.loading;
      // It may have been unloaded while this open waited for it: then load it again.
      if (document.isDestroyed) continue;
      document.references++;
      return document;
    }
  }

  /** Gives back an open; the last one unloads the document once its work is stored. */
  async release(document: SyncDocument): Promise<void> {
    document.references--;
    if (document.references > 0) return;
    await document.idle();
    // A failed document was unloaded when it failed.
    if (document.references > 0 || !document.isAvailable) return;
    await document.compactIfUseful();
    // Someone may have opened it while it was compacting.
    if (document.references > 0) return;
    this.forget(document);
  }

  /**
   * Opens a document for the server's own use (a REST handler reading it or changing it with
   * {@link SyncDocument.change}) and releases it afterwards, so it unloads as usual.
   */
  async use<T>(name: string, work: (document: SyncDocument) => Promise<T> | T): Promise<T> {
    const document = await this.open(name);
    try {
      return await work(document);
    } finally {
      await this.release(document);
    }
  }

  /** Closes every connection of every document and waits until all they sent is stored. */
  async closeAll(code: CloseCode, reason: string): Promise<void> {
    const documents = await Promise.allSettled([...this.documents.values()].map((entry) => entry.loading));
    for (const result of documents) {
      if (result.status === 'fulfilled') result.value.closeAll(code, reason);
    }
    await Promise.all(
      documents.map((result) => (result.status === 'fulfilled' ? result.value.idle() : undefined)),
    );
  }

  private load(name: string): Entry {
    const entry: Entry = {
      loading: SyncDocument.load(
        name,
        this.store,
        this.options,
        this.log,
        (failed) => this.forget(failed),
        this.fanout,
      ),
      document: null,
    };
    this.documents.set(name, entry);
    entry.loading.then(
      (document) => {
        entry.document = document;
      },
      () => {
        if (this.documents.get(name) === entry) this.documents.delete(name);
      },
    );
    return entry;
  }

  /** Removes and frees a document, synchronously, so no open can pick it up half-gone. */
  private forget(document: SyncDocument): void {
    const entry = this.documents.get(document.name);
    if (entry?.document === document) this.documents.delete(document.name);
    document.destroy();
  }
}
