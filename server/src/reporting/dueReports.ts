/**
 * The reports a year's calendar asks for (rapporter att lämna): one per reported period and
 * reporting department, with its deadline and where it stands. "Att göra" (routes/todo.ts) and
 * the e-mail reminders are built on this list.
 */
import {
  type Plan,
  planDocumentName,
  type ReportStatus,
  readPlan,
  readReportStatus,
  readReportStatusChange,
  reportDocumentName,
  reportingSchedule,
} from '@foljsam/domain';
import type { Department, Store } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';

/** One department's report for one period of the calendar. */
export interface DueReport {
  /** `2015-05`, `2015-T1`, `2015-T2`, `2015-VB`. */
  periodId: string;
  departmentId: string;
  /** `YYYY-MM-DD`, a day in Sweden: the last day to submit. */
  deadline: string;
  /** From the report document; `utkast` when none exists. */
  status: ReportStatus;
  /** ISO time of the submission or approval, when status is inskickad or godkand; else null. */
  submittedAt: string | null;
}

export interface DueReportDeps {
  store: Store;
  registry: DocumentRegistry;
}

/**
 * The departments that report in a year: the active (not archived) departments that are in the
 * year's plan, either in its budget section (every department there reports its outcome and
 * forecast) or as the owner of a goal, indicator or initiative that is not archived. Without a
 * plan, none.
 */
export function reportingDepartments(plan: Plan | null, departments: readonly Department[]): Department[] {
  if (!plan) return [];
  const inPlan = new Set(plan.departments.map((department) => department.id));
  for (const goal of plan.goals) {
    if (goal.archived !== true) for (const id of goal.ownerDepartmentIds) inPlan.add(id);
  }
  for (const item of [...plan.indicators, ...plan.initiatives]) {
    if (item.archived !== true) inPlan.add(item.ownerDepartmentId);
  }
  return departments.filter((department) => !department.archived && inPlan.has(department.id));
}

/** Every report of the year's calendar for each active department that reports. */
export async function listDueReports(deps: DueReportDeps, year: number): Promise<DueReport[]> {
  const { store, registry } = deps;
  // One query tells which documents exist, so no empty document is opened (or created) here.
  const existing = new Set(await store.documents.listDocuments());
  const planName = planDocumentName(year);
  const plan = existing.has(planName)
    ? await registry.use(planName, (document) => readPlan(document.doc))
    : null;
  const departments = reportingDepartments(plan, await store.departments.list());
  if (departments.length === 0) return [];
  const schedule = reportingSchedule(await store.calendars.get(year));

  const due: DueReport[] = [];
  for (const { period, deadline } of schedule) {
    for (const department of departments) {
      const docName = reportDocumentName(period.id, department.id);
      const state = existing.has(docName)
        ? await registry.use(docName, (document) => ({
            status: readReportStatus(document.doc),
            changedAt: readReportStatusChange(document.doc).at,
          }))
        : { status: 'utkast' as const, changedAt: null };
      due.push({
        periodId: period.id,
        departmentId: department.id,
        deadline,
        status: state.status,
        submittedAt: await submittedAt(store, docName, state.status, state.changedAt),
      });
    }
  }
  return due;
}

/**
 * When a report was submitted: for an inskickad report its status change; for a godkand one the
 * last submission in the audit log (its status change is the approval), else the approval.
 */
async function submittedAt(
  store: Store,
  docName: string,
  status: ReportStatus,
  changedAt: string | null,
): Promise<string | null> {
  if (status === 'inskickad') return changedAt;
  if (status !== 'godkand') return null;
  const submissions = await store.audit.forDocument(docName, ['submit']);
  return submissions.at(-1)?.at.toISOString() ?? changedAt;
}
