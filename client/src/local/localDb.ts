/**
 * The browser's local database (lokal databas): PGlite in a worker, opened once per page and
 * shared by every tab. Opening takes seconds on a first visit, so nothing waits for it:
 * callers get a promise, and `null` where the browser cannot run it (then the app works
 * from the network only).
 */
import { live, type PGliteWithLive } from '@electric-sql/pglite/live';
import { PGliteWorker } from '@electric-sql/pglite/worker';
import { LOCAL_VIEWS_DDL } from '@foljsam/domain';
import { createRoot, createSignal } from 'solid-js';
import { migrateLocalStore } from './localStoreSchema';

export type LocalDb = PGliteWorker & PGliteWithLive;

let opening: Promise<LocalDb | null> | null = null;

const [ready, setReady] = createRoot(() => createSignal<LocalDb | null>(null));

/** The local database once it is open (null before, or if it cannot open): for live queries. */
export const localDbReady = ready;

/** Opens the local database (once); resolves to null if this browser cannot. */
export function localDb(): Promise<LocalDb | null> {
  if (!opening) opening = open();
  return opening;
}

async function open(): Promise<LocalDb | null> {
  if (typeof Worker === 'undefined' || typeof indexedDB === 'undefined') return null;
  performance.mark('foljsam:local-db-requested');
  try {
    const db = (await PGliteWorker.create(
      new Worker(new URL('./pglite.worker.ts', import.meta.url), { type: 'module' }),
      { extensions: { live } },
    )) as LocalDb;
    // The phases of opening (worker and PGlite started, migrated), for bench/src/firstVisit.ts.
    performance.mark('foljsam:local-db-started');
    const opened = await migrateLocalStore(db);
    performance.mark('foljsam:local-db-migrated');
    if (opened.rebuilt) {
      console.warn(
        `the local database was rebuilt (${opened.rebuilt === 'newer' ? 'written by a newer version' : 'a migration failed'}); ` +
          `${opened.keptPending} unsent changes kept, the rest comes from the server again`,
      );
    }
    // Derived from the documents (rebuilt from them whenever they change): no migrations of their own.
    await db.exec(LOCAL_VIEWS_DDL);
    setReady(db);
    return db;
  } catch (error) {
    console.error('the local database could not open; working from the network only', error);
    return null;
  }
}
