/**
 * Reporting periods (rapportperioder): what a report of the year covers. A period id names the
 * report in URLs and document names (`report:<periodId>:<departmentId>`):
 *
 * - `YYYY-MM`: a month (månadsrapport), covering that month;
 * - `YYYY-T1`: the first tertial report (tertialrapport per april), January to April;
 * - `YYYY-T2`: the interim report (delårsrapport per augusti), January to August;
 * - `YYYY-VB`: the year-end report (verksamhetsberättelse), the whole year.
 *
 * Tertial and year-end reports cover the year to date: outcome to date and forecast are
 * cumulative in every report, so they draw on all the months up to their end.
 */
import { z } from 'zod';

/** What kind of report a period is. */
export type ReportKind = 'month' | 'tertial' | 'year';

/** A reporting period of a year. */
export interface ReportPeriod {
  /** `YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`. */
  id: string;
  kind: ReportKind;
  year: number;
  /** The months the period covers, `YYYY-MM`, ascending. */
  months: string[];
  /** The last month the period covers (`YYYY-MM`): the report is due after it ends. */
  endMonth: string;
}

const PERIOD = /^(20\d\d|2100)-(0[1-9]|1[0-2]|T1|T2|VB)$/;

/** A period id as the schema of REST input and stored settings. */
export const reportPeriodId = z
  .string()
  .regex(PERIOD, 'expected a period as YYYY-MM, YYYY-T1, YYYY-T2 or YYYY-VB');

const TERTIAL_END: Record<string, number> = { T1: 4, T2: 8, VB: 12 };

const monthId = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;

/** Parses a period id; null for anything else. */
export function parseReportPeriod(id: string): ReportPeriod | null {
  const match = PERIOD.exec(id);
  if (!match) return null;
  const year = Number(match[1]);
  const part = match[2] as string;
  const tertialEnd = TERTIAL_END[part];
  if (tertialEnd === undefined) {
    return { id, kind: 'month', year, months: [id], endMonth: id };
  }
  const months = Array.from({ length: tertialEnd }, (_, index) => monthId(year, index + 1));
  return { id, kind: part === 'VB' ? 'year' : 'tertial', year, months, endMonth: monthId(year, tertialEnd) };
}

/** Like {@link parseReportPeriod}, for ids known to be valid; throws otherwise. */
export function reportPeriod(id: string): ReportPeriod {
  const period = parseReportPeriod(id);
  if (!period) throw new Error(`not a reporting period: ${id}`);
  return period;
}

/**
 * Every period a year can report, in the order they fall due: each month, with the tertial
 * report after April, the interim report after August and the year-end report after December.
 */
export function periodsOfYear(year: number): ReportPeriod[] {
  const periods: ReportPeriod[] = [];
  for (let month = 1; month <= 12; month++) {
    periods.push(reportPeriod(monthId(year, month)));
    if (month === 4) periods.push(reportPeriod(`${year}-T1`));
    if (month === 8) periods.push(reportPeriod(`${year}-T2`));
    if (month === 12) periods.push(reportPeriod(`${year}-VB`));
  }
  return periods;
}

/** Whether a period is a month (`YYYY-MM`). */
export const isMonthPeriod = (id: string): boolean => parseReportPeriod(id)?.kind === 'month';

/** The months in Swedish, January first (lower case, as Swedish writes them in running text). */
export const SWEDISH_MONTH_NAMES = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** A month (`YYYY-MM`) in Swedish words: "maj 2015". */
export function swedishMonthName(month: string): string {
  return `${SWEDISH_MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
}

/**
 * A period in Swedish words for running text (e-mail, the audit log's CSV): "maj 2015",
 * "tertialrapport 2015 (januari–april)", "delårsrapport 2015 (januari–augusti)",
 * "verksamhetsberättelse 2015". The client's own labels follow its language (i18n).
 */
export function swedishPeriodName(periodId: string): string {
  const period = parseReportPeriod(periodId);
  if (!period) return periodId;
  switch (periodId.slice(5)) {
    case 'T1':
      return `tertialrapport ${period.year} (januari–april)`;
    case 'T2':
      return `delårsrapport ${period.year} (januari–augusti)`;
    case 'VB':
      return `verksamhetsberättelse ${period.year}`;
    default:
      return swedishMonthName(periodId);
  }
}
