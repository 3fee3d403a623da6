/**
 * The plan's status: a banner "Utkast" or "Fastställd <datum> (<beslut>)"; for a writer on a
 * draft the form "Fastställ planen" (decision and date, through the server, which records the
 * decision and freezes a copy); for a writer on an adopted plan the reason of the revision,
 * asked before any field opens for editing and passed to every writer.
 */
import { isoDate, type Plan, todayInSweden } from '@foljsam/domain';
import { createSignal, createUniqueId, type JSX, Show } from 'solid-js';
import { formatDate, t } from '../../i18n';
import { adoptPlan } from '../../plansApi';

export function StatusBanner(props: { plan: Plan }): JSX.Element {
  const words = () => t().plan.status;
  return (
    <div
      class="plan-status"
      classList={{ 'plan-status--adopted': props.plan.adoptedOn !== null }}
      data-testid="plan-status"
      data-status={props.plan.adoptedOn !== null ? 'faststalld' : 'utkast'}
    >
      <Show
        when={props.plan.adoptedOn}
        fallback={
          <p>
            <strong>{words().draft}</strong> {words().draftText}
          </p>
        }
      >
        {(adoptedOn) => (
          <p>
            <strong>
              {words().adopted(formatDate(adoptedOn()), props.plan.adoption?.decisionRef ?? null)}
            </strong>{' '}
            {words().adoptedText}
          </p>
        )}
      </Show>
    </div>
  );
}

export function AdoptForm(props: { year: number; onAdopted: () => void }): JSX.Element {
  const uid = createUniqueId();
  const words = () => t().plan.adopt;
  const [refError, setRefError] = createSignal<string | null>(null);
  const [dateError, setDateError] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let refInput: HTMLInputElement | undefined;
  let dateInput: HTMLInputElement | undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    const decisionRef = refInput?.value.trim() ?? '';
    const decidedOn = dateInput?.value ?? '';
    const refBad = decisionRef === '' ? words().missingRef : null;
    const dateBad = isoDate.safeParse(decidedOn).success ? null : words().invalidDate;
    setRefError(refBad);
    setDateError(dateBad);
    setFailure(null);
    if (refBad) refInput?.focus();
    else if (dateBad) dateInput?.focus();
    if (refBad || dateBad) return;
    setBusy(true);
    const result = await adoptPlan(props.year, decisionRef, decidedOn);
    setBusy(false);
    if (result.ok) props.onAdopted();
    else setFailure(words().failed(result.message));
  };

  return (
    <form
      class="plan-adopt"
      aria-labelledby={`adopt-${uid}`}
      onSubmit={submit}
      data-testid="adopt-form"
      noValidate
    >
      <h2 id={`adopt-${uid}`}>{words().heading}</h2>
      <div class="plan-grid">
        <div class="form-field">
          <label for={`adopt-ref-${uid}`}>{words().decisionRef}</label>
          <input
            ref={refInput}
            id={`adopt-ref-${uid}`}
            type="text"
            class="board-field__input"
            placeholder={words().decisionRefHint}
            maxLength={200}
            required
            aria-invalid={refError() ? 'true' : undefined}
            aria-describedby={refError() ? `adopt-ref-error-${uid}` : undefined}
          />
          <Show when={refError()}>
            <p id={`adopt-ref-error-${uid}`} class="board-field__error" role="alert">
              {refError()}
            </p>
          </Show>
        </div>
        <div class="form-field">
          <label for={`adopt-date-${uid}`}>{words().decidedOn}</label>
          <input
            ref={dateInput}
            id={`adopt-date-${uid}`}
            type="date"
            class="board-field__input"
            value={todayInSweden()}
            required
            aria-invalid={dateError() ? 'true' : undefined}
            aria-describedby={dateError() ? `adopt-date-error-${uid}` : undefined}
          />
          <Show when={dateError()}>
            <p id={`adopt-date-error-${uid}`} class="board-field__error" role="alert">
              {dateError()}
            </p>
          </Show>
        </div>
      </div>
      <button type="submit" class="button button--primary" disabled={busy()} data-testid="adopt-submit">
        {busy() ? words().submitting : words().submit}
      </button>
      <Show when={failure()}>
        <p class="form-error" role="alert">
          {failure()}
        </p>
      </Show>
    </form>
  );
}

/** Asks for the reason of a revision before an adopted plan opens for editing; shows it while revising. */
export function RevisionReason(props: {
  reason: string | null;
  onChange: (reason: string | null) => void;
}): JSX.Element {
  const uid = createUniqueId();
  const words = () => t().plan.revision;
  const [error, setError] = createSignal<string | null>(null);
  let input: HTMLTextAreaElement | undefined;
  const start = (event: Event) => {
    event.preventDefault();
    const reason = input?.value.trim() ?? '';
    if (reason === '') {
      setError(words().missing);
      input?.focus();
      return;
    }
    setError(null);
    props.onChange(reason);
  };
  return (
    <Show
      when={props.reason}
      fallback={
        <form
          class="plan-revision"
          aria-labelledby={`revise-${uid}`}
          onSubmit={start}
          data-testid="revision-form"
          noValidate
        >
          <h2 id={`revise-${uid}`}>{words().heading}</h2>
          <p>{words().intro}</p>
          <label for={`revise-reason-${uid}`}>{words().reason}</label>
          <textarea
            ref={input}
            id={`revise-reason-${uid}`}
            class="board-field__input"
            rows={2}
            maxLength={2000}
            required
            aria-invalid={error() ? 'true' : undefined}
            aria-describedby={error() ? `revise-error-${uid}` : undefined}
          />
          <Show when={error()}>
            <p id={`revise-error-${uid}`} class="board-field__error" role="alert">
              {error()}
            </p>
          </Show>
          <button type="submit" class="button button--primary" data-testid="revision-start">
            {words().start}
          </button>
        </form>
      }
    >
      {(reason) => (
        <div class="plan-revision plan-revision--active" data-testid="revision-active">
          <p>{words().active(reason())}</p>
          <button type="button" class="button button--small" onClick={() => props.onChange(null)}>
            {words().stop}
          </button>
        </div>
      )}
    </Show>
  );
}
