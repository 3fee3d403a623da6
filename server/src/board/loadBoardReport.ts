/**
 * Reads what the board's report of a period is compiled from, out of the live documents (through
 * the registry, read-only): the plan, the assignments, the monthly reports up to the period's
 * last month (the indicator series), the period's own reports for a tertial or year-end period,
 * and the kommunchef's summary (`boardSummary:<periodId>`). Compiles them with the domain's
 * `compileBoardReport`.
 */
import {
  assignmentsDocumentName,
  type BoardReport,
  boardSummaryDocumentName,
  compileBoardReport,
  type MonthlyReport,
  planDocumentName,
  readAssignments,
  readBoardSummary,
  readPlan,
  readReport,
  reportDocumentName,
  reportPeriod,
} from '@foljsam/domain';
import type * as Y from 'yjs';
import type { DocumentRegistry } from '../sync/DocumentRegistry';

/** The plan of the period's year is not there (no such year in this workspace). */
export class NoPlanError extends Error {}

/** A document nobody ever wrote to: a department that has not started its report. */
const isEmpty = (doc: Y.Doc): boolean => doc.store.clients.size === 0;

/** Compiles the board's report of `periodId` (`YYYY-MM`, `YYYY-T1`, `YYYY-T2`, `YYYY-VB`) from the stored documents. */
export async function loadBoardReport(registry: DocumentRegistry, periodId: string): Promise<BoardReport> {
  const period = reportPeriod(periodId);
  const { year } = period;
  const plan = await registry.use(planDocumentName(year), (document) => readPlan(document.doc));
  if (!plan) throw new NoPlanError(`no plan for ${year}`);
  const assignments = await registry.use(assignmentsDocumentName(year), (document) =>
    readAssignments(document.doc),
  );
  const months = Array.from(
    { length: Number(period.endMonth.slice(5, 7)) },
    (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`,
  );
  const ids = period.kind === 'month' ? months : [...months, period.id];
  const reports: MonthlyReport[] = [];
  // One period at a time: at most ten documents open at once for this.
  for (const id of ids) {
    const ofPeriod = await Promise.all(
      plan.departments.map((department) =>
        registry.use(reportDocumentName(id, department.id), (document) =>
          isEmpty(document.doc) ? null : readReport(document.doc, id, department.id),
        ),
      ),
    );
    for (const report of ofPeriod) if (report) reports.push(report);
  }
  const summary = await registry.use(boardSummaryDocumentName(period.id), (document) =>
    readBoardSummary(document.doc),
  );
  return compileBoardReport({ plan, assignments, reports, period: period.id, summary });
}
