/**
 * The worker that owns the browser's PGlite database. PGliteWorker elects one tab's worker
 * as leader and the others talk to it, so every tab shares one `idb://foljsam` database.
 */
import { PGlite } from '@electric-sql/pglite';
import { live } from '@electric-sql/pglite/live';
import { worker } from '@electric-sql/pglite/worker';

void worker({
  async init() {
    // Relaxed: a query does not wait for PGlite to write its files to IndexedDB. The journal
    // (journal.ts) is the durability point of a keystroke; PglitePersistence flushes PGlite
    // explicitly (syncToFs) before the journal lets go of a change.
    return new PGlite('idb://foljsam', { relaxedDurability: true, extensions: { live } });
  },
});
