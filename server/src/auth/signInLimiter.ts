/**
 * Brute-force protection for sign-in (rate-limiter-flexible): failed attempts are counted per
 * username and per client address; past the limit, sign-in answers 429 until the window ends.
 * A successful sign-in clears the username's count. Counters live in this process: with
 * several processes behind a load balancer each process counts on its own.
 */
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

export interface SignInLimits {
  /** Failed attempts for one username before it is blocked. */
  failuresPerUsername: number;
  /** Failed attempts from one address (any usernames) before it is blocked. */
  failuresPerAddress: number;
  /** How long the counts last, and a block lasts, in seconds. */
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  failuresPerUsername: 10,
  failuresPerAddress: 50,
  windowSeconds: 15 * 60,
};

export class SignInLimiter {
  private readonly byUsername: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
    this.byUsername = new RateLimiterMemory({
      points: limits.failuresPerUsername,
      duration: limits.windowSeconds,
      blockDuration: limits.windowSeconds,
    });
    this.byAddress = new RateLimiterMemory({
      points: limits.failuresPerAddress,
      duration: limits.windowSeconds,
      blockDuration: limits.windowSeconds,
    });
  }

  /** Seconds until sign-in is allowed again for this username and address; 0 if it is now. */
  async retryAfterSeconds(username: string, address: string): Promise<number> {
    const [user, client] = await Promise.all([this.byUsername.get(username), this.byAddress.get(address)]);
    const blockedFor = (state: RateLimiterRes | null, limit: number) =>
      state && state.consumedPoints >= limit ? Math.ceil(state.msBeforeNext / 1000) : 0;
    return Math.max(blockedFor(user, this.byUsername.points), blockedFor(client, this.byAddress.points));
  }

  /** Counts a failed attempt. */
  async failed(username: string, address: string): Promise<void> {
    await Promise.all([this.byUsername.penalty(username, 1), this.byAddress.penalty(address, 1)]);
  }

  /** Clears the username's count after a successful sign-in. */
  async succeeded(username: string): Promise<void> {
    await this.byUsername.delete(username);
  }
}
