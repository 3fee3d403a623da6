/**
 * Keeps the signed-in user's workspace in the local store in the background: first every
 * document with changes the server has not confirmed (from an earlier visit, so they are
 * sent as soon as there is a network), then the plan, the assignments and all monthly
 * reports of the user's department for the year. Two documents at a time: far below the
 * server's per-user connection cap, and gentle on a slow line.
 */
import { assignmentsDocumentName, planDocumentName, reportDocumentName } from '@foljsam/domain';
import type { SessionUser } from '../api';
import { monthsOf } from '../sync/createReports';
import { type OpenSyncedDoc, openSyncedDoc } from '../sync/openSyncedDoc';
import { setFirstSync, setWorkspaceKept } from '../sync/syncState';
import { fetchDepartmentsOfflineFirst } from './cachedDepartments';
import { localJournal } from './journal';
import { localDb } from './localDb';

/** Documents fetched at the same time. */
const CONCURRENCY = 2;

/** The documents kept locally for a user and year. */
export function workspaceDocumentNames(user: Pick<SessionUser, 'departmentId'>, year: number): string[] {
  const names = [planDocumentName(year), assignmentsDocumentName(year)];
  if (user.departmentId) {
    for (const month of monthsOf(year)) names.push(reportDocumentName(month, user.departmentId));
  }
  return names;
}

/**
 * Starts keeping the workspace; returns a function that stops (closing what it opened,
 * after their unconfirmed changes are sent).
 */
export function keepWorkspaceLocally(user: Pick<SessionUser, 'departmentId'>, year: number): () => void {
  let stopped = false;
  const open = new Set<OpenSyncedDoc>();

  // Screens name departments from the REST list: remember it for offline use.
  void fetchDepartmentsOfflineFirst().catch(() => undefined);
  void (async () => {
    // Documents with unconfirmed changes stay open until the server has them: those in the
    // journal at once, those only PGlite holds once it has opened.
    const withChanges = new Set<string>();
    const openWithChanges = (names: string[]) => {
      for (const name of names) {
        if (stopped || withChanges.has(name)) continue;
        withChanges.add(name);
        open.add(openSyncedDoc(name));
      }
    };
    const journal = await localJournal();
    if (journal) openWithChanges(await journal.documentsWithEntries().catch(() => []));
    const db = await localDb();
    if (!db || stopped) return;
    const { rows } = await db.query<{ doc_name: string }>(
      'select distinct doc_name from yjs_updates where pending',
    );
    openWithChanges(rows.map((row) => row.doc_name));

    const names = workspaceDocumentNames(user, year);
    const firstTime = await db.query<{ count: number }>(
      'select count(*)::int as count from yjs_documents where doc_name = any($1::text[]) and synced_at is not null',
      [names],
    );
    const showProgress = (firstTime.rows[0]?.count ?? 0) < names.length;
    let done = 0;
    if (showProgress) setFirstSync({ done, total: names.length });
    const queue = [...names];
    const worker = async () => {
      for (let name = queue.shift(); name && !stopped; name = queue.shift()) {
        const opened = openSyncedDoc(name);
        open.add(opened);
        await Promise.all([opened.persistence.whenLoaded, whenSynced(opened)]);
        await opened.persistence.flushed();
        open.delete(opened);
        opened.close();
        done += 1;
        if (showProgress) setFirstSync({ done, total: names.length });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (stopped) return;
    setFirstSync(null);
    setWorkspaceKept(true);
  })();

  return () => {
    stopped = true;
    setFirstSync(null);
    for (const opened of open) opened.close();
    open.clear();
  };
}

/** Resolves when the provider has synced with the server (waits across reconnects). */
function whenSynced(opened: OpenSyncedDoc): Promise<void> {
  return new Promise((resolve) => {
    if (opened.provider.synced) return resolve();
    const onSync = (synced: boolean) => {
      if (!synced) return;
      opened.provider.off('sync', onSync);
      resolve();
    };
    opened.provider.on('sync', onSync);
  });
}
