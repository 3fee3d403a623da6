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

/** The months (1–12) an indicator is reported in, by how often it is reported. */
const REPORTING_MONTHS: Record<ReportingFrequency, ReadonlySet<number>> = {
  month: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
  // The tertials end in April, August and December (delårsrapporter and the year's end).
  tertial: new Set([4, 8, 12]),
  year: new Set([12]),
};

/** Whether an indicator is reported in `month` (`YYYY-MM`): every month, at each tertial's end, or in December. */
export function isReportedIn(indicator: Indicator, month: string): boolean {
  return REPORTING_MONTHS[indicator.reportingFrequency ?? 'month'].has(Number(month.slice(5, 7)));
}

/**
 * What a department reports on in a month's report: the goals it owns, its indicators due that
 * month and its initiatives. Archived items are left out, except those the report already has
 * content for (`reported`, see reportedItemKeys), so nothing written disappears from view.
 */
export function departmentPlanItems(
  plan: Plan,
  departmentId: string,
  month: string,
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
        (isReportedIn(indicator, month) || reported.has(`indicator:${indicator.id}`)),
    ),
    initiatives: plan.initiatives.filter(
      (initiative) =>
        initiative.ownerDepartmentId === departmentId &&
        shown(`initiative:${initiative.id}`, initiative.archived),
    ),
  };
}
