/**
 * "Plan <år>": the live, co-edited plan editor for the workspace year, on the plan's Yjs
 * document (`plan:<year>`). Every change goes through the domain's plan writers
 * (planAuthoring.ts), which record per-field history and, once the plan is adopted, a
 * revision with the reason the writer gave. admin and kommunchef write; avdelningschef and
 * läsare read (the domain's roleScope, the same rule the server enforces per change).
 */
import {
  type PlanEdit,
  type PlanRevision,
  planDocumentName,
  readPlanRevisions,
  roleScope,
} from '@foljsam/domain';
import {
  createMemo,
  createResource,
  createSignal,
  createUniqueId,
  type JSX,
  onCleanup,
  Show,
} from 'solid-js';
import { ConnectionBadge } from '../components/ConnectionBadge';
import { PresenceList } from '../components/PresenceList';
import { BudgetSection } from '../components/plan/BudgetSection';
import { FocusAreas } from '../components/plan/FocusAreas';
import { Perspectives } from '../components/plan/Perspectives';
import { AdoptForm, RevisionReason, StatusBanner } from '../components/plan/PlanStatus';
import { PlanTexts } from '../components/plan/PlanTexts';
import { type OrganisationDepartment, type PlanEditor, runWriter } from '../components/plan/planEditor';
import { Revisions } from '../components/plan/Revisions';
import { SyncDeniedBanner } from '../components/SyncDeniedBanner';
import { t } from '../i18n';
import { fetchDepartmentsOfflineFirst } from '../local/cachedDepartments';
import { createPlan } from '../plansApi';
import { createPlan as createPlanDoc } from '../sync/createPlan';
import { createPresence } from '../sync/presence';
import { useWorkspace } from '../workspace';
import './assignments.css';
import './plan.css';
import '../components/roles.css';
import { ScreenMessage, type ScreenNotice } from '../components/ScreenMessage';

export function PlanScreen(): JSX.Element {
  const workspace = useWorkspace();
  // A new year is a new document: the editor is built again for it.
  return (
    <Show when={workspace.year} keyed>
      {(year) => <PlanEditorScreen year={year} />}
    </Show>
  );
}

function PlanEditorScreen(props: { year: number }): JSX.Element {
  const { user, refreshPlans } = useWorkspace();
  const year = props.year;
  const uid = createUniqueId();
  const docName = planDocumentName(year);
  const { synced, plan } = createPlanDoc(year);
  const presence = createPresence(synced.provider, user);
  const [departmentList] = createResource(fetchDepartmentsOfflineFirst);
  const departments = createMemo<OrganisationDepartment[]>(() =>
    ((departmentList() ?? []) as OrganisationDepartment[]).filter(
      (department) => department.archived !== true,
    ),
  );
  const departmentName = (id: string) =>
    ((departmentList() ?? []) as OrganisationDepartment[]).find((department) => department.id === id)?.name ??
    plan()?.departments.find((department) => department.id === id)?.name ??
    id;

  // The revisions log is not part of the parsed plan: follow it on its own.
  const revisionsLog = synced.doc.getArray<unknown>('revisions');
  const [revisions, setRevisions] = createSignal<PlanRevision[]>(readPlanRevisions(synced.doc));
  const onRevisions = () => setRevisions(readPlanRevisions(synced.doc));
  revisionsLog.observe(onRevisions);
  onCleanup(() => revisionsLog.unobserve(onRevisions));

  const mayWrite = () =>
    synced.denied() === null &&
    roleScope({ role: user.role, departmentId: user.departmentId ?? null }, { kind: 'plan', year }).scope ===
      'all';
  const adopted = () => plan()?.adoptedOn != null;
  const [reason, setReason] = createSignal<string | null>(null);
  const canWrite = () => mayWrite() && (!adopted() || reason() !== null);

  const [message, setMessage] = createSignal<ScreenNotice>(null);

  // Removing asks first, in one modal dialog for the whole screen.
  let dialog: HTMLDialogElement | undefined;
  let cancelButton: HTMLButtonElement | undefined;
  let returnFocus: HTMLElement | null = null;
  const [pending, setPending] = createSignal<{ label: string; remove: () => void | Promise<void> } | null>(
    null,
  );
  const confirm = async () => {
    const current = pending();
    dialog?.close();
    setPending(null);
    if (current) await current.remove();
  };

  const edit = (): PlanEdit => ({
    author: { username: user.username, displayName: user.displayName },
    reason: reason() ?? undefined,
  });

  const editorFor = (current: () => NonNullable<ReturnType<typeof plan>>): PlanEditor => ({
    doc: synced.doc,
    docName,
    year,
    plan: current,
    presence,
    canWrite,
    mayWrite,
    departments,
    departmentName,
    write: (writer) => {
      const refused = runWriter(edit(), writer);
      if (refused === null && message()?.kind === 'error') setMessage(null);
      return refused;
    },
    notify: (kind, text) => setMessage({ kind, text }),
    confirmRemove: (label, remove) => {
      returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setPending({ label, remove });
      dialog?.showModal();
      // The safe choice first: a stray Enter does not remove.
      cancelButton?.focus();
    },
  });

  const [creating, setCreating] = createSignal(false);
  const [createError, setCreateError] = createSignal<string | null>(null);
  const createEmpty = async () => {
    setCreating(true);
    setCreateError(null);
    const result = await createPlan(year);
    setCreating(false);
    if (!result.ok) setCreateError(t().plan.createFailed(result.message));
    // The header's year picker lists the new year.
    else await refreshPlans();
  };

  return (
    <section class="plan-editor" aria-labelledby={`plan-heading-${uid}`} data-testid="plan-editor">
      <div class="assignments__top">
        <h1 id={`plan-heading-${uid}`} tabindex="-1">
          {t().plan.heading(year)}
        </h1>
        <div class="assignments__live">
          <PresenceList presence={presence} />
          <ConnectionBadge status={synced.status()} />
        </div>
      </div>
      <SyncDeniedBanner reason={synced.denied()} />
      <Show
        when={synced.loaded()}
        fallback={
          <p class="loading" role="status" data-testid="plan-loading">
            {t().plan.loading}
          </p>
        }
      >
        <Show
          when={plan()}
          fallback={
            <div class="plan-empty" data-testid="plan-empty">
              <p class="plan-empty__text">{t().plan.empty(year)}</p>
              <Show when={mayWrite()}>
                <p>{t().plan.emptyHint}</p>
                <button
                  type="button"
                  class="button button--primary"
                  data-testid="create-empty-plan"
                  disabled={creating()}
                  onClick={() => void createEmpty()}
                >
                  {creating() ? t().plan.creating : t().plan.createEmpty}
                </button>
                <Show when={createError()}>
                  <p class="form-error" role="alert">
                    {createError()}
                  </p>
                </Show>
              </Show>
            </div>
          }
        >
          {(current) => {
            const editor = editorFor(current);
            return (
              <>
                <p class="assignments__intro">{t().plan.intro}</p>
                <StatusBanner plan={current()} />
                <Show when={!mayWrite() && synced.denied() === null}>
                  <p class="notice" data-testid="read-only-notice">
                    <span aria-hidden="true">⊘ </span>
                    {t().plan.readOnly}
                  </p>
                </Show>
                <Show when={mayWrite() && !adopted()}>
                  <AdoptForm
                    year={year}
                    onAdopted={() => setMessage({ kind: 'ok', text: t().plan.adopt.done })}
                  />
                </Show>
                <Show when={mayWrite() && adopted()}>
                  <RevisionReason reason={reason()} onChange={setReason} />
                </Show>
                <ScreenMessage message={message()} testId="plan-message" />
                <PlanTexts editor={editor} />
                <Perspectives editor={editor} />
                <FocusAreas editor={editor} />
                <BudgetSection editor={editor} />
                <Revisions revisions={revisions()} plan={current()} />
              </>
            );
          }}
        </Show>
      </Show>
      <dialog
        ref={dialog}
        class="board-dialog"
        aria-labelledby={`plan-remove-${uid}`}
        onClose={() => {
          setPending(null);
          returnFocus?.focus();
        }}
      >
        <h2 id={`plan-remove-${uid}`}>{t().plan.actions.confirmHeading}</h2>
        <p>{t().plan.actions.confirmText(pending()?.label ?? '')}</p>
        <div class="board-dialog__actions">
          <button
            type="button"
            class="button button--danger-solid"
            data-testid="confirm-remove"
            onClick={() => void confirm()}
          >
            {t().plan.actions.confirm}
          </button>
          <button type="button" class="button" ref={cancelButton} onClick={() => dialog?.close()}>
            {t().plan.actions.cancel}
          </button>
        </div>
      </dialog>
    </section>
  );
}
