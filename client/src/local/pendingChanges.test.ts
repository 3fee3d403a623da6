/** The pending count counts changed fields, and only what a server state vector does not cover. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PendingChanges } from './pendingChanges';

/** Sets `key` of map `root` on `doc` and returns the update. */
function write(doc: Y.Doc, root: string, key: string, value: number): Uint8Array {
  let update: Uint8Array | null = null;
  const listener = (emitted: Uint8Array) => {
    update = emitted;
  };
  doc.on('update', listener);
  doc.getMap(root).set(key, value);
  doc.off('update', listener);
  if (!update) throw new Error('no update');
  return update;
}

describe('PendingChanges', () => {
  it('counts each changed field once, however many changes wrote it', () => {
    const doc = new Y.Doc();
    const pending = new PendingChanges();
    for (const value of [1, 18, 185, 1850, 18500]) {
      pending.add(write(doc, 'budget', 'forecastTkr', value), `c${value}`, ['budget/forecastTkr']);
    }
    pending.add(write(doc, 'indicatorOutcomes', 'ind-heltid', 76), 'c-outcome', [
      'indicatorOutcomes/ind-heltid',
    ]);
    expect(pending.changeCount).toBe(6);
    expect(pending.count).toBe(2);
  });

  it('forgets a change once a server state vector covers what it inserted, and keeps the others', () => {
    const doc = new Y.Doc();
    const pending = new PendingChanges();
    const first = write(doc, 'budget', 'forecastTkr', 1);
    const serverHas = Y.encodeStateVector(doc);
    pending.add(first, 'first', ['budget/forecastTkr']);
    pending.add(write(doc, 'budget', 'outcomeToDateTkr', 2), 'second', ['budget/outcomeToDateTkr']);
    const confirmed = pending.confirm(Y.decodeStateVector(serverHas));
    expect(confirmed.map((change) => change.changeId)).toEqual(['first']);
    expect(pending.count).toBe(1);
    expect(pending.find('second')?.fields).toEqual(['budget/outcomeToDateTkr']);
  });
});
