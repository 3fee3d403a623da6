/**
 * "Fokusområden och mål": the focus areas (number, name, perspective; add, reorder, renumber,
 * remove) and under each its strategic goals. Lists iterate over ids, so a row keeps its
 * inputs (and a draft being typed) while the plan around it changes.
 */
import { addPlanEntity, removePlanEntity, renumberPlanEntities, updatePlanEntity } from '@foljsam/domain';
import { createMemo, createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { AddForm, EntityActions, PlanSelectField, PlanTextField } from './fields';
import { GoalEditor } from './GoalEditor';
import { moveEntity, type PlanEditor } from './planEditor';

export function FocusAreas(props: { editor: PlanEditor }): JSX.Element {
  const uid = createUniqueId();
  const words = () => t().plan.focusAreas;
  const plan = () => props.editor.plan();
  const ids = createMemo(() => plan().focusAreas.map((area) => area.id), undefined, {
    equals: (a, b) => a.join() === b.join(),
  });
  const byId = (id: string) => plan().focusAreas.find((area) => area.id === id);
  const archivedGoals = () => plan().goals.filter((goal) => goal.archived === true).length;

  const renumber = () => {
    const refused = props.editor.write((edit) => {
      renumberPlanEntities(props.editor.doc, 'focusAreas', ids(), '', edit);
    });
    if (refused) props.editor.notify('error', refused);
  };

  return (
    <section class="plan-section" aria-labelledby={`plan-areas-${uid}`} data-testid="plan-focus-areas">
      <div class="plan-section__head">
        <h2 id={`plan-areas-${uid}`}>{words().heading}</h2>
        <Show when={props.editor.canWrite() && ids().length > 1}>
          <button type="button" class="button button--small" onClick={renumber}>
            {words().renumber}
          </button>
        </Show>
      </div>
      <Show when={ids().length > 0} fallback={<p>{words().empty}</p>}>
        <For each={ids()}>
          {(id) => (
            <Show when={byId(id)}>
              {(area) => {
                const label = () => words().label(area().number, area().name);
                const goalIds = createMemo(
                  () =>
                    plan()
                      .goals.filter((goal) => goal.focusAreaId === id && goal.archived !== true)
                      .map((goal) => goal.id),
                  undefined,
                  { equals: (a, b) => a.join() === b.join() },
                );
                const headingId = `plan-area-${uid}-${id}`;
                return (
                  <article class="plan-area" aria-labelledby={headingId} data-focus-area-id={id}>
                    <h3 id={headingId} class="plan-area__heading">
                      {label()}
                    </h3>
                    <div class="plan-grid plan-grid--area">
                      <PlanTextField
                        editor={props.editor}
                        label={words().number}
                        accessibleName={`${words().number}, ${label()}`}
                        path={`focusAreas/${id}/number`}
                        value={area().number}
                        required
                        class="plan-field--short"
                        commit={(number) =>
                          props.editor.write((edit) =>
                            updatePlanEntity(props.editor.doc, 'focusAreas', id, { number }, edit),
                          )
                        }
                      />
                      <PlanTextField
                        editor={props.editor}
                        label={words().name}
                        accessibleName={`${words().name}, ${label()}`}
                        path={`focusAreas/${id}/name`}
                        value={area().name}
                        required
                        commit={(name) =>
                          props.editor.write((edit) =>
                            updatePlanEntity(props.editor.doc, 'focusAreas', id, { name }, edit),
                          )
                        }
                      />
                      <PlanSelectField
                        editor={props.editor}
                        label={words().perspective}
                        accessibleName={`${words().perspective}, ${label()}`}
                        path={`focusAreas/${id}/perspectiveId`}
                        value={area().perspectiveId}
                        options={plan().perspectives.map((perspective) => ({
                          value: perspective.id,
                          label: perspective.name,
                        }))}
                        commit={(perspectiveId) =>
                          props.editor.write((edit) =>
                            updatePlanEntity(props.editor.doc, 'focusAreas', id, { perspectiveId }, edit),
                          )
                        }
                      />
                    </div>
                    <EntityActions
                      editor={props.editor}
                      label={label()}
                      index={ids().indexOf(id)}
                      count={ids().length}
                      move={(toIndex) => moveEntity(props.editor, 'focusAreas', id, ids(), toIndex)}
                      remove={() => {
                        // Goals name their focus area (archived ones too, for the reports that refer to them).
                        if (plan().goals.some((goal) => goal.focusAreaId === id)) {
                          props.editor.notify('error', words().hasGoals);
                          return;
                        }
                        props.editor.confirmRemove(label(), () => {
                          const refused = props.editor.write((edit) => {
                            removePlanEntity(props.editor.doc, 'focusAreas', id, new Set(), edit);
                          });
                          if (refused) props.editor.notify('error', refused);
                        });
                      }}
                    />
                    <GoalList
                      editor={props.editor}
                      focusAreaId={id}
                      goalIds={goalIds()}
                      areaLabel={label()}
                    />
                  </article>
                );
              }}
            </Show>
          )}
        </For>
      </Show>
      <Show when={archivedGoals() > 0}>
        <p class="plan-hint">{t().plan.goals.archivedCount(archivedGoals())}</p>
      </Show>
      <AddForm
        editor={props.editor}
        label={words().add}
        button={words().addButton}
        testId="add-focus-area"
        add={(name) => {
          const perspective = plan().perspectives[0];
          if (!perspective) return words().needPerspective;
          return props.editor.write((edit) => {
            addPlanEntity(
              props.editor.doc,
              'focusAreas',
              { number: String(ids().length + 1), name, perspectiveId: perspective.id },
              edit,
            );
          });
        }}
      />
    </section>
  );
}

/** The goals of one focus area, with "Numrera om" and the form for a new goal. */
function GoalList(props: {
  editor: PlanEditor;
  focusAreaId: string;
  goalIds: string[];
  areaLabel: string;
}): JSX.Element {
  const words = () => t().plan.goals;
  const area = () => props.editor.plan().focusAreas.find((item) => item.id === props.focusAreaId);
  const renumber = () => {
    const prefix = area()?.number ?? '';
    const refused = props.editor.write((edit) => {
      renumberPlanEntities(props.editor.doc, 'goals', props.goalIds, prefix, edit);
    });
    if (refused) props.editor.notify('error', refused);
  };
  return (
    <div class="plan-goals" data-testid={`goals-of-${props.focusAreaId}`}>
      <div class="plan-subsection__head">
        <h4 class="plan-goals__heading">{words().heading}</h4>
        <Show when={props.editor.canWrite() && props.goalIds.length > 0}>
          <button
            type="button"
            class="button button--small"
            aria-label={words().renumberFor(props.areaLabel)}
            data-testid={`renumber-goals-${props.focusAreaId}`}
            onClick={renumber}
          >
            {words().renumber}
          </button>
        </Show>
      </div>
      <Show when={props.goalIds.length > 0} fallback={<p>{words().empty}</p>}>
        <ol class="plan-list">
          <For each={props.goalIds}>
            {(id) => <GoalEditor editor={props.editor} id={id} siblings={props.goalIds} />}
          </For>
        </ol>
      </Show>
      <AddForm
        editor={props.editor}
        label={`${words().add} (${props.areaLabel})`}
        button={words().addButton}
        testId={`add-goal-${props.focusAreaId}`}
        add={(title) =>
          props.editor.write((edit) => {
            const number = `${area()?.number ?? ''}.${props.goalIds.length + 1}`.replace(/^\./, '');
            addPlanEntity(
              props.editor.doc,
              'goals',
              { number, focusAreaId: props.focusAreaId, title, description: '', ownerDepartmentIds: [] },
              edit,
            );
          })
        }
      />
    </div>
  );
}
