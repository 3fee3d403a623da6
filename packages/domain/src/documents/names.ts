/**
 * Names of the synced documents. The name says what a document holds and so who may read or
 * write it: `plan:<year>`, `assignments:<year>` and `report:<periodId>:<departmentId>`, where
 * the period is a month (`YYYY-MM`), a tertial report (`YYYY-T1`, `YYYY-T2`) or the year-end
 * report (`YYYY-VB`); see reporting/periods.ts. `boardSummary:<periodId>` holds the kommunchef's
 * summary at the top of the board report (styrelserapport) of a period.
 */
import { parseReportPeriod, type ReportKind } from '../reporting/periods';

/** A parsed document name. */
export type DocumentRef =
  | { kind: 'plan'; year: number }
  | { kind: 'assignments'; year: number }
  | {
      kind: 'report';
      /** The reporting period's id: `YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`. */
      period: string;
      /** What kind of report the period is. */
      reportKind: ReportKind;
      /** The last month the period covers (the month itself for a monthly report). */
      month: string;
      year: number;
      departmentId: string;
    }
  | {
      /** The kommunchef's summary (sammanfattning) of the board report of a period. */
      kind: 'boardSummary';
      /** The reporting period's id: `YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`. */
      period: string;
      year: number;
    };

const YEAR = /^(20\d\d|2100)$/;
const DEPARTMENT_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Parses a document name; null for anything that is not one of the documented forms. */
export function parseDocumentName(name: string): DocumentRef | null {
  if (name.length > 128) return null;
  const parts = name.split(':');
  const [kind, first, second] = parts;
  if ((kind === 'plan' || kind === 'assignments') && parts.length === 2 && first && YEAR.test(first)) {
    return { kind, year: Number(first) };
  }
  if (kind === 'report' && parts.length === 3 && first && second) {
    const period = parseReportPeriod(first);
    if (period && DEPARTMENT_ID.test(second)) {
      return {
        kind,
        period: period.id,
        reportKind: period.kind,
        month: period.endMonth,
        year: period.year,
        departmentId: second,
      };
    }
  }
  if (kind === 'boardSummary' && parts.length === 2 && first) {
    const period = parseReportPeriod(first);
    if (period) return { kind, period: period.id, year: period.year };
  }
  return null;
}

/** Formats a document reference as its name; the inverse of {@link parseDocumentName}. */
export function formatDocumentName(ref: DocumentRef): string {
  switch (ref.kind) {
    case 'plan':
      return `plan:${ref.year}`;
    case 'assignments':
      return `assignments:${ref.year}`;
    case 'report':
      return `report:${ref.period}:${ref.departmentId}`;
    case 'boardSummary':
      return `boardSummary:${ref.period}`;
  }
}

export const planDocumentName = (year: number): string => formatDocumentName({ kind: 'plan', year });
export const assignmentsDocumentName = (year: number): string =>
  formatDocumentName({ kind: 'assignments', year });
/** The document name of the board report's summary for a period (`boardSummary:<periodId>`). */
export const boardSummaryDocumentName = (periodId: string): string => `boardSummary:${periodId}`;
/** The document name of a department's report for a period (a month, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`). */
export const reportDocumentName = (periodId: string, departmentId: string): string =>
  `report:${periodId}:${departmentId}`;

/** The reference of a department's report for a period; throws on an invalid period or department id. */
export function reportDocumentRef(
  periodId: string,
  departmentId: string,
): Extract<DocumentRef, { kind: 'report' }> {
  const ref = parseDocumentName(reportDocumentName(periodId, departmentId));
  if (ref?.kind !== 'report') throw new Error(`not a report: ${periodId} ${departmentId}`);
  return ref;
}
