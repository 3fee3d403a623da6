/** One initiative of a goal: number, title, owner department and its description per aspect. */
import { type Initiative, type InitiativeAspect, updatePlanEntity } from '@foljsam/domain';
import { For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { EntityActions, PlanSelectField, PlanTextField } from './fields';
import { departmentOptions } from './IndicatorEditor';
import { moveEntity, type PlanEditor, removeReportable } from './planEditor';

const ASPECTS: InitiativeAspect[] = ['brukare', 'processer', 'ekonomi', 'resurser'];

export function InitiativeEditor(props: { editor: PlanEditor; id: string; siblings: string[] }): JSX.Element {
  const words = () => t().plan.initiatives;
  const initiative = () => props.editor.plan().initiatives.find((item) => item.id === props.id);
  const update = (patch: Partial<Omit<Initiative, 'id'>>) =>
    props.editor.write((edit) => updatePlanEntity(props.editor.doc, 'initiatives', props.id, patch, edit));
  const path = (field: string) => `initiatives/${props.id}/${field}`;

  return (
    <Show when={initiative()}>
      {(current) => {
        const label = () => words().label(current().number, current().title);
        const named = (field: string) => `${field}, ${label()}`;
        return (
          <li class="plan-item plan-initiative" data-initiative-id={props.id}>
            <div class="plan-grid plan-grid--goal">
              <PlanTextField
                editor={props.editor}
                label={words().number}
                accessibleName={named(words().number)}
                path={path('number')}
                value={current().number}
                required
                class="plan-field--short"
                commit={(number) => update({ number })}
              />
              <PlanTextField
                editor={props.editor}
                label={words().title}
                accessibleName={named(words().title)}
                path={path('title')}
                value={current().title}
                required
                commit={(title) => update({ title })}
              />
            </div>
            <PlanSelectField
              editor={props.editor}
              label={words().owner}
              accessibleName={named(words().owner)}
              path={path('ownerDepartmentId')}
              value={current().ownerDepartmentId}
              options={departmentOptions(props.editor, current().ownerDepartmentId)}
              commit={(ownerDepartmentId) => update({ ownerDepartmentId })}
            />
            <div class="plan-grid">
              <For each={ASPECTS}>
                {(aspect) => (
                  <PlanTextField
                    editor={props.editor}
                    label={words().aspects[aspect]}
                    accessibleName={named(words().aspects[aspect])}
                    path={`${path('aspects')}/${aspect}`}
                    historyPath={path('aspects')}
                    value={current().aspects[aspect] ?? ''}
                    multiline
                    rows={2}
                    commit={(text) => update({ aspects: { ...current().aspects, [aspect]: text } })}
                  />
                )}
              </For>
            </div>
            <EntityActions
              editor={props.editor}
              label={label()}
              index={props.siblings.indexOf(props.id)}
              count={props.siblings.length}
              move={(toIndex) => moveEntity(props.editor, 'initiatives', props.id, props.siblings, toIndex)}
              remove={() =>
                props.editor.confirmRemove(label(), async () => {
                  await removeReportable(props.editor, 'initiatives', props.id);
                })
              }
            />
          </li>
        );
      }}
    </Show>
  );
}
