import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyCollecting,
  changesNothing,
  collectChanges,
  holdsAllOf,
  holdsItemsOf,
  wouldChange,
} from './yjsUpdates';

const updateOf = (change: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array => {
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
};

describe('applyCollecting', () => {
  it('returns what applying changed, and nothing for an update the document holds', () => {
    const update = updateOf((doc) => doc.getMap('m').set('k', 1));
    const doc = new Y.Doc();
    const changed = applyCollecting(doc, update, 'origin');
    expect(changed).toHaveLength(1);
    const copy = new Y.Doc();
    for (const data of changed) Y.applyUpdate(copy, data);
    expect(copy.getMap('m').get('k')).toBe(1);
    expect(applyCollecting(doc, update, 'origin')).toEqual([]);
  });

  it('stops collecting when the change throws', () => {
    const doc = new Y.Doc();
    expect(() =>
      collectChanges(doc, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    // No listener is left behind: a later change is not collected by the failed call.
    const changed = collectChanges(doc, () => doc.getMap('m').set('k', 1));
    expect(changed).toHaveLength(1);
    expect(doc._observers.get('update')?.size ?? 0).toBe(0);
  });
});

describe('wouldChange and holdsItemsOf', () => {
  it('tell an update with something new from one the document holds', () => {
    const doc = new Y.Doc();
    const update = updateOf((d) => d.getMap('m').set('k', 1));
    expect(wouldChange(doc, update)).toBe(true);
    expect(holdsItemsOf(doc, update)).toBe(false);
    Y.applyUpdate(doc, update);
    expect(wouldChange(doc, update)).toBe(false);
    expect(holdsItemsOf(doc, update)).toBe(true);
  });

  it('count bytes that are no update as a change, never as held', () => {
    const garbage = new Uint8Array([255, 255, 255]);
    expect(wouldChange(new Y.Doc(), garbage)).toBe(true);
    expect(holdsItemsOf(new Y.Doc(), garbage)).toBe(false);
  });

  it('do not call a deletion-only update held', () => {
    const source = new Y.Doc();
    source.getArray('a').insert(0, [1]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    const deletion = updateOf((d) => d.getArray('a').delete(0, 1), source);
    expect(holdsItemsOf(doc, deletion)).toBe(false);
    expect(wouldChange(doc, deletion)).toBe(true);
  });
});

describe('changesNothing', () => {
  /** A client and a server that hold the same document, with deletions in it. */
  const synced = () => {
    const client = new Y.Doc();
    const map = client.getMap<number>('m');
    for (let index = 0; index < 20; index++) map.set(`k${index % 4}`, index);
    client.getArray<number>('a').push([1, 2, 3]);
    client.getArray<number>('a').delete(1, 1);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    return { client, server };
  };
  /** What the client answers to the server's sync step 1. */
  const stepTwo = (client: Y.Doc, server: Y.Doc) =>
    Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

  it('holds for the empty update and for a sync step 2 that carries only deletions the server has', () => {
    const { client, server } = synced();
    expect(changesNothing(server, new Uint8Array([0, 0]))).toBe(true);
    const answer = stepTwo(client, server);
    expect(answer.byteLength).toBeGreaterThan(2);
    expect(changesNothing(server, answer)).toBe(true);
    expect(wouldChange(server, answer)).toBe(false);
  });

  it('fails for new structs, a deletion the server lacks, deletions beyond its state and stray bytes', () => {
    const { client, server } = synced();
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(client));
    offline.getArray<number>('a').delete(0, 1);
    const deletion = stepTwo(offline, server);
    expect(wouldChange(server, deletion)).toBe(true);
    expect(changesNothing(server, deletion)).toBe(false);

    client.getMap<number>('m').set('new', 1);
    expect(changesNothing(server, stepTwo(client, server))).toBe(false);

    // A deletion of clocks the server has not seen (Yjs would park it).
    const ahead = new Y.Doc();
    Y.applyUpdate(ahead, Y.encodeStateAsUpdate(client));
    ahead.getArray<number>('a').push([9]);
    ahead.getArray<number>('a').delete(ahead.getArray('a').length - 1, 1);
    const onlyDeletions = Y.encodeStateAsUpdate(ahead, Y.encodeStateVector(ahead));
    expect(changesNothing(server, onlyDeletions)).toBe(false);

    const answer = stepTwo(synced().client, synced().server);
    expect(changesNothing(server, Uint8Array.from([...answer, 7]))).toBe(false);
    expect(changesNothing(server, answer.subarray(0, answer.byteLength - 1))).toBe(false);
  });
});

describe('holdsAllOf', () => {
  const withArray = () => {
    const source = new Y.Doc();
    source.getArray<number>('a').insert(0, [1, 2, 3]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    return { source, doc };
  };

  it('holds for a resend of structs and deletions the document has', () => {
    const { source, doc } = withArray();
    const deletion = updateOf((d) => d.getArray('a').delete(0, 1), source);
    Y.applyUpdate(doc, deletion);
    const insertion = updateOf((d) => d.getMap('m').set('k', 1), source);
    Y.applyUpdate(doc, insertion);
    expect(holdsAllOf(doc, insertion)).toBe(true);
    // Everything the source has, deletions included, as a client resending it all would send it.
    expect(holdsAllOf(doc, Y.encodeStateAsUpdate(source))).toBe(true);
    expect(wouldChange(doc, Y.encodeStateAsUpdate(source))).toBe(false);
  });

  it('fails for new structs, held structs with a new deletion, deletions only, gaps and bytes that are no update', () => {
    const { source, doc } = withArray();
    const held = Y.encodeStateAsUpdate(source);
    const next = updateOf((d) => d.getArray('a').push([4]), source);
    expect(holdsAllOf(doc, next)).toBe(false);
    // Held structs followed by a new one of the same client.
    expect(holdsAllOf(doc, Y.mergeUpdates([held, next]))).toBe(false);
    // Held structs, but a deletion the document lacks.
    const deletion = updateOf((d) => d.getArray('a').delete(0, 1), source);
    const heldWithDeletion = Y.mergeUpdates([held, deletion]);
    expect(wouldChange(doc, heldWithDeletion)).toBe(true);
    expect(holdsAllOf(doc, heldWithDeletion)).toBe(false);
    // Only deletions: changesNothing's question, not this one.
    expect(holdsAllOf(doc, deletion)).toBe(false);
    // A struct after a gap (Yjs would park it): merged with the held ones it leaves a Skip.
    const after = updateOf((d) => d.getArray('a').push([5]), source);
    expect(holdsAllOf(doc, Y.mergeUpdates([held, after]))).toBe(false);
    expect(holdsAllOf(doc, new Uint8Array([1, 1, 255, 255, 255]))).toBe(false);
    expect(holdsAllOf(doc, new Uint8Array([0, 0]))).toBe(false);
  });
});
