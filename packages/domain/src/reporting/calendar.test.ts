import { describe, expect, it } from 'vitest';
import {
  currentReportingMonth,
  deadlineOf,
  defaultReportingCalendar,
  isWorkingDay,
  nthWorkingDay,
  reportingCalendar,
  reportingSchedule,
} from './calendar';
import { parseReportPeriod, periodsOfYear } from './periods';

describe('reporting periods', () => {
  it('parses months, tertials and the year-end report, and nothing else', () => {
    expect(parseReportPeriod('2015-06')).toMatchObject({
      kind: 'month',
      months: ['2015-06'],
      endMonth: '2015-06',
    });
    expect(parseReportPeriod('2015-T1')).toMatchObject({ kind: 'tertial', endMonth: '2015-04' });
    expect(parseReportPeriod('2015-T2')?.months).toHaveLength(8);
    expect(parseReportPeriod('2015-VB')).toMatchObject({ kind: 'year', endMonth: '2015-12' });
    for (const bad of ['2015-13', '2015-T3', '2015-6', '15-06', '2015-vb', '2015-06:x']) {
      expect(parseReportPeriod(bad)).toBeNull();
    }
  });

  it('orders a year as the reports fall due', () => {
    const ids = periodsOfYear(2015).map((period) => period.id);
    expect(ids).toHaveLength(15);
    expect(ids.slice(3, 6)).toEqual(['2015-04', '2015-T1', '2015-05']);
    expect(ids.slice(-2)).toEqual(['2015-12', '2015-VB']);
  });
});

describe('the reporting calendar', () => {
  it('counts weekends and Swedish public holidays as non-working days', () => {
    expect(isWorkingDay('2015-06-19')).toBe(false); // midsommarafton
    expect(isWorkingDay('2015-06-06')).toBe(false); // nationaldagen (a Saturday anyway)
    expect(isWorkingDay('2015-04-06')).toBe(false); // annandag påsk
    expect(isWorkingDay('2015-05-14')).toBe(false); // Kristi himmelsfärdsdag
    expect(isWorkingDay('2015-12-24')).toBe(false); // julafton
    expect(isWorkingDay('2015-06-18')).toBe(true);
  });

  it('finds the n:th working day of a month, skipping holidays', () => {
    // January 2016: Fri 1 (nyårsdagen), Wed 6 (trettondedag jul) are holidays.
    expect(nthWorkingDay('2016-01', 1)).toBe('2016-01-04');
    expect(nthWorkingDay('2016-01', 10)).toBe('2016-01-18');
    // April 2015: Fri 3 and Mon 6 are Easter holidays; Wed 1 is the first working day.
    expect(nthWorkingDay('2015-04', 3)).toBe('2015-04-07');
  });

  it('dates each period by the rule, the month after it ends, unless overridden', () => {
    const calendar = defaultReportingCalendar(2015);
    expect(deadlineOf(calendar, '2015-03')).toBe('2015-04-16');
    expect(deadlineOf(calendar, '2015-T1')).toBe(deadlineOf(calendar, '2015-04'));
    expect(deadlineOf(calendar, '2015-VB')).toBe('2016-01-18');
    const overridden = { ...calendar, overrides: { '2015-VB': '2016-02-15' } };
    expect(reportingCalendar.parse(overridden)).toEqual(overridden);
    expect(reportingSchedule(overridden).at(-1)).toMatchObject({ deadline: '2016-02-15', overridden: true });
  });

  it('refuses periods of another year, repeated periods and deadlines before the period ends', () => {
    const calendar = defaultReportingCalendar(2015);
    expect(reportingCalendar.safeParse({ ...calendar, periods: ['2016-01'] }).success).toBe(false);
    expect(reportingCalendar.safeParse({ ...calendar, periods: ['2015-01', '2015-01'] }).success).toBe(false);
    expect(reportingCalendar.safeParse({ ...calendar, overrides: { '2015-05': '2015-05-20' } }).success).toBe(
      false,
    );
    expect(reportingCalendar.safeParse({ ...calendar, overrides: { '2015-05': '2015-02-30' } }).success).toBe(
      false,
    );
  });

  it('leaves unreported periods out of the schedule', () => {
    const calendar = { ...defaultReportingCalendar(2015), periods: ['2015-01', '2015-T1', '2015-VB'] };
    expect(reportingSchedule(calendar).map(({ period }) => period.id)).toEqual([
      '2015-01',
      '2015-T1',
      '2015-VB',
    ]);
  });

  it('names the month being reported: the last reported month that has ended', () => {
    const calendar = {
      ...defaultReportingCalendar(2015),
      periods: ['2015-02', '2015-03', '2015-05', '2015-06'],
    };
    expect(currentReportingMonth(calendar, '2015-06-05')).toBe('2015-05');
    expect(currentReportingMonth(calendar, '2015-05-31')).toBe('2015-03');
    expect(currentReportingMonth(calendar, '2015-01-20')).toBe('2015-02');
    expect(currentReportingMonth(calendar, '2026-12-06')).toBe('2015-06');
    expect(currentReportingMonth({ ...calendar, periods: ['2015-VB'] }, '2015-06-05')).toBeNull();
  });
});
