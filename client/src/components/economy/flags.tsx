/**
 * Flags for figures that do not hold: the plan's known discrepancies (curated from the seed)
 * and sums computed on the fly that differ from the stated total. Text and a symbol, never
 * colour alone; the figures are always shown as stated, never hidden or corrected.
 */
import type { BudgetLine, KnownDiscrepancy, Plan } from '@foljsam/domain';
import { For, type JSX, Show } from 'solid-js';
import { formatTkr, t } from '../../i18n';

/** The known discrepancies that concern a subject, e.g. "department:hr". */
export const discrepanciesOf = (plan: Plan, subject: string): KnownDiscrepancy[] =>
  plan.knownDiscrepancies.filter((d) => d.subject === subject);

/** A small flag: "⚠ 3 avvikelser", linking to the list of the plan's discrepancies. */
export function DiscrepancyFlag(props: { count: number; testId?: string; compact?: boolean }): JSX.Element {
  return (
    <Show when={props.count > 0} fallback={<span class="muted">{t().economy.discrepancies.none}</span>}>
      <a class="flag flag--discrepancy" href="#discrepancies" data-testid={props.testId}>
        <span aria-hidden="true">⚠</span>{' '}
        <Show when={props.compact} fallback={t().economy.discrepancies.count(props.count)}>
          {props.count}
          <span class="visually-hidden"> {t().economy.discrepancies.count(props.count)}</span>
        </Show>
        <span class="visually-hidden">: {t().economy.discrepancies.flag}</span>
      </a>
    </Show>
  );
}

/** What a discrepancy concerns, in words. */
export function subjectLabel(plan: Plan, subject: string): string {
  const [kind, id] = subject.split(':');
  if (kind === 'department') return plan.departments.find((d) => d.id === id)?.name ?? subject;
  if (kind === 'plan') return t().economy.discrepancies.wholePlan;
  if (kind === 'economicSummary') return t().economy.discrepancies.areaTable;
  return subject;
}

/** The discrepancies as a list: section, what, stated and computed figures. */
export function DiscrepancyList(props: {
  plan: Plan;
  items: readonly KnownDiscrepancy[];
  showSubject?: boolean;
}): JSX.Element {
  return (
    <ul class="discrepancy-list">
      <For each={props.items}>
        {(item) => (
          <li class="discrepancy" data-discrepancy-id={item.id}>
            <p class="discrepancy__flag">
              <span aria-hidden="true">⚠</span> <strong>{t().economy.discrepancies.flag}</strong>
              {' · '}
              {t().economy.discrepancies.section(item.section)}
              <Show when={props.showSubject}>
                {' · '}
                {t().economy.discrepancies.subject}: {subjectLabel(props.plan, item.subject)}
              </Show>
            </p>
            <p class="discrepancy__text">{t().economy.discrepancies.note(item)}</p>
            <Show when={item.stated !== null || item.computed !== null}>
              <p class="discrepancy__figures">
                <Show when={item.stated !== null}>
                  <span>
                    {t().economy.discrepancies.stated}: {formatFigure(item, item.stated)}
                  </span>
                </Show>
                <Show when={item.computed !== null}>
                  <span>
                    {t().economy.discrepancies.computed}: {formatFigure(item, item.computed)}
                  </span>
                </Show>
              </p>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}

// The model gives discrepancy figures no unit: they are tkr, except the staff count (85 persons
// stated, 74,55 counted), which is shown as a plain number so it never reads as money.
const formatFigure = (item: KnownDiscrepancy, value: number | null): string =>
  value === null
    ? ''
    : item.id.startsWith('staff')
      ? new Intl.NumberFormat(t().intlLocale, { maximumFractionDigits: 2 }).format(value)
      : formatTkr(value);

/** The sum of budget lines, computed (not taken from the plan). */
export const sumOfLines = (lines: readonly BudgetLine[]): number =>
  lines.reduce((sum, line) => sum + (line.amountTkr ?? 0), 0);

/** Whether a stated total differs from its computed sum (to the öre: tkr with decimals). */
export const totalMismatch = (stated: number | null, computed: number): boolean =>
  stated !== null && Math.abs(stated - computed) > 0.0005;

/** "⚠ Summan stämmer inte: …" beside a total that does not add up. */
export function SumFlag(props: { stated: number | null; computed: number; testId?: string }): JSX.Element {
  return (
    <Show when={totalMismatch(props.stated, props.computed)}>
      <span class="flag flag--sum" data-testid={props.testId}>
        <span aria-hidden="true">⚠</span>{' '}
        {t().economy.sumCheck.mismatch(formatTkr(props.stated ?? 0), formatTkr(props.computed))}
      </span>
    </Show>
  );
}
