/** The reconnect back-off spreads clients over a growing window, reproducibly with a seeded random. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './reconnectBackoff';

/** A small seeded generator (mulberry32), so every run sees the same sequence. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('backoffDelay', () => {
  it('stays inside a window that doubles per attempt up to the cap', () => {
    const random = seeded(42);
    for (let attempt = 0; attempt < 12; attempt++) {
      const window = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** attempt);
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(window);
      }
    }
  });

  it('spreads 300 clients reconnecting after a restart over the first window', () => {
    const random = seeded(7);
    const delays = Array.from({ length: 300 }, () => backoffDelay(0, random));
    // No storm: no single millisecond holds more than a handful of clients...
    const perMillisecond = new Map<number, number>();
    for (const delay of delays) perMillisecond.set(delay, (perMillisecond.get(delay) ?? 0) + 1);
    expect(Math.max(...perMillisecond.values())).toBeLessThanOrEqual(5);
    // ...and every tenth of the window gets some of them.
    const tenths = new Set(delays.map((delay) => Math.floor((delay / DEFAULT_BACKOFF.baseMs) * 10)));
    expect(tenths.size).toBe(10);
  });

  it('is reproducible with the same seed and differs with another', () => {
    const run = (seed: number) => {
      const random = seeded(seed);
      return Array.from({ length: 20 }, (_, attempt) => backoffDelay(attempt % 6, random));
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });
});
