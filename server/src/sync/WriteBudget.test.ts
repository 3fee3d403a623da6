import { describe, expect, it } from 'vitest';
import { WriteBudget } from './WriteBudget';

describe('WriteBudget', () => {
  it('lets each user send a burst, then as much as refills, independently of other users', () => {
    let now = 0;
    const budget = new WriteBudget({ bytesPerSecond: 100, burstBytes: 1000 }, () => now);
    expect(budget.charge('a', 900)).toBe(true);
    expect(budget.charge('a', 200)).toBe(false);
    // Another user's budget is their own.
    expect(budget.charge('b', 1000)).toBe(true);
    now += 1000;
    expect(budget.charge('a', 200)).toBe(true);
    expect(budget.charge('a', 1)).toBe(false);
    now += 60_000;
    expect(budget.charge('a', 1000)).toBe(true);
  });
});
