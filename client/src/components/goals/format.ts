/**
 * Formats for the goals screen: an indicator's value in its unit, and months as chart labels.
 * Built on the shared formatters of the i18n module, so they follow the language switch.
 */
import type { IndicatorUnit } from '@foljsam/domain';
import { formatNumber, formatPercent, formatTkr, t } from '../../i18n';

/** A value in the indicator's unit: "78 %", "1 234", "4 928 tkr", "1,5 mkr". */
export function formatIndicatorValue(value: number, unit: IndicatorUnit): string {
  switch (unit) {
    case 'percent':
      return formatPercent(value);
    case 'tkr':
      return formatTkr(value);
    case 'mkr':
      return `${formatNumber(value)} mkr`;
    default:
      return formatNumber(value);
  }
}

/** A short month name for an axis: "jan." in Swedish, "Jan" in English. */
export function formatShortMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(t().intlLocale, { timeZone: 'UTC', month: 'short' }).format(date);
}

/**
 * Position on the chart's time axis, in months from January of the plan year: a month of the
 * plan year is 0–11; a year's target sits at that year's December (the value to reach in the year).
 */
export const monthPosition = (monthIndex: number): number => monthIndex;
export const yearTargetPosition = (targetYear: number, planYear: number): number =>
  (targetYear - planYear) * 12 + 11;
