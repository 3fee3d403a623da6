import { describe, expect, it } from 'vitest';
import { defaultReportingCalendar } from './calendar';
import { openingMonth } from './openingMonth';

describe('openingMonth', () => {
  const calendar = defaultReportingCalendar(2015);

  it('opens a year to come on its first reported month', () => {
    expect(openingMonth(calendar, '2014-11-20')).toBe('2015-01');
    expect(openingMonth({ ...calendar, periods: ['2015-03', '2015-04'] }, '2014-11-20')).toBe('2015-03');
  });

  it('opens a year being reported on the month being reported, into the next year', () => {
    expect(openingMonth(calendar, '2015-01-20')).toBe('2015-01');
    expect(openingMonth(calendar, '2015-06-03')).toBe('2015-05');
    // December's report is due in January: the year is still being reported.
    expect(openingMonth(calendar, '2016-01-10')).toBe('2015-12');
  });

  it('opens a past year on the latest month with a report started, else its last month', () => {
    // The year-end report of 2015 is due the 10th working day of January 2016 (2016-01-18).
    expect(openingMonth(calendar, '2016-02-01', ['2015-01', '2015-03', '2015-02'])).toBe('2015-03');
    expect(openingMonth(calendar, '2026-12-06', ['2014-12', '2015-02'])).toBe('2015-02');
    expect(openingMonth(calendar, '2026-12-06')).toBe('2015-12');
  });
});
