/**
 * The life cycle of one monthly report: its status (an icon and text, never colour alone) and
 * what it means now (who submitted, returned, approved or reopened it and when, from the live
 * document's `meta`, never a message left over from an earlier step), the buttons the server
 * says this user may press now (`allowed`), and the logged events (who, when, comment).
 * Returning (återremiss) needs a comment and reopening a reason, each asked for in a small form.
 *
 * While the report is submitted, everything changed after submission is listed ("Ändrat efter
 * inskick"), live from the document (reportVersion.ts); the writers of texts come from the
 * server's workflow view. "Godkänn" sends the version of the report on screen; if the report
 * changed since, the server refuses (409) with the changes, which are shown here, and the
 * reviewer approves again after looking. The workflow is fetched again whenever `revision`
 * changes (the document's `meta` changed), when the changed fields change, and after each action.
 */
import {
  observeReport,
  type ReportChange,
  type ReportStatus,
  readReportStatusChange,
  reportChangesSinceSubmission,
  reportVersion,
} from '@foljsam/domain';
import {
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  type JSX,
  on,
  onCleanup,
  Show,
} from 'solid-js';
import type * as Y from 'yjs';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/dateTime';
import {
  type ApiResult,
  fetchWorkflow,
  runWorkflowAction,
  type Workflow,
  type WorkflowAction,
  type WorkflowChange,
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
  /** The report's document, live: its meta and what changed after submission are read from it. */
  doc: Y.Doc;
  /** Names a changed field in the domain's words (the indicator's or item's name), e.g. "Utfall: Andel heltider". */
  fieldLabel: (field: string) => string;
}

type Pending = 'return' | 'reopen' | null;

/** The status each action leads to: a message about an action is shown only while it holds. */
const LEADS_TO: Record<WorkflowAction, ReportStatus> = {
  submit: 'inskickad',
  approve: 'godkand',
  return: 'aterremitterad',
  reopen: 'utkast',
};

/** The budget rule's codes the server may name when it refuses a submission. */
type SubmitProblem = 'commentRequired' | 'negativeCostOutcome' | 'negativeCostForecast' | 'tooLarge';

/**
 * A report field path in the domain's words: the budget figures and analysis by name, an item's
 * outcome, status or texts by the item's title (`titleOf` an item key; the key when unknown).
 */
export function reportFieldLabel(field: string, titleOf: (itemKey: string) => string | undefined): string {
  const names = t().workflow.fields;
  if (field === 'budget/outcomeToDateTkr') return names.outcomeToDate;
  if (field === 'budget/forecastTkr') return names.forecast;
  if (field === 'analysis:budget') return names.budgetAnalysis;
  const slash = field.indexOf('/');
  if (field.startsWith('indicatorOutcomes/')) {
    const key = `indicator:${field.slice(slash + 1)}`;
    return names.outcome(titleOf(key) ?? field.slice(slash + 1));
  }
  if (field.startsWith('itemStatuses/')) {
    const key = field.slice(slash + 1);
    return names.status(titleOf(key) ?? key);
  }
  for (const kind of ['analysis', 'actions'] as const) {
    if (field.startsWith(`${kind}:`)) {
      const key = field.slice(kind.length + 1);
      return names[kind](titleOf(key) ?? key);
    }
  }
  return field;
}

/** The live changes with their writers: the document's field edit log, else the server's view. */
function withWriters(live: ReportChange[], fromServer: WorkflowChange[] | undefined): WorkflowChange[] {
  return live.map((change) => ({
    field: change.field,
    by:
      change.by.length > 0
        ? change.by
        : (fromServer?.find((known) => known.field === change.field)?.by ?? []),
  }));
}

export function WorkflowPanel(props: WorkflowPanelProps): JSX.Element {
  const uid = createUniqueId();
  const [workflow, setWorkflow] = createSignal<Workflow | null>(null);
  const [loadFailed, setLoadFailed] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [pending, setPending] = createSignal<Pending>(null);
  const [text, setText] = createSignal('');
  const [textError, setTextError] = createSignal<string | null>(null);
  /** The last action's outcome, with the status it was about (shown only while that status holds). */
  const [message, setMessage] = createSignal<{
    kind: 'ok' | 'error';
    text: string;
    status: ReportStatus;
  } | null>(null);
  /** A refused approval: what changed since the version the reviewer saw. */
  const [stale, setStale] = createSignal<WorkflowChange[] | null>(null);
  let textArea: HTMLTextAreaElement | undefined;

  // The meta and the changes after submission, read from the live document.
  const readLive = () => ({
    change: readReportStatusChange(props.doc),
    changes: props.status === 'inskickad' ? reportChangesSinceSubmission(props.doc) : [],
  });
  const [live, setLive] = createSignal(readLive());
  onCleanup(observeReport(props.doc, () => setLive(readLive())));
  createEffect(
    on(
      () => props.status,
      () => setLive(readLive()),
      { defer: true },
    ),
  );
  const changes = createMemo(() => withWriters(live().changes, workflow()?.changes));
  // The writers of texts are named by the server: ask again (settled) when the changed fields change.
  const changedFields = createMemo(() =>
    live()
      .changes.map((change) => change.field)
      .join('\n'),
  );
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      changedFields,
      () => {
        clearTimeout(refetchTimer);
        refetchTimer = setTimeout(() => void load(), 400);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(refetchTimer));
  // A new status makes a refused approval's list history.
  createEffect(
    on(
      () => props.status,
      () => setStale(null),
      { defer: true },
    ),
  );

  /** The name of who set the status: the newest event's name, else the username in meta. */
  const changedBy = () => {
    const by = live().change.by;
    const events = workflow()?.events ?? [];
    const newest = events[events.length - 1];
    if (newest && LEADS_TO[newest.action] === props.status) return newest.userName;
    return by ?? t().workflow.changed.unknownWriter;
  };
  const stateText = () => {
    const { at } = live().change;
    const when = at ? formatDateTime(at) : '';
    if (props.status === 'utkast') {
      return at ? t().workflow.state.reopened(changedBy(), when) : t().workflow.state.utkast;
    }
    return t().workflow.state[props.status](changedBy(), when);
  };
  const currentMessage = () => {
    const shown = message();
    return shown && shown.status === props.status ? shown : null;
  };

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
    setStale(null);
    const statusBefore = props.status;
    // The version on screen when "Godkänn" is pressed: what the approval is for.
    const version = action === 'approve' ? reportVersion(props.doc) : undefined;
    const result = await runWorkflowAction(props.month, props.departmentId, action, comment, version);
    setBusy(false);
    if (result.ok) {
      requestNumber++;
      setWorkflow(result.value);
      setPending(null);
      setText('');
      setMessage({ kind: 'ok', text: t().workflow.done[action], status: LEADS_TO[action] });
    } else {
      const body = (result.body ?? {}) as { changes?: WorkflowChange[]; problem?: { code?: string } };
      if (result.status === 409 && action === 'approve' && Array.isArray(body.changes)) {
        setStale(body.changes);
      } else if (result.status === 409 && action === 'submit' && body.problem?.code) {
        const code = body.problem.code as SubmitProblem;
        setMessage({
          kind: 'error',
          text: t().workflow.submitProblem[code] ?? errorText(result),
          status: statusBefore,
        });
      } else {
        setMessage({ kind: 'error', text: errorText(result), status: statusBefore });
      }
      // What the user may do has likely changed (a 409): show the server's current view.
      void load();
    }
  };

  const ChangeList = (listProps: { changes: WorkflowChange[]; testId: string }) => (
    <ul class="workflow__changes" data-testid={listProps.testId}>
      <For each={listProps.changes}>
        {(change) => (
          <li data-field={change.field}>
            <span class="workflow__change-field">{props.fieldLabel(change.field)}</span>
            <Show when={change.by.length > 0}>
              {' '}
              <span class="workflow__change-by">({t().workflow.changed.by(change.by.join(', '))})</span>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );

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
      <p class="workflow__state" data-testid="workflow-state" data-status={props.status}>
        {stateText()}
      </p>

      <Show when={changes().length > 0}>
        <section
          class="workflow__changed notice"
          data-testid="workflow-changed"
          aria-labelledby={`workflow-changed-${uid}`}
        >
          <h3 id={`workflow-changed-${uid}`} class="workflow__changed-heading">
            <span aria-hidden="true">⚠ </span>
            {t().workflow.changed.heading}
          </h3>
          <p>{t().workflow.changed.intro}</p>
          <ChangeList changes={changes()} testId="workflow-changed-list" />
        </section>
      </Show>

      <Show when={stale()}>
        {(refused) => (
          <section class="workflow__stale form-error" role="alert" data-testid="workflow-stale">
            <Show when={refused().length > 0} fallback={<p>{t().workflow.stale.unsaved}</p>}>
              <h3 class="workflow__changed-heading">{t().workflow.stale.heading}</h3>
              <p>{t().workflow.stale.intro}</p>
              <ChangeList changes={refused()} testId="workflow-stale-list" />
            </Show>
          </section>
        )}
      </Show>

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
        class={currentMessage()?.kind === 'error' ? 'form-error' : 'workflow__message'}
        role={currentMessage()?.kind === 'error' ? 'alert' : 'status'}
        data-testid="workflow-message"
      >
        {currentMessage()?.text ?? ''}
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
