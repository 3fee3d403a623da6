/**
 * The departments whose full-year forecast deviates most from their budget this month (the
 * five largest, either way). Each links to its report, where the forecast is entered.
 */
import { A } from '@solidjs/router';
import { For, type JSX, Show } from 'solid-js';
import { formatTkr, t } from '../../i18n';
import { ScrollBox } from '../ScrollBox';

export interface BudgetDeviation {
  departmentId: string;
  name: string;
  budgetTkr: number;
  forecastTkr: number;
  /** Budget minus forecast: positive is a surplus (överskott), negative a deficit (underskott). */
  deviationTkr: number;
}

/** The `limit` largest non-zero deviations, largest first. */
export function largestDeviations(all: readonly BudgetDeviation[], limit = 5): BudgetDeviation[] {
  return all
    .filter((entry) => entry.deviationTkr !== 0)
    .sort((a, b) => Math.abs(b.deviationTkr) - Math.abs(a.deviationTkr) || a.name.localeCompare(b.name, 'sv'))
    .slice(0, limit);
}

export function BudgetDeviations(props: {
  month: string;
  monthName: string;
  year: number;
  deviations: BudgetDeviation[];
}): JSX.Element {
  return (
    <section class="overview-panel overview-budget" aria-labelledby="overview-budget-heading">
      <div class="overview-panel__top">
        <h2 id="overview-budget-heading">{t().overview.budget.heading}</h2>
        <A href="/ekonomi" class="overview-panel__more">
          {t().overview.budget.toEconomy}
        </A>
      </div>
      <p class="overview-panel__note">{t().overview.budget.intro(props.monthName)}</p>
      <Show when={props.deviations.length > 0} fallback={<p>{t().overview.budget.none}</p>}>
        <ScrollBox label={t().overview.budget.heading}>
          <table
            class="overview-table"
            aria-labelledby="overview-budget-heading"
            data-testid="budget-deviations"
          >
            <thead>
              <tr>
                <th scope="col">{t().overview.budget.department}</th>
                <th scope="col" class="overview-table__number">
                  {t().overview.budget.budget(props.year)}
                </th>
                <th scope="col" class="overview-table__number">
                  {t().overview.budget.forecast}
                </th>
                <th scope="col" class="overview-table__number">
                  {t().overview.budget.deviation}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.deviations}>
                {(entry) => {
                  const kind = () => (entry.deviationTkr < 0 ? 'deficit' : 'surplus');
                  return (
                    <tr data-department-id={entry.departmentId} data-deviation={entry.deviationTkr}>
                      <th scope="row">
                        <A href={`/rapport/${props.month}/${entry.departmentId}`}>{entry.name}</A>
                      </th>
                      <td class="overview-table__number">{formatTkr(entry.budgetTkr)}</td>
                      <td class="overview-table__number">{formatTkr(entry.forecastTkr)}</td>
                      <td class="overview-table__number">
                        <span class="ov-deviation" data-kind={kind()}>
                          <span class="ov-deviation__amount">{formatTkr(entry.deviationTkr)}</span>
                          <span class="ov-deviation__kind">
                            <span aria-hidden="true">{kind() === 'deficit' ? '▼' : '▲'}</span>{' '}
                            {t().overview.budget[kind()]}
                          </span>
                        </span>
                      </td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        </ScrollBox>
      </Show>
    </section>
  );
}
