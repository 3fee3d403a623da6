/**
 * Sums a V8 CPU profile (as BENCH_CPU_PROF writes them) by package and by function, optionally
 * over a time window, so that "where did the server's CPU go during the load" is one command:
 *
 *   npx tsx src/profileSummary.ts /tmp/prof/CPU.….cpuprofile [fromSeconds] [toSeconds]
 *
 * Without a window it prints the busy milliseconds per second first, to find the load. After
 * self time it prints total time (the function on the stack, counted once per sample), which
 * says what a cost is spent for: e.g. the background write into PGlite against the sync path.
 * PROFILE_TOP=<n> lists n functions by total time instead of 60.
 *
 * A profile is of the main thread only: PGlite's worker thread and libuv's thread pool (the
 * update log's fdatasyncs) are not in it.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code comes from: a package, Node itself, Följsam, or V8's own entries. */
function origin(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (url === '') return functionName || '(native)';
  if (url.startsWith('wasm://')) return 'WebAssembly (PGlite)';
  if (url.startsWith('node:')) return 'Node';
  const inPackage = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (inPackage?.[1]) return inPackage[1];
  // The built server (server/dist, one bundle of server and workspace code) or its sources.
  if (url.includes('/server/src/') || url.includes('/server/dist/') || url.includes('/packages/'))
    return 'Följsam';
  return url;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(server|packages)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

function percent(part: number, total: number): string {
  return `${((part / total) * 100).toFixed(1).padStart(5)} %`;
}

function main(): void {
  const [file, from, to] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: profileSummary.ts <file.cpuprofile> [fromSeconds] [toSeconds]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const lo = from === undefined ? 0 : Number(from);
  const hi = to === undefined ? Number.POSITIVE_INFINITY : Number(to);

  const selfMicros = new Map<number, number>();
  const busyPerSecond = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    const second = (at - profile.startTime) / 1e6;
    const idle = nodes.get(id)?.callFrame.functionName === '(idle)';
    if (!idle) busyPerSecond.set(Math.floor(second), (busyPerSecond.get(Math.floor(second)) ?? 0) + delta);
    if (second >= lo && second < hi) selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  });

  if (from === undefined) {
    process.stdout.write('busy ms per second of the profile:\n');
    for (const [second, micros] of [...busyPerSecond].sort((a, b) => a[0] - b[0])) {
      process.stdout.write(`  ${String(second).padStart(4)} s  ${(micros / 1000).toFixed(0)}\n`);
    }
  }

  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const totalByFunction = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    if (nodes.get(id)?.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const node = nodes.get(at);
      if (!node || node.callFrame.functionName === '(root)') continue;
      seen.add(label(node));
    }
    for (const name of seen) totalByFunction.set(name, (totalByFunction.get(name) ?? 0) + micros);
  }

  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const node = nodes.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    total += micros;
    byOrigin.set(origin(node), (byOrigin.get(origin(node)) ?? 0) + micros);
    byFunction.set(label(node), (byFunction.get(label(node)) ?? 0) + micros);
  }
  const window = `${lo} s to ${Number.isFinite(hi) ? `${hi} s` : 'the end'}`;
  process.stdout.write(
    `\nbusy CPU from ${window}: ${(total / 1000).toFixed(0)} ms\n\nself time by origin:\n`,
  );
  for (const [name, micros] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    process.stdout.write(`  ${percent(micros, total)}  ${name}\n`);
  }
  process.stdout.write('\nself time by function:\n');
  for (const [name, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    process.stdout.write(`  ${percent(micros, total)}  ${name}\n`);
  }
  process.stdout.write('\ntotal time by function (on the stack, once per sample):\n');
  for (const [name, micros] of [...totalByFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(process.env.PROFILE_TOP ?? 60))) {
    process.stdout.write(`  ${percent(micros, total)}  ${name}\n`);
  }
}

main();
