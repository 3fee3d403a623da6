/**
 * How many bytes of changes each user may send, across all their connections and documents in
 * this process: a token bucket of bytes per user. Per-field and per-document limits bound what
 * one document can hold; this bounds how fast one account can fill many of them, or the disk.
 * A user past their budget has the connection closed (4429) and their client resends the
 * change after reconnecting, so nothing typed is lost, only slowed.
 */
import { TokenBucket } from './TokenBucket';

export interface WriteBudgetOptions {
  /** Bytes per second a user's budget refills. */
  bytesPerSecond: number;
  /** Bytes a user may send at once (the bucket's capacity): a reconnect's offline changes fit. */
  burstBytes: number;
}

export class WriteBudget {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly options: WriteBudgetOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Charges `bytes` to `userId`; false (charging nothing) when their budget does not cover it. */
  charge(userId: string, bytes: number): boolean {
    let bucket = this.buckets.get(userId);
    if (!bucket) {
      // Full buckets are forgotten, so memory grows with active writers, not all users ever seen.
      if (this.buckets.size > 1000) {
        for (const [id, old] of this.buckets) if (old.isFull) this.buckets.delete(id);
      }
      bucket = new TokenBucket(this.options.bytesPerSecond, this.options.burstBytes, this.now);
      this.buckets.set(userId, bucket);
    }
    return bucket.take(bytes);
  }
}
