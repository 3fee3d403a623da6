/**
 * Which plan year the workspace shows, from the URL: `?ar=YYYY` on any screen, or the year of
 * the month or reporting period in a report route (`/rapport/2027-03/hr`, `/rapport/2027-T1/hr`,
 * `/styrelserapport/2027-03`,
 * `/oversikt?manad=2027-03`). Without either, the newest plan year not after the current
 * calendar year (else the oldest); offline with no plan list, the year used last on this device.
 */

import { swedishDate } from '@foljsam/domain';

/** The query parameter that names the workspace year on any screen. */
export const YEAR_PARAM = 'ar';
/** The overview's month parameter (`/oversikt?manad=2015-03`). */
const MONTH_PARAM = 'manad';
/**
 * Routes whose first path segment after the screen is a month (`YYYY-MM`) or another reporting
 * period of a year (`YYYY-T1`, `YYYY-T2`, `YYYY-VB`).
 */
const MONTH_ROUTE = /^\/(rapport|styrelserapport)\/(\d{4})-(0[1-9]|1[0-2]|T1|T2|VB)(?=\/|$)/;
const YEAR = /^\d{4}$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const STORAGE_KEY = 'foljsam.year';

function plausibleYear(year: number): number | null {
  return year >= 2000 && year <= 2100 ? year : null;
}

/** The year the URL names, or null when it names none. */
export function yearInUrl(pathname: string, search: string): number | null {
  const route = MONTH_ROUTE.exec(pathname);
  if (route) return plausibleYear(Number(route[2]));
  const query = new URLSearchParams(search);
  const month = MONTH.exec(query.get(MONTH_PARAM) ?? '');
  if (month) return plausibleYear(Number(month[1]));
  const year = query.get(YEAR_PARAM) ?? '';
  return YEAR.test(year) ? plausibleYear(Number(year)) : null;
}

/**
 * The year to open without one in the URL: the newest not after this year, else the oldest;
 * with no plan at all (a first run), this calendar year, whose plan the administrator can create.
 */
export function defaultPlanYear(years: readonly number[], today = new Date()): number {
  const sorted = [...years].sort((a, b) => a - b);
  // This year in Sweden, whatever the browser's zone.
  const current = Number(swedishDate(today).slice(0, 4));
  const started = sorted.filter((year) => year <= current);
  return started.at(-1) ?? sorted[0] ?? current;
}

/**
 * The same screen in another year: a month route moves to the same month (or tertial, or
 * year-end report) of that year, the
 * overview's month likewise, and every screen carries `?ar=`.
 */
export function urlForYear(pathname: string, search: string, year: number): string {
  const path = pathname.replace(MONTH_ROUTE, (_all, screen: string, _year: string, month: string) => {
    return `/${screen}/${year}-${month}`;
  });
  const query = new URLSearchParams(search);
  const month = MONTH.exec(query.get(MONTH_PARAM) ?? '');
  if (month) query.set(MONTH_PARAM, `${year}-${month[2]}`);
  query.set(YEAR_PARAM, String(year));
  return `${path}?${query.toString()}`;
}

/** The year used last on this device (the offline start's fallback), or null. */
export function lastYearUsed(): number | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY) ?? '';
    return YEAR.test(stored) ? plausibleYear(Number(stored)) : null;
  } catch {
    return null;
  }
}

export function rememberYear(year: number): void {
  try {
    localStorage.setItem(STORAGE_KEY, String(year));
  } catch {
    // Storage disabled: an offline start then waits for the server.
  }
}
