/**
 * "Stored" acknowledgements. y-websocket has no acknowledgement: after storing a connection's
 * updates the server sends it a sync step 1 (its state vector), from which the client tells
 * which of its changes are confirmed. Throttled per connection so that typing does not double
 * the traffic. The client answers with a (usually empty) sync step 2, which stores nothing and
 * so is not acknowledged again.
 */
import type { Connection } from './Connection';

/** Least time between two "stored" acknowledgements to one connection. */
export const STORED_ACK_INTERVAL_MS = 250;

/** Time as the acknowledger sees it; tests give a manual one. */
export interface Timer {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Runs `run` after `ms` milliseconds; the returned function cancels it. */
  schedule(run: () => void, ms: number): () => void;
}

export const systemTimer: Timer = {
  now: () => performance.now(),
  schedule(run, ms) {
    const timer = setTimeout(run, ms);
    // A pending acknowledgement never keeps a stopping process alive.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export interface AcknowledgerDeps {
  /** Sends `connection` the document's state vector (if it is still attached). */
  send(connection: Connection): void;
  /**
   * Runs `run` once everything applied so far is stored (the document's queue): a delayed
   * acknowledgement must not cover an update that is applied but not yet stored.
   */
  afterStored(run: () => void): void;
  timer?: Timer;
  intervalMs?: number;
}

interface AckState {
  lastSentAt: number;
  /** Cancels the pending delayed acknowledgement, if there is one. */
  cancel: (() => void) | undefined;
}

export class Acknowledger {
  private readonly states = new Map<Connection, AckState>();
  private readonly timer: Timer;
  private readonly intervalMs: number;

  constructor(private readonly deps: AcknowledgerDeps) {
    this.timer = deps.timer ?? systemTimer;
    this.intervalMs = deps.intervalMs ?? STORED_ACK_INTERVAL_MS;
  }

  /**
   * Tells `connection` its updates are stored, at once or, within the interval of the last
   * acknowledgement, once the interval is over (one pending acknowledgement covers all that
   * come meanwhile). Call right after a commit, when the Y.Doc holds nothing unstored.
   */
  acknowledge(connection: Connection): void {
    let state = this.states.get(connection);
    if (!state) {
      state = { lastSentAt: Number.NEGATIVE_INFINITY, cancel: undefined };
      this.states.set(connection, state);
    }
    if (state.cancel) return;
    const wait = state.lastSentAt + this.intervalMs - this.timer.now();
    if (wait <= 0) {
      this.send(connection, state);
      return;
    }
    const pending = state;
    pending.cancel = this.timer.schedule(() => {
      pending.cancel = undefined;
      this.deps.afterStored(() => this.send(connection, pending));
    }, wait);
  }

  /** Drops what is kept for a connection that left, with its pending acknowledgement. */
  forget(connection: Connection): void {
    this.states.get(connection)?.cancel?.();
    this.states.delete(connection);
  }

  /** Cancels every pending acknowledgement (the document unloads). */
  dispose(): void {
    for (const state of this.states.values()) state.cancel?.();
    this.states.clear();
  }

  private send(connection: Connection, state: AckState): void {
    state.lastSentAt = this.timer.now();
    this.deps.send(connection);
  }
}
