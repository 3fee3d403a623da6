import { describe, expect, it } from 'vitest';
import { TokenBucket } from './TokenBucket';

describe('TokenBucket', () => {
  it('allows a burst up to its capacity, then the refill rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    expect(Array.from({ length: 6 }, () => bucket.take())).toEqual([true, true, true, true, true, false]);
    now += 100; // one token back
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000; // never more than the capacity
    expect(Array.from({ length: 6 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
  });
});
