/**
 * One strategic goal: number, title, text, owner departments, its place among the focus
 * area's goals, and under it its indicators and initiatives. Removing a goal that has been
 * reported on archives it (with its indicators and initiatives) instead: the reports still
 * refer to it.
 */
import { addPlanEntity, renumberPlanEntities, updatePlanEntity } from '@foljsam/domain';
import { createMemo, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { AddForm, EntityActions, PlanDepartmentsField, PlanTextField } from './fields';
import { IndicatorEditor } from './IndicatorEditor';
import { InitiativeEditor } from './InitiativeEditor';
import { moveEntity, type PlanEditor, removeReportable } from './planEditor';

const sameIds = { equals: (a: string[], b: string[]) => a.join() === b.join() };

export function GoalEditor(props: { editor: PlanEditor; id: string; siblings: string[] }): JSX.Element {
  const words = () => t().plan.goals;
  const plan = () => props.editor.plan();
  const goal = () => plan().goals.find((item) => item.id === props.id);
  const indicatorIds = createMemo(
    () =>
      plan()
        .indicators.filter((item) => item.goalId === props.id && item.archived !== true)
        .map((item) => item.id),
    [],
    sameIds,
  );
  const initiativeIds = createMemo(
    () =>
      plan()
        .initiatives.filter((item) => item.goalId === props.id && item.archived !== true)
        .map((item) => item.id),
    [],
    sameIds,
  );
  /** The department a new indicator or initiative starts with: the goal's first owner, else the first active one. */
  const defaultOwner = () => goal()?.ownerDepartmentIds[0] ?? props.editor.departments()[0]?.id;

  const remove = async (label: string) => {
    const outcome = await removeReportable(props.editor, 'goals', props.id);
    if (outcome)
      props.editor.notify('ok', outcome === 'archived' ? words().archived : words().removed(label));
  };

  return (
    <Show when={goal()}>
      {(current) => {
        const label = () => words().label(current().number, current().title);
        const headingId = `plan-goal-${props.id}`;
        return (
          <li class="plan-item plan-goal" data-goal-id={props.id}>
            <article aria-labelledby={headingId}>
              <h5 id={headingId} class="plan-goal__heading">
                {label()}
              </h5>
              <div class="plan-grid plan-grid--goal">
                <PlanTextField
                  editor={props.editor}
                  label={words().number}
                  accessibleName={`${words().number}, ${label()}`}
                  path={`goals/${props.id}/number`}
                  value={current().number}
                  required
                  class="plan-field--short"
                  commit={(number) =>
                    props.editor.write((edit) =>
                      updatePlanEntity(props.editor.doc, 'goals', props.id, { number }, edit),
                    )
                  }
                />
                <PlanTextField
                  editor={props.editor}
                  label={words().title}
                  accessibleName={`${words().title}, ${label()}`}
                  path={`goals/${props.id}/title`}
                  value={current().title}
                  required
                  commit={(title) =>
                    props.editor.write((edit) =>
                      updatePlanEntity(props.editor.doc, 'goals', props.id, { title }, edit),
                    )
                  }
                />
              </div>
              <PlanTextField
                editor={props.editor}
                label={words().description}
                accessibleName={`${words().description}, ${label()}`}
                path={`goals/${props.id}/description`}
                value={current().description}
                multiline
                rows={2}
                commit={(description) =>
                  props.editor.write((edit) =>
                    updatePlanEntity(props.editor.doc, 'goals', props.id, { description }, edit),
                  )
                }
              />
              <PlanDepartmentsField
                editor={props.editor}
                label={words().owners}
                accessibleName={`(${label()})`}
                path={`goals/${props.id}/ownerDepartmentIds`}
                value={current().ownerDepartmentIds}
                commit={(ownerDepartmentIds) =>
                  props.editor.write((edit) =>
                    updatePlanEntity(props.editor.doc, 'goals', props.id, { ownerDepartmentIds }, edit),
                  )
                }
              />
              <EntityActions
                editor={props.editor}
                label={label()}
                index={props.siblings.indexOf(props.id)}
                count={props.siblings.length}
                testId={`goal-actions-${props.id}`}
                move={(toIndex) => moveEntity(props.editor, 'goals', props.id, props.siblings, toIndex)}
                remove={() => props.editor.confirmRemove(label(), () => remove(label()))}
              />

              <div class="plan-children" data-testid={`indicators-of-${props.id}`}>
                <h6>{t().plan.indicators.heading}</h6>
                <Show when={indicatorIds().length > 0} fallback={<p>{t().plan.indicators.empty}</p>}>
                  <ul class="plan-list">
                    <For each={indicatorIds()}>
                      {(id) => <IndicatorEditor editor={props.editor} id={id} siblings={indicatorIds()} />}
                    </For>
                  </ul>
                </Show>
                <AddForm
                  editor={props.editor}
                  label={`${t().plan.indicators.add} (${label()})`}
                  button={t().plan.indicators.addButton}
                  testId={`add-indicator-${props.id}`}
                  add={(name) => {
                    const owner = defaultOwner();
                    if (!owner) return t().plan.changeFailed;
                    return props.editor.write((edit) => {
                      addPlanEntity(
                        props.editor.doc,
                        'indicators',
                        {
                          goalId: props.id,
                          name,
                          unit: 'percent',
                          direction: 'increase',
                          baseline: null,
                          targetPath: [],
                          reportingFrequency: 'month',
                          ownerDepartmentId: owner,
                          source: '',
                        },
                        edit,
                      );
                    });
                  }}
                />
              </div>

              <div class="plan-children" data-testid={`initiatives-of-${props.id}`}>
                <div class="plan-subsection__head">
                  <h6>{t().plan.initiatives.heading}</h6>
                  <Show when={props.editor.canWrite() && initiativeIds().length > 0}>
                    <button
                      type="button"
                      class="button button--small"
                      aria-label={`${words().renumber}: ${t().plan.initiatives.heading}, ${label()}`}
                      onClick={() => {
                        const refused = props.editor.write((edit) => {
                          renumberPlanEntities(
                            props.editor.doc,
                            'initiatives',
                            initiativeIds(),
                            current().number,
                            edit,
                          );
                        });
                        if (refused) props.editor.notify('error', refused);
                      }}
                    >
                      {words().renumber}
                    </button>
                  </Show>
                </div>
                <Show when={initiativeIds().length > 0} fallback={<p>{t().plan.initiatives.empty}</p>}>
                  <ul class="plan-list">
                    <For each={initiativeIds()}>
                      {(id) => <InitiativeEditor editor={props.editor} id={id} siblings={initiativeIds()} />}
                    </For>
                  </ul>
                </Show>
                <AddForm
                  editor={props.editor}
                  label={`${t().plan.initiatives.add} (${label()})`}
                  button={t().plan.initiatives.addButton}
                  testId={`add-initiative-${props.id}`}
                  add={(title) => {
                    const owner = defaultOwner();
                    if (!owner) return t().plan.changeFailed;
                    return props.editor.write((edit) => {
                      addPlanEntity(
                        props.editor.doc,
                        'initiatives',
                        {
                          number: `${current().number}.${initiativeIds().length + 1}`,
                          goalId: props.id,
                          title,
                          ownerDepartmentId: owner,
                          aspects: {},
                        },
                        edit,
                      );
                    });
                  }}
                />
              </div>
            </article>
          </li>
        );
      }}
    </Show>
  );
}
