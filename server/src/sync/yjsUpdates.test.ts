import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyCollecting, collectChanges, holdsItemsOf, wouldChange } from './yjsUpdates';

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
