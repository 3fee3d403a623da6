import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoWeekday, swedishDate, swedishInstant } from './time';

describe("the municipality's clock", () => {
  it('reads the date in Sweden, not in the machine zone', () => {
    // 23:30 UTC on 31 May is 01:30 on 1 June in Stockholm (summer time, UTC+2).
    expect(swedishDate(new Date('2015-05-31T23:30:00Z'))).toBe('2015-06-01');
    // 23:30 UTC on 31 January is 00:30 on 1 February (winter time, UTC+1).
    expect(swedishDate(new Date('2015-01-31T23:30:00Z'))).toBe('2015-02-01');
    expect(swedishDate(new Date('2015-01-31T22:30:00Z'))).toBe('2015-01-31');
  });

  it('turns a Swedish wall-clock time into an instant, across summer time', () => {
    expect(swedishInstant('2015-06-01', 8).toISOString()).toBe('2015-06-01T06:00:00.000Z');
    expect(swedishInstant('2015-12-07', 8).toISOString()).toBe('2015-12-07T07:00:00.000Z');
  });

  it('counts days and weekdays on dates', () => {
    expect(addDays('2015-12-30', 3)).toBe('2016-01-02');
    expect(addDays('2015-03-01', -1)).toBe('2015-02-28');
    expect(daysBetween('2015-06-01', '2015-06-15')).toBe(14);
    expect(isoWeekday('2015-06-01')).toBe(1);
    expect(isoWeekday('2015-06-07')).toBe(7);
  });
});
