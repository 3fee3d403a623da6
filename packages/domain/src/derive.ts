/**
 * Values derived from stored data, never stored themselves: they depend on today's date or
 * on other values, and storing them would let them go stale.
 */
import type {
  CouncilAssignment,
  Indicator,
  Initiative,
  Plan,
  ReportingFrequency,
  StrategicGoal,
  TargetPoint,
} from './model';
import { parseReportPeriod, type ReportKind } from './reporting/periods';

/** How an assignment stands against its end date. */
export type DueState = 'done' | 'overdue' | 'due-soon' | 'on-track';

/** Days before the end date from which an unfinished assignment counts as due soon. */
export const DUE_SOON_DAYS = 30;

/** Today as `YYYY-MM-DD` in Swedish time, the calendar the municipality works in. */
export function todayInSweden(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);
}

const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/**
 * Overdue (förfallet) when unfinished after its end date; due soon when unfinished and the end
 * date is within {@link DUE_SOON_DAYS} days; a finished assignment is never flagged.
 */
export function dueState(
  assignment: Pick<CouncilAssignment, 'status' | 'endDate'>,
  today: string,
  dueSoonDays = DUE_SOON_DAYS,
): DueState {
  if (assignment.status === 'klar') return 'done';
  const daysLeft = dayNumber(assignment.endDate) - dayNumber(today);
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= dueSoonDays) return 'due-soon';
  return 'on-track';
}

/**
 * The target of an indicator for a year: the path's own value for that year, or a straight
 * line between the surrounding points (78 % in 2015 and 85 % in 2018 give 80.3 % for 2016).
 * Before the first point the first value holds, after the last the last; null without points.
 */
export function targetForYear(targetPath: readonly TargetPoint[], year: number): number | null {
  const points = [...targetPath].sort((a, b) => a.year - b.year);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  if (year <= first.year) return first.value;
  if (year >= last.year) return last.value;
  for (let i = 1; i < points.length; i++) {
    const before = points[i - 1] as TargetPoint;
    const after = points[i] as TargetPoint;
    if (year <= after.year) {
      return (
        before.value + ((after.value - before.value) * (year - before.year)) / (after.year - before.year)
      );
    }
  }
  return last.value;
}

/**
 * Whether an outcome reaches the indicator's target for the year, honouring its direction;
 * null when either is missing.
 */
export function meetsTarget(
  indicator: Pick<Indicator, 'direction' | 'targetPath'>,
  year: number,
  outcome: number | null,
): boolean | null {
  const target = targetForYear(indicator.targetPath, year);
  if (target === null || outcome === null) return null;
  return indicator.direction === 'increase' ? outcome >= target : outcome <= target;
}

/**
 * Which indicators each kind of report asks for, by how often an indicator is reported: a
 * monthly report asks for the monthly ones, a tertial report (tertialrapport, delårsrapport) for
 * the monthly and tertial ones, the year-end report (verksamhetsberättelse) for all of them.
 */
export const FREQUENCIES_ASKED: Record<ReportKind, ReadonlySet<ReportingFrequency>> = {
  month: new Set(['month']),
  tertial: new Set(['month', 'tertial']),
  year: new Set(['month', 'tertial', 'year']),
};

/**
 * Whether the report of a period (`YYYY-MM`, `YYYY-T1`, `YYYY-T2`, `YYYY-VB`) asks for an
 * indicator's outcome (see {@link FREQUENCIES_ASKED}); an indicator without a frequency is
 * monthly. False for an id that is not a period.
 */
export function isReportedIn(indicator: Pick<Indicator, 'reportingFrequency'>, periodId: string): boolean {
  const period = parseReportPeriod(periodId);
  return period !== null && FREQUENCIES_ASKED[period.kind].has(indicator.reportingFrequency ?? 'month');
}

/**
 * What a department reports on in the report of a period (a month, a tertial or the year): the
 * goals it owns, the indicators it owns that the report asks for ({@link isReportedIn}) and its
 * initiatives. Archived items are left out, except those the report already has
 * content for (`reported`, see reportedItemKeys), so nothing written disappears from view.
 */
export function departmentPlanItems(
  plan: Plan,
  departmentId: string,
  periodId: string,
  reported: ReadonlySet<string> = new Set(),
): { goals: StrategicGoal[]; indicators: Indicator[]; initiatives: Initiative[] } {
  const shown = (key: string, archived: boolean | undefined) => archived !== true || reported.has(key);
  return {
    goals: plan.goals.filter(
      (goal) => goal.ownerDepartmentIds.includes(departmentId) && shown(`goal:${goal.id}`, goal.archived),
    ),
    indicators: plan.indicators.filter(
      (indicator) =>
        indicator.ownerDepartmentId === departmentId &&
        shown(`indicator:${indicator.id}`, indicator.archived) &&
        (isReportedIn(indicator, periodId) || reported.has(`indicator:${indicator.id}`)),
    ),
    initiatives: plan.initiatives.filter(
      (initiative) =>
        initiative.ownerDepartmentId === departmentId &&
        shown(`initiative:${initiative.id}`, initiative.archived),
    ),
  };
}
