/**
 * The reminder rules (påminnelser), pure: given the time, the reports due and the users, which
 * e-mails are due now, each under a stable key so it is sent at most once. The rules are
 * described for people in docs/reminders.md; keep the two in step.
 *
 * - Before a deadline: each department head (avdelningschef) of a department whose report is
 *   not submitted (utkast or återremitterad) gets one reminder, from 7 days before the deadline
 *   for a month and 28 days before for a tertial or year-end report (periods of 31 days or more).
 * - After a deadline: the same department heads get one more if the report is still not
 *   submitted on the first day after it.
 * - After a deadline the kommunchef gets one message listing the reports of that deadline that
 *   are still missing or waiting for review.
 * - A user who chose `digest` gets, instead of the above, one message a week (from Monday 08:00
 *   Swedish time) listing everything due or overdue for them; `none` gets nothing.
 * - A disabled user and a user without an address get nothing (returned as skipped).
 *
 * The service runs these rules every minute, so a reminder whose day came while the server was
 * down goes out when it is back, within {@link CATCH_UP_DAYS}; older ones are not sent late.
 */
import {
  addDays,
  isoWeekday,
  parseReportPeriod,
  type ReportStatus,
  swedishDate,
  swedishInstant,
} from '@foljsam/domain';
import type { ReminderMode, Role } from '../store/types';

/** A report that falls due: the shape of `listDueReports` (server/src/reporting/dueReports.ts). */
export interface ReminderReport {
  periodId: string;
  departmentId: string;
  /** The last day to submit, `YYYY-MM-DD` in Sweden. */
  deadline: string;
  status: ReportStatus;
  submittedAt: string | null;
}

/** A user as the rules need them. */
export interface ReminderUser {
  id: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  disabled: boolean;
  email: string | null;
  reminderMode: ReminderMode;
}

/** What a message is: see the module comment. */
export type ReminderKind = 'before' | 'after' | 'summary' | 'digest';

/** One report named in a message. */
export interface ReminderItem {
  periodId: string;
  departmentId: string;
  deadline: string;
  status: ReportStatus;
  /** The deadline has passed and the report is not submitted. */
  overdue: boolean;
}

/** A message the rules say is due now. */
export interface PlannedReminder {
  /** Stable: the same message has the same key in every round and every process. */
  key: string;
  kind: ReminderKind;
  user: ReminderUser;
  items: ReminderItem[];
}

/** A message that would be due but has nowhere to go. */
export interface SkippedReminder {
  key: string;
  userId: string;
  reason: 'disabled' | 'no-address';
}

/** Days before a month's deadline its reminder goes out. */
export const MONTH_LEAD_DAYS = 7;
/** Days before a tertial or year-end report's deadline (periods of 31 days or more). */
export const LONG_PERIOD_LEAD_DAYS = 28;
/** How many days after its day a missed reminder (server down) is still sent. */
export const CATCH_UP_DAYS = 7;
/** The weekly digest goes out from this hour on Monday, Swedish time. */
export const DIGEST_HOUR = 8;

const NOT_SUBMITTED: readonly ReportStatus[] = ['utkast', 'aterremitterad'];

/** Days before the deadline the "before" reminder of a period goes out. */
export function leadDays(periodId: string): number {
  return parseReportPeriod(periodId)?.kind === 'month' ? MONTH_LEAD_DAYS : LONG_PERIOD_LEAD_DAYS;
}

/** The ISO week of a date, e.g. `2015-W23` (the week's Thursday decides its year). */
export function isoWeek(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

const within = (today: string, first: string, last: string) => today >= first && today <= last;

/** The messages due at `now`, and those that would be but have no recipient. */
export function planReminders(input: {
  now: Date;
  reports: readonly ReminderReport[];
  users: readonly ReminderUser[];
}): { messages: PlannedReminder[]; skipped: SkippedReminder[] } {
  const today = swedishDate(input.now);
  const messages: PlannedReminder[] = [];
  const skipped: SkippedReminder[] = [];
  const item = (report: ReminderReport): ReminderItem => ({
    periodId: report.periodId,
    departmentId: report.departmentId,
    deadline: report.deadline,
    status: report.status,
    overdue: today > report.deadline && NOT_SUBMITTED.includes(report.status),
  });
  const push = (kind: ReminderKind, key: string, user: ReminderUser, items: ReminderItem[]) => {
    if (user.disabled) skipped.push({ key, userId: user.id, reason: 'disabled' });
    else if (!user.email) skipped.push({ key, userId: user.id, reason: 'no-address' });
    else messages.push({ key, kind, user, items });
  };
  const sorted = [...input.reports].sort(
    (a, b) => a.deadline.localeCompare(b.deadline) || a.periodId.localeCompare(b.periodId),
  );
  const headsOf = (departmentId: string) =>
    input.users.filter((user) => user.role === 'avdelningschef' && user.departmentId === departmentId);
  const managers = input.users.filter((user) => user.role === 'kommunchef');

  // Each reminder as it falls due.
  for (const report of sorted) {
    if (!NOT_SUBMITTED.includes(report.status)) continue;
    const before = within(today, addDays(report.deadline, -leadDays(report.periodId)), report.deadline);
    const after = within(today, addDays(report.deadline, 1), addDays(report.deadline, CATCH_UP_DAYS));
    if (!before && !after) continue;
    const kind = before ? 'before' : 'after';
    for (const head of headsOf(report.departmentId)) {
      if (head.reminderMode !== 'each') continue;
      push(kind, `${kind}:${report.periodId}:${report.departmentId}:${head.id}`, head, [item(report)]);
    }
  }

  // The kommunchef's list after each deadline: one message per deadline day.
  const deadlines = [...new Set(sorted.map((report) => report.deadline))];
  for (const deadline of deadlines) {
    if (!within(today, addDays(deadline, 1), addDays(deadline, CATCH_UP_DAYS))) continue;
    const open = sorted.filter((report) => report.deadline === deadline && report.status !== 'godkand');
    if (open.length === 0) continue;
    for (const manager of managers) {
      if (manager.reminderMode !== 'each') continue;
      push('summary', `summary:${deadline}:${manager.id}`, manager, open.map(item));
    }
  }

  // The weekly digest, from Monday 08:00 of the week.
  const monday = addDays(today, 1 - isoWeekday(today));
  if (input.now.getTime() >= swedishInstant(monday, DIGEST_HOUR).getTime()) {
    const week = isoWeek(today);
    for (const user of input.users) {
      if (user.reminderMode !== 'digest') continue;
      const items = sorted.filter((report) => digestConcerns(user, report, today)).map(item);
      if (items.length === 0) continue;
      push('digest', `digest:${week}:${user.id}`, user, items);
    }
  }
  return { messages, skipped };
}

/**
 * Whether a report belongs in a user's digest: for a department head, their department's report
 * not yet submitted from its reminder day on; for the kommunchef, a report waiting for review,
 * or one still missing after its deadline.
 */
function digestConcerns(user: ReminderUser, report: ReminderReport, today: string): boolean {
  const notSubmitted = NOT_SUBMITTED.includes(report.status);
  if (user.role === 'avdelningschef') {
    return (
      user.departmentId === report.departmentId &&
      notSubmitted &&
      today >= addDays(report.deadline, -leadDays(report.periodId))
    );
  }
  if (user.role === 'kommunchef') {
    return report.status === 'inskickad' || (notSubmitted && today > report.deadline);
  }
  return false;
}
