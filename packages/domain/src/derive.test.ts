import { describe, expect, it } from 'vitest';
import {
  departmentPlanItems,
  dueState,
  isReportedIn,
  meetsTarget,
  targetForYear,
  todayInSweden,
} from './derive';
import { plan2015 } from './plan2015';

describe('dueState', () => {
  const open = { status: 'pagar' as const, endDate: '2015-12-31' };
  it.each([
    ['2015-06-01', 'on-track'],
    ['2015-12-01', 'due-soon'],
    ['2015-12-31', 'due-soon'],
    ['2016-01-01', 'overdue'],
  ])('on %s an open assignment ending 2015-12-31 is %s', (today, state) => {
    expect(dueState(open, today)).toBe(state);
  });
  it('never flags a finished assignment', () => {
    expect(dueState({ ...open, status: 'klar' }, '2016-06-01')).toBe('done');
  });
});

describe('targetForYear', () => {
  const path = [
    { year: 2018, value: 85 },
    { year: 2015, value: 78 },
  ];
  it('uses the stated value, interpolates between points and holds at the ends', () => {
    expect(targetForYear(path, 2015)).toBe(78);
    expect(targetForYear(path, 2016)).toBeCloseTo(80.333, 3);
    expect(targetForYear(path, 2014)).toBe(78);
    expect(targetForYear(path, 2020)).toBe(85);
    expect(targetForYear([], 2015)).toBeNull();
  });
  it('judges outcomes by direction', () => {
    expect(meetsTarget({ direction: 'increase', targetPath: path }, 2015, 78.5)).toBe(true);
    expect(meetsTarget({ direction: 'increase', targetPath: path }, 2015, 77)).toBe(false);
    expect(meetsTarget({ direction: 'decrease', targetPath: path }, 2015, 77)).toBe(true);
    expect(meetsTarget({ direction: 'increase', targetPath: path }, 2015, null)).toBeNull();
  });
});

describe('todayInSweden', () => {
  it('uses Swedish time: 23:30 UTC on 31 December is already the new year in Stockholm', () => {
    expect(todayInSweden(new Date('2015-12-31T23:30:00Z'))).toBe('2016-01-01');
  });
});

describe('departmentPlanItems', () => {
  const hrGoal = plan2015.goals.find((goal) => goal.ownerDepartmentIds.includes('hr'));
  const hrIndicator = plan2015.indicators.find((indicator) => indicator.ownerDepartmentId === 'hr');
  if (!hrGoal || !hrIndicator) throw new Error('the 2015 plan has HR items');

  it('gives a department its own goals, indicators and initiatives', () => {
    const items = departmentPlanItems(plan2015, 'hr', '2015-05');
    expect(items.goals.every((goal) => goal.ownerDepartmentIds.includes('hr'))).toBe(true);
    expect(items.goals.map((goal) => goal.id)).toContain(hrGoal.id);
    expect(items.indicators.map((indicator) => indicator.id)).toContain(hrIndicator.id);
    expect(items.initiatives.every((initiative) => initiative.ownerDepartmentId === 'hr')).toBe(true);
  });

  it('leaves out archived items unless the report has content for them', () => {
    const plan = {
      ...plan2015,
      goals: plan2015.goals.map((goal) => (goal.id === hrGoal.id ? { ...goal, archived: true } : goal)),
    };
    expect(departmentPlanItems(plan, 'hr', '2015-05').goals.map((goal) => goal.id)).not.toContain(hrGoal.id);
    expect(
      departmentPlanItems(plan, 'hr', '2015-05', new Set([`goal:${hrGoal.id}`])).goals.map((goal) => goal.id),
    ).toContain(hrGoal.id);
  });

  it('asks a monthly report for monthly indicators, a tertial report also for tertial ones, the year-end report for all', () => {
    const withFrequency = (reportingFrequency: 'month' | 'tertial' | 'year' | undefined) => ({
      ...plan2015,
      indicators: plan2015.indicators.map((indicator) =>
        indicator.id === hrIndicator.id ? { ...indicator, reportingFrequency } : indicator,
      ),
    });
    const asked = (frequency: 'month' | 'tertial' | 'year' | undefined, period: string) =>
      departmentPlanItems(withFrequency(frequency), 'hr', period)
        .indicators.map((indicator) => indicator.id)
        .includes(hrIndicator.id);
    const periods = ['2015-04', '2015-12', '2015-T1', '2015-T2', '2015-VB'];
    const table = (frequency: 'month' | 'tertial' | 'year' | undefined) =>
      periods.map((period) => asked(frequency, period));
    expect(table('month')).toEqual([true, true, true, true, true]);
    // No frequency: a plan written before frequencies existed, read as monthly.
    expect(table(undefined)).toEqual([true, true, true, true, true]);
    // Not in the April or December monthly report: the tertial and year-end reports ask for them.
    expect(table('tertial')).toEqual([false, false, true, true, true]);
    expect(table('year')).toEqual([false, false, false, false, true]);
    expect(isReportedIn({ reportingFrequency: 'tertial' }, '2015-T3')).toBe(false);
  });

  it('keeps an indicator the report already has an outcome for, whatever its frequency', () => {
    const plan = {
      ...plan2015,
      indicators: plan2015.indicators.map((indicator) =>
        indicator.id === hrIndicator.id ? { ...indicator, reportingFrequency: 'year' as const } : indicator,
      ),
    };
    const ids = departmentPlanItems(
      plan,
      'hr',
      '2015-T1',
      new Set([`indicator:${hrIndicator.id}`]),
    ).indicators;
    expect(ids.map((indicator) => indicator.id)).toContain(hrIndicator.id);
  });
});
