/**
 * One department's months: outcome to date, full-year forecast and the deviation computed
 * against the budget (`budgetDeviationTkr`), live from its twelve report documents.
 */
import { budgetDeviationTkr } from '@foljsam/domain';
import { For, type JSX } from 'solid-js';
import { formatMonth, formatTkr, t } from '../../i18n';
import type { LiveReport } from '../../sync/createReports';
import { Deviation } from './Deviation';

export function DepartmentMonths(props: {
  departmentName: string;
  /** Null while the plan has no budget figure for the department. */
  budgetTkr: number | null;
  year: number;
  reports: readonly LiveReport[];
}): JSX.Element {
  return (
    <table class="economy-table month-table" data-testid="department-months">
      <caption>{t().economy.department.monthsCaption(props.departmentName, props.year)}</caption>
      <thead>
        <tr>
          <th scope="col">{t().economy.department.month}</th>
          <th scope="col" class="num">
            {t().economy.summary.outcomeToDate}
          </th>
          <th scope="col" class="num">
            {t().economy.summary.forecast}
          </th>
          <th scope="col" class="num">
            {t().economy.summary.deviation}
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={props.reports}>
          {(live) => {
            const budget = () => live.report().budget;
            const deviation = () => budgetDeviationTkr(props.budgetTkr, budget().forecastTkr);
            const cell = (value: number | null) =>
              value === null ? <span class="muted">{t().economy.notReported}</span> : formatTkr(value);
            return (
              <tr data-month={live.month}>
                <th scope="row">{formatMonth(live.month)}</th>
                <td class="num" data-testid={`outcome-${live.month}`}>
                  {live.loaded() ? cell(budget().outcomeToDateTkr) : t().economy.summary.loading}
                </td>
                <td class="num" data-testid={`forecast-${live.month}`}>
                  {live.loaded() ? cell(budget().forecastTkr) : t().economy.summary.loading}
                </td>
                <td class="num">
                  <Deviation value={deviation()} testId={`deviation-${live.month}`} />
                </td>
              </tr>
            );
          }}
        </For>
      </tbody>
    </table>
  );
}
