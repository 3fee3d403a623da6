/**
 * "Budget per avdelning": one row per active department of the organisation with its budget
 * for the year (tkr; empty = not set, "–") and its cost lines. A department's budget entry in
 * the plan is created on request, with the organisation's number and name and its id.
 */
import { addPlanEntity, type BudgetLine, type Department, updatePlanEntity } from '@foljsam/domain';
import { createMemo, createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { AddForm, PlanHistory, PlanNumberField, PlanTextField } from './fields';
import type { PlanEditor } from './planEditor';

export function BudgetSection(props: { editor: PlanEditor }): JSX.Element {
  const uid = createUniqueId();
  const words = () => t().plan.budget;
  const plan = () => props.editor.plan();
  /** The active departments in the organisation's order, then any the plan budgets that are no longer active. */
  const rows = createMemo(
    () => {
      const active = props.editor.departments().map((department) => department.id);
      const inPlan = plan()
        .departments.map((department) => department.id)
        .filter((id) => !active.includes(id));
      return [...active, ...inPlan];
    },
    [],
    { equals: (a, b) => a.join() === b.join() },
  );
  const entry = (id: string) => plan().departments.find((department) => department.id === id);

  const create = (id: string) => {
    const organisation = props.editor.departments().find((department) => department.id === id);
    if (!organisation) return;
    const refused = props.editor.write((edit) => {
      addPlanEntity(
        props.editor.doc,
        'departments',
        {
          number: organisation.number,
          name: organisation.name,
          budgetPreviousYearTkr: null,
          budgetTkr: null,
          costsByKind: [],
          costsByKindTotalTkr: null,
          costsByActivity: [],
          costsByActivityTotalTkr: null,
          staff: null,
          description: '',
        },
        edit,
        id,
      );
    });
    if (refused) props.editor.notify('error', refused);
  };

  return (
    <section class="plan-section" aria-labelledby={`plan-budget-${uid}`} data-testid="plan-budget">
      <h2 id={`plan-budget-${uid}`}>{words().heading}</h2>
      <p class="plan-hint">{words().intro}</p>
      <ul class="plan-list plan-budget">
        <For each={rows()}>
          {(id) => {
            const name = () => entry(id)?.name ?? props.editor.departmentName(id);
            const isActive = () => props.editor.departments().some((department) => department.id === id);
            return (
              <li class="plan-item plan-budget__row" data-department-id={id}>
                <h3 class="plan-budget__name">
                  {name()}
                  <Show when={!isActive()}> {words().archivedDepartment}</Show>
                </h3>
                <Show
                  when={entry(id)}
                  fallback={
                    <Show when={props.editor.canWrite() && isActive()} fallback={<p>{words().noEntry}</p>}>
                      <button
                        type="button"
                        class="button button--small"
                        data-testid={`create-budget-${id}`}
                        onClick={() => create(id)}
                      >
                        <span aria-hidden="true">+ </span>
                        {words().create(name())}
                      </button>
                    </Show>
                  }
                >
                  {(department) => <DepartmentBudget editor={props.editor} department={department()} />}
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </section>
  );
}

function DepartmentBudget(props: { editor: PlanEditor; department: Department }): JSX.Element {
  const words = () => t().plan.budget;
  const id = () => props.department.id;
  const lines = () => props.department.costsByKind;
  const setLines = (costsByKind: BudgetLine[]) =>
    props.editor.write((edit) =>
      updatePlanEntity(props.editor.doc, 'departments', id(), { costsByKind }, edit),
    );
  const patchLine = (index: number, patch: Partial<BudgetLine>) =>
    setLines(lines().map((line, at) => (at === index ? { ...line, ...patch } : line)));
  const path = (field: string) => `departments/${id()}/${field}`;
  return (
    <div class="plan-budget__body">
      <PlanNumberField
        editor={props.editor}
        label={words().budget(props.editor.year)}
        accessibleName={words().budgetFor(props.department.name, props.editor.year)}
        path={path('budgetTkr')}
        value={props.department.budgetTkr}
        placeholder={words().notSet}
        commit={(budgetTkr) =>
          props.editor.write((edit) =>
            updatePlanEntity(props.editor.doc, 'departments', id(), { budgetTkr }, edit),
          )
        }
      />
      <div class="plan-subsection__head">
        <span class="plan-field__label">{words().costLines}</span>
        <PlanHistory
          editor={props.editor}
          path={path('costsByKind')}
          label={`${words().costLines}, ${props.department.name}`}
        />
      </div>
      <Show when={lines().length > 0} fallback={<p>{words().noLines}</p>}>
        <ol class="plan-list plan-lines">
          <For each={lines().map((_, index) => index)}>
            {(index) => (
              <Show when={lines()[index]}>
                {(line) => (
                  <li class="plan-lines__row">
                    <PlanTextField
                      editor={props.editor}
                      label={words().lineLabel(index + 1)}
                      accessibleName={`${words().lineLabel(index + 1)}, ${props.department.name}`}
                      path={`${path('costsByKind')}/${index}/label`}
                      historyPath={null}
                      value={line().label}
                      required
                      commit={(label) => patchLine(index, { label })}
                    />
                    <PlanNumberField
                      editor={props.editor}
                      label={words().lineAmount(index + 1)}
                      accessibleName={`${words().lineAmount(index + 1)}, ${props.department.name}`}
                      path={`${path('costsByKind')}/${index}/amountTkr`}
                      historyPath={null}
                      value={line().amountTkr}
                      commit={(amountTkr) => patchLine(index, { amountTkr })}
                    />
                    <Show when={props.editor.canWrite()}>
                      <button
                        type="button"
                        class="button button--small button--danger"
                        aria-label={`${words().removeLine(line().label)}, ${props.department.name}`}
                        onClick={() => {
                          const refused = setLines(lines().filter((_, at) => at !== index));
                          if (refused) props.editor.notify('error', refused);
                        }}
                      >
                        {t().plan.actions.remove}
                      </button>
                    </Show>
                  </li>
                )}
              </Show>
            )}
          </For>
        </ol>
      </Show>
      <AddForm
        editor={props.editor}
        label={`${words().addLine} (${props.department.name})`}
        button={words().addLineButton}
        testId={`add-line-${id()}`}
        add={(label) => setLines([...lines(), { label, amountTkr: null }])}
      />
    </div>
  );
}
