/**
 * The reporting calendar (rapporteringskalender) of a year: which periods are reported and when
 * each report is due. The administrator sets it per year; a year without one uses
 * {@link defaultReportingCalendar}.
 *
 * A deadline follows a rule ("the 10th working day of the month after the period ends";
 * weekends and Swedish public holidays, including midsommarafton, julafton and nyårsafton, are
 * not working days) unless the period has an override date of its own.
 */
import Holidays from 'date-holidays';
import { z } from 'zod';
import { isoDate } from '../model';
import { addDays, isoWeekday } from '../time';
import { periodsOfYear, type ReportPeriod, reportPeriod, reportPeriodId } from './periods';

/** The rule a deadline follows: the n:th working day of the month after the period ends. */
export const deadlineRule = z.object({
  workingDayOfFollowingMonth: z.number().int().min(1).max(20),
});
export type DeadlineRule = z.infer<typeof deadlineRule>;

/** A year's reporting calendar as stored and sent. */
export const reportingCalendar = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The periods reported this year (a subset of {@link periodsOfYear}). */
    periods: z.array(reportPeriodId).max(15),
    rule: deadlineRule,
    /** Per-period deadlines that replace the rule's date. */
    overrides: z.record(reportPeriodId, isoDate),
  })
  .superRefine((calendar, context) => {
    const inYear = (id: string) => id.startsWith(`${calendar.year}-`);
    for (const id of [...calendar.periods, ...Object.keys(calendar.overrides)]) {
      if (!inYear(id))
        context.addIssue({ code: 'custom', message: `${id} is not a period of ${calendar.year}` });
    }
    if (new Set(calendar.periods).size !== calendar.periods.length) {
      context.addIssue({ code: 'custom', message: 'a period is listed twice' });
    }
    for (const [id, date] of Object.entries(calendar.overrides)) {
      const period = reportPeriod(id);
      if (date < `${followingMonth(period.endMonth)}-01`) {
        context.addIssue({
          code: 'custom',
          message: `the deadline of ${id} is before the period ends`,
          path: ['overrides', id],
        });
      }
    }
  });
export type ReportingCalendar = z.infer<typeof reportingCalendar>;

/** Every month, the two tertial reports and the year-end report, each due the 10th working day after. */
export function defaultReportingCalendar(year: number): ReportingCalendar {
  return {
    year,
    periods: periodsOfYear(year).map((period) => period.id),
    rule: { workingDayOfFollowingMonth: 10 },
    overrides: {},
  };
}

/** A reported period with its deadline. */
export interface ScheduledPeriod {
  period: ReportPeriod;
  /** The last day to submit (`YYYY-MM-DD`, a day in Sweden). */
  deadline: string;
  /** Whether the deadline is an override rather than the rule's date. */
  overridden: boolean;
}

let holidays: Holidays | undefined;
const nonWorkingDays = new Map<number, Set<string>>();

/** Swedish public holidays and the eves treated as holidays (midsommar-, jul- and nyårsafton). */
function holidaysOf(year: number): Set<string> {
  let days = nonWorkingDays.get(year);
  if (!days) {
    holidays ??= new Holidays('SE');
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    nonWorkingDays.set(year, days);
  }
  return days;
}

/** Whether a date (`YYYY-MM-DD`) is a working day in Sweden. */
export function isWorkingDay(date: string): boolean {
  return isoWeekday(date) <= 5 && !holidaysOf(Number(date.slice(0, 4))).has(date);
}

/** The n:th working day of a month (`YYYY-MM`). */
export function nthWorkingDay(month: string, n: number): string {
  let date = `${month}-01`;
  let count = isWorkingDay(date) ? 1 : 0;
  while (count < n) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) count++;
  }
  return date;
}

/** The month after a month (`YYYY-MM`). */
export function followingMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const next = Number(month.slice(5, 7)) + 1;
  return next > 12 ? `${year + 1}-01` : `${year}-${String(next).padStart(2, '0')}`;
}

/** The deadline of one period under a calendar (the override, or the rule's date). */
export function deadlineOf(calendar: ReportingCalendar, periodId: string): string {
  return (
    calendar.overrides[periodId] ??
    nthWorkingDay(followingMonth(reportPeriod(periodId).endMonth), calendar.rule.workingDayOfFollowingMonth)
  );
}

/** The reported periods of a calendar with their deadlines, in the order they fall due. */
export function reportingSchedule(calendar: ReportingCalendar): ScheduledPeriod[] {
  const reported = new Set(calendar.periods);
  return periodsOfYear(calendar.year)
    .filter((period) => reported.has(period.id))
    .map((period) => ({
      period,
      deadline: deadlineOf(calendar, period.id),
      overridden: calendar.overrides[period.id] !== undefined,
    }));
}

/**
 * The month being reported on a day (`YYYY-MM-DD`): the last reported month that has ended by
 * then. Before the first one ends it is the first; after the year, the last. Null when the
 * calendar reports no month at all.
 */
export function currentReportingMonth(calendar: ReportingCalendar, today: string): string | null {
  const months = reportingSchedule(calendar)
    .filter(({ period }) => period.kind === 'month')
    .map(({ period }) => period.id);
  if (months.length === 0) return null;
  const thisMonth = today.slice(0, 7);
  const ended = months.filter((month) => month < thisMonth);
  return ended.at(-1) ?? months[0] ?? null;
}
