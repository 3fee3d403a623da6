/**
 * The one way the server writes CSV: Swedish Excel's dialect (";" between fields, CRLF line
 * ends, a UTF-8 byte-order mark so å, ä and ö survive) with formula injection defused, and the
 * matching reader rule so a file the server exported imports back unchanged.
 */
import Papa from 'papaparse';

/**
 * Cells a spreadsheet would run as a formula or a DDE command (OWASP's list: = + - @ tab CR).
 * Papaparse's own default pattern ends in `.*$`, which misses a cell with a line break in it,
 * so "=HYPERLINK(…)\nmore" would slip through: only the first character matters. A plain
 * negative number ("-12,5", also grouped the Swedish way: "-18 000,5") is no formula and stays
 * a number for Excel.
 */
const FORMULA_START = /^(?!-(\d+|\d{1,3}([ \u00a0]\d{3})+)(,\d+)?$)[=+\-@\t\r]/;

/** A cell the exporter defused: its quote followed by what would have been a formula. */
const ESCAPED_FORMULA = /^'[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

/** Swedish Excel reads "79.5" as a date or text: numbers get a decimal comma. */
const swedishCell = (cell: CsvCell) => (typeof cell === 'number' ? String(cell).replace('.', ',') : cell);

/**
 * A CSV file's text: the header row `columns`, then `rows`, in Swedish Excel's dialect; text
 * cells that start like a formula get a leading `'`.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const body = Papa.unparse(
    { fields: [...columns], data: rows.map((row) => row.map(swedishCell)) },
    { delimiter: ';', newline: '\r\n', escapeFormulae: FORMULA_START },
  );
  return `\uFEFF${body}`;
}

/**
 * A cell as read from an imported CSV, with the quote {@link toCsv} put before a formula-like
 * text taken off again, so an export → import round trip keeps the text as it was. A text that
 * really starts with a quote and then =, +, -, @, tab or CR loses that quote: the price of
 * reading our own exports back faithfully.
 */
export function unescapeCsvCell(value: string): string {
  return ESCAPED_FORMULA.test(value) ? value.slice(1) : value;
}
