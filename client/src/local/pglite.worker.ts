/**
 * The worker that owns the browser's PGlite database. PGliteWorker elects one tab's worker
 * as leader and the others talk to it, so every tab shares one `idb://foljsam` database.
 */
import { PGlite } from '@electric-sql/pglite';
import { live } from '@electric-sql/pglite/live';
import { worker } from '@electric-sql/pglite/worker';

void worker({
  async init() {
    return new PGlite('idb://foljsam', { relaxedDurability: false, extensions: { live } });
  },
});
