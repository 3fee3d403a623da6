/** Number and date formats for the server-rendered board report (PDF, XLSX), through Intl with the locale. */
import type { IndicatorUnit } from '@foljsam/domain';
import type { BoardMessages } from './messages';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format as T;
}

const number = (locale: string) =>
  cached(`n|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));

/** A number as the locale writes it: "1 234,5" (sv-SE), "1,234.5" (en-GB). */
export const formatNumber = (value: number, locale: string): string => number(locale).format(value);

/** "mars 2015" (sv-SE), "March 2015" (en-GB) for "2015-03". */
export const formatMonth = (month: string, locale: string): string =>
  cached(
    `m|${locale}`,
    () => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(`${month}-01T00:00:00Z`));

/** "mar" (sv-SE), "Mar" (en-GB) for "2015-03". */
export const formatShortMonth = (month: string, locale: string): string =>
  cached(`s|${locale}`, () => new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }))
    .format(new Date(`${month}-01T00:00:00Z`))
    .replace('.', '');

/** A calendar date: "2015-03-31" (sv-SE), "31 Mar 2015" (en-GB); the text as given if it is none. */
export function formatDate(isoDate: string, locale: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return cached(
    `d|${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone: 'UTC',
        year: 'numeric',
        month: locale === 'sv-SE' ? '2-digit' : 'short',
        day: locale === 'sv-SE' ? '2-digit' : 'numeric',
      }),
  ).format(date);
}

/** An indicator value in its unit: "78 %", "1 460 tkr", "–" for null (English: "78%", "1,460 SEK thousand"). */
export const formatIndicator = (value: number | null, unit: IndicatorUnit, m: BoardMessages): string =>
  value === null ? '–' : `${formatNumber(value, m.intlLocale)}${m.unitSuffix[unit]}`;

/** Which of the report names a period has: a month, the tertials (T1, T2) or the year-end (VB). */
export const periodPart = (period: string): 'month' | 'T1' | 'T2' | 'VB' => {
  const part = period.slice(5);
  return part === 'T1' || part === 'T2' || part === 'VB' ? part : 'month';
};

/** "mars 2015" for a month, "januari–april 2015" for T1, "januari–augusti 2015" for T2, "2015" for VB. */
export function formatPeriod(period: string, locale: string): string {
  const part = periodPart(period);
  const year = period.slice(0, 4);
  if (part === 'month') return formatMonth(period, locale);
  if (part === 'VB') return year;
  const monthName = (m: string) =>
    cached(`l|${locale}`, () => new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' })).format(
      new Date(`${year}-${m}-01T00:00:00Z`),
    );
  return `${monthName('01')}–${monthName(part === 'T1' ? '04' : '08')} ${year}`;
}
