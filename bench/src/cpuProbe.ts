/**
 * How fast each core stays under sustained load. Some virtual machines give a core its full
 * speed only in bursts and then throttle it (measured on this project's 2-core VM, 2026-11-28:
 * after about 1.7 s of full load a core ran a fixed loop at roughly a sixth of its speed, and
 * got the burst back only after some 20 s idle). A benchmark on such a machine measures the
 * throttle as much as the servers, so every run starts with this probe and the results say
 * what it found.
 */
import { execFile } from 'node:child_process';
import { pinnedCommand } from './proc';
import { median } from './stats';

/** One core's loop speed: work units per millisecond at the start and over the last part. */
export interface CoreSpeed {
  cpu: number | undefined;
  burstUnitsPerMs: number;
  sustainedUnitsPerMs: number;
}

// Runs a fixed integer loop in 10 ms slices for `ms` milliseconds and prints the units done per
// millisecond in each slice. Plain JavaScript so that the child needs no loader.
const PROBE_SCRIPT = `
const total = Number(process.argv[1]);
const start = performance.now();
const rates = [];
let sink = 0;
while (performance.now() - start < total) {
  const sliceStart = performance.now();
  let units = 0;
  while (performance.now() - sliceStart < 10) {
    for (let i = 0; i < 10000; i++) sink += i % 7;
    units++;
  }
  rates.push(units / (performance.now() - sliceStart));
}
process.stdout.write(JSON.stringify({ rates, sink: sink > 0 }));
`;

function probeCore(cpu: number | undefined, ms: number): Promise<CoreSpeed> {
  const [command, args] = pinnedCommand(cpu, process.execPath, ['-e', PROBE_SCRIPT, String(ms)]);
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: ms + 30_000 }, (error, stdout) => {
      if (error) {
        reject(error);
        return;
      }
      const { rates } = JSON.parse(stdout) as { rates: number[] };
      const slices = rates.length;
      // The first half second is the burst; the last quarter is what the core sustains.
      resolve({
        cpu,
        burstUnitsPerMs: median(rates.slice(0, Math.max(1, Math.min(50, Math.floor(slices / 4))))),
        sustainedUnitsPerMs: median(rates.slice(Math.floor((slices * 3) / 4))),
      });
    });
  });
}

/** Loads every given core at once for `ms` milliseconds and reports burst and sustained speed. */
export async function probeCpuSpeed(cpus: readonly (number | undefined)[], ms = 6000): Promise<CoreSpeed[]> {
  return Promise.all(cpus.map((cpu) => probeCore(cpu, ms)));
}

/** One line for the results' machine section. */
export function describeCpuSpeed(speeds: readonly CoreSpeed[], ms: number): string {
  const parts = speeds.map((speed) => {
    const share = (speed.sustainedUnitsPerMs / speed.burstUnitsPerMs) * 100;
    return `core ${speed.cpu ?? 'any'}: ${speed.burstUnitsPerMs.toFixed(1)} units/ms at first, ${speed.sustainedUnitsPerMs.toFixed(1)} in the last quarter (${share.toFixed(0)} %)`;
  });
  return `${parts.join('; ')} (a fixed loop on every core at once for ${(ms / 1000).toFixed(0)} s)`;
}

/** Whether the probe found the cores throttled under sustained load (below 80 % of the burst). */
export function throttled(speeds: readonly CoreSpeed[]): boolean {
  return speeds.some((speed) => speed.sustainedUnitsPerMs < 0.8 * speed.burstUnitsPerMs);
}
