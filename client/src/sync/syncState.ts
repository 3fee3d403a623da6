/**
 * The app-wide sync state (synkstatus) the status bar shows: whether any document is
 * connected, how many local changes the server has not confirmed, the time of the last full
 * sync, the progress of the first sync of the workspace and documents whose changes the
 * server refused. Every open document registers here.
 */
import { createRoot, createSignal } from 'solid-js';
import type { WebsocketProvider } from 'y-websocket';
import type { PglitePersistence } from '../local/PglitePersistence';

export interface TrackedDoc {
  readonly docName: string;
  readonly provider: WebsocketProvider;
  readonly persistence: PglitePersistence;
}

const LAST_FULL_SYNC_KEY = 'foljsam.lastFullSync';

function storedLastFullSync(): Date | null {
  try {
    const value = localStorage.getItem(LAST_FULL_SYNC_KEY);
    return value ? new Date(value) : null;
  } catch {
    return null;
  }
}

const tracked = new Set<TrackedDoc>();

const state = createRoot(() => {
  const [version, setVersion] = createSignal(0);
  const [browserOnline, setBrowserOnline] = createSignal(
    typeof navigator === 'undefined' ? true : navigator.onLine,
  );
  const [lastFullSync, setLastFullSync] = createSignal<Date | null>(storedLastFullSync());
  const [firstSync, setFirstSync] = createSignal<{ done: number; total: number } | null>(null);
  const [refused, setRefused] = createSignal<string[]>([]);
  const [workspaceKept, setWorkspaceKept] = createSignal(false);
  return {
    version,
    setVersion,
    browserOnline,
    setBrowserOnline,
    lastFullSync,
    setLastFullSync,
    firstSync,
    setFirstSync,
    refused,
    setRefused,
    workspaceKept,
    setWorkspaceKept,
  };
});

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => state.setBrowserOnline(true));
  window.addEventListener('offline', () => state.setBrowserOnline(false));
}

/** Registers an open document; returns the function that unregisters it. */
export function trackDoc(entry: TrackedDoc): () => void {
  tracked.add(entry);
  const onChange = () => syncStateChanged();
  entry.provider.on('status', onChange);
  entry.provider.on('sync', onChange);
  syncStateChanged();
  return () => {
    entry.provider.off('status', onChange);
    entry.provider.off('sync', onChange);
    tracked.delete(entry);
    syncStateChanged();
  };
}

/** Recomputes the derived state (called on any change of a tracked document). */
export function syncStateChanged(): void {
  state.setVersion((v) => v + 1);
  if (state.workspaceKept() && online() && pendingChanges() === 0 && !syncing()) {
    const now = new Date();
    const previous = state.lastFullSync();
    // Written at most once a second: typing confirms changes several times a second.
    if (!previous || now.getTime() - previous.getTime() > 1_000) {
      state.setLastFullSync(now);
      try {
        localStorage.setItem(LAST_FULL_SYNC_KEY, now.toISOString());
      } catch {
        // Storage disabled: the time lasts for this page.
      }
    }
  }
}

/** Whether the app reaches the server: a document is connected, or none is open and the browser is online. */
export function online(): boolean {
  state.version();
  if (!state.browserOnline()) return false;
  if (tracked.size === 0) return true;
  return [...tracked].some(({ provider }) => provider.wsconnected);
}

/** Fields changed by local changes of open documents that the server has not confirmed yet. */
export function pendingChanges(): number {
  return pendingDocuments().reduce((sum, { fields }) => sum + fields, 0);
}

/** Local changes not yet durable on this device (0: everything is safe on this computer). */
export function unsavedLocally(): number {
  state.version();
  let count = 0;
  for (const { persistence } of tracked) count += persistence.unsavedCount;
  return count;
}

/** Documents with local changes the server has not confirmed, and their count of changed fields. */
export function pendingDocuments(): { docName: string; fields: number }[] {
  state.version();
  const byName = new Map<string, number>();
  for (const { docName, persistence } of tracked) {
    // A document open twice (a screen and the background keeper) holds the same changes.
    byName.set(docName, Math.max(byName.get(docName) ?? 0, persistence.pendingCount));
  }
  return [...byName].filter(([, fields]) => fields > 0).map(([docName, fields]) => ({ docName, fields }));
}

/** Local changes that would be lost if the page went away now (see leaveGuard.ts). */
export function changesAtRisk(): number {
  let count = 0;
  for (const { persistence } of tracked) count += persistence.atRiskCount;
  return count;
}

/** Whether a connected document is still exchanging its handshake or changes. */
export function syncing(): boolean {
  state.version();
  return [...tracked].some(
    ({ provider, persistence }) => provider.wsconnected && (!provider.synced || persistence.pendingCount > 0),
  );
}

export const lastFullSync = state.lastFullSync;
export const firstSync = state.firstSync;
export const setFirstSync = state.setFirstSync;
export const refusedDocuments = state.refused;

/** The whole workspace has been kept locally once this session (a full sync can be recorded). */
export function setWorkspaceKept(kept: boolean): void {
  state.setWorkspaceKept(kept);
  syncStateChanged();
}

/** The server refused changes to `docName`; the UI says so. */
export function reportRefused(docName: string): void {
  if (!state.refused().includes(docName)) state.setRefused([...state.refused(), docName]);
}
