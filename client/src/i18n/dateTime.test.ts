/**
 * Dates and times are Swedish time whatever the machine's zone: this process is put in New
 * York's zone before anything formats, and the formatters still give Stockholm's wall clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMonthFor } from '../workspace';
import { defaultPlanYear } from '../workspaceYear';
import { formatDateTime } from './dateTime';

const originalZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  process.env.TZ = originalZone;
});

describe('Swedish time in the client', () => {
  // 22:30 UTC on 30 June 2015: 18:30 in New York, already 00:30 on 1 July in Stockholm.
  const instant = '2015-06-30T22:30:05.000Z';

  it('runs in another zone (so the test can fail)', () => {
    expect(new Date(instant).getHours()).toBe(18);
    expect(new Date(instant).getDate()).toBe(30);
  });

  it('formats times as the wall clock in Stockholm', () => {
    expect(formatDateTime(instant)).toBe('2015-07-01 00:30');
    expect(formatDateTime(instant, { seconds: true })).toBe('2015-07-01 00:30:05');
    // Winter time: UTC+1.
    expect(formatDateTime('2015-01-15T12:05:09Z', { seconds: true })).toBe('2015-01-15 13:05:09');
  });

  it('judges this month and this year by the Swedish date', () => {
    // 1 July in Sweden: June is the last month that has ended (in New York it would be May).
    expect(defaultMonthFor(2015, new Date(instant))).toBe('2015-06');
    expect(defaultPlanYear([2015, 2016], new Date('2015-12-31T23:30:00Z'))).toBe(2016);
  });
});
