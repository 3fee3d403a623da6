/**
 * A token bucket: `capacity` tokens to start with, refilled at `perSecond`; each message takes
 * one (or each byte, for the write budget). Lets a client send a burst (a reconnect's catch-up,
 * fast typing) but not flood forever.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes `amount` tokens; false (taking none) when the bucket holds fewer. */
  take(amount = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /** Whether the bucket is full again (nothing to remember about its owner). */
  get isFull(): boolean {
    const now = this.now();
    return this.tokens + ((now - this.last) / 1000) * this.perSecond >= this.capacity;
  }
}
