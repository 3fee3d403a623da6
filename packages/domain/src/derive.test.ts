import { describe, expect, it } from 'vitest';
import { dueState, meetsTarget, targetForYear, todayInSweden } from './derive';

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
