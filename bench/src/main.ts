/**
 * `pnpm bench`: propagation latency (open loop) and throughput of the sync server for 2, 10
 * and 50 clients on one document, each scenario 3 times on a fresh server, reported as
 * medians. Prints a Markdown table and writes bench/results/<date>.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientPool } from './clients';
import { allowedCpus, type PinningPlan, pinSelf } from './proc';
import { describeMachine, type ReportInput, resultsMarkdown, type ScenarioRuns, summary } from './report';
import {
  type LatencyConfig,
  type LatencyResult,
  runLatency,
  runThroughput,
  type ThroughputConfig,
  type ThroughputResult,
} from './scenarios';
import { seedFrom } from './stats';
import { FoljsamTarget } from './targets/foljsam';
import type { RunningTarget, Target } from './targets/types';

/** BENCH_QUICK=1: one short run of everything, to try changes to the benchmark itself. */
const QUICK = process.env.BENCH_QUICK === '1';
const CLIENT_COUNTS = [2, 10, 50];
const RUNS = QUICK ? 1 : 3;
const LATENCY = { rate: 50, warmupMs: QUICK ? 1000 : 2000, measureMs: QUICK ? 3000 : 8000 };
const THROUGHPUT = { window: 128, warmupMs: 500, measureMs: QUICK ? 2000 : 4000 };
/** Pause between the two scenarios on one server. */
const SETTLE_MS = 500;
/** Above this CPU share the load generator, not the server, may be what limits a result. */
const BENCH_SATURATED_PERCENT = 85;
/** Above this CPU share of other processes (or steal) a run counts as noisy. */
const NOISE_PERCENT = 10;
/** A writer later than this (p99) against its schedule means the generator stalled. */
const LATE_SEND_MS = 10;
const RESULTS_DIR = new URL('../results/', import.meta.url);

/** The servers to measure; peer servers (Hocuspocus, y-websocket's server) go here later. */
const targets: Target[] = [new FoljsamTarget()];

/** What is running right now, so that an error or a signal still frees everything. */
const live = { pools: new Set<ClientPool>(), servers: new Set<RunningTarget>() };

async function cleanup(): Promise<void> {
  for (const pool of live.pools) pool.destroyAll();
  live.pools.clear();
  await Promise.allSettled([...live.servers].map((server) => server.stop()));
  live.servers.clear();
}

/** Warnings, errors and non-JSON output of the server, counted by message. */
const serverLogIssues = new Map<string, number>();
const pinningProblems: string[] = [];

function collectLogIssues(target: string, logs: readonly string[]): void {
  for (const line of logs) {
    let issue: string | undefined;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) >= 40) {
        const level = (entry.level ?? 0) >= 50 ? 'error' : 'warn';
        issue = `${level}: ${entry.msg ?? '?'}${entry.err?.message ? ` (${entry.err.message})` : ''}`;
      }
    } catch {
      issue = `output: ${line.slice(0, 200)}`;
    }
    if (issue) {
      const key = `${target} ${issue}`;
      serverLogIssues.set(key, (serverLogIssues.get(key) ?? 0) + 1);
    }
  }
}

/** Runs `body` with a new pool of clients and frees them afterwards, even on error. */
async function withPool<R>(body: (pool: ClientPool) => Promise<R>): Promise<R> {
  const pool = new ClientPool();
  live.pools.add(pool);
  try {
    return await body(pool);
  } finally {
    pool.destroyAll();
    live.pools.delete(pool);
  }
}

/** Starts a fresh server, runs `body` against it, and always stops it. */
async function onFreshServer<R>(
  target: Target,
  pin: PinningPlan,
  body: (running: RunningTarget) => Promise<R>,
): Promise<R> {
  const running = await target.start({ cpu: pin.serverCpu });
  live.servers.add(running);
  try {
    if (pin.serverCpu !== undefined) {
      const allowed = allowedCpus(running.pid);
      if (allowed !== String(pin.serverCpu)) {
        pinningProblems.push(`${target.name} pid ${running.pid} may run on CPUs ${allowed ?? '?'}`);
      }
    }
    return await body(running);
  } finally {
    await running.stop();
    live.servers.delete(running);
    collectLogIssues(target.name, running.logs);
  }
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function describePinning(pin: PinningPlan): string {
  if (pin.serverCpu === undefined || pin.benchCpu === undefined) return `off (${pin.reason ?? 'unknown'})`;
  if (pinningProblems.length > 0) return `attempted, but not effective: ${pinningProblems.join('; ')}`;
  return (
    `yes: server on core ${pin.serverCpu}, benchmark process on core ${pin.benchCpu} ` +
    '(taskset; checked in /proc/<pid>/status Cpus_allowed_list at every server start)'
  );
}

async function main(): Promise<void> {
  const began = performance.now();
  const now = new Date();
  const machine = describeMachine(now);
  const pin = pinSelf();
  progress(
    `pinning: ${pin.benchCpu === undefined ? `off (${pin.reason})` : `bench on core ${pin.benchCpu}`}`,
  );
  const latency = new Map<string, ScenarioRuns<LatencyResult>>();
  const throughput = new Map<string, ScenarioRuns<ThroughputResult>>();
  for (const target of targets) {
    for (const clients of CLIENT_COUNTS) {
      latency.set(`${target.name}/${clients}`, { target: target.name, clients, runs: [] });
      throughput.set(`${target.name}/${clients}`, { target: target.name, clients, runs: [] });
    }
  }

  for (const target of targets) {
    progress(`${target.name}: preparing`);
    await target.prepare?.();
  }
  // Runs are interleaved (run 1 of everything, then run 2, …) so slow drift hits all alike.
  for (let run = 1; run <= RUNS; run++) {
    for (const clients of CLIENT_COUNTS) {
      for (const target of targets) {
        const key = `${target.name}/${clients}`;
        const latencyConfig: LatencyConfig = { clients, ...LATENCY, seed: seedFrom(`latency/${clients}`) };
        const throughputConfig: ThroughputConfig = {
          clients,
          ...THROUGHPUT,
          seed: seedFrom(`throughput/${clients}`),
        };
        // Both scenarios on one fresh server, each on its own empty document; the peak RSS
        // and the CPU time are taken per scenario.
        const [latencyRun, throughputRun] = await onFreshServer(target, pin, async (running) => {
          const latencyRun = await withPool((pool) =>
            runLatency(target, running, pool, target.documentName(0), latencyConfig),
          );
          progress(
            `run ${run}/${RUNS} ${target.name} latency N=${clients}: p50 ${latencyRun.p50Ms.toFixed(2)} ms, ` +
              `p99 ${latencyRun.p99Ms.toFixed(2)} ms, max ${latencyRun.maxMs.toFixed(2)} ms, lost ${latencyRun.lost}`,
          );
          // Let the server unload the first document (it compacts it) before measuring again.
          await sleep(SETTLE_MS);
          const throughputRun = await withPool((pool) =>
            runThroughput(target, running, pool, target.documentName(1), throughputConfig),
          );
          return [latencyRun, throughputRun] as const;
        });
        latency.get(key)?.runs.push(latencyRun);
        throughput.get(key)?.runs.push(throughputRun);
        progress(
          `run ${run}/${RUNS} ${target.name} throughput N=${clients}: ` +
            `${throughputRun.updatesPerSecond.toFixed(0)} updates/s, lost ${throughputRun.lost}`,
        );
      }
    }
  }

  const notes: string[] = [];
  const labelled = [
    ...[...latency.values()].map((scenario) => ({ kind: 'latency', scenario })),
    ...[...throughput.values()].map((scenario) => ({ kind: 'throughput', scenario })),
  ];
  for (const { kind, scenario } of labelled) {
    for (const [index, run] of scenario.runs.entries()) {
      const label = `${scenario.target} ${kind} N=${scenario.clients} run ${index + 1}`;
      if (run.lost > 0 || run.outOfOrder > 0) {
        notes.push(`${label}: ${run.lost} updates lost, ` + `${run.outOfOrder} out of order`);
      }
      if ('sendLagP99Ms' in run && run.sendLagP99Ms >= LATE_SEND_MS) {
        notes.push(
          `${label}: the writer sent ${run.sendLagP99Ms.toFixed(0)} ms behind its schedule (p99); the ` +
            'load generator was stalled, so that run measures the clients as much as the server.',
        );
      }
      if (run.benchCpuPercent >= BENCH_SATURATED_PERCENT) {
        notes.push(
          `${label}: the load generator used ` +
            `${run.benchCpuPercent.toFixed(0)}% of its core; the result is limited by the clients, ` +
            'not only by the server.',
        );
      }
      if (run.otherCpuPercent >= NOISE_PERCENT || run.stealPercent >= NOISE_PERCENT) {
        notes.push(
          `${label}: other processes used ` +
            `${run.otherCpuPercent.toFixed(0)}% and the hypervisor stole ${run.stealPercent.toFixed(0)}% ` +
            'of a core meanwhile; that run is noisy (the medians damp it).',
        );
      }
      if (!run.peakReset) notes.push('Peak RSS could not be reset: it includes the server start-up.');
    }
  }
  for (const target of targets) {
    if (target instanceof FoljsamTarget) {
      const startups = target.startupMs.filter(Number.isFinite);
      notes.push(
        `${target.name} start-up from the prepared data dir (as logged): ` +
          `${Math.min(...startups)}–${Math.max(...startups)} ms.`,
      );
    }
  }
  if (serverLogIssues.size === 0) notes.push('The server logged no warnings or errors.');
  for (const [issue, count] of serverLogIssues) notes.push(`Server log, ${count}×: ${issue}`);

  const input: ReportInput = {
    machine,
    pinning: describePinning(pin),
    latencyConfig:
      `1 writer at ${LATENCY.rate} updates/s, ${LATENCY.warmupMs / 1000} s warm-up + ` +
      `${LATENCY.measureMs / 1000} s measured, N−1 receivers`,
    throughputConfig:
      `1 writer, at most ${THROUGHPUT.window} updates in flight, ${THROUGHPUT.warmupMs / 1000} s warm-up + ` +
      `${THROUGHPUT.measureMs / 1000} s measured, N−1 receivers`,
    latency: [...latency.values()],
    throughput: [...throughput.values()],
    notes: [...new Set(notes)],
    totalSeconds: (performance.now() - began) / 1000,
  };
  const markdown = resultsMarkdown(input);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = new URL(`${now.toISOString().slice(0, 10)}${QUICK ? '-quick' : ''}.md`, RESULTS_DIR);
  writeFileSync(file, markdown);
  process.stdout.write(
    `${summary(input)}\n\nPinning: ${input.pinning}\n\n${input.notes.map((note) => `- ${note}`).join('\n')}\n\n`,
  );
  progress(`wrote ${file.pathname} in ${input.totalSeconds.toFixed(0)} s`);
}

// Every y-websocket provider adds a process 'exit' listener; 50 clients are expected.
process.setMaxListeners(Math.max(...CLIENT_COUNTS) + 10);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    progress(`${signal}: cleaning up`);
    void cleanup()
      .then(disposeTargets)
      .finally(() => process.exit(130));
  });
}

async function disposeTargets(): Promise<void> {
  await Promise.allSettled(targets.map((target) => target.dispose?.()));
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await cleanup();
  await disposeTargets();
}
