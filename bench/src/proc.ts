/**
 * Linux /proc readings of a process (peak and current RSS, CPU time) and CPU pinning with
 * `taskset`. Everything degrades to "unknown" (NaN / false) where /proc or taskset is missing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Clock ticks per second of utime/stime in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
export const CLOCK_TICK = readClockTick();

function readClockTick(): number {
  try {
    const value = Number.parseInt(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }), 10);
    return Number.isInteger(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

function statusField(pid: number, field: string): string | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const line = status.split('\n').find((entry) => entry.startsWith(`${field}:`));
    return line?.slice(field.length + 1).trim();
  } catch {
    return undefined;
  }
}

function statusKiB(pid: number, field: string): number {
  const value = statusField(pid, field);
  return value === undefined ? Number.NaN : Number.parseInt(value, 10);
}

/** Peak resident set size (VmHWM) in MiB. */
export function peakRssMiB(pid: number): number {
  return statusKiB(pid, 'VmHWM') / 1024;
}

/** Current resident set size (VmRSS) in MiB. */
export function rssMiB(pid: number): number {
  return statusKiB(pid, 'VmRSS') / 1024;
}

/**
 * Resets the peak RSS (VmHWM) to the current RSS by writing 5 to /proc/<pid>/clear_refs, so
 * the next reading is the peak of what happens after this call. False where not allowed.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces: count fields after its closing paren.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 (utime, stime) are the 12th and 13th after the name.
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / CLOCK_TICK;
  } catch {
    return Number.NaN;
  }
}

/** The CPUs a process may run on, as /proc shows them ("0", "0-1"), or undefined. */
export function allowedCpus(pid: number): string | undefined {
  return statusField(pid, 'Cpus_allowed_list');
}

export interface PinningPlan {
  /** Core for the server under test, or undefined when not pinning. */
  serverCpu: number | undefined;
  /** Core for this load generator, or undefined when not pinning. */
  benchCpu: number | undefined;
  /** Why pinning is off, when it is. */
  reason?: string;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Pins this process (all its threads) to the last core and plans the server on core 0.
 * Threads created later inherit the affinity of the thread that creates them.
 */
export function pinSelf(): PinningPlan {
  if (process.platform !== 'linux') return { serverCpu: undefined, benchCpu: undefined, reason: 'not Linux' };
  if (!hasTaskset()) return { serverCpu: undefined, benchCpu: undefined, reason: 'taskset not found' };
  const cores = cpus().length;
  if (cores < 2) return { serverCpu: undefined, benchCpu: undefined, reason: 'fewer than 2 cores' };
  const benchCpu = cores - 1;
  try {
    execFileSync('taskset', ['-a', '-cp', String(benchCpu), String(process.pid)], { stdio: 'ignore' });
  } catch (error) {
    return { serverCpu: undefined, benchCpu: undefined, reason: `taskset failed: ${String(error)}` };
  }
  if (allowedCpus(process.pid) !== String(benchCpu)) {
    return { serverCpu: undefined, benchCpu: undefined, reason: 'taskset had no effect' };
  }
  return { serverCpu: 0, benchCpu };
}

/** The command prefix that starts a program on one core, e.g. `taskset -c 0`. */
export function pinnedCommand(cpu: number | undefined, command: string, args: string[]): [string, string[]] {
  if (cpu === undefined) return [command, args];
  return ['taskset', ['-c', String(cpu), command, ...args]];
}

/** CPU seconds the whole machine has been busy (all cores) and stolen by the hypervisor. */
export function machineCpuSeconds(): { busy: number; steal: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0);
    return { busy: busy / CLOCK_TICK, steal: (steal ?? 0) / CLOCK_TICK };
  } catch {
    return { busy: Number.NaN, steal: Number.NaN };
  }
}
