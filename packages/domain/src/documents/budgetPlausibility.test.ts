import { describe, expect, it } from 'vitest';
import {
  budgetFigureError,
  checkBudgetFigures,
  forecastNeedsComment,
  isCostBudget,
  submitBudgetProblem,
} from './budgetPlausibility';

describe('budget plausibility', () => {
  it('treats a positive budget as a cost budget and refuses negative figures on it', () => {
    expect(isCostBudget(6_900)).toBe(true);
    expect(isCostBudget(-500)).toBe(false);
    expect(isCostBudget(null)).toBe(false);
    expect(budgetFigureError(6_900, 'outcomeToDateTkr', -1)).toBe('negativeCostOutcome');
    expect(budgetFigureError(6_900, 'forecastTkr', -18_000)).toBe('negativeCostForecast');
    expect(budgetFigureError(6_900, 'outcomeToDateTkr', 0)).toBeNull();
    // An income budget may have a negative outcome (net income).
    expect(budgetFigureError(-500, 'outcomeToDateTkr', -300)).toBeNull();
  });

  it('refuses figures beyond ten times the budget, or beyond ten billion without a budget', () => {
    expect(budgetFigureError(6_900, 'forecastTkr', 69_000)).toBeNull();
    expect(budgetFigureError(6_900, 'forecastTkr', 69_001)).toBe('tooLarge');
    expect(budgetFigureError(6_900, 'outcomeToDateTkr', 690_000)).toBe('tooLarge');
    expect(budgetFigureError(-500, 'forecastTkr', -5_001)).toBe('tooLarge');
    expect(budgetFigureError(null, 'forecastTkr', 9_999_999)).toBeNull();
    expect(budgetFigureError(null, 'forecastTkr', 10_000_001)).toBe('tooLarge');
    expect(budgetFigureError(6_900, 'forecastTkr', null)).toBeNull();
  });

  it('asks for a comment when the forecast is more than 10 % from the budget', () => {
    expect(forecastNeedsComment(10_000, 11_000)).toBe(false);
    expect(forecastNeedsComment(10_000, 11_001)).toBe(true);
    expect(forecastNeedsComment(10_000, 8_999)).toBe(true);
    expect(forecastNeedsComment(null, 8_999)).toBe(false);
    expect(checkBudgetFigures(10_000, { outcomeToDateTkr: 5_000, forecastTkr: 12_000 })).toEqual([
      { field: 'forecastTkr', code: 'commentRequired', severity: 'comment' },
    ]);
    // An impossible forecast is an error, not something to comment on.
    expect(checkBudgetFigures(10_000, { outcomeToDateTkr: -1, forecastTkr: -18_000 })).toEqual([
      { field: 'outcomeToDateTkr', code: 'negativeCostOutcome', severity: 'error' },
      { field: 'forecastTkr', code: 'negativeCostForecast', severity: 'error' },
    ]);
  });

  it('blocks submitting a far-off forecast until the budget analysis says why', () => {
    const figures = { outcomeToDateTkr: 5_000, forecastTkr: 12_500 };
    expect(submitBudgetProblem(10_000, figures, '  ')?.code).toBe('commentRequired');
    expect(submitBudgetProblem(10_000, figures, 'Vikarier under sommaren.')).toBeNull();
    expect(submitBudgetProblem(10_000, { outcomeToDateTkr: 5_000, forecastTkr: 10_500 }, '')).toBeNull();
    expect(submitBudgetProblem(10_000, { outcomeToDateTkr: -2, forecastTkr: null }, 'x')?.code).toBe(
      'negativeCostOutcome',
    );
  });
});
