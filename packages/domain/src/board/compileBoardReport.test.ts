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

const compile = (period: string) =>
  compileBoardReport({ plan: plan2015, assignments: councilAssignments2015, reports, period });

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
    expect(analyses[0]?.analysis).toContain('310 tkr av anslaget');
    expect(analyses[0]?.actions).toBe('Prioriteringarna stäms av med sektorerna i februari.');
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

  it('budget: the total adds budget, outcome and forecast of the approved departments only', () => {
    const february = compile('2015-02');
    const approved = reports.filter((r) => r.month === '2015-02' && r.status === 'godkand');
    const budgetOf = (id: string) => plan2015.departments.find((d) => d.id === id)?.budgetTkr ?? null;
    const expectedDeviation = approved.reduce(
      (sum, r) => sum + (budgetOf(r.departmentId) ?? 0) - (r.budget.forecastTkr ?? 0),
      0,
    );
    const { total } = february.budget;
    expect(total.deviationTkr).toBe(expectedDeviation);
    // By design: 0 + 0 − 350 − 180 + 60 + 0 tkr.
    expect(expectedDeviation).toBe(-470);
    // One basis: the budget summed is that of the same six approved departments, not all ten.
    expect(total.includedCount).toBe(approved.length);
    expect(total.budgetTkr).toBe(approved.reduce((sum, r) => sum + (budgetOf(r.departmentId) ?? 0), 0));
    expect(total.budgetTkr).not.toBe(plan2015.departments.reduce((s, d) => s + (d.budgetTkr ?? 0), 0));
    expect(total.forecastTkr).toBe(approved.reduce((sum, r) => sum + (r.budget.forecastTkr ?? 0), 0));
    expect(total.outcomeToDateTkr).toBe(
      approved.reduce((sum, r) => sum + (r.budget.outcomeToDateTkr ?? 0), 0),
    );
    expect((total.budgetTkr ?? 0) - (total.forecastTkr ?? 0)).toBe(total.deviationTkr);
    // The departments left out are named beside the total.
    const notApproved = plan2015.departments.filter(
      (d) => DEMO_REPORT_STATUSES['2015-02'][d.id] !== 'godkand',
    );
    expect(total.missingDepartmentNames).toEqual(notApproved.map((d) => d.name));
    const utveckling = february.budget.rows.find((r) => r.departmentId === 'utveckling');
    expect(utveckling).toMatchObject({ approved: false, forecastTkr: null, deviationTkr: null });
    expect(february.budget.rows.find((r) => r.departmentId === 'hr')?.deviationTkr).toBe(-350);
  });

  it('budget: no approved department gives no total; a budget not set is null, never 0', () => {
    const march = compile('2015-03');
    expect(march.budget.total).toMatchObject({
      budgetTkr: null,
      outcomeToDateTkr: null,
      forecastTkr: null,
      deviationTkr: null,
      includedCount: 0,
    });
    expect(march.budget.total.missingDepartmentNames).toHaveLength(10);
    const unset = {
      ...plan2015,
      departments: plan2015.departments.map((d, i) => (i === 0 ? { ...d, budgetTkr: null } : d)),
    };
    const january = compileBoardReport({
      plan: unset,
      assignments: councilAssignments2015,
      reports,
      period: '2015-01',
    });
    expect(january.budget.rows[0]).toMatchObject({ budgetTkr: null, deviationTkr: null });
    expect(january.budget.total.budgetTkr).toBeNull();
    expect(january.budget.total.deviationTkr).toBeNull();
    expect(january.budget.total.forecastTkr).not.toBeNull();
  });

  it('every analysis and action text of the approved reports appears in full, attributed to its department', () => {
    for (const period of ['2015-01', '2015-02']) {
      const board = compile(period);
      const found = new Map<string, { analysis: string; actions: string }>();
      const put = (departmentId: string, key: string, t: { analysis: string; actions: string } | null) => {
        if (t) found.set(`${departmentId}|${key}`, { analysis: t.analysis, actions: t.actions });
      };
      for (const goal of board.perspectives.flatMap((p) => p.goals)) {
        for (const a of goal.analyses) put(a.departmentId, `goal:${goal.id}`, a);
        for (const i of goal.indicators) put(i.ownerDepartmentId, `indicator:${i.id}`, i.texts);
        for (const i of goal.initiatives) put(i.ownerDepartmentId, `initiative:${i.id}`, i.texts);
      }
      for (const a of board.assignments)
        if (a.departmentId) put(a.departmentId, `assignment:${a.id}`, a.texts);
      for (const r of board.budget.rows) put(r.departmentId, 'budget', r.comment);
      let count = 0;
      const kinds = new Set<string>();
      for (const report of reports.filter((r) => r.month === period && r.status === 'godkand')) {
        for (const [kind, texts] of [
          ['analysis', report.analysis],
          ['actions', report.actions],
        ] as const) {
          for (const [key, text] of Object.entries(texts)) {
            if (!text.trim()) continue;
            count++;
            kinds.add(key.split(':')[0] as string);
            expect(
              found.get(`${report.departmentId}|${key}`)?.[kind],
              `${period} ${report.departmentId} ${kind} ${key}`,
            ).toBe(text.trim());
          }
        }
      }
      // The demo has texts on more than goals: indicators, initiatives and assignments too.
      expect(count).toBeGreaterThan(5);
      if (period === '2015-01')
        expect([...kinds].sort()).toEqual(['assignment', 'goal', 'indicator', 'initiative']);
    }
    // A comment on the budget figures appears beside the department's budget row.
    const withComment = reports.map((r) =>
      r.month === '2015-01' && r.departmentId === 'hr'
        ? { ...r, analysis: { ...r.analysis, budget: 'Underskottet beror på heltidsprojektet.' } }
        : r,
    );
    const commented = compileBoardReport({
      plan: plan2015,
      assignments: councilAssignments2015,
      reports: withComment,
      period: '2015-01',
    });
    expect(commented.budget.rows.find((r) => r.departmentId === 'hr')?.comment).toMatchObject({
      departmentName: 'HR avdelningen',
      analysis: 'Underskottet beror på heltidsprojektet.',
    });
    // A returned report's texts stay out.
    const february = compile('2015-02');
    const utveckling = reports.find((r) => r.month === '2015-02' && r.departmentId === 'utveckling');
    const someText = Object.values(utveckling?.analysis ?? {}).find((t) => t.trim());
    expect(someText).toBeTruthy();
    expect(JSON.stringify(february)).not.toContain(JSON.stringify(someText).slice(1, -1));
  });

  it("assignment status from the approved report, with the board's own beside it where they differ", () => {
    const january = compile('2015-01');
    const byId = (id: string) => january.assignments.find((a) => a.id === id);
    // HR's approved January report says "Pågår"; the Uppdrag board still says "Ej påbörjad".
    expect(byId('ka-2015-2')).toMatchObject({
      status: 'pagar',
      statusSource: 'report',
      boardStatus: 'ej-paborjad',
      statusDiffers: true,
    });
    expect(byId('ka-2015-2')?.statusLabel.text).toBe('Pågår');
    expect(byId('ka-2015-2')?.boardStatusLabel.text).toBe('Ej påbörjad');
    // Utveckling's report agrees with the board on ka-2015-1: no second status.
    expect(byId('ka-2015-1')).toMatchObject({
      status: 'ej-paborjad',
      statusSource: 'report',
      statusDiffers: false,
    });
    // February: Utveckling's report is returned, so the board's status stands, marked as such.
    const february = compile('2015-02');
    expect(february.assignments.find((a) => a.id === 'ka-2015-1')).toMatchObject({
      status: 'ej-paborjad',
      statusSource: 'board',
      statusDiffers: false,
    });
  });

  it('units in words, never the codes', () => {
    const indicators = compile('2015-01').perspectives.flatMap((p) => p.goals.flatMap((g) => g.indicators));
    const units = new Set(indicators.map((i) => i.unitLabel));
    for (const unit of units) expect(['procent', 'antal', 'tkr', 'mkr']).toContain(unit);
    expect(indicators.find((i) => i.id === 'ind-heltid')?.unitLabel).toBe('procent');
    expect(units.has('percent')).toBe(false);
    expect(units.has('count')).toBe(false);
  });

  it('a tertial report draws on the approved tertial reports, and lists only indicators due in it', () => {
    const hr = reports.find((r) => r.month === '2015-01' && r.departmentId === 'hr');
    if (!hr) throw new Error('demo data changed');
    const tertial = {
      ...hr,
      period: '2015-T1',
      month: '2015-04',
      budget: { outcomeToDateTkr: 1000, forecastTkr: 2000 },
    };
    const board = compileBoardReport({
      plan: plan2015,
      assignments: councilAssignments2015,
      reports: [...reports, tertial],
      period: '2015-T1',
      summary: '  Sammanfattning av tertialen.  ',
    });
    expect(board).toMatchObject({
      period: '2015-T1',
      periodKind: 'tertial',
      month: '2015-04',
      asOf: '2015-04-30',
    });
    expect(board.summary).toBe('Sammanfattning av tertialen.');
    expect(board.missing).toHaveLength(9);
    expect(board.budget.total).toMatchObject({ forecastTkr: 2000, outcomeToDateTkr: 1000, includedCount: 1 });
    // The series runs January to April from the monthly reports.
    const heltid = board.perspectives
      .flatMap((p) => p.goals.flatMap((g) => g.indicators))
      .find((i) => i.id === 'ind-heltid');
    expect(heltid?.series.map((p) => p.month)).toEqual(['2015-01', '2015-02', '2015-03', '2015-04']);
    expect(heltid?.outcome).toBe(hr.indicatorOutcomes['ind-heltid']);
    // A yearly indicator is not reported in April; an archived one without content is left out.
    const [first, second] = plan2015.indicators;
    if (!first || !second) throw new Error('demo data changed');
    const yearly = { ...first, reportingFrequency: 'year' as const };
    const archived = { ...second, archived: true };
    const plan = {
      ...plan2015,
      indicators: plan2015.indicators.map((i) =>
        i.id === yearly.id ? yearly : i.id === archived.id ? archived : i,
      ),
    };
    const listed = compileBoardReport({ plan, assignments: [], reports, period: '2015-T1' })
      .perspectives.flatMap((p) => p.goals.flatMap((g) => g.indicators))
      .map((i) => i.id);
    expect(listed).not.toContain(yearly.id);
    expect(listed).not.toContain(archived.id);
    expect(listed).toHaveLength(plan2015.indicators.length - 2);
  });

  it('flags assignments overdue at the end of the period viewed, labelled with that date', () => {
    // The demo's assignments all end in December or later: give two of them an earlier end.
    const assignments = councilAssignments2015.map((a, i) =>
      i === 0
        ? { ...a, endDate: '2015-02-28', status: 'pagar' as const }
        : i === 1
          ? { ...a, endDate: '2015-02-28', status: 'klar' as const }
          : a,
    );
    const march = compileBoardReport({ plan: plan2015, assignments, reports, period: '2015-03' });
    expect(march.asOf).toBe('2015-03-31');
    expect(march.assignments.filter((a) => a.overdue).map((a) => a.id)).toEqual([assignments[0]?.id]);
    // Judged at the end of January, nothing was overdue yet.
    expect(compile('2015-01').assignments.some((a) => a.overdue)).toBe(false);
    expect(march.assignments).toHaveLength(councilAssignments2015.length);
    for (const a of march.assignments.filter((x) => x.overdue))
      expect(a.dueLabel.text).toBe('Försenat per 2015-03-31');
  });
});
