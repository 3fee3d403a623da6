import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readReport } from '../documents/report';
import type { MonthlyReport } from '../model';
import { councilAssignments2015, DEMO_REPORT_STATUSES, demoReportsFor2015, plan2015 } from '../plan2015';
import { compileBoardReport } from './compileBoardReport';

/** The demo reports as the server reads them out of their documents. */
const reports: MonthlyReport[] = demoReportsFor2015().map((report) => {
  const doc = new Y.Doc();
  report.write(doc);
  const data = readReport(doc, report.month, report.departmentId);
  doc.destroy();
  return data;
});

const compile = (month: string, today = '2026-11-28') =>
  compileBoardReport({ plan: plan2015, assignments: councilAssignments2015, reports, month, today });

const goal = (report: ReturnType<typeof compile>, id: string) =>
  report.perspectives.flatMap((p) => p.goals).find((g) => g.id === id);

describe('compileBoardReport with the 2015 demo', () => {
  it('January: every department approved, nothing missing, every goal under its perspective', () => {
    const report = compile('2015-01');
    expect(report.missing).toEqual([]);
    expect(report.departments.every((d) => d.state === 'godkand' && d.label.text === 'Godkänd')).toBe(true);
    const goalIds = report.perspectives.flatMap((p) => p.goals.map((g) => g.id)).sort();
    expect(goalIds).toEqual(plan2015.goals.map((g) => g.id).sort());
  });

  it('takes the worst traffic light of the approved reports, with text and symbol', () => {
    const january = compile('2015-01');
    // Förvaltningsledning grön, Ekonomi och upphandling gul.
    expect(goal(january, 'goal-6-1-6-1')?.status).toBe('gul');
    expect(goal(january, 'goal-6-1-6-1')?.label).toEqual({ text: 'Gul', symbol: '▲' });
    expect(goal(january, 'goal-6-1-7-1')?.label).toEqual({ text: 'Röd', symbol: '■' });
    const analyses = goal(january, 'goal-6-1-6-1')?.analyses ?? [];
    expect(analyses.map((a) => a.departmentId)).toEqual(['forvaltningsledning', 'ekonomi-upphandling']);
    expect(analyses[0]?.text).toContain('310 tkr av anslaget');
  });

  it('February: leaves out what is not approved and lists those departments as missing', () => {
    const report = compile('2015-02');
    const expectedMissing = Object.entries(DEMO_REPORT_STATUSES['2015-02'])
      .filter(([, state]) => state !== 'godkand')
      .map(([id]) => id)
      .sort();
    expect(report.missing.map((d) => d.departmentId).sort()).toEqual(expectedMissing);
    expect(report.missing.find((d) => d.departmentId === 'utveckling')?.label.text).toBe('Återremitterad');
    // Utveckling's red (returned) does not count; Ekonomi och upphandling's green does.
    expect(goal(report, 'goal-6-1-2-2')?.status).toBe('gron');
    expect(goal(report, 'goal-6-1-2-2')?.analyses.map((a) => a.departmentId)).not.toContain('utveckling');
  });

  it('March: departments with no report count as not started', () => {
    const report = compile('2015-03');
    const notStarted = report.departments.filter((d) => d.state === 'ej-paborjad').map((d) => d.departmentId);
    expect(notStarted.sort()).toEqual([
      'administrativa',
      'fortroendemannaorganisationen',
      'it',
      'mark-exploatering',
    ]);
    expect(report.missing).toHaveLength(10);
    expect(report.perspectives.flatMap((p) => p.goals).every((g) => g.status === null)).toBe(true);
  });

  it('gives indicator outcomes against the year target and a series of approved months', () => {
    const february = compile('2015-02');
    const population = february.perspectives
      .flatMap((p) => p.goals.flatMap((g) => g.indicators))
      .find((i) => i.id === 'ind-befolkningstillvaxt');
    expect(population?.yearTarget).toBe(1.5);
    // January approved (0.1 %); February only submitted.
    expect(population?.series).toEqual([
      { month: '2015-01', value: 0.1 },
      { month: '2015-02', value: null },
    ]);
    expect(population?.outcome).toBeNull();
    expect(population?.meetsTarget).toBeNull();
    const january = compile('2015-01');
    const heltid = january.perspectives
      .flatMap((p) => p.goals.flatMap((g) => g.indicators))
      .find((i) => i.id === 'ind-heltid');
    const hrJanuary = reports.find((r) => r.month === '2015-01' && r.departmentId === 'hr');
    expect(heltid?.outcome).toBe(hrJanuary?.indicatorOutcomes['ind-heltid']);
    expect(heltid?.meetsTarget).toBe((heltid?.outcome ?? 0) >= 78);
  });

  it('budget: forecast and deviation per approved department, summed', () => {
    const february = compile('2015-02');
    const approved = reports.filter((r) => r.month === '2015-02' && r.status === 'godkand');
    const expectedDeviation = approved.reduce((sum, r) => {
      const budget = plan2015.departments.find((d) => d.id === r.departmentId)?.budgetTkr ?? 0;
      return sum + budget - (r.budget.forecastTkr ?? 0);
    }, 0);
    expect(february.budget.total.deviationTkr).toBe(expectedDeviation);
    // By design: 0 + 0 − 350 − 180 + 60 + 0 tkr.
    expect(expectedDeviation).toBe(-470);
    const utveckling = february.budget.rows.find((r) => r.departmentId === 'utveckling');
    expect(utveckling).toMatchObject({ approved: false, forecastTkr: null, deviationTkr: null });
    expect(february.budget.rows.find((r) => r.departmentId === 'hr')?.deviationTkr).toBe(-350);
    expect(february.budget.total.budgetTkr).toBe(
      plan2015.departments.reduce((s, d) => s + (d.budgetTkr ?? 0), 0),
    );
  });

  it('flags assignments overdue at the end of the month, or today if earlier', () => {
    // The demo's assignments all end in December or later: give two of them an earlier end.
    const assignments = councilAssignments2015.map((a, i) =>
      i === 0
        ? { ...a, endDate: '2015-02-28', status: 'pagar' as const }
        : i === 1
          ? { ...a, endDate: '2015-02-28', status: 'klar' as const }
          : a,
    );
    const march = compileBoardReport({
      plan: plan2015,
      assignments,
      reports,
      month: '2015-03',
      today: '2026-11-28',
    });
    expect(march.asOf).toBe('2015-03-31');
    expect(march.assignments.filter((a) => a.overdue).map((a) => a.id)).toEqual([assignments[0]?.id]);
    // Judged at the end of January, nothing was overdue yet.
    expect(compile('2015-01').assignments.some((a) => a.overdue)).toBe(false);
    expect(march.assignments).toHaveLength(councilAssignments2015.length);
    expect(compile('2015-03', '2015-03-10').asOf).toBe('2015-03-10');
    for (const a of march.assignments.filter((x) => x.overdue)) expect(a.dueLabel.text).toBe('Försenad');
  });
});
