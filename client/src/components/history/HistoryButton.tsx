/**
 * "Historik" for one field or text of a document: a button that opens a modal panel listing
 * the stored changes of that field, newest first, each with its author and time (from the
 * server's update log, never from what a client claims), and a "Återställ" button per entry
 * that writes the old value back as a new change (history is never rewritten). The server
 * answers a page at a time; "Visa äldre" fetches the next older page. Values are
 * rendered as text only: a stored `<img onerror=…>` shows as those characters.
 */
import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/dateTime';
import { fetchHistory, type HistoryEntry, restoreHistory } from '../../rolesApi';
import '../roles.css';

export interface HistoryButtonProps {
  docName: string;
  /** The history path, e.g. `assignments/ka-2015-1/title` or `analysis:goal:goal-6-1-4-1`. */
  field: string;
  /** What the field is called, for the button's accessible name and the panel's heading. */
  label: string;
  /** Shows a stored value as text (a status's name, a number in Swedish format). */
  format?: (value: unknown) => string;
  /** Whether the user may write the field now; restoring is offered only then. */
  canRestore: boolean;
  /** The button's visible text when "Historik" alone would not tell buttons apart (a field's name). */
  text?: string;
  /** A stable hook for tests, e.g. `history-budget/forecastTkr`. */
  testId?: string;
}

function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function HistoryButton(props: HistoryButtonProps): JSX.Element {
  const uid = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  let opener: HTMLButtonElement | undefined;
  const [entries, setEntries] = createSignal<HistoryEntry[] | null>(null);
  /** Why the first page could not be loaded: the server was busy (429) or anything else. */
  const [failed, setFailed] = createSignal<false | 'busy' | 'error'>(false);
  /** The cursor for older entries; null when the oldest is shown. */
  const [nextBefore, setNextBefore] = createSignal<number | null>(null);
  const [loadingOlder, setLoadingOlder] = createSignal(false);
  const [restoring, setRestoring] = createSignal<number | null>(null);
  const [message, setMessage] = createSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = async () => {
    const result = await fetchHistory(props.docName, props.field);
    if (result.ok) {
      // Newest first, whatever order the answer came in.
      setEntries([...result.value.entries].sort((a, b) => b.seq - a.seq));
      setNextBefore(result.value.hasMore ? (result.value.nextBefore ?? null) : null);
      setFailed(false);
    } else {
      setFailed(result.status === 429 ? 'busy' : 'error');
    }
  };

  const loadOlder = async () => {
    const before = nextBefore();
    if (before === null) return;
    setLoadingOlder(true);
    setMessage(null);
    const result = await fetchHistory(props.docName, props.field, before);
    setLoadingOlder(false);
    if (!result.ok) {
      setMessage({ kind: 'error', text: t().history.olderFailed(result.status === 429) });
      return;
    }
    // A restore meanwhile may have reloaded the first page: keep each entry once.
    const known = new Set((entries() ?? []).map((entry) => entry.seq));
    const older = result.value.entries.filter((entry) => !known.has(entry.seq));
    setEntries([...(entries() ?? []), ...older].sort((a, b) => b.seq - a.seq));
    setNextBefore(result.value.hasMore ? (result.value.nextBefore ?? null) : null);
  };

  const open = () => {
    setEntries(null);
    setNextBefore(null);
    setMessage(null);
    dialog?.showModal();
    void load();
  };

  const close = () => {
    dialog?.close();
  };

  const restore = async (entry: HistoryEntry) => {
    setRestoring(entry.seq);
    setMessage(null);
    const result = await restoreHistory(props.docName, props.field, entry.seq);
    setRestoring(null);
    if (result.ok) {
      setMessage({ kind: 'ok', text: t().history.restored });
      await load();
    } else {
      setMessage({ kind: 'error', text: t().history.restoreFailed(result.message) });
    }
  };

  const shown = (value: unknown) => {
    const text = props.format ? props.format(value) : plain(value);
    return text === '' ? t().history.emptyValue : text;
  };

  return (
    <>
      <button
        ref={opener}
        type="button"
        class="button button--small history-button"
        aria-label={t().history.buttonFor(props.label)}
        aria-haspopup="dialog"
        data-testid={props.testId ?? `history-${props.field}`}
        onClick={open}
      >
        <span aria-hidden="true">↺ </span>
        {props.text ?? t().history.button}
      </button>
      <dialog
        ref={dialog}
        class="history-panel"
        aria-labelledby={`history-heading-${uid}`}
        data-testid="history-panel"
        data-field={props.field}
        onClose={() => opener?.focus()}
      >
        <div class="history-panel__top">
          <h2 id={`history-heading-${uid}`}>{t().history.heading(props.label)}</h2>
          <button type="button" class="button button--small" onClick={close} data-testid="history-close">
            {t().history.close}
          </button>
        </div>
        <p class="history-panel__order">{t().history.newestFirst}</p>
        <p
          class={message()?.kind === 'error' ? 'form-error' : 'history-panel__message'}
          role={message()?.kind === 'error' ? 'alert' : 'status'}
          data-testid="history-message"
        >
          {message()?.text ?? ''}
        </p>
        <Show
          when={!failed()}
          fallback={
            <p class="form-error">
              {failed() === 'busy' ? t().history.olderFailed(true) : t().history.failed}
            </p>
          }
        >
          <Show when={entries()} fallback={<p class="loading">{t().history.loading}</p>}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p>{t().history.empty}</p>}>
                <ol class="history-panel__list" data-testid="history-entries">
                  <For each={list()}>
                    {(entry) => (
                      <li class="history-entry" data-seq={entry.seq} data-user-id={entry.userId}>
                        <div class="history-entry__meta">
                          <time datetime={entry.at} class="history-entry__time">
                            {formatDateTime(entry.at, { seconds: true })}
                          </time>{' '}
                          <span class="history-entry__author">{entry.userName}</span>
                        </div>
                        <p class="history-entry__value">{shown(entry.value)}</p>
                        <Show when={props.canRestore}>
                          <button
                            type="button"
                            class="button button--small"
                            aria-label={t().history.restoreFor(
                              formatDateTime(entry.at, { seconds: true }),
                              entry.userName,
                            )}
                            data-testid={`history-restore-${entry.seq}`}
                            disabled={restoring() !== null}
                            onClick={() => void restore(entry)}
                          >
                            {restoring() === entry.seq ? t().history.restoring : t().history.restore}
                          </button>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
                <Show when={nextBefore() !== null}>
                  <button
                    type="button"
                    class="button button--small history-panel__older"
                    data-testid="history-older"
                    disabled={loadingOlder()}
                    onClick={() => void loadOlder()}
                  >
                    {loadingOlder() ? t().history.loadingOlder : t().history.older}
                  </button>
                </Show>
              </Show>
            )}
          </Show>
        </Show>
      </dialog>
    </>
  );
}
