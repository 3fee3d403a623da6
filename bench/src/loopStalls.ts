/**
 * A preload for Följsam's server under the benchmark: how often its event loop stalls, and
 * which garbage collections fall in the stalls, printed to stderr when the server gets SIGTERM
 * (at the end of each run; the server's own handler then stops it). With BENCH_SERVER_LOG the
 * lines land in that file:
 *
 *   BENCH_SERVER_NODE_FLAGS="--import $PWD/src/loopStalls.ts" BENCH_SERVER_LOG=/tmp/server.log \
 *     BENCH_TARGETS=pglite BENCH_SCENARIOS=team npx tsx src/main.ts
 *
 * Node 22.18+ runs it as TypeScript (type stripping). A stall is a lateness of a 5 ms timer
 * of more than 3 ms, so everything that holds the event loop counts: work, a garbage
 * collection's pause, and the process waiting for its core (a profile then has few samples
 * in the stall). Only the last LOOP_STALLS_WINDOW_S seconds before SIGTERM are reported
 * (default 17: the team run's 15 s window and the 2 s after it).
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';

const TICK_MS = 5;
const LATE_MS = 3;
const WINDOW_MS = Number(process.env.LOOP_STALLS_WINDOW_S ?? 17) * 1000;
const BUCKETS_MS = [3, 5, 10, 20, 50];
/** `detail.kind` of a GC entry (perf_hooks' NODE_PERFORMANCE_GC_* constants). */
const GC_KINDS: Record<number, string> = {
  1: 'scavenge',
  2: 'minor mark-sweep',
  4: 'mark-compact',
  8: 'incremental marking',
  16: 'weak callbacks',
};

interface Stall {
  endMs: number;
  ms: number;
}

interface Collection {
  startMs: number;
  ms: number;
  kind: string;
}

const stalls: Stall[] = [];
const collections: Collection[] = [];

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
    collections.push({
      startMs: entry.startTime,
      ms: entry.duration,
      kind: GC_KINDS[kind] ?? `kind ${kind}`,
    });
  }
}).observe({ entryTypes: ['gc'] });

let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - last - TICK_MS;
  if (late > LATE_MS) stalls.push({ endMs: now, ms: late });
  last = now;
}, TICK_MS).unref();

const seconds = (ms: number) => (ms / 1000).toFixed(2);

process.once('SIGTERM', () => {
  const end = performance.now();
  const from = end - WINDOW_MS;
  const recent = stalls.filter((stall) => stall.endMs >= from);
  const recentGcs = collections.filter((gc) => gc.startMs >= from);
  const window = `loop stalls over the last ${WINDOW_MS / 1000} s`;
  const counts = BUCKETS_MS.map((low, index) => {
    const high = BUCKETS_MS[index + 1] ?? Number.POSITIVE_INFINITY;
    const count = recent.filter((stall) => stall.ms >= low && stall.ms < high).length;
    return `${low}${Number.isFinite(high) ? `–${high}` : '+'} ms: ${count}`;
  });
  const stalled = recent.reduce((sum, stall) => sum + stall.ms, 0);
  const byKind = new Map<string, { count: number; ms: number; maxMs: number }>();
  for (const gc of recentGcs) {
    const sum = byKind.get(gc.kind) ?? { count: 0, ms: 0, maxMs: 0 };
    sum.count += 1;
    sum.ms += gc.ms;
    sum.maxMs = Math.max(sum.maxMs, gc.ms);
    byKind.set(gc.kind, sum);
  }
  const long = recent.filter((stall) => stall.ms >= 20);
  const major = recentGcs.filter((gc) => gc.kind === 'mark-compact');
  const lines = [
    `${window}: ${counts.join(', ')}; ${stalled.toFixed(0)} ms stalled in all`,
    `${window}, garbage collections: ${[...byKind]
      .map(
        ([kind, sum]) =>
          `${kind} ${sum.count}× (${sum.ms.toFixed(0)} ms, longest ${sum.maxMs.toFixed(1)} ms)`,
      )
      .join('; ')}`,
    `${window}, stalls of 20 ms or more (length, seconds before SIGTERM): ${long
      .map((stall) => `${stall.ms.toFixed(0)} ms at -${seconds(end - stall.endMs)} s`)
      .join(', ')}`,
    `${window}, mark-compact pauses (length, seconds before SIGTERM): ${major
      .map((gc) => `${gc.ms.toFixed(0)} ms at -${seconds(end - gc.startMs)} s`)
      .join(', ')}`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
});
