/**
 * The audit log's CSV in Swedish Excel's dialect: a byte order mark, semicolons, CRLF, quoting
 * of cells with separators, quotes and line breaks, a leading `'` before anything a
 * spreadsheet would run as a formula, Swedish headings, actions and field names, Swedish time.
 */
import type { AuditRow } from '@foljsam/domain';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../csv';
import { AUDIT_CSV_COLUMNS, auditCsvRows } from './auditLog';

const base: AuditRow = {
  // 12:05:09 UTC is 13:05:09 in Stockholm in winter, 14:05:09 in summer.
  at: '2015-01-15T12:05:09.000Z',
  userId: 'u-1',
  userName: 'Anna Andersson',
  action: 'update',
  document: 'report:2015-06:hr',
  departmentName: 'HR-avdelningen',
  field: 'budget/forecastTkr',
  subject: null,
  change: 'set',
  oldValue: 100,
  newValue: -18000.5,
  detail: '',
};

const csvOf = (rows: AuditRow[]) => toCsv(AUDIT_CSV_COLUMNS, auditCsvRows(rows));

describe('the audit CSV', () => {
  it('is UTF-8 with a byte order mark, semicolon separated, CRLF, Swedish headings and words', () => {
    const csv = csvOf([
      base,
      {
        ...base,
        at: '2015-06-15T12:05:09.000Z',
        action: 'submit',
        field: null,
        change: undefined,
        detail: '',
      },
    ]);
    expect(csv.startsWith('\uFEFFTid;Användare;Händelse;Dokument;Fält;Från;Till;Kommentar\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      '2015-01-15 13:05:09;Anna Andersson;Ändrade;Rapport juni 2015 – HR-avdelningen;Prognos (tkr);100;-18\u00a0000,5;',
    );
    expect(lines[2]).toBe(
      '2015-06-15 14:05:09;Anna Andersson;Skickade in rapporten;Rapport juni 2015 – HR-avdelningen;;;;',
    );
  });

  it('quotes separators, quotes and line breaks, and defuses formulas', () => {
    const hostile: AuditRow = {
      ...base,
      action: 'return',
      userName: '=HYPERLINK("http://evil.example","klicka")',
      field: null,
      change: undefined,
      detail: 'Se över; "prognosen"\nigen',
    };
    const starts = ['+1+1', '-2+3', '@SUM(A1)', '\tmed tabb', '\rmed CR'];
    const rows = [hostile, ...starts.map((start) => ({ ...hostile, userName: start }))];
    const csv = csvOf(rows);
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    const [, first, ...others] = parsed.data;
    expect(first?.[1]).toBe('\'=HYPERLINK("http://evil.example","klicka")');
    expect(first?.[2]).toBe('Återremitterade rapporten');
    expect(first?.[7]).toBe('Se över; "prognosen"\nigen');
    expect(others.map((row) => row[1])).toEqual(starts.map((start) => `'${start}`));
    // A plain negative number is no formula and stays a number for Excel.
    expect(
      csvOf([{ ...base, userName: '-12,5' }])
        .split('\r\n')[1]
        ?.split(';')[1],
    ).toBe('-12,5');
  });
});
