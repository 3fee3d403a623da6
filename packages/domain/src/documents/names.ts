/**
 * Names of the synced documents. The name says what a document holds and so who may read or
 * write it: `plan:<year>`, `assignments:<year>` and `report:<YYYY-MM>:<departmentId>`.
 */

/** A parsed document name. */
export type DocumentRef =
  | { kind: 'plan'; year: number }
  | { kind: 'assignments'; year: number }
  | { kind: 'report'; month: string; year: number; departmentId: string };

const YEAR = /^(20\d\d|2100)$/;
const MONTH = /^(20\d\d)-(0[1-9]|1[0-2])$/;
const DEPARTMENT_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Parses a document name; null for anything that is not one of the three documented forms. */
export function parseDocumentName(name: string): DocumentRef | null {
  if (name.length > 128) return null;
  const parts = name.split(':');
  const [kind, first, second] = parts;
  if ((kind === 'plan' || kind === 'assignments') && parts.length === 2 && first && YEAR.test(first)) {
    return { kind, year: Number(first) };
  }
  if (kind === 'report' && parts.length === 3 && first && second) {
    const month = MONTH.exec(first);
    if (month && DEPARTMENT_ID.test(second)) {
      return { kind, month: first, year: Number(month[1]), departmentId: second };
    }
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
      return `report:${ref.month}:${ref.departmentId}`;
  }
}

export const planDocumentName = (year: number): string => formatDocumentName({ kind: 'plan', year });
export const assignmentsDocumentName = (year: number): string =>
  formatDocumentName({ kind: 'assignments', year });
export const reportDocumentName = (month: string, departmentId: string): string =>
  formatDocumentName({ kind: 'report', month, year: Number(month.slice(0, 4)), departmentId });
