/**
 * Group commit across documents. Each document's updates are already committed in batches by
 * its SyncDocument, but with many documents each writing a little (100 reports, one writer
 * each), almost every batch holds one update and every update paid for its own transaction:
 * with PGlite, a single WebAssembly thread in the server process, that was most of the
 * server's CPU (see bench/README.md). Here, appends that arrive while a commit is in flight
 * wait and are then written together in one transaction, so the cost per update falls as the
 * load rises. An append that arrives when nothing is in flight is written at once.
 */

/** One document's updates to append, and where its last sequence number goes. */
export interface Append<U> {
  docName: string;
  updates: readonly U[];
}

/** Writes appends of distinct documents in one transaction; returns each document's last seq. */
export type WriteAppends<U> = (appends: readonly Append<U>[]) => Promise<Map<string, number>>;

interface Waiting<U> extends Append<U> {
  resolve(lastSeq: number): void;
  reject(error: unknown): void;
}

export class GroupCommit<U> {
  private readonly queue: Waiting<U>[] = [];
  private inFlight = false;

  /**
   * @param write writes one group in one transaction
   * @param maxUpdatesPerGroup caps a group's statement size (parameters are limited to 65,535)
   */
  constructor(
    private readonly write: WriteAppends<U>,
    private readonly maxUpdatesPerGroup = 500,
  ) {}

  /** Resolves with the document's last sequence number once its updates are committed. */
  append(docName: string, updates: readonly U[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ docName, updates, resolve, reject });
      if (!this.inFlight) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.queue.length > 0) {
        const group = this.takeGroup();
        try {
          this.settle(group, await this.write(group));
        } catch (error) {
          if (group.length === 1) {
            group[0]?.reject(error);
            continue;
          }
          // One document's bad append (or a deadlock with another process) must not fail
          // the others: each is tried again on its own, and only its own error is reported.
          for (const append of group) {
            try {
              this.settle([append], await this.write([append]));
            } catch (alone) {
              append.reject(alone);
            }
          }
        }
      }
    } finally {
      this.inFlight = false;
    }
  }

  /**
   * Takes queued appends in order, one per document (a document's second append waits for
   * the next group, so its sequence numbers stay in the order they were asked for), sorted
   * by name so that concurrent processes lock document rows in the same order.
   */
  private takeGroup(): Waiting<U>[] {
    const group: Waiting<U>[] = [];
    const names = new Set<string>();
    let updates = 0;
    for (let index = 0; index < this.queue.length; ) {
      const append = this.queue[index] as Waiting<U>;
      const fits = group.length === 0 || updates + append.updates.length <= this.maxUpdatesPerGroup;
      if (!fits) break;
      if (names.has(append.docName)) {
        index++;
        continue;
      }
      names.add(append.docName);
      updates += append.updates.length;
      group.push(append);
      this.queue.splice(index, 1);
    }
    return group.sort((a, b) => (a.docName < b.docName ? -1 : a.docName > b.docName ? 1 : 0));
  }

  private settle(group: readonly Waiting<U>[], lastSeqs: Map<string, number>): void {
    for (const append of group) {
      const lastSeq = lastSeqs.get(append.docName);
      if (lastSeq === undefined) append.reject(new Error(`no sequence number for ${append.docName}`));
      else append.resolve(lastSeq);
    }
  }
}
