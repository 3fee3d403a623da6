import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MemoryDocumentStore } from '../store/memory/memoryDocumentStore';
import { CloseCode } from './closeCodes';
import { MessageReceiver, type MessageReceiverOptions } from './MessageReceiver';
import { MessageType } from './protocol';
import { loadDocument, RecordingObserver, TestClient, userA } from './testing/syncHarness';
import { WriteBudget } from './WriteBudget';

const syncStep1 = (doc: Y.Doc) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
};

const updateFrame = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};

const awarenessFrame = (doc: Y.Doc, state: Record<string, unknown>) => {
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(encoder);
};

function setup(overrides: Partial<MessageReceiverOptions> = {}) {
  const observer = new RecordingObserver();
  const client = new TestClient(userA);
  const receiver = new MessageReceiver(client.connection, {
    maxMessageBytes: 10_000,
    maxQueuedMessages: 4,
    messagesPerSecond: 10,
    messageBurst: 100,
    writeBudget: new WriteBudget({ bytesPerSecond: 1, burstBytes: 100_000 }, () => 0),
    observer,
    // Time stands still: the rate limit refills nothing during a test.
    now: () => 0,
    ...overrides,
  });
  return { observer, client, receiver };
}

describe('MessageReceiver', () => {
  it('queues frames while the document loads and handles them in order once it is there', async () => {
    const { client, receiver } = setup();
    const update = client.edit((doc) => doc.getMap('m').set('k', 1));
    receiver.receive(updateFrame(update));
    receiver.receive(syncStep1(new Y.Doc()));
    const document = await loadDocument(new MemoryDocumentStore());
    receiver.attach(document);
    await document.idle();
    expect(document.doc.getMap('m').get('k')).toBe(1);
    // The handshake, the acknowledgement of its update, then the answer to its sync step 1,
    // which holds the update it sent before: queued frames keep their order.
    const messages = client.socket.messages();
    expect(messages.map((message) => message.type)).toEqual(['sync-step-1', 'sync-step-1', 'sync-step-2']);
    const answered = new Y.Doc();
    const step2 = messages[2];
    if (step2?.type === 'sync-step-2') Y.applyUpdate(answered, step2.update);
    expect(answered.getMap('m').get('k')).toBe(1);
  });

  it('closes a connection that sends too much before the document loads', () => {
    const { client, observer, receiver } = setup({ maxQueuedMessages: 2 });
    for (let i = 0; i < 3; i++) receiver.receive(syncStep1(new Y.Doc()));
    expect(client.socket.closed?.code).toBe(CloseCode.tooManyQueuedMessages);
    expect(observer.errors).toEqual(['too-many-queued']);
  });

  it('closes a connection past its burst of messages', async () => {
    const { client, observer, receiver } = setup({ messageBurst: 3 });
    receiver.attach(await loadDocument(new MemoryDocumentStore()));
    for (let i = 0; i < 3; i++) receiver.receive(syncStep1(new Y.Doc()));
    expect(client.socket.closed).toBeNull();
    receiver.receive(syncStep1(new Y.Doc()));
    expect(client.socket.closed?.code).toBe(CloseCode.tooManyMessages);
    expect(observer.errors).toEqual(['too-many-messages']);
    // A closed connection's frames are dropped unread.
    receiver.receive('text');
    expect(observer.errors).toHaveLength(1);
  });

  it.each([
    ['random bytes', new Uint8Array([7, 1, 2])],
    ['a truncated update', updateFrame(new Uint8Array([1, 2, 3])).slice(0, 3)],
    ['a text frame', 'hello'],
  ])('closes a connection that sends %s, and nothing else', async (_, frame) => {
    const { client, observer, receiver } = setup();
    const document = await loadDocument(new MemoryDocumentStore());
    const bystander = new TestClient(userA);
    document.attach(bystander.connection);
    receiver.attach(document);
    receiver.receive(frame);
    expect(client.socket.closed?.code).toBe(CloseCode.malformedMessage);
    expect(observer.errors).toEqual(['malformed-message']);
    expect(bystander.socket.closed).toBeNull();
    expect(document.isAvailable).toBe(true);
  });

  it('closes a connection that sends a frame over the size limit', () => {
    const { client, observer, receiver } = setup({ maxMessageBytes: 10 });
    receiver.receive(new Uint8Array(11));
    expect(client.socket.closed?.code).toBe(CloseCode.messageTooBig);
    expect(observer.errors).toEqual(['message-too-big']);
  });

  it("closes a connection past its user's write budget, before anything is applied", async () => {
    const { client, observer, receiver } = setup({
      writeBudget: new WriteBudget({ bytesPerSecond: 1, burstBytes: 10 }, () => 0),
    });
    const document = await loadDocument(new MemoryDocumentStore());
    receiver.attach(document);
    receiver.receive(
      updateFrame(client.edit((doc) => doc.getMap('m').set('key', 'a value longer than ten bytes'))),
    );
    expect(client.socket.closed?.code).toBe(CloseCode.writeBudgetExceeded);
    expect(observer.errors).toEqual(['write-budget']);
    await document.idle();
    expect(document.doc.getMap('m').size).toBe(0);
  });

  it('hands presence and presence queries to the document', async () => {
    const { client, receiver } = setup();
    const document = await loadDocument(new MemoryDocumentStore());
    receiver.attach(document);
    await document.idle();
    client.socket.take();
    receiver.receive(awarenessFrame(client.doc, { cursor: null }));
    expect(document.awareness.getStates().has(client.doc.clientID)).toBe(true);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.queryAwareness);
    receiver.receive(encoding.toUint8Array(encoder));
    expect(client.socket.messages().map((message) => message.type)).toEqual(['awareness', 'awareness']);
  });
});
