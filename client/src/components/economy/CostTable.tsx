/**
 * A department's cost table (by kind or by activity) as the plan prints it, with the stated
 * total and the sum computed from the lines; a total that does not add up is flagged.
 */
import type { BudgetLine } from '@foljsam/domain';
import { For, type JSX, Show } from 'solid-js';
import { formatTkr, t } from '../../i18n';
import { ScrollBox } from '../ScrollBox';
import { SumFlag, sumOfLines, totalMismatch } from './flags';

export function CostTable(props: {
  caption: string;
  lines: readonly BudgetLine[];
  statedTotal: number | null;
  testId: string;
}): JSX.Element {
  const computed = () => sumOfLines(props.lines);
  return (
    <Show when={props.lines.length > 0} fallback={<p class="muted">{t().economy.department.noLines}</p>}>
      <ScrollBox label={props.caption}>
        <table class="economy-table cost-table" data-testid={props.testId}>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t().economy.department.line}</th>
              <th scope="col" class="num">
                {t().economy.department.amount}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.lines}>
              {(line) => (
                <tr>
                  <th scope="row">{line.label}</th>
                  <td class="num">{formatTkr(line.amountTkr)}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <Show when={props.statedTotal !== null}>
              <tr data-mismatch={totalMismatch(props.statedTotal, computed())}>
                <th scope="row">{t().economy.department.statedTotal}</th>
                <td class="num">
                  {formatTkr(props.statedTotal ?? 0)}
                  <SumFlag
                    stated={props.statedTotal}
                    computed={computed()}
                    testId={`${props.testId}-sum-flag`}
                  />
                </td>
              </tr>
            </Show>
            <tr>
              <th scope="row">{t().economy.department.computedTotal}</th>
              <td class="num" data-testid={`${props.testId}-computed`}>
                {formatTkr(computed())}
              </td>
            </tr>
          </tfoot>
        </table>
      </ScrollBox>
    </Show>
  );
}
