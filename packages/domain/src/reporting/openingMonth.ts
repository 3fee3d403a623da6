/**
 * The month the follow-up screens open on when none is chosen: the period currently being
 * reported, not December.
 */
import { currentReportingMonth, type ReportingCalendar, reportingSchedule } from './calendar';

/**
 * The month (`YYYY-MM`) a year opens on, on a day (`YYYY-MM-DD`, today in Sweden):
 *
 * - a year to come: its first reported month;
 * - a year being reported (today is on or before its last deadline): the month being reported
 *   ({@link currentReportingMonth});
 * - a year fully in the past: the latest month of `startedMonths` (months with any report
 *   started), else its last reported month.
 *
 * A calendar that reports no month opens on January (or December for a past year).
 */
export function openingMonth(
  calendar: ReportingCalendar,
  today: string,
  startedMonths: readonly string[] = [],
): string {
  const year = calendar.year;
  const schedule = reportingSchedule(calendar);
  const months = schedule.filter(({ period }) => period.kind === 'month').map(({ period }) => period.id);
  const lastDeadline = schedule.reduce<string | null>(
    (latest, { deadline }) => (latest === null || deadline > latest ? deadline : latest),
    null,
  );
  if (today < `${year}-01-01`) return months[0] ?? `${year}-01`;
  if (lastDeadline !== null && today <= lastDeadline) {
    return currentReportingMonth(calendar, today) ?? `${year}-01`;
  }
  const started = startedMonths.filter((month) => month.startsWith(`${year}-`)).sort();
  return started.at(-1) ?? months.at(-1) ?? `${year}-12`;
}
