/**
 * Brute-force protection for sign-in, after rate-limiter-flexible's "login endpoint protection"
 * pattern (consecutive failures by username and IP, slow brute force by IP), shaped so that
 * nobody can lock another person out:
 *
 * - Failures are counted per account *and* client. After `freeFailures` in a row, each further
 *   failure makes that account wait from that client, 1 s, then 2 s, 4 s, … up to
 *   `maxDelaySeconds`. The wait binds only that pair: the same account from another client,
 *   and other accounts from this client, are not slowed. A success clears the pair's count.
 * - Failures are also counted per client over all accounts. A client past
 *   `clientFailuresPerHour` loses its free failures: from then on every failure, on any
 *   account, costs a wait for that account from that client. It never stops a correct
 *   password for an account that has not just failed from there.
 *
 * Attempts during a wait get 429 and are not checked or counted. Counters live in this process:
 * with several processes behind a load balancer each process counts on its own.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface SignInLimits {
  /** Consecutive failures for one account from one client before each one costs a wait. */
  freeFailures: number;
  /** Longest wait, in seconds, the doubling delay reaches. */
  maxDelaySeconds: number;
  /** Failures from one client over all accounts per hour before it loses its free failures. */
  clientFailuresPerHour: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  freeFailures: 5,
  maxDelaySeconds: 300,
  clientFailuresPerHour: 50,
};

/** A run of failures for one account from one client is forgotten this long after its first one. */
const FORGET_FAILURES_AFTER_SECONDS = 24 * 60 * 60;

export class SignInLimiter {
  /** Consecutive failures per account and client. */
  private readonly failuresByAccountAndClient: RateLimiterMemory;
  /** The current wait per account and client (a block of one point). */
  private readonly waitByAccountAndClient: RateLimiterMemory;
  /** Failures per client over all accounts, in an hour's window. */
  private readonly failuresByClient: RateLimiterMemory;

  constructor(private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
    this.failuresByAccountAndClient = new RateLimiterMemory({
      keyPrefix: 'sign-in-failures',
      points: 1,
      duration: FORGET_FAILURES_AFTER_SECONDS,
    });
    this.waitByAccountAndClient = new RateLimiterMemory({
      keyPrefix: 'sign-in-wait',
      points: 1,
      duration: 1,
    });
    this.failuresByClient = new RateLimiterMemory({
      keyPrefix: 'sign-in-client',
      points: limits.clientFailuresPerHour,
      duration: 60 * 60,
    });
  }

  /** Seconds this client must wait before trying this account again; 0 if it may now. */
  async retryAfterSeconds(username: string, client: string): Promise<number> {
    const wait = await this.waitByAccountAndClient.get(pairKey(username, client));
    if (!wait || wait.consumedPoints <= this.waitByAccountAndClient.points) return 0;
    return Math.max(1, Math.ceil(wait.msBeforeNext / 1000));
  }

  /** Counts a failed attempt; returns the seconds the client now waits for this account (0: none). */
  async failed(username: string, client: string): Promise<number> {
    const key = pairKey(username, client);
    const [pair, byClient] = await Promise.all([
      this.failuresByAccountAndClient.penalty(key, 1),
      this.failuresByClient.penalty(client, 1),
    ]);
    const free = byClient.consumedPoints > this.failuresByClient.points ? 0 : this.limits.freeFailures;
    const excess = pair.consumedPoints - free;
    if (excess <= 0) return 0;
    // 2 ** excess overflows to Infinity long before it matters; the cap keeps it finite.
    const seconds = Math.min(2 ** (excess - 1), this.limits.maxDelaySeconds);
    await this.waitByAccountAndClient.block(key, seconds);
    return seconds;
  }

  /** Clears the run of failures for this account from this client after a successful sign-in. */
  async succeeded(username: string, client: string): Promise<void> {
    const key = pairKey(username, client);
    await Promise.all([this.failuresByAccountAndClient.delete(key), this.waitByAccountAndClient.delete(key)]);
  }
}

/** One key per account and client; usernames are compared case-insensitively. */
function pairKey(username: string, client: string): string {
  return JSON.stringify([username.toLowerCase(), client]);
}
