/**
 * Reading numbers typed into the report: Swedish first ("76,5", "1 234,5", "−12"), a point is
 * accepted as the decimal sign too. Pure functions; the screen shows their errors.
 */
import { type BudgetFigure, budgetFigureError, type IndicatorUnit } from '@foljsam/domain';

export type NumberError =
  | 'invalidNumber'
  | 'invalidPercent'
  | 'invalidCount'
  | 'negativeCostOutcome'
  | 'negativeCostForecast'
  | 'tooLarge';

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; error: NumberError };

/** Spaces of any kind (typed, no-break, narrow no-break as Intl writes them) group thousands. */
const GROUPING = /[\s\u00a0\u202f]/g;
const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/** Parses a typed number; empty text means "no value" (null). */
export function parseNumber(text: string): ParsedNumber {
  const compact = text.replace(GROUPING, '').replace(/^[\u2212\u2013]/, '-');
  if (compact === '') return { ok: true, value: null };
  if (!NUMBER.test(compact)) return { ok: false, error: 'invalidNumber' };
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, error: 'invalidNumber' };
}

/** Parses a typed outcome of an indicator and checks that it fits the unit. */
export function parseOutcome(text: string, unit: IndicatorUnit): ParsedNumber {
  const parsed = parseNumber(text);
  if (!parsed.ok || parsed.value === null) return parsed;
  if (unit === 'percent' && (parsed.value < 0 || parsed.value > 100)) {
    return { ok: false, error: 'invalidPercent' };
  }
  if (unit === 'count' && parsed.value < 0) return { ok: false, error: 'invalidCount' };
  return parsed;
}

/**
 * Parses a typed budget figure and checks it against the domain's plausibility bounds for the
 * department's budget (the same bounds the server enforces), so an implausible figure is
 * never written.
 */
export function parseBudgetFigure(text: string, budgetTkr: number | null, field: BudgetFigure): ParsedNumber {
  const parsed = parseNumber(text);
  if (!parsed.ok) return parsed;
  const error = budgetFigureError(budgetTkr, field, parsed.value);
  return error && error !== 'commentRequired' ? { ok: false, error } : parsed;
}
