import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemoryDocumentStore } from '../store/memory/memoryDocumentStore';
import { CommitPipeline, type LogPosition } from './CommitPipeline';
import type { Connection } from './Connection';
import {
  DOC_NAME,
  GatedStore,
  RecordingObserver,
  settle,
  silentLog,
  TestClient,
  userA,
  userB,
} from './testing/syncHarness';

function setup(store: MemoryDocumentStore = new GatedStore()) {
  const doc = new Y.Doc();
  const position: LogPosition = { lastSeq: 0, snapshotSeq: 0, storedBytes: 0 };
  const connections = new Set<Connection>();
  const appended: [number, number][] = [];
  const observer = new RecordingObserver();
  const pipeline = new CommitPipeline({
    name: DOC_NAME,
    doc,
    store,
    position,
    connections,
    follower: {
      appended: async (from, to) => {
        appended.push([from, to]);
        position.lastSeq = to;
      },
    },
    observer,
    log: silentLog,
  });
  const [a, b] = [new TestClient(userA), new TestClient(userB)];
  connections.add(a.connection).add(b.connection);
  return { doc, position, pipeline, appended, observer, a, b, store };
}

describe('CommitPipeline', () => {
  it('sends nothing before the append resolves, then to everyone but the sender', async () => {
    const store = new GatedStore();
    const { doc, pipeline, a, b, appended } = setup(store);
    store.hold();
    expect(
      pipeline.stageUpdate(
        a.connection,
        a.edit((d) => d.getMap('m').set('k', 1)),
      ),
    ).toBe(1);
    // Applied (a queued reply would see it), but neither stored nor sent.
    expect(doc.getMap('m').get('k')).toBe(1);
    const commit = pipeline.commit();
    await settle();
    expect(store.waiting).toBe(1);
    expect(b.socket.sent).toHaveLength(0);
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(0);
    store.release();
    await commit;
    expect(b.updatesReceived()).toHaveLength(1);
    expect(a.socket.sent).toHaveLength(0);
    expect(appended).toEqual([[1, 1]]);
    expect((await store.loadLog(DOC_NAME)).map((entry) => entry.userId)).toEqual([userA.id]);
  });

  it('commits everything staged in one append, each update under its author', async () => {
    const store = new GatedStore();
    const { pipeline, a, b, observer } = setup(store);
    pipeline.stageUpdate(
      a.connection,
      a.edit((d) => d.getMap('m').set('a', 1)),
    );
    pipeline.stageUpdate(
      b.connection,
      b.edit((d) => d.getMap('m').set('b', 1)),
    );
    expect(pipeline.stageChange('u-server', (d) => d.getMap('m').set('s', 1))).toBeNull();
    await pipeline.commit();
    expect(store.appends.map((batch) => batch.map((update) => update.userId))).toEqual([
      [userA.id, userB.id, 'u-server'],
    ]);
    expect(observer.stored).toBe(3);
    // A gets B's and the server's; B gets A's and the server's.
    expect(a.updatesReceived()).toHaveLength(2);
    expect(b.updatesReceived()).toHaveLength(2);
    expect(pipeline.hasStaged).toBe(false);
  });

  it('stages nothing for an update the document holds, and appends nothing then', async () => {
    const store = new GatedStore();
    const { pipeline, a, b } = setup(store);
    const update = a.edit((d) => d.getMap('m').set('k', 1));
    pipeline.stageUpdate(a.connection, update);
    await pipeline.commit();
    expect(pipeline.stageUpdate(b.connection, update)).toBe(0);
    await pipeline.commit();
    expect(store.appends).toHaveLength(1);
  });

  it('keeps what a throwing server change wrote, and returns its error', async () => {
    const { doc, pipeline, store } = setup();
    const failure = pipeline.stageChange('u-server', (d) => {
      d.getMap('m').set('k', 1);
      throw new Error('invalid');
    });
    expect(failure).toEqual({ error: new Error('invalid') });
    await pipeline.commit();
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(1);
    expect(doc.getMap('m').get('k')).toBe(1);
  });

  it('throws when an update does not apply', () => {
    const { pipeline, a } = setup();
    expect(() => pipeline.stageUpdate(a.connection, new Uint8Array([255, 255, 255, 255]))).toThrow();
  });

  it('counts a failed append, rejects and sends nothing', async () => {
    const store = new GatedStore();
    const { pipeline, a, b, observer, appended } = setup(store);
    store.failNextAppends(1);
    pipeline.stageUpdate(
      a.connection,
      a.edit((d) => d.getMap('m').set('k', 1)),
    );
    await expect(pipeline.commit()).rejects.toThrow('told to fail');
    expect(observer.count('store-failure')).toBe(1);
    expect(b.socket.sent).toHaveLength(0);
    expect(appended).toEqual([]);
    expect(pipeline.hasStaged).toBe(false);
  });

  it('sends an update stored elsewhere to every connection and counts its bytes', () => {
    const { doc, position, pipeline, a, b } = setup();
    const other = new TestClient(userB);
    const update = other.edit((d) => d.getMap('m').set('k', 1));
    pipeline.applyStored(update, 1);
    expect(doc.getMap('m').get('k')).toBe(1);
    expect(a.updatesReceived()).toHaveLength(1);
    expect(b.updatesReceived()).toHaveLength(1);
    expect(position.storedBytes).toBeGreaterThan(0);
    // Applied again (own entries read back after a failed gap read): no change, nothing sent.
    pipeline.applyStored(update, 1);
    expect(a.updatesReceived()).toHaveLength(1);
    // One that does not apply is skipped, not thrown.
    expect(() => pipeline.applyStored(new Uint8Array([255, 255, 255, 255]), 2)).not.toThrow();
  });

  it('compacts into a snapshot up to lastSeq, and only when there is something after it', async () => {
    const { doc, position, pipeline, a, store } = setup();
    for (let i = 0; i < 3; i++)
      pipeline.stageUpdate(
        a.connection,
        a.edit((d) => d.getMap('m').set('k', i)),
      );
    await pipeline.commit();
    expect(pipeline.pendingAtLeast(3)).toBe(true);
    await pipeline.compact();
    expect(position.snapshotSeq).toBe(3);
    expect(position.storedBytes).toBe(Y.encodeStateAsUpdate(doc).byteLength);
    expect(pipeline.pendingAtLeast(1)).toBe(false);
    const stored = await store.load(DOC_NAME);
    expect(stored.snapshotSeq).toBe(3);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.snapshot as Uint8Array);
    expect(reloaded.getMap('m').get('k')).toBe(2);
  });
});
