/**
 * End to end: the built client served by a real server, two people in two browsers.
 * They sign in through the UI, see the council's assignments of 2015 from the seed, and
 * each sees the other's status changes live. No mocks: real server, real Chromium.
 */
import { assignmentsDocumentName, readAssignments, readStatusHistory } from '@foljsam/domain';
import { councilAssignments2015 } from '@foljsam/domain/seed';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { appUnderTest, type SignedInPage, submitSignIn } from '../support/appUnderTest';
import { signIn } from '../support/auth';

const WRONG_CREDENTIALS = 'Fel användarnamn eller lösenord';

const app = appUnderTest();
/** The kommunchef the first test signs in after a wrong password; the last test goes on with them. */
let kommunchef: SignedInPage | undefined;

/** A new browser context (its own cookie jar: one person) with one page on the app's sign-in form. */
async function openApp(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.newContext();
  const page = await context.newPage();
  await page.goto('/uppdrag');
  await page.getByLabel('Användarnamn', { exact: true }).waitFor();
  return { context, page };
}

/** Signs in through the form and waits until the assignments are loaded and live. */
async function signInThroughUi(username: string): Promise<SignedInPage> {
  const signedIn = await app.signInAt(username, '/uppdrag');
  await waitForAssignmentsLoaded(signedIn.page);
  return signedIn;
}

async function waitForAssignmentsLoaded(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Uppdrag från fullmäktige 2015' }).waitFor();
  await page.locator('[data-testid="connection-status"]', { hasText: 'Ansluten' }).waitFor();
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-assignment-id]').length === count,
    councilAssignments2015.length,
  );
}

const statusSelect = (page: Page, id: string) => page.locator(`[data-testid="status-${id}"]`);

/** Waits until the row's status select shows `label` (polls in the page; no fixed sleeps). */
async function waitForStatusLabel(page: Page, id: string, label: string): Promise<void> {
  await page.waitForFunction(
    ([testId, expected]) => {
      const select = document.querySelector<HTMLSelectElement>(`[data-testid="${testId}"]`);
      return select?.selectedOptions[0]?.textContent === expected;
    },
    [`status-${id}`, label] as const,
  );
}

async function hasSessionCookie(context: BrowserContext): Promise<boolean> {
  return (await context.cookies()).some((cookie) => cookie.name === 'foljsam_session');
}

/** What the server holds: a plain y-websocket client reads the document. */
async function readServerDocument(): Promise<Y.Doc> {
  const { server } = app;
  const { token } = await signIn(server.url, 'admin');
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, assignmentsDocumentName(2015), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync with the server within 10 s')), 10_000);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    provider.destroy();
  }
  return doc;
}

describe('assignments, live in two browsers', () => {
  it('refuses a wrong password in Swedish and starts no session', async () => {
    const { context, page } = await openApp();
    await submitSignIn(page, 'kommunchef', 'inte-rätt');

    await page.getByRole('alert').filter({ hasText: WRONG_CREDENTIALS }).waitFor();
    expect(await page.getByTestId('sign-in-error').textContent()).toBe(WRONG_CREDENTIALS);
    expect(await hasSessionCookie(context)).toBe(false);
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    expect(await page.locator('[data-assignment-id]').count()).toBe(0);
    // The form stays usable: a correct password afterwards signs in.
    await submitSignIn(page, 'kommunchef', 'demo');
    await waitForAssignmentsLoaded(page);
    expect(await hasSessionCookie(context)).toBe(true);
    kommunchef = { context, page };
  });

  it('tells in Swedish when sign-in waits after too many failures', async () => {
    const { context, page } = await openApp();
    // Failures through the API from the page (past the five free ones, so the account waits
    // from this client), then the right password through the form during the wait.
    await page.evaluate(async () => {
      for (let i = 0; i < 10; i++) {
        await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'chef-it', password: `fel-${i}` }),
        });
      }
    });
    await submitSignIn(page, 'chef-it', 'demo');
    await page.getByRole('alert').filter({ hasText: 'För många misslyckade inloggningar' }).waitFor();
    // The wait is seconds long: the message says so in seconds, not rounded up to minutes.
    expect(await page.getByTestId('sign-in-error').textContent()).toMatch(
      /Försök igen om (1 sekund|\d+ sekunder)\./,
    );
    expect(await hasSessionCookie(context)).toBe(false);
    await context.close();
  });

  it('shows the seeded assignments and syncs status changes both ways', async () => {
    // The kommunchef of the first test (a first visit costs seconds), on the whole board.
    const first = kommunchef ?? (await signInThroughUi('kommunchef'));
    const second = await signInThroughUi('chef-hr');

    // Both see the six assignments of 2015, in the seed's order, with the seed's titles.
    for (const { page } of [first, second]) {
      const editsEverything = page === first.page;
      const ids = await page
        .locator('[data-assignment-id]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-assignment-id')));
      expect(ids).toEqual(councilAssignments2015.map((assignment) => assignment.id));
      // For the kommunchef each title is edited in place (the row header holds a field with the
      // title as its value); the HR head, who may change only status and progress note, sees text.
      const titles = editsEverything
        ? await page
            .locator('[data-assignment-id] th[scope="row"] textarea')
            .evaluateAll((fields) => fields.map((field) => (field as HTMLTextAreaElement).value))
        : await page.locator('[data-assignment-id] th[scope="row"]').allTextContents();
      expect(titles).toEqual(councilAssignments2015.map((assignment) => assignment.title));
      expect(titles.some((title) => title.includes('elbilspool'))).toBe(true);
      // Department names come from /api/departments, dates are Swedish (2015-12-31).
      const hrTitle = councilAssignments2015[1]?.title;
      if (!editsEverything) {
        // The department's name arrives from /api/departments after the rows.
        await page.locator('[data-assignment-id="ka-2015-2"] td', { hasText: /^HR avdelningen$/ }).waitFor();
        expect(await page.locator('[data-assignment-id="ka-2015-2"] time').nth(1).textContent()).toBe(
          '2015-12-31',
        );
        continue;
      }
      const hrDepartment = page.getByLabel(`Ansvarig avdelning för ${hrTitle}`, { exact: true });
      await page.waitForFunction(
        (label) =>
          [...document.querySelectorAll<HTMLSelectElement>('select[aria-label]')].some(
            (select) =>
              select.getAttribute('aria-label') === label &&
              select.selectedOptions[0]?.textContent === 'HR avdelningen',
          ),
        `Ansvarig avdelning för ${hrTitle}`,
      );
      expect(await hrDepartment.inputValue()).toBe('hr');
      expect(await page.getByLabel(`Slutdatum för ${hrTitle}`, { exact: true }).inputValue()).toBe(
        '2015-12-31',
      );
      expect(await statusSelect(page, 'ka-2015-1').inputValue()).toBe('ej-paborjad');
      expect(await statusSelect(page, 'ka-2015-1').getAttribute('aria-label')).toBe(
        `Status för ${councilAssignments2015[0]?.title}`,
      );
    }

    // The kommunchef starts HR's full-time assignment; the HR head sees it. The HR head only
    // touches HR's own assignments, so the test holds once the server enforces write rights.
    await first.page
      .getByRole('combobox', { name: /^Status för Leda arbetet med införande av personalkläder/ })
      .selectOption({ label: 'Pågår' });
    await waitForStatusLabel(second.page, 'ka-2015-2', 'Pågår');
    expect(await statusSelect(second.page, 'ka-2015-2').inputValue()).toBe('pagar');

    // The HR head finishes another assignment and sets the first one back; the kommunchef sees both.
    await statusSelect(second.page, 'ka-2015-6').selectOption({ label: 'Klar' });
    await statusSelect(second.page, 'ka-2015-2').selectOption({ label: 'Ej påbörjad' });
    await waitForStatusLabel(first.page, 'ka-2015-6', 'Klar');
    await waitForStatusLabel(first.page, 'ka-2015-2', 'Ej påbörjad');

    // The server holds the changes, with who made them.
    const doc = await readServerDocument();
    try {
      const statuses = Object.fromEntries(readAssignments(doc).map((a) => [a.id, a.status]));
      expect(statuses['ka-2015-2']).toBe('ej-paborjad');
      expect(statuses['ka-2015-6']).toBe('klar');
      const history = readStatusHistory(doc).map(({ assignmentId, from, to, by }) => ({
        assignmentId,
        from,
        to,
        by,
      }));
      expect(history).toEqual([
        { assignmentId: 'ka-2015-2', from: 'ej-paborjad', to: 'pagar', by: 'kommunchef' },
        { assignmentId: 'ka-2015-6', from: 'ej-paborjad', to: 'klar', by: 'chef-hr' },
        { assignmentId: 'ka-2015-2', from: 'pagar', to: 'ej-paborjad', by: 'chef-hr' },
      ]);
    } finally {
      doc.destroy();
    }

    // A valid session cookie skips the sign-in form on reload.
    await first.page.reload();
    await waitForAssignmentsLoaded(first.page);
    await waitForStatusLabel(first.page, 'ka-2015-6', 'Klar');

    // Signing out ends the session and shows the form again.
    await second.page.getByRole('button', { name: 'Logga ut' }).click();
    await second.page.getByLabel('Användarnamn', { exact: true }).waitFor();
    expect(await hasSessionCookie(second.context)).toBe(false);
    expect(await second.page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
  });
});
