/** "Perspektiv": the plan's balanced-scorecard perspectives (add, rename, reorder, remove). */
import { addPlanEntity, removePlanEntity, updatePlanEntity } from '@foljsam/domain';
import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { AddForm, EntityActions, PlanTextField } from './fields';
import { moveEntity, type PlanEditor } from './planEditor';

export function Perspectives(props: { editor: PlanEditor }): JSX.Element {
  const uid = createUniqueId();
  const words = () => t().plan.perspectives;
  const perspectives = () => props.editor.plan().perspectives;
  const ids = () => perspectives().map((perspective) => perspective.id);
  const byId = (id: string) => perspectives().find((perspective) => perspective.id === id);
  const noReported = new Set<string>();

  return (
    <section
      class="plan-section"
      aria-labelledby={`plan-perspectives-${uid}`}
      data-testid="plan-perspectives"
    >
      <h2 id={`plan-perspectives-${uid}`}>{words().heading}</h2>
      <Show when={ids().length > 0} fallback={<p>{words().empty}</p>}>
        <ol class="plan-list">
          <For each={ids()}>
            {(id) => (
              <Show when={byId(id)}>
                {(perspective) => (
                  <li class="plan-item plan-item--row" data-perspective-id={id}>
                    <PlanTextField
                      editor={props.editor}
                      label={words().name(ids().indexOf(id) + 1)}
                      path={`perspectives/${id}/name`}
                      value={perspective().name}
                      required
                      commit={(name) =>
                        props.editor.write((edit) =>
                          updatePlanEntity(props.editor.doc, 'perspectives', id, { name }, edit),
                        )
                      }
                    />
                    <EntityActions
                      editor={props.editor}
                      label={perspective().name}
                      index={ids().indexOf(id)}
                      count={ids().length}
                      move={(toIndex) => moveEntity(props.editor, 'perspectives', id, ids(), toIndex)}
                      remove={() => {
                        // A focus area names its perspective: removing one in use would leave it dangling.
                        if (props.editor.plan().focusAreas.some((area) => area.perspectiveId === id)) {
                          props.editor.notify('error', words().inUse);
                          return;
                        }
                        props.editor.confirmRemove(perspective().name, () => {
                          const refused = props.editor.write((edit) => {
                            removePlanEntity(props.editor.doc, 'perspectives', id, noReported, edit);
                          });
                          if (refused) props.editor.notify('error', refused);
                        });
                      }}
                    />
                  </li>
                )}
              </Show>
            )}
          </For>
        </ol>
      </Show>
      <AddForm
        editor={props.editor}
        label={words().add}
        button={words().addButton}
        testId="add-perspective"
        add={(name) =>
          props.editor.write((edit) => {
            addPlanEntity(props.editor.doc, 'perspectives', { name }, edit);
          })
        }
      />
    </section>
  );
}
