/**
 * The assignments list answered by the local database: a PGlite live query over the
 * `view_assignments` table (kept up to date from the document by openSyncedDoc) that gives
 * the ids of the matching assignments in order, and re-runs whenever the table or the
 * query changes. `null` until the local database is open: the caller filters in memory
 * meanwhile (and for good if this browser cannot run it).
 */
import { type AssignmentsViewQuery, assignmentsViewQuery } from '@foljsam/domain';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';
import { localDbReady } from './localDb';

export function createLocalAssignmentIds(query: Accessor<AssignmentsViewQuery>): Accessor<string[] | null> {
  const [ids, setIds] = createSignal<string[] | null>(null);
  createEffect(() => {
    const db = localDbReady();
    if (!db) return;
    const { sql, params } = assignmentsViewQuery(query());
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    void db.live
      .query<{ id: string }>(sql, params, (results) => {
        if (!cancelled) setIds(results.rows.map((row) => row.id));
      })
      .then((live) => {
        if (cancelled) void live.unsubscribe();
        else {
          setIds(live.initialResults.rows.map((row) => row.id));
          stop = live.unsubscribe;
        }
      })
      .catch((error: unknown) => {
        console.error('the local assignments query failed; filtering in memory', error);
        setIds(null);
      });
    onCleanup(() => {
      cancelled = true;
      void stop?.();
    });
  });
  return ids;
}
