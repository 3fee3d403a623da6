/**
 * End to end: the monthly report (månadsrapport) of HR for May 2015, co-edited by the HR
 * head and the kommunchef in two browsers at once, against a real server; a stock y-websocket
 * client in Node seeds and reads the documents server-side. No mocks. Then HR's first tertial
 * report (2015-T1), which draws on the months January to April (with FOLJSAM_SCREENSHOTS=1 it
 * saves docs/screenshots/tertialrapport.png).
 */
import {
  readReport,
  reportDocumentName,
  reportText,
  setIndicatorOutcome,
  setItemStatus,
} from '@foljsam/domain';
import type { Page, WebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appUnderTest } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectClient, waitFor, type YClient } from '../support/yClient';

// Months the demo workspace has no reports for (it has January to March), so the test
// controls every value: May is co-edited, April is the previous month written by a Node client.
const MONTH = '2015-05';
const PREVIOUS = '2015-04';
const DEPARTMENT = 'hr';
const HR_HEAD = 'Avdelningschef HR avdelningen';
const MANAGER = 'Kommunchef';
// HR's items in the 2015 plan and the council's assignments.
const GOAL = 'goal:goal-6-1-4-1';
const INDICATOR_ID = 'ind-heltid';
const INDICATOR = `indicator:${INDICATOR_ID}`;
const INITIATIVE = 'initiative:init-6-1-4-1-1';
const ASSIGNMENT = 'assignment:ka-2015-2';
const INDICATOR_TITLE = 'Andel personal som arbetar heltid';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

const app = appUnderTest();
let adminToken = '';
const clients: YClient[] = [];
let head: Page;
let manager: Page;
let current: YClient;

/** A Node y-websocket client on a document of the running server (closed after the run). */
async function openDoc(docName: string): Promise<YClient> {
  const client = connectClient(app.server.wsUrl, docName, adminToken);
  clients.push(client);
  await client.synced;
  return client;
}

/** One person: a browser context of their own, signed in through the form on the report. */
async function signInOnReport(username: string, path = `/rapport/${MONTH}/${DEPARTMENT}`): Promise<Page> {
  const { page } = await app.signInAt(username, path);
  await page.getByRole('heading', { level: 1, name: 'Månadsrapport maj 2015: HR avdelningen' }).waitFor();
  await page.locator('[data-testid="connection-status"]', { hasText: 'Ansluten' }).waitFor();
  await editor(page, 'analysis', INDICATOR).waitFor();
  // The council's assignments come from their own document.
  await page.locator('[data-item-key="assignment:ka-2015-6"]').waitFor();
  return page;
}

const editor = (page: Page, kind: 'analysis' | 'actions', key: string) =>
  page.locator(`[data-testid="${kind}-${key}"]`);

/**
 * The text of an editor, paragraphs joined by newlines, without the other people's carets
 * (their name tags are widgets inside the text).
 */
const editorText = (page: Page, kind: 'analysis' | 'actions', key: string) =>
  page.evaluate(textOfEditor, `${kind}-${key}`);

function textOfEditor(testId: string): string | null {
  const element = document.querySelector(`[data-testid="${testId}"]`);
  if (!element) return null;
  const copy = element.cloneNode(true) as Element;
  for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
  return [...copy.children].map((child) => child.textContent ?? '').join('\n');
}

/** Whitespace of any kind (Intl's no-break spaces included) as plain spaces. */
const plainSpaces = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

async function waitForEditorText(page: Page, kind: 'analysis' | 'actions', key: string, expected: string) {
  await page.waitForFunction(
    ([source, testId, text]) => {
      // The helper's source, evaluated in the page (functions cannot be passed directly).
      const read = new Function(`return (${source})`)() as (id: string) => string | null;
      return read(testId) === text;
    },
    [textOfEditor.toString(), `${kind}-${key}`, expected] as const,
  );
}

/**
 * Waits until another person's caret (a widget with their name) is at the start or the end
 * of an editor's first paragraph in this page, i.e. their selection has reached this browser.
 */
async function waitForCaret(page: Page, testId: string, name: string, where: 'start' | 'end') {
  await page.waitForFunction(
    ([id, person, edge]) => {
      const paragraph = document.querySelector(`[data-testid="${id}"]`)?.firstElementChild;
      if (!paragraph) return false;
      const carets = [...paragraph.querySelectorAll('.collaboration-carets__caret')];
      const caret = carets.find((candidate) => candidate.textContent?.includes(person));
      if (!caret) return false;
      const siblings = [...paragraph.childNodes];
      const index = siblings.indexOf(caret);
      const others = edge === 'start' ? siblings.slice(0, index) : siblings.slice(index + 1);
      // Other carets and empty text nodes do not count as text before or after it.
      return others.every((node) => carets.includes(node as Element) || !node.textContent);
    },
    [testId, name, where] as const,
  );
}

async function waitForInputValue(page: Page, testId: string, expected: string) {
  await page.waitForFunction(
    ([id, value]) => document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)?.value === value,
    [testId, expected] as const,
  );
}

async function waitForSelectValue(page: Page, testId: string, expected: string) {
  await page.waitForFunction(
    ([id, value]) => document.querySelector<HTMLSelectElement>(`[data-testid="${id}"]`)?.value === value,
    [testId, expected] as const,
  );
}

beforeAll(async () => {
  adminToken = (await signIn(app.server.url, 'admin')).token;
  current = await openDoc(reportDocumentName(MONTH, DEPARTMENT));
  head = await signInOnReport('chef-hr');
  manager = await signInOnReport('kommunchef');
});

// Registered after appUnderTest(): afterAll hooks run in reverse, so this runs before the server stops.
afterAll(() => {
  for (const client of clients) client.destroy();
});

const report = () => readReport(current.doc, MONTH, DEPARTMENT);

describe('the monthly report, co-edited in two browsers', () => {
  it('shows the department’s goal, indicator, initiative and assignments with the year’s target', async () => {
    for (const page of [head, manager]) {
      const keys = await page
        .locator('[data-item-key]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-item-key')));
      expect(keys).toEqual([GOAL, INDICATOR, INITIATIVE, ASSIGNMENT, 'assignment:ka-2015-6']);
      // The plan's 2015 target for full-time work is 78 %.
      await page.getByText('Mål för året: 78 %').waitFor();
      expect(await page.getByTestId('report-lifecycle').textContent()).toBe('Rapportens status: Utkast');
      // The editors are accessible multi-line text boxes named after their item.
      const analysis = page.getByRole('textbox', { name: `Analys för ${INDICATOR_TITLE}` });
      expect(await analysis.getAttribute('aria-multiline')).toBe('true');
      expect(await analysis.getAttribute('contenteditable')).toBe('true');
    }
  });

  it('merges two people typing in the same analysis at the same time', async () => {
    // The HR head writes a first sentence; the kommunchef sees it.
    await editor(head, 'analysis', INDICATOR).click();
    await head.keyboard.type('Läget: ');
    await waitForEditorText(manager, 'analysis', INDICATOR, 'Läget: ');

    // Then both type at once: the HR head at the start, the kommunchef at the end. Each
    // caret is first seen where it belongs in the other page. ProseMirror reads a caret moved
    // by a key only at the next "selectionchange" event; a remote caret arriving in between
    // redraws the old selection (its guard covers mouse drags only), so the test lets the
    // kommunchef's caret arrive before the HR head moves theirs.
    await editor(manager, 'analysis', INDICATOR).click();
    await manager.keyboard.press('Control+End');
    await waitForCaret(head, `analysis-${INDICATOR}`, MANAGER, 'end');
    await head.keyboard.press('Control+Home');
    await waitForCaret(manager, `analysis-${INDICATOR}`, HR_HEAD, 'start');
    await Promise.all([
      head.keyboard.type('Heltid ökar. ', { delay: 15 }),
      manager.keyboard.type('Poolen startar.', { delay: 15 }),
    ]);

    const merged = 'Heltid ökar. Läget: Poolen startar.';
    await waitForEditorText(head, 'analysis', INDICATOR, merged);
    await waitForEditorText(manager, 'analysis', INDICATOR, merged);
    // The server holds the merged text: a plain y-websocket client reads it.
    await waitFor(() => report().analysis[INDICATOR] === merged, 'the merged analysis on the server');
  });

  it('shows the other person’s caret and presence with their name', async () => {
    // The kommunchef's caret is still in the indicator's analysis.
    const caret = head.locator('[data-testid="analysis-indicator:ind-heltid"] .collaboration-carets__label');
    await caret.filter({ hasText: MANAGER }).waitFor();
    await head
      .locator('[data-field-presence="indicator:ind-heltid:analysis"]', { hasText: `${MANAGER} skriver här` })
      .waitFor();
    await head.locator('[data-testid="presence"] [data-presence-user]', { hasText: MANAGER }).waitFor();
    await manager.locator('[data-testid="presence"] [data-presence-user]', { hasText: HR_HEAD }).waitFor();
    // The HR head's caret, named, in the kommunchef's page.
    await manager
      .locator('[data-testid="analysis-indicator:ind-heltid"] .collaboration-carets__label', {
        hasText: HR_HEAD,
      })
      .waitFor();
  });

  it('takes an outcome in Swedish format, syncs it, and refuses text with a Swedish error', async () => {
    const outcome = head.getByRole('textbox', { name: `Utfall för ${INDICATOR_TITLE}` });
    await outcome.fill('76,5');
    await outcome.press('Tab');
    await waitForInputValue(manager, 'outcome-ind-heltid', '76,5');
    await waitFor(() => report().indicatorOutcomes[INDICATOR_ID] === 76.5, 'the outcome 76.5 on the server');

    // The kommunchef types text: refused with a clear Swedish message, nothing written.
    const managerOutcome = manager.getByTestId('outcome-ind-heltid');
    await managerOutcome.fill('abc');
    await managerOutcome.press('Tab');
    const error = manager.getByTestId('outcome-ind-heltid-error');
    await error.filter({ hasText: 'Ange ett tal, till exempel 76,5. Värdet sparades inte.' }).waitFor();
    expect(await managerOutcome.getAttribute('aria-invalid')).toBe('true');
    // A percentage above 100 is refused too.
    await managerOutcome.fill('120');
    await managerOutcome.press('Tab');
    await error.filter({ hasText: 'Ange en procentsats mellan 0 och 100. Värdet sparades inte.' }).waitFor();

    // A later valid write from the same page arrives after anything the refused ones could
    // have sent: once it is on the server, the outcome must still be 76.5.
    await manager
      .getByRole('combobox', { name: `Status för ${INDICATOR_TITLE}` })
      .selectOption({ label: 'Grön' });
    await waitFor(() => report().itemStatuses[INDICATOR] === 'gron', 'the indicator status on the server');
    expect(report().indicatorOutcomes[INDICATOR_ID]).toBe(76.5);
    expect(await head.getByTestId('outcome-ind-heltid').inputValue()).toBe('76,5');
    await waitForSelectValue(head, `status-${INDICATOR}`, 'gron');

    // Escape drops the refused draft and shows the document's value again.
    await managerOutcome.focus();
    await managerOutcome.press('Escape');
    await waitForInputValue(manager, 'outcome-ind-heltid', '76,5');
    expect(await error.textContent()).toBe('');
  });

  it('computes the budget deviation from the forecast, in Swedish format', async () => {
    // HR's budget 2015 is 17 866 tkr.
    expect(plainSpaces(await head.getByTestId('budget-tkr').textContent())).toBe('17 866 tkr');
    expect(await head.getByTestId('budget-deviation').textContent()).toBe('Ingen prognos ännu');
    const forecast = head.getByRole('textbox', { name: 'Helårsprognos (tkr)' });
    await forecast.fill('16 631,5');
    await forecast.press('Enter');
    const outcomeToDate = head.getByRole('textbox', { name: 'Utfall hittills (tkr)' });
    await outcomeToDate.fill('4100');
    await outcomeToDate.press('Tab');

    for (const page of [head, manager]) {
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="budget-deviation"]')?.textContent?.replace(/\s/g, ' ') ===
          '1 234,5 tkr (överskott)',
      );
    }
    await waitForInputValue(manager, 'budget-forecast', '16\u00a0631,5');
    await waitFor(
      () => report().budget.forecastTkr === 16631.5 && report().budget.outcomeToDateTkr === 4100,
      'the budget figures on the server',
    );

    // A forecast above the budget is a deficit, shown with a minus sign.
    await manager.getByTestId('budget-forecast').fill('18000');
    await manager.getByTestId('budget-forecast').press('Tab');
    await head.waitForFunction(
      () =>
        document.querySelector('[data-testid="budget-deviation"]')?.textContent?.replace(/\s/g, ' ') ===
        '−134 tkr (underskott)',
    );
    await waitFor(() => report().budget.forecastTkr === 18000, 'the new forecast on the server');
  });

  it('copies the previous month’s statuses and texts without overwriting this month', async () => {
    // April, written by another client: statuses, a formatted analysis, actions, an outcome.
    const previous = await openDoc(reportDocumentName(PREVIOUS, DEPARTMENT));
    previous.doc.transact(() => {
      setItemStatus(previous.doc, GOAL, 'rod', asAuthor('admin'));
      setItemStatus(previous.doc, INDICATOR, 'gul', asAuthor('admin'));
      setItemStatus(previous.doc, INITIATIVE, 'pagar', asAuthor('admin'));
      setIndicatorOutcome(previous.doc, INDICATOR_ID, 74, asAuthor('admin'));
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      reportText(previous.doc, 'analysis', GOAL).insert(0, [paragraph]);
      text.insert(0, 'Rekryteringen går ');
      text.insert(text.length, 'trögt', { bold: true });
      text.insert(text.length, '.', {});
      const indicatorParagraph = new Y.XmlElement('paragraph');
      indicatorParagraph.insert(0, [new Y.XmlText('Aprils analys')]);
      reportText(previous.doc, 'analysis', INDICATOR).insert(0, [indicatorParagraph]);
      const actions = new Y.XmlElement('paragraph');
      actions.insert(0, [new Y.XmlText('Starta projektgruppen.')]);
      reportText(previous.doc, 'actions', INITIATIVE).insert(0, [actions]);
    });
    const before = report();
    expect(before.itemStatuses[GOAL]).toBeUndefined();
    expect(before.analysis[GOAL] ?? '').toBe('');

    await head.getByRole('button', { name: 'Kopiera från föregående månad' }).click();
    await head
      .getByTestId('report-copy-result')
      .filter({ hasText: 'Kopierat: 2 status, 2 texter och 0 utfall.' })
      .waitFor();

    // What May lacked came over, the formatting included; what May had stayed.
    const expectCopied = async (page: Page) => {
      await waitForEditorText(page, 'analysis', GOAL, 'Rekryteringen går trögt.');
      await waitForEditorText(page, 'actions', INITIATIVE, 'Starta projektgruppen.');
      expect(await editor(page, 'analysis', GOAL).locator('strong').textContent()).toBe('trögt');
      await waitForSelectValue(page, `status-${GOAL}`, 'rod');
      await waitForSelectValue(page, `status-${INITIATIVE}`, 'pagar');
      expect(await page.getByTestId(`status-${INDICATOR}`).inputValue()).toBe('gron');
      expect(await editorText(page, 'analysis', INDICATOR)).toBe('Heltid ökar. Läget: Poolen startar.');
      expect(await page.getByTestId('outcome-ind-heltid').inputValue()).toBe('76,5');
    };
    await expectCopied(head);
    await expectCopied(manager);

    await waitFor(() => report().itemStatuses[GOAL] === 'rod', 'the copied goal status on the server');
    const after = report();
    expect(after.itemStatuses).toEqual({ [GOAL]: 'rod', [INDICATOR]: 'gron', [INITIATIVE]: 'pagar' });
    expect(after.analysis[GOAL]).toBe('Rekryteringen går trögt.');
    expect(after.analysis[INDICATOR]).toBe('Heltid ökar. Läget: Poolen startar.');
    expect(after.actions[INITIATIVE]).toBe('Starta projektgruppen.');
    expect(after.indicatorOutcomes[INDICATOR_ID]).toBe(76.5);
    // The copy is XML, not flattened text: the bold mark is in the document.
    const goalText = reportText(current.doc, 'analysis', GOAL).toString();
    expect(goalText).toContain('<bold>trögt</bold>');
    // April is untouched.
    expect(readReport(previous.doc, PREVIOUS, DEPARTMENT).analysis[GOAL]).toBe('Rekryteringen går trögt.');

    // Copying again finds nothing left to copy and changes nothing.
    await manager.getByRole('button', { name: 'Kopiera från föregående månad' }).click();
    await manager
      .getByTestId('report-copy-result')
      .filter({ hasText: 'Det fanns inget att kopiera' })
      .waitFor();
    expect(report().analysis[GOAL]).toBe('Rekryteringen går trögt.');
  });

  it('answers the server’s handshake on its socket, not each “stored” acknowledgement after it', async () => {
    // docs/protocol.md, "Stored acknowledgement": a sync step 1 from the server (0, 0) after the
    // handshake's is an acknowledgement; a stock client would answer each with a step 2 (0, 1).
    // June's report opens a socket of its own when the head's page switches to it.
    const month = '2015-06';
    const docName = reportDocumentName(month, DEPARTMENT);
    const seen = { sockets: 0, stateVectors: 0, answers: 0 };
    const watch = (socket: WebSocket) => {
      if (!decodeURIComponent(socket.url()).includes(`/sync/${docName}`)) return;
      seen.sockets += 1;
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' && payload[0] === 0 && payload[1] === 0) seen.stateVectors += 1;
      });
      socket.on('framesent', ({ payload }) => {
        if (typeof payload !== 'string' && payload[0] === 0 && payload[1] === 1) seen.answers += 1;
      });
    };
    head.on('websocket', watch);
    try {
      await head.getByLabel('Period', { exact: true }).selectOption(month);
      await head
        .getByRole('heading', { level: 1, name: 'Månadsrapport juni 2015: HR avdelningen' })
        .waitFor();
      const outcome = head.getByRole('textbox', { name: `Utfall för ${INDICATOR_TITLE}` });
      const stored = await openDoc(docName);
      for (const value of [10, 20, 30]) {
        await outcome.fill(String(value));
        await outcome.press('Tab');
        await waitFor(
          () => readReport(stored.doc, month, DEPARTMENT).indicatorOutcomes[INDICATOR_ID] === value,
          `the outcome ${value} on the server`,
        );
        // Past the server's acknowledgement interval (250 ms): each change gets its own.
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      // The handshake's state vector and at least one acknowledgement per change.
      await expect.poll(() => seen.stateVectors, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
      // An answer goes out as its step 1 arrives; give a late one time to show.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen.sockets).toBeGreaterThanOrEqual(1);
      expect(seen.answers).toBe(seen.sockets);
    } finally {
      head.off('websocket', watch);
      await head.getByLabel('Period', { exact: true }).selectOption(MONTH);
      await head.getByRole('heading', { level: 1, name: 'Månadsrapport maj 2015: HR avdelningen' }).waitFor();
      await editor(head, 'analysis', INDICATOR).waitFor();
    }
  });

  it('lets the department head submit the report; a reader sees it read-only', async () => {
    // The server's workflow says who may submit (the department's head, kommunchef, admin).
    await head.getByRole('button', { name: 'Skicka in' }).click();
    for (const page of [head, manager]) {
      await page
        .getByTestId('report-lifecycle')
        .filter({ hasText: 'Rapportens status: Inskickad' })
        .waitFor();
    }
    await waitFor(() => report().status === 'inskickad', 'the submitted status on the server');
    await head.getByRole('button', { name: 'Skicka in' }).waitFor({ state: 'detached' });

    const reader = await signInOnReport('lasare');
    await reader.getByTestId('report-read-only').waitFor();
    expect(await editor(reader, 'analysis', INDICATOR).getAttribute('contenteditable')).toBe('false');
    await waitForEditorText(reader, 'analysis', INDICATOR, 'Heltid ökar. Läget: Poolen startar.');
    expect(await reader.getByTestId('outcome-ind-heltid').getAttribute('readonly')).not.toBeNull();
    expect(await reader.getByTestId(`status-${GOAL}`).isDisabled()).toBe(true);
    expect(await reader.getByRole('button', { name: 'Kopiera från föregående månad' }).count()).toBe(0);
    // A reader is offered no workflow step: the workflow has loaded (its events show) and has none.
    await reader.getByTestId('workflow-events').waitFor();
    expect(await reader.locator('[data-testid^="workflow-"]:is(button)').count()).toBe(0);
  });

  it('opens on the user’s own department and switches month through the URL', async () => {
    const page = head;
    await page.getByLabel('Period', { exact: true }).selectOption(PREVIOUS);
    await page.waitForURL(`**/rapport/${PREVIOUS}/${DEPARTMENT}`);
    await page.getByRole('heading', { level: 1, name: 'Månadsrapport april 2015: HR avdelningen' }).waitFor();
    await waitForEditorText(page, 'analysis', GOAL, 'Rekryteringen går trögt.');
    await waitForSelectValue(page, `status-${INDICATOR}`, 'gul');

    // Without a month or department in the URL, the HR head lands on HR's report.
    await page.goto('/rapport');
    await page.waitForURL(/\/rapport\/2015-\d\d\/hr$/);
    await page.getByRole('heading', { level: 1, name: /: HR avdelningen$/ }).waitFor();
  });

  it('opens the tertial report in its place among the months, shows the covered months and fills from them', async () => {
    const page = head;
    const select = page.getByLabel('Period', { exact: true });
    const options = await select.locator('option').allTextContents();
    expect(options.slice(3, 6)).toEqual(['april 2015', 'Tertialrapport 1 (jan–apr) 2015', 'maj 2015']);
    expect(options.at(-1)).toBe('Verksamhetsberättelse 2015');
    await select.selectOption('2015-T1');
    await page.waitForURL(`**/rapport/2015-T1/${DEPARTMENT}`);
    await page
      .getByRole('heading', { level: 1, name: 'Tertialrapport 1 (jan–apr) 2015: HR avdelningen' })
      .waitFor();

    // January to March come from the demo's monthly reports, April from the one written above.
    const months = await openDoc(reportDocumentName('2015-03', DEPARTMENT));
    const march = readReport(months.doc, '2015-03', DEPARTMENT);
    const monthOutcomes = page.getByTestId(`month-outcomes-${INDICATOR_ID}`);
    await monthOutcomes.locator('[data-month="2015-04"] dd', { hasText: '74' }).waitFor();
    expect(await monthOutcomes.locator('[data-month]').count()).toBe(4);
    expect(plainSpaces(await monthOutcomes.locator('[data-month="2015-03"] dd').textContent())).toBe(
      `${String(march.indicatorOutcomes[INDICATOR_ID]).replace('.', ',')} %`,
    );
    await page.getByTestId('budget-reference-forecast').filter({ hasText: 'mars 2015' }).waitFor();
    expect(await page.getByTestId('outcome-ind-heltid').inputValue()).toBe('');

    await page.getByRole('button', { name: 'Hämta från månadsrapporterna' }).click();
    await page
      .getByTestId('report-fill-result')
      .filter({ hasText: 'Hämtat: 1 utfall och 2 budgetsiffror.' })
      .waitFor();
    await waitForInputValue(page, 'outcome-ind-heltid', '74');
    const tertial = await openDoc(reportDocumentName('2015-T1', DEPARTMENT));
    await waitFor(
      () => readReport(tertial.doc, '2015-T1', DEPARTMENT).indicatorOutcomes[INDICATOR_ID] === 74,
      'the filled outcome on the server',
    );
    expect(readReport(tertial.doc, '2015-T1', DEPARTMENT).budget).toEqual(march.budget);
    if (process.env.FOLJSAM_SCREENSHOTS === '1') {
      await page.getByTestId(`month-outcomes-${INDICATOR_ID}`).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}tertialrapport.png`, fullPage: true });
    }
  });
});
