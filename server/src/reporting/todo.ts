/**
 * "Att göra": what a signed-in user has to do about the reporting calendar, built from
 * {@link listDueReports}. Pure, so the rules are easy to read and test.
 *
 * - A department head (avdelningschef): their department's reports not yet submitted (utkast or
 *   återremitterad) with the deadline and the days left, or how many days late.
 * - The kommunchef and the administrator: reports submitted and waiting for review, and per
 *   period the departments whose report is overdue.
 * - A reader (läsare): nothing.
 *
 * Only deadlines within the coming {@link TODO_HORIZON_DAYS} days or already passed are listed:
 * nobody needs to see twelve months ahead.
 */
import { addDays, daysBetween, type ReportStatus } from '@foljsam/domain';
import type { Department, User } from '../store/types';
import type { DueReport } from './dueReports';

/** How far ahead a deadline is listed (about five weeks). */
export const TODO_HORIZON_DAYS = 35;

const NOT_SUBMITTED: readonly ReportStatus[] = ['utkast', 'aterremitterad'];

/** A department as a to-do item names it. */
export interface TodoDepartment {
  id: string;
  name: string;
  status: ReportStatus;
}

/** One thing to do. `daysLeft` is negative when the deadline has passed (−3: three days late). */
export type TodoItem =
  | {
      /** Write and submit this report (the department head). */
      kind: 'submit';
      periodId: string;
      deadline: string;
      daysLeft: number;
      department: TodoDepartment;
    }
  | {
      /** Review this submitted report (kommunchef, admin). */
      kind: 'review';
      periodId: string;
      deadline: string;
      daysLeft: number;
      department: TodoDepartment;
      submittedAt: string | null;
    }
  | {
      /** These departments have not submitted a period's report in time (kommunchef, admin). */
      kind: 'overdue';
      periodId: string;
      deadline: string;
      daysLeft: number;
      departments: TodoDepartment[];
    };

/** The user's to-do list on `today` (`YYYY-MM-DD`, today in Sweden), in deadline order. */
export function todoFor(
  user: User,
  reports: readonly DueReport[],
  departments: readonly Department[],
  today: string,
): TodoItem[] {
  const horizon = addDays(today, TODO_HORIZON_DAYS);
  const nameOf = new Map(departments.map((department) => [department.id, department.name]));
  const departmentOf = (report: DueReport): TodoDepartment => ({
    id: report.departmentId,
    name: nameOf.get(report.departmentId) ?? report.departmentId,
    status: report.status,
  });
  const daysLeft = (deadline: string) => daysBetween(today, deadline);
  const items: TodoItem[] = [];

  if (user.role === 'avdelningschef') {
    for (const report of reports) {
      if (report.departmentId !== user.departmentId) continue;
      if (!NOT_SUBMITTED.includes(report.status) || report.deadline > horizon) continue;
      items.push({
        kind: 'submit',
        periodId: report.periodId,
        deadline: report.deadline,
        daysLeft: daysLeft(report.deadline),
        department: departmentOf(report),
      });
    }
  } else if (user.role === 'kommunchef' || user.role === 'admin') {
    const overdue = new Map<string, Extract<TodoItem, { kind: 'overdue' }>>();
    for (const report of reports) {
      if (report.status === 'inskickad') {
        items.push({
          kind: 'review',
          periodId: report.periodId,
          deadline: report.deadline,
          daysLeft: daysLeft(report.deadline),
          department: departmentOf(report),
          submittedAt: report.submittedAt,
        });
      } else if (NOT_SUBMITTED.includes(report.status) && report.deadline < today) {
        let group = overdue.get(report.periodId);
        if (!group) {
          group = {
            kind: 'overdue',
            periodId: report.periodId,
            deadline: report.deadline,
            daysLeft: daysLeft(report.deadline),
            departments: [],
          };
          overdue.set(report.periodId, group);
          items.push(group);
        }
        group.departments.push(departmentOf(report));
      }
    }
  }
  // Deadline order; within a deadline, reviews before overdue groups, then by department.
  const rank = { submit: 0, review: 0, overdue: 1 } as const;
  return items.sort(
    (a, b) =>
      a.deadline.localeCompare(b.deadline) ||
      a.periodId.localeCompare(b.periodId) ||
      rank[a.kind] - rank[b.kind] ||
      ('department' in a && 'department' in b ? a.department.name.localeCompare(b.department.name, 'sv') : 0),
  );
}
