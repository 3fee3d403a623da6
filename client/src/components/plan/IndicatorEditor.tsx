/**
 * One indicator (mått) of a goal: name, unit, direction, reporting frequency, owner
 * department, optional Kolada KPI, baseline, and the target per year as a small table.
 */
import {
  type Indicator,
  type IndicatorUnit,
  type ReportingFrequency,
  type TargetPoint,
  updatePlanEntity,
} from '@foljsam/domain';
import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { t } from '../../i18n';
import { EntityActions, PlanHistory, PlanNumberField, PlanSelectField, PlanTextField } from './fields';
import { moveEntity, type PlanEditor, removeReportable } from './planEditor';

const UNITS: IndicatorUnit[] = ['percent', 'count', 'tkr', 'mkr'];
const FREQUENCIES: ReportingFrequency[] = ['month', 'tertial', 'year'];
const KOLADA_ID = /^[A-Z]\d{5}$/;

export function IndicatorEditor(props: { editor: PlanEditor; id: string; siblings: string[] }): JSX.Element {
  const words = () => t().plan.indicators;
  const indicator = () => props.editor.plan().indicators.find((item) => item.id === props.id);
  const update = (patch: Partial<Omit<Indicator, 'id'>>) =>
    props.editor.write((edit) => updatePlanEntity(props.editor.doc, 'indicators', props.id, patch, edit));
  const path = (field: string) => `indicators/${props.id}/${field}`;

  return (
    <Show when={indicator()}>
      {(current) => {
        const label = () => words().label(current().name);
        const named = (field: string) => `${field}, ${label()}`;
        return (
          <li class="plan-item plan-indicator" data-indicator-id={props.id}>
            <PlanTextField
              editor={props.editor}
              label={words().name}
              accessibleName={named(words().name)}
              path={path('name')}
              value={current().name}
              required
              commit={(name) => update({ name })}
            />
            <div class="plan-grid plan-grid--indicator">
              <PlanSelectField
                editor={props.editor}
                label={words().unit}
                accessibleName={named(words().unit)}
                path={path('unit')}
                value={current().unit}
                options={UNITS.map((unit) => ({ value: unit, label: words().units[unit] }))}
                commit={(unit) => update({ unit })}
              />
              <PlanSelectField
                editor={props.editor}
                label={words().direction}
                accessibleName={named(words().direction)}
                path={path('direction')}
                value={current().direction}
                options={(['increase', 'decrease'] as const).map((direction) => ({
                  value: direction,
                  label: words().directions[direction],
                }))}
                commit={(direction) => update({ direction })}
              />
              <PlanSelectField
                editor={props.editor}
                label={words().frequency}
                accessibleName={named(words().frequency)}
                path={path('reportingFrequency')}
                value={current().reportingFrequency ?? 'month'}
                options={FREQUENCIES.map((frequency) => ({
                  value: frequency,
                  label: words().frequencies[frequency],
                }))}
                commit={(reportingFrequency) => update({ reportingFrequency })}
              />
              <PlanSelectField
                editor={props.editor}
                label={words().owner}
                accessibleName={named(words().owner)}
                path={path('ownerDepartmentId')}
                value={current().ownerDepartmentId}
                options={departmentOptions(props.editor, current().ownerDepartmentId)}
                commit={(ownerDepartmentId) => update({ ownerDepartmentId })}
              />
              <PlanTextField
                editor={props.editor}
                label={words().kolada}
                accessibleName={named(words().kolada)}
                path={path('koladaKpiId')}
                value={current().koladaKpiId ?? ''}
                placeholder={words().koladaHint}
                commit={(text) => {
                  const id = text.trim().toUpperCase();
                  if (id !== '' && !KOLADA_ID.test(id)) return words().invalidKolada;
                  // An empty id means none: the server refuses removing a single field.
                  return update({ koladaKpiId: id });
                }}
              />
            </div>
            <fieldset class="plan-baseline">
              <legend>
                {words().baseline}
                <span class="visually-hidden"> ({label()})</span>
              </legend>
              <div class="plan-grid">
                <PlanNumberField
                  editor={props.editor}
                  label={words().baselineYear}
                  accessibleName={named(words().baselineYear)}
                  path={`${path('baseline')}/year`}
                  historyPath={null}
                  value={current().baseline?.year ?? null}
                  integer={{ min: 2000, max: 2100, message: words().invalidYear }}
                  commit={(year) => {
                    const baseline = current().baseline;
                    if (year === null) return update({ baseline: null });
                    if (!baseline) return words().baselineFirst;
                    return update({ baseline: { ...baseline, year } });
                  }}
                />
                <PlanNumberField
                  editor={props.editor}
                  label={words().baselineValue}
                  accessibleName={named(words().baselineValue)}
                  path={path('baseline')}
                  value={current().baseline?.value ?? null}
                  commit={(value) =>
                    update({
                      baseline:
                        value === null
                          ? null
                          : { year: current().baseline?.year ?? props.editor.year - 1, value },
                    })
                  }
                />
              </div>
            </fieldset>
            <TargetTable editor={props.editor} indicator={current()} label={label()} update={update} />
            <EntityActions
              editor={props.editor}
              label={label()}
              index={props.siblings.indexOf(props.id)}
              count={props.siblings.length}
              move={(toIndex) => moveEntity(props.editor, 'indicators', props.id, props.siblings, toIndex)}
              remove={() =>
                props.editor.confirmRemove(label(), async () => {
                  await removeReportable(props.editor, 'indicators', props.id);
                })
              }
            />
          </li>
        );
      }}
    </Show>
  );
}

/** The select options of a department field: the active departments, and the current one if it is not. */
export function departmentOptions(editor: PlanEditor, current: string): { value: string; label: string }[] {
  const options = editor
    .departments()
    .map((department) => ({ value: department.id, label: department.name }));
  return options.some((option) => option.value === current)
    ? options
    : [{ value: current, label: editor.departmentName(current) }, ...options];
}

/** "Målvärden per år": a row per year (year, value), ordered by year; add and remove rows. */
function TargetTable(props: {
  editor: PlanEditor;
  indicator: Indicator;
  label: string;
  update: (patch: Partial<Omit<Indicator, 'id'>>) => string | null;
}): JSX.Element {
  const uid = createUniqueId();
  const words = () => t().plan.indicators;
  const points = () => props.indicator.targetPath;
  const setPoints = (next: TargetPoint[]) =>
    props.update({ targetPath: [...next].sort((a, b) => a.year - b.year) });
  const setYear = (index: number, year: number | null): string | null => {
    if (year === null) return t().plan.errors.required;
    if (points().some((point, at) => at !== index && point.year === year)) return words().duplicateYear;
    return setPoints(points().map((point, at) => (at === index ? { ...point, year } : point)));
  };
  const setValue = (index: number, value: number | null): string | null =>
    value === null
      ? t().plan.errors.required
      : setPoints(points().map((point, at) => (at === index ? { ...point, value } : point)));
  const addRow = () => {
    const last = points().at(-1);
    const year = last ? last.year + 1 : props.editor.year;
    const value = last?.value ?? props.indicator.baseline?.value ?? 0;
    const refused = setPoints([...points(), { year, value }]);
    if (refused) props.editor.notify('error', refused);
  };
  const path = `indicators/${props.indicator.id}/targetPath`;
  return (
    <div class="plan-targets" data-testid={`targets-${props.indicator.id}`}>
      <div class="plan-subsection__head">
        <span class="plan-field__label" id={`targets-${uid}`}>
          {words().targets}
        </span>
        <PlanHistory editor={props.editor} path={path} label={`${words().targets}, ${props.label}`} />
      </div>
      <Show when={points().length > 0} fallback={<p>{words().noTargets}</p>}>
        <table class="plan-targets__table" aria-labelledby={`targets-${uid}`}>
          <thead>
            <tr>
              <th scope="col">{words().year}</th>
              <th scope="col">{words().value}</th>
              <Show when={props.editor.canWrite()}>
                <th scope="col">
                  <span class="visually-hidden">{t().plan.actions.remove}</span>
                </th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={points().map((_, index) => index)}>
              {(index) => (
                <Show when={points()[index]}>
                  {(point) => (
                    <tr data-target-year={point().year}>
                      <td>
                        <PlanNumberField
                          editor={props.editor}
                          label={words().year}
                          accessibleName={`${words().yearLabel(index + 1)}, ${props.label}`}
                          path={`${path}/${index}/year`}
                          historyPath={null}
                          class="plan-field--bare"
                          value={point().year}
                          integer={{ min: 2000, max: 2100, message: words().invalidYear }}
                          commit={(year) => setYear(index, year)}
                        />
                      </td>
                      <td>
                        <PlanNumberField
                          editor={props.editor}
                          label={words().value}
                          accessibleName={`${words().valueLabel(point().year)}, ${props.label}`}
                          path={`${path}/${index}/value`}
                          historyPath={null}
                          class="plan-field--bare"
                          value={point().value}
                          required
                          commit={(value) => setValue(index, value)}
                        />
                      </td>
                      <Show when={props.editor.canWrite()}>
                        <td>
                          <button
                            type="button"
                            class="button button--small button--danger"
                            aria-label={`${words().removeTarget(point().year)}, ${props.label}`}
                            onClick={() => {
                              const refused = setPoints(points().filter((_, at) => at !== index));
                              if (refused) props.editor.notify('error', refused);
                            }}
                          >
                            {t().plan.actions.remove}
                          </button>
                        </td>
                      </Show>
                    </tr>
                  )}
                </Show>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={props.editor.canWrite()}>
        <button
          type="button"
          class="button button--small"
          aria-label={`${words().addTarget}, ${props.label}`}
          data-testid={`add-target-${props.indicator.id}`}
          onClick={addRow}
        >
          <span aria-hidden="true">+ </span>
          {words().addTarget}
        </button>
      </Show>
    </div>
  );
}
