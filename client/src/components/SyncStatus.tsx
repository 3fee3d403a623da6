/**
 * The app-wide sync state, always visible under the header: online / offline / syncing,
 * the count of fields with local changes the server has not confirmed, whether this device
 * already holds them (separately: "saved on this device" is not "on the server"), the time of the last full sync
 * (Swedish format through Intl), the first sync's progress, and notices (offline identity,
 * refused changes). In words and symbols, never by colour alone.
 */
import { For, type JSX, Show } from 'solid-js';
import { t } from '../i18n';
import {
  firstSync,
  lastFullSync,
  online,
  pendingChanges,
  pendingDocuments,
  refusedDocuments,
  syncing,
  unsavedLocally,
} from '../sync/syncState';

export type SyncPhase = 'online' | 'offline' | 'syncing';

const symbols: Record<SyncPhase, string> = { online: '●', syncing: '◌', offline: '✕' };

function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(t().intlLocale, { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

export function SyncStatus(props: { unverifiedAs?: string | null; sessionExpired?: boolean }): JSX.Element {
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
        <span class="sync-status__time" data-testid="sync-last-full">
          {lastFullSync()
            ? t().offline.lastFullSync(formatTime(lastFullSync() as Date))
            : t().offline.neverSynced}
        </span>
      </p>
      <Show when={firstSync()}>
        {(progress) => (
          <p class="sync-status__progress">
            <label>
              {t().offline.firstSync(progress().done, progress().total)}{' '}
              <progress max={progress().total} value={progress().done} />
            </label>
          </p>
        )}
      </Show>
      <Show when={props.unverifiedAs}>
        {(name) => (
          <p class="sync-status__notice" data-testid="sync-unverified">
            {t().offline.unverified(name())}
          </p>
        )}
      </Show>
      <Show when={props.sessionExpired}>
        <p class="sync-status__notice" role="alert" data-testid="sync-session-expired">
          {t().offline.sessionExpired}
        </p>
      </Show>
      <For each={refusedDocuments()}>
        {(docName) => (
          <p class="sync-status__notice" role="alert" data-testid="sync-refused">
            {t().offline.refused(docName)}{' '}
            <button type="button" class="button" onClick={() => window.location.reload()}>
              {t().offline.reload}
            </button>
          </p>
        )}
      </For>
    </section>
  );
}
