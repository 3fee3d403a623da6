/** Server-side cost of a scenario run from /proc, summed over the target's processes. */
import { cpuSeconds, machineCpuSeconds, peakRssMiB, resetPeakRss, rssMiB } from './proc';

export interface ServerUsage {
  /** VmRSS when the scenario started (after the peak was reset), summed over processes. */
  startRssMiB: number;
  /** VmHWM at the end: the peak since the scenario started, summed over processes. */
  peakRssMiB: number;
  /** Whether the peak could be reset at the start (else it includes the server's start-up). */
  peakReset: boolean;
  /** utime + stime of the server process(es) during the scenario. */
  cpuSeconds: number;
  wallSeconds: number;
  /** CPU share of this load generator over the window (100 = one core). */
  benchCpuPercent: number;
  /** CPU share of everything else (PostgreSQL included) over the window (100 = one core). */
  otherCpuPercent: number;
  stealPercent: number;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Measures server CPU, peak RSS and the generator's CPU around `body`. */
export async function withUsage<T>(
  pids: readonly number[],
  body: () => Promise<T>,
): Promise<T & ServerUsage> {
  const peakReset = pids.map(resetPeakRss).every(Boolean);
  const startRss = sum(pids.map(rssMiB));
  const cpuBefore = sum(pids.map(cpuSeconds));
  const benchBefore = process.cpuUsage();
  const machineBefore = machineCpuSeconds();
  const wallBefore = performance.now();
  const result = await body();
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const machineAfter = machineCpuSeconds();
  const bench = process.cpuUsage(benchBefore);
  const benchSeconds = (bench.user + bench.system) / 1e6;
  const serverSeconds = sum(pids.map(cpuSeconds)) - cpuBefore;
  const otherSeconds = Math.max(0, machineAfter.busy - machineBefore.busy - serverSeconds - benchSeconds);
  return {
    ...result,
    startRssMiB: startRss,
    peakRssMiB: sum(pids.map(peakRssMiB)),
    peakReset,
    cpuSeconds: serverSeconds,
    wallSeconds,
    benchCpuPercent: (benchSeconds / wallSeconds) * 100,
    otherCpuPercent: (otherSeconds / wallSeconds) * 100,
    stealPercent: ((machineAfter.steal - machineBefore.steal) / wallSeconds) * 100,
  };
}

/** Current RSS summed over the processes. */
export function totalRssMiB(pids: readonly number[]): number {
  return sum(pids.map(rssMiB));
}
