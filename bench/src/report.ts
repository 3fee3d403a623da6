/** Markdown output: the machine, the median tables per scenario, every run, and the notes. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
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

/** The runs of one scenario on one target. */
export interface TargetRuns<R> {
  target: string;
  runs: R[];
}

export interface Column<R> {
  title: string;
  value: (run: R) => number;
  digits: number;
}

export interface Section {
  title: string;
  /** What the scenario does, one paragraph. */
  method: string;
  medians: string;
  everyRun: string;
}

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function table(header: string[], rows: string[][]): string {
  const align = header.map((_, index) => (index < 1 ? ':--' : '--:'));
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** One row per target, each cell the median over its runs. */
export function medianTable<R>(scenarios: TargetRuns<R>[], columns: Column<R>[]): string {
  return table(
    ['Target', 'Runs', ...columns.map((column) => column.title)],
    scenarios.map(({ target, runs }) => [
      target,
      String(runs.length),
      ...columns.map((column) => fixed(median(runs.map(column.value)), column.digits)),
    ]),
  );
}

/** One row per run. */
export function runsTable<R>(scenarios: TargetRuns<R>[], columns: Column<R>[]): string {
  return table(
    ['Target', 'Run', ...columns.map((column) => column.title)],
    scenarios.flatMap(({ target, runs }) =>
      runs.map((run, index) => [
        target,
        String(index + 1),
        ...columns.map((column) => fixed(column.value(run), column.digits)),
      ]),
    ),
  );
}

export interface ReportInput {
  machine: Machine;
  pinning: string;
  /** The CPU probe's findings at the start and the end (cpuProbe.ts). */
  cpuSpeed: { start: string; end: string };
  quick: boolean;
  targets: { name: string; description: string }[];
  sections: Section[];
  notes: string[];
  totalSeconds: number;
}

/** The median tables, printed to stdout and put into the results file. */
export function summary(input: ReportInput): string {
  return input.sections
    .map((section) => [`### ${section.title}`, '', section.method, '', section.medians].join('\n'))
    .join('\n\n');
}

/** The whole results file. */
export function resultsMarkdown(input: ReportInput): string {
  const { machine } = input;
  return [
    `# Sync benchmark, ${machine.date.slice(0, 10)}${input.quick ? ' (BENCH_QUICK: short, single runs)' : ''}`,
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
    `- Core speed under sustained load, at the start: ${input.cpuSpeed.start}`,
    `- Core speed under sustained load, at the end: ${input.cpuSpeed.end}`,
    `- Total benchmark time: ${input.totalSeconds.toFixed(0)} s`,
    '',
    '## Targets',
    '',
    ...input.targets.map((target) => `- **${target.name}**: ${target.description}`),
    '',
    '## Results (medians)',
    '',
    summary(input),
    '',
    '## Notes',
    '',
    ...(input.notes.length > 0 ? input.notes.map((note) => `- ${note}`) : ['- none']),
    '',
    '## Every run',
    '',
    ...input.sections
      .filter((section) => section.everyRun !== '')
      .flatMap((section) => [`### ${section.title}`, '', section.everyRun, '']),
  ].join('\n');
}
