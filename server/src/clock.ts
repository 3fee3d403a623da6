/**
 * The server's clock. Everything that depends on the time of day (what is due, when a reminder
 * goes out) asks a {@link Clock} rather than `new Date()`, so tests can move time on a real server.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: for tests. */
export class ManualClock implements Clock {
  constructor(private instant: Date) {}

  now(): Date {
    return new Date(this.instant.getTime());
  }

  /** Moves the clock to an instant. */
  set(instant: Date): void {
    this.instant = new Date(instant.getTime());
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}
