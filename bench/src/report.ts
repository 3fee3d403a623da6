/** Markdown output: the machine, the median tables, every run, and what the server logged. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { LatencyResult, ServerUsage, ThroughputResult } from './scenarios';
import { median } from './stats';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  kernel: string;
  date: string;
  /** 1-minute load average when the benchmark started. */
  loadAverage: number;
}

export function describeMachine(now: Date): Machine {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    if (line) cpuModel = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux: keep os.cpus()'s model
  }
  return {
    cpuModel,
    cores: cpus().length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    kernel: `${process.platform} ${release()}`,
    date: now.toISOString(),
    loadAverage: loadavg()[0] ?? Number.NaN,
  };
}

/** The runs of one scenario (one target, one client count). */
export interface ScenarioRuns<R> {
  target: string;
  clients: number;
  runs: R[];
}

export interface ReportInput {
  machine: Machine;
  pinning: string;
  latencyConfig: string;
  throughputConfig: string;
  latency: ScenarioRuns<LatencyResult>[];
  throughput: ScenarioRuns<ThroughputResult>[];
  notes: string[];
  totalSeconds: number;
}

interface Column<R> {
  title: string;
  value: (run: R) => number;
  digits: number;
}

const usageColumns: Column<ServerUsage>[] = [
  { title: 'Srv RSS start MiB', value: (run) => run.startRssMiB, digits: 0 },
  { title: 'Srv peak RSS MiB', value: (run) => run.peakRssMiB, digits: 0 },
  { title: 'Srv CPU s', value: (run) => run.cpuSeconds, digits: 2 },
  { title: 'Wall s', value: (run) => run.wallSeconds, digits: 1 },
  { title: 'Bench CPU %', value: (run) => run.benchCpuPercent, digits: 0 },
];

const latencyColumns: Column<LatencyResult>[] = [
  { title: 'Samples', value: (run) => run.samples, digits: 0 },
  { title: 'p50 ms', value: (run) => run.p50Ms, digits: 2 },
  { title: 'p99 ms', value: (run) => run.p99Ms, digits: 2 },
  { title: 'max ms', value: (run) => run.maxMs, digits: 2 },
  { title: 'Send lag p99 ms', value: (run) => run.sendLagP99Ms, digits: 2 },
  { title: 'Lost', value: (run) => run.lost, digits: 0 },
  ...usageColumns,
];

const throughputColumns: Column<ThroughputResult>[] = [
  { title: 'Updates/s', value: (run) => run.updatesPerSecond, digits: 0 },
  { title: 'Deliveries/s', value: (run) => run.deliveriesPerSecond, digits: 0 },
  { title: 'p50 ms', value: (run) => run.p50Ms, digits: 2 },
  { title: 'p99 ms', value: (run) => run.p99Ms, digits: 2 },
  { title: 'Lost', value: (run) => run.lost, digits: 0 },
  ...usageColumns,
];

/** Extra columns of the every-run tables: how busy the rest of the machine was. */
const noiseColumns: Column<ServerUsage>[] = [
  { title: 'Other CPU %', value: (run) => run.otherCpuPercent, digits: 0 },
  { title: 'Steal %', value: (run) => run.stealPercent, digits: 0 },
];

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function table(header: string[], rows: string[][]): string {
  const align = header.map((_, index) => (index < 2 ? ':--' : '--:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** One row per scenario, each cell the median over its runs. */
function medianTable<R>(scenarios: ScenarioRuns<R>[], columns: Column<R>[]): string {
  return table(
    ['Target', 'Clients', ...columns.map((column) => column.title)],
    scenarios.map(({ target, clients, runs }) => [
      target,
      String(clients),
      ...columns.map((column) => fixed(median(runs.map(column.value)), column.digits)),
    ]),
  );
}

/** One row per run. */
function runsTable<R>(scenarios: ScenarioRuns<R>[], columns: Column<R>[]): string {
  return table(
    ['Target', 'Clients', 'Run', ...columns.map((column) => column.title)],
    scenarios.flatMap(({ target, clients, runs }) =>
      runs.map((run, index) => [
        target,
        String(clients),
        String(index + 1),
        ...columns.map((column) => fixed(column.value(run), column.digits)),
      ]),
    ),
  );
}

/** The tables printed to stdout. */
export function summary(input: ReportInput): string {
  return [
    `### Propagation latency (open loop; ${input.latencyConfig}); medians of ${runCount(input)} runs`,
    '',
    medianTable(input.latency, latencyColumns),
    '',
    `### Throughput (${input.throughputConfig}); medians of ${runCount(input)} runs`,
    '',
    medianTable(input.throughput, throughputColumns),
  ].join('\n');
}

function runCount(input: ReportInput): number {
  return input.latency[0]?.runs.length ?? 0;
}

/** The whole results file. */
export function resultsMarkdown(input: ReportInput): string {
  const { machine } = input;
  return [
    `# Sync benchmark, ${machine.date.slice(0, 10)}`,
    '',
    'Produced by `pnpm bench` (see [../README.md](../README.md) for what is measured and how to read it).',
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores`,
    `- Memory: ${machine.memoryGiB.toFixed(1)} GiB`,
    `- OS: ${machine.kernel}`,
    `- Node: ${machine.node}`,
    `- Date: ${machine.date}`,
    `- Load average (1 min) at the start: ${fixed(machine.loadAverage, 2)}`,
    `- Pinning: ${input.pinning}`,
    `- Total benchmark time: ${input.totalSeconds.toFixed(0)} s`,
    '',
    '## Results',
    '',
    summary(input),
    '',
    '## Notes',
    '',
    ...(input.notes.length > 0 ? input.notes.map((note) => `- ${note}`) : ['- none']),
    '',
    '## Every run',
    '',
    '### Latency',
    '',
    runsTable(input.latency, [...latencyColumns, ...noiseColumns]),
    '',
    '### Throughput',
    '',
    runsTable(input.throughput, [...throughputColumns, ...noiseColumns]),
    '',
  ].join('\n');
}
