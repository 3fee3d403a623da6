/**
 * Formats for the goals screen: months as chart labels (values in their unit are the i18n
 * module's `formatInUnit`). Built on the i18n module, so they follow the language switch.
 */
import { formatMonthAs } from '../../i18n';

/** A short month name for an axis: "jan." in Swedish, "Jan" in English. */
export function formatShortMonth(month: string): string {
  return formatMonthAs(month, 'short', false);
}

/**
 * Position on the chart's time axis, in months from January of the plan year: a month of the
 * plan year is 0–11; a year's target sits at that year's December (the value to reach in the year).
 */
export const monthPosition = (monthIndex: number): number => monthIndex;
export const yearTargetPosition = (targetYear: number, planYear: number): number =>
  (targetYear - planYear) * 12 + 11;
