/**
 * `pnpm bench`: the same client load against Följsam (PGlite, PostgreSQL, two processes on
 * PostgreSQL), Hocuspocus (in memory, and with its database extension on PostgreSQL) and
 * y-websocket's server, in one run. Prints Markdown tables and writes bench/results/<date>.md.
 */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { ClientPool } from './clients';
import { describeCpuSpeed, probeCpuSpeed, throttled } from './cpuProbe';
import { goalsSection } from './goals';
import { dropSchema, liveSchemas, postgresReachable } from './pg';
import { allowedCpus, type PinningPlan, pinSelf } from './proc';
import {
  type Column,
  describeMachine,
  medianTable,
  type ReportInput,
  resultsMarkdown,
  runsTable,
  type Section,
  summary,
  type TargetRuns,
} from './report';
import { killChild, liveChildren } from './spawn';
import { median, seedFrom } from './stats';
import {
  type ChurnResult,
  type DurabilityResult,
  type EditingConfig,
  type EditingResult,
  type GeneratedDoc,
  generateDoc,
  type JoinResult,
  runChurn,
  runColdJoin,
  runDurability,
  runEditing,
} from './suite';
import { FoljsamTarget } from './targets/foljsam';
import { PeerTarget } from './targets/peers';
import type { RunningTarget, Target } from './targets/types';
import type { ServerUsage } from './usage';

/** BENCH_QUICK=1: one short run of everything, to try changes to the benchmark itself. */
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = QUICK ? 1 : 3;
const TEAM: Omit<EditingConfig, 'seed'> = {
  documents: 100,
  clientsPerDocument: 5,
  writersPerDocument: 1,
  rate: 5,
  presenceHz: 1,
  // 20 s a run, as issue #17 measured it: over a 2 s warm-up and 5 s window, Följsam's CPU
  // still counted V8 compiling PGlite's WebAssembly (about a quarter of the process's samples
  // in a perf profile), and its heap had not yet grown to where the first full GC comes.
  warmupMs: QUICK ? 1000 : 5000,
  measureMs: QUICK ? 3000 : 15000,
  documentOffset: 0,
};
const HOT: Omit<EditingConfig, 'seed'> = {
  documents: 1,
  clientsPerDocument: 200,
  writersPerDocument: 10,
  rate: 5,
  presenceHz: 0,
  warmupMs: 1000,
  measureMs: QUICK ? 3000 : 4000,
  documentOffset: 1000,
};
const JOIN_DOCS = QUICK
  ? [
      { label: '160 KB', bytes: 160_000 },
      { label: '1.6 MB', bytes: 1_600_000 },
    ]
  : [
      { label: '160 KB', bytes: 160_000 },
      { label: '16 MB', bytes: 16_000_000 },
    ];
const JOIN_CROWD = 50;
const JOIN_OFFSET = 2000;
const CHURN_DOCUMENTS = QUICK ? 500 : 10_000;
/** How long the CPU probe loads the cores, at the start and at the end. */
const CPU_PROBE_MS = QUICK ? 3000 : 6000;
/** The team load at rising rates per writer, until propagation p99 passes the target. */
const SATURATION = {
  ratesPerWriter: QUICK ? [1, 5, 20, 80] : [1, 2, 5, 10, 20, 40, 80, 160, 320],
  p99LimitMs: 50,
  // Long enough for PGlite's first loads of the documents, which would otherwise dominate the
  // first step (a quick run's 1 s warm-up shows p50 in the hundreds of ms).
  warmupMs: QUICK ? 1000 : 2000,
  measureMs: QUICK ? 2000 : 3000,
};
const CHURN_OFFSET = 10_000;
const DURABILITY = { documents: 20, rate: 5, editMs: QUICK ? 2000 : 4000, documentOffset: 3000 };
const SETTLE_MS = 1000;
const BENCH_SATURATED_PERCENT = 85;
const NOISE_PERCENT = 10;
const LATE_SEND_MS = 10;
const RESULTS_DIR = new URL('../results/', import.meta.url);

/** BENCH_TARGETS=hocus,y-web: only targets whose name contains one of these (case-insensitive). */
function selectTargets(all: Target[]): Target[] {
  const filter = process.env.BENCH_TARGETS?.toLowerCase().split(',').filter(Boolean);
  if (!filter || filter.length === 0) return all;
  return all.filter((target) => filter.some((part) => target.name.toLowerCase().includes(part)));
}

const allTargets: Target[] = [
  new FoljsamTarget('pglite'),
  new FoljsamTarget('postgres'),
  new FoljsamTarget('postgres-2'),
  new PeerTarget('hocuspocus'),
  new PeerTarget('hocuspocus-pg'),
  new PeerTarget('y-websocket'),
];
let targets: Target[] = selectTargets(allTargets);

/** BENCH_SCENARIOS=team,saturation: only these scenarios (team, hot, join, saturation, churn, durability). */
const SCENARIOS = new Set(
  (process.env.BENCH_SCENARIOS ?? 'team,hot,join,saturation,churn,durability').toLowerCase().split(','),
);
const runs = (scenario: string): boolean => SCENARIOS.has(scenario);

const live = { pools: new Set<ClientPool>(), servers: new Set<RunningTarget>() };

async function cleanup(): Promise<void> {
  for (const pool of live.pools) pool.destroyAll();
  live.pools.clear();
  await Promise.allSettled([...live.servers].map((server) => server.stop()));
  live.servers.clear();
  await Promise.allSettled([...liveChildren].map(killChild));
  await Promise.allSettled([...liveSchemas].map(dropSchema));
}

const serverLogIssues = new Map<string, number>();
const pinningProblems: string[] = [];
const notes: string[] = [];

function collectLogIssues(target: string, logs: readonly string[]): void {
  for (const line of logs) {
    let issue: string | undefined;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if (entry.msg === 'listening' && entry.level === undefined) continue;
      if ((entry.level ?? 0) >= 40) {
        const level = (entry.level ?? 0) >= 50 ? 'error' : 'warn';
        issue = `${level}: ${entry.msg ?? '?'}${entry.err?.message ? ` (${entry.err.message})` : ''}`;
      }
    } catch {
      // Without the pid, so that the same warning of several processes is counted once.
      issue = `output: ${line.replace(/\(node:\d+\)/, '(node)').slice(0, 200)}`;
    }
    if (issue) {
      const key = `${target} ${issue}`;
      serverLogIssues.set(key, (serverLogIssues.get(key) ?? 0) + 1);
    }
  }
}

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

async function onFreshServer<R>(
  target: Target,
  pin: PinningPlan,
  body: (running: RunningTarget) => Promise<R>,
): Promise<R> {
  const running = await target.start({ cpu: pin.serverCpu });
  live.servers.add(running);
  try {
    if (pin.serverCpu !== undefined) {
      for (const pid of running.pids) {
        const allowed = allowedCpus(pid);
        if (allowed !== String(pin.serverCpu)) {
          pinningProblems.push(`${target.name} pid ${pid} may run on CPUs ${allowed ?? '?'}`);
        }
      }
    }
    return await body(running);
  } finally {
    await running.stop();
    live.servers.delete(running);
    collectLogIssues(target.name, running.logs);
  }
}

/** Runs one scenario, turning a failure into a note (and no result) instead of ending the benchmark. */
async function attempt<R>(label: string, body: () => Promise<R>): Promise<R | undefined> {
  try {
    return await body();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    notes.push(`${label} failed: ${message}`);
    progress(`${label} FAILED: ${message}`);
    return undefined;
  }
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function describePinning(pin: PinningPlan): string {
  if (pin.serverCpu === undefined || pin.benchCpu === undefined) return `off (${pin.reason ?? 'unknown'})`;
  if (pinningProblems.length > 0) return `attempted, but not effective: ${pinningProblems.join('; ')}`;
  return (
    `yes: every server process on core ${pin.serverCpu}, benchmark process on core ${pin.benchCpu} ` +
    '(taskset; checked in /proc/<pid>/status at every start). PostgreSQL is not pinned.'
  );
}

const usageColumns: Column<ServerUsage>[] = [
  { title: 'Srv CPU s', value: (run) => run.cpuSeconds, digits: 2 },
  { title: 'Srv peak RSS MiB', value: (run) => run.peakRssMiB, digits: 0 },
  { title: 'Wall s', value: (run) => run.wallSeconds, digits: 1 },
  { title: 'Bench CPU %', value: (run) => run.benchCpuPercent, digits: 0 },
];
const crossColumns: Column<EditingResult>[] = [
  { title: 'Cross-process p50 ms', value: (run) => run.crossP50Ms, digits: 2 },
  { title: 'Cross-process p99 ms', value: (run) => run.crossP99Ms, digits: 2 },
];
const noiseColumns: Column<ServerUsage>[] = [
  { title: 'Srv RSS start MiB', value: (run) => run.startRssMiB, digits: 0 },
  { title: 'Other CPU %', value: (run) => run.otherCpuPercent, digits: 0 },
  { title: 'Steal %', value: (run) => run.stealPercent, digits: 0 },
];
const editingColumns: Column<EditingResult>[] = [
  { title: 'p50 ms', value: (run) => run.p50Ms, digits: 2 },
  { title: 'p99 ms', value: (run) => run.p99Ms, digits: 2 },
  { title: 'p99.9 ms', value: (run) => run.p999Ms, digits: 2 },
  { title: 'max ms', value: (run) => run.maxMs, digits: 1 },
  { title: 'Samples', value: (run) => run.samples, digits: 0 },
  { title: 'Updates/s', value: (run) => run.updatesPerSecond, digits: 0 },
  { title: 'Deliveries/s', value: (run) => run.deliveriesPerSecond, digits: 0 },
  { title: 'Lost', value: (run) => run.lost, digits: 0 },
  { title: 'Send lag p99 ms', value: (run) => run.sendLagP99Ms, digits: 2 },
  { title: 'Connect s', value: (run) => run.connectSeconds, digits: 1 },
  { title: 'Srv CPU % load', value: (run) => run.loadCpuPercent, digits: 0 },
  ...usageColumns,
];
function joinColumns(labels: string[]): Column<JoinResult>[] {
  return [
    { title: 'From storage', value: (run) => (run.fromStorage ? 1 : 0), digits: 0 },
    ...labels.map((label) => ({
      title: `Join ${label} ms`,
      value: (run: JoinResult) => run.joinMs[label] ?? NaN,
      digits: 0,
    })),
    { title: `${JOIN_CROWD} at once p50 ms`, value: (run) => run.crowdP50Ms, digits: 0 },
    { title: `${JOIN_CROWD} at once max ms`, value: (run) => run.crowdMaxMs, digits: 0 },
    { title: 'Incomplete', value: (run) => run.incomplete, digits: 0 },
    ...usageColumns,
  ];
}
const churnColumns: Column<ChurnResult>[] = [
  { title: 'Documents', value: (run) => run.documents, digits: 0 },
  { title: 'Baseline RSS MiB', value: (run) => run.baselineRssMiB, digits: 0 },
  { title: 'RSS after MiB', value: (run) => run.afterRssMiB, digits: 0 },
  { title: 'Growth %', value: (run) => run.growthPercent, digits: 1 },
  { title: 'Docs/s', value: (run) => run.documentsPerSecond, digits: 0 },
  { title: 'Failures', value: (run) => run.failures, digits: 0 },
  { title: 'Srv CPU s', value: (run) => run.cpuSeconds, digits: 2 },
];
/** One target's climb: the highest offered rate whose p99 stayed within the limit, and the step that broke it. */
interface SaturationResult {
  sustainedUpdatesPerSecond: number;
  sustainedP99Ms: number;
  brokenAtUpdatesPerSecond: number;
  brokenP99Ms: number;
  brokenLost: number;
  steps: string;
}
const saturationColumns: Column<SaturationResult>[] = [
  {
    title: `Highest rate with p99 ≤ ${SATURATION.p99LimitMs} ms (updates/s)`,
    value: (run) => run.sustainedUpdatesPerSecond,
    digits: 0,
  },
  { title: 'p99 there ms', value: (run) => run.sustainedP99Ms, digits: 1 },
  { title: 'Next step (updates/s)', value: (run) => run.brokenAtUpdatesPerSecond, digits: 0 },
  { title: 'p99 at next step ms', value: (run) => run.brokenP99Ms, digits: 1 },
  { title: 'Lost there', value: (run) => run.brokenLost, digits: 0 },
];

/**
 * Raises every writer's rate step by step on one fresh server until p99 passes the limit, an
 * update is lost or the load generator falls behind its schedule (then the clients, not the
 * server, are the limit, which the notes say).
 */
async function runSaturation(target: Target, running: RunningTarget): Promise<SaturationResult> {
  const result: SaturationResult = {
    sustainedUpdatesPerSecond: 0,
    sustainedP99Ms: NaN,
    brokenAtUpdatesPerSecond: NaN,
    brokenP99Ms: NaN,
    brokenLost: NaN,
    steps: '',
  };
  const steps: string[] = [];
  for (const rate of SATURATION.ratesPerWriter) {
    const run = await withPool((pool) =>
      runEditing(target, running, pool, {
        ...TEAM,
        rate,
        warmupMs: SATURATION.warmupMs,
        measureMs: SATURATION.measureMs,
        // The same documents at every step, so a step measures the rate, not creating documents.
        documentOffset: 5000,
        seed: seedFrom(`saturation/${rate}`),
      }),
    );
    const offered = TEAM.documents * TEAM.writersPerDocument * rate;
    steps.push(
      `${offered}/s: p99 ${run.p99Ms.toFixed(1)} ms, lost ${run.lost}, send lag p99 ${run.sendLagP99Ms.toFixed(0)} ms`,
    );
    progress(`${target.name} saturation ${offered}/s: p99 ${run.p99Ms.toFixed(1)} ms, lost ${run.lost}`);
    if (run.p99Ms > SATURATION.p99LimitMs || run.lost > 0 || run.sendLagP99Ms >= LATE_SEND_MS) {
      result.brokenAtUpdatesPerSecond = offered;
      result.brokenP99Ms = run.p99Ms;
      result.brokenLost = run.lost;
      if (run.sendLagP99Ms >= LATE_SEND_MS && run.p99Ms <= SATURATION.p99LimitMs && run.lost === 0) {
        notes.push(
          `Saturation, ${target.name}: stopped at ${offered} updates/s because the load generator fell behind ` +
            `(send lag p99 ${run.sendLagP99Ms.toFixed(0)} ms), not because of the server's p99.`,
        );
      }
      break;
    }
    result.sustainedUpdatesPerSecond = offered;
    result.sustainedP99Ms = run.p99Ms;
    await sleep(SETTLE_MS);
  }
  result.steps = steps.join('; ');
  notes.push(`Saturation steps, ${target.name}: ${result.steps}.`);
  return result;
}

const durabilityColumns: Column<DurabilityResult>[] = [
  { title: 'Documents', value: (run) => run.documents, digits: 0 },
  { title: 'Updates received by a client', value: (run) => run.received, digits: 0 },
  { title: 'Missing after restart', value: (run) => run.missing, digits: 0 },
  { title: 'Docs unreachable', value: (run) => run.unreachable, digits: 0 },
];

function section<R>(
  title: string,
  method: string,
  results: TargetRuns<R>[],
  columns: Column<R>[],
  extra: Column<R>[] = [],
): Section {
  return {
    title,
    method,
    medians: medianTable(results, columns),
    everyRun: runsTable(results, [...columns, ...extra]),
  };
}

function usageNotes(
  label: string,
  runs: TargetRuns<ServerUsage & { sendLagP99Ms?: number; lost?: number }>[],
): void {
  for (const { target, runs: list } of runs) {
    for (const [index, run] of list.entries()) {
      const name = `${label}, ${target}, run ${index + 1}`;
      if (run.benchCpuPercent >= BENCH_SATURATED_PERCENT) {
        notes.push(
          `${name}: the load generator used ${run.benchCpuPercent.toFixed(0)}% of its core; the clients, not only the server, limit that result.`,
        );
      }
      if (run.sendLagP99Ms !== undefined && run.sendLagP99Ms >= LATE_SEND_MS) {
        notes.push(
          `${name}: writers sent ${run.sendLagP99Ms.toFixed(0)} ms behind schedule (p99): the generator stalled.`,
        );
      }
      if (run.lost !== undefined && run.lost > 0)
        notes.push(`${name}: ${run.lost} expected observations never made.`);
      if (run.otherCpuPercent >= NOISE_PERCENT || run.stealPercent >= NOISE_PERCENT) {
        notes.push(
          `${name}: other processes (PostgreSQL included) used ${run.otherCpuPercent.toFixed(0)}% and steal was ` +
            `${run.stealPercent.toFixed(0)}% of a core.`,
        );
      }
      if (!run.peakReset) notes.push('Peak RSS could not be reset: it includes the server start-up.');
    }
  }
}

async function main(): Promise<void> {
  const began = performance.now();
  const now = new Date();
  const machine = describeMachine(now);
  const pin = pinSelf();
  progress(
    `pinning: ${pin.benchCpu === undefined ? `off (${pin.reason})` : `bench on core ${pin.benchCpu}`}`,
  );
  // Probing first also spends any burst the cores had saved, so the first target does not get
  // a faster machine than the rest.
  const probeCpus = pin.benchCpu === undefined ? [undefined] : [pin.serverCpu, pin.benchCpu];
  const startSpeed = await probeCpuSpeed(probeCpus, CPU_PROBE_MS);
  progress(`core speed: ${describeCpuSpeed(startSpeed, CPU_PROBE_MS)}`);
  if (!(await postgresReachable())) {
    const skipped = targets.filter((target) => target.name.includes('PostgreSQL'));
    targets = targets.filter((target) => !skipped.includes(target));
    if (skipped.length > 0)
      notes.push(`PostgreSQL not reachable: left out ${skipped.map((t) => t.name).join(', ')}.`);
  }

  progress('generating the cold-join documents');
  const joinDocs: GeneratedDoc[] = JOIN_DOCS.map(({ label, bytes }) =>
    generateDoc(label, bytes, seedFrom(`join/${label}`)),
  );
  for (const doc of joinDocs) {
    notes.push(
      `Cold-join document ${doc.label}: ${doc.update.byteLength} bytes encoded, ${doc.textLength} characters, ` +
        `${doc.operations} seeded text edits, generated in ${doc.generateSeconds.toFixed(1)} s.`,
    );
  }

  for (const target of targets) {
    progress(`${target.name}: preparing`);
    await target.prepare?.();
  }
  const team = new Map<string, TargetRuns<EditingResult>>();
  const hot = new Map<string, TargetRuns<EditingResult>>();
  const join = new Map<string, TargetRuns<JoinResult>>();
  const churn = new Map<string, TargetRuns<ChurnResult>>();
  const durability = new Map<string, TargetRuns<DurabilityResult>>();
  const saturation = new Map<string, TargetRuns<SaturationResult>>();
  for (const map of [team, hot, join, churn, durability, saturation]) {
    for (const target of targets) map.set(target.name, { target: target.name, runs: [] as never[] });
  }

  // Runs are interleaved (run 1 of every target, then run 2, …) so slow drift hits all alike.
  const perRunScenarios = runs('team') || runs('hot') || runs('join');
  for (let run = 1; perRunScenarios && run <= RUNS; run++) {
    for (const target of targets) {
      const tag = `run ${run}/${RUNS} ${target.name}`;
      await attempt(tag, () =>
        onFreshServer(target, pin, async (running) => {
          const teamRun = !runs('team')
            ? undefined
            : await attempt(`${tag} team editing`, () =>
                withPool((pool) => runEditing(target, running, pool, { ...TEAM, seed: seedFrom('team') })),
              );
          if (teamRun) {
            team.get(target.name)?.runs.push(teamRun);
            progress(
              `${tag} team: p50 ${teamRun.p50Ms.toFixed(2)} p99 ${teamRun.p99Ms.toFixed(2)} ms, lost ${teamRun.lost}`,
            );
          }
          await sleep(SETTLE_MS);
          const hotRun = !runs('hot')
            ? undefined
            : await attempt(`${tag} hot document`, () =>
                withPool((pool) => runEditing(target, running, pool, { ...HOT, seed: seedFrom('hot') })),
              );
          if (hotRun) {
            hot.get(target.name)?.runs.push(hotRun);
            progress(
              `${tag} hot: p50 ${hotRun.p50Ms.toFixed(2)} p99 ${hotRun.p99Ms.toFixed(2)} ms, lost ${hotRun.lost}`,
            );
          }
          await sleep(SETTLE_MS);
          if (!runs('join')) return;
          const joinRun = await attempt(`${tag} cold join`, () =>
            // The large document costs the most time: it is joined in the first run only.
            withPool((pool) =>
              runColdJoin(
                target,
                running,
                pool,
                run === 1 ? joinDocs : joinDocs.slice(0, 1),
                JOIN_CROWD,
                JOIN_OFFSET,
              ),
            ),
          );
          if (joinRun) {
            join.get(target.name)?.runs.push(joinRun);
            progress(
              `${tag} join: ${JSON.stringify(joinRun.joinMs)}, crowd max ${joinRun.crowdMaxMs.toFixed(0)} ms`,
            );
          }
        }),
      );
    }
  }
  for (const target of targets) {
    const saturationRun = !runs('saturation')
      ? undefined
      : await attempt(`${target.name} saturation`, () =>
          onFreshServer(target, pin, (running) => runSaturation(target, running)),
        );
    if (saturationRun) saturation.get(target.name)?.runs.push(saturationRun);
    const churnRun = !runs('churn')
      ? undefined
      : await attempt(`${target.name} churn`, () =>
          onFreshServer(target, pin, (running) =>
            withPool((pool) => runChurn(target, running, pool, CHURN_DOCUMENTS, CHURN_OFFSET)),
          ),
        );
    if (churnRun) {
      churn.get(target.name)?.runs.push(churnRun);
      progress(
        `${target.name} churn: ${churnRun.baselineRssMiB.toFixed(0)} → ${churnRun.afterRssMiB.toFixed(0)} MiB`,
      );
    }
    const durabilityRun = !runs('durability')
      ? undefined
      : await attempt(`${target.name} durability`, () =>
          onFreshServer(target, pin, (running) =>
            withPool((pool) => runDurability(target, running, pool, DURABILITY)),
          ),
        );
    if (durabilityRun) {
      durability.get(target.name)?.runs.push(durabilityRun);
      progress(`${target.name} durability: ${durabilityRun.missing} of ${durabilityRun.received} missing`);
    }
  }

  if (RUNS > 1 && joinDocs.length > 1) {
    notes.push(
      `Cold join: the ${joinDocs
        .slice(1)
        .map((doc) => doc.label)
        .join(', ')} document is joined in the first run only ` +
        '(its column is that one run, not a median), because it alone takes seconds per target.',
    );
  }
  for (const [label, map] of [
    ['Team editing', team],
    ['Hot document', hot],
  ] as const) {
    for (const { target, runs } of map.values()) {
      const cross = runs.filter((run) => Number.isFinite(run.crossP50Ms));
      if (cross.length === 0) continue;
      const med = (values: number[]) => median(values).toFixed(2);
      notes.push(
        `${label}, ${target}: where writer and receiver are on different processes the latency is p50 ` +
          `${med(cross.map((run) => run.crossP50Ms))} ms, p99 ${med(cross.map((run) => run.crossP99Ms))} ms ` +
          '(medians over runs; the table mixes same-process and cross-process receivers).',
      );
    }
  }
  usageNotes('Team editing', [...team.values()]);
  usageNotes('Hot document', [...hot.values()]);
  usageNotes('Cold join', [...join.values()]);
  for (const target of targets) {
    if (target instanceof FoljsamTarget && target.startupMs.length > 0) {
      const startups = target.startupMs.filter(Number.isFinite);
      notes.push(
        `${target.name} start-up (as logged): ${Math.min(...startups).toFixed(0)}–${Math.max(...startups).toFixed(0)} ms.`,
      );
    }
  }
  if (serverLogIssues.size === 0) notes.push('No server logged warnings or errors.');
  for (const [issue, count] of serverLogIssues) notes.push(`Server log, ${count}×: ${issue}`);

  const teamLoad = TEAM.documents * TEAM.clientsPerDocument;
  const sections: Section[] = [
    section(
      'Team editing',
      `${TEAM.documents} documents × ${TEAM.clientsPerDocument} clients (${teamLoad} websockets), one writer per ` +
        `document at ${TEAM.rate} updates/s (open loop, ${TEAM.documents * TEAM.rate} updates/s in all), presence ` +
        `(awareness) of every client at ${TEAM.presenceHz} Hz; ${TEAM.warmupMs / 1000} s warm-up + ` +
        `${TEAM.measureMs / 1000} s measured. Latency: writer's send → a receiver's observe, over all receivers.`,
      [...team.values()],
      editingColumns,
      [...crossColumns, ...noiseColumns],
    ),
    section(
      'Hot document',
      `1 document × ${HOT.clientsPerDocument} clients, ${HOT.writersPerDocument} writers at ${HOT.rate} updates/s ` +
        `each (open loop; every update goes to ${HOT.clientsPerDocument - 1} receivers), no presence; ` +
        `${HOT.warmupMs / 1000} s warm-up + ${HOT.measureMs / 1000} s measured.`,
      [...hot.values()],
      editingColumns,
      [...crossColumns, ...noiseColumns],
    ),
    section(
      'Saturating rate',
      `The team load (${TEAM.documents} documents × ${TEAM.clientsPerDocument} clients, presence at ` +
        `${TEAM.presenceHz} Hz) on one fresh server, each writer's rate raised through ` +
        `${SATURATION.ratesPerWriter.join(', ')} updates/s (${SATURATION.warmupMs / 1000} s warm-up + ` +
        `${SATURATION.measureMs / 1000} s measured per step) until propagation p99 passes ` +
        `${SATURATION.p99LimitMs} ms, an update is lost or the generator falls behind. One climb per target.`,
      [...saturation.values()],
      saturationColumns,
    ),
    section(
      'Cold join',
      'A new client joins a document built from seeded text edits and waits until it has all of it. Durable ' +
        'targets: the uploading client left 2.5 s earlier, so the server reads the document back from storage ' +
        '(From storage = 1); in-memory targets keep the uploader connected (Hocuspocus would drop the document ' +
        `otherwise). Then ${JOIN_CROWD} clients join the small document at the same time.`,
      [...join.values()],
      joinColumns(joinDocs.map((doc) => doc.label)),
      noiseColumns,
    ),
    section(
      'Churn',
      `${CHURN_DOCUMENTS} documents opened and closed, 20 at a time (connect, sync, one update, close), on a fresh ` +
        'server after 100 warm-up documents; RSS (all processes) 3 s after the warm-up (baseline) and 3 s after the churn.',
      [...churn.values()],
      churnColumns,
    ),
    section(
      'Durability',
      `${DURABILITY.documents} documents, a writer and a receiver on each (on different processes where there are two), ` +
        `${DURABILITY.rate} updates/s per document; after ${DURABILITY.editMs / 1000} s every server process is ` +
        'SIGKILLed while writers keep writing; all clients are dropped (their copies must not heal the server), the ' +
        'server restarts on the same data and a fresh client per document counts the updates a receiver had seen ' +
        'that are gone.',
      [...durability.values()],
      durabilityColumns,
    ),
  ];
  // First, so a reader sees what was met and missed before the tables it comes from.
  const goals = goalsSection(team, hot, durability);
  if (goals) sections.unshift(goals);
  const endSpeed = await probeCpuSpeed(probeCpus, CPU_PROBE_MS);
  if (throttled(startSpeed) || throttled(endSpeed)) {
    notes.unshift(
      'The CPU probe found the cores throttled under sustained load (see Machine): every figure here was ' +
        'measured on cores running well below their burst speed, which punishes the targets that need more CPU ' +
        'per update. Compare targets within this file only.',
    );
  }
  const input: ReportInput = {
    machine,
    pinning: describePinning(pin),
    cpuSpeed: {
      start: describeCpuSpeed(startSpeed, CPU_PROBE_MS),
      end: describeCpuSpeed(endSpeed, CPU_PROBE_MS),
    },
    quick: QUICK,
    targets: targets.map((target) => ({ name: target.name, description: target.description })),
    sections,
    notes: [...new Set(notes)],
    totalSeconds: (performance.now() - began) / 1000,
  };
  const markdown = resultsMarkdown(input);
  // A run limited to some targets or scenarios is for investigating: it does not replace the results.
  const partial = Boolean(process.env.BENCH_TARGETS || process.env.BENCH_SCENARIOS);
  const dir = partial ? pathToFileURL(`${mkdtempSync(joinPath(tmpdir(), 'foljsam-bench-'))}/`) : RESULTS_DIR;
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${now.toISOString().slice(0, 10)}${QUICK ? '-quick' : ''}.md`, dir);
  writeFileSync(file, markdown);
  process.stdout.write(
    `${summary(input)}\n\nPinning: ${input.pinning}\n\n${input.notes.map((note) => `- ${note}`).join('\n')}\n\n`,
  );
  progress(`wrote ${file.pathname} in ${input.totalSeconds.toFixed(0)} s`);
}

// Every y-websocket provider adds a process 'exit' listener; hundreds of clients are expected.
process.setMaxListeners(0);

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
  await Promise.allSettled(allTargets.map((target) => target.dispose?.()));
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
// Client libraries may leave timers behind; the results are written, so leave.
process.exit();
