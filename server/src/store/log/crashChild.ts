/**
 * The crash-recovery test's child (crashRecovery.test.ts): opens the real PGlite store in the
 * data dir given as argv[2] and appends to a few documents without pause, printing
 * `ack <doc> <seq> <count> <label>` for every acknowledged append until it is killed.
 */
import { openPgliteStore } from '../pglite/pgliteStore';

const [dataDir, round] = process.argv.slice(2);
if (!dataDir || !round) throw new Error('usage: crashChild <data dir> <round>');

const store = await openPgliteStore(dataDir);
process.stdout.write('ready\n');
const encoder = new TextEncoder();
let counter = 0;
const writer = async (doc: string) => {
  for (;;) {
    // Now and then several updates in one append, which must stay together.
    const count = counter % 7 === 0 ? 3 : 1;
    const labels = Array.from({ length: count }, () => `${round}.${++counter}`);
    const seq = await store.documents.appendUpdates(
      doc,
      labels.map((label) => ({ data: encoder.encode(`${doc}|${label}`), userId: 'crash-test' })),
    );
    process.stdout.write(`ack ${doc} ${seq} ${count} ${labels.join(',')}\n`);
  }
};
await Promise.all(['report:2015-01:a', 'report:2015-01:b', 'report:2015-01:c', 'plan:2015'].map(writer));
