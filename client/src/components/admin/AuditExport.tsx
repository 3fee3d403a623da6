/**
 * Export of the audit log (who did what, when) for a chosen period, as CSV or JSON, for
 * administrators and the kommunchef. The file is fetched with the session cookie and saved
 * through a temporary object URL, so a refused request shows a message instead of saving an
 * error page as the file.
 */
import { isoDate, todayInSweden } from '@foljsam/domain';
import { createSignal, createUniqueId, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { type AuditFormat, fetchAudit } from '../../rolesApi';

/** The first day of the month of `day` (`YYYY-MM-DD`). */
const monthStart = (day: string) => `${day.slice(0, 8)}01`;

export function AuditExport(): JSX.Element {
  const uid = createUniqueId();
  const today = todayInSweden();
  const [from, setFrom] = createSignal(monthStart(today));
  const [to, setTo] = createSignal(today);
  const [format, setFormat] = createSignal<AuditFormat>('csv');
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const download = async (event: SubmitEvent) => {
    event.preventDefault();
    const start = from();
    const end = to();
    if (!isoDate.safeParse(start).success || !isoDate.safeParse(end).success || end < start) {
      setMessage({ kind: 'error', text: t().admin.audit.invalidPeriod });
      return;
    }
    setBusy(true);
    setMessage(null);
    const result = await fetchAudit(start, end, format());
    setBusy(false);
    if (!result.ok) {
      const text =
        result.status === 0
          ? t().admin.errors.unreachable
          : result.status === 403
            ? t().admin.audit.forbidden
            : t().admin.errors.failed(result.message);
      setMessage({ kind: 'error', text });
      return;
    }
    const file = `foljsam-logg-${start}-${end}.${format()}`;
    const url = URL.createObjectURL(result.value);
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
    // Give the browser a moment to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage({ kind: 'ok', text: t().admin.audit.done(file) });
  };

  return (
    <section class="audit-export" aria-labelledby={`audit-heading-${uid}`} data-testid="audit-export">
      <h2 id={`audit-heading-${uid}`}>{t().admin.audit.heading}</h2>
      <p>{t().admin.audit.intro}</p>
      <form class="admin-form" onSubmit={download} novalidate>
        <div class="field">
          <label for={`audit-from-${uid}`}>{t().admin.audit.from}</label>
          <input
            id={`audit-from-${uid}`}
            type="date"
            data-testid="audit-from"
            required
            value={from()}
            onInput={(event) => setFrom(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for={`audit-to-${uid}`}>{t().admin.audit.to}</label>
          <input
            id={`audit-to-${uid}`}
            type="date"
            data-testid="audit-to"
            required
            value={to()}
            onInput={(event) => setTo(event.currentTarget.value)}
          />
        </div>
        <fieldset class="field audit-export__format">
          <legend>{t().admin.audit.format}</legend>
          <label>
            <input
              type="radio"
              name={`audit-format-${uid}`}
              value="csv"
              checked={format() === 'csv'}
              onChange={() => setFormat('csv')}
            />{' '}
            {t().admin.audit.csv}
          </label>
          <label>
            <input
              type="radio"
              name={`audit-format-${uid}`}
              value="json"
              checked={format() === 'json'}
              onChange={() => setFormat('json')}
            />{' '}
            {t().admin.audit.json}
          </label>
        </fieldset>
        <button type="submit" class="button button--primary" data-testid="audit-download" disabled={busy()}>
          {busy() ? t().admin.audit.downloading : t().admin.audit.download}
        </button>
      </form>
      <p
        class={message()?.kind === 'error' ? 'form-error' : 'workflow__message'}
        role={message()?.kind === 'error' ? 'alert' : 'status'}
        data-testid="audit-message"
      >
        {message()?.text ?? ''}
      </p>
    </section>
  );
}
