/**
 * The mail log (e-postlogg) on the admin screen: every reminder e-mail sent or attempted,
 * newest first — when, to whom, where it was redirected (MAIL_REDIRECT_ALL), its subject and
 * whether it went out. A failed message shows the SMTP server's answer; one claimed but never
 * sent (the server stopped in between) shows as not sent: it is not retried.
 */
import { createResource, createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/dateTime';
import { fetchMailLog, type MailStatus, mailStatus } from '../../remindersApi';

const STATUSES: readonly MailStatus[] = ['sent', 'failed', 'unsent'];

export function MailLogSection(): JSX.Element {
  const uid = createUniqueId();
  const [status, setStatus] = createSignal<MailStatus | ''>('');
  const [entries, { refetch }] = createResource(status, async (chosen) => {
    const result = await fetchMailLog(chosen === '' ? undefined : chosen);
    if (!result.ok) throw new Error(result.message);
    return result.value;
  });

  return (
    <section class="mail-log" aria-labelledby={`mail-log-heading-${uid}`} data-testid="mail-log">
      <h2 id={`mail-log-heading-${uid}`}>{t().reminders.log.heading}</h2>
      <p>{t().reminders.log.intro}</p>
      <div class="admin-form">
        <div class="field">
          <label for={`mail-log-status-${uid}`}>{t().reminders.log.status}</label>
          <select
            id={`mail-log-status-${uid}`}
            data-testid="mail-log-status"
            onChange={(event) => setStatus(event.currentTarget.value as MailStatus | '')}
          >
            <option value="" selected={status() === ''}>
              {t().reminders.log.statusAll}
            </option>
            <For each={STATUSES}>
              {(value) => (
                <option value={value} selected={status() === value}>
                  {t().reminders.log.states[value]}
                </option>
              )}
            </For>
          </select>
        </div>
        <button type="button" class="button" onClick={() => void refetch()}>
          {t().reminders.log.refresh}
        </button>
      </div>
      <Show when={!entries.error} fallback={<p class="form-error">{t().reminders.log.loadFailed}</p>}>
        <Show when={entries()} fallback={<p class="loading">{t().reminders.log.loading}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="notice">{t().reminders.log.empty}</p>}>
              <div class="table-scroll">
                <table
                  class="admin-table"
                  data-testid="mail-log-table"
                  aria-labelledby={`mail-log-heading-${uid}`}
                >
                  <thead>
                    <tr>
                      <th scope="col">{t().reminders.log.columns.when}</th>
                      <th scope="col">{t().reminders.log.columns.to}</th>
                      <th scope="col">{t().reminders.log.columns.redirectedTo}</th>
                      <th scope="col">{t().reminders.log.columns.subject}</th>
                      <th scope="col">{t().reminders.log.columns.status}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(entry) => {
                        const state = mailStatus(entry);
                        return (
                          <tr data-mail-key={entry.key} data-status={state}>
                            <td>{formatDateTime(entry.sentAt ?? entry.createdAt)}</td>
                            <td>{entry.recipient}</td>
                            <td>{entry.redirectedTo ?? '–'}</td>
                            <td>{entry.subject}</td>
                            <td class="mail-log__status" data-status={state}>
                              {t().reminders.log.states[state]}
                              <Show when={entry.error}>
                                {(error) => <span class="mail-log__error">{error()}</span>}
                              </Show>
                            </td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
                <p class="admin-count">{t().reminders.log.count(list().length)}</p>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
