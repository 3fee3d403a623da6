/**
 * The life cycle of one monthly report: its status (an icon and text, never colour alone),
 * the buttons the server says this user may press now (`allowed`), and the logged events
 * (who, when, comment). Returning (återremiss) needs a comment and reopening a reason, each
 * asked for in a small form. The server writes the status into the document, so the status
 * shown follows the document live; the workflow itself is fetched again whenever `revision`
 * changes (the document's `meta` changed) and after each action.
 */
import type { ReportStatus } from '@foljsam/domain';
import { createEffect, createSignal, createUniqueId, For, type JSX, on, Show } from 'solid-js';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/dateTime';
import {
  type ApiResult,
  fetchWorkflow,
  runWorkflowAction,
  type Workflow,
  type WorkflowAction,
} from '../../rolesApi';
import '../roles.css';

/** A symbol per status, so the status never rests on colour alone. */
export const STATUS_ICONS: Record<ReportStatus, string> = {
  utkast: '✎',
  inskickad: '➤',
  godkand: '✓',
  aterremitterad: '↩',
};

export interface WorkflowPanelProps {
  month: string;
  departmentId: string;
  /** The status in the document right now (the server writes it; this follows it live). */
  status: ReportStatus;
  /** Bumped when the document's meta changes, to fetch the workflow again. */
  revision: number;
}

type Pending = 'return' | 'reopen' | null;

export function WorkflowPanel(props: WorkflowPanelProps): JSX.Element {
  const uid = createUniqueId();
  const [workflow, setWorkflow] = createSignal<Workflow | null>(null);
  const [loadFailed, setLoadFailed] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [pending, setPending] = createSignal<Pending>(null);
  const [text, setText] = createSignal('');
  const [textError, setTextError] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  let textArea: HTMLTextAreaElement | undefined;

  // Answers can arrive out of order (a meta change while a fetch is out): keep the newest request's.
  let requestNumber = 0;
  const load = async () => {
    const mine = ++requestNumber;
    const result = await fetchWorkflow(props.month, props.departmentId);
    if (mine !== requestNumber) return;
    if (result.ok) {
      setWorkflow(result.value);
      setLoadFailed(false);
    } else {
      setLoadFailed(true);
    }
  };
  createEffect(
    on(
      () => props.revision,
      () => void load(),
    ),
  );

  const allowed = (action: WorkflowAction) => !busy() && (workflow()?.allowed.includes(action) ?? false);

  const errorText = (result: Extract<ApiResult<unknown>, { ok: false }>) => {
    if (result.status === 0) return t().workflow.errors.unreachable;
    if (result.status === 403) return t().workflow.errors.forbidden;
    if (result.status === 409) return t().workflow.errors.conflict;
    return t().workflow.errors.failed(result.message);
  };

  const run = async (action: WorkflowAction, comment?: string) => {
    setBusy(true);
    setMessage(null);
    const result = await runWorkflowAction(props.month, props.departmentId, action, comment);
    setBusy(false);
    if (result.ok) {
      requestNumber++;
      setWorkflow(result.value);
      setPending(null);
      setText('');
      setMessage({ kind: 'ok', text: t().workflow.done[action] });
    } else {
      setMessage({ kind: 'error', text: errorText(result) });
      // What the user may do has likely changed (a 409): show the server's current view.
      void load();
    }
  };

  const open = (kind: Exclude<Pending, null>) => {
    setPending(kind);
    setText('');
    setTextError(null);
    queueMicrotask(() => textArea?.focus());
  };

  const form = () => (pending() === 'return' ? t().workflow.returnForm : t().workflow.reopenForm);

  const confirm = (event: SubmitEvent) => {
    event.preventDefault();
    const kind = pending();
    if (!kind) return;
    const value = text().trim();
    if (value === '') {
      setTextError(form().required);
      textArea?.focus();
      return;
    }
    setTextError(null);
    void run(kind, value);
  };

  const eventText = (action: WorkflowAction, who: string) => t().workflow.events[action](who);

  return (
    <section
      class="workflow"
      aria-labelledby={`workflow-heading-${uid}`}
      data-testid="report-workflow"
      data-loaded={workflow() ? 'true' : 'false'}
    >
      <h2 id={`workflow-heading-${uid}`} class="visually-hidden">
        {t().workflow.heading}
      </h2>
      <div class="workflow__status" data-status={props.status}>
        <span class="workflow__icon" aria-hidden="true">
          {STATUS_ICONS[props.status]}
        </span>
        <p class="report-lifecycle" data-testid="report-lifecycle" data-status={props.status}>
          <span class="report-lifecycle__label">{t().workflow.statusLabel}: </span>
          <strong class="report-lifecycle__value">{t().report.lifecycle[props.status]}</strong>
        </p>
      </div>

      <fieldset class="workflow__actions">
        <legend class="visually-hidden">{t().workflow.actionsLabel}</legend>
        <Show when={workflow()?.allowed.includes('submit')}>
          <button
            type="button"
            class="button button--primary"
            data-testid="workflow-submit"
            disabled={!allowed('submit')}
            onClick={() => void run('submit')}
          >
            {t().workflow.actions.submit}
          </button>
        </Show>
        <Show when={workflow()?.allowed.includes('approve')}>
          <button
            type="button"
            class="button button--primary"
            data-testid="workflow-approve"
            disabled={!allowed('approve')}
            onClick={() => void run('approve')}
          >
            {t().workflow.actions.approve}
          </button>
        </Show>
        <Show when={workflow()?.allowed.includes('return')}>
          <button
            type="button"
            class="button"
            data-testid="workflow-return"
            aria-expanded={pending() === 'return' ? 'true' : 'false'}
            aria-controls={`workflow-form-${uid}`}
            disabled={!allowed('return')}
            onClick={() => open('return')}
          >
            {t().workflow.actions.return}
          </button>
        </Show>
        <Show when={workflow()?.allowed.includes('reopen')}>
          <button
            type="button"
            class="button"
            data-testid="workflow-reopen"
            aria-expanded={pending() === 'reopen' ? 'true' : 'false'}
            aria-controls={`workflow-form-${uid}`}
            disabled={!allowed('reopen')}
            onClick={() => open('reopen')}
          >
            {t().workflow.actions.reopen}
          </button>
        </Show>
      </fieldset>

      <Show when={pending()}>
        <form id={`workflow-form-${uid}`} class="workflow__form" onSubmit={confirm} novalidate>
          <label for={`workflow-text-${uid}`}>{form().label}</label>
          <p id={`workflow-hint-${uid}`} class="workflow__hint">
            {form().hint}
          </p>
          <textarea
            ref={textArea}
            id={`workflow-text-${uid}`}
            data-testid="workflow-text"
            rows={3}
            required
            maxLength={2000}
            aria-invalid={textError() ? 'true' : undefined}
            aria-describedby={`workflow-hint-${uid}${textError() ? ` workflow-error-${uid}` : ''}`}
            value={text()}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                setPending(null);
              }
            }}
          />
          <Show when={textError()}>
            <p id={`workflow-error-${uid}`} class="form-error" role="alert">
              {textError()}
            </p>
          </Show>
          <div class="workflow__form-actions">
            <button
              type="submit"
              class="button button--primary"
              data-testid="workflow-confirm"
              disabled={busy()}
            >
              {busy() ? t().workflow.working : form().confirm}
            </button>
            <button type="button" class="button" onClick={() => setPending(null)}>
              {t().workflow.cancel}
            </button>
          </div>
        </form>
      </Show>

      <p
        class={message()?.kind === 'error' ? 'form-error' : 'workflow__message'}
        role={message()?.kind === 'error' ? 'alert' : 'status'}
        data-testid="workflow-message"
      >
        {message()?.text ?? ''}
      </p>

      <details class="workflow__events" open={(workflow()?.events.length ?? 0) > 0}>
        <summary>
          {t().workflow.events.heading} ({workflow()?.events.length ?? 0})
        </summary>
        <Show when={loadFailed()}>
          <p class="form-error">{t().workflow.errors.loadFailed}</p>
        </Show>
        <Show
          when={(workflow()?.events.length ?? 0) > 0}
          fallback={<p class="workflow__empty">{t().workflow.events.empty}</p>}
        >
          <ol class="workflow__event-list" data-testid="workflow-events">
            <For each={workflow()?.events ?? []}>
              {(event) => (
                <li class="workflow__event" data-action={event.action}>
                  <time datetime={event.at}>{formatDateTime(event.at)}</time>{' '}
                  <span class="workflow__event-text">{eventText(event.action, event.userName)}</span>
                  <Show when={event.comment}>
                    <p class="workflow__event-comment">
                      <span class="workflow__event-comment-label">
                        {event.action === 'reopen' ? t().workflow.events.reason : t().workflow.events.comment}
                        :{' '}
                      </span>
                      {event.comment}
                    </p>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </details>
    </section>
  );
}
