/**
 * An import issue (a row's or a file's error, coded by the server: packages/domain
 * importIssues.ts) in the UI language, from the message catalogue with the issue's parameters;
 * numbers and months through Intl with the locale. The server's English `message` is only the
 * fallback for a code this client does not know yet.
 */
import { type ImportIssue, importFailure } from '@foljsam/domain';
import { formatMonth, formatNumber, t } from '../../i18n';

const number = (value: number | undefined) => (value === undefined ? '' : formatNumber(value, 0));

const listFormats = new Map<string, Intl.ListFormat>();
function list(items: readonly string[]): string {
  const locale = t().intlLocale;
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { type: 'conjunction' });
    listFormats.set(locale, format);
  }
  return format.format(items);
}

export function issueText(issue: ImportIssue): string {
  const m = t().import.issues;
  const field = issue.field ?? '';
  const value = issue.value ?? '';
  const department = issue.departmentName ?? issue.departmentId ?? '';
  const fallback = issue.message;
  switch (issue.code) {
    case 'missingField':
      return m.missingField(field);
    case 'invalidDate':
      return m.invalidDate(field, value);
    case 'invalidMonth':
      return m.invalidMonth(field, value);
    case 'monthOutsideYear':
      return m.monthOutsideYear(field, formatMonth(value), String(issue.year ?? ''));
    case 'notANumber':
      return m.notANumber(field, value);
    case 'unknownDepartment':
      return m.unknownDepartment(field, value);
    case 'unknownIndicator':
      return m.unknownIndicator(field, value);
    case 'unknownStatus':
      return m.unknownStatus(field, value);
    case 'invalidId':
      return m.invalidId(field, value);
    case 'tooLong':
      return m.tooLong(field, number(issue.max));
    case 'endBeforeStart':
      return m.endBeforeStart(field);
    case 'invalidValue':
      return m.invalidValue(field, value);
    case 'duplicateRow':
      return m.duplicateRow(number(issue.line));
    case 'otherDepartment':
      return m.otherDepartment(department);
    case 'reportApproved':
      return m.reportApproved(formatMonth(issue.month ?? ''), department);
    case 'badRequest':
      return m.badRequest;
    case 'unknownKind':
      return m.unknownKind;
    case 'forbidden':
      return m.forbidden;
    case 'noPlan':
      return m.noPlan(String(issue.year ?? ''));
    case 'unreadableCsv':
      return m.unreadableCsv;
    case 'unreadableXlsx':
      return m.unreadableXlsx;
    case 'noSheet':
      return m.noSheet;
    case 'noHeaderRow':
      return m.noHeaderRow;
    case 'missingColumns':
      return m.missingColumns(list(issue.columns ?? []));
    case 'tooManyRows':
      // The server stops reading at the first row past the limit, so the count may be unknown.
      return issue.count === undefined
        ? m.tooManyRowsOver(number(issue.max))
        : m.tooManyRows(number(issue.count), number(issue.max));
    case 'tooLarge':
      return m.tooLarge(number((issue.max ?? 0) / 1024 / 1024));
    case 'tooLargeUnpacked':
      return m.tooLargeUnpacked(number((issue.max ?? 0) / 1024 / 1024));
    case 'parseTimeout':
      return m.parseTimeout(number(issue.max));
    case 'importBusy':
      return m.importBusy(number(issue.max));
    case 'rowsHaveErrors':
      return m.rowsHaveErrors(number(issue.count));
    case 'approvedMonth':
      return m.approvedMonth;
    case 'approvedDuringImport':
      return m.approvedDuringImport;
    default:
      // A code newer than this client: the server's English words.
      return fallback;
  }
}

/**
 * The text of a refused import request: its coded issue in the UI language when the body has
 * one, else the server's `error`, else the HTTP status.
 */
export function failureText(body: unknown, status: number): string {
  const failure = importFailure.safeParse(body);
  if (failure.success) return issueText(failure.data.issue);
  if (body && typeof body === 'object' && 'error' in body) return String((body as { error: unknown }).error);
  return `HTTP ${status}`;
}
