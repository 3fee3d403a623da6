/**
 * Field history without letting history stall the server. Rebuilding a field's history
 * replays a document's whole update log, which for a large document takes seconds of CPU, so:
 * - replays run at most `maxReplays` at a time server-wide, at most `maxQueued` more wait, and
 *   beyond that a request is refused with {@link HistoryBusy} (answered 429 with Retry-After);
 * - a replay reads the log a page at a time and yields to the event loop every few
 *   milliseconds, so health checks, sign-ins and sync keep being answered meanwhile;
 * - the result (entries plus the replayed state) is cached per document and field in a
 *   size-bounded LRU; a later request only replays the rows stored since, and concurrent
 *   requests for the same field share one replay.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import * as Y from 'yjs';
import type { DocumentStore } from '../store/types';
import { type FieldPath, FieldReplay, type HistoryEntry } from './fieldHistory';

/** Bounds of history replays (from the configuration). */
export interface HistoryLimits {
  /** Replays that may run at once, server-wide. */
  maxReplays: number;
  /** Replays that may wait for a free slot; more are refused. */
  maxQueued: number;
  /** Bytes of cached replay results kept in memory. */
  cacheBytes: number;
}

/** Seconds a refused client is told to wait: replays of typical documents finish well within. */
export const HISTORY_RETRY_AFTER_SECONDS = 2;
/** Log rows read per query during a replay. */
const PAGE_ROWS = 200;
/** The longest stretch a replay computes without letting other work run. */
const SLICE_MS = 20;

/** Every replay slot and queue place is taken; the client should retry later. */
export class HistoryBusy extends Error {
  readonly retryAfterSeconds = HISTORY_RETRY_AFTER_SECONDS;
  constructor() {
    super('the server is busy rebuilding history; try again in a moment');
  }
}

interface CachedHistory {
  lastSeq: number;
  /** Oldest first; never mutated once cached. */
  entries: readonly HistoryEntry[];
  /** The replayed document right after `lastSeq`, to continue from. */
  state: Uint8Array;
  bytes: number;
}

/** A field's full history, oldest first, as of update `lastSeq`. */
export interface FieldHistoryResult {
  lastSeq: number;
  entries: readonly HistoryEntry[];
}

function entryBytes(entry: HistoryEntry): number {
  const value = typeof entry.value === 'string' ? entry.value.length : 16;
  // UTF-16 strings plus the object and its small fields.
  return 2 * (value + (entry.html?.length ?? 0) + entry.userId.length) + 96;
}

/** Builds field histories from the store's update log under the limits above. */
export class HistoryService {
  private readonly slots: ReturnType<typeof pLimit>;
  private readonly cache: LRUCache<string, CachedHistory>;
  /** Replays under way, by cache key: a second request for the same field waits for the first. */
  private readonly running = new Map<string, Promise<FieldHistoryResult>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly limits: HistoryLimits,
  ) {
    this.slots = pLimit(limits.maxReplays);
    this.cache = new LRUCache({
      maxSize: limits.cacheBytes,
      sizeCalculation: (value) => Math.max(1, value.bytes),
    });
  }

  /**
   * The history of `field` in `docName` up to the newest stored update, oldest first.
   * Throws {@link HistoryBusy} when the replay would have to wait beyond the queue.
   */
  async history(docName: string, fieldName: string, field: FieldPath): Promise<FieldHistoryResult> {
    const key = `${docName}\n${fieldName}`;
    const shared = this.running.get(key);
    if (shared) return shared;
    const cached = this.cache.get(key);
    if (cached) {
      // One indexed query tells whether anything was stored since the cached replay.
      const newer = await this.store.loadLogPage(docName, cached.lastSeq, 1);
      if (newer.length === 0) return cached;
    }
    const again = this.running.get(key);
    if (again) return again;
    const run = this.withSlot(() => this.replay(key, docName, field)).finally(() => {
      this.running.delete(key);
    });
    this.running.set(key, run);
    return run;
  }

  /**
   * A replay of `docName` up to and including update `seq` (the caller destroys it), or null
   * if no update `seq` is stored. Throws {@link HistoryBusy} like {@link history}.
   */
  stateAt(docName: string, field: FieldPath, seq: number): Promise<FieldReplay | null> {
    return this.withSlot(async () => {
      const replay = new FieldReplay(field);
      try {
        const found = await this.replayRows(replay, docName, seq);
        if (found !== seq) {
          replay.destroy();
          return null;
        }
        return replay;
      } catch (error) {
        replay.destroy();
        throw error;
      }
    });
  }

  private withSlot<T>(task: () => Promise<T>): Promise<T> {
    if (this.slots.activeCount + this.slots.pendingCount >= this.limits.maxReplays + this.limits.maxQueued) {
      return Promise.reject(new HistoryBusy());
    }
    return this.slots(task);
  }

  private async replay(key: string, docName: string, field: FieldPath): Promise<FieldHistoryResult> {
    // Looked up again: the cache may have been filled while this request waited for a slot.
    const cached = this.cache.get(key);
    const replay = new FieldReplay(field, cached);
    try {
      await this.replayRows(replay, docName, Number.POSITIVE_INFINITY);
      const state = Y.encodeStateAsUpdate(replay.doc);
      const entries = replay.entries;
      const bytes = state.byteLength + entries.reduce((sum, entry) => sum + entryBytes(entry), 0);
      const result: CachedHistory = { lastSeq: replay.lastSeq, entries, state, bytes };
      // Larger than the whole cache: answered, but not kept.
      if (bytes <= this.limits.cacheBytes) this.cache.set(key, result);
      return result;
    } finally {
      replay.destroy();
    }
  }

  /** Applies the rows after `replay.lastSeq` up to `untilSeq`; returns the last seq applied. */
  private async replayRows(replay: FieldReplay, docName: string, untilSeq: number): Promise<number> {
    let sliceStart = performance.now();
    for (;;) {
      const page = await this.store.loadLogPage(docName, replay.lastSeq, PAGE_ROWS);
      for (const entry of page) {
        if (entry.seq > untilSeq) return replay.lastSeq;
        replay.apply(entry);
        if (performance.now() - sliceStart > SLICE_MS) {
          await nextTurn();
          sliceStart = performance.now();
        }
      }
      if (page.length < PAGE_ROWS) return replay.lastSeq;
    }
  }
}
