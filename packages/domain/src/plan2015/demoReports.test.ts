import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { budgetDeviationTkr, readReport } from '../documents/report';
import { goalStatus, monthlyReport, progressStatus } from '../model';
import {
  DEMO_REPORT_MONTHS,
  DEMO_REPORT_STATUSES,
  DEMO_RETURN_COMMENT,
  type DemoReport,
  demoReportsFor2015,
} from './demoReports';
import { plan2015 } from './index';

function written(report: DemoReport): Y.Doc {
  const doc = new Y.Doc();
  report.write(doc);
  return doc;
}

const reports = demoReportsFor2015();
const read = reports.map((report) => {
  const doc = written(report);
  const data = readReport(doc, report.month, report.departmentId);
  return { report, doc, data };
});

const departmentIds = new Set(plan2015.departments.map((d) => d.id));
const goalIds = new Set(plan2015.goals.map((g) => g.id));
const indicatorIds = new Set(plan2015.indicators.map((i) => i.id));
const initiativeIds = new Set(plan2015.initiatives.map((i) => i.id));
const assignmentIds = new Set(['ka-2015-1', 'ka-2015-2', 'ka-2015-3', 'ka-2015-4', 'ka-2015-5', 'ka-2015-6']);

describe('demo reports of 2015', () => {
  it('cover the designed months and departments, one report each', () => {
    const keys = reports.map((r) => `${r.month}:${r.departmentId}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const month of DEMO_REPORT_MONTHS) {
      expect(Object.keys(DEMO_REPORT_STATUSES[month]).sort()).toEqual([...departmentIds].sort());
      const started = Object.entries(DEMO_REPORT_STATUSES[month])
        .filter(([, state]) => state !== 'ej-paborjad')
        .map(([id]) => id)
        .sort();
      expect(
        reports
          .filter((r) => r.month === month)
          .map((r) => r.departmentId)
          .sort(),
      ).toEqual(started);
    }
    expect(reports.filter((r) => r.month === '2015-01')).toHaveLength(10);
    expect(reports.filter((r) => r.month === '2015-03')).toHaveLength(6);
  });

  it('read back with the statuses as designed', () => {
    for (const { report, data } of read) {
      expect(monthlyReport.parse(data)).toEqual(data);
      expect(data.status).toBe(DEMO_REPORT_STATUSES[report.month][report.departmentId]);
      expect(data.status).toBe(report.status);
    }
    const statusOf = (month: string) =>
      Object.fromEntries(
        read.filter((r) => r.report.month === month).map((r) => [r.report.departmentId, r.data.status]),
      );
    expect(new Set(Object.values(statusOf('2015-01')))).toEqual(new Set(['godkand']));
    expect(statusOf('2015-02')).toEqual({
      forvaltningsledning: 'godkand',
      'mark-exploatering': 'inskickad',
      'ekonomi-upphandling': 'godkand',
      hr: 'godkand',
      administrativa: 'inskickad',
      it: 'godkand',
      fortroendemannaorganisationen: 'godkand',
      utveckling: 'aterremitterad',
      kommunikation: 'inskickad',
      naringsliv: 'godkand',
    });
    expect(statusOf('2015-03')).toEqual({
      forvaltningsledning: 'inskickad',
      'ekonomi-upphandling': 'utkast',
      hr: 'utkast',
      utveckling: 'utkast',
      kommunikation: 'utkast',
      naringsliv: 'utkast',
    });
    const returned = read.filter((r) => r.data.status === 'aterremitterad');
    expect(returned.map((r) => r.data.returnComment)).toEqual([DEMO_RETURN_COMMENT]);
    for (const { data } of read.filter((r) => r.data.status !== 'aterremitterad')) {
      expect(data.returnComment).toBe('');
    }
  });

  it('record who changed the status and when, at fixed times', () => {
    for (const { report, doc } of read) {
      const meta = doc.getMap<string>('meta');
      if (report.status === 'utkast') {
        expect(meta.size).toBe(0);
        continue;
      }
      expect(meta.get('statusChangedBy')).toBe(
        report.status === 'inskickad' ? `chef-${report.departmentId}` : 'kommunchef',
      );
      const at = meta.get('statusChangedAt') ?? '';
      expect(at.startsWith(`2015-${String(Number(report.month.slice(5)) + 1).padStart(2, '0')}-`)).toBe(true);
    }
    // Deterministic: writing twice gives the same content.
    const again = demoReportsFor2015().map((r) => readReport(written(r), r.month, r.departmentId));
    expect(again).toEqual(read.map((r) => r.data));
  });

  it('use only ids of the 2015 plan, and items the department owns', () => {
    for (const { report, data } of read) {
      expect(departmentIds.has(report.departmentId)).toBe(true);
      const owned = {
        goal: new Set(
          plan2015.goals.filter((g) => g.ownerDepartmentIds.includes(report.departmentId)).map((g) => g.id),
        ),
        indicator: new Set(
          plan2015.indicators.filter((i) => i.ownerDepartmentId === report.departmentId).map((i) => i.id),
        ),
        initiative: new Set(
          plan2015.initiatives.filter((i) => i.ownerDepartmentId === report.departmentId).map((i) => i.id),
        ),
      };
      for (const id of Object.keys(data.indicatorOutcomes)) {
        expect(indicatorIds.has(id)).toBe(true);
        expect(owned.indicator.has(id)).toBe(true);
      }
      const keys = [
        ...Object.keys(data.itemStatuses),
        ...Object.keys(data.analysis),
        ...Object.keys(data.actions),
      ];
      for (const key of keys) {
        const [kind, id = ''] = key.split(/:(.*)/s);
        if (kind === 'goal') expect(goalIds.has(id) && owned.goal.has(id), key).toBe(true);
        else if (kind === 'indicator')
          expect(indicatorIds.has(id) && owned.indicator.has(id), key).toBe(true);
        else if (kind === 'initiative')
          expect(initiativeIds.has(id) && owned.initiative.has(id), key).toBe(true);
        else if (kind === 'assignment') expect(assignmentIds.has(id), key).toBe(true);
        else throw new Error(`unknown item kind in ${key}`);
      }
      for (const [key, status] of Object.entries(data.itemStatuses)) {
        const schema = key.startsWith('goal:') || key.startsWith('indicator:') ? goalStatus : progressStatus;
        expect(schema.safeParse(status).success, key).toBe(true);
      }
      for (const text of [...Object.values(data.analysis), ...Object.values(data.actions)]) {
        expect(text.trim().length).toBeGreaterThan(10);
      }
    }
  });

  it('look alive: outcomes near their targets, texts, budgets with some deviations', () => {
    const heltid = DEMO_REPORT_MONTHS.map(
      (month) =>
        read.find((r) => r.report.month === month && r.report.departmentId === 'hr')?.data.indicatorOutcomes[
          'ind-heltid'
        ],
    );
    expect(heltid).toEqual([76.1, 76.8, 77.4]);
    const hrMarch = read.find((r) => r.report.month === '2015-03' && r.report.departmentId === 'hr')?.data;
    expect(hrMarch?.itemStatuses['goal:goal-6-1-4-1']).toBe('gul');
    expect(hrMarch?.analysis['goal:goal-6-1-4-1']).toContain('77,4 %');

    // Every department that owns a goal has its traffic light in every report it wrote.
    for (const { report, data } of read) {
      for (const goal of plan2015.goals.filter((g) => g.ownerDepartmentIds.includes(report.departmentId))) {
        expect(
          data.itemStatuses[`goal:${goal.id}`],
          `${report.month} ${report.departmentId} ${goal.id}`,
        ).toBeDefined();
      }
    }

    const deviations = new Map<string, number | null>();
    for (const { report, data } of read) {
      const budget = plan2015.departments.find((d) => d.id === report.departmentId)?.budgetTkr ?? Number.NaN;
      expect(data.budget.forecastTkr).not.toBeNull();
      expect(data.budget.outcomeToDateTkr).not.toBeNull();
      deviations.set(
        `${report.month}:${report.departmentId}`,
        budgetDeviationTkr(budget, data.budget.forecastTkr),
      );
    }
    expect(deviations.get('2015-02:utveckling')).toBe(-520);
    expect(DEMO_RETURN_COMMENT).toContain('520 tkr');
    const february = [...deviations].filter(([key, value]) => key.startsWith('2015-02') && value !== 0);
    expect(february.length).toBeGreaterThanOrEqual(5);
  });
});
