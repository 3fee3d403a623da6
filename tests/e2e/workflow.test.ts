/**
 * End to end: a monthly report's life cycle in two browsers against a real server. The HR
 * head submits, the kommunchef returns it with a comment, the head fixes it and submits again,
 * the kommunchef approves; then it is read-only for both, in the page and on the server (a
 * stock y-websocket client in Node reads what the server holds). Reopened, it is submitted
 * again and changed after submission: the kommunchef sees "Ändrat efter inskick", an approval
 * of a version that is no longer current is refused with the change shown, and the approval of
 * the current one goes through. No mocks: the kommunchef's late view is the server's own
 * messages held back on the way to that browser. With FOLJSAM_SCREENSHOTS=1 it saves
 * docs/screenshots/workflow-changed.png (the panel after the refused approval).
 */
import { readReport, reportDocumentName } from '@foljsam/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appUnderTest } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

// A month no other file touches: the demo workspace has reports for January to March only.
const MONTH = '2015-06';
const DEPARTMENT = 'hr';
const PATH = `/rapport/${MONTH}/${DEPARTMENT}`;
const INDICATOR = 'indicator:ind-heltid';
const INDICATOR_TITLE = 'Andel personal som arbetar heltid';
const COMMENT = 'Analysen av heltidsmåttet saknas. Komplettera före den 10:e.';
const HR_HEAD = 'Avdelningschef HR avdelningen';

// The head and the kommunchef of beforeAll stay for the file; anyone a test signs in leaves with it.
const app = appUnderTest({ closeContextsAfterEachTest: true });
let node: YClient;
let head: Page;
let manager: Page;

async function openReport(
  username: string,
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<Page> {
  const { page } = await app.signInAt(username, PATH, undefined, prepare);
  await page.getByRole('heading', { level: 1, name: 'Månadsrapport juni 2015: HR avdelningen' }).waitFor();
  await page.locator('[data-testid="connection-status"]', { hasText: 'Ansluten' }).waitFor();
  await analysis(page).waitFor();
  return page;
}

const analysis = (page: Page) => page.getByRole('textbox', { name: `Analys för ${INDICATOR_TITLE}` });
/** An editor's text without other people's carets (their name tags are widgets in the text). */
const editorText = (page: Page) =>
  analysis(page).evaluate((element) => {
    const copy = element.cloneNode(true) as Element;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return [...copy.children].map((child) => child.textContent ?? '').join('\n');
  });
const report = () => readReport(node.doc, MONTH, DEPARTMENT);

async function waitForStatus(page: Page, label: string): Promise<void> {
  await page
    .getByTestId('report-lifecycle')
    .filter({ hasText: `Rapportens status: ${label}` })
    .waitFor();
}

beforeAll(async () => {
  const { token } = await signIn(app.server.url, 'admin');
  node = connectClient(app.server.wsUrl, reportDocumentName(MONTH, DEPARTMENT), token);
  await node.synced;
  head = await openReport('chef-hr');
  manager = await openReport('kommunchef');
});

// Registered after appUnderTest(): afterAll hooks run in reverse, so this runs before the server stops.
afterAll(() => {
  node?.destroy();
});

describe('the report workflow in two browsers', () => {
  it('starts as a draft the head may submit; the kommunchef can neither approve nor return a draft', async () => {
    for (const page of [head, manager]) {
      await waitForStatus(page, 'Utkast');
      // The status has a symbol beside its text, never colour alone.
      expect(
        await page.locator('.workflow__status[data-status="utkast"] .workflow__icon').textContent(),
      ).toBe('✎');
    }
    await head.getByRole('button', { name: 'Skicka in' }).waitFor();
    expect(await manager.getByRole('button', { name: 'Godkänn' }).count()).toBe(0);
    expect(await manager.getByRole('button', { name: 'Återremittera' }).count()).toBe(0);
  });

  it('shows another department’s head the report read-only, with the reason, and no steps', async () => {
    const { page } = await app.signInAt('chef-it', PATH);
    const note = page.getByTestId('report-read-only');
    await note.filter({ hasText: 'Rapporten tillhör en annan avdelning.' }).waitFor();
    expect(await note.getAttribute('data-reason')).toBe('other-department');
    await waitForStatus(page, 'Utkast');
    await page.waitForFunction(
      (name) =>
        document.querySelector(`[role="textbox"][aria-label="${name}"]`)?.getAttribute('contenteditable') ===
        'false',
      `Analys för ${INDICATOR_TITLE}`,
    );
    // Once the server's workflow is in, it offers this head no step.
    await page.locator('[data-testid="report-workflow"][data-loaded="true"]').waitFor();
    expect(await page.locator('button[data-testid^="workflow-"]').count()).toBe(0);
  });

  it('goes submitted → returned with a comment → fixed and submitted → approved', async () => {
    // The head writes an analysis and submits.
    await analysis(head).click();
    await head.keyboard.type('Heltid ökar.');
    await waitFor(() => report().analysis[INDICATOR] === 'Heltid ökar.', 'the first analysis on the server');
    await head.getByRole('button', { name: 'Skicka in' }).click();
    for (const page of [head, manager]) await waitForStatus(page, 'Inskickad');
    await waitFor(() => report().status === 'inskickad', 'inskickad on the server');
    await head.getByTestId('workflow-message').filter({ hasText: 'Rapporten är inskickad.' }).waitFor();

    // The kommunchef returns it: a comment is required before anything is sent.
    await manager.getByRole('button', { name: 'Återremittera' }).click();
    const comment = manager.getByLabel('Kommentar till avdelningen', { exact: true });
    await expect.poll(() => comment.evaluate((element) => element === document.activeElement)).toBe(true);
    await manager.getByRole('button', { name: 'Återremittera rapporten' }).click();
    await manager
      .getByRole('alert')
      .filter({ hasText: 'Skriv en kommentar innan du återremitterar.' })
      .waitFor();
    expect(report().status).toBe('inskickad');
    await comment.fill(COMMENT);
    await manager.getByRole('button', { name: 'Återremittera rapporten' }).click();

    for (const page of [head, manager]) await waitForStatus(page, 'Återremitterad');
    await waitFor(() => report().status === 'aterremitterad', 'aterremitterad on the server');
    expect(report().returnComment).toBe(COMMENT);
    // The head sees the comment, and the event list says who returned it, when, and why.
    await head
      .getByTestId('report-return-comment')
      .filter({ hasText: `Återremitterad med kommentaren: ${COMMENT}` })
      .waitFor();
    const returned = head.locator('[data-testid="workflow-events"] li[data-action="return"]');
    await returned.waitFor();
    expect(await returned.locator('.workflow__event-text').textContent()).toBe(
      'Kommunchef återremitterade rapporten',
    );
    expect(await returned.locator('.workflow__event-comment').textContent()).toBe(`Kommentar: ${COMMENT}`);
    expect(await returned.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // The head fixes the analysis and submits again.
    await analysis(head).click();
    await head.keyboard.press('Control+End');
    await head.keyboard.type(' Poolen startar i augusti.');
    await waitFor(
      () => report().analysis[INDICATOR] === 'Heltid ökar. Poolen startar i augusti.',
      'the fixed analysis on the server',
    );
    await head.getByRole('button', { name: 'Skicka in' }).click();
    for (const page of [head, manager]) await waitForStatus(page, 'Inskickad');

    // The kommunchef approves.
    await manager.getByRole('button', { name: 'Godkänn' }).click();
    for (const page of [head, manager]) await waitForStatus(page, 'Godkänd');
    await waitFor(() => report().status === 'godkand', 'godkand on the server');

    // The events, oldest first, name every step and who took it.
    await manager.locator('[data-testid="workflow-events"] li').nth(3).waitFor();
    expect(
      await manager.locator('[data-testid="workflow-events"] .workflow__event-text').allTextContents(),
    ).toEqual([
      `${HR_HEAD} skickade in rapporten`,
      'Kommunchef återremitterade rapporten',
      `${HR_HEAD} skickade in rapporten`,
      'Kommunchef godkände rapporten',
    ]);
  });

  it('is read-only for both once approved: no control changes the page or the server', async () => {
    for (const page of [head, manager]) {
      const note = page.getByTestId('report-read-only');
      await note.filter({ hasText: 'Rapporten är godkänd och kan inte längre ändras.' }).waitFor();
      expect(await note.getAttribute('data-reason')).toBe('approved');
      await page.waitForFunction(
        (name) =>
          document
            .querySelector(`[role="textbox"][aria-label="${name}"]`)
            ?.getAttribute('contenteditable') === 'false',
        `Analys för ${INDICATOR_TITLE}`,
      );
      expect(await page.getByTestId('outcome-ind-heltid').getAttribute('readonly')).not.toBeNull();
      expect(await page.getByTestId(`status-${INDICATOR}`).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Skicka in' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Kopiera från föregående månad' }).count()).toBe(0);
    }
    // Only the kommunchef may reopen, and only with a reason.
    await manager.getByRole('button', { name: 'Öppna igen' }).waitFor();
    expect(await head.getByRole('button', { name: 'Öppna igen' }).count()).toBe(0);

    const before = Y.encodeStateVector(node.doc);
    const textBefore = report().analysis[INDICATOR];
    for (const page of [head, manager]) {
      await analysis(page).click();
      await page.keyboard.type('Ändrat efter godkännande');
      await page.getByTestId('outcome-ind-heltid').focus();
      await page.keyboard.type('99');
      await page.keyboard.press('Enter');
      // Nothing reached the page's own document, so nothing could be sent.
      expect(await editorText(page)).toBe(textBefore);
      expect(await page.getByTestId('outcome-ind-heltid').inputValue()).toBe('');
    }
    // The server's state is what it was: a later read from Node after a fresh round trip.
    const { token } = await signIn(app.server.url, 'admin');
    const fresh = connectClient(app.server.wsUrl, reportDocumentName(MONTH, DEPARTMENT), token);
    try {
      await fresh.synced;
      expect(Y.encodeStateVector(fresh.doc)).toEqual(before);
      expect(readReport(fresh.doc, MONTH, DEPARTMENT)).toMatchObject({
        status: 'godkand',
        analysis: { [INDICATOR]: textBefore },
        indicatorOutcomes: {},
      });
    } finally {
      fresh.destroy();
    }
  });

  it('lets the kommunchef reopen it with a logged reason, and the head can edit again', async () => {
    await manager.getByRole('button', { name: 'Öppna igen' }).click();
    await manager.getByRole('button', { name: 'Öppna rapporten igen' }).click();
    await manager
      .getByRole('alert')
      .filter({ hasText: 'Skriv ett skäl innan du öppnar rapporten igen.' })
      .waitFor();
    await manager.getByLabel('Skäl att öppna rapporten igen', { exact: true }).fill('Fel utfall i budgeten.');
    await manager.getByRole('button', { name: 'Öppna rapporten igen' }).click();
    for (const page of [head, manager]) await waitForStatus(page, 'Utkast');
    await waitFor(() => report().status === 'utkast', 'utkast on the server');
    const reopened = head.locator('[data-testid="workflow-events"] li[data-action="reopen"]');
    await reopened.waitFor();
    expect(await reopened.locator('.workflow__event-comment').textContent()).toBe(
      'Skäl: Fel utfall i budgeten.',
    );
    await head.getByTestId('report-read-only').waitFor({ state: 'detached' });
    await head.waitForFunction(
      (name) =>
        document.querySelector(`[role="textbox"][aria-label="${name}"]`)?.getAttribute('contenteditable') ===
        'true',
      `Analys för ${INDICATOR_TITLE}`,
    );
  });

  it('marks a change after submission and approves only the version the kommunchef saw', async () => {
    // A second kommunchef browser whose incoming sync messages can be held back, as a slow
    // network would: its screen then shows a version the server has moved past.
    let held: (() => void)[] | null = null;
    const reviewer = await openReport('kommunchef', async (context) => {
      await context.routeWebSocket(
        (url) => decodeURIComponent(url.pathname).includes(reportDocumentName(MONTH, DEPARTMENT)),
        (socket) => {
          const server = socket.connectToServer();
          server.onMessage((message) => {
            if (held) held.push(() => socket.send(message));
            else socket.send(message);
          });
        },
      );
    });
    const forecast = (page: Page) => page.getByTestId('budget-forecast');
    const setForecast = async (value: number) => {
      await forecast(head).fill(String(value));
      await waitFor(() => report().budget.forecastTkr === value, `the forecast ${value} on the server`);
    };

    await setForecast(18_000);
    await head.getByRole('button', { name: 'Skicka in' }).click();
    for (const page of [head, reviewer]) await waitForStatus(page, 'Inskickad');
    await reviewer
      .getByTestId('workflow-state')
      .filter({ hasText: `Inskickad av ${HR_HEAD}` })
      .waitFor();

    // A figure changed after submission is marked for the reviewer, with who changed it.
    await setForecast(18_500);
    const changed = reviewer.getByTestId('workflow-changed');
    await changed.filter({ hasText: 'Ändrat efter inskick' }).waitFor();
    expect(await changed.getByTestId('workflow-changed-list').textContent()).toBe(
      `Helårsprognos (budget) (ändrat av ${HR_HEAD})`,
    );

    // Changed once more while the reviewer's view lags: approving what is on screen is refused.
    held = [];
    await setForecast(18_600);
    await reviewer.getByRole('button', { name: 'Godkänn' }).click();
    const stale = reviewer.getByTestId('workflow-stale');
    await stale.filter({ hasText: 'Rapporten har ändrats sedan du läste den' }).waitFor();
    expect(await stale.getByTestId('workflow-stale-list').textContent()).toBe(
      `Helårsprognos (budget) (ändrat av ${HR_HEAD})`,
    );
    expect(report().status).toBe('inskickad');
    await waitForStatus(reviewer, 'Inskickad');
    if (process.env.FOLJSAM_SCREENSHOTS === '1') {
      await reviewer
        .getByTestId('report-workflow')
        .screenshot({ path: `${SCREENSHOTS}workflow-changed.png` });
    }

    // The view catches up; the reviewer looks, and approves the current version.
    const queued: (() => void)[] = held;
    held = null;
    for (const send of queued) send();
    await expect.poll(async () => (await forecast(reviewer).inputValue()).replace(/\s/g, '')).toBe('18600');
    await reviewer.getByRole('button', { name: 'Godkänn' }).click();
    for (const page of [head, reviewer]) await waitForStatus(page, 'Godkänd');
    await waitFor(() => report().status === 'godkand', 'godkand on the server');
    await reviewer.getByTestId('workflow-state').filter({ hasText: 'Godkänd av Kommunchef' }).waitFor();
    expect(await reviewer.getByTestId('workflow-stale').count()).toBe(0);
    const { token } = await signIn(app.server.url, 'admin');
    const response = await fetch(`${app.server.url}/api/reports/${MONTH}/${DEPARTMENT}/approvals`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { approvals } = (await response.json()) as {
      approvals: { data: { budget: { forecastTkr: number } } }[];
    };
    // The first approval (before the reopening) and this one, of the version with 18 600 tkr.
    expect(approvals).toHaveLength(2);
    expect(approvals.map((approval) => approval.data.budget.forecastTkr)).toContain(18_600);
  });
});
