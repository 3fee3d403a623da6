/**
 * `page.evaluate` has no timeout of its own. A page whose main thread is stuck, or that
 * draws no more frames while the script waits for one, holds the test until the test's own
 * timeout and says nothing about where: a phone walk in CI (2026-12-07) hung 300 s
 * somewhere in one role's nine screens. `answerWithin` gives one evaluation a deadline and,
 * once it has passed, says what was asked and whether the page still runs script at all.
 */
import type { Page } from 'playwright-core';

/** Long enough for axe on the largest screen on throttled cores (a few seconds at most so far). */
export const PAGE_ANSWER_TIMEOUT_MS = 60_000;

/** How long the page gets to answer a trivial question once it has not answered `what`. */
const PROBE_TIMEOUT_MS = 5_000;

const TIMED_OUT = Symbol('timed out');

function after(ms: number): { promise: Promise<typeof TIMED_OUT>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** What the page says about itself, or why it said nothing. */
async function describePage(page: Page): Promise<string> {
  const deadline = after(PROBE_TIMEOUT_MS);
  try {
    const state = await Promise.race([
      page.evaluate(() => ({
        url: location.pathname,
        visibility: document.visibilityState,
        focused: document.hasFocus(),
        heading: document.querySelector('main h1')?.textContent?.trim() ?? null,
      })),
      deadline.promise,
    ]);
    if (state === TIMED_OUT) {
      return `it did not answer a trivial question within ${PROBE_TIMEOUT_MS / 1000} s either (its main thread is stuck) at ${page.url()}`;
    }
    return `it still runs script: ${JSON.stringify(state)}`;
  } catch (error) {
    return `asking it failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    deadline.cancel();
  }
}

/**
 * Runs `evaluation` (a `page.evaluate` call, say) and fails with a message naming `what` and
 * the page's state when it has not answered within `timeoutMs`.
 */
export async function answerWithin<T>(
  page: Page,
  what: string,
  evaluation: () => Promise<T>,
  timeoutMs = PAGE_ANSWER_TIMEOUT_MS,
): Promise<T> {
  const deadline = after(timeoutMs);
  try {
    const answer = await Promise.race([evaluation(), deadline.promise]);
    if (answer !== TIMED_OUT) return answer;
  } finally {
    deadline.cancel();
  }
  throw new Error(
    `the page did not answer within ${timeoutMs / 1000} s while ${what}; ${await describePage(page)}`,
  );
}
