/**
 * The goals Följsam's sync server is held to against its peers in the same run (issue #17), each
 * said as met or missed with both figures, so a results file never leaves a miss to be inferred.
 * Where one is missed, the cause is in the profiles (bench/README.md, "Profiles";
 * `BENCH_CPU_PROF` writes them).
 */
import { fixed, type Section, type TargetRuns, table } from './report';
import { median } from './stats';
import type { DurabilityResult, EditingResult } from './suite';

/** The embedded default, the store most installations run. */
const EMBEDDED = 'Följsam PGlite';
const POSTGRES = 'Följsam PostgreSQL';
/** Peers: servers that store nothing before they broadcast. */
const PEERS = ['y-websocket', 'Hocuspocus'];

interface Goal {
  goal: string;
  foljsam: number;
  /** The figure the goal is measured against, and where it comes from. */
  limit: number;
  limitSource: string;
  digits: number;
  met: boolean;
}

type Runs<R> = ReadonlyMap<string, TargetRuns<R>>;

const medianOf = <R>(runs: Runs<R>, target: string, value: (run: R) => number): number | undefined => {
  const found = runs.get(target)?.runs;
  return found && found.length > 0 ? median(found.map(value)) : undefined;
};

/** The lowest median among the peers that ran, with the peer's name. */
function bestPeer<R>(runs: Runs<R>, value: (run: R) => number): { name: string; value: number } | undefined {
  let best: { name: string; value: number } | undefined;
  for (const name of PEERS) {
    const figure = medianOf(runs, name, value);
    if (figure !== undefined && (!best || figure < best.value)) best = { name, value: figure };
  }
  return best;
}

function atMost(
  goals: Goal[],
  goal: string,
  foljsam: number | undefined,
  limit: { value: number; source: string } | undefined,
  digits: number,
): void {
  if (foljsam === undefined || limit === undefined) return;
  goals.push({
    goal,
    foljsam,
    limit: limit.value,
    limitSource: limit.source,
    digits,
    met: foljsam <= limit.value,
  });
}

const scaled = (peer: { name: string; value: number } | undefined, factor: number) =>
  peer && { value: peer.value * factor, source: factor === 1 ? peer.name : `${factor} × ${peer.name}` };

/** The goals section, or undefined when the run had no Följsam target or no peer to compare with. */
export function goalsSection(
  team: Runs<EditingResult>,
  hot: Runs<EditingResult>,
  durability: Runs<DurabilityResult>,
): Section | undefined {
  const goals: Goal[] = [];
  const p99 = (run: EditingResult) => run.p99Ms;
  const teamBest = bestPeer(team, p99);
  atMost(goals, 'team p99 ms ≤ the best peer’s', medianOf(team, EMBEDDED, p99), scaled(teamBest, 1), 2);
  atMost(
    goals,
    'team p50 ms ≤ 0.5',
    medianOf(team, EMBEDDED, (run) => run.p50Ms),
    { value: 0.5, source: 'fixed' },
    2,
  );
  const cpu = (run: EditingResult) => run.loadCpuPercent;
  atMost(
    goals,
    'team server CPU % (measured window) ≤ 1.3 × the best peer’s',
    medianOf(team, EMBEDDED, cpu),
    scaled(bestPeer(team, cpu), 1.3),
    0,
  );
  atMost(
    goals,
    'team peak RSS MiB ≤ 300 MB',
    medianOf(team, EMBEDDED, (run) => run.peakRssMiB),
    { value: 300e6 / 2 ** 20, source: 'fixed' },
    0,
  );
  atMost(
    goals,
    'hot p99 ms ≤ the best peer’s',
    medianOf(hot, EMBEDDED, p99),
    scaled(bestPeer(hot, p99), 1),
    2,
  );
  atMost(
    goals,
    'PostgreSQL team p99 ms ≤ 2 × the best peer’s',
    medianOf(team, POSTGRES, p99),
    scaled(teamBest, 2),
    2,
  );
  for (const [name, runs] of durability) {
    // No runs (the scenario was left out) is no evidence: such a goal is not listed.
    if (!name.startsWith('Följsam') || runs.runs.length === 0) continue;
    const missing = runs.runs.reduce((sum, run) => sum + run.missing, 0);
    goals.push({
      goal: `${name}: updates lost after SIGKILL = 0`,
      foljsam: missing,
      limit: 0,
      limitSource: 'fixed',
      digits: 0,
      met: missing === 0,
    });
  }
  if (goals.length === 0) return undefined;
  const missed = goals.filter((goal) => !goal.met).length;
  const medians = table(
    ['Goal', 'Följsam', 'Limit', 'Limit from', 'Met'],
    goals.map((goal) => [
      goal.goal,
      fixed(goal.foljsam, goal.digits),
      fixed(goal.limit, goal.digits),
      goal.limitSource,
      goal.met ? 'met' : '**missed**',
    ]),
  );
  return {
    title: 'Goals',
    method:
      `Följsam (${EMBEDDED} unless the goal names another) against the best of the peers in this run ` +
      `(${PEERS.join(', ')}), medians. ${missed === 0 ? 'Every goal is met.' : `${missed} of ${goals.length} missed`}` +
      (missed === 0
        ? ''
        : ': the causes are in bench/README.md, "Profiles" (BENCH_CPU_PROF writes a profile).'),
    medians,
    // Its figures are the scenarios' medians: nothing of its own under "Every run".
    everyRun: '',
  };
}
