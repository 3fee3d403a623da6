/**
 * "Ekonomi": the budget follow-up. A summary of every department for a month (budget 2014 and
 * 2015 from the plan, outcome to date and full-year forecast from the month's reports, the
 * deviation computed, totals computed here); one department in detail (its cost tables, every
 * month of the year, and the plan's discrepancies that concern it); the plan's known
 * discrepancies; and section 9's area table. Sums that do not add up are flagged, never hidden.
 * Everything is live: a forecast someone enters shows here at once.
 */
import type { AreaBudgetRow, Department, Plan } from '@foljsam/domain';
import { createEffect, createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import { ConnectionBadge } from '../components/ConnectionBadge';
import { CostTable } from '../components/economy/CostTable';
import { DepartmentMonths } from '../components/economy/DepartmentMonths';
import {
  DiscrepancyFlag,
  DiscrepancyList,
  discrepanciesOf,
  SumFlag,
  totalMismatch,
} from '../components/economy/flags';
import { SummaryTable } from '../components/economy/SummaryTable';
import { PresenceList } from '../components/PresenceList';
import { formatMonth, formatNumber, formatTkr, t } from '../i18n';
import { createPlan } from '../sync/createPlan';
import { createReports, type LiveReport, monthsOf } from '../sync/createReports';
import { createPresence } from '../sync/presence';
import { useWorkspace } from '../workspace';
import './economy.css';

export function EconomyScreen(): JSX.Element {
  const { year, user } = useWorkspace();
  const { synced, plan } = createPlan(year);
  // Presence on the plan: who else is looking at the goals and the economy right now.
  const presence = createPresence(synced.provider, user);
  return (
    <section class="economy" aria-labelledby="economy-heading">
      <div class="economy__top">
        <h1 id="economy-heading" tabindex="-1">
          {t().economy.heading} {year}
        </h1>
        <ConnectionBadge status={synced.status()} />
      </div>
      <PresenceList presence={presence} />
      <p class="economy__intro">{t().economy.intro(year)}</p>
      <Show
        when={plan()}
        fallback={
          <p class="loading" role="status" data-testid="economy-loading">
            {synced.loaded() ? t().economy.noPlan(year) : t().economy.loading}
          </p>
        }
      >
        {(current) => <Economy plan={current()} />}
      </Show>
    </section>
  );
}

function Economy(props: { plan: Plan }): JSX.Element {
  const { user, defaultMonth } = useWorkspace();
  const year = props.plan.year;
  const months = monthsOf(year);
  const firstDepartment = () =>
    props.plan.departments.find((d) => d.id === user.departmentId)?.id ?? props.plan.departments[0]?.id ?? '';
  const [departmentId, setDepartmentId] = createSignal(firstDepartment());
  const department = createMemo(() => props.plan.departments.find((d) => d.id === departmentId()));

  // The summary opens on the latest month with figures in the department on show, until the
  // person picks a month; with no figures at all, on the workspace's default month.
  const [pickedMonth, setPickedMonth] = createSignal<string | null>(null);
  const [autoMonth, setAutoMonth] = createSignal<string | null>(null);
  const [detailReports, setDetailReports] = createSignal<readonly LiveReport[]>([]);
  createEffect(() => {
    if (autoMonth() !== null) return;
    const reports = detailReports();
    if (reports.length === 0 || !reports.every((live) => live.loaded())) return;
    const latest = [...reports]
      .reverse()
      .find(
        (live) => live.report().budget.forecastTkr !== null || live.report().budget.outcomeToDateTkr !== null,
      );
    setAutoMonth(latest?.month ?? defaultMonth);
  });
  const summaryMonth = () => pickedMonth() ?? autoMonth();

  let detailHeading: HTMLHeadingElement | undefined;
  const show = (id: string) => {
    setDepartmentId(id);
    requestAnimationFrame(() => detailHeading?.focus());
  };

  return (
    <>
      <section class="economy__section" aria-labelledby="economy-summary-heading">
        <h2 id="economy-summary-heading">{t().economy.summary.heading}</h2>
        <div class="field field--inline">
          <label for="economy-month">{t().economy.summary.month}</label>
          <select
            id="economy-month"
            data-testid="economy-month"
            value={summaryMonth() ?? ''}
            onChange={(event) => setPickedMonth(event.currentTarget.value)}
          >
            <Show when={summaryMonth() === null}>
              <option value="">{t().economy.summary.loading}</option>
            </Show>
            <For each={months}>
              {(month) => (
                <option value={month} selected={month === summaryMonth()}>
                  {formatMonth(month)}
                </option>
              )}
            </For>
          </select>
        </div>
        <Show
          when={summaryMonth()}
          keyed
          fallback={
            <p class="loading" role="status">
              {t().economy.summary.loading}
            </p>
          }
        >
          {(month) => <SummaryTable plan={props.plan} month={month} onShow={show} />}
        </Show>
      </section>

      <section class="economy__section" aria-labelledby="economy-department-heading">
        <div class="field field--inline">
          <label for="economy-department">{t().economy.department.select}</label>
          <select
            id="economy-department"
            data-testid="economy-department"
            onChange={(event) => setDepartmentId(event.currentTarget.value)}
          >
            <For each={props.plan.departments}>
              {(d) => (
                <option value={d.id} selected={d.id === departmentId()}>
                  {d.number} {d.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <Show when={department()}>
          {(current) => (
            <>
              <h2 id="economy-department-heading" tabindex="-1" ref={detailHeading}>
                {t().economy.department.heading(current().number, current().name)}
              </h2>
              <Show when={departmentId()} keyed>
                {(id) => (
                  <DepartmentDetail
                    plan={props.plan}
                    department={current()}
                    departmentId={id}
                    onReports={setDetailReports}
                  />
                )}
              </Show>
            </>
          )}
        </Show>
      </section>

      <section class="economy__section" id="discrepancies" aria-labelledby="economy-discrepancies-heading">
        <h2 id="economy-discrepancies-heading">{t().economy.discrepancies.heading}</h2>
        <p>{t().economy.discrepancies.intro}</p>
        <DiscrepancyList plan={props.plan} items={props.plan.knownDiscrepancies} showSubject />
      </section>

      <AreaTable plan={props.plan} />
    </>
  );
}

function DepartmentDetail(props: {
  plan: Plan;
  department: Department;
  departmentId: string;
  onReports: (reports: readonly LiveReport[]) => void;
}): JSX.Element {
  const year = props.plan.year;
  // Fixed for this component's life: another department is another component.
  const reports = createReports(monthsOf(year).map((month) => ({ month, departmentId: props.departmentId })));
  props.onReports(reports);
  const discrepancies = () => discrepanciesOf(props.plan, `department:${props.department.id}`);
  return (
    <div class="department" data-testid="department-detail" data-department-id={props.department.id}>
      <dl class="department__figures">
        <div>
          <dt>{t().economy.department.budget(year)}</dt>
          <dd data-testid="department-budget">{formatTkr(props.department.budgetTkr)}</dd>
        </div>
        <div>
          <dt>{t().economy.department.budget(year - 1)}</dt>
          <dd data-testid="department-budget-previous">
            {props.department.budgetPreviousYearTkr === null
              ? '–'
              : formatTkr(props.department.budgetPreviousYearTkr)}
          </dd>
        </div>
        <Show when={props.department.staff !== null}>
          <div>
            <dt>{t().economy.department.staff}</dt>
            <dd>{formatNumber(props.department.staff ?? 0, 2)}</dd>
          </div>
        </Show>
        <div>
          <dt>{t().economy.summary.flags}</dt>
          <dd>
            <DiscrepancyFlag count={discrepancies().length} testId="department-flag" />
          </dd>
        </div>
      </dl>

      <Show when={discrepancies().length > 0}>
        <section class="department__discrepancies" aria-labelledby="department-discrepancies-heading">
          <h3 id="department-discrepancies-heading">{t().economy.department.discrepancies}</h3>
          <div data-testid="department-discrepancies">
            <DiscrepancyList plan={props.plan} items={discrepancies()} />
          </div>
        </section>
      </Show>

      <h3>{t().economy.department.months}</h3>
      <section class="table-scroll" tabindex="0" aria-label={t().economy.department.months}>
        <DepartmentMonths
          departmentName={props.department.name}
          budgetTkr={props.department.budgetTkr}
          year={year}
          reports={reports}
        />
      </section>

      <div class="department__costs">
        <section aria-labelledby="costs-by-kind-heading">
          <h3 id="costs-by-kind-heading">{t().economy.department.costsByKind}</h3>
          <CostTable
            caption={`${props.department.name}: ${t().economy.department.costsByKind}`}
            lines={props.department.costsByKind}
            statedTotal={props.department.costsByKindTotalTkr}
            testId="costs-by-kind"
          />
        </section>
        <section aria-labelledby="costs-by-activity-heading">
          <h3 id="costs-by-activity-heading">{t().economy.department.costsByActivity}</h3>
          <CostTable
            caption={`${props.department.name}: ${t().economy.department.costsByActivity}`}
            lines={props.department.costsByActivity}
            statedTotal={props.department.costsByActivityTotalTkr}
            testId="costs-by-activity"
          />
        </section>
      </div>
    </div>
  );
}

/** Section 9's table per area of activity; each row's net and the total are checked on the fly. */
function AreaTable(props: { plan: Plan }): JSX.Element {
  const year = props.plan.year;
  const rows = () => props.plan.economicSummary.areaBudget;
  const parts = () => rows().filter((row) => !row.isTotal);
  const computedTotal = (
    key: 'budgetCostsTkr' | 'budgetIncomeTkr' | 'budgetTotalTkr' | 'forecastPreviousYearTkr',
  ) => parts().reduce((sum, row) => sum + (row[key] ?? 0), 0);
  const amount = (value: number | null) => (value === null ? '–' : formatTkr(value));
  const rowNet = (row: AreaBudgetRow) =>
    row.budgetCostsTkr === null ? null : row.budgetCostsTkr - (row.budgetIncomeTkr ?? 0);
  const areaFlags = () => discrepanciesOf(props.plan, 'economicSummary:areaBudget').length;
  return (
    <section class="economy__section" aria-labelledby="economy-area-heading">
      <h2 id="economy-area-heading">{t().economy.area.heading}</h2>
      <p>
        <DiscrepancyFlag count={areaFlags()} testId="area-flag" />
      </p>
      <section class="table-scroll" tabindex="0" aria-labelledby="economy-area-heading">
        <table class="economy-table area-table" data-testid="area-table">
          <caption>{t().economy.area.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t().economy.area.label}</th>
              <th scope="col" class="num">
                {t().economy.area.forecastPrevious(year - 1)}
              </th>
              <th scope="col" class="num">
                {t().economy.area.costs}
              </th>
              <th scope="col" class="num">
                {t().economy.area.income}
              </th>
              <th scope="col" class="num">
                {t().economy.area.total}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => {
                const checks = (): { stated: number | null; computed: number }[] =>
                  row.isTotal
                    ? [
                        {
                          stated: row.forecastPreviousYearTkr,
                          computed: computedTotal('forecastPreviousYearTkr'),
                        },
                        { stated: row.budgetCostsTkr, computed: computedTotal('budgetCostsTkr') },
                        { stated: row.budgetIncomeTkr, computed: computedTotal('budgetIncomeTkr') },
                        { stated: row.budgetTotalTkr, computed: computedTotal('budgetTotalTkr') },
                      ]
                    : [
                        { stated: null, computed: 0 },
                        { stated: null, computed: 0 },
                        { stated: null, computed: 0 },
                        { stated: row.budgetTotalTkr, computed: rowNet(row) ?? row.budgetTotalTkr ?? 0 },
                      ];
                const values = () => [
                  row.forecastPreviousYearTkr,
                  row.budgetCostsTkr,
                  row.budgetIncomeTkr,
                  row.budgetTotalTkr,
                ];
                const mismatch = () => checks().some((check) => totalMismatch(check.stated, check.computed));
                return (
                  <tr classList={{ 'area-table__total': row.isTotal }} data-mismatch={mismatch()}>
                    <th scope="row">{row.label}</th>
                    <For each={values()}>
                      {(value, i) => (
                        <td class="num">
                          {amount(value)}
                          <SumFlag
                            stated={checks()[i()]?.stated ?? null}
                            computed={checks()[i()]?.computed ?? 0}
                          />
                        </td>
                      )}
                    </For>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </section>
    </section>
  );
}
