/**
 * The app-wide sync state (synkstatus) the status bar shows: whether any document is
 * connected, how many local changes the server has not confirmed, the time of the last full
 * sync, which of the workspace's documents are on this device (and the first sync's progress)
 * and documents whose changes the server refused. Every open document registers here.
 *
 * "Fully synced" (`fullySynced`) means: every document of the workspace was fetched from the
 * server and saved on this device since the app last was offline (`setWorkspaceKept`), the
 * app is online, every open document is connected and past its handshake, and no local change
 * is waiting for the server or for the local store. The last full sync (`lastFullSync`) is the
 * last moment that held, to the second: stamped when it starts to hold, at every change while
 * it holds and at the moment it stops holding (at most once a second: typing leaves and
 * re-enters it several times a second), and every 30 s while it holds and when the page is
 * hidden. While it holds, the status bar says "just now" instead of a time
 * (`syncedNow`); changes in flight on a live connection keep "just now" for up to 2 s, so
 * typing does not make the line flicker.
 */
import { createRoot, createSignal } from 'solid-js';
import type { WebsocketProvider } from 'y-websocket';
import { forgetOnDevice } from '../local/onDevice';
import type { PglitePersistence } from '../local/PglitePersistence';

export interface TrackedDoc {
  readonly docName: string;
  readonly provider: WebsocketProvider;
  readonly persistence: PglitePersistence;
}

const LAST_FULL_SYNC_KEY = 'foljsam.lastFullSync';
/** How long "just now" outlasts a full sync while changes are in flight on a live connection. */
const FULL_SYNC_GRACE_MS = 2_000;
/** How often the last full sync is stamped while it holds (the stamp survives a crash). */
const FULL_SYNC_STAMP_INTERVAL_MS = 30_000;

/** The workspace's documents and which of them this device holds. */
export interface WorkspaceState {
  /** Every document of the user's workspace, in fetch order. */
  readonly documents: readonly string[];
  /** Those saved on this device (from the server, at some visit). */
  readonly onDevice: ReadonlySet<string>;
  /** Whether documents missing here are being fetched now. */
  readonly fetching: boolean;
  /** false when this browser cannot keep documents (no local store). */
  readonly localStore: boolean;
}

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
  const [workspace, setWorkspace] = createSignal<WorkspaceState | null>(null);
  const [refused, setRefused] = createSignal<string[]>([]);
  const [workspaceKept, setWorkspaceKept] = createSignal(false);
  const [syncedNow, setSyncedNow] = createSignal(false);
  return {
    version,
    setVersion,
    browserOnline,
    setBrowserOnline,
    lastFullSync,
    setLastFullSync,
    workspace,
    setWorkspace,
    refused,
    setRefused,
    workspaceKept,
    setWorkspaceKept,
    syncedNow,
    setSyncedNow,
  };
});

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    state.setBrowserOnline(true);
    syncStateChanged();
  });
  window.addEventListener('offline', () => {
    state.setBrowserOnline(false);
    syncStateChanged();
  });
  setInterval(() => {
    if (fullySynced()) stampLastFullSync(true);
  }, FULL_SYNC_STAMP_INTERVAL_MS);
  window.addEventListener('pagehide', () => {
    if (fullySynced()) stampLastFullSync(true);
  });
}

/** Called when the app is online again after having been offline (not at its first connect). */
const reconnectListeners = new Set<() => void>();

/** Registers `listener` for every return from offline; returns the function that removes it. */
export function onReconnected(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

let wasOnline = false;
let beenOnline = false;
let wasFullySynced = false;
let graceTimer: ReturnType<typeof setTimeout> | undefined;

function stampLastFullSync(force: boolean): void {
  const now = new Date();
  const previous = state.lastFullSync();
  // Throttled while it holds: typing confirms changes several times a second.
  if (!force && previous && now.getTime() - previous.getTime() <= 1_000) return;
  state.setLastFullSync(now);
  try {
    localStorage.setItem(LAST_FULL_SYNC_KEY, now.toISOString());
  } catch {
    // Storage disabled: the time lasts for this page.
  }
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
  const isOnline = online();
  if (wasOnline && !isOnline) {
    // Documents kept earlier may fall behind the server while offline: not fully synced
    // again until the workspace has been fetched once more.
    state.setWorkspaceKept(false);
  }
  const reconnected = !wasOnline && isOnline && beenOnline;
  wasOnline = isOnline;
  if (isOnline) beenOnline = true;

  const full = fullySynced();
  if (full) {
    clearTimeout(graceTimer);
    graceTimer = undefined;
    state.setSyncedNow(true);
    stampLastFullSync(false);
  } else if (wasFullySynced) {
    // The last moment it held is now (within the second: typing leaves and re-enters it).
    stampLastFullSync(false);
  }
  if (!full && state.syncedNow()) {
    if (!isOnline) {
      clearTimeout(graceTimer);
      graceTimer = undefined;
      state.setSyncedNow(false);
    } else if (graceTimer === undefined) {
      graceTimer = setTimeout(() => {
        graceTimer = undefined;
        if (!fullySynced()) state.setSyncedNow(false);
      }, FULL_SYNC_GRACE_MS);
    }
  }
  wasFullySynced = full;
  if (reconnected) for (const listener of [...reconnectListeners]) listener();
}

/**
 * Whether the app reaches the server: the browser is online and a document is connected,
 * or none is open, or every open one is still on its first attempt (a screen that just
 * opened a document is not offline while it connects).
 */
export function online(): boolean {
  state.version();
  if (!state.browserOnline()) return false;
  if (tracked.size === 0) return true;
  let anyLost = false;
  for (const { provider } of tracked) {
    if (provider.wsconnected) return true;
    // y-websocket counts failed and lost connections until a sync succeeds.
    if (provider.wsUnsuccessfulReconnects > 0) anyLost = true;
  }
  return !anyLost;
}

/** Whether everything is in sync with the server and saved here (see the module comment). */
export function fullySynced(): boolean {
  return state.workspaceKept() && online() && pendingChanges() === 0 && unsavedLocally() === 0 && !syncing();
}

/** Whether the status bar may say "fully synced just now". */
export const syncedNow = state.syncedNow;

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
export const refusedDocuments = state.refused;

/** The workspace's documents and which of them are on this device (null before sign-in). */
export const workspace = state.workspace;

/** Sets what the status bar knows about the workspace (null: no workspace is kept). */
export function setWorkspace(next: WorkspaceState | null): void {
  state.setWorkspace(next);
}

/** The whole workspace has been kept locally once this session (a full sync can be recorded). */
export function setWorkspaceKept(kept: boolean): void {
  state.setWorkspaceKept(kept);
  syncStateChanged();
}

/** The server refused changes to `docName`; the UI says so. Its local copy is dropped. */
export function reportRefused(docName: string): void {
  if (!state.refused().includes(docName)) state.setRefused([...state.refused(), docName]);
  forgetOnDevice(docName);
  const current = state.workspace();
  if (current?.onDevice.has(docName)) {
    const onDevice = new Set(current.onDevice);
    onDevice.delete(docName);
    state.setWorkspace({ ...current, onDevice });
  }
}
