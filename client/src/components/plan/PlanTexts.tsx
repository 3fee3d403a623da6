/** "Planens texter": the plan's title, vision, mission and values (meta keys written by setPlanMeta). */
import { type Plan, setPlanMeta } from '@foljsam/domain';
import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { AddForm, EntityActions, PlanHistory, PlanNumberField, PlanTextField } from './fields';
import type { PlanEditor } from './planEditor';

export function PlanTexts(props: { editor: PlanEditor }): JSX.Element {
  const uid = createUniqueId();
  const plan = () => props.editor.plan();
  const texts = () => t().plan.texts;
  const setVision = (patch: Partial<Plan['vision']>) =>
    props.editor.write((edit) =>
      setPlanMeta(props.editor.doc, 'vision', { ...plan().vision, ...patch }, edit),
    );
  const setValues = (values: Plan['values']) =>
    props.editor.write((edit) => setPlanMeta(props.editor.doc, 'values', values, edit));
  const patchValue = (index: number, patch: Partial<Plan['values'][number]>) =>
    setValues(plan().values.map((value, at) => (at === index ? { ...value, ...patch } : value)));
  const moveValue = (index: number, toIndex: number) => {
    const values = [...plan().values];
    const [moved] = values.splice(index, 1);
    if (!moved) return;
    values.splice(toIndex, 0, moved);
    const refused = setValues(values);
    if (refused) props.editor.notify('error', refused);
  };

  return (
    <section class="plan-section" aria-labelledby={`plan-texts-${uid}`} data-testid="plan-texts">
      <h2 id={`plan-texts-${uid}`}>{texts().heading}</h2>
      <PlanTextField
        editor={props.editor}
        label={texts().title}
        path="meta/title"
        value={plan().title}
        required
        commit={(value) => props.editor.write((edit) => setPlanMeta(props.editor.doc, 'title', value, edit))}
      />
      <div class="plan-grid">
        <PlanTextField
          editor={props.editor}
          label={texts().visionTitle}
          path="meta/vision/title"
          historyPath="meta/vision"
          value={plan().vision.title}
          commit={(title) => setVision({ title })}
        />
        <PlanNumberField
          editor={props.editor}
          label={texts().visionYear}
          path="meta/vision/targetYear"
          historyPath={null}
          value={plan().vision.targetYear}
          required
          integer={{ min: 2000, max: 2200, message: texts().invalidYear }}
          commit={(targetYear) => setVision({ targetYear: targetYear ?? plan().year })}
        />
      </div>
      <PlanTextField
        editor={props.editor}
        label={texts().visionText}
        path="meta/vision/text"
        historyPath={null}
        value={plan().vision.text}
        multiline
        commit={(text) => setVision({ text })}
      />
      <PlanTextField
        editor={props.editor}
        label={texts().mission}
        path="meta/mission"
        value={plan().mission}
        multiline
        commit={(value) =>
          props.editor.write((edit) => setPlanMeta(props.editor.doc, 'mission', value, edit))
        }
      />
      <div class="plan-subsection" data-testid="plan-values">
        <div class="plan-subsection__head">
          <h3 id={`plan-values-${uid}`}>{texts().values}</h3>
          <PlanHistory editor={props.editor} path="meta/values" label={texts().values} />
        </div>
        <ol class="plan-list" aria-labelledby={`plan-values-${uid}`}>
          {/* By index (values have no ids): a number keys by value, so a row keeps its inputs while others change. */}
          <For each={plan().values.map((_, index) => index)}>
            {(index) => (
              <Show when={plan().values[index]}>
                {(value) => (
                  <li class="plan-item">
                    <div class="plan-grid">
                      <PlanTextField
                        editor={props.editor}
                        label={texts().valueName(index + 1)}
                        path={`meta/values/${index}/name`}
                        historyPath={null}
                        value={value().name}
                        required
                        commit={(name) => patchValue(index, { name })}
                      />
                      <PlanTextField
                        editor={props.editor}
                        label={texts().valueText(index + 1)}
                        path={`meta/values/${index}/text`}
                        historyPath={null}
                        value={value().text}
                        multiline
                        rows={2}
                        commit={(text) => patchValue(index, { text })}
                      />
                    </div>
                    <EntityActions
                      editor={props.editor}
                      label={value().name}
                      index={index}
                      count={plan().values.length}
                      move={(toIndex) => moveValue(index, toIndex)}
                      remove={() =>
                        props.editor.confirmRemove(value().name, () => {
                          const refused = setValues(plan().values.filter((_, at) => at !== index));
                          if (refused) props.editor.notify('error', refused);
                        })
                      }
                    />
                  </li>
                )}
              </Show>
            )}
          </For>
        </ol>
        <AddForm
          editor={props.editor}
          label={texts().addValue}
          button={texts().addValueButton}
          testId="add-value"
          add={(name) => setValues([...plan().values, { name, text: '' }])}
        />
      </div>
    </section>
  );
}
