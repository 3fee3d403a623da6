/**
 * Reads what the board's report of a month is compiled from, out of the live documents (through
 * the registry, read-only), and compiles it with the domain's `compileBoardReport`.
 */
import {
  assignmentsDocumentName,
  type BoardReport,
  compileBoardReport,
  type MonthlyReport,
  planDocumentName,
  readAssignments,
  readPlan,
  readReport,
  reportDocumentName,
  todayInSweden,
} from '@foljsam/domain';
import type * as Y from 'yjs';
import type { DocumentRegistry } from '../sync/DocumentRegistry';

/** The plan of the month's year is not there (no such year in this workspace). */
export class NoPlanError extends Error {}

/** A document nobody ever wrote to: a department that has not started its report. */
const isEmpty = (doc: Y.Doc): boolean => doc.store.clients.size === 0;

/** Compiles the board's report of `month` (`YYYY-MM`) from the stored documents. */
export async function loadBoardReport(registry: DocumentRegistry, month: string): Promise<BoardReport> {
  const year = Number(month.slice(0, 4));
  const plan = await registry.use(planDocumentName(year), (document) => readPlan(document.doc));
  if (!plan) throw new NoPlanError(`no plan for ${year}`);
  const assignments = await registry.use(assignmentsDocumentName(year), (document) =>
    readAssignments(document.doc),
  );
  const months = Array.from(
    { length: Number(month.slice(5, 7)) },
    (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`,
  );
  const reports: MonthlyReport[] = [];
  // One month at a time: at most ten documents open at once for this.
  for (const m of months) {
    const ofMonth = await Promise.all(
      plan.departments.map((department) =>
        registry.use(reportDocumentName(m, department.id), (document) =>
          isEmpty(document.doc) ? null : readReport(document.doc, m, department.id),
        ),
      ),
    );
    for (const report of ofMonth) if (report) reports.push(report);
  }
  return compileBoardReport({ plan, assignments, reports, month, today: todayInSweden() });
}
