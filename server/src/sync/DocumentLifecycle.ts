/**
 * Where one loaded document is in its life, as one explicit state:
 *
 * - `loading`: its stored state is being applied; it takes no work yet.
 * - `idle`: loaded, its queue empty.
 * - `working`: its queue is being drained (`drained` settles when the drain ends).
 * - `failed`: an update did not apply or the store failed; it takes no more work and waits to
 *   be unloaded (reloading from the store is the only safe state).
 * - `destroyed`: unloaded, its Y.Doc freed. Final.
 *
 * Any other move is a bug in the caller and throws.
 */

export type LifecycleState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly drained: Promise<void> }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'destroyed' };

export type LifecycleKind = LifecycleState['kind'];

/** A move the life cycle does not allow. */
export class InvalidTransitionError extends Error {
  constructor(from: LifecycleKind, to: LifecycleKind) {
    super(`a document cannot go from ${from} to ${to}`);
    this.name = 'InvalidTransitionError';
  }
}

/** The states each state may move to. */
function successors(state: LifecycleState): readonly LifecycleKind[] {
  switch (state.kind) {
    case 'loading':
      return ['idle', 'failed', 'destroyed'];
    case 'idle':
      return ['working', 'failed', 'destroyed'];
    case 'working':
      // Failing happens inside a drain; unloading can interleave with a short read job.
      return ['idle', 'failed', 'destroyed'];
    case 'failed':
      return ['destroyed'];
    case 'destroyed':
      return [];
    default:
      return unreachable(state);
  }
}

function unreachable(state: never): never {
  throw new Error(`unknown life cycle state ${JSON.stringify(state)}`);
}

export class DocumentLifecycle {
  private current: LifecycleState = { kind: 'loading' };

  get state(): LifecycleState {
    return this.current;
  }

  /** Moves to `next`; throws {@link InvalidTransitionError} for a move the life cycle forbids. */
  to(next: LifecycleState): void {
    if (!successors(this.current).includes(next.kind)) {
      throw new InvalidTransitionError(this.current.kind, next.kind);
    }
    this.current = next;
  }

  /** Whether work may be queued: only once loaded, and never after failing or unloading. */
  get acceptsWork(): boolean {
    const state = this.current;
    switch (state.kind) {
      case 'idle':
      case 'working':
        return true;
      case 'loading':
      case 'failed':
      case 'destroyed':
        return false;
      default:
        return unreachable(state);
    }
  }

  get isFailed(): boolean {
    return this.current.kind === 'failed';
  }

  get isDestroyed(): boolean {
    return this.current.kind === 'destroyed';
  }
}
