/**
 * How a tertial report (tertialrapport, delårsrapport) or the year-end report
 * (verksamhetsberättelse) draws on the monthly reports of the months it covers: it shows each
 * indicator's monthly outcomes and the latest monthly budget figures as a reference, and can fill
 * its own empty outcome and budget fields from the latest month that has them ("Hämta från
 * månadsrapporterna"). What the period report already holds is never overwritten.
 */
import type * as Y from 'yjs';
import type { Author } from '../documents/fieldEdits';
import { readReport, setIndicatorOutcome, setReportBudget } from '../documents/report';
import type { DepartmentReport, ReportBudget } from '../model';
import { reportPeriod } from './periods';

/** One covered month's outcome of an indicator: null where that month's report has none. */
export interface MonthOutcome {
  /** `YYYY-MM`. */
  month: string;
  value: number | null;
}

/**
 * An indicator's outcome in each month a period covers, in month order, from those months'
 * reports (`monthReports`, any order; a month without a report counts as no outcome).
 */
export function coveredMonthOutcomes(
  periodId: string,
  monthReports: readonly DepartmentReport[],
  indicatorId: string,
): MonthOutcome[] {
  const byMonth = new Map(monthReports.map((report) => [report.period, report]));
  return reportPeriod(periodId).months.map((month) => ({
    month,
    value: byMonth.get(month)?.indicatorOutcomes[indicatorId] ?? null,
  }));
}

/** The latest value of one field across the covered months, with the month it comes from. */
export interface LatestFigure {
  month: string;
  value: number;
}

/**
 * For each budget figure (outcome to date, forecast), the latest covered month whose report has
 * it; null where no covered month has it. Outcome to date and forecast are cumulative, so the
 * latest month is the reference for the period.
 */
export function latestMonthlyBudget(
  periodId: string,
  monthReports: readonly DepartmentReport[],
): Record<keyof ReportBudget, LatestFigure | null> {
  const pick = (field: keyof ReportBudget) => latestOf(periodId, monthReports, (r) => r.budget[field]);
  return { outcomeToDateTkr: pick('outcomeToDateTkr'), forecastTkr: pick('forecastTkr') };
}

/** The latest covered month's outcome of an indicator; null where no covered month has one. */
export function latestMonthlyOutcome(
  periodId: string,
  monthReports: readonly DepartmentReport[],
  indicatorId: string,
): LatestFigure | null {
  return latestOf(periodId, monthReports, (report) => report.indicatorOutcomes[indicatorId]);
}

function latestOf(
  periodId: string,
  monthReports: readonly DepartmentReport[],
  value: (report: DepartmentReport) => number | null | undefined,
): LatestFigure | null {
  const covered = new Set(reportPeriod(periodId).months);
  let latest: LatestFigure | null = null;
  for (const report of monthReports) {
    if (!covered.has(report.period)) continue;
    const figure = value(report);
    if (figure === null || figure === undefined) continue;
    if (!latest || report.period > latest.month) latest = { month: report.period, value: figure };
  }
  return latest;
}

/** How many fields a fill wrote. */
export interface FillCounts {
  outcomes: number;
  budget: number;
}

/**
 * "Hämta från månadsrapporterna": fills, in one transaction, the period report's empty indicator
 * outcomes (of `indicatorIds`, those the report asks for) and empty budget figures from the latest
 * covered month that has them. A field that holds a value is never overwritten; each value written
 * is recorded as written by `by`. Throws for a period that is not a tertial or year-end report.
 */
export function fillFromMonths(
  target: Y.Doc,
  periodId: string,
  departmentId: string,
  monthReports: readonly DepartmentReport[],
  indicatorIds: readonly string[],
  by: Author,
  at: Date = new Date(),
): FillCounts {
  if (reportPeriod(periodId).kind === 'month') {
    throw new Error(`a monthly report draws on no other months: ${periodId}`);
  }
  const own = monthReports.filter((report) => report.departmentId === departmentId);
  const current = readReport(target, periodId, departmentId);
  const counts: FillCounts = { outcomes: 0, budget: 0 };
  target.transact(() => {
    for (const id of indicatorIds) {
      if ((current.indicatorOutcomes[id] ?? null) !== null) continue;
      const latest = latestMonthlyOutcome(periodId, own, id);
      if (!latest) continue;
      setIndicatorOutcome(target, id, latest.value, by, at);
      counts.outcomes++;
    }
    const budget = latestMonthlyBudget(periodId, own);
    const patch: Partial<ReportBudget> = {};
    for (const field of ['outcomeToDateTkr', 'forecastTkr'] as const) {
      const latest = budget[field];
      if (current.budget[field] !== null || !latest) continue;
      patch[field] = latest.value;
      counts.budget++;
    }
    if (counts.budget > 0) setReportBudget(target, patch, by, at);
  }, 'fill-from-months');
  return counts;
}
