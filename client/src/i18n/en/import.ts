import type { importSv } from '../sv/import';

/** English texts of the import and export screen. */
export const importEn: typeof importSv = {
  nav: 'Import and export',
  heading: 'Import and export',
  exportOnly: 'Export',
  intro:
    "Read assignments or indicator outcomes from a CSV or Excel file. You see every row's errors before anything is saved, and then choose what to save.",
  importHeading: 'Import',
  kind: 'What the file holds',
  kinds: { assignments: 'Assignments', 'indicator-outcomes': 'Indicator outcomes' },
  columns: {
    assignments:
      'Columns: id, title, department (id, number or name), startDate, endDate (YYYY-MM-DD), status (ej påbörjad, pågår, klar), responsiblePerson, decisionRef, description, progressNote.',
    'indicator-outcomes': 'Columns: month (YYYY-MM), indicatorId, value (a number; a decimal comma is fine).',
  },
  file: 'File (CSV or XLSX)',
  preview: 'Preview',
  uploading: 'Uploading…',
  uploadProgress: 'Upload',
  applyProgress: 'Saving',
  summary: (total: number, valid: number, invalid: number) =>
    `${total} rows: ${valid} without errors, ${invalid} with errors.`,
  line: 'Line',
  content: 'Content',
  result: 'Result',
  ok: 'No errors',
  error: 'Error',
  mode: 'What should be saved?',
  modeValid: 'All rows without errors (rows with errors are skipped)',
  modeAll: 'All or nothing (nothing is saved if any row has an error)',
  apply: 'Save the import',
  applying: 'Saving…',
  applied: (applied: number, skipped: number) => `${applied} rows were saved, ${skipped} skipped.`,
  nothingSaved: 'Nothing has been saved yet.',
  failed: (message: string) => `The import failed: ${message}`,
  chooseFile: 'Choose a file first.',
  issues: {
    missingField: (field: string) => `${field}: missing (the column needs a value)`,
    invalidDate: (field: string, value: string) => `${field}: invalid date “${value}” (expected YYYY-MM-DD)`,
    invalidMonth: (field: string, value: string) => `${field}: invalid month “${value}” (expected YYYY-MM)`,
    monthOutsideYear: (field: string, month: string, year: string) =>
      `${field}: ${month} is outside the plan year ${year}`,
    notANumber: (field: string, value: string) => `${field}: “${value}” is not a number`,
    unknownDepartment: (field: string, value: string) => `${field}: unknown department “${value}”`,
    unknownIndicator: (field: string, value: string) => `${field}: unknown indicator “${value}”`,
    unknownStatus: (field: string, value: string) =>
      `${field}: unknown status “${value}” (ej påbörjad, pågår or klar)`,
    invalidId: (field: string, value: string) =>
      `${field}: invalid id “${value}” (lower-case letters, digits, full stop, underscore and hyphen)`,
    tooLong: (field: string, max: string) => `${field}: text too long (at most ${max} characters)`,
    endBeforeStart: (field: string) => `${field}: the end date is before the start date`,
    invalidValue: (field: string, value: string) => `${field}: invalid value “${value}”`,
    duplicateRow: (line: string) => `Duplicate: the same as line ${line}`,
    otherDepartment: (department: string) => `You may not report for the department ${department}`,
    reportApproved: (month: string, department: string) =>
      `The report of ${month} (${department}) is approved and cannot be changed`,
    badRequest: 'Malformed request (year, format or what to save).',
    unknownKind: 'Unknown kind of import.',
    forbidden: 'Your role may not import this.',
    noPlan: (year: string) => `There is no plan for ${year}.`,
    unreadableCsv: 'The file cannot be read as a CSV table.',
    unreadableXlsx: 'The file cannot be read as an Excel workbook (XLSX).',
    noSheet: 'The workbook has no sheet.',
    noHeaderRow: 'The file has no header row.',
    missingColumns: (columns: string) => `The file lacks the columns ${columns}.`,
    tooManyRows: (count: string, max: string) =>
      `The file has ${count} rows; one import takes at most ${max}.`,
    tooManyRowsOver: (max: string) => `The file has more than ${max} rows; one import takes at most ${max}.`,
    tooLarge: (megabytes: string) => `The file is larger than ${megabytes} MB.`,
    tooLargeUnpacked: (megabytes: string) =>
      `The workbook holds too much data: unpacked it is larger than ${megabytes} MB.`,
    parseTimeout: (seconds: string) =>
      `Reading the file took longer than ${seconds} seconds and was stopped. Split it into smaller files.`,
    importBusy: (seconds: string) =>
      `Other imports are being read right now. Try again in ${seconds} seconds.`,
    rowsHaveErrors: (count: string) => `Rows with errors: ${count}. Nothing was saved (all or nothing).`,
    approvedMonth: 'The file writes to an approved month, which cannot be changed. Nothing was saved.',
    approvedDuringImport: 'A report was approved while the import was saved; the rest was not saved.',
  },
  kolada: {
    heading: 'Official yearly values (Kolada)',
    intro:
      "Indicators with a Kolada id (for example N01951, population) show official yearly values beside the monthly outcomes. Read a saved answer from Kolada's API (v3, JSON), or fetch directly if the server is set up for it.",
    file: 'Kolada answer (JSON)',
    importFile: 'Read the file',
    fetch: 'Fetch from Kolada',
    stored: (stored: number, ignored: number) => `${stored} yearly values were saved, ${ignored} skipped.`,
    errors: {
      forbidden: 'Your role may not read official yearly values.',
      badRequest: 'Malformed request (year or municipality code).',
      noPlan: 'There is no plan for the year.',
      tooLarge: 'The file is larger than 5 MB.',
      notJson: 'The file is not JSON.',
      notKoladaResponse: "The file is not an answer from Kolada's API (v3, data).",
      notConfigured: 'The server is not set up to fetch from Kolada.',
      koladaFailed: 'Kolada did not answer as expected. Try again in a while.',
    },
  },
  exportHeading: 'Export',
  exportIntro: (year: number) => `Download the data of ${year} as CSV or Excel.`,
  exports: {
    assignments: 'Assignments',
    'indicator-values': 'Indicator values',
    budget: 'Budget follow-up',
  },
  csv: (what: string) => `${what} (CSV)`,
  xlsx: (what: string) => `${what} (Excel)`,
};
