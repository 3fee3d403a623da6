/**
 * A budget deviation (avvikelse = budget − forecast) in tkr with its meaning in words and a
 * symbol: a surplus, a deficit or in balance; "Ej rapporterad" when there is no forecast.
 */
import type { JSX } from 'solid-js';
import { formatTkr, t } from '../../i18n';

export type DeviationState = 'surplus' | 'deficit' | 'balanced' | 'none';

const symbols: Record<DeviationState, string> = { surplus: '▲', deficit: '▼', balanced: '=', none: '–' };

export const deviationState = (deviation: number | null): DeviationState =>
  deviation === null ? 'none' : deviation > 0 ? 'surplus' : deviation < 0 ? 'deficit' : 'balanced';

export function Deviation(props: { value: number | null; testId?: string }): JSX.Element {
  const state = () => deviationState(props.value);
  return (
    <span class="deviation" data-state={state()} data-testid={props.testId}>
      <span class="deviation__symbol" aria-hidden="true">
        {symbols[state()]}
      </span>{' '}
      {props.value === null ? (
        <span class="deviation__none">{t().economy.notReported}</span>
      ) : (
        <>
          <span class="deviation__value">{formatTkr(props.value)}</span>{' '}
          <span class="deviation__state">({t().economy.deviationState[state() as 'surplus']})</span>
        </>
      )}
    </span>
  );
}
