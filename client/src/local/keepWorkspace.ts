/**
 * Keeps the signed-in user's workspace on this device in the background: the plan, the
 * assignments and all reports of the user's department for the year (the twelve monthly ones,
 * the tertial reports and the year-end report) are fetched and
 * saved locally, and every document with changes the server has not confirmed from an
 * earlier visit is opened (from the journal at once, from PGlite once it has opened), so they
 * are sent as soon as there is a network.
 *
 * Fetching does not wait for the local database to open before it starts: each document is
 * opened (network and local load together) `CONCURRENCY` at a time, those the screen has open
 * first, and counts as on this device once its server copy is saved locally (`savedLocally`).
 * The whole workspace is fetched again (silently, without the progress bar) after every
 * return from offline, since the copies of closed documents may have fallen behind; only then
 * is the app fully synced again (`setWorkspaceKept`).
 */
import {
  assignmentsDocumentName,
  periodsOfYear,
  planDocumentName,
  reportDocumentName,
} from '@foljsam/domain';
import type { SessionUser } from '../api';
import { isOpenInPage, type OpenSyncedDoc, openSyncedDoc } from '../sync/openSyncedDoc';
import { onReconnected, pendingChanges, setWorkspace, setWorkspaceKept } from '../sync/syncState';
import { fetchDepartmentsOfflineFirst } from './cachedDepartments';
import { localJournal } from './journal';
import { localDb } from './localDb';
import { documentsOnDevice, markOnDevice } from './onDevice';

/**
 * Documents fetched at the same time. A browser opens one websocket to a host at a time (the
 * others wait, connecting), so every socket this copy starts is one the screen's own documents
 * may have to wait behind: a few at once keep the copy going without making the screen wait
 * for more than a few handshakes. A document the page already has open (the screen's) is
 * shared, not opened again (openSyncedDoc), and costs no socket. Six, not fewer: the page lets
 * four sockets connect at once anyway (reconnectBackoff.ts), and with three in flight a first
 * visit's full copy took longer (offline durability's reloads test: 22 s with six against 32 s
 * with three, one run each).
 */
const CONCURRENCY = 6;

/**
 * After a return from offline, the workspace is fetched again only once the changes made
 * offline are confirmed (or after this long): seventeen new connections would otherwise queue
 * in the browser ahead of the documents that have changes to send.
 */
const REFRESH_AFTER_PENDING_MAX_MS = 10_000;

/** The documents kept locally for a user and year. */
export function workspaceDocumentNames(user: Pick<SessionUser, 'departmentId'>, year: number): string[] {
  const names = [planDocumentName(year), assignmentsDocumentName(year)];
  if (user.departmentId) {
    for (const period of periodsOfYear(year)) names.push(reportDocumentName(period.id, user.departmentId));
  }
  return names;
}

/**
 * Resolves when the document's current content is durable in this browser (a snapshot in the
 * journal, without waiting for PGlite); true if it was saved there, false if this browser has
 * no local store. The one place that decides what "saved locally" means for the workspace.
 */
async function savedLocally(opened: OpenSyncedDoc): Promise<boolean> {
  return opened.persistence.whenSavedLocally();
}

/**
 * Starts keeping the workspace; returns a function that stops (closing what it opened,
 * after their unconfirmed changes are sent).
 */
export function keepWorkspaceLocally(user: Pick<SessionUser, 'departmentId'>, year: number): () => void {
  let stopped = false;
  const open = new Set<OpenSyncedDoc>();
  const names = workspaceDocumentNames(user, year);
  let fetching = false;
  let localStore = true;
  const publish = () => {
    if (stopped) return;
    const onDevice = documentsOnDevice();
    setWorkspace({
      documents: names,
      onDevice: new Set(names.filter((name) => onDevice.has(name))),
      fetching,
      localStore,
    });
  };
  publish();

  // Screens name departments from the REST list: remember it for offline use.
  void fetchDepartmentsOfflineFirst().catch(() => undefined);
  void openDocumentsWithPendingChanges();

  /**
   * Opens every document with changes the server has not confirmed, in the workspace or not,
   * so they are sent at once instead of waiting for their turn in the fetch: those in the
   * journal at once, those only PGlite holds once it has opened. Each stays connected until
   * the server has its changes (the fetch round shares those of the workspace).
   */
  async function openDocumentsWithPendingChanges(): Promise<void> {
    const opened = new Set<string>();
    const openPending = (docNames: string[]) => {
      for (const name of docNames) {
        if (stopped || opened.has(name)) continue;
        opened.add(name);
        const handle = openSyncedDoc(name);
        open.add(handle);
        // Once its local copy is loaded, its changes are known: closing then keeps it
        // connected until the server has confirmed them, and no longer.
        const release = () => {
          if (stopped || !open.delete(handle)) return;
          handle.close();
        };
        void handle.persistence.whenLoaded.then(release, () => undefined);
      }
    };
    const journal = await localJournal();
    if (journal) openPending(await journal.documentsWithEntries().catch(() => []));
    const db = await localDb();
    // For the benchmark's profile of a first visit (bench/src/offlineBrowser.ts).
    performance.mark('foljsam:local-db-open');
    if (!db || stopped) return;
    const { rows } = await db.query<{ doc_name: string }>(
      'select distinct doc_name from yjs_updates where pending',
    );
    openPending(rows.map((row) => row.doc_name));
  }

  /** Fetches every document of the workspace and saves it here. */
  async function fetchRound(round: { completed: number }): Promise<void> {
    // Those the page has open already first: they cost no socket and may be synced already.
    const queue = [...names.filter(isOpenInPage), ...names.filter((name) => !isOpenInPage(name))];
    const worker = async () => {
      for (let name = queue.shift(); name && !stopped; name = queue.shift()) {
        const opened = openSyncedDoc(name);
        open.add(opened);
        const start = performance.now();
        await whenSynced(opened);
        // The two parts of a document's fetch, for the benchmark's profile.
        performance.measure('foljsam:workspace-synced', { start, detail: name });
        const saved = await savedLocally(opened);
        performance.measure('foljsam:workspace-saved', { start, detail: name });
        open.delete(opened);
        opened.close();
        if (stopped) return;
        round.completed += 1;
        if (saved) markOnDevice(name);
        else localStore = false;
        publish();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  let running = false;
  let keptOnce = false;
  let current = { completed: 0 };
  let again = false;
  const keep = async () => {
    if (running) {
      // Back from offline in the middle of a round: what it fetched before may be behind.
      if (current.completed > 0) again = true;
      return;
    }
    running = true;
    fetching = true;
    publish();
    let first = !keptOnce;
    do {
      if (!first) await changesSent();
      first = false;
      again = false;
      current = { completed: 0 };
      await fetchRound(current);
    } while (again && !stopped);
    keptOnce = true;
    running = false;
    fetching = false;
    if (stopped) return;
    publish();
    setWorkspaceKept(true);
  };
  void keep();
  const stopListening = onReconnected(() => void keep());

  return () => {
    stopped = true;
    stopListening();
    setWorkspaceKept(false);
    setWorkspace(null);
    for (const opened of open) opened.close();
    open.clear();
  };
}

/** Resolves once no change waits for the server, or after `REFRESH_AFTER_PENDING_MAX_MS`. */
async function changesSent(): Promise<void> {
  const started = Date.now();
  while (pendingChanges() > 0 && Date.now() - started < REFRESH_AFTER_PENDING_MAX_MS) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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
