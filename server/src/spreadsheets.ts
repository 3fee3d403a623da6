/**
 * exceljs, loaded on first use: it costs about 0.5 s and 20 MiB at start-up, and most server
 * processes never read or write a spreadsheet (imports, exports and the board's XLSX do).
 */
import type ExcelJS from 'exceljs';

export type { ExcelJS };

let loading: Promise<typeof ExcelJS> | undefined;

/** The exceljs module (imported once). */
export function loadExcel(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
