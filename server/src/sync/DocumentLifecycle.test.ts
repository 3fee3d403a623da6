import { describe, expect, it } from 'vitest';
import { DocumentLifecycle, InvalidTransitionError, type LifecycleState } from './DocumentLifecycle';

const working: LifecycleState = { kind: 'working', drained: Promise.resolve() };

describe('DocumentLifecycle', () => {
  it('starts loading and takes work only once loaded', () => {
    const lifecycle = new DocumentLifecycle();
    expect(lifecycle.state.kind).toBe('loading');
    expect(lifecycle.acceptsWork).toBe(false);
    lifecycle.to({ kind: 'idle' });
    expect(lifecycle.acceptsWork).toBe(true);
    lifecycle.to(working);
    expect(lifecycle.acceptsWork).toBe(true);
    lifecycle.to({ kind: 'idle' });
  });

  it('fails from work, takes no more, and can then only be destroyed', () => {
    const lifecycle = new DocumentLifecycle();
    lifecycle.to({ kind: 'idle' });
    lifecycle.to(working);
    lifecycle.to({ kind: 'failed', reason: 'storing updates failed' });
    expect(lifecycle.isFailed).toBe(true);
    expect(lifecycle.acceptsWork).toBe(false);
    expect(() => lifecycle.to({ kind: 'idle' })).toThrow(InvalidTransitionError);
    expect(() => lifecycle.to(working)).toThrow(InvalidTransitionError);
    lifecycle.to({ kind: 'destroyed' });
    expect(lifecycle.isDestroyed).toBe(true);
  });

  it('is final once destroyed', () => {
    const lifecycle = new DocumentLifecycle();
    lifecycle.to({ kind: 'idle' });
    lifecycle.to({ kind: 'destroyed' });
    expect(lifecycle.acceptsWork).toBe(false);
    for (const next of [
      { kind: 'idle' },
      working,
      { kind: 'failed', reason: 'x' },
      { kind: 'destroyed' },
    ] as const) {
      expect(() => lifecycle.to(next)).toThrow('a document cannot go from destroyed to');
    }
  });

  it('refuses work before loading and a second load', () => {
    const lifecycle = new DocumentLifecycle();
    expect(() => lifecycle.to(working)).toThrow(InvalidTransitionError);
    lifecycle.to({ kind: 'idle' });
    expect(() => lifecycle.to({ kind: 'loading' })).toThrow(InvalidTransitionError);
    expect(() => lifecycle.to({ kind: 'idle' })).toThrow(InvalidTransitionError);
  });
});
