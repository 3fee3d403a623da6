/**
 * Plausibility of a report's budget figures (rimlighetskontroll): outcome to date (utfall
 * hittills) and full-year forecast (helårsprognos), in tkr, against the department's budget for
 * the year. One rule, used by the client (the message at the field), the server's write guard
 * (the hard bounds: nothing implausible is stored) and the submit step (the comment rule).
 *
 * - A department whose budget is positive has a cost budget (nettokostnad). Its outcome to date
 *   and its forecast cannot be negative: that would be a net income, which a cost budget does
 *   not have. (A department whose budget is zero or negative is an income budget; no sign rule.)
 * - No figure may exceed {@link MAX_BUDGET_MULTIPLE} times the budget in magnitude (a typo of a
 *   few zeros), nor {@link MAX_BUDGET_FIGURE_TKR} when the department has no budget figure yet.
 * - A forecast that deviates from the budget by more than {@link COMMENT_DEVIATION_SHARE} of the
 *   budget asks for a comment: the budget analysis (analys av budget) must not be empty before
 *   the report is submitted. Stored, since a large deviation can be true.
 */
import type { ReportBudget } from '../model';

/** A figure may be at most this many times the budget, in magnitude. */
export const MAX_BUDGET_MULTIPLE = 10;
/** The largest figure (tkr) without a budget to compare with: ten billion kronor. */
export const MAX_BUDGET_FIGURE_TKR = 10_000_000;
/** A forecast deviating from the budget by more than this share of it needs a comment (10 %). */
export const COMMENT_DEVIATION_SHARE = 0.1;

/** A budget figure of the report. */
export type BudgetFigure = keyof ReportBudget;

/**
 * What is wrong with a figure. `error`s are refused (never stored); `commentRequired` is stored
 * but blocks submitting until the budget analysis says why.
 */
export type BudgetIssueCode = 'negativeCostOutcome' | 'negativeCostForecast' | 'tooLarge' | 'commentRequired';

export interface BudgetIssue {
  field: BudgetFigure;
  code: BudgetIssueCode;
  severity: 'error' | 'comment';
}

/** Whether a department with this budget (tkr) has a cost budget: a positive one. */
export function isCostBudget(budgetTkr: number | null): boolean {
  return budgetTkr !== null && budgetTkr > 0;
}

/** The hard bound one figure breaks, or null: what the write guard refuses. */
export function budgetFigureError(
  budgetTkr: number | null,
  field: BudgetFigure,
  value: number | null,
): BudgetIssueCode | null {
  if (value === null) return null;
  if (isCostBudget(budgetTkr) && value < 0) {
    return field === 'outcomeToDateTkr' ? 'negativeCostOutcome' : 'negativeCostForecast';
  }
  const limit =
    budgetTkr === null || budgetTkr === 0 ? MAX_BUDGET_FIGURE_TKR : Math.abs(budgetTkr) * MAX_BUDGET_MULTIPLE;
  return Math.abs(value) > limit ? 'tooLarge' : null;
}

/** Whether the forecast is far enough from the budget to need a comment. */
export function forecastNeedsComment(budgetTkr: number | null, forecastTkr: number | null): boolean {
  if (budgetTkr === null || forecastTkr === null || budgetTkr === 0) return false;
  return Math.abs(forecastTkr - budgetTkr) > Math.abs(budgetTkr) * COMMENT_DEVIATION_SHARE;
}

/** Every issue of the report's budget figures against the department's budget (tkr). */
export function checkBudgetFigures(budgetTkr: number | null, figures: ReportBudget): BudgetIssue[] {
  const issues: BudgetIssue[] = [];
  for (const field of ['outcomeToDateTkr', 'forecastTkr'] as const) {
    const code = budgetFigureError(budgetTkr, field, figures[field]);
    if (code) issues.push({ field, code, severity: 'error' });
  }
  const forecastError = issues.some((issue) => issue.field === 'forecastTkr');
  if (!forecastError && forecastNeedsComment(budgetTkr, figures.forecastTkr)) {
    issues.push({ field: 'forecastTkr', code: 'commentRequired', severity: 'comment' });
  }
  return issues;
}

/**
 * Why the report cannot be submitted as it is, or null: a figure out of bounds (written
 * before the rule existed), or a forecast far from budget without a budget analysis.
 */
export function submitBudgetProblem(
  budgetTkr: number | null,
  figures: ReportBudget,
  budgetAnalysis: string,
): BudgetIssue | null {
  for (const issue of checkBudgetFigures(budgetTkr, figures)) {
    if (issue.severity === 'error') return issue;
    if (issue.code === 'commentRequired' && budgetAnalysis.trim() === '') return issue;
  }
  return null;
}
