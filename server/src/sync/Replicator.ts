/**
 * Keeps one loaded document up to date with what other server processes store in its log.
 *
 * With several processes on one database, `position.lastSeq` is the newest log entry this
 * process has applied with every entry before it. Entries other processes stored arrive with
 * their notification (applied straight away when they follow on), or are read from the log:
 * when a notification skips entries or carries none, when this process's own append skipped
 * over some, and after the notification channel was lost. This process's own entries are
 * never applied twice.
 */
import type { Logger } from 'pino';
import type { DocumentStore } from '../store/types';
import type { LogPosition } from './CommitPipeline';

export interface ReplicatorDeps {
  name: string;
  store: DocumentStore;
  position: LogPosition;
  log: Logger;
  /** Applies one update another process stored and sends what it changed to this process's clients. */
  applyStored(update: Uint8Array, seq?: number): void;
}

/** A range of log entries this process appended itself, already applied. */
export interface OwnEntries {
  from: number;
  to: number;
}

export class Replicator {
  constructor(private readonly deps: ReplicatorDeps) {}

  /** Whether a notification up to `seq` holds anything this process lacks. */
  isBehind(seq: number): boolean {
    return seq > this.deps.position.lastSeq;
  }

  /**
   * Updates another process stored up to `lastSeq`, as its notification carried them: applied
   * when they follow on from what this process has, otherwise read from the log.
   */
  async receive(lastSeq: number, updates: readonly Uint8Array[]): Promise<void> {
    const { position } = this.deps;
    if (lastSeq <= position.lastSeq) return;
    if (lastSeq - updates.length !== position.lastSeq) {
      await this.catchUp();
      return;
    }
    for (const update of updates) this.deps.applyStored(update);
    position.lastSeq = lastSeq;
  }

  /**
   * Applies the log entries after `position.lastSeq` (skipping `own`, which this process
   * appended and applied already). A failed read is not fatal: the next notification or
   * reconnect reads from the same place again. Resolves whether the read succeeded.
   */
  async catchUp(own?: OwnEntries): Promise<boolean> {
    const { name, store, position, log } = this.deps;
    let entries: { seq: number; data: Uint8Array }[];
    try {
      entries = await store.loadUpdatesAfter(name, position.lastSeq);
    } catch (error) {
      log.warn({ err: error, docName: name }, 'could not read updates of other processes');
      return false;
    }
    for (const { seq, data } of entries) {
      if (own && seq >= own.from && seq <= own.to) continue;
      this.deps.applyStored(data, seq);
    }
    const newest = entries.at(-1);
    if (newest) position.lastSeq = Math.max(position.lastSeq, newest.seq);
    return true;
  }

  /**
   * This process appended entries `from`..`to`: when other processes stored entries between
   * ours and what this process had, they are read now, so `lastSeq` never skips one. If
   * that read fails, `lastSeq` stays before the gap: the next catch-up reads the gap again,
   * and our own entries with it, which apply as no change.
   */
  async appended(from: number, to: number): Promise<void> {
    const { position } = this.deps;
    if (from > position.lastSeq + 1 && !(await this.catchUp({ from, to }))) return;
    position.lastSeq = Math.max(position.lastSeq, to);
  }
}
