import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwarenessEntries,
  MalformedMessageError,
  MessageType,
} from './protocol';

/** A message as the stock y-websocket client writes it. */
const clientFrame = (write: (encoder: encoding.Encoder) => void) => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

describe('decodeClientMessage', () => {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', 'v');

  it('decodes what y-protocols encodes', () => {
    const step1 = clientFrame((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeClientMessage(step1)).toEqual({
      type: 'sync-step-1',
      stateVector: Y.encodeStateVector(doc),
    });

    const step2 = clientFrame((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep2(e, doc);
    });
    expect(decodeClientMessage(step2)).toEqual({ type: 'sync-step-2', update: Y.encodeStateAsUpdate(doc) });

    const update = clientFrame((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
    });
    expect(decodeClientMessage(update).type).toBe('update');

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Anna' } });
    const awarenessFrame = clientFrame((e) => {
      encoding.writeVarUint(e, MessageType.awareness);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    });
    const clock = awareness.meta.get(doc.clientID)?.clock;
    expect(decodeClientMessage(awarenessFrame)).toEqual({
      type: 'awareness',
      entries: [{ clientId: doc.clientID, clock, state: { user: { name: 'Anna' } }, bytes: 24 }],
    });
    // What encodeAwarenessEntries writes, y-protocols reads back as the same states.
    const entries = [
      { clientId: 7, clock: 3, state: { field: 'å' }, bytes: 0 },
      { clientId: 8, clock: 1, state: null, bytes: 0 },
    ];
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(other, encodeAwarenessEntries(entries), null);
    expect(other.getStates().get(7)).toEqual({ field: 'å' });
    expect(decodeAwarenessUpdate(encodeAwarenessEntries(entries))).toEqual([
      { clientId: 7, clock: 3, state: { field: 'å' }, bytes: 14 },
      { clientId: 8, clock: 1, state: null, bytes: 4 },
    ]);
    other.destroy();
    awareness.destroy();

    expect(decodeClientMessage(new Uint8Array([MessageType.queryAwareness]))).toEqual({
      type: 'query-awareness',
    });
  });

  it.each([
    ['empty frame', []],
    ['unknown message type', [9]],
    ['auth messages are server to client only', [2, 0]],
    ['truncated varint', [0x80, 0x80]],
    ['sync without subtype', [0]],
    ['unknown sync subtype', [0, 7, 0]],
    ['payload length past the end', [0, 2, 50, 1, 2]],
    ['trailing bytes', [3, 1]],
    ['update that is not a Yjs update', [0, 2, 3, 0xff, 0xff, 0xff]],
    ['state vector that is not one', [0, 0, 2, 5, 0x80]],
    ['awareness that is not JSON', [1, 6, 1, 1, 1, 2, 0x7b, 0x7b]],
  ])('rejects %s', (_name, frame) => {
    expect(() => decodeClientMessage(new Uint8Array(frame))).toThrow(MalformedMessageError);
  });

  it('throws only MalformedMessageError for 100,000 random frames (seeded)', () => {
    const gen = prng.create(2015);
    let accepted = 0;
    for (let i = 0; i < 100_000; i++) {
      const frame = prng.uint8Array(gen, prng.int32(gen, 0, 40));
      // Bias towards the valid message types, where the decoder has the most to check.
      if (frame.length > 0 && i % 2 === 0) frame[0] = prng.int32(gen, 0, 3);
      try {
        decodeClientMessage(frame);
        accepted++;
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
      }
    }
    // Some random frames are valid by chance (e.g. [3] or an empty update); almost none are.
    expect(accepted).toBeLessThan(1_000);
  });
});
