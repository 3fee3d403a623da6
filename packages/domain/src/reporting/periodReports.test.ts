import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { accessTo } from '../access';
import { parseDocumentName, reportDocumentName, reportDocumentRef } from '../documents/names';
import { readReport, setIndicatorOutcome, setReportBudget, setReportStatus } from '../documents/report';
import { deriveLocalViewRows, localViewStatements } from '../localViews';
import { type DepartmentReport, departmentReport, storedDepartmentReport } from '../model';
import { coveredMonthOutcomes, fillFromMonths, latestMonthlyBudget } from './drawOnMonths';

const CHEF_HR = { username: 'chef-hr', displayName: 'Avdelningschef HR' };
const AT = new Date('2015-05-04T08:00:00Z');

/** A monthly report of HR with an outcome of `ind-a` and budget figures (null: not set). */
function monthReport(month: string, outcome: number | null, budget: [number | null, number | null]) {
  const doc = new Y.Doc();
  if (outcome !== null) setIndicatorOutcome(doc, 'ind-a', outcome, CHEF_HR, AT);
  setReportBudget(doc, { outcomeToDateTkr: budget[0], forecastTkr: budget[1] }, CHEF_HR, AT);
  return readReport(doc, month, 'hr');
}

describe('reports of a period', () => {
  it('reads a tertial report as its period, with the last month it covers', () => {
    const doc = new Y.Doc();
    setIndicatorOutcome(doc, 'ind-a', 81, CHEF_HR, AT);
    setReportStatus(doc, 'inskickad', 'chef-hr', { at: AT });
    const report = readReport(doc, '2015-T1', 'hr');
    expect(report).toMatchObject({ period: '2015-T1', month: '2015-04', status: 'inskickad' });
    expect(readReport(doc, '2015-T2', 'hr')).toMatchObject({ period: '2015-T2', month: '2015-08' });
    expect(readReport(doc, '2015-VB', 'hr')).toMatchObject({ period: '2015-VB', month: '2015-12' });
    expect(readReport(doc, '2015-03', 'hr')).toMatchObject({ period: '2015-03', month: '2015-03' });
    expect(departmentReport.parse(report)).toEqual(report);
    expect(() => readReport(doc, '2015-T3', 'hr')).toThrow(/not a reporting period/);
  });

  it('keeps report data stored before periods readable: a month without a period is that month', () => {
    const doc = new Y.Doc();
    setIndicatorOutcome(doc, 'ind-a', 12, CHEF_HR, AT);
    const { period: _period, ...old } = readReport(doc, '2015-03', 'hr');
    expect(departmentReport.safeParse(old).success).toBe(false);
    expect(storedDepartmentReport.parse(old)).toMatchObject({ period: '2015-03', month: '2015-03' });
    const current = readReport(doc, '2015-T1', 'hr');
    expect(storedDepartmentReport.parse(current)).toEqual(current);
  });

  it('gives a tertial report the same rights as a monthly one', () => {
    const head = { role: 'avdelningschef' as const, departmentId: 'hr' };
    const otherHead = { role: 'avdelningschef' as const, departmentId: 'ekonomi' };
    const ref = reportDocumentRef('2015-T1', 'hr');
    expect(accessTo(head, ref).write).toBe(true);
    expect(accessTo(otherHead, ref)).toMatchObject({ write: false, readOnlyReason: 'other-department' });
    expect(accessTo(head, ref, { approved: true })).toMatchObject({
      write: false,
      readOnlyReason: 'approved',
    });
    expect(parseDocumentName('report:2015-T3:hr')).toBeNull();
  });

  it('keeps a tertial report apart from its last month in the local views', () => {
    const april = new Y.Doc();
    setIndicatorOutcome(april, 'ind-a', 10, CHEF_HR, AT);
    const tertial = new Y.Doc();
    setIndicatorOutcome(tertial, 'ind-a', 20, CHEF_HR, AT);
    const aprilName = reportDocumentName('2015-04', 'hr');
    const tertialName = reportDocumentName('2015-T1', 'hr');
    const rows = deriveLocalViewRows(tertialName, tertial);
    expect(rows.indicatorValues).toEqual([
      { month: '2015-T1', department_id: 'hr', indicator_id: 'ind-a', value: 20 },
    ]);
    expect(rows.reportStatuses).toMatchObject([{ month: '2015-T1', status: 'utkast' }]);
    // Rebuilding the tertial report's rows deletes only its own, never April's.
    const deletes = localViewStatements(tertialName, rows).filter((s) => s.sql.startsWith('delete'));
    expect(deletes.map((s) => s.params)).toEqual([
      ['2015-T1', 'hr'],
      ['2015-T1', 'hr'],
    ]);
    expect(deriveLocalViewRows(aprilName, april).indicatorValues[0]).toMatchObject({
      month: '2015-04',
      value: 10,
    });
  });
});

describe('drawing on the months a period covers', () => {
  const months: DepartmentReport[] = [
    monthReport('2015-01', 70, [900, 10_000]),
    monthReport('2015-02', null, [1_800, 10_100]),
    monthReport('2015-03', 74, [2_700, null]),
    // Outside T1: never drawn on by it.
    monthReport('2015-05', 99, [4_500, 12_000]),
  ];

  it("lists an indicator's outcome in every covered month, none where a month has none", () => {
    expect(coveredMonthOutcomes('2015-T1', months, 'ind-a')).toEqual([
      { month: '2015-01', value: 70 },
      { month: '2015-02', value: null },
      { month: '2015-03', value: 74 },
      { month: '2015-04', value: null },
    ]);
    expect(coveredMonthOutcomes('2015-VB', months, 'ind-a')).toHaveLength(12);
  });

  it('takes each budget figure from the latest covered month that has it', () => {
    expect(latestMonthlyBudget('2015-T1', months)).toEqual({
      outcomeToDateTkr: { month: '2015-03', value: 2_700 },
      forecastTkr: { month: '2015-02', value: 10_100 },
    });
    expect(latestMonthlyBudget('2015-T2', months).forecastTkr).toEqual({ month: '2015-05', value: 12_000 });
  });

  it('fills only empty fields, from the latest month that has them, and never overwrites', () => {
    const doc = new Y.Doc();
    setIndicatorOutcome(doc, 'ind-b', 5, CHEF_HR, AT);
    setReportBudget(doc, { forecastTkr: 11_111 }, CHEF_HR, AT);
    const other = monthReport('2015-03', 1, [1, 1]);
    const counts = fillFromMonths(
      doc,
      '2015-T1',
      'hr',
      [...months, { ...other, departmentId: 'ekonomi', indicatorOutcomes: { 'ind-b': 1 } }],
      ['ind-a', 'ind-b', 'ind-c'],
      CHEF_HR,
      AT,
    );
    expect(counts).toEqual({ outcomes: 1, budget: 1 });
    const report = readReport(doc, '2015-T1', 'hr');
    expect(report.indicatorOutcomes).toEqual({ 'ind-a': 74, 'ind-b': 5 });
    expect(report.budget).toEqual({ outcomeToDateTkr: 2_700, forecastTkr: 11_111 });
    // Again: everything is filled now, nothing is written.
    expect(fillFromMonths(doc, '2015-T1', 'hr', months, ['ind-a'], CHEF_HR, AT)).toEqual({
      outcomes: 0,
      budget: 0,
    });
    expect(() => fillFromMonths(doc, '2015-04', 'hr', months, [], CHEF_HR, AT)).toThrow();
  });
});
