/**
 * Department filter → filtered list shown, on 500 assignments, in Debian's Chromium: the built
 * client on a real server whose `assignments:2015` document is filled to 500 assignments by an
 * admin's y-websocket client through the domain's writers. The manager (kommunchef) opens
 * /uppdrag; once the list is answered by the local SQL view (steady state), the department
 * filter goes from the whole list to one department, then N times to the next department
 * (`BENCH_FILTER_CHANGES`, default 20), then back to the whole list. Each change is timed in
 * the page from the change event to the list showing exactly the expected rows (DOM), to the
 * frame after that, and to the local SQL view answering the new filter. Then all of it again
 * with two more people's browsers open on the board. Prints p50 and p99 of the department
 * changes, the two whole-list changes, and the machine's load average (wall-clock figures on
 * a shared machine).
 *
 * Run from the repository root after `pnpm build`: `pnpm exec tsx bench/src/listFilter.ts`.
 * `BENCH_FILTER_PROF=<folder>` writes a CPU profile of the page during the first phase.
 */
// The timing runs in the page: its code needs the DOM's types (this package compiles without them).
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  addAssignment,
  assignmentsDocumentName,
  type ProgressStatus,
  readAssignments,
} from '@foljsam/domain';
import type { Browser, Locator, Page } from 'playwright-core';
import * as Y from 'yjs';
import { signIn } from '../../tests/support/auth';
import { launchChromium } from '../../tests/support/browser';
import { startServerProcess } from '../../tests/support/serverProcess';
import { connectClient, waitFor } from '../../tests/support/yClient';
import { percentile } from './stats';

const ASSIGNMENTS = 500;
const CHANGES = Number(process.env.BENCH_FILTER_CHANGES ?? 20);
const CLIENT_DIST = resolve(new URL('../../client/dist', import.meta.url).pathname);
const DOC = assignmentsDocumentName(2015);
const STATUSES: ProgressStatus[] = ['ej-paborjad', 'pagar', 'klar'];
/** First visits open PGlite in each browser: seconds, more on a busy machine. */
const SLOW = { timeout: 120_000 };

/** One filter change as the page saw it, in ms from the change event. */
interface Sample {
  /** The list holds exactly the expected rows. */
  dom: number;
  /** The frame after that (layout and paint of the new list included). */
  frame: number;
  /** The local SQL view's answer for the new filter is the one shown (`data-source`). */
  sql: number;
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'foljsam-filter-'));
  const server = await startServerProcess({ dataDir: join(scratch, 'data'), env: { CLIENT_DIST } });
  let browser: Browser | undefined;
  try {
    const { departments, all } = await seed(server.url, server.wsUrl);
    browser = await launchChromium();
    const open = async (username: string): Promise<Page> => {
      const context = await browser?.newContext({
        baseURL: server.url,
        locale: 'sv-SE',
        viewport: { width: 1400, height: 1000 },
      });
      if (!context) throw new Error('Chromium did not start');
      // tsx (esbuild, keepNames) wraps the named functions of the in-page timing code in a
      // `__name` helper that only exists in Node; give the page a no-op one.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      const page = await context.newPage();
      await page.goto('/uppdrag');
      await page.getByLabel('Användarnamn', { exact: true }).fill(username);
      await page.getByLabel('Lösenord', { exact: true }).fill('demo');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-assignment-id]').length === n,
        ASSIGNMENTS,
        SLOW,
      );
      await page.locator('[data-testid="board-count"][data-source="local-view"]').waitFor(SLOW);
      return page;
    };
    const manager = await open('kommunchef');
    const load = [loadAverage()];
    const alone = await profiled(manager, () => measure(manager, departments, all));
    await open('admin');
    await open('kommunchef');
    const three = await measure(manager, departments, all);
    load.push(loadAverage());

    const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'no answer in 60 s');
    console.log(
      `| department filter, ${ASSIGNMENTS} assignments (Chromium; ${CHANGES} changes between departments) | p50 | p99 |`,
    );
    console.log('| :-- | --: | --: |');
    for (const [label, phase] of [
      ['one browser', alone],
      ['three browsers open', three],
    ] as const) {
      const row = (what: string, pick: (sample: Sample) => number) => {
        const values = phase.changes.map(pick);
        // A query that never answered counts as the slowest.
        const p = (q: number) =>
          percentile(
            values.map((v) => (Number.isFinite(v) ? v : Infinity)),
            q,
          );
        console.log(`| ${label}: change → ${what} | ${ms(p(50))} | ${ms(p(99))} |`);
      };
      row('filtered rows in the DOM', (sample) => sample.dom);
      row('next frame', (sample) => sample.frame);
      row('answered by the local SQL view (the list does not wait for it)', (sample) => sample.sql);
    }
    console.log('');
    console.log('| once per phase | rows in the DOM | next frame |');
    console.log('| :-- | --: | --: |');
    for (const [label, phase] of [
      ['one browser', alone],
      ['three browsers open', three],
    ] as const) {
      console.log(
        `| ${label}: whole list → one department | ${ms(phase.first.dom)} | ${ms(phase.first.frame)} |`,
      );
      console.log(
        `| ${label}: one department → whole list | ${ms(phase.back.dom)} | ${ms(phase.back.frame)} |`,
      );
    }
    console.log('');
    console.log(
      `Load average (1 min) when measuring started and ended: ${load.join(' and ')} (${cpus().length} cores).`,
    );
  } finally {
    await browser?.close();
    await server.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The machine's 1-minute load average (the figures are wall-clock times on a shared machine). */
function loadAverage(): string {
  return (loadavg()[0] ?? 0).toFixed(1);
}

/**
 * With BENCH_FILTER_PROF=<folder>, the page's main thread is profiled while `run` runs and the
 * V8 CPU profile written there (open it in DevTools, or `npx tsx src/profileSummary.ts <file>`).
 */
async function profiled<T>(page: Page, run: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_FILTER_PROF;
  if (!folder) return run();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `listFilter-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.error(`CPU profile of the page: ${file}`);
  }
}

/**
 * Fills `assignments:2015` to 500 assignments (departments round-robin, statuses mixed) as
 * admin, and returns, per department id, the ids the filtered list must show, in order.
 */
async function seed(
  url: string,
  wsUrl: string,
): Promise<{ departments: Map<string, string[]>; all: string[] }> {
  const { token } = await signIn(url, 'admin');
  const response = await fetch(`${url}/api/departments`, { headers: { authorization: `Bearer ${token}` } });
  const { departments } = (await response.json()) as { departments: { id: string }[] };
  const writer = connectClient(wsUrl, DOC, token);
  const reader = connectClient(wsUrl, DOC, token, new Y.Doc());
  try {
    await Promise.all([writer.synced, reader.synced]);
    const existing = readAssignments(writer.doc).length;
    writer.doc.transact(() => {
      for (let i = existing; i < ASSIGNMENTS; i++) {
        addAssignment(writer.doc, {
          id: `bench-${i}`,
          title: `Uppdrag ${i}: utreda och återrapportera åtgärd nummer ${i}`,
          description: `Beskrivning av uppdrag ${i}.`,
          decisionRef: `KF § ${i}/2015`,
          startDate: '2015-01-01',
          endDate: `2015-${String((i % 12) + 1).padStart(2, '0')}-28`,
          departmentId: departments[i % departments.length]?.id ?? null,
          responsiblePerson: '',
          status: STATUSES[i % STATUSES.length] as ProgressStatus,
          progressNote: '',
        });
      }
    });
    await waitFor(
      () => readAssignments(reader.doc).length === ASSIGNMENTS,
      'the server has 500 assignments',
      60_000,
    );
    const byDepartment = new Map<string, string[]>();
    const all = readAssignments(reader.doc).map((assignment) => assignment.id);
    for (const assignment of readAssignments(reader.doc)) {
      if (assignment.departmentId === null) continue;
      const ids = byDepartment.get(assignment.departmentId) ?? [];
      ids.push(assignment.id);
      byDepartment.set(assignment.departmentId, ids);
    }
    return { departments: byDepartment, all };
  } finally {
    writer.destroy();
    reader.destroy();
  }
}

/** What one phase measured: leaving the whole list, the department changes, and back. */
interface Phase {
  /** Whole list (500 rows) → the first department. */
  first: Sample;
  /** CHANGES changes from one department to the next. */
  changes: Sample[];
  /** The last department → the whole list again. */
  back: Sample;
}

/**
 * From the whole list to a department, then CHANGES times to the next department, then back to
 * the whole list; each change timed in the page.
 */
async function measure(page: Page, departments: Map<string, string[]>, all: string[]): Promise<Phase> {
  const order = [...departments.keys()];
  const select: Locator = page.getByLabel('Avdelning', { exact: true });
  const change = (value: string, ids: string[]) => select.evaluate(timeChange, [value, ids.join()] as const);
  const idsOf = (department: string) => departments.get(department) ?? [];
  const first = await change(order[0] as string, idsOf(order[0] as string));
  const changes: Sample[] = [];
  for (let i = 1; i <= CHANGES; i++) {
    const department = order[i % order.length] as string;
    changes.push(await change(department, idsOf(department)));
  }
  const back = await change('', all);
  return { first, changes, back };
}

/**
 * Runs in the page: sets the select to `value` as a person's choice does (a change event), and
 * resolves with the time until the list shows exactly `wanted` (ids joined), the frame after
 * that, and the local SQL view answering (NaN if it does not within 60 s: the list never waits
 * for it).
 */
function timeChange(element: Element, [value, wanted]: readonly [string, string]): Promise<Sample> {
  return new Promise<Sample>((done, fail) => {
    const shown = () =>
      [...document.querySelectorAll('[data-assignment-id]')]
        .map((row) => row.getAttribute('data-assignment-id'))
        .join();
    const sqlAnswers = () =>
      document.querySelector('[data-testid="board-count"]')?.getAttribute('data-source') === 'local-view';
    const started = performance.now();
    let dom: number | null = null;
    let frame: number | null = null;
    let sql: number | null = null;
    const finish = () => {
      if (dom === null || frame === null || sql === null) return;
      observer.disconnect();
      clearTimeout(timer);
      done({ dom, frame, sql });
    };
    const check = () => {
      const now = performance.now() - started;
      if (dom === null && shown() === wanted) {
        dom = now;
        requestAnimationFrame(() =>
          setTimeout(() => {
            frame = performance.now() - started;
            finish();
          }),
        );
      }
      if (dom !== null && sql === null && sqlAnswers()) sql = now;
      finish();
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const timer = setTimeout(() => {
      if (dom !== null && frame !== null) {
        sql = Number.NaN;
        finish();
        return;
      }
      observer.disconnect();
      fail(new Error(`the filter "${value}" did not apply within 60 s`));
    }, 60_000);
    (element as HTMLSelectElement).value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
    check();
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
