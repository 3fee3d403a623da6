/**
 * Every department's budget and, for one month, outcome to date, forecast and deviation, with
 * totals computed here. Opens that month's report of each department (one websocket each).
 */
import { budgetDeviationTkr, type Plan } from '@foljsam/domain';
import { createMemo, For, type JSX } from 'solid-js';
import { formatMonth, formatTkr, t } from '../../i18n';
import { createReports } from '../../sync/createReports';
import { Deviation } from './Deviation';
import { DiscrepancyFlag, discrepanciesOf } from './flags';

export function SummaryTable(props: {
  plan: Plan;
  month: string;
  onShow: (departmentId: string) => void;
}): JSX.Element {
  // The month and the departments are fixed for this table's life: a new month is a new table.
  const departments = props.plan.departments;
  const reports = createReports(departments.map((d) => ({ month: props.month, departmentId: d.id })));
  const year = props.plan.year;

  const rows = createMemo(() =>
    departments.map((department, i) => {
      const live = reports[i];
      const budget = live?.report().budget ?? { outcomeToDateTkr: null, forecastTkr: null };
      return {
        department,
        outcome: budget.outcomeToDateTkr,
        forecast: budget.forecastTkr,
        deviation: budgetDeviationTkr(department.budgetTkr, budget.forecastTkr),
        loaded: live?.loaded() ?? false,
      };
    }),
  );
  const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
  const totals = createMemo(() => {
    const all = rows();
    const reported = all.filter((row) => row.forecast !== null);
    return {
      budgetPrevious: sum(all.map((row) => row.department.budgetPreviousYearTkr)),
      budget: sum(all.map((row) => row.department.budgetTkr)),
      outcome: all.some((row) => row.outcome !== null) ? sum(all.map((row) => row.outcome)) : null,
      forecast: reported.length > 0 ? sum(reported.map((row) => row.forecast)) : null,
      deviation: reported.length > 0 ? sum(reported.map((row) => row.deviation)) : null,
      reportedCount: reported.length,
    };
  });
  const cell = (value: number | null, loaded: boolean) =>
    !loaded ? (
      t().economy.summary.loading
    ) : value === null ? (
      <span class="muted">{t().economy.notReported}</span>
    ) : (
      formatTkr(value)
    );

  return (
    <>
      <p class="economy__reported" data-testid="summary-reported">
        {t().economy.summary.reported(totals().reportedCount, departments.length)}
      </p>
      <section
        class="table-scroll"
        aria-label={t().economy.summary.caption(formatMonth(props.month))}
        tabindex="0"
      >
        <table class="economy-table summary-table" data-testid="economy-summary" data-month={props.month}>
          <caption>{t().economy.summary.caption(formatMonth(props.month))}</caption>
          <thead>
            <tr>
              <th scope="col">{t().economy.summary.department}</th>
              <th scope="col" class="num">
                {t().economy.summary.budgetPrevious(year - 1)}
              </th>
              <th scope="col" class="num">
                {t().economy.summary.budget(year)}
              </th>
              <th scope="col" class="num">
                {t().economy.summary.outcomeToDate}
              </th>
              <th scope="col" class="num">
                {t().economy.summary.forecast}
              </th>
              <th scope="col" class="num">
                {t().economy.summary.deviation}
              </th>
              <th scope="col">{t().economy.summary.flags}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => (
                <tr data-department-id={row.department.id}>
                  <th scope="row">
                    <button
                      type="button"
                      class="link-button"
                      aria-label={t().economy.summary.show(`${row.department.number} ${row.department.name}`)}
                      onClick={() => props.onShow(row.department.id)}
                    >
                      {row.department.number} {row.department.name}
                    </button>
                  </th>
                  <td class="num">
                    {row.department.budgetPreviousYearTkr === null
                      ? '–'
                      : formatTkr(row.department.budgetPreviousYearTkr)}
                  </td>
                  <td class="num">{formatTkr(row.department.budgetTkr)}</td>
                  <td class="num">{cell(row.outcome, row.loaded)}</td>
                  <td class="num">{cell(row.forecast, row.loaded)}</td>
                  <td class="num">
                    <Deviation value={row.deviation} testId={`summary-deviation-${row.department.id}`} />
                  </td>
                  <td>
                    <DiscrepancyFlag
                      count={discrepanciesOf(props.plan, `department:${row.department.id}`).length}
                      testId={`summary-flag-${row.department.id}`}
                      compact
                    />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr data-testid="summary-total">
              <th scope="row">{t().economy.summary.total}</th>
              <td class="num">{formatTkr(totals().budgetPrevious)}</td>
              <td class="num">{formatTkr(totals().budget)}</td>
              <td class="num">{cell(totals().outcome, true)}</td>
              <td class="num">{cell(totals().forecast, true)}</td>
              <td class="num">
                <Deviation value={totals().deviation} testId="summary-deviation-total" />
              </td>
              <td>
                <DiscrepancyFlag
                  count={discrepanciesOf(props.plan, `plan:${year}`).length}
                  testId="summary-flag-total"
                  compact
                />
              </td>
            </tr>
          </tfoot>
        </table>
      </section>
    </>
  );
}
