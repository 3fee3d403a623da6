/**
 * The municipality's clock. Dates and times are shown and judged in the municipality's time
 * zone (Europe/Stockholm), whatever the zone of the server or the browser: a deadline is a day
 * in Sweden, and "today" is today in Sweden.
 */
import { TZDate } from '@date-fns/tz';

/** The time zone every date and time of the product is shown and judged in. */
export const MUNICIPALITY_TIME_ZONE = 'Europe/Stockholm';

/** The calendar date (`YYYY-MM-DD`) it is in Sweden at an instant. */
export function swedishDate(instant: Date): string {
  const zoned = new TZDate(instant.getTime(), MUNICIPALITY_TIME_ZONE);
  return `${zoned.getFullYear()}-${pad(zoned.getMonth() + 1)}-${pad(zoned.getDate())}`;
}

/** The instant of a wall-clock time (`hour`:`minute`) on a date (`YYYY-MM-DD`) in Sweden. */
export function swedishInstant(date: string, hour = 0, minute = 0): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day, hour, minute, MUNICIPALITY_TIME_ZONE).getTime());
}

/** Adds days to a date (`YYYY-MM-DD`); negative days go back. */
export function addDays(date: string, days: number): string {
  const utc = new Date(`${date}T00:00:00Z`);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * An instant as wall-clock time in Sweden, "2015-03-31 14:05:09" (the server's exports; the
 * client formats for its language in client/src/i18n/dateTime.ts).
 */
export function swedishDateTime(instant: Date): string {
  const zoned = new TZDate(instant.getTime(), MUNICIPALITY_TIME_ZONE);
  return `${swedishDate(instant)} ${pad(zoned.getHours())}:${pad(zoned.getMinutes())}:${pad(zoned.getSeconds())}`;
}
