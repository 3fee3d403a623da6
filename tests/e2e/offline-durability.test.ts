/**
 * End to end: nothing typed offline is lost when the page goes away at once. A department
 * head's browser (Debian's Chromium, persistent profile, the built client with its service
 * worker) is cut off from the network, types a sentence into an analysis and a forecast into
 * the budget, and then, after a delay from 0 to 500 ms, the page is reloaded (or the browser
 * closed and started again). Twelve runs each, their delays spread evenly over 0–500 ms
 * (`OFFLINE_DURABILITY_RUNS=40` for a finer sweep: the suite's time budget keeps the default
 * small); after every restart everything typed so far must be there, and once the network is
 * back the server must hold all of it.
 *
 * The delays are what the test varies, not what it asserts: no run waits for a "saved" signal.
 */
import { readReport, reportDocumentName, reportText, xmlToPlainText } from '@foljsam/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { submitSignIn } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { emptyDir } from '../support/dataDir';
import { persistentAppUnderTest } from '../support/persistentApp';
import { connectClient, waitFor } from '../support/yClient';

const MONTH = '2015-03';
const DEPARTMENT = 'hr';
const REPORT_PATH = `/rapport/${MONTH}/${DEPARTMENT}`;
const RUNS = Number(process.env.OFFLINE_DURABILITY_RUNS ?? 12);
const MAX_DELAY_MS = 500;
/** A first visit keeps seventeen documents and starts PGlite; generous for a busy two-core machine. */
const SLOW = { timeout: 90_000 };
const TEST_TIMEOUT_MS = 600_000;

const app = persistentAppUnderTest();

async function launch(profile: string, offline = false): Promise<{ context: BrowserContext; page: Page }> {
  const launched = await app.launch(profile, offline);
  // A leave-page prompt is the user's choice to make; here the user always leaves.
  launched.page.on('dialog', (dialog) => void dialog.accept());
  return launched;
}

/** The run's delays: 0 to 500 ms, evenly spread. */
const delayOf = (run: number) => Math.round((run * MAX_DELAY_MS) / (RUNS - 1));
/** Which test typed a sentence: the restarts test may start on the reloads test's profile. */
type Tag = 'Omladdning' | 'Omstart';
/**
 * Short, so typing costs little of each run, yet several keystrokes (several updates); the
 * number is followed by a full stop, so run 1's sentence is no part of run 11's.
 */
const sentenceOf = (tag: Tag, run: number) => ` ${tag} ${run}.`;
const forecastOf = (run: number) => 18_500 + run;

/** The analysis every run writes into: the report's first one (a goal's). */
async function analysisKey(page: Page): Promise<string> {
  const testId = await page.locator('[data-testid^="analysis-"]').first().getAttribute('data-testid');
  if (!testId) throw new Error('the report has no analysis');
  return testId.slice('analysis-'.length);
}

async function openReport(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: /Månadsrapport mars 2015/ }).waitFor(SLOW);
  await page.locator('[data-testid^="analysis-"]').first().waitFor(SLOW);
  await page.getByTestId('budget-forecast').waitFor(SLOW);
}

/** First visit online: signed in, the service worker active, the workspace kept locally. */
async function firstVisit(page: Page): Promise<void> {
  await page.goto(REPORT_PATH);
  await submitSignIn(page, 'chef-hr', 'demo');
  await openReport(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.locator('[data-testid="sync-last-full"]', { hasText: 'Senast helt synkad' }).waitFor(SLOW);
}

/**
 * Types run `run`'s sentence at the end of the analysis and its forecast, in an order that
 * alternates (so each kind of field is the last keystroke before the page goes away in half
 * the runs), then waits the run's delay.
 */
async function typeRun(page: Page, key: string, tag: Tag, run: number): Promise<void> {
  const typeSentence = async () => {
    await page.getByTestId(`analysis-${key}`).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(sentenceOf(tag, run));
  };
  const typeForecast = async () => {
    await page.getByTestId('budget-forecast').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(forecastOf(run)));
  };
  if (run % 2 === 0) {
    await typeSentence();
    await typeForecast();
  } else {
    await typeForecast();
    await typeSentence();
  }
  if (delayOf(run) > 0) await page.waitForTimeout(delayOf(run));
}

/** What of runs 0..`run` the page shows after a restart, as a list of what is missing. */
async function missingAfter(page: Page, key: string, tag: Tag, run: number): Promise<string[]> {
  await openReport(page);
  const expectedSentences = Array.from({ length: run + 1 }, (_, i) => sentenceOf(tag, i).trim());
  const expectedForecast = String(forecastOf(run));
  const shows = async () => {
    const text = (await page.getByTestId(`analysis-${key}`).textContent()) ?? '';
    const forecast = ((await page.getByTestId('budget-forecast').inputValue()) ?? '').replace(/\s/g, '');
    return { text, forecast };
  };
  // The local copy is applied as the screen opens; give it a moment to render, not to arrive
  // from anywhere else (there is no network).
  await page
    .waitForFunction(
      ([testId, sentence]) =>
        document.querySelector(`[data-testid="${testId}"]`)?.textContent?.includes(sentence),
      [`analysis-${key}`, sentenceOf(tag, run).trim()] as const,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  const { text, forecast } = await shows();
  const missing = expectedSentences.filter((sentence) => !text.includes(sentence));
  if (forecast !== expectedForecast)
    missing.push(`forecast ${expectedForecast} (shows ${forecast || 'nothing'})`);
  if (missing.length > 0) missing.push(await journalState(page));
  return missing;
}

/** What the browser's journal holds, to tell a lost write from one that was not shown. */
function journalState(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((done) => {
        const shadows = Object.keys(localStorage).filter((key) => key.startsWith('foljsam.journal.')).length;
        const request = indexedDB.open('foljsam-journal');
        request.onerror = () => done(`journal not readable, ${shadows} shadows`);
        request.onsuccess = () => {
          const count = request.result.transaction('entries').objectStore('entries').count();
          count.onsuccess = () => done(`journal: ${count.result} entries, ${shadows} shadows`);
        };
      }),
  );
}

/** After the network is back: the server holds every sentence and the last forecast. */
async function expectOnServer(key: string, tag: Tag, runs: number): Promise<void> {
  const { token } = await signIn(app.server.url, 'kommunchef');
  const reader = connectClient(app.server.wsUrl, reportDocumentName(MONTH, DEPARTMENT), token);
  try {
    await reader.synced;
    const sentences = Array.from({ length: runs }, (_, i) => sentenceOf(tag, i).trim());
    const analysis = () => xmlToPlainText(reportText(reader.doc, 'analysis', key as `goal:${string}`));
    await waitFor(
      () =>
        sentences.every((sentence) => analysis().includes(sentence)) &&
        readReport(reader.doc, MONTH, DEPARTMENT).budget.forecastTkr === forecastOf(runs - 1),
      'every offline edit on the server',
      60_000,
    );
  } finally {
    reader.destroy();
  }
}

/** The documents with unconfirmed changes and their count of changed fields, as the sync bar says. */
async function pendingDocuments(page: Page): Promise<string | null> {
  return page.getByTestId('sync-pending').getAttribute('data-documents');
}

async function waitForPendingZero(page: Page): Promise<void> {
  try {
    await page.locator('[data-testid="sync-pending"][data-count="0"]').waitFor(SLOW);
  } catch (error) {
    const status = await page.getByTestId('sync-status').evaluate((element) => element.outerHTML);
    throw new Error(`the pending count did not reach 0: ${status}; ${await journalState(page)}`, {
      cause: error,
    });
  }
}

describe('offline edits survive the page going away at once', () => {
  /** A profile the reloads test left signed in and fully synced, with the analysis it wrote in. */
  let synced: { profile: string; key: string } | null = null;

  it(
    `keeps a sentence and a number typed offline across ${RUNS} immediate reloads (0–500 ms)`,
    async () => {
      const tag: Tag = 'Omladdning';
      const profile = emptyDir('profile-');
      const { context, page } = await launch(profile);
      await firstVisit(page);
      const key = await analysisKey(page);
      await context.setOffline(true);
      // Chromium's offline emulation leaves open websockets alone: reload to drop them.
      await page.reload();
      await openReport(page);
      const lost: string[] = [];
      for (let run = 0; run < RUNS; run++) {
        await typeRun(page, key, tag, run);
        await page.reload({ waitUntil: 'commit' });
        const missing = await missingAfter(page, key, tag, run);
        if (missing.length > 0) lost.push(`run ${run} (${delayOf(run)} ms): ${missing.join('; ')}`);
      }
      expect(lost).toEqual([]);

      // The counter counts changed fields, not keystrokes: one analysis and one forecast, the
      // same after a reload (the fields are stored with each change).
      await page.locator('[data-testid="sync-device"][data-saved="true"]').waitFor(SLOW);
      expect(await pendingDocuments(page)).toBe(`${reportDocumentName(MONTH, DEPARTMENT)}=2`);
      await page.reload();
      await openReport(page);
      await page
        .locator(`[data-testid="sync-pending"][data-count="2"]`)
        .waitFor(SLOW)
        .catch(() => undefined);
      expect(await pendingDocuments(page)).toBe(`${reportDocumentName(MONTH, DEPARTMENT)}=2`);

      await context.setOffline(false);
      await expectOnServer(key, tag, RUNS);
      await waitForPendingZero(page);
      await context.close();
      synced = { profile, key };
    },
    TEST_TIMEOUT_MS,
  );

  it(
    `keeps them across ${RUNS} browser restarts right after typing (0–500 ms)`,
    async () => {
      const tag: Tag = 'Omstart';
      let profile: string;
      let key: string;
      if (synced) {
        // The reloads test left a signed-in profile with everything synced and the browser
        // closed: start from it offline, instead of paying for another first visit.
        ({ profile, key } = synced);
      } else {
        profile = emptyDir('profile-');
        const first = await launch(profile);
        await firstVisit(first.page);
        key = await analysisKey(first.page);
        await first.context.close();
      }
      let { context, page } = await launch(profile, true);
      await page.goto(REPORT_PATH);
      await openReport(page);
      const lost: string[] = [];
      for (let run = 0; run < RUNS; run++) {
        await typeRun(page, key, tag, run);
        await context.close();
        ({ context, page } = await launch(profile, true));
        await page.goto(REPORT_PATH);
        const missing = await missingAfter(page, key, tag, run);
        if (missing.length > 0) lost.push(`run ${run} (${delayOf(run)} ms): ${missing.join('; ')}`);
      }
      expect(lost).toEqual([]);
      await context.close();
      ({ context, page } = await launch(profile));
      await page.goto(REPORT_PATH);
      await openReport(page);
      await expectOnServer(key, tag, RUNS);
      await waitForPendingZero(page);
      await context.close();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'asks before leaving when the browser cannot keep a change on the device',
    async () => {
      const { context, page } = await launch(emptyDir('profile-'));
      // A browser without IndexedDB (some private modes): neither the journal nor PGlite can open.
      await context.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', { value: undefined });
      });
      await page.goto(REPORT_PATH);
      await submitSignIn(page, 'chef-hr', 'demo');
      await openReport(page);
      const key = await analysisKey(page);
      // The server goes away, so the change stays unconfirmed.
      await app.server.kill('SIGKILL');
      const dialogs: string[] = [];
      page.removeAllListeners('dialog');
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.type());
        void dialog.dismiss();
      });
      await page.getByTestId(`analysis-${key}`).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Inte sparad någonstans.');
      await page.locator('[data-testid="sync-device"][data-saved="false"]').waitFor(SLOW);
      // Staying on the page is the answer: the reload does not happen. Its promise would wait
      // for a load that never comes, so the test waits for the question instead.
      await page.evaluate(() => {
        document.documentElement.dataset.stayed = 'yes';
      });
      const asked = page.waitForEvent('dialog', { timeout: 10_000 }).catch(() => undefined);
      void page.reload().catch(() => undefined);
      await asked;
      expect(dialogs).toContain('beforeunload');
      expect(await page.evaluate(() => document.documentElement.dataset.stayed)).toBe('yes');
      expect(await page.getByTestId(`analysis-${key}`).textContent()).toContain('Inte sparad någonstans.');
      await context.close();
      // The file's last test: the server stays down (app.restart() brings it back for a test after it).
    },
    TEST_TIMEOUT_MS,
  );
});
