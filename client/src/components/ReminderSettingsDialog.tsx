/**
 * "Påminnelser" in the header: a small dialog where a signed-in user sees the address their
 * reminders go to (the administrator sets it) and chooses each reminder, a weekly digest or
 * none (`/api/reminder-settings`).
 */
import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { t } from '../i18n';
import {
  fetchReminderSettings,
  REMINDER_MODES,
  type ReminderMode,
  type ReminderSettings,
  saveReminderMode,
} from '../remindersApi';

export function ReminderSettingsDialog(): JSX.Element {
  const uid = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  let opener: HTMLButtonElement | undefined;
  const [settings, setSettings] = createSignal<ReminderSettings | null>(null);
  const [mode, setMode] = createSignal<ReminderMode>('each');
  const [message, setMessage] = createSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = createSignal(false);

  const open = async () => {
    setMessage(null);
    dialog?.showModal();
    const result = await fetchReminderSettings();
    if (result.ok) {
      setSettings(result.value);
      setMode(result.value.reminderMode);
    } else setMessage({ kind: 'error', text: t().reminders.loadFailed });
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await saveReminderMode(mode());
    setBusy(false);
    if (result.ok) {
      setSettings(result.value);
      setMessage({ kind: 'ok', text: t().reminders.saved });
    } else setMessage({ kind: 'error', text: t().reminders.saveFailed });
  };

  return (
    <>
      <button
        ref={opener}
        type="button"
        class="button"
        aria-haspopup="dialog"
        data-testid="reminders-open"
        onClick={() => void open()}
      >
        {t().reminders.open}
      </button>
      {/* In the body, not the header: the header's white-on-blue styles must not reach it. */}
      <Portal>
        <dialog
          ref={dialog}
          class="reminder-settings"
          aria-labelledby={`reminders-heading-${uid}`}
          data-testid="reminders-dialog"
          onClose={() => opener?.focus()}
        >
          <h2 id={`reminders-heading-${uid}`}>{t().reminders.heading}</h2>
          <p>{t().reminders.intro}</p>
          <Show when={settings()}>
            {(current) => (
              <form onSubmit={save} novalidate>
                <p data-testid="reminders-address">
                  <strong>{t().reminders.address}:</strong> {current().email ?? t().reminders.noAddress}
                </p>
                <Show when={!current().mailEnabled}>
                  <p class="notice">{t().reminders.mailOff}</p>
                </Show>
                <fieldset>
                  <legend>{t().reminders.choice}</legend>
                  <For each={REMINDER_MODES}>
                    {(value) => (
                      <label>
                        <input
                          type="radio"
                          name={`reminder-mode-${uid}`}
                          value={value}
                          data-testid={`reminders-mode-${value}`}
                          checked={mode() === value}
                          onChange={() => setMode(value)}
                        />{' '}
                        {t().reminders.modes[value]}
                      </label>
                    )}
                  </For>
                </fieldset>
                <div class="reminder-settings__actions">
                  <button
                    type="submit"
                    class="button button--primary"
                    data-testid="reminders-save"
                    disabled={busy()}
                  >
                    {busy() ? t().reminders.saving : t().reminders.save}
                  </button>
                  <button type="button" class="button" onClick={() => dialog?.close()}>
                    {t().reminders.close}
                  </button>
                </div>
              </form>
            )}
          </Show>
          <p
            class={message()?.kind === 'error' ? 'form-error' : 'notice'}
            role={message()?.kind === 'error' ? 'alert' : 'status'}
            data-testid="reminders-message"
          >
            {message()?.text ?? ''}
          </p>
          <Show when={!settings()}>
            <button type="button" class="button" onClick={() => dialog?.close()}>
              {t().reminders.close}
            </button>
          </Show>
        </dialog>
      </Portal>
    </>
  );
}
