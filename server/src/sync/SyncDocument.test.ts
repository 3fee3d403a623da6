/**
 * A document's guarantees, in memory: real Y.Docs as clients on recording sockets, the memory
 * store (held open or failing where a test needs it), and a manual clock.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryDocumentStore } from '../store/memory/memoryDocumentStore';
import { CloseCode } from './closeCodes';
import type { SyncDocument } from './SyncDocument';
import {
  DOC_NAME,
  DurableLaterStore,
  GatedStore,
  loadDocument,
  ManualTimer,
  permissivePolicy,
  RecordingObserver,
  refusingPolicy,
  settle,
  TestClient,
  userA,
  userB,
} from './testing/syncHarness';
import { domainWritePolicy } from './WritePolicy';
import { REFUSAL } from './writeGuard';

const setKey = (key: string, value: unknown) => (doc: Y.Doc) => doc.getMap('m').set(key, value);

/** Attaches clients and drops their handshakes. */
async function attach(document: SyncDocument, ...clients: TestClient[]): Promise<void> {
  for (const client of clients) document.attach(client.connection);
  await document.idle();
  for (const client of clients) client.applyReceived();
}

const types = (client: TestClient) => client.socket.messages().map((message) => message.type);

/** Stores updates as another process would: straight to the store. */
const storeElsewhere = (store: MemoryDocumentStore, ...updates: Uint8Array[]) =>
  store.appendUpdates(
    DOC_NAME,
    updates.map((data) => ({ data, userId: 'u-elsewhere' })),
  );

describe('SyncDocument', () => {
  it('sends an update to nobody before it is stored, and a sync step 1 reply waits for it', async () => {
    const store = new GatedStore();
    const document = await loadDocument(store);
    const [a, b, late] = [new TestClient(userA), new TestClient(userB), new TestClient(userB)];
    await attach(document, a, b);
    store.hold();
    document.receiveUpdate(a.connection, a.edit(setKey('k', 1)));
    await settle();
    expect(store.waiting).toBe(1);
    expect(document.state.kind).toBe('working');
    document.answerSyncStep1(b.connection, Y.encodeStateVector(b.doc));
    document.attach(late.connection);
    await settle();
    expect(b.socket.sent).toHaveLength(0);
    expect(late.socket.sent).toHaveLength(0);
    expect(a.socket.sent).toHaveLength(0);
    store.release();
    await document.idle();
    expect(document.state.kind).toBe('idle');
    expect(types(b)).toEqual(['update', 'sync-step-2']);
    b.applyReceived();
    expect(b.doc.getMap('m').get('k')).toBe(1);
    // The sender is acknowledged (its state vector), never sent its own update.
    expect(types(a)).toEqual(['sync-step-1']);
    // Attached while the update was being stored: it gets it once stored, then its handshake.
    expect(types(late)).toEqual(['update', 'sync-step-1']);
  });

  it('commits consecutive client updates in one append, at most maxBatchSize', async () => {
    const store = new GatedStore();
    const document = await loadDocument(store, { maxBatchSize: 3 });
    const [a, b] = [new TestClient(userA), new TestClient(userB)];
    await attach(document, a, b);
    store.hold();
    document.receiveUpdate(a.connection, a.edit(setKey('first', 0)));
    await settle();
    for (let i = 0; i < 4; i++) {
      const client = i % 2 ? b : a;
      document.receiveUpdate(client.connection, client.edit(setKey(`k${i}`, i)));
    }
    store.release();
    await document.idle();
    expect(store.appends.map((batch) => batch.length)).toEqual([1, 3, 1]);
    expect((await store.loadLog(DOC_NAME)).map((entry) => entry.userId)).toEqual([
      userA.id,
      userA.id,
      userB.id,
      userA.id,
      userB.id,
    ]);
  });

  it('acknowledges a resend of what is being stored only once it is stored, checking nothing', async () => {
    const store = new GatedStore();
    // The resend never reaches the write check.
    let checks = 0;
    const document = await loadDocument(store, {
      writePolicy: (doc) => {
        const permissive = permissivePolicy(doc);
        return {
          refusesConnection: permissive.refusesConnection,
          check: (target, connection, update) => {
            checks++;
            return permissive.check(target, connection, update);
          },
        };
      },
    });
    const [a, b] = [new TestClient(userA), new TestClient(userB)];
    await attach(document, a, b);
    store.hold();
    const update = a.edit(setKey('k', 1));
    document.receiveUpdate(a.connection, update);
    await settle();
    expect(store.waiting).toBe(1);
    // The Y.Doc holds it (staged) while it is stored: the resend waits in the queue.
    document.receiveUpdate(a.connection, update);
    await settle();
    expect(a.socket.sent).toHaveLength(0);
    store.release();
    await document.idle();
    expect(checks).toBe(1);
    expect(store.appends).toHaveLength(1);
    expect(types(a)).toEqual(['sync-step-1']);
    expect(types(b)).toEqual(['update']);
  });

  it('applies, stores and sends nothing of a refused update, and tells its sender once per reason', async () => {
    const store = new MemoryDocumentStore();
    const observer = new RecordingObserver();
    const document = await loadDocument(store, { writePolicy: refusingPolicy('read-only: no'), observer });
    const [a, b] = [new TestClient(userA), new TestClient(userB)];
    await attach(document, a, b);
    document.receiveUpdate(a.connection, a.edit(setKey('k', 1)));
    document.receiveUpdate(a.connection, a.edit(setKey('k', 2)));
    await document.idle();
    expect(document.doc.getMap('m').size).toBe(0);
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(0);
    expect(b.socket.sent).toHaveLength(0);
    expect(a.socket.messages()).toEqual([{ type: 'permission-denied', reason: 'read-only: no' }]);
    expect(observer.count('write-refused')).toBe(2);
  });

  it('drops a read-only connection’s update before queueing, and its empty sync step 2 is no write', async () => {
    const store = new MemoryDocumentStore();
    const observer = new RecordingObserver();
    const document = await loadDocument(store, {
      writePolicy: domainWritePolicy({ maxDocumentBytes: 1_000_000 }),
      observer,
    });
    const reader = new TestClient(userA, 'none');
    await attach(document, reader);
    document.receiveUpdate(reader.connection, Y.encodeStateAsUpdate(reader.doc));
    expect(observer.errors).toEqual([]);
    document.receiveUpdate(reader.connection, reader.edit(setKey('k', 1)));
    expect(document.state.kind).toBe('idle');
    expect(reader.socket.messages()).toEqual([
      { type: 'permission-denied', reason: `read-only: ${REFUSAL.noWrite}` },
    ]);
    await document.idle();
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(0);
  });

  it('stores a server change under its user, then sends it to every connection', async () => {
    const store = new GatedStore();
    const document = await loadDocument(store);
    const [a, b] = [new TestClient(userA), new TestClient(userB)];
    await attach(document, a, b);
    store.hold();
    let resolved = false;
    const change = document.change('u-chef', setKey('status', 'godkand')).then(() => {
      resolved = true;
    });
    await settle();
    expect(resolved).toBe(false);
    expect(a.socket.sent).toHaveLength(0);
    store.release();
    await change;
    expect((await store.loadLog(DOC_NAME)).map((entry) => entry.userId)).toEqual(['u-chef']);
    for (const client of [a, b]) {
      client.applyReceived();
      expect(client.doc.getMap('m').get('status')).toBe('godkand');
    }
    // What a throwing change wrote before it threw is stored; the promise rejects.
    await expect(
      document.change('u-chef', (doc) => {
        doc.getMap('m').set('note', 'x');
        throw new Error('invalid change');
      }),
    ).rejects.toThrow('invalid change');
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(2);
    // A change that changes nothing stores nothing.
    await document.change('u-chef', () => {});
    expect(store.appends).toHaveLength(2);
  });

  it('closes every connection and unloads when the store fails; a server change rejects', async () => {
    const store = new GatedStore();
    const observer = new RecordingObserver();
    const document = await loadDocument(store, { observer });
    const [a, b] = [new TestClient(userA), new TestClient(userB)];
    await attach(document, a, b);
    store.failNextAppends(1);
    await expect(document.change('u-chef', setKey('k', 1))).rejects.toThrow('told to fail');
    expect(observer.count('store-failure')).toBe(1);
    for (const client of [a, b]) {
      expect(client.socket.closed?.code).toBe(CloseCode.internalError);
      expect(client.socket.messages().filter((message) => message.type === 'update')).toEqual([]);
    }
    expect(document.isDestroyed).toBe(true);
    expect(document.isAvailable).toBe(false);
    await expect(document.change('u-chef', setKey('k', 2))).rejects.toThrow('not available');
  });

  it('fails on a client update the store refuses, rejecting the server changes queued behind it', async () => {
    const store = new GatedStore();
    const document = await loadDocument(store);
    const [a, b] = [new TestClient(userA), new TestClient(userB)];
    await attach(document, a, b);
    store.hold();
    store.failNextAppends(1);
    document.receiveUpdate(a.connection, a.edit(setKey('k', 1)));
    const queued = document.change('u-chef', setKey('s', 1));
    store.release();
    await expect(queued).rejects.toThrow('storing updates failed');
    expect(b.updatesReceived()).toEqual([]);
    expect(a.socket.closed?.code).toBe(CloseCode.internalError);
    expect(document.state.kind).toBe('destroyed');
  });

  it('fails on an update that does not apply', async () => {
    const store = new MemoryDocumentStore();
    const document = await loadDocument(store);
    const a = new TestClient(userA);
    await attach(document, a);
    document.receiveUpdate(a.connection, new Uint8Array([255, 255, 255, 255]));
    await document.idle();
    expect(a.socket.closed?.code).toBe(CloseCode.internalError);
    expect(document.isDestroyed).toBe(true);
  });

  it('acknowledges a sender after the commit, at most once per interval', async () => {
    const timer = new ManualTimer();
    const store = new GatedStore();
    const document = await loadDocument(store, { timer });
    const a = new TestClient(userA);
    await attach(document, a);
    store.hold();
    document.receiveUpdate(a.connection, a.edit(setKey('k', 1)));
    await settle();
    expect(a.socket.sent).toHaveLength(0);
    store.release();
    await document.idle();
    expect(types(a)).toEqual(['sync-step-1']);
    a.socket.take();
    document.receiveUpdate(a.connection, a.edit(setKey('k', 2)));
    document.receiveUpdate(a.connection, a.edit(setKey('k', 3)));
    await document.idle();
    expect(a.socket.sent).toHaveLength(0);
    timer.advance(250);
    await document.idle();
    const [ack] = a.socket.take();
    // The state vector covers everything the client sent.
    expect(ack?.type === 'sync-step-1' && Y.decodeStateVector(ack.stateVector)).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(a.doc)),
    );
    // Gone clients are not acknowledged later.
    document.receiveUpdate(a.connection, a.edit(setKey('k', 4)));
    await document.idle();
    document.detach(a.connection);
    timer.advance(250);
    await document.idle();
    expect(a.socket.sent).toHaveLength(0);
  });

  it('sends an update on once stored, and acknowledges its sender once durable with what was stored then', async () => {
    const store = new DurableLaterStore();
    const document = await loadDocument(store, { timer: new ManualTimer() });
    const [a, b] = [new TestClient(userA), new TestClient(userB)];
    await attach(document, a, b);
    document.receiveUpdate(a.connection, a.edit(setKey('k', 1)));
    await document.idle();
    const storedThen = Y.decodeStateVector(Y.encodeStateVector(a.doc));
    // Sent on before it is durable: it survives a crash of the process already.
    expect(types(b)).toEqual(['update']);
    expect(a.socket.sent).toHaveLength(0);
    b.applyReceived();
    document.receiveUpdate(b.connection, b.edit(setKey('other', 2)));
    await document.idle();
    store.makeDurable();
    await settle();
    const [ack] = a.socket.take().filter((message) => message.type === 'sync-step-1');
    // What was stored when a's update was: not b's update, stored later and maybe not yet durable.
    expect(ack?.type === 'sync-step-1' && Y.decodeStateVector(ack.stateVector)).toEqual(storedThen);
  });

  it('acknowledges a resend of what is stored, storing nothing', async () => {
    const store = new GatedStore();
    const document = await loadDocument(store);
    const [a, b] = [new TestClient(userA), new TestClient(userB)];
    await attach(document, a, b);
    const update = a.edit(setKey('k', 1));
    document.receiveUpdate(a.connection, update);
    await document.idle();
    b.socket.take();
    document.receiveUpdate(b.connection, update);
    await document.idle();
    expect(store.appends).toHaveLength(1);
    expect(types(b)).toEqual(['sync-step-1']);
    expect(types(a)).toEqual(['sync-step-1']);
  });

  it('applies and forwards updates other processes stored, in order, reading the log for a gap', async () => {
    const store = new MemoryDocumentStore();
    const document = await loadDocument(store);
    const a = new TestClient(userA);
    await attach(document, a);
    const other = new TestClient(userB);
    const u = [1, 2, 3, 4, 5].map((i) => other.edit(setKey(`k${i}`, i)));
    await storeElsewhere(store, u[0] as Uint8Array, u[1] as Uint8Array);
    document.updatesStoredElsewhere(2, u.slice(0, 2));
    await document.idle();
    await storeElsewhere(store, u[2] as Uint8Array, u[3] as Uint8Array);
    // Only the last came with the notification: the third is read from the log.
    document.updatesStoredElsewhere(4, u.slice(3, 4));
    await document.idle();
    // Stale and repeated notifications change nothing.
    document.updatesStoredElsewhere(4, u.slice(3, 4));
    document.updatesStoredElsewhere(3);
    await storeElsewhere(store, u[4] as Uint8Array);
    // Too big to travel with the notification: read from the log.
    document.updatesStoredElsewhere(5);
    await document.idle();
    expect(a.updatesReceived()).toEqual(u);
    expect(document.doc.getMap('m').get('k5')).toBe(5);
  });

  it('reads what another process stored before its own append, without its own entries twice', async () => {
    const store = new MemoryDocumentStore();
    const document = await loadDocument(store);
    const [a, b] = [new TestClient(userA), new TestClient(userB)];
    await attach(document, a, b);
    const elsewhere = new TestClient(userB).edit(setKey('elsewhere', 1));
    await storeElsewhere(store, elsewhere);
    const mine = a.edit(setKey('mine', 1));
    document.receiveUpdate(a.connection, mine);
    await document.idle();
    // Stored as seq 2 after the other process's seq 1, which came with no notification.
    expect(b.updatesReceived()).toEqual([mine, elsewhere]);
    expect(a.updatesReceived()).toEqual([elsewhere]);
    // A channel lost and back: nothing new, nothing sent again.
    document.catchUp();
    await document.idle();
    expect(b.updatesReceived()).toHaveLength(2);
  });

  it('compacts once compactAfterUpdates are stored, and a reload gives the same document', async () => {
    const store = new MemoryDocumentStore();
    const document = await loadDocument(store, { compactAfterUpdates: 4 });
    const a = new TestClient(userA);
    await attach(document, a);
    for (let i = 0; i < 9; i++) {
      document.receiveUpdate(a.connection, a.edit(setKey(`k${i % 3}`, i)));
      await document.idle();
    }
    expect((await store.load(DOC_NAME)).snapshotSeq).toBe(8);
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(1);
    const reloaded = await loadDocument(store);
    expect(reloaded.doc.getMap('m').toJSON()).toEqual(document.doc.getMap('m').toJSON());
  });

  it('compacts on unload only when the log has grown by a tenth of the threshold', async () => {
    const store = new MemoryDocumentStore();
    const document = await loadDocument(store, { compactAfterUpdates: 50 });
    const a = new TestClient(userA);
    await attach(document, a);
    for (let i = 0; i < 4; i++) {
      document.receiveUpdate(a.connection, a.edit(setKey('k', i)));
      await document.idle();
    }
    await document.compactIfUseful();
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(4);
    document.receiveUpdate(a.connection, a.edit(setKey('k', 4)));
    await document.idle();
    await document.compactIfUseful();
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(0);
  });

  it('compacts a long stored log as it loads', async () => {
    const store = new MemoryDocumentStore();
    const writer = new TestClient(userA);
    await storeElsewhere(store, ...Array.from({ length: 6 }, (_, i) => writer.edit(setKey('k', i))));
    const document = await loadDocument(store, { compactAfterUpdates: 5 });
    await document.idle();
    expect(await store.pendingUpdateCount(DOC_NAME)).toBe(0);
    expect(document.doc.getMap('m').get('k')).toBe(5);
  });

  it('takes no work once destroyed', async () => {
    const document = await loadDocument(new MemoryDocumentStore());
    const a = new TestClient(userA);
    await attach(document, a);
    document.destroy();
    document.destroy();
    expect(document.state.kind).toBe('destroyed');
    document.receiveUpdate(a.connection, a.edit(setKey('k', 1)));
    document.answerSyncStep1(a.connection, Y.encodeStateVector(a.doc));
    await document.idle();
    expect(a.socket.sent).toHaveLength(0);
    await expect(document.change('u-chef', setKey('k', 1))).rejects.toThrow('not available');
  });
});
