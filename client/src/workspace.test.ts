import { swedishInstant } from '@foljsam/domain';
import { describe, expect, it } from 'vitest';
import { defaultMonthFor } from './workspace';

describe('the month a year opens on before the server has answered', () => {
  it('is the last month that has ended while the year is being reported, in Swedish time', () => {
    expect(defaultMonthFor(2015, swedishInstant('2015-04-10', 12))).toBe('2015-03');
    // Just after midnight on 1 May in Sweden (still 30 April in UTC): April has ended.
    expect(defaultMonthFor(2015, swedishInstant('2015-05-01', 0, 30))).toBe('2015-04');
    // December is reported in January of the next year.
    expect(defaultMonthFor(2015, swedishInstant('2016-01-12', 9))).toBe('2015-12');
    // Before January has ended, January.
    expect(defaultMonthFor(2015, swedishInstant('2015-01-20', 9))).toBe('2015-01');
  });

  it('is the first month of a year to come and the last of a year gone by', () => {
    expect(defaultMonthFor(2016, swedishInstant('2015-11-01', 9))).toBe('2016-01');
    expect(defaultMonthFor(2015, swedishInstant('2026-12-06', 9))).toBe('2015-12');
  });
});
