/**
 * Draws charts near the viewport first and the rest one at a time while the browser is idle.
 * The goals screen has a chart per indicator; drawing them all when the screen mounts held up
 * its first paint and the outcomes arriving for the charts in view by seconds on a first visit.
 * Every chart is still drawn without being scrolled to (idle time comes while the screen waits
 * for its reports), so what a chart shows never depends on where the person has looked.
 */

/** Charts this far below or above the viewport count as near (as the reports' opening does). */
const NEAR_MARGIN = '300px 0px';
/** Idle drawing goes on while at least this much of an idle period is left, ms. */
const IDLE_SLICE_MS = 8;
/** A chart waits at most this long for an idle period, ms (a busy page still draws them all). */
const IDLE_TIMEOUT_MS = 1_000;

const pending = new Map<Element, () => void>();
let observer: IntersectionObserver | null = null;
let idleScheduled = false;

function drawNow(element: Element): void {
  const draw = pending.get(element);
  if (!draw) return;
  pending.delete(element);
  observer?.unobserve(element);
  draw();
}

function afterIdle(run: (deadline?: IdleDeadline) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 50);
}

function scheduleIdle(): void {
  if (idleScheduled || pending.size === 0) return;
  idleScheduled = true;
  afterIdle((deadline) => {
    idleScheduled = false;
    // In document order (the order they were mounted): the next ones down are drawn first.
    do {
      const next = pending.keys().next();
      if (next.done) break;
      drawNow(next.value);
    } while (deadline && !deadline.didTimeout && deadline.timeRemaining() > IDLE_SLICE_MS);
    scheduleIdle();
  });
}

/**
 * Calls `draw` once: as soon as `element` comes near the viewport, or earlier in idle time.
 * Returns a function that cancels it (call it when the element goes away).
 */
export function drawWhenNear(element: Element, draw: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    draw();
    return () => undefined;
  }
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) if (entry.isIntersecting) drawNow(entry.target);
    },
    { rootMargin: NEAR_MARGIN },
  );
  pending.set(element, draw);
  observer.observe(element);
  scheduleIdle();
  return () => {
    pending.delete(element);
    observer?.unobserve(element);
  };
}
