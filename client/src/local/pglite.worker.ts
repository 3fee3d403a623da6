/**
 * The worker that owns the browser's PGlite database. PGliteWorker elects one tab's worker
 * as leader and the others talk to it, so every tab shares one `idb://foljsam` database.
 */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { live } from '@electric-sql/pglite/live';
import { worker } from '@electric-sql/pglite/worker';
import { LOCAL_DB_INITDB_ARGS } from './localDbFiles';

const DATA_DIR = 'foljsam';
/** PGlite's IndexedDB database for `idb://foljsam`. */
const INDEXED_DB_NAME = `/pglite/${DATA_DIR}`;
/** An empty database made at build time (client/build/initialDataDir.ts), so a first visit skips initdb. */
const INITIAL_DATA_DIR = new URL('../../generated/pglite-datadir.tar.gz', import.meta.url);

// Not relaxed: with relaxedDurability PGlite's syncToFs() starts its IndexedDB sync without
// waiting for it (and such background syncs were seen failing with ENOENT), so the journal
// could drop a change PGlite does not yet hold on disk. Keystrokes do not wait for PGlite:
// the journal (journal.ts) is their durability point, and PGlite is written in batches.
const OPTIONS = {
  relaxedDurability: false,
  extensions: { live },
  // Only used where PGlite runs initdb itself (no tarball): the build's tarball is made with them too.
  initDbStartParams: [...LOCAL_DB_INITDB_ARGS],
} satisfies PGliteOptions;

/** Whether this browser already holds the database; when it cannot tell, it says yes (then PGlite decides). */
async function databaseExists(): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  const databases = await indexedDB.databases();
  return databases.some((database) => database.name === INDEXED_DB_NAME);
}

/** The build's empty database, or undefined where it is not needed or cannot be had. */
async function initialDataDir(): Promise<Blob | undefined> {
  try {
    if (await databaseExists()) return undefined;
    const response = await fetch(INITIAL_DATA_DIR);
    return response.ok ? await response.blob() : undefined;
  } catch {
    return undefined;
  }
}

void worker({
  async init() {
    const loadDataDir = await initialDataDir();
    if (loadDataDir) {
      try {
        return await PGlite.create(`idb://${DATA_DIR}`, { ...OPTIONS, loadDataDir });
      } catch (error) {
        // Another tab made the database meanwhile, or the tarball was bad: open it as it is.
        console.warn('the local database did not load from the build’s copy; initialising it', error);
      }
    }
    return new PGlite(`idb://${DATA_DIR}`, OPTIONS);
  },
});
