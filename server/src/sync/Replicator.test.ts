import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryDocumentStore } from '../store/memory/memoryDocumentStore';
import type { LogPosition } from './CommitPipeline';
import { Replicator } from './Replicator';
import { DOC_NAME, silentLog } from './testing/syncHarness';

/** Distinct updates, each setting one key. */
const updates = (count: number): Uint8Array[] =>
  Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    doc.getMap('m').set(`k${i}`, i);
    return Y.encodeStateAsUpdate(doc);
  });

function setup(store: MemoryDocumentStore = new MemoryDocumentStore(), lastSeq = 0) {
  const position: LogPosition = { lastSeq, snapshotSeq: 0, storedBytes: 0 };
  const applied: { update: Uint8Array; seq?: number }[] = [];
  const replicator = new Replicator({
    name: DOC_NAME,
    store,
    position,
    log: silentLog,
    applyStored: (update, seq) => applied.push({ update, seq }),
  });
  return { position, applied, replicator, store };
}

/** Appends as another process would: straight to the store. */
const storeElsewhere = (store: MemoryDocumentStore, data: Uint8Array[]) =>
  store.appendUpdates(
    DOC_NAME,
    data.map((update) => ({ data: update, userId: 'u-elsewhere' })),
  );

describe('Replicator', () => {
  it('applies a notification that follows on, in order, without reading the log', async () => {
    const store = new MemoryDocumentStore();
    const { position, applied, replicator } = setup(store);
    const [u1, u2] = updates(2) as [Uint8Array, Uint8Array];
    expect(replicator.isBehind(2)).toBe(true);
    // Not in the store: applied from the notification alone.
    await replicator.receive(2, [u1, u2]);
    expect(applied.map(({ update }) => update)).toEqual([u1, u2]);
    expect(position.lastSeq).toBe(2);
    expect(replicator.isBehind(2)).toBe(false);
    await replicator.receive(2, [u1, u2]);
    expect(applied).toHaveLength(2);
  });

  it('reads the log when a notification skips entries', async () => {
    const store = new MemoryDocumentStore();
    const data = updates(3);
    await storeElsewhere(store, data);
    const { position, applied, replicator } = setup(store);
    // Only the last entry came with the notification: entries 1 and 2 were missed.
    await replicator.receive(3, data.slice(2));
    expect(applied.map(({ seq }) => seq)).toEqual([1, 2, 3]);
    expect(position.lastSeq).toBe(3);
  });

  it('catches up on everything after lastSeq', async () => {
    const store = new MemoryDocumentStore();
    await storeElsewhere(store, updates(4));
    const { position, applied, replicator } = setup(store, 2);
    expect(await replicator.catchUp()).toBe(true);
    expect(applied.map(({ seq }) => seq)).toEqual([3, 4]);
    expect(position.lastSeq).toBe(4);
  });

  it('after its own append skipped entries, reads them and skips its own', async () => {
    const store = new MemoryDocumentStore();
    await storeElsewhere(store, updates(5));
    const { position, applied, replicator } = setup(store, 1);
    // This process appended 4..5; 2..3 are another process's.
    await replicator.appended(4, 5);
    expect(applied.map(({ seq }) => seq)).toEqual([2, 3]);
    expect(position.lastSeq).toBe(5);
    // No gap: nothing read.
    await replicator.appended(6, 6);
    expect(applied).toHaveLength(2);
    expect(position.lastSeq).toBe(6);
  });

  it('keeps lastSeq before a gap it could not read, so the next catch-up reads it', async () => {
    class FailingReads extends MemoryDocumentStore {
      failReads = true;
      override async loadUpdatesAfter(docName: string, afterSeq: number) {
        if (this.failReads) throw new Error('read failed');
        return super.loadUpdatesAfter(docName, afterSeq);
      }
    }
    const store = new FailingReads();
    await storeElsewhere(store, updates(3));
    const { position, applied, replicator } = setup(store, 1);
    await replicator.appended(3, 3);
    expect(position.lastSeq).toBe(1);
    expect(await replicator.catchUp()).toBe(false);
    store.failReads = false;
    expect(await replicator.catchUp()).toBe(true);
    // Our own entry is read back too; applying it again changes nothing.
    expect(applied.map(({ seq }) => seq)).toEqual([2, 3]);
    expect(position.lastSeq).toBe(3);
  });
});
