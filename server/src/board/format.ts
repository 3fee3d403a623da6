/** Swedish formats for the server-rendered board report (PDF), through Intl. */
import type { IndicatorUnit } from '@foljsam/domain';

const number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const monthName = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('sv-SE', { month: 'short', timeZone: 'UTC' });

/** "mars 2015" for "2015-03". */
export const formatMonthSv = (month: string): string => monthName.format(new Date(`${month}-01T00:00:00Z`));

/** "mar" for "2015-03". */
export const formatShortMonthSv = (month: string): string =>
  shortMonth.format(new Date(`${month}-01T00:00:00Z`)).replace('.', '');

/** "1 234,5 tkr", "–" for null. */
export const formatTkr = (value: number | null): string =>
  value === null ? '–' : `${number.format(value)} tkr`;

const UNIT_SUFFIX: Record<IndicatorUnit, string> = { percent: ' %', count: '', tkr: ' tkr', mkr: ' mkr' };

/** An indicator value in its unit: "78 %", "1 460 tkr", "–" for null. */
export const formatIndicator = (value: number | null, unit: IndicatorUnit): string =>
  value === null ? '–' : `${number.format(value)}${UNIT_SUFFIX[unit]}`;
