import { describe, expect, it } from 'vitest';
import { parseBudgetFigure, parseNumber } from './numbers';

describe('budget figures as typed', () => {
  it('refuses what the plausibility rule refuses, before anything is written', () => {
    // HR's 2015 budget: a cost budget of 17 866 tkr.
    expect(parseBudgetFigure('−500', 17_866, 'outcomeToDateTkr')).toEqual({
      ok: false,
      error: 'negativeCostOutcome',
    });
    expect(parseBudgetFigure('-18 000', 17_866, 'forecastTkr')).toEqual({
      ok: false,
      error: 'negativeCostForecast',
    });
    expect(parseBudgetFigure('180 000', 17_866, 'forecastTkr')).toEqual({ ok: false, error: 'tooLarge' });
    expect(parseBudgetFigure('12,5x', 17_866, 'forecastTkr')).toEqual({ ok: false, error: 'invalidNumber' });
  });

  it('accepts plausible figures, a far-off forecast (it asks for a comment instead) and an empty field', () => {
    expect(parseBudgetFigure('18 600', 17_866, 'forecastTkr')).toEqual({ ok: true, value: 18_600 });
    expect(parseBudgetFigure('25 000', 17_866, 'forecastTkr')).toEqual({ ok: true, value: 25_000 });
    expect(parseBudgetFigure('', 17_866, 'forecastTkr')).toEqual(parseNumber(''));
    // An income budget may show a net income.
    expect(parseBudgetFigure('-300', -500, 'outcomeToDateTkr')).toEqual({ ok: true, value: -300 });
  });
});
