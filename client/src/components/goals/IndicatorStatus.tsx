/**
 * An indicator's status for the latest month with an outcome: whether it reaches the year's
 * target (`meetsTarget`), in words and a symbol, with the figures; never by colour alone.
 */
import { type Indicator, meetsTarget, targetForYear } from '@foljsam/domain';
import type { JSX } from 'solid-js';
import { formatInUnit, formatMonth, t } from '../../i18n';

export type IndicatorState = 'meets' | 'misses' | 'none';

const symbols: Record<IndicatorState, string> = { meets: '✔', misses: '✖', none: '–' };

export interface IndicatorStatusProps {
  indicator: Indicator;
  year: number;
  months: readonly string[];
  outcomes: readonly (number | null)[];
}

/** The latest month with an outcome, as `{ month, value }`, or null. */
export function latestOutcome(
  months: readonly string[],
  outcomes: readonly (number | null)[],
): { month: string; value: number } | null {
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const value = outcomes[i];
    const month = months[i];
    if (value !== null && value !== undefined && month) return { month, value };
  }
  return null;
}

export function IndicatorStatus(props: IndicatorStatusProps): JSX.Element {
  const latest = () => latestOutcome(props.months, props.outcomes);
  const state = (): IndicatorState => {
    const current = latest();
    const meets = current ? meetsTarget(props.indicator, props.year, current.value) : null;
    return meets === null ? 'none' : meets ? 'meets' : 'misses';
  };
  const detail = () => {
    const current = latest();
    if (!current) return '';
    const target = targetForYear(props.indicator.targetPath, props.year);
    const unit = props.indicator.unit;
    return t().goals.status.detail(
      formatInUnit(current.value, unit),
      formatMonth(current.month),
      target === null ? t().goals.status.noTarget : formatInUnit(target, unit),
    );
  };
  return (
    <p class="indicator-status" data-state={state()} data-testid={`indicator-status-${props.indicator.id}`}>
      <span class="visually-hidden">{t().goals.status.label}: </span>
      <span class="indicator-status__badge">
        <span class="indicator-status__symbol" aria-hidden="true">
          {symbols[state()]}
        </span>
        <span class="indicator-status__text">
          {state() === 'meets'
            ? t().goals.status.meets
            : state() === 'misses'
              ? t().goals.status.misses
              : t().goals.status.none}
        </span>
      </span>
      <span class="indicator-status__detail">{detail()}</span>
    </p>
  );
}
