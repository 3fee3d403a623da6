import type { importSv } from '../sv/import';

/** English texts of the import and export screen. */
export const importEn: typeof importSv = {
  nav: 'Import and export',
  heading: 'Import and export',
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
  kolada: {
    heading: 'Official yearly values (Kolada)',
    intro:
      "Indicators with a Kolada id (for example N01951, population) show official yearly values beside the monthly outcomes. Read a saved answer from Kolada's API (v3, JSON), or fetch directly if the server is set up for it.",
    file: 'Kolada answer (JSON)',
    importFile: 'Read the file',
    fetch: 'Fetch from Kolada',
    stored: (stored: number, ignored: number) => `${stored} yearly values were saved, ${ignored} skipped.`,
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
