/**
 * Reads an uploaded table (CSV through papaparse, XLSX through exceljs) into rows of trimmed
 * strings keyed by the header row's (lower-cased) column names. Validation happens afterwards,
 * on strings, so both formats are judged by the same rules.
 */
import type { ImportFileIssueCode, ImportIssue } from '@foljsam/domain';
import Papa from 'papaparse';
import { type ExcelJS, loadExcel } from '../spreadsheets';

export type TableFormat = 'csv' | 'xlsx';

/** The file cannot be read as a table at all (a 400, not a row error); `code` says why. */
export class TableFileError extends Error {
  constructor(
    readonly code: ImportFileIssueCode,
    readonly params: Omit<ImportIssue, 'code' | 'message'> = {},
    detail: string = code,
  ) {
    super(detail);
  }
}

export interface Table {
  headers: string[];
  rows: Record<string, string>[];
}

/** Most rows one import takes; a bigger file is refused as a whole. */
export const MAX_IMPORT_ROWS = 10_000;

const normaliseHeader = (header: string) => header.trim().toLowerCase();

export async function parseTable(bytes: Uint8Array, format: TableFormat): Promise<Table> {
  const table = format === 'csv' ? parseCsv(bytes) : await parseXlsx(bytes);
  if (table.headers.length === 0) throw new TableFileError('noHeaderRow');
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw new TableFileError('tooManyRows', { count: table.rows.length, max: MAX_IMPORT_ROWS });
  }
  return table;
}

function parseCsv(bytes: Uint8Array): Table {
  // A byte-order mark (Excel's "CSV UTF-8") is dropped by the decoder.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // A NUL is in no text table: a binary file (an XLSX or a PDF sent as CSV, say).
  if (text.includes('\u0000')) throw new TableFileError('unreadableCsv', {}, 'the file is binary');
  // Swedish Excel writes ";" between fields; papaparse detects the delimiter.
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: normaliseHeader,
    transform: (value) => value.trim(),
  });
  const fatal = result.errors.find((e) => e.type === 'Delimiter' && result.data.length === 0);
  if (fatal) throw new TableFileError('unreadableCsv', {}, fatal.message);
  return { headers: (result.meta.fields ?? []).filter(Boolean), rows: result.data };
}

/** A cell as the text a person sees in it; dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch (error) {
    throw new TableFileError('unreadableXlsx', {}, (error as Error).message);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new TableFileError('noSheet');
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, column) => {
    headers[column - 1] = normaliseHeader(cellText(cell.value));
  });
  const rows: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const record: Record<string, string> = {};
    let empty = true;
    headers.forEach((header, i) => {
      if (!header) return;
      const text = cellText(row.getCell(i + 1).value).trim();
      if (text) empty = false;
      record[header] = text;
    });
    if (!empty) rows.push(record);
  }
  return { headers: headers.filter(Boolean), rows };
}
