/**
 * Amounts and the plan's discrepancy notes follow the language: "tkr" in Swedish, "SEK thousand"
 * in English (as Swedish municipalities' English reports write it), and the plan's known
 * discrepancies, which the plan document carries in Swedish, in English when English is chosen.
 */
import { plan2015 } from '@foljsam/domain/seed';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { en } from './en';
import { formatInUnit, formatTkr, setLocale } from './index';
import { sv } from './sv';

beforeAll(() => {
  // setLocale sets the page's lang; this runs in Node.
  vi.stubGlobal('document', { documentElement: {} });
});
afterAll(() => {
  setLocale('sv');
  vi.unstubAllGlobals();
});

describe('units in the UI language', () => {
  it('writes thousands and millions of kronor as tkr and mkr in Swedish, SEK thousand and SEK million in English', () => {
    setLocale('sv');
    expect(formatTkr(1234.5)).toBe('1\u00a0234,5 tkr');
    expect(formatInUnit(1.5, 'mkr')).toBe('1,5 mkr');
    expect(formatInUnit(78, 'percent')).toBe('78\u00a0%');
    setLocale('en');
    expect(formatTkr(1234.5)).toBe('1,234.5 SEK thousand');
    expect(formatInUnit(4928, 'tkr')).toBe('4,928 SEK thousand');
    expect(formatInUnit(1.5, 'mkr')).toBe('1.5 SEK million');
    expect(formatInUnit(78, 'percent')).toBe('78%');
    expect(formatInUnit(12, 'count')).toBe('12');
    expect(formatTkr(null)).toBe('–');
  });
});

describe('the plan’s known discrepancies', () => {
  it('are the plan’s own words in Swedish and translated in English, every one of the 2015 plan', () => {
    expect(plan2015.knownDiscrepancies.length).toBeGreaterThan(0);
    for (const item of plan2015.knownDiscrepancies) {
      expect(sv.economy.discrepancies.note(item)).toBe(item.description);
      const english = en.economy.discrepancies.note(item);
      expect(english, item.id).not.toBe(item.description);
      // No Swedish unit or word of the note is left (the plan's section numbers stay).
      expect(english, item.id).not.toMatch(/\b(tkr|Mkr|avsnitt|men|anger)\b/);
    }
  });

  it('show the plan’s own text in English for a discrepancy that has no translation', () => {
    const unknown = { ...plan2015.knownDiscrepancies[0], id: 'not-translated', description: 'Egen text' };
    expect(en.economy.discrepancies.note(unknown as (typeof plan2015.knownDiscrepancies)[number])).toBe(
      'Egen text',
    );
  });
});
