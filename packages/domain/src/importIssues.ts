/**
 * What the import of assignments and indicator outcomes (CSV/XLSX) can find wrong, as stable
 * codes with parameters, so a client can say it in its own language; every issue also carries
 * a plain English `message` for API users. Shared by the server (which judges the file) and the
 * client (which renders the preview), see docs/board-report.md.
 *
 * Row issues sit on the preview's rows (`rows[].errors`); file issues answer the request itself
 * (`{ error, issue }` with a 4xx status) when the file cannot be judged row by row at all.
 */
import { z } from 'zod';
import { importKind } from './access';

/** Codes of a single row's errors. */
export const IMPORT_ROW_ISSUE_CODES = [
  /** A required column is empty on this row (`field`). */
  'missingField',
  /** Not a calendar date as YYYY-MM-DD (`field`, `value`). */
  'invalidDate',
  /** Not a month as YYYY-MM (`field`, `value`). */
  'invalidMonth',
  /** A month outside the plan's year (`field`, `value`, `year`). */
  'monthOutsideYear',
  /** Text where a number belongs (`field`, `value`). */
  'notANumber',
  /** No department with that id, number or name (`field`, `value`). */
  'unknownDepartment',
  /** No indicator with that id in the plan (`field`, `value`). */
  'unknownIndicator',
  /** Not one of the assignment statuses (`field`, `value`). */
  'unknownStatus',
  /** An id with characters ids may not have (`field`, `value`). */
  'invalidId',
  /** A text longer than the model allows (`field`, `max` characters). */
  'tooLong',
  /** The end date is before the start date (`field`). */
  'endBeforeStart',
  /** Anything else the model refuses (`field`, `value`). */
  'invalidValue',
  /** The same assignment, or the same month and indicator, as an earlier line (`line`). */
  'duplicateRow',
  /** A department head's row for another department's indicator (`departmentId`, `departmentName`). */
  'otherDepartment',
  /** The row writes to an approved, read-only report (`month`, `departmentId`, `departmentName`). */
  'reportApproved',
] as const;

/** Codes of errors that refuse the whole file or request. */
export const IMPORT_FILE_ISSUE_CODES = [
  /** The query is not `?year=YYYY&format=csv|xlsx` (and `mode=valid|all` to apply). */
  'badRequest',
  /** The kind is neither `assignments` nor `indicator-outcomes`. */
  'unknownKind',
  /** The user's role may not import this kind. */
  'forbidden',
  /** The workspace has no plan for the year (`year`). */
  'noPlan',
  /** The file is not a CSV table (a binary file, say). */
  'unreadableCsv',
  /** The file is not an XLSX workbook. */
  'unreadableXlsx',
  /** The workbook has no sheet. */
  'noSheet',
  /** The file has no header row. */
  'noHeaderRow',
  /** Required columns are missing from the header row (`columns`). */
  'missingColumns',
  /**
   * More rows than one import takes (at most `max`; `count` rows when known: reading stops at
   * the first row past the limit, so a file that is far too long is not counted to the end).
   */
  'tooManyRows',
  /** A larger file than accepted (at most `max` bytes). */
  'tooLarge',
  /** A workbook that unpacks to more than `max` bytes (a zip bomb, or just too much data). */
  'tooLargeUnpacked',
  /** Reading the file took longer than `max` seconds and was abandoned. */
  'parseTimeout',
  /** Other imports are being read right now; try again in `max` seconds (a 429). */
  'importBusy',
  /** All or nothing, and `count` rows have errors: nothing was written. */
  'rowsHaveErrors',
  /** The file writes to an approved (read-only) month: nothing was written. */
  'approvedMonth',
  /** A report was approved while the import was written; the rest was not written. */
  'approvedDuringImport',
] as const;

export const importIssueCode = z.enum([...IMPORT_ROW_ISSUE_CODES, ...IMPORT_FILE_ISSUE_CODES]);
export type ImportIssueCode = z.infer<typeof importIssueCode>;
export type ImportRowIssueCode = (typeof IMPORT_ROW_ISSUE_CODES)[number];
export type ImportFileIssueCode = (typeof IMPORT_FILE_ISSUE_CODES)[number];

/** One issue: its code, its parameters (those the code uses) and a plain English message. */
export const importIssue = z.object({
  code: importIssueCode,
  /** Plain English, for API users; clients render from `code` and the parameters instead. */
  message: z.string(),
  /** The column, as the import's documentation names it (`startDate`, `indicatorId`, …). */
  field: z.string().optional(),
  /** The cell's text as read. */
  value: z.string().optional(),
  /** The earlier line a duplicate repeats (1-based, the header is line 1). */
  line: z.number().int().optional(),
  year: z.number().int().optional(),
  month: z.string().optional(),
  departmentId: z.string().optional(),
  departmentName: z.string().optional(),
  /**
   * The limit: characters for `tooLong`, rows for `tooManyRows`, bytes for `tooLarge` and
   * `tooLargeUnpacked`, seconds for `parseTimeout` and `importBusy`.
   */
  max: z.number().optional(),
  /** How many: rows in the file for `tooManyRows`, failing rows for `rowsHaveErrors`. */
  count: z.number().int().optional(),
  /** Missing columns for `missingColumns`. */
  columns: z.array(z.string()).optional(),
});
export type ImportIssue = z.infer<typeof importIssue>;

/** One row of a preview: its line, the cells as read, and its errors (none: it would be written). */
export const importPreviewRow = z.object({
  line: z.number().int(),
  cells: z.record(z.string(), z.string()),
  errors: z.array(importIssue),
});
export type ImportPreviewRow = z.infer<typeof importPreviewRow>;

/** `POST /api/import/:kind/preview` answers this. */
export const importPreview = z.object({
  kind: importKind,
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  rows: z.array(importPreviewRow),
});
export type ImportPreview = z.infer<typeof importPreview>;

/** Every refused import request answers this (with a 4xx status). */
export const importFailure = z.object({
  error: z.string(),
  issue: importIssue,
  /** For `rowsHaveErrors`: the failing rows. */
  rows: z.array(importPreviewRow.omit({ cells: true })).optional(),
});
export type ImportFailure = z.infer<typeof importFailure>;
