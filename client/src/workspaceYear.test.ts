import { describe, expect, it } from 'vitest';
import { defaultPlanYear, urlForYear, yearInUrl } from './workspaceYear';

describe('the workspace year from the URL', () => {
  it('reads a month route, the overview month and ?ar=, in that order', () => {
    expect(yearInUrl('/rapport/2027-03/hr', '')).toBe(2027);
    expect(yearInUrl('/rapport/2027-T1/hr', '?ar=2015')).toBe(2027);
    expect(yearInUrl('/rapport/2027-VB', '')).toBe(2027);
    expect(yearInUrl('/rapport/2027-T3/hr', '')).toBeNull();
    expect(yearInUrl('/styrelserapport/2027-03', '?ar=2015')).toBe(2027);
    expect(yearInUrl('/oversikt', '?manad=2016-11')).toBe(2016);
    expect(yearInUrl('/uppdrag', '?ar=2016&sok=x')).toBe(2016);
    expect(yearInUrl('/uppdrag', '')).toBeNull();
    expect(yearInUrl('/uppdrag', '?ar=16')).toBeNull();
    expect(yearInUrl('/rapport/2027-13/hr', '')).toBeNull();
  });

  it('opens the newest plan year not after this year, else the oldest', () => {
    const today = new Date('2026-06-01T12:00:00Z');
    expect(defaultPlanYear([2015], today)).toBe(2015);
    expect(defaultPlanYear([2027, 2015, 2026], today)).toBe(2026);
    expect(defaultPlanYear([2028, 2027], today)).toBe(2027);
    // A first run has no plan yet: this calendar year, whose plan can then be created.
    expect(defaultPlanYear([], today)).toBe(today.getFullYear());
  });

  it('moves a screen to another year, month routes to the same month', () => {
    expect(urlForYear('/rapport/2015-03/hr', '', 2016)).toBe('/rapport/2016-03/hr?ar=2016');
    expect(urlForYear('/rapport/2015-T2/hr', '', 2016)).toBe('/rapport/2016-T2/hr?ar=2016');
    expect(urlForYear('/oversikt', '?manad=2015-02', 2017)).toBe('/oversikt?manad=2017-02&ar=2017');
    expect(urlForYear('/uppdrag', '?ar=2015&avdelning=hr', 2016)).toBe('/uppdrag?ar=2016&avdelning=hr');
  });
});
