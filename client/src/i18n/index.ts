/**
 * The UI language: Swedish by default, English on request (remembered in localStorage).
 * `t()` is the current catalogue; reading it inside JSX makes the text follow the switch.
 */
import type { IndicatorUnit } from '@foljsam/domain';
import { createRoot, createSignal } from 'solid-js';
import { en } from './en';
import { type Messages, sv } from './sv';

export type Locale = 'sv' | 'en';
export type { Messages };

const catalogues: Record<Locale, Messages> = { sv, en };
const STORAGE_KEY = 'foljsam.locale';

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'sv';
  } catch {
    return 'sv';
  }
}

const [locale, setLocaleSignal] = createRoot(() => createSignal<Locale>(storedLocale()));

export { locale };

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/** The current message catalogue. */
export const t = (): Messages => catalogues[locale()];

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats a calendar date (`YYYY-MM-DD`) for the current language: 2015-03-31 in Swedish.
 * The date is read and formatted in UTC, so no time zone can move it to another day.
 */
export function formatDate(isoDate: string): string {
  const intlLocale = t().intlLocale;
  let format = dateFormats.get(intlLocale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale, {
      timeZone: 'UTC',
      year: 'numeric',
      month: intlLocale === 'sv-SE' ? '2-digit' : 'short',
      day: intlLocale === 'sv-SE' ? '2-digit' : 'numeric',
    });
    dateFormats.set(intlLocale, format);
  }
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : format.format(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${t().intlLocale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(t().intlLocale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A number in the current language: 1 234,5 in Swedish (at most `decimals` decimals). */
export function formatNumber(value: number, decimals = 1): string {
  return numberFormat({ maximumFractionDigits: decimals }).format(value);
}

/**
 * Thousands of kronor: "1 234,5 tkr" ("1,234.5 SEK thousand" in English); "–" for a figure not
 * set (a budget in a plan rolled over from the year before).
 */
export function formatTkr(value: number | null): string {
  return value === null ? '–' : `${formatNumber(value)} ${t().units.tkr}`;
}

/** A percentage given in percent units (78 → "78 %" in Swedish, "78%" in English). */
export function formatPercent(value: number, decimals = 1): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: decimals }).format(value / 100);
}

/** A value in an indicator's unit: "78 %", "1 234", "4 928 tkr", "1,5 mkr" (English: "1.5 SEK million"). */
export function formatInUnit(value: number, unit: IndicatorUnit): string {
  if (unit === 'percent') return formatPercent(value);
  if (unit === 'tkr') return formatTkr(value);
  if (unit === 'mkr') return `${formatNumber(value)} ${t().units.mkr}`;
  return formatNumber(value);
}

/**
 * A reporting period by name: a month as {@link formatMonth} ("mars 2015"), the others as
 * "Tertialrapport 1 (jan–apr) 2015", "Delårsrapport (jan–aug) 2015", "Verksamhetsberättelse 2015".
 */
export function formatPeriod(periodId: string): string {
  const names: Record<string, ((year: number) => string) | undefined> = t().report.periods;
  const name = names[periodId.slice(5)];
  return name ? name(Number(periodId.slice(0, 4))) : formatMonth(periodId);
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A month (`YYYY-MM`) in the current language, `month` and `year` as Intl names them. The
 * formats are kept per language and style: making one costs about a millisecond, and the goals
 * screen formats hundreds of months (every chart's axis and table) on its first draw.
 */
export function formatMonthAs(month: string, style: 'long' | 'short', withYear: boolean): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  const intlLocale = t().intlLocale;
  const key = `${intlLocale}|${style}|${withYear}`;
  let format = monthFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale, {
      timeZone: 'UTC',
      month: style,
      ...(withYear ? { year: 'numeric' } : {}),
    });
    monthFormats.set(key, format);
  }
  return format.format(date);
}

/** A follow-up month (`YYYY-MM`) by name: "mars 2015" in Swedish. */
export function formatMonth(month: string): string {
  return formatMonthAs(month, 'long', true);
}
