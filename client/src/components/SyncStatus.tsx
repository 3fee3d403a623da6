/**
 * The app-wide sync state, always visible under the header: online / offline / syncing,
 * the count of fields with local changes the server has not confirmed, whether this device
 * already holds them (separately: "saved on this device" is not "on the server"), the time of
 * the last full sync (Swedish format through Intl), whether the workspace is on this device
 * (online: a progress bar while it is fetched the first time, then "available offline";
 * offline: how many of its documents are here and which are not), and notices (offline
 * identity, refused changes). Shown only while someone is signed in. In words and symbols, never by colour alone.
 *
 * `[data-testid=sync-offline-ready]` is present exactly while every document of the workspace
 * is on this device (a stable signal for tests and the benchmark).
 */
import { parseDocumentName } from '@foljsam/domain';
import { For, type JSX, Show } from 'solid-js';
import { formatMonth, formatPeriod, t } from '../i18n';
import { formatDateTime } from '../i18n/dateTime';
import { appShellCached } from '../sync/appShell';
import {
  lastFullSync,
  online,
  pendingChanges,
  pendingDocuments,
  refusedDocuments,
  syncedNow,
  syncing,
  unsavedLocally,
  workspace,
} from '../sync/syncState';

export type SyncPhase = 'online' | 'offline' | 'syncing';

const symbols: Record<SyncPhase, string> = { online: '●', syncing: '◌', offline: '✕' };

/** Swedish time, like every other time in the app, whatever the browser's zone. */
function formatTime(date: Date): string {
  return formatDateTime(date.toISOString(), { seconds: true });
}

/** A document in words ("Månadsrapport mars 2015"), never its internal name. */
export function documentTitle(docName: string): string {
  const ref = parseDocumentName(docName);
  const titles = t().offline.documentTitle;
  if (!ref) return docName;
  if (ref.kind === 'plan') return titles.plan(ref.year);
  if (ref.kind === 'assignments') return titles.assignments(ref.year);
  if (ref.kind === 'boardSummary') return titles.boardSummary(formatPeriod(ref.period));
  // A tertial or year-end report is named by its period ("Delårsrapport (jan–aug) 2015").
  return ref.reportKind === 'month' ? titles.report(formatMonth(ref.month)) : formatPeriod(ref.period);
}

/** Every document of the workspace is on this device, and the app shell is cached to open them. */
function workspaceReady(): boolean {
  const current = workspace();
  return (
    !!current &&
    current.documents.length > 0 &&
    current.onDevice.size === current.documents.length &&
    appShellCached()
  );
}

/** Below the status line: the first sync's progress online, what works offline when not. */
function WorkspaceOnDevice(props: { online: boolean }): JSX.Element {
  const total = () => workspace()?.documents.length ?? 0;
  const available = () => workspace()?.onDevice.size ?? 0;
  const missing = () => workspace()?.documents.filter((name) => !workspace()?.onDevice.has(name)) ?? [];
  return (
    <Show when={workspace()}>
      {(current) => (
        <Show
          when={current().localStore}
          fallback={
            <p class="sync-status__notice" data-testid="sync-no-local-store">
              {t().offline.localStoreUnavailable}
            </p>
          }
        >
          <Show when={!workspaceReady() && props.online && current().fetching}>
            <p class="sync-status__progress" data-testid="sync-first-sync">
              <label>
                {t().offline.firstSync(available(), total())} <progress max={total()} value={available()} />
              </label>
            </p>
          </Show>
          <Show when={!workspaceReady() && !props.online}>
            <div class="sync-status__progress" data-testid="sync-offline-partial" data-count={available()}>
              <p class="sync-status__available">{t().offline.someOnDevice(available(), total())}</p>
              <details>
                <summary>{t().offline.missingOnDevice(missing().length)}</summary>
                <ul class="sync-status__missing">
                  <For each={missing()}>{(name) => <li>{documentTitle(name)}</li>}</For>
                </ul>
              </details>
            </div>
          </Show>
        </Show>
      )}
    </Show>
  );
}

export function SyncStatus(props: { unverifiedAs?: string | null }): JSX.Element {
  const phase = (): SyncPhase => (!online() ? 'offline' : syncing() ? 'syncing' : 'online');
  return (
    <section class="sync-status" aria-label={t().offline.label} data-testid="sync-status">
      <p class="sync-status__line" role="status" data-phase={phase()}>
        <span class="sync-status__symbol" aria-hidden="true">
          {symbols[phase()]}
        </span>
        <span data-testid="sync-phase">{t().offline[phase()]}</span>
        <span
          class="sync-status__pending"
          data-testid="sync-pending"
          data-count={pendingChanges()}
          data-documents={pendingDocuments()
            .map(({ docName, fields }) => `${docName}=${fields}`)
            .join(' ')}
          data-unsaved={unsavedLocally()}
        >
          {t().offline.pending(pendingChanges())}
        </span>
        {/* Separate from the server: whether this device already holds every local change. */}
        <Show when={unsavedLocally() > 0 || pendingChanges() > 0}>
          <span
            class="sync-status__device"
            data-testid="sync-device"
            data-saved={unsavedLocally() === 0 ? 'true' : 'false'}
          >
            {unsavedLocally() === 0 ? t().offline.savedOnDevice : t().offline.notSavedOnDevice}
          </span>
        </Show>
        <span class="sync-status__time" data-testid="sync-last-full" data-now={syncedNow()}>
          {syncedNow()
            ? t().offline.lastFullSyncNow
            : lastFullSync()
              ? t().offline.lastFullSync(formatTime(lastFullSync() as Date))
              : t().offline.neverSynced}
        </span>
        <Show when={workspaceReady()}>
          <span
            class="sync-status__ready"
            data-testid="sync-offline-ready"
            data-count={workspace()?.documents.length}
          >
            {online()
              ? t().offline.offlineReady
              : t().offline.allOnDevice(workspace()?.documents.length ?? 0)}
          </span>
        </Show>
      </p>
      <WorkspaceOnDevice online={online()} />
      <Show when={props.unverifiedAs}>
        {(name) => (
          <p class="sync-status__notice" data-testid="sync-unverified">
            {t().offline.unverified(name())}
          </p>
        )}
      </Show>
      <For each={refusedDocuments()}>
        {(docName) => (
          <p class="sync-status__notice" role="alert" data-testid="sync-refused">
            {t().offline.refused(documentTitle(docName))}{' '}
            <button type="button" class="button" onClick={() => window.location.reload()}>
              {t().offline.reload}
            </button>
          </p>
        )}
      </For>
    </section>
  );
}
