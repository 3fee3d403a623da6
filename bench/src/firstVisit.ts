/**
 * The app's own first visit, in Debian's Chromium against the built client on a real server
 * (a fresh demo data dir): each run is a new browser context (a person on a new device, no
 * service worker, as the end-to-end contexts are), signed in by the API, then one full load
 * of a screen. Measured from navigation start (the page's `performance.timeOrigin`):
 *
 * - goals: `/mal` as `kommunchef`, until the indicator charts of the first goal card that has
 *   any are drawn (a Chart.js instance on each canvas) with their outcomes loaded (no loading
 *   note left in the card); at 1280 × 720 they sit just below the first screen, and
 *   `chartsInView` (charts in the viewport drawn) is recorded when the viewport holds any;
 * - report: `/rapport/2015-03/hr` as `chef-hr`, until the first analysis text is editable
 *   (`[data-testid^="analysis-"][contenteditable="true"]`);
 * - local database: in both, the client's `foljsam:local-db-open` mark (the browser's PGlite
 *   opened and migrated, set in client/src/local/keepWorkspace.ts; localDb.ts marks the phases).
 *
 * Milestones on the way (heading, goal tree, report sections) are polled in the page every
 * 20 ms. `BENCH_FIRST_VISIT_RUNS` (5) sets the runs per screen (the median is printed);
 * `BENCH_CPU_PROFILE=<dir>` adds one profiled run per screen (CDP Profiler, main thread only,
 * 1 ms sampling) and writes its `.cpuprofile` there with a summary by script and by function
 * on stderr; for readable function names profile an unminified build:
 *
 *   pnpm --filter @foljsam/client exec vite build --minify false --outDir /tmp/dist-plain
 *   CLIENT_DIST=/tmp/dist-plain BENCH_CPU_PROFILE=/tmp/prof pnpm exec tsx bench/src/firstVisit.ts
 *
 * Run from the repository root after `pnpm build`: `pnpm exec tsx bench/src/firstVisit.ts`.
 * Not a test: it asserts nothing and prints a Markdown table.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../tests/support/browser';
import { type ServerProcess, startServerProcess } from '../../tests/support/serverProcess';
import { median } from './stats';

const RUNS = Number(process.env.BENCH_FIRST_VISIT_RUNS ?? 5);
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
const CLIENT_DIST = resolve(
  process.env.CLIENT_DIST ?? new URL('../../client/dist', import.meta.url).pathname,
);
const SLOW = { timeout: 120_000 };

const log = (message: string) => process.stderr.write(`${message}\n`);

/**
 * Milestones, each the first `performance.now()` its test held true, in `window.__milestones`.
 * `chartsInView`: the canvases in the viewport all have a Chart.js instance and no loading
 * note is in view (the outcomes have arrived).
 */
const MILESTONES = `(() => {
  const found = {};
  window.__milestones = found;
  const inView = (element) => {
    const box = element.getBoundingClientRect();
    return (box.width > 0 || box.height > 0) && box.bottom > 0 && box.top < window.innerHeight;
  };
  const tests = {
    heading: () => document.querySelector('main h1') !== null,
    goalTree: () => document.querySelector('[data-goal-id]') !== null,
    firstCharts: () => {
      const card = document.querySelector('[data-goal-id]:has(canvas[data-indicator-id])');
      if (!card || !window.Chart) return false;
      const canvases = [...card.querySelectorAll('canvas[data-indicator-id]')];
      return canvases.every((canvas) => window.Chart.getChart(canvas)) && !card.querySelector('.loading');
    },
    chartsInView: () => {
      const canvases = [...document.querySelectorAll('canvas[data-indicator-id]')].filter(inView);
      if (canvases.length === 0 || !window.Chart) return false;
      if (!canvases.every((canvas) => window.Chart.getChart(canvas))) return false;
      return ![...document.querySelectorAll('.indicator .loading')].some(inView);
    },
    reportSections: () => document.querySelector('.report-section') !== null,
    reportEditable: () =>
      document.querySelector('[data-testid^="analysis-"][contenteditable="true"]') !== null,
  };
  const poll = () => {
    for (const [name, test] of Object.entries(tests)) {
      if (found[name] === undefined && test()) found[name] = performance.now();
    }
  };
  setInterval(poll, 20);
})()`;

interface Scenario {
  name: string;
  username: string;
  path: string;
  /** The milestone that ends the run. */
  done: string;
}

const SCENARIOS: Scenario[] = [
  { name: 'goals', username: 'kommunchef', path: '/mal', done: 'firstCharts' },
  { name: 'report', username: 'chef-hr', path: '/rapport/2015-03/hr', done: 'reportEditable' },
];

type Timings = Record<string, number>;

async function waitForMilestone(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (milestone) => (window as unknown as { __milestones: Timings }).__milestones[milestone] !== undefined,
    name,
    { ...SLOW, polling: 50 },
  );
}

/** One first visit of `scenario`: the milestones and the local database's mark, ms from navigation start. */
async function visit(browser: Browser, server: ServerProcess, scenario: Scenario, profile?: string) {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'sv-SE',
    serviceWorkers: 'block',
  });
  try {
    const login = await context.request.post('/api/auth/login', {
      data: { username: scenario.username, password: 'demo' },
    });
    if (login.status() !== 200) throw new Error(`sign-in as ${scenario.username}: ${login.status()}`);
    const page = await context.newPage();
    await page.addInitScript(MILESTONES);
    const cdp = profile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
    }
    await page.goto(scenario.path);
    await waitForMilestone(page, scenario.done);
    // The local database opens in the background; its mark is waited for too.
    await page.waitForFunction(() => performance.getEntriesByName('foljsam:local-db-open').length > 0, null, {
      ...SLOW,
      polling: 100,
    });
    if (cdp && profile) {
      const { profile: cpu } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      writeFileSync(profile, JSON.stringify(cpu));
      summarise(cpu, scenario.name);
    }
    const timings = (await page.evaluate(`(() => {
      const found = { ...window.__milestones };
      const mark = (name) => performance.getEntriesByName('foljsam:' + name)[0]?.startTime;
      found.localDbRequested = mark('local-db-requested');
      found.localDbStarted = mark('local-db-started');
      found.localDbMigrated = mark('local-db-migrated');
      found.localDbOpen = mark('local-db-open');
      return found;
    })()`)) as Timings;
    return timings;
  } finally {
    await context.close();
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by script and by function, on stderr. */
function summarise(profile: CpuProfile, name: string): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    total += delta;
    const script = frame.url
      ? frame.url.replace(/^https?:\/\/[^/]+/, '')
      : `(${frame.functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + delta);
    const fn = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + delta);
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${key}`)
      .join('\n');
  log(`\n${name}: ${total.toFixed(0)} ms sampled on the main thread\nby script:\n${top(byScript, 10)}`);
  log(`by function (self):\n${top(byFunction, 30)}`);
}

async function main(): Promise<void> {
  if (!existsSync(join(CLIENT_DIST, 'index.html')))
    throw new Error(`no client build in ${CLIENT_DIST}: run pnpm build`);
  const scratch = mkdtempSync(join(tmpdir(), 'foljsam-first-visit-'));
  const server = await startServerProcess({ dataDir: join(scratch, 'data'), env: { CLIENT_DIST } });
  const browser = await launchChromium();
  try {
    const results = new Map<string, Timings[]>();
    // Warm the server (its documents loaded once), as a test's earlier people have.
    for (const scenario of SCENARIOS) await visit(browser, server, scenario);
    for (let run = 1; run <= RUNS; run++) {
      for (const scenario of SCENARIOS) {
        const timings = await visit(browser, server, scenario);
        log(
          `${scenario.name} run ${run}: ${JSON.stringify(timings, (_k, v) => (typeof v === 'number' ? Math.round(v) : v))}`,
        );
        results.set(scenario.name, [...(results.get(scenario.name) ?? []), timings]);
      }
    }
    if (PROFILE_DIR) {
      mkdirSync(PROFILE_DIR, { recursive: true });
      for (const scenario of SCENARIOS) {
        await visit(browser, server, scenario, join(PROFILE_DIR, `${scenario.name}.cpuprofile`));
      }
    }
    const lines = [
      `First visit, ms from navigation start: median of ${RUNS} runs (min–max)`,
      '',
      '| screen | milestone | median | min–max |',
      '| --- | --- | ---: | ---: |',
    ];
    for (const [name, runs] of results) {
      const keys = [...new Set(runs.flatMap((timings) => Object.keys(timings)))];
      for (const key of keys) {
        const values = runs.map((timings) => timings[key]).filter((v): v is number => v !== undefined);
        lines.push(
          `| ${name} | ${key} | ${median(values).toFixed(0)} | ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} |`,
        );
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await browser.close();
    await server.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
