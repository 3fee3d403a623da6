/**
 * The browser durability options of issue #14 side by side, in one run of Debian's Chromium:
 * how long a keystroke's Yjs update takes from the write call to the option's durable point,
 * while typing at 10 keys/s and back to back, and whether what reached that point survives
 * the tab being closed or the browser being killed right then.
 *
 * A local HTTP server on 127.0.0.1 (IndexedDB and OPFS need an http origin, not file://)
 * serves a tiny page (`durability/page.js`, `durability/pgliteWorker.js`) that imports the
 * client's own copies of PGlite and idb from node_modules as ES modules. Options:
 *   1. PGlite idb://, relaxedDurability: false, one insert per keystroke (the app before #14);
 *   2. PGlite idb://, relaxedDurability: true, a transaction per 100 ms batch, then syncToFs();
 *   3. an IndexedDB journal, a transaction per keystroke, durability 'strict', commit();
 *   4. the same with durability 'relaxed';
 *   5. PGlite on OPFS (opfs-ahp://) in a worker;
 *   6. localStorage.setItem.
 * Prints Markdown tables and writes them to bench/results/durability-<date>.md.
 *
 * `pnpm exec tsx bench/src/durabilityOptions.ts` (from the root; needs no build). For
 * investigating: BENCH_DURABILITY_OPTIONS=journal,local (options whose id contains a part),
 * BENCH_DURABILITY_TYPING / _BURST (keystrokes), BENCH_DURABILITY_TRIALS=0 (no tab-close or
 * browser-kill trials);
 * such a run writes its tables to a temporary folder, never over results/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../tests/support/browser';
import { describeMachine } from './report';
import { maximum, percentile, seededRandom, seedFrom } from './stats';

const TYPING_KEYS = Number(process.env.BENCH_DURABILITY_TYPING ?? 100);
const TYPING_INTERVAL_MS = 100;
const BURST_KEYS = Number(process.env.BENCH_DURABILITY_BURST ?? 300);
const WARMUP_KEYS = 10;
const TRIAL_KEYS = 20;
const TRIALS = process.env.BENCH_DURABILITY_TRIALS !== '0';
const PAYLOAD_BYTES = { min: 60, max: 300 };
const TARGET_MS = 50;
const WORKLOAD_TIMEOUT_MS = 10 * 60_000;
/** Lets the disk settle between options, so one option's write-back does not land on the next. */
const SETTLE_MS = 2000;
const RESULTS_DIR = new URL('../results/', import.meta.url);

interface OptionSpec {
  id: string;
  label: string;
  /** What "durable" means for the latency columns. */
  durablePoint: string;
}

const ALL_OPTIONS: OptionSpec[] = [
  {
    id: 'pglite-idb-strict',
    label: '1. PGlite `idb://`, relaxedDurability: false, an insert per keystroke',
    durablePoint: 'the insert resolves (PGlite has synced its files to IndexedDB)',
  },
  {
    id: 'pglite-idb-relaxed-batched',
    label: '2. PGlite `idb://`, relaxedDurability: true, a transaction per 100 ms batch + syncToFs()',
    durablePoint: "PGlite's next IndexedDB file sync after the batch's COMMIT has completed",
  },
  {
    id: 'journal-strict',
    label: "3. IndexedDB journal, a transaction per keystroke, durability 'strict', commit()",
    durablePoint: 'the transaction completes',
  },
  {
    id: 'journal-relaxed',
    label: "4. IndexedDB journal, a transaction per keystroke, durability 'relaxed', commit()",
    durablePoint: 'the transaction completes',
  },
  {
    id: 'pglite-opfs-ahp',
    label: '5. PGlite `opfs-ahp://` (OPFS access handles) in a worker, an insert per keystroke',
    durablePoint: 'the insert resolves (PGlite has flushed the access handles it wrote)',
  },
  {
    id: 'local-storage',
    label: '6. localStorage.setItem',
    durablePoint: 'setItem returns',
  },
];

const optionFilter = process.env.BENCH_DURABILITY_OPTIONS?.toLowerCase().split(',').filter(Boolean);
const OPTIONS = optionFilter?.length
  ? ALL_OPTIONS.filter((option) => optionFilter.some((part) => option.id.includes(part)))
  : ALL_OPTIONS;
const PARTIAL =
  OPTIONS.length !== ALL_OPTIONS.length ||
  process.env.BENCH_DURABILITY_TYPING !== undefined ||
  process.env.BENCH_DURABILITY_BURST !== undefined ||
  !TRIALS;

function progress(message: string): void {
  process.stderr.write(`[durability] ${message}\n`);
}

// ---------------------------------------------------------------- the test page's server

const DURABILITY_DIR = fileURLToPath(new URL('./durability/', import.meta.url));
// The client's own copies, so the figures are those of the versions the app ships.
const CLIENT_MODULES = fileURLToPath(new URL('../../client/node_modules/', import.meta.url));
const MOUNTS: Record<string, string> = {
  '/bench/': DURABILITY_DIR,
  '/lib/pglite/': realpathSync(join(CLIENT_MODULES, '@electric-sql/pglite')),
  '/lib/idb/': realpathSync(join(CLIENT_MODULES, 'idb')),
};
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.map': 'application/json',
};
const PAGE_HTML =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>durability options</title>' +
  '<script type="module" src="/bench/page.js"></script></html>';

function fileFor(urlPath: string): string | null {
  for (const [prefix, dir] of Object.entries(MOUNTS)) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = normalize(join(dir, decodeURIComponent(urlPath.slice(prefix.length))));
    return file.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`) ? file : null;
  }
  return null;
}

function startPageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const urlPath = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (urlPath === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (urlPath === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE_HTML);
      return;
    }
    const file = fileFor(urlPath);
    let body: Buffer;
    try {
      if (!file) throw new Error('outside the mounts');
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      })
      .end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

// ---------------------------------------------------------------- Chromium

interface RunningChromium {
  child: ChildProcess;
  browser: Browser;
}

/**
 * Starts Chromium ourselves (its own process group) and drives it over CDP: a browser-kill
 * trial needs the browser's pid to SIGKILL it, which a browser launched by Playwright does not give.
 */
async function startChromium(userDataDir: string): Promise<RunningChromium> {
  const child = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('Chromium printed no DevTools endpoint in 30 s')),
      30_000,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited at start (code ${code}, signal ${signal})`));
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return { child, browser };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Quits Chromium the way a user does (Browser.close), so it writes what it holds. */
async function quitChromium({ child, browser }: RunningChromium): Promise<void> {
  try {
    const session = await browser.newBrowserCDPSession();
    await session.send('Browser.close').catch(() => undefined);
  } catch {
    // already gone
  }
  const timer = setTimeout(() => killChromium(child), 15_000);
  await exited(child);
  clearTimeout(timer);
}

/** SIGKILL to the browser's whole process group (browser, renderers, utilities). */
function killChromium(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const runningChromiums = new Set<ChildProcess>();

// ---------------------------------------------------------------- the page's API

interface RunInput {
  payloads: string[];
  intervalMs: number;
  timeoutMs: number;
  until?: string;
}

interface RunOutput {
  latencies: Record<string, (number | null)[]>;
  lateness: number[];
  failures: string[];
  issuedMs: number;
  totalMs: number;
}

/** The page's `durabilityBench` object (page.js). */
interface PageBench {
  open(name: string): Promise<number>;
  run(input: RunInput): Promise<RunOutput>;
  count(): Promise<number>;
  close(): Promise<void>;
}

/** Calls a method of the page's `durabilityBench` (the function runs in the page: no closures). */
function call<M extends keyof PageBench>(
  page: Page,
  method: M,
  ...args: Parameters<PageBench[M]>
): Promise<Awaited<ReturnType<PageBench[M]>>> {
  return page.evaluate(
    ([name, input]) => {
      // This package compiles without the DOM library.
      const target = (globalThis as unknown as { durabilityBench: Record<string, (arg: unknown) => unknown> })
        .durabilityBench;
      return target[name as string]?.(input);
    },
    [method, args[0]] as const,
  ) as Promise<Awaited<ReturnType<PageBench[M]>>>;
}

async function openPage(
  running: RunningChromium,
  origin: string,
  messages: Map<string, number>,
): Promise<Page> {
  const context = running.browser.contexts()[0] ?? (await running.browser.newContext());
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = `${message.type()}: ${message.text().slice(0, 300)}`;
    messages.set(text, (messages.get(text) ?? 0) + 1);
  });
  page.on('pageerror', (error) => messages.set(`pageerror: ${error.message}`, 1));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'durabilityBench' in globalThis);
  return page;
}

function reportMessages(messages: Map<string, number>): string[] {
  return [...messages].map(([text, count]) => (count > 1 ? `${text} (×${count})` : text));
}

// ---------------------------------------------------------------- the workload

/** `count` random payloads of 60–300 bytes (a Y.Text keystroke update's size), base64, seeded. */
function payloads(label: string, count: number): string[] {
  const random = seededRandom(seedFrom(`durability:${label}`));
  return Array.from({ length: count }, () => {
    const size = PAYLOAD_BYTES.min + Math.floor(random() * (PAYLOAD_BYTES.max - PAYLOAD_BYTES.min + 1));
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = Math.floor(random() * 256);
    return bytes.toString('base64');
  });
}

interface Figures {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

function figures(values: (number | null)[]): Figures {
  const measured = values.filter((value): value is number => value !== null);
  return {
    p50: percentile(measured, 50),
    p99: percentile(measured, 99),
    max: maximum(measured),
    samples: measured.length,
  };
}

interface WorkloadResult {
  /** Per point (`durable`, and `resolved` for option 2). */
  points: Record<string, Figures>;
  latenessP99: number;
  failures: string[];
}

interface OptionResult {
  option: OptionSpec;
  notMeasured?: string;
  openMs?: number;
  typing?: WorkloadResult;
  burst?: WorkloadResult;
  readBack?: { stored: number; written: number };
  messages: string[];
}

function workloadResult(output: RunOutput): WorkloadResult {
  return {
    points: Object.fromEntries(
      Object.entries(output.latencies).map(([point, values]) => [point, figures(values)]),
    ),
    latenessP99: percentile(output.lateness, 99),
    failures: output.failures,
  };
}

async function measureOption(
  running: RunningChromium,
  origin: string,
  option: OptionSpec,
): Promise<OptionResult> {
  const messages = new Map<string, number>();
  const page = await openPage(running, origin, messages);
  const result: OptionResult = { option, messages: [] };
  try {
    try {
      result.openMs = await call(page, 'open', option.id);
    } catch (error) {
      result.notMeasured = `could not open: ${firstLine(error)}`;
      return result;
    }
    const warmup = await call(page, 'run', {
      payloads: payloads('warmup', WARMUP_KEYS),
      intervalMs: 0,
      timeoutMs: WORKLOAD_TIMEOUT_MS,
    });
    if (warmup.failures.length > 0) {
      result.notMeasured = `warm-up failed: ${warmup.failures[0]}`;
      return result;
    }
    progress(`${option.id}: typing ${TYPING_KEYS} keystrokes at ${1000 / TYPING_INTERVAL_MS}/s`);
    result.typing = workloadResult(
      await call(page, 'run', {
        payloads: payloads('typing', TYPING_KEYS),
        intervalMs: TYPING_INTERVAL_MS,
        timeoutMs: WORKLOAD_TIMEOUT_MS,
      }),
    );
    progress(`${option.id}: ${BURST_KEYS} keystrokes back to back`);
    result.burst = workloadResult(
      await call(page, 'run', {
        payloads: payloads('burst', BURST_KEYS),
        intervalMs: 0,
        timeoutMs: WORKLOAD_TIMEOUT_MS,
      }),
    );
    result.readBack = {
      stored: await call(page, 'count'),
      written: WARMUP_KEYS + TYPING_KEYS + BURST_KEYS,
    };
  } catch (error) {
    result.notMeasured = `failed: ${firstLine(error)}`;
  } finally {
    await call(page, 'close').catch(() => undefined);
    await page.close().catch(() => undefined);
    result.messages = reportMessages(messages);
  }
  return result;
}

type Ending = 'tab' | 'browser';

interface EndingTrial {
  option: OptionSpec;
  point: string;
  ending: Ending;
  written: number;
  survived?: number;
  notMeasured?: string;
  messages: string[];
}

/**
 * Types TRIAL_KEYS keystrokes at 10/s into a fresh profile and, as soon as the page reports the
 * last one at `point`, either closes the tab (then opens the page again in a new tab) or
 * SIGKILLs the whole browser (then starts it again on the profile); the option then counts
 * what it holds. The page's answer reaches us over CDP first: a millisecond or two passes
 * between the point and the close or kill.
 */
async function endingTrial(
  origin: string,
  option: OptionSpec,
  point: string,
  ending: Ending,
): Promise<EndingTrial> {
  const trial: EndingTrial = { option, point, ending, written: TRIAL_KEYS, messages: [] };
  const messages = new Map<string, number>();
  const profile = mkdtempSync(join(tmpdir(), 'foljsam-durability-trial-'));
  const countInNewPage = async (running: RunningChromium) => {
    const page = await openPage(running, origin, messages);
    await call(page, 'open', option.id);
    trial.survived = await call(page, 'count');
    await call(page, 'close');
  };
  try {
    const first = await startChromium(profile);
    runningChromiums.add(first.child);
    try {
      const page = await openPage(first, origin, messages);
      await call(page, 'open', option.id);
      const output = await call(page, 'run', {
        payloads: payloads('trial', TRIAL_KEYS),
        intervalMs: TYPING_INTERVAL_MS,
        timeoutMs: WORKLOAD_TIMEOUT_MS,
        until: point,
      });
      if (ending === 'browser') killChromium(first.child);
      else await page.close({ runBeforeUnload: false });
      if (output.failures.length > 0) throw new Error(output.failures[0]);
      if (ending === 'tab') await countInNewPage(first);
    } finally {
      if (ending === 'browser') {
        killChromium(first.child);
        await exited(first.child);
      } else {
        await quitChromium(first);
      }
      runningChromiums.delete(first.child);
    }
    if (ending === 'browser') {
      const second = await startChromium(profile);
      runningChromiums.add(second.child);
      try {
        await countInNewPage(second);
      } finally {
        await quitChromium(second);
        runningChromiums.delete(second.child);
      }
    }
  } catch (error) {
    trial.notMeasured = firstLine(error);
  } finally {
    rmSync(profile, { recursive: true, force: true });
    trial.messages = reportMessages(messages);
  }
  return trial;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim();
}

// ---------------------------------------------------------------- report

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value.toFixed(1);

function meets(workload: WorkloadResult | undefined, point: string): string {
  const figure = workload?.points[point];
  if (!figure || workload.failures.length > 0) return 'n/a';
  return figure.p99 <= TARGET_MS ? 'yes' : 'no';
}

function latencyRows(results: OptionResult[]): string[] {
  const rows = [
    '| Option | Durable point | Open ms | Typing p50 ms | Typing p99 ms | Typing max ms | Burst p50 ms | Burst p99 ms | Burst max ms | p99 ≤ 50 ms (typing / burst) | Read back |',
    '| :-- | :-- | --: | --: | --: | --: | --: | --: | --: | :-: | --: |',
  ];
  for (const result of results) {
    const { option } = result;
    if (result.notMeasured) {
      rows.push(
        `| ${option.label} | ${option.durablePoint} | not measured: ${result.notMeasured} |  |  |  |  |  |  |  |  |`,
      );
      continue;
    }
    const points = Object.keys(result.typing?.points ?? { durable: null });
    // "durable" last: a "resolved" row (option 2) comes first and is marked as not a durable point.
    for (const point of points.sort((a, b) => (a === 'durable' ? 1 : b === 'durable' ? -1 : 0))) {
      const typing = result.typing?.points[point];
      const burst = result.burst?.points[point];
      const label = point === 'durable' ? option.label : `${option.label}: **until syncToFs() resolves**`;
      const durablePoint = point === 'durable' ? option.durablePoint : 'not durable: see the notes';
      const read = result.readBack ? `${result.readBack.stored} / ${result.readBack.written}` : 'n/a';
      rows.push(
        `| ${label} | ${durablePoint} | ${ms(result.openMs)} | ${ms(typing?.p50)} | ${ms(typing?.p99)} | ${ms(typing?.max)} | ${ms(burst?.p50)} | ${ms(burst?.p99)} | ${ms(burst?.max)} | ${meets(result.typing, point)} / ${meets(result.burst, point)} | ${read} |`,
      );
    }
  }
  return rows;
}

function endingRows(trials: EndingTrial[]): string[] {
  const rows = [
    '| Option | The last keystroke had reached | Survived closing the tab | Survived killing the browser |',
    '| :-- | :-- | --: | --: |',
  ];
  const survived = (trial: EndingTrial | undefined) =>
    !trial
      ? 'n/a'
      : trial.notMeasured
        ? `not measured: ${trial.notMeasured}`
        : `${trial.survived} of ${trial.written}`;
  const seen = new Set<string>();
  for (const trial of trials) {
    const key = `${trial.option.id}:${trial.point}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const same = (ending: Ending) =>
      trials.find(
        (other) => other.option === trial.option && other.point === trial.point && other.ending === ending,
      );
    const point = trial.point === 'durable' ? trial.option.durablePoint : 'syncToFs() resolved';
    rows.push(
      `| ${trial.option.label} | ${point} | ${survived(same('tab'))} | ${survived(same('browser'))} |`,
    );
  }
  return rows;
}

/** Fixed explanations printed with every run. */
const READING = [
  'Times are from `performance.now()`, which a page without cross-origin isolation gets in steps of 0.1 ms: 0.00 is less than that.',
  'Option 2\'s row "until syncToFs() resolves" is what PglitePersistence waits for. With relaxedDurability: true PGlite\'s ' +
    'syncToFs() starts the IndexedDB sync and resolves without waiting for it (src/pglite.ts: `if (relaxedDurability) doSync() ' +
    'else await doSync()`), and a transaction syncs only at its BEGIN; its durable row waits for a sync that started after the ' +
    "batch's COMMIT to complete. The trials show what the difference costs.",
  "Errno 44 in the notes is ENOENT: one of PGlite's background IndexedDB syncs (relaxed durability: nobody awaits them) " +
    'failed because a file it had listed was gone when it read it (Postgres goes on working while such a sync runs). ' +
    'A later sync writes what it missed; the durable row counts only syncs that completed.',
  "localStorage.setItem changes the renderer's copy and sends the change to the browser process, which writes it to disk " +
    'later: it survives a tab closing, not the browser being killed (the trials).',
  "PGlite's IndexedDB syncs (options 1 and 2) use the browser's default transaction durability, which Chromium made " +
    "'relaxed' in version 121: complete once the operating system has the data, not once it is on disk.",
  "A busy machine shows in every column: the notes give how late the page's own 10/s timer fired (p99).",
];

async function main(): Promise<void> {
  const now = new Date();
  const machine = describeMachine(now);
  const { server, origin } = await startPageServer();
  const scratch = mkdtempSync(join(tmpdir(), 'foljsam-durability-'));
  const results: OptionResult[] = [];
  const trials: EndingTrial[] = [];
  let version = 'unknown';
  try {
    const running = await startChromium(join(scratch, 'profile'));
    runningChromiums.add(running.child);
    try {
      version = running.browser.version();
      for (const option of OPTIONS) {
        progress(`${option.id}: opening`);
        results.push(await measureOption(running, origin, option));
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      }
    } finally {
      await quitChromium(running);
      runningChromiums.delete(running.child);
    }
    if (TRIALS) {
      for (const option of OPTIONS) {
        const measured = results.find((result) => result.option === option);
        const points = Object.keys(measured?.typing?.points ?? { durable: null });
        for (const point of points) {
          for (const ending of ['tab', 'browser'] as const) {
            progress(`${option.id}: ${ending === 'tab' ? 'tab closed' : 'browser killed'} at "${point}"`);
            trials.push(await endingTrial(origin, option, point, ending));
          }
        }
      }
    }
  } finally {
    server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  const endLoad = loadavg()[0] ?? Number.NaN;

  const notes: string[] = [];
  for (const result of results) {
    for (const workload of [result.typing, result.burst]) {
      for (const failure of workload?.failures ?? []) notes.push(`${result.option.id}: ${failure}`);
    }
    if (result.readBack && result.readBack.stored !== result.readBack.written) {
      notes.push(
        `${result.option.id}: read back ${result.readBack.stored} keystrokes of ${result.readBack.written}`,
      );
    }
    for (const message of result.messages) notes.push(`${result.option.id}, browser console: ${message}`);
    if (result.typing && result.typing.latenessP99 > 5) {
      notes.push(
        `${result.option.id}: the page's 10/s timer fired up to ${ms(result.typing.latenessP99)} ms late (p99): the CPU was busy`,
      );
    }
  }
  for (const trial of trials) {
    for (const message of trial.messages) notes.push(`${trial.option.id} trial, browser console: ${message}`);
  }

  const lines = [
    `# Browser durability options, ${machine.date.slice(0, 10)}`,
    '',
    `Chromium ${version} (Debian, headless), Node ${machine.node}, ${machine.cpuModel}, ${machine.cores} cores ` +
      `(shared: load average ${machine.loadAverage.toFixed(2)} at the start, ${endLoad.toFixed(2)} at the end). ` +
      `Each keystroke writes ${PAYLOAD_BYTES.min}–${PAYLOAD_BYTES.max} random bytes (seeded: the same for every option); ` +
      `typing: ${TYPING_KEYS} keystrokes at ${1000 / TYPING_INTERVAL_MS}/s, open loop; burst: ${BURST_KEYS} back to back, ` +
      `each in its own task without waiting for the one before; ${WARMUP_KEYS} warm-up keystrokes first. ` +
      'Latency: the write call → the durable point, measured in the page (PGlite options run in a dedicated worker, as in the app, ' +
      `and include the message to it and back). Options run one after another in one browser, ${SETTLE_MS / 1000} s apart.`,
    '',
    ...latencyRows(results),
    '',
  ];
  if (TRIALS) {
    lines.push(
      '## The tab closed, the browser killed, at the durable point',
      '',
      `${TRIAL_KEYS} keystrokes at ${1000 / TYPING_INTERVAL_MS}/s on a fresh profile; as soon as the page reports the last one at the point, ` +
        'the tab is closed and the page opened again in a new tab, or the whole browser is SIGKILLed (its process group) and ' +
        'started again on the profile; then the option counts what it holds. A power loss cannot be tried here: ' +
        'what the operating system had accepted but not written survives a browser kill and would not survive that.',
      '',
      ...endingRows(trials),
      '',
    );
  }
  lines.push('## Reading', '', ...READING.map((line) => `- ${line}`), '');
  if (notes.length > 0) lines.push('## Notes', '', ...notes.map((note) => `- ${note}`), '');
  const markdown = lines.join('\n');
  process.stdout.write(`${markdown}\n`);
  const dir = PARTIAL
    ? pathToFileURL(`${mkdtempSync(join(tmpdir(), 'foljsam-durability-results-'))}/`)
    : RESULTS_DIR;
  mkdirSync(dir, { recursive: true });
  const file = new URL(`durability-${machine.date.slice(0, 10)}.md`, dir);
  writeFileSync(file, `${markdown}\n`);
  progress(`wrote ${fileURLToPath(file)}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of runningChromiums) killChromium(child);
    process.exit(130);
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    for (const child of runningChromiums) killChromium(child);
    console.error(error);
    process.exit(1);
  },
);
