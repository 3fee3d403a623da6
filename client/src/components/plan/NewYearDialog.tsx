/**
 * "Ny plan för 2016 från 2015": for those who may write the plan (the domain's `roleScope`),
 * creates next year's draft from the year on show (`POST /api/plans`, the structure without
 * figures), then offers the source year's unfinished council assignments to carry over
 * (checkboxes, `POST /api/plans/:year/carry-over`), then opens the new plan (`/plan?ar=`).
 * Shown only while the next year has no plan. Its own component so the header's year area and
 * the plan screen can both place it.
 */
import { roleScope } from '@foljsam/domain';
import { useNavigate } from '@solidjs/router';
import { createSignal, createUniqueId, For, type JSX, Match, Show, Switch } from 'solid-js';
import { Portal } from 'solid-js/web';
import type { DepartmentSummary } from '../../api';
import { t } from '../../i18n';
import { fetchDepartmentsOfflineFirst } from '../../local/cachedDepartments';
import { type CarryOverCandidate, carryOver, createPlan, fetchCarryOver } from '../../plansApi';
import { useWorkspace } from '../../workspace';
import { YEAR_PARAM } from '../../workspaceYear';

type Step =
  | { kind: 'confirm'; error: string | null; busy: boolean }
  | {
      kind: 'carry';
      fromYear: number;
      candidates: CarryOverCandidate[] | null;
      error: string | null;
      busy: boolean;
    };

export function NewYearDialog(): JSX.Element {
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const uid = createUniqueId();
  let dialog: HTMLDialogElement | undefined;
  let opener: HTMLButtonElement | undefined;
  // Fixed when the dialog opens: navigating to the new year later must not change the texts.
  const [years, setYears] = createSignal({ current: workspace.year, next: workspace.year + 1 });
  const [step, setStep] = createSignal<Step>({ kind: 'confirm', error: null, busy: false });
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  const [departments, setDepartments] = createSignal<readonly DepartmentSummary[]>([]);
  // Open dialogs stay mounted after the new year exists (which hides the button).
  const [active, setActive] = createSignal(false);

  const mayWritePlans = () =>
    roleScope(workspace.user, { kind: 'plan', year: workspace.year + 1 }).scope === 'all';
  const offered = () => {
    const known = workspace.plans;
    return (
      mayWritePlans() &&
      known.some((plan) => plan.year === workspace.year) &&
      !known.some((plan) => plan.year === workspace.year + 1)
    );
  };

  const open = () => {
    setYears({ current: workspace.year, next: workspace.year + 1 });
    setStep({ kind: 'confirm', error: null, busy: false });
    setChosen(new Set<string>());
    setActive(true);
    dialog?.showModal();
    void fetchDepartmentsOfflineFirst()
      .then(setDepartments)
      .catch(() => undefined);
  };

  const loadCandidates = async (fromYear: number) => {
    setStep({ kind: 'carry', fromYear, candidates: null, error: null, busy: false });
    const result = await fetchCarryOver(years().next);
    if (result.ok) {
      setStep({
        kind: 'carry',
        fromYear: result.value.fromYear,
        candidates: result.value.assignments,
        error: null,
        busy: false,
      });
    } else {
      setStep({ kind: 'carry', fromYear, candidates: [], error: t().years.newPlan.loadFailed, busy: false });
    }
  };

  const create = async () => {
    const { current, next } = years();
    setStep({ kind: 'confirm', error: null, busy: true });
    const result = await createPlan(next, current);
    // 409: the plan exists already (someone else was quicker): carrying over still makes sense.
    if (!result.ok && result.status !== 409) {
      setStep({ kind: 'confirm', error: t().years.newPlan.failed(result.message), busy: false });
      return;
    }
    await workspace.refreshPlans();
    await loadCandidates(current);
  };

  const openPlan = () => {
    dialog?.close();
    navigate(`/plan?${YEAR_PARAM}=${years().next}`);
  };

  const carry = async () => {
    const current = step();
    if (current.kind !== 'carry') return;
    const ids = [...chosen()];
    if (ids.length === 0) return openPlan();
    setStep({ ...current, busy: true, error: null });
    const result = await carryOver(years().next, ids);
    if (result.ok) openPlan();
    else setStep({ ...current, busy: false, error: t().years.newPlan.carryFailed(result.message) });
  };

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const departmentName = (id: string | null) =>
    id === null
      ? t().years.newPlan.noDepartment
      : (departments().find((department) => department.id === id)?.name ?? id);

  return (
    <Show when={offered() || active()}>
      <button
        ref={opener}
        hidden={!offered()}
        type="button"
        class="button new-year__open"
        aria-haspopup="dialog"
        data-testid="new-year-open"
        onClick={open}
      >
        {t().years.newPlan.open({ next: workspace.year + 1, from: workspace.year })}
      </button>
      {/* In the body, not the header: the header's white-on-blue styles must not reach it. */}
      <Portal>
        <dialog
          ref={dialog}
          class="new-year"
          aria-labelledby={`new-year-heading-${uid}`}
          data-testid="new-year-dialog"
          onClose={() => {
            setActive(false);
            opener?.focus();
          }}
        >
          <h2 id={`new-year-heading-${uid}`}>
            {t().years.newPlan.title({ next: years().next, from: years().current })}
          </h2>
          <Switch>
            <Match when={step().kind === 'confirm' && (step() as Extract<Step, { kind: 'confirm' }>)}>
              {(confirm) => (
                <>
                  <p>{t().years.newPlan.intro(years().next, years().current)}</p>
                  <p class="form-error" role="alert">
                    {confirm().error ?? ''}
                  </p>
                  <div class="new-year__actions">
                    <button
                      type="button"
                      class="button button--primary"
                      data-testid="new-year-create"
                      disabled={confirm().busy}
                      onClick={() => void create()}
                    >
                      {confirm().busy ? t().years.newPlan.creating : t().years.newPlan.create}
                    </button>
                    <button type="button" class="button" onClick={() => dialog?.close()}>
                      {t().years.newPlan.cancel}
                    </button>
                  </div>
                </>
              )}
            </Match>
            <Match when={step().kind === 'carry' && (step() as Extract<Step, { kind: 'carry' }>)}>
              {(carrying) => (
                <>
                  <p role="status">{t().years.newPlan.created(years().next)}</p>
                  <fieldset class="new-year__carry" data-testid="new-year-carry">
                    <legend>{t().years.newPlan.carryTitle(years().next)}</legend>
                    <Show when={carrying().candidates} fallback={<p class="loading">{t().app.loading}</p>}>
                      {(candidates) => (
                        <Show
                          when={candidates().length > 0}
                          fallback={<p>{t().years.newPlan.noneToCarry}</p>}
                        >
                          <p>{t().years.newPlan.carryIntro(carrying().fromYear)}</p>
                          <ul class="new-year__list">
                            <For each={candidates()}>
                              {(candidate) => (
                                <li>
                                  <label data-assignment-id={candidate.id}>
                                    <input
                                      type="checkbox"
                                      checked={candidate.carried || chosen().has(candidate.id)}
                                      disabled={candidate.carried}
                                      onChange={(event) => toggle(candidate.id, event.currentTarget.checked)}
                                    />{' '}
                                    <span class="new-year__title">{candidate.title}</span>
                                    <span class="new-year__meta">
                                      {departmentName(candidate.departmentId)} ·{' '}
                                      {t().status[candidate.status]}
                                      {candidate.carried ? ` · ${t().years.newPlan.alreadyCarried}` : ''}
                                    </span>
                                  </label>
                                </li>
                              )}
                            </For>
                          </ul>
                        </Show>
                      )}
                    </Show>
                  </fieldset>
                  <p class="form-error" role="alert">
                    {carrying().error ?? ''}
                  </p>
                  <div class="new-year__actions">
                    <Show when={chosen().size > 0}>
                      <button
                        type="button"
                        class="button button--primary"
                        data-testid="new-year-carry-submit"
                        disabled={carrying().busy}
                        onClick={() => void carry()}
                      >
                        {carrying().busy
                          ? t().years.newPlan.carrying
                          : t().years.newPlan.carry(chosen().size)}
                      </button>
                    </Show>
                    <button type="button" class="button" data-testid="new-year-open-plan" onClick={openPlan}>
                      {t().years.newPlan.openPlan(years().next)}
                    </button>
                  </div>
                </>
              )}
            </Match>
          </Switch>
        </dialog>
      </Portal>
    </Show>
  );
}
