import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { MemoryDocumentStore } from '../store/memory/memoryDocumentStore';
import type { Fanout, StoredDocument } from '../store/types';
import { CloseCode } from './closeCodes';
import { DocumentRegistry } from './DocumentRegistry';
import {
  DOC_NAME,
  documentOptions,
  GatedStore,
  settle,
  silentLog,
  TestClient,
  userA,
} from './testing/syncHarness';

const setKey = (key: string, value: unknown) => (doc: Y.Doc) => doc.getMap('m').set(key, value);

/** The part of a fan-out the registry listens to, driven by the test. */
class FakeFanout {
  stored: ((docName: string, lastSeq: number, updates?: Uint8Array[]) => void)[] = [];
  reconnected: (() => void)[] = [];
  asFanout(): Fanout {
    return {
      onUpdatesStored: (listener) => {
        this.stored.push(listener);
        return () => {};
      },
      publishAwareness: () => {},
      onAwareness: () => () => {},
      onReconnected: (listener) => {
        this.reconnected.push(listener);
        return () => {};
      },
      publishSessionsEnded: () => {},
      onSessionsEnded: () => () => {},
      flush: async () => {},
    };
  }
}

const registryOn = (store: MemoryDocumentStore, fanout?: Fanout, compactAfterUpdates = 1000) =>
  new DocumentRegistry(store, documentOptions({ compactAfterUpdates }), silentLog, fanout);

describe('DocumentRegistry', () => {
  it('loads a document once for concurrent opens and unloads it at the last release', async () => {
    const registry = registryOn(new MemoryDocumentStore());
    const [first, second] = await Promise.all([registry.open(DOC_NAME), registry.open(DOC_NAME)]);
    expect(second).toBe(first);
    expect(first.references).toBe(2);
    expect(registry.size).toBe(1);
    await registry.release(first);
    expect(registry.size).toBe(1);
    expect(first.isDestroyed).toBe(false);
    await registry.release(second);
    expect(registry.size).toBe(0);
    expect(first.isDestroyed).toBe(true);
  });

  it('loads a fresh document after an unload, with what was stored', async () => {
    const registry = registryOn(new MemoryDocumentStore());
    await registry.use(DOC_NAME, (document) => document.change('u-chef', setKey('k', 1)));
    expect(registry.size).toBe(0);
    const reloaded = await registry.open(DOC_NAME);
    expect(reloaded.isDestroyed).toBe(false);
    expect(reloaded.doc.getMap('m').get('k')).toBe(1);
    await registry.release(reloaded);
  });

  it('opens a new document when the one it waited for was unloaded meanwhile', async () => {
    class SlowLoads extends MemoryDocumentStore {
      gate: Promise<void> | null = null;
      override async load(docName: string): Promise<StoredDocument> {
        await this.gate;
        return super.load(docName);
      }
    }
    const store = new SlowLoads();
    const registry = registryOn(store);
    const document = await registry.open(DOC_NAME);
    let openGate = () => {};
    store.gate = new Promise((resolve) => (openGate = resolve));
    const releasing = registry.release(document);
    const reopened = registry.open(DOC_NAME);
    await releasing;
    openGate();
    const next = await reopened;
    expect(next.isDestroyed).toBe(false);
    expect(registry.size).toBe(1);
    await registry.release(next);
  });

  it('unloads only once everything received is stored', async () => {
    const store = new GatedStore();
    const registry = registryOn(store);
    const document = await registry.open(DOC_NAME);
    const client = new TestClient(userA);
    document.attach(client.connection);
    store.hold();
    document.receiveUpdate(client.connection, client.edit(setKey('k', 1)));
    document.detach(client.connection);
    let released = false;
    const release = registry.release(document).then(() => {
      released = true;
    });
    await settle();
    expect(released).toBe(false);
    expect(document.isDestroyed).toBe(false);
    store.release();
    await release;
    expect(document.isDestroyed).toBe(true);
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(1);
  });

  it('compacts a grown log as the document unloads', async () => {
    const store = new MemoryDocumentStore();
    const registry = registryOn(store, undefined, 20);
    await registry.use(DOC_NAME, async (document) => {
      for (let i = 0; i < 2; i++) await document.change('u-chef', setKey('k', i));
    });
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(0);
  });

  it('forgets a document whose store failed, and loads it again on the next open', async () => {
    const store = new MemoryDocumentStore();
    const registry = registryOn(store);
    const document = await registry.open(DOC_NAME);
    store.failNextAppends(1);
    await expect(document.change('u-chef', setKey('k', 1))).rejects.toThrow();
    expect(registry.size).toBe(0);
    expect(document.isDestroyed).toBe(true);
    const again = await registry.open(DOC_NAME);
    expect(again).not.toBe(document);
    await again.change('u-chef', setKey('k', 2));
    await registry.release(again);
    // Releasing the failed one changes nothing.
    await registry.release(document);
    expect(registry.size).toBe(0);
  });

  it('forgets a load that failed, so the next open tries again', async () => {
    class FailingLoad extends MemoryDocumentStore {
      fail = true;
      override async load(docName: string): Promise<StoredDocument> {
        if (this.fail) throw new Error('load failed');
        return super.load(docName);
      }
    }
    const store = new FailingLoad();
    const registry = registryOn(store);
    await expect(registry.open(DOC_NAME)).rejects.toThrow('load failed');
    await settle();
    expect(registry.size).toBe(0);
    store.fail = false;
    await registry.release(await registry.open(DOC_NAME));
  });

  it('hands updates other processes stored to loaded documents only, and catches up after a lost channel', async () => {
    const store = new MemoryDocumentStore();
    const fanout = new FakeFanout();
    const registry = registryOn(store, fanout.asFanout());
    const document = await registry.open(DOC_NAME);
    const client = new TestClient(userA);
    document.attach(client.connection);
    const other = new TestClient(userA);
    const [u1, u2] = [other.edit(setKey('a', 1)), other.edit(setKey('b', 2))];
    await store.appendUpdates(DOC_NAME, [{ data: u1, userId: 'u-elsewhere' }]);
    for (const listener of fanout.stored) listener(DOC_NAME, 1, [u1]);
    // A document not loaded here is not loaded for a notification.
    for (const listener of fanout.stored) listener('report:2015-04:hr', 1);
    expect(registry.size).toBe(1);
    await document.idle();
    await store.appendUpdates(DOC_NAME, [{ data: u2, userId: 'u-elsewhere' }]);
    for (const listener of fanout.reconnected) listener();
    await document.idle();
    expect(client.updatesReceived()).toEqual([u1, u2]);
    await registry.release(document);
  });

  it('closes every connection at shutdown once what they sent is stored', async () => {
    const store = new GatedStore();
    const registry = registryOn(store);
    const document = await registry.open(DOC_NAME);
    const client = new TestClient(userA);
    document.attach(client.connection);
    store.hold();
    document.receiveUpdate(client.connection, client.edit(setKey('k', 1)));
    const closing = registry.closeAll(CloseCode.goingAway, 'server shutting down');
    await settle();
    expect(client.socket.closed?.code).toBe(CloseCode.goingAway);
    store.release();
    await closing;
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(1);
  });
});
