/**
 * End to end: script payloads typed into every kind of text field render inert in Chromium.
 * An administrator names a new department head with a payload; the kommunchef puts one into an
 * assignment's title; the new head puts one into a progress note and a report's rich text
 * (typed and pasted as HTML, with a `javascript:` link); the kommunchef returns the report with
 * a payload comment. Every screen that shows them is then visited by the people involved: the
 * payloads show as the characters typed, no element they describe exists, and the flag they
 * would set (`window.__xss`) stays undefined. Real server, real Chromium, no mocks.
 */
import { readReport, reportDocumentName } from '@foljsam/domain';
import { councilAssignments2015 } from '@foljsam/domain/seed';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';
const LINK = '<a href="javascript:window.__xss=1">klicka</a>';
const NAME = `Eva ${IMG}${SCRIPT}`;
const TITLE = `Personalkläder ${IMG} ${SCRIPT} javascript:window.__xss=1`;
const NOTE = `Läget ${SCRIPT}${IMG}${LINK}`;
const TEXT = `Analys ${IMG}${SCRIPT}`;
const COMMENT = `Rätta ${IMG}${SCRIPT}`;
const USERNAME = 'xss-chef';
const PASSWORD = 'ett-langt-losen-1';

const MONTH = '2015-09';
const DEPARTMENT = 'hr';
const REPORT_PATH = `/rapport/${MONTH}/${DEPARTMENT}`;
const GOAL = 'goal:goal-6-1-4-1';
const ASSIGNMENT = 'ka-2015-2';
const ORIGINAL_TITLE = councilAssignments2015.find((assignment) => assignment.id === ASSIGNMENT)?.title ?? '';

const app = appUnderTest({ contextOptions: { viewport: { width: 1400, height: 1000 } } });
let node: YClient;
let admin: Page;
let manager: Page;
let chef: Page;

/**
 * Nothing of the payloads ran or became an element: no flag, no image with the payload's
 * source, no inline script mentioning the flag, no `javascript:` link.
 */
async function expectInert(page: Page, where: string): Promise<void> {
  expect(
    await page.evaluate(() => (window as { __xss?: unknown }).__xss),
    `the flag on ${where}`,
  ).toBeUndefined();
  expect(
    await page.locator('img[src="x"], a[href^="javascript:" i], script:not([src])').count(),
    `payload elements on ${where}`,
  ).toBe(0);
}

/** The page shows `text` literally somewhere (so the payload was rendered, as text). */
async function expectShown(page: Page, text: string): Promise<void> {
  try {
    await page.waitForFunction((expected) => (document.body.textContent ?? '').includes(expected), text);
  } catch (error) {
    // Seen once in CI (a reader's board, 2026-12-07) and not again in isolation: say what the page held.
    const held = await page.evaluate((expected) => {
      const fields = [
        ...document.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input'),
      ];
      const details = [...document.querySelectorAll<HTMLElement>('[data-details-for]')].map(
        (row) =>
          `${row.dataset.detailsFor}${row.hidden ? ' (hidden)' : ''}: ${row.textContent?.slice(0, 300)}`,
      );
      return {
        path: location.pathname,
        inAField: fields.some((field) => field.value.includes(expected)),
        expanded: [...document.querySelectorAll('[aria-expanded="true"]')].map((element) =>
          element.getAttribute('data-testid'),
        ),
        details,
      };
    }, text);
    throw new Error(`the page does not show ${JSON.stringify(text)}: ${JSON.stringify(held)}`, {
      cause: error,
    });
  }
}

beforeAll(async () => {
  const { token } = await signIn(app.server.url, 'admin');
  node = connectClient(app.server.wsUrl, reportDocumentName(MONTH, DEPARTMENT), token);
  await node.synced;
});

// Registered after appUnderTest(): afterAll hooks run in reverse, so this runs before the server stops.
afterAll(() => {
  node?.destroy();
});

describe('script payloads in text fields', () => {
  it('keep a display name typed on the administration screen inert', async () => {
    ({ page: admin } = await app.signInAt('admin', '/admin'));
    await admin.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await admin.getByTestId('users-table').waitFor();
    await admin.getByTestId('create-user').getByLabel('Användarnamn', { exact: true }).fill(USERNAME);
    await admin.getByTestId('create-user').getByLabel('Namn', { exact: true }).fill(NAME);
    await admin.getByTestId('create-user').getByLabel('Roll', { exact: true }).selectOption('avdelningschef');
    await admin.getByTestId('create-user').getByLabel('Avdelning', { exact: true }).selectOption('hr');
    await admin.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await admin.getByRole('button', { name: 'Lägg till' }).click();
    await admin.getByTestId(`user-name-${USERNAME}`).waitFor();
    expect(await admin.getByTestId(`user-name-${USERNAME}`).textContent()).toBe(NAME);
    await expectInert(admin, 'the administration screen');
  });

  it('keep an assignment title and a progress note inert on the board', async () => {
    ({ page: manager } = await app.signInAt('kommunchef', '/uppdrag'));
    const title = manager.getByLabel(`Titel för ${ORIGINAL_TITLE}`, { exact: true });
    await title.fill(TITLE);
    await title.press('Enter');
    await manager.getByLabel(`Titel för ${TITLE}`, { exact: true }).waitFor();

    // The new head signs in with the payload name: the header and the presence list show it.
    ({ page: chef } = await app.signInAt(USERNAME, '/uppdrag', PASSWORD));
    await chef.locator(`[data-assignment-id="${ASSIGNMENT}"] th`, { hasText: TITLE }).waitFor();
    await expectShown(chef, `Inloggad som ${NAME}`);
    await chef.getByTestId(`details-toggle-${ASSIGNMENT}`).click();
    const note = chef.getByLabel(`Lägesrapport för ${TITLE}`, { exact: true });
    await note.fill(NOTE);
    await note.press('Control+Enter');

    await manager.getByTestId(`details-toggle-${ASSIGNMENT}`).click();
    await manager.waitForFunction(
      ([label, value]) =>
        document.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${CSS.escape(label)}"]`)?.value ===
        value,
      [`Lägesrapport för ${TITLE}`, NOTE] as const,
    );
    await manager.locator('[data-testid="presence"]', { hasText: NAME }).waitFor();
    for (const [page, where] of [
      [manager, 'the kommunchef’s board'],
      [chef, 'the head’s board'],
    ] as const) {
      await expectInert(page, where);
    }
    // A reader sees the title and note as plain text (not in fields).
    const { context: readerContext, page: reader } = await app.signInAt('lasare', '/uppdrag');
    await reader.locator(`[data-assignment-id="${ASSIGNMENT}"] th`, { hasText: TITLE }).waitFor();
    await reader.getByTestId(`details-toggle-${ASSIGNMENT}`).click();
    await expectShown(reader, NOTE);
    await expectInert(reader, 'the reader’s board');
    await reader.goto('/oversikt');
    await reader.getByRole('heading', { level: 1 }).waitFor();
    await expectInert(reader, 'the overview');
    // Not needed again: an open app keeps syncing and takes CPU from the test after it.
    await readerContext.close();
  });

  it('keep typed and pasted rich text, a return comment and the history inert in the report', async () => {
    await chef.goto(REPORT_PATH);
    const editor = chef.locator(`[data-testid="analysis-${GOAL}"]`);
    await editor.waitFor();
    await chef.locator('[data-testid="connection-status"]', { hasText: 'Ansluten' }).waitFor();
    await editor.click();
    await chef.keyboard.insertText(TEXT);
    // Pasted HTML: the editor keeps text only; the image, the script and the link's target go.
    await chef.evaluate(
      ([testId, html]) => {
        const target = document.querySelector(`[data-testid="${testId}"]`);
        const data = new DataTransfer();
        data.setData('text/html', html);
        data.setData('text/plain', 'klicka');
        target?.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      [`analysis-${GOAL}`, ` ${IMG}${LINK}${SCRIPT}`] as const,
    );
    await waitFor(
      () => (readReport(node.doc, MONTH, DEPARTMENT).analysis[GOAL] ?? '').includes('klicka'),
      'the pasted text on the server',
    );
    expect(readReport(node.doc, MONTH, DEPARTMENT).analysis[GOAL]).toContain(TEXT);
    await chef.getByText('klicka').click();
    await expectInert(chef, 'the head’s report');
    await chef.getByRole('button', { name: 'Skicka in' }).click();
    await chef.getByTestId('report-lifecycle').filter({ hasText: 'Inskickad' }).waitFor();

    // The kommunchef sees it all, and returns it with a payload comment.
    await manager.goto(REPORT_PATH);
    await manager.getByTestId('report-lifecycle').filter({ hasText: 'Inskickad' }).waitFor();
    await expectShown(manager, TEXT);
    await expectShown(manager, TITLE);
    await manager.getByRole('button', { name: 'Återremittera' }).click();
    await manager.getByLabel('Kommentar till avdelningen', { exact: true }).fill(COMMENT);
    await manager.getByRole('button', { name: 'Återremittera rapporten' }).click();
    await manager.getByTestId('report-lifecycle').filter({ hasText: 'Återremitterad' }).waitFor();
    // The events name the head by their payload name and quote the comment, as text.
    const events = manager.getByTestId('workflow-events');
    await events.filter({ hasText: `${NAME} skickade in rapporten` }).waitFor();
    await events.filter({ hasText: `Kommentar: ${COMMENT}` }).waitFor();
    await expectInert(manager, 'the kommunchef’s report');

    await chef.getByTestId('report-return-comment').filter({ hasText: COMMENT }).waitFor();
    await expectInert(chef, 'the returned report');

    // The history panel shows the stored texts and names as text too.
    await manager.getByTestId(`history-analysis:${GOAL}`).click();
    const panel = manager.locator(`dialog[open][data-field="analysis:${GOAL}"]`);
    await panel.locator('.history-entry__author', { hasText: NAME }).first().waitFor();
    await panel.locator('.history-entry__value', { hasText: TEXT }).first().waitFor();
    await expectInert(manager, 'the history panel');

    // And the administration list, after all of it.
    await admin.reload();
    await admin.getByTestId(`user-name-${USERNAME}`).waitFor();
    await expectInert(admin, 'the administration screen, reloaded');
  });
});
