/**
 * `/logg`: the audit log (revisionslogg) to read, for administrators and the kommunchef: who
 * changed which field of which document from what to what, sign-ins, workflow steps and user
 * administration, newest first, filtered by who, document, field and period, a page at a time
 * from the server. Times are Swedish time whatever the browser's zone; the CSV download has the
 * same filters.
 */
import {
  addDays,
  auditActionName,
  auditDetailText,
  auditDocumentName,
  auditFieldName,
  auditValues,
  isoDate,
  todayInSweden,
} from '@foljsam/domain';
import { createResource, createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import { type AuditFilters, fetchAuditCsv, fetchAuditPage } from '../auditApi';
import { ScrollBox } from '../components/ScrollBox';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/dateTime';
import { useWorkspace } from '../workspace';
import '../components/roles.css';
import './audit.css';

/** Rows per page: enough to scan, few enough to answer fast. */
export const AUDIT_PAGE_SIZE = 50;

export function AuditScreen(): JSX.Element {
  const { user } = useWorkspace();
  return (
    <section class="admin audit" aria-labelledby="audit-screen-heading">
      <h1 id="audit-screen-heading" tabindex="-1">
        {t().audit.heading}
      </h1>
      <Show
        when={user.role === 'admin' || user.role === 'kommunchef'}
        fallback={<p class="notice">{t().audit.forbidden}</p>}
      >
        <AuditLog />
      </Show>
    </section>
  );
}

function AuditLog(): JSX.Element {
  const uid = createUniqueId();
  const today = todayInSweden();
  // The form's fields; the applied filters change only on "Visa", so typing fetches nothing.
  const [from, setFrom] = createSignal(addDays(today, -30));
  const [to, setTo] = createSignal(today);
  const [who, setWho] = createSignal('');
  const [document_, setDocument] = createSignal('');
  const [field, setField] = createSignal('');
  const [filters, setFilters] = createSignal<AuditFilters>({ from: from(), to: to() });
  const [offset, setOffset] = createSignal(0);
  const [message, setMessage] = createSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = createSignal(false);

  const [page] = createResource(
    () => ({ filters: filters(), offset: offset() }),
    ({ filters: chosen, offset: start }) => fetchAuditPage(chosen, start, AUDIT_PAGE_SIZE),
  );

  /** The form's filters, or null (with a message) for a period that is not one. */
  const formFilters = (): AuditFilters | null => {
    const start = from();
    const end = to();
    if (!isoDate.safeParse(start).success || !isoDate.safeParse(end).success || end < start) {
      setMessage({ kind: 'error', text: t().audit.invalidPeriod });
      return null;
    }
    setMessage(null);
    return {
      from: start,
      to: end,
      user: who() || undefined,
      document: document_() || undefined,
      field: field(),
    };
  };

  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = formFilters();
    if (!chosen) return;
    setOffset(0);
    setFilters(chosen);
  };

  const download = async () => {
    const chosen = formFilters();
    if (!chosen) return;
    setBusy(true);
    const result = await fetchAuditCsv(chosen);
    setBusy(false);
    if (!result.ok) {
      setMessage({ kind: 'error', text: t().audit.failed(result.message) });
      return;
    }
    const file = `revisionslogg-${chosen.from}-${chosen.to}.csv`;
    const url = URL.createObjectURL(result.value);
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage({ kind: 'ok', text: t().audit.downloaded(file) });
  };

  const loaded = () => {
    const result = page();
    return result?.ok ? result.value : null;
  };

  return (
    <>
      <p>{t().audit.intro}</p>
      <form class="admin-form audit__filters" onSubmit={apply} novalidate aria-label={t().audit.filters}>
        <div class="field">
          <label for={`audit-from-${uid}`}>{t().audit.from}</label>
          <input
            id={`audit-from-${uid}`}
            type="date"
            value={from()}
            onInput={(event) => setFrom(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`audit-to-${uid}`}>{t().audit.to}</label>
          <input
            id={`audit-to-${uid}`}
            type="date"
            value={to()}
            onInput={(event) => setTo(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`audit-user-${uid}`}>{t().audit.user}</label>
          <select
            id={`audit-user-${uid}`}
            value={who()}
            onChange={(event) => setWho(event.currentTarget.value)}
          >
            <option value="">{t().audit.anyone}</option>
            <For each={loaded()?.users ?? []}>
              {(option) => <option value={option.id}>{option.name}</option>}
            </For>
          </select>
        </div>
        <div class="field">
          <label for={`audit-document-${uid}`}>{t().audit.document}</label>
          <select
            id={`audit-document-${uid}`}
            value={document_()}
            onChange={(event) => setDocument(event.currentTarget.value)}
          >
            <option value="">{t().audit.anyDocument}</option>
            <For each={loaded()?.documents ?? []}>
              {(option) => (
                <option value={option.name}>
                  {auditDocumentName(option.name, option.departmentName, t().audit.words)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for={`audit-field-${uid}`}>{t().audit.field}</label>
          <input
            id={`audit-field-${uid}`}
            type="search"
            placeholder={t().audit.fieldPlaceholder}
            value={field()}
            onInput={(event) => setField(event.currentTarget.value)}
          />
        </div>
        <div class="audit__buttons">
          <button type="submit" class="button button--primary" data-testid="audit-apply">
            {t().audit.apply}
          </button>
          <button type="button" class="button" data-testid="audit-csv" disabled={busy()} onClick={download}>
            {busy() ? t().audit.downloading : t().audit.download}
          </button>
        </div>
      </form>
      <p
        class={message()?.kind === 'error' ? 'form-error' : 'workflow__message'}
        role={message()?.kind === 'error' ? 'alert' : 'status'}
        data-testid="audit-message"
      >
        {message()?.text ?? ''}
      </p>
      <Show when={!page.loading || loaded()} fallback={<p role="status">{t().audit.loading}</p>}>
        <Show
          when={loaded()}
          fallback={
            <p class="form-error" role="alert">
              {t().audit.failed(
                (() => {
                  const result = page();
                  return result && !result.ok ? result.message : '';
                })(),
              )}
            </p>
          }
        >
          {(current) => (
            <>
              <Show when={current().total > 0} fallback={<p data-testid="audit-empty">{t().audit.empty}</p>}>
                <ScrollBox class="audit__table-wrap" label={t().audit.heading}>
                  <table class="audit__table" data-testid="audit-table">
                    <thead>
                      <tr>
                        <th scope="col">{t().audit.columns.at}</th>
                        <th scope="col">{t().audit.columns.user}</th>
                        <th scope="col">{t().audit.columns.action}</th>
                        <th scope="col">{t().audit.columns.document}</th>
                        <th scope="col">{t().audit.columns.field}</th>
                        <th scope="col">{t().audit.columns.old}</th>
                        <th scope="col">{t().audit.columns.new}</th>
                        <th scope="col">{t().audit.columns.detail}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={current().rows}>
                        {(row) => {
                          const words = () => t().audit.words;
                          const values = () => auditValues(row, words());
                          return (
                            <tr data-testid="audit-row" data-action={row.action} data-field={row.field ?? ''}>
                              <td class="audit__time">
                                <time datetime={row.at}>{formatDateTime(row.at, { seconds: true })}</time>
                              </td>
                              <td>{row.userName}</td>
                              <td>{auditActionName(row.action, words())}</td>
                              <td>{auditDocumentName(row.document, row.departmentName, words())}</td>
                              <td>{auditFieldName(row, words())}</td>
                              <td>{values().old}</td>
                              <td>{values().new}</td>
                              <td class="audit__detail">
                                {auditDetailText(row.action, row.detail, words())}
                              </td>
                            </tr>
                          );
                        }}
                      </For>
                    </tbody>
                  </table>
                </ScrollBox>
              </Show>
              <nav class="audit__paging" aria-label={t().audit.heading}>
                <button
                  type="button"
                  class="button"
                  disabled={current().offset === 0}
                  onClick={() => setOffset(Math.max(0, current().offset - AUDIT_PAGE_SIZE))}
                >
                  {t().audit.newer}
                </button>
                <span data-testid="audit-range">
                  {t().audit.range(
                    current().total === 0 ? 0 : current().offset + 1,
                    current().offset + current().rows.length,
                    current().total,
                  )}
                </span>
                <button
                  type="button"
                  class="button"
                  disabled={current().offset + current().rows.length >= current().total}
                  onClick={() => setOffset(current().offset + AUDIT_PAGE_SIZE)}
                >
                  {t().audit.older}
                </button>
              </nav>
            </>
          )}
        </Show>
      </Show>
    </>
  );
}
