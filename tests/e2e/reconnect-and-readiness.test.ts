/**
 * End to end in Chromium, the built client against a real server:
 *
 * - After a server restart the page reconnects and sends its offline edit without the
 *   browser's `online` event (its own network never went away). The page runs with a one-hour
 *   reconnect back-off whose random always draws the end of the window, so a socket that
 *   reconnects within this test's minutes can only have been told that the server is back (a
 *   probe of /api/health or a REST answer): the difference is structural, not a timing.
 * - The first visit's progress bar finishes and disappears; offline, the status bar says how
 *   many of the workspace's documents are on this device and names the missing ones in words;
 *   after the network returns, the missing ones arrive, the progress does not stay behind, and
 *   "Senast helt synkad" reads "just nu" again.
 */
import { resolve } from 'node:path';
import { type ReportItemKey, reportDocumentName, reportText } from '@foljsam/domain';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitSignIn } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { launchChromium } from '../support/browser';
import { freshDataDir } from '../support/dataDir';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { connectClient } from '../support/yClient';

const CLIENT_DIST = resolve(
  process.env.CLIENT_DIST ?? new URL('../../client/dist', import.meta.url).pathname,
);
/** PGlite's first start in a browser takes seconds; on a busy two-core machine far more. */
const SLOW = { timeout: 120_000 };
const TEST_TIMEOUT_MS = 300_000;
const REPORT = reportDocumentName('2015-03', 'hr');

let server: ServerProcess;
let serverOptions: { dataDir: string; env: Record<string, string> };
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  serverOptions = { dataDir: freshDataDir(), env: { CLIENT_DIST } };
  server = await startServerProcess(serverOptions);
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.kill();
});

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.url, locale: 'sv-SE' });
  contexts.push(context);
  return context;
}

async function waitForPending(page: Page, wanted: 'zero' | 'some', timeout = SLOW.timeout): Promise<void> {
  await page.waitForFunction(
    (test) => {
      const count = Number(
        document.querySelector('[data-testid="sync-pending"]')?.getAttribute('data-count'),
      );
      return test === 'zero' ? count === 0 : count > 0;
    },
    wanted,
    { timeout },
  );
}

/** The text the server holds in an analysis field of the March report. */
async function serverAnalysis(itemKey: string): Promise<string> {
  const { token } = await signIn(server.url, 'chef-hr');
  const reader = connectClient(server.wsUrl, REPORT, token);
  try {
    await reader.synced;
    return reportText(reader.doc, 'analysis', itemKey as ReportItemKey).toString();
  } finally {
    reader.destroy();
  }
}

describe('reconnecting and the workspace on this device, in Chromium', () => {
  it(
    'reconnects after a server restart long before its back-off would, with no online event',
    async () => {
      const context = await newContext();
      await context.addInitScript(() => {
        const page = window as unknown as {
          __FOLJSAM_RECONNECT_BACKOFF__: unknown;
          __onlineEvents: number;
        };
        // One hour, always the end of the window: only a proof of reachability can cut it short.
        page.__FOLJSAM_RECONNECT_BACKOFF__ = { baseMs: 3_600_000, capMs: 3_600_000, random: () => 0.999 };
        page.__onlineEvents = 0;
        window.addEventListener('online', () => {
          page.__onlineEvents += 1;
        });
      });
      const page = await context.newPage();
      await page.goto('/rapport/2015-03/hr');
      await submitSignIn(page, 'chef-hr', 'demo');
      const editor = page.locator('[data-testid^="analysis-"][contenteditable="true"]').first();
      await editor.waitFor(SLOW);
      const itemKey = ((await editor.getAttribute('data-testid')) ?? '').replace(/^analysis-/, '');
      await page.getByTestId('sync-offline-ready').waitFor(SLOW);
      await waitForPending(page, 'zero');

      await server.kill('SIGKILL');
      await page.getByTestId('sync-phase').filter({ hasText: 'Offline' }).waitFor(SLOW);
      const sentence = ' Skrivet medan servern startade om.';
      await editor.click();
      await page.keyboard.press('End');
      await page.keyboard.type(sentence);
      await waitForPending(page, 'some');
      expect(await serverAnalysis(itemKey).catch(() => 'unreachable')).toBe('unreachable');

      server = await startServerProcess({ ...serverOptions, port: server.port });
      // Well inside the hour each waiting socket would otherwise sit out.
      await waitForPending(page, 'zero', 90_000);
      expect(await serverAnalysis(itemKey)).toContain(sentence.trim());
      expect(await page.getByTestId('sync-phase').textContent()).not.toBe('Offline');
      expect(
        await page.evaluate(() => (window as unknown as { __onlineEvents: number }).__onlineEvents),
      ).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'finishes the first sync, says offline what is on this device, and catches up after the network returns',
    async () => {
      const context = await newContext();
      // November's and December's reports do not get through: the mock socket never answers.
      const held = new Set<WebSocketRoute>();
      let holding = true;
      await context.routeWebSocket(
        (url) => /report:2015-1[12]:hr$/.test(decodeURIComponent(url.pathname)),
        (socket) => {
          if (holding) held.add(socket);
          else socket.connectToServer();
        },
      );
      const page = await context.newPage();
      await page.goto('/uppdrag');
      await submitSignIn(page, 'chef-hr', 'demo');
      const progress = page.getByTestId('sync-first-sync');
      await progress
        .filter({ hasText: 'Hämtar arbetsytan för offlinebruk: 15 av 17 dokument' })
        .waitFor(SLOW);
      expect(await progress.locator('progress').getAttribute('value')).toBe('15');
      expect(await page.getByTestId('sync-offline-ready').count()).toBe(0);
      // The app shell comes from the service worker offline; its first install can take longer
      // than the fifteen documents do.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });

      // Offline (a reload drops the open sockets; Chromium's emulation leaves them alone).
      await context.setOffline(true);
      await page.reload();
      const partial = page.getByTestId('sync-offline-partial');
      await partial.waitFor(SLOW);
      expect(await partial.locator('p').textContent()).toBe('15 av 17 dokument finns på den här enheten');
      expect(await partial.locator('summary').textContent()).toBe('2 dokument saknas offline');
      expect(await partial.locator('li').allTextContents()).toEqual([
        'Månadsrapport november 2015',
        'Månadsrapport december 2015',
      ]);
      // No progress bar while nothing can be fetched, and no claim of a full sync.
      expect(await progress.count()).toBe(0);
      expect(await page.getByTestId('sync-last-full').getAttribute('data-now')).toBe('false');
      expect(await page.getByTestId('sync-last-full').textContent()).not.toContain('just nu');

      // The network returns and the two documents get through.
      holding = false;
      await context.setOffline(false);
      for (const socket of held) await socket.close({ code: 1001 }).catch(() => undefined);
      const ready = page.getByTestId('sync-offline-ready');
      await ready.waitFor(SLOW);
      expect(await ready.getAttribute('data-count')).toBe('17');
      expect(await ready.textContent()).toBe('Finns offline');
      await progress.waitFor({ state: 'detached', ...SLOW });
      await partial.waitFor({ state: 'detached', ...SLOW });
      await page
        .locator('[data-testid="sync-last-full"][data-now="true"]', { hasText: 'Senast helt synkad just nu' })
        .waitFor(SLOW);

      // Offline once more: everything is here, and the last full sync shows as a time.
      await context.setOffline(true);
      await page.reload();
      await ready.filter({ hasText: 'Alla 17 dokument finns på den här enheten' }).waitFor(SLOW);
      expect(await partial.count()).toBe(0);
      expect(await progress.count()).toBe(0);
      expect(await page.getByTestId('sync-last-full').textContent()).toMatch(
        /^Senast helt synkad \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
      );
    },
    TEST_TIMEOUT_MS,
  );
});
