/**
 * The worker that owns the browser's PGlite database. PGliteWorker elects one tab's worker
 * as leader and the others talk to it, so every tab shares one `idb://foljsam` database.
 */
import { PGlite } from '@electric-sql/pglite';
import { live } from '@electric-sql/pglite/live';
import { worker } from '@electric-sql/pglite/worker';

void worker({
  async init() {
    // Not relaxed: with relaxedDurability PGlite's syncToFs() starts its IndexedDB sync without
    // waiting for it (and such background syncs were seen failing with ENOENT), so the journal
    // could drop a change PGlite does not yet hold on disk. Keystrokes do not wait for PGlite:
    // the journal (journal.ts) is their durability point, and PGlite is written in batches.
    return new PGlite('idb://foljsam', { relaxedDurability: false, extensions: { live } });
  },
});
