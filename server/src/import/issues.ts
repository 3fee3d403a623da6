/**
 * Builds import issues (packages/domain importIssues.ts): a stable code with its parameters and
 * the plain English message API users read. The client says the same from the code and the
 * parameters in the user's language.
 */
import type { ImportIssue, ImportIssueCode } from '@foljsam/domain';

type Params = Omit<ImportIssue, 'code' | 'message'>;

const english: Record<ImportIssueCode, (p: Params) => string> = {
  missingField: (p) => `${p.field}: missing (the column needs a value)`,
  invalidDate: (p) => `${p.field}: invalid date "${p.value}" (expected YYYY-MM-DD)`,
  invalidMonth: (p) => `${p.field}: invalid month "${p.value}" (expected YYYY-MM)`,
  monthOutsideYear: (p) => `${p.field}: ${p.value} is not in the plan year ${p.year}`,
  notANumber: (p) => `${p.field}: "${p.value}" is not a number`,
  unknownDepartment: (p) => `${p.field}: unknown department "${p.value}"`,
  unknownIndicator: (p) => `${p.field}: unknown indicator "${p.value}"`,
  unknownStatus: (p) => `${p.field}: unknown status "${p.value}" (ej påbörjad, pågår or klar)`,
  invalidId: (p) =>
    `${p.field}: invalid id "${p.value}" (lower-case letters, digits, ".", "_" and "-", starting with a letter or digit)`,
  tooLong: (p) => `${p.field}: too long (at most ${p.max} characters)`,
  endBeforeStart: (p) => `${p.field}: the end date is before the start date`,
  invalidValue: (p) => `${p.field}: invalid value "${p.value}"`,
  duplicateRow: (p) => `duplicate row: the same as line ${p.line}`,
  otherDepartment: (p) => `you may not report for the department ${p.departmentId}`,
  reportApproved: (p) => `the report of ${p.month} for ${p.departmentId} is approved and read-only`,
  badRequest: () => 'expected ?year=YYYY&format=csv|xlsx (and mode=valid|all to apply)',
  unknownKind: () => 'kind is "assignments" or "indicator-outcomes"',
  forbidden: () => 'your role may not import this',
  noPlan: (p) => `no plan for ${p.year}`,
  unreadableCsv: () => 'not a CSV table',
  unreadableXlsx: () => 'not an XLSX workbook',
  noSheet: () => 'the workbook has no sheet',
  noHeaderRow: () => 'the file has no header row',
  missingColumns: (p) => `the file lacks the column(s) ${(p.columns ?? []).join(', ')}`,
  tooManyRows: (p) =>
    p.count === undefined
      ? `the file has more than ${p.max} rows; at most ${p.max} per import`
      : `the file has ${p.count} rows; at most ${p.max} per import`,
  tooLarge: (p) => `the file is larger than ${(p.max ?? 0) / 1024 / 1024} MB`,
  tooLargeUnpacked: (p) => `the workbook unpacks to more than ${(p.max ?? 0) / 1024 / 1024} MB`,
  parseTimeout: (p) => `reading the file took longer than ${p.max} seconds`,
  importBusy: (p) => `other imports are being read; try again in ${p.max} seconds`,
  rowsHaveErrors: (p) => `${p.count} rows have errors; nothing was imported (all or nothing)`,
  approvedMonth: () => 'the file writes to an approved (godkänd) month, which is read-only',
  approvedDuringImport: () => 'a report was approved while importing; the rest was not imported',
};

/** An issue with its English message. */
export function importIssue(code: ImportIssueCode, params: Params = {}): ImportIssue {
  return { code, ...params, message: english[code](params) };
}

/** The body of a refused import request: `{ error, issue }` (and more, e.g. the failing rows). */
export function importFailure<T extends object>(
  code: ImportIssueCode,
  params: Params = {},
  extra?: T,
): { error: string; issue: ImportIssue } & T {
  const issue = importIssue(code, params);
  return { error: issue.message, issue, ...(extra as T) };
}
