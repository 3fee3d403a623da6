import { describe, expect, it } from 'vitest';
import { storeContract } from '../documentStore.contract';
import { openPostgresStore } from './postgresStore';
import { TEST_DATABASE_URL as DATABASE_URL, testSchemas } from './testDatabase';

const newSchema = testSchemas();

storeContract('postgres', () => openPostgresStore(DATABASE_URL, { schema: newSchema('contract') }));

describe('postgres store', () => {
  it('returns bytea as plain Uint8Array, like the embedded store', async () => {
    const store = await openPostgresStore(DATABASE_URL, { schema: newSchema('bytes') });
    try {
      await store.documents.appendUpdates('plan:2015', [{ data: new Uint8Array([0, 255, 7]), userId: 'u' }]);
      const [update] = (await store.documents.load('plan:2015')).updates;
      expect(Object.getPrototypeOf(update)).toBe(Uint8Array.prototype);
      expect(update).toEqual(new Uint8Array([0, 255, 7]));
    } finally {
      await store.close();
    }
  });

  it('serializes start-up across processes with a lock per schema', async () => {
    const schema = newSchema('lock');
    const [first, second] = await Promise.all([
      openPostgresStore(DATABASE_URL, { schema }),
      openPostgresStore(DATABASE_URL, { schema }),
    ]);
    try {
      const order: string[] = [];
      await Promise.all([
        first.startupLock(async () => {
          order.push('first in');
          await new Promise((resolve) => setTimeout(resolve, 50));
          order.push('first out');
        }),
        second.startupLock(async () => {
          order.push('second in');
          await new Promise((resolve) => setTimeout(resolve, 50));
          order.push('second out');
        }),
      ]);
      // Never both inside at once.
      expect(
        [order.slice(0, 2), order.slice(2)].every(
          (pair) => pair[0]?.split(' ')[0] === pair[1]?.split(' ')[0],
        ),
      ).toBe(true);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('tells every process sharing the schema about stored updates', async () => {
    const schema = newSchema('fanout');
    const writer = await openPostgresStore(DATABASE_URL, { schema });
    const listener = await openPostgresStore(DATABASE_URL, { schema });
    const elsewhere = await openPostgresStore(DATABASE_URL, { schema: newSchema('fanout_other') });
    try {
      const heard: [string, number, Uint8Array[] | undefined][] = [];
      const heardElsewhere: string[] = [];
      const heardBySelf: string[] = [];
      listener.fanout?.onUpdatesStored((docName, seq, updates) => heard.push([docName, seq, updates]));
      writer.fanout?.onUpdatesStored((docName) => heardBySelf.push(docName));
      elsewhere.fanout?.onUpdatesStored((docName) => heardElsewhere.push(docName));
      await writer.documents.appendUpdates('plan:2015', [
        { data: new Uint8Array([1]), userId: 'u' },
        { data: new Uint8Array([2]), userId: 'u' },
      ]);
      const deadline = Date.now() + 5000;
      while (heard.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      // Small batches travel with the notification, so the listener need not read the log.
      expect(heard).toEqual([['plan:2015', 2, [new Uint8Array([1]), new Uint8Array([2])]]]);
      // A large batch is announced without its updates.
      const large = new Uint8Array(10_000).fill(7);
      await writer.documents.appendUpdates('plan:2015', [{ data: large, userId: 'u' }]);
      while (heard.length < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(heard[1]).toEqual(['plan:2015', 3, undefined]);
      expect(await listener.documents.loadUpdatesAfter('plan:2015', 1)).toEqual([
        { seq: 2, data: new Uint8Array([2]) },
        { seq: 3, data: large },
      ]);
      // Another schema is another workspace: it hears nothing; nor does the writer hear itself.
      expect(heardElsewhere).toEqual([]);
      expect(heardBySelf).toEqual([]);
    } finally {
      await Promise.all([writer.close(), listener.close(), elsewhere.close()]);
    }
  });
});
