import { describe, expect, it } from 'vitest';
import { documentStoreContract } from '../documentStore.contract';
import { MemoryDocumentStore } from './memoryDocumentStore';

documentStoreContract('memory', async () => ({
  documents: new MemoryDocumentStore(),
  close: async () => {},
}));

describe('memory document store', () => {
  it('keeps its own copy of what it stored and hands out copies', async () => {
    const store = new MemoryDocumentStore();
    const data = new Uint8Array([1, 2]);
    await store.appendUpdates('plan:2015', [{ data, userId: 'u' }]);
    data[0] = 9;
    const [loaded] = (await store.load('plan:2015')).updates;
    expect(loaded).toEqual(new Uint8Array([1, 2]));
    if (loaded) loaded[1] = 9;
    expect((await store.load('plan:2015')).updates).toEqual([new Uint8Array([1, 2])]);
  });

  it('fails the appends it is told to fail, storing nothing of them', async () => {
    const store = new MemoryDocumentStore();
    store.failNextAppends(1);
    await expect(
      store.appendUpdates('plan:2015', [{ data: new Uint8Array([1]), userId: 'u' }]),
    ).rejects.toThrow();
    expect(await store.appendUpdates('plan:2015', [{ data: new Uint8Array([2]), userId: 'u' }])).toBe(1);
  });
});
