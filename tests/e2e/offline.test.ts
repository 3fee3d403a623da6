/**
 * End to end, offline first: the built client (service worker, PGlite in IndexedDB) in
 * Debian's Chromium with a persistent profile, against a real server. The network is cut
 * with `context.setOffline`; a browser restart is a new launch on the same profile.
 */

import { assignmentsDocumentName, type ProgressStatus, readAssignment } from '@foljsam/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { submitSignIn } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { emptyDir } from '../support/dataDir';
import { persistentAppUnderTest } from '../support/persistentApp';
import { connectClient, waitFor } from '../support/yClient';

const ASSIGNMENTS = assignmentsDocumentName(2015);
/** The empty local database the build ships, so a first visit skips initdb (client/build/initialDataDir.ts). */
const INITIAL_DATA_DIR = /\/pglite-datadir[^/]*\.gz$/;

/** Counts the browser's requests for the build's empty local database. */
function countInitialDataDirRequests(context: BrowserContext): () => number {
  let count = 0;
  context.on('request', (request) => {
    if (INITIAL_DATA_DIR.test(new URL(request.url()).pathname)) count += 1;
  });
  return () => count;
}
/** PGlite's first start in a browser takes seconds; on a busy two-core machine more. */
const SLOW = { timeout: 90_000 };
/** Each test starts Chromium (one of them twice) and waits for PGlite's first start. */
const TEST_TIMEOUT_MS = 300_000;

const app = persistentAppUnderTest();
const launch = app.launch;

/** Signs in on /uppdrag and waits until the workspace is kept locally and the service worker is active. */
async function signInAndKeepLocally(page: Page, username: string): Promise<void> {
  await page.goto('/uppdrag');
  await submitSignIn(page, username, 'demo');
  await waitForAssignments(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.locator('[data-testid="sync-last-full"]', { hasText: 'Senast helt synkad' }).waitFor(SLOW);
}

async function waitForAssignments(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Uppdrag från fullmäktige 2015' }).waitFor(SLOW);
  await page.waitForFunction(
    () => document.querySelectorAll('[data-assignment-id]').length === 6,
    null,
    SLOW,
  );
}

const pendingCount = async (page: Page) =>
  Number(await page.getByTestId('sync-pending').getAttribute('data-count'));

async function waitForPending(page: Page, test: 'zero' | 'some'): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const count = Number(
        document.querySelector('[data-testid="sync-pending"]')?.getAttribute('data-count'),
      );
      return wanted === 'zero' ? count === 0 : count > 0;
    },
    test,
    SLOW,
  );
}

/** Waits until every local change is written to the browser's local store. */
async function waitForSavedLocally(page: Page): Promise<void> {
  await page.locator('[data-testid="sync-pending"][data-unsaved="0"]').waitFor(SLOW);
}

/** The status the server holds for an assignment, read by a second user (a plain y-websocket client). */
async function serverStatus(id: string): Promise<ProgressStatus | undefined> {
  const { token } = await signIn(app.server.url, 'kommunchef');
  const reader = connectClient(app.server.wsUrl, ASSIGNMENTS, token);
  try {
    await reader.synced;
    return readAssignment(reader.doc, id)?.status;
  } finally {
    reader.destroy();
  }
}

async function setStatus(page: Page, id: string, status: ProgressStatus): Promise<void> {
  await page.locator(`[data-testid="status-${id}"]`).selectOption(status);
}

describe('offline first in Chromium', () => {
  // One department head's browser for both the offline reload and the browser restart: the
  // first visit keeps the whole department's year locally (seventeen documents), which costs
  // far more than either check.
  it(
    'starts with no network after one visit and syncs an offline edit; keeps offline edits across a browser restart and sends them once online',
    async () => {
      const profile = emptyDir('profile-');
      const first = await launch(profile);
      const firstVisitFetches = countInitialDataDirRequests(first.context);
      await signInAndKeepLocally(first.page, 'chef-hr');
      // The first visit loads the build's empty database instead of running initdb.
      expect(firstVisitFetches()).toBe(1);

      // Offline reload: the app starts from the service worker and the local store.
      await first.context.setOffline(true);
      await first.page.reload();
      await waitForAssignments(first.page);
      await first.page.getByTestId('sync-unverified').waitFor();
      expect(await first.page.getByTestId('sync-phase').textContent()).toBe('Offline');

      // One of HR's own assignments: a department head may change its status.
      const reloaded = 'ka-2015-6';
      const initial = await serverStatus(reloaded);
      const target = initial === 'klar' ? 'pagar' : 'klar';
      await setStatus(first.page, reloaded, target);
      await waitForPending(first.page, 'some');
      expect(await serverStatus(reloaded)).toBe(initial);

      await first.context.setOffline(false);
      await waitForPending(first.page, 'zero');
      expect(await serverStatus(reloaded)).toBe(target);
      await first.page.getByTestId('sync-unverified').waitFor({ state: 'detached', ...SLOW });

      // Offline again, an edit, and the browser closed before the network returns.
      // Chromium's offline emulation leaves open websockets alone: reload to drop them.
      await first.context.setOffline(true);
      await first.page.reload();
      await waitForAssignments(first.page);
      await setStatus(first.page, 'ka-2015-2', 'pagar');
      await waitForPending(first.page, 'some');
      await waitForSavedLocally(first.page);
      await first.context.close();

      const second = await launch(profile, true);
      const laterFetches = countInitialDataDirRequests(second.context);
      await second.page.goto('/uppdrag');
      await waitForAssignments(second.page);
      await second.page.waitForFunction(
        () =>
          document.querySelector<HTMLSelectElement>('[data-testid="status-ka-2015-2"]')?.value === 'pagar',
        null,
        SLOW,
      );
      await waitForPending(second.page, 'some');
      expect(await pendingCount(second.page)).toBeGreaterThan(0);
      // The database is there: no second copy is fetched.
      expect(laterFetches()).toBe(0);
      expect(await serverStatus('ka-2015-2')).not.toBe('pagar');

      await second.context.setOffline(false);
      await waitForPending(second.page, 'zero');
      expect(await serverStatus('ka-2015-2')).toBe('pagar');
      await second.context.close();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'loses nothing any client wrote when the server is killed while they edit (on a local database made by initdb)',
    async () => {
      const { context, page } = await launch(emptyDir('profile-'));
      // A browser that cannot fetch the build's empty database makes its own and works the same.
      let refused = 0;
      await context.route(INITIAL_DATA_DIR, (route) => {
        refused += 1;
        return route.abort();
      });
      await signInAndKeepLocally(page, 'kommunchef');
      expect(refused).toBe(1);
      // The admin may change any field of any assignment (a department head only progress).
      const { token } = await signIn(app.server.url, 'admin');
      const node = connectClient(app.server.wsUrl, ASSIGNMENTS, token);
      await node.synced;

      await setStatus(page, 'ka-2015-3', 'pagar');
      await app.server.kill('SIGKILL');
      // Both keep editing while the server is down.
      await setStatus(page, 'ka-2015-4', 'klar');
      const { updateAssignment } = await import('@foljsam/domain');
      updateAssignment(
        node.doc,
        'ka-2015-5',
        { responsiblePerson: 'Skriven under avbrottet' },
        asAuthor('admin'),
      );
      await waitForPending(page, 'some');

      await app.restart();
      await waitForPending(page, 'zero');
      await waitFor(
        () => node.provider.synced && node.provider.wsconnected,
        'the node client reconnected',
        60_000,
      );
      const { token: readerToken } = await signIn(app.server.url, 'admin');
      const reader = connectClient(app.server.wsUrl, ASSIGNMENTS, readerToken);
      try {
        await reader.synced;
        await waitFor(
          () => readAssignment(reader.doc, 'ka-2015-5')?.responsiblePerson === 'Skriven under avbrottet',
          'the node client edit on the server',
          60_000,
        );
        expect(readAssignment(reader.doc, 'ka-2015-3')?.status).toBe('pagar');
        expect(readAssignment(reader.doc, 'ka-2015-4')?.status).toBe('klar');
        // And the browser shows the node client's edit too.
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('textarea, input')].some(
              (field) => (field as HTMLInputElement).value === 'Skriven under avbrottet',
            ),
          null,
          SLOW,
        );
      } finally {
        reader.destroy();
        node.destroy();
      }
      await context.close();
    },
    TEST_TIMEOUT_MS,
  );
});
