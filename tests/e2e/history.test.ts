/**
 * End to end: the history panel. Two people change the same text and the same number of a
 * monthly report in two browsers; the panel lists each change newest first with the right
 * author and time (checked against the server's own history answer), and "Återställ" brings
 * back an old version as a new change that the other person sees too. Real server, real
 * Chromium, a stock y-websocket client in Node reading what the server holds. No mocks.
 */
import {
  assignmentsDocumentName,
  readAssignment,
  readReport,
  reportDocumentName,
  setIndicatorOutcome,
} from '@foljsam/domain';
import { councilAssignments2015 } from '@foljsam/domain/seed';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, goInApp } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectClient, waitFor, type YClient } from '../support/yClient';

// A month no other file touches.
const MONTH = '2015-07';
const DEPARTMENT = 'hr';
const DOC = reportDocumentName(MONTH, DEPARTMENT);
const GOAL = 'goal:goal-6-1-4-1';
const TEXT_FIELD = `analysis:${GOAL}`;
const INDICATOR_ID = 'ind-heltid';
const OUTCOME_FIELD = `indicatorOutcomes/${INDICATOR_ID}`;
const HR_HEAD = 'Avdelningschef HR avdelningen';
const MANAGER = 'Kommunchef';

const app = appUnderTest({ closeContextsAfterEachTest: true });
let node: YClient;
let token = '';
let head: Page;
let manager: Page;

interface Entry {
  seq: number;
  at: string;
  userId: string;
  userName: string;
  value: unknown;
}

/** The server's history of a field, as any REST client gets it. */
async function serverHistory(field: string, docName = DOC): Promise<Entry[]> {
  const response = await fetch(
    `${app.server.url}/api/documents/${encodeURIComponent(docName)}/history?field=${encodeURIComponent(field)}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { field: string; entries: Entry[] };
  expect(body.field).toBe(field);
  return body.entries;
}

/** What the panel should show for a moment: Swedish wall-clock time with seconds. */
const swedishTime = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .format(new Date(iso))
    .replace(/\s/g, ' ');

const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

async function openReport(username: string): Promise<Page> {
  const { page } = await app.signInAt(username, `/rapport/${MONTH}/${DEPARTMENT}`);
  await page.getByRole('heading', { level: 1, name: 'Månadsrapport juli 2015: HR avdelningen' }).waitFor();
  await page.locator('[data-testid="connection-status"]', { hasText: 'Ansluten' }).waitFor();
  await editor(page).waitFor();
  return page;
}

const editor = (page: Page) => page.locator(`[data-testid="analysis-${GOAL}"]`);
const report = () => readReport(node.doc, MONTH, DEPARTMENT);

/** An editor's text without other people's carets. */
const editorText = (page: Page) =>
  editor(page).evaluate((element) => {
    const copy = element.cloneNode(true) as Element;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return [...copy.children].map((child) => child.textContent ?? '').join('\n');
  });

async function openPanel(page: Page, field: string): Promise<Locator> {
  await page.getByTestId(`history-${field}`).click();
  const panel = page.locator(`dialog[open][data-field="${field}"]`);
  await panel.locator('[data-testid="history-entries"]').waitFor();
  return panel;
}

/** The panel's row of one stored change, with its author, time and value as shown. */
async function shownEntry(panel: Locator, seq: number) {
  const row = panel.locator(`li[data-seq="${seq}"]`);
  return {
    author: await row.locator('.history-entry__author').textContent(),
    time: plain(await row.locator('.history-entry__time').textContent()),
    value: plain(await row.locator('.history-entry__value').textContent()),
  };
}

beforeAll(async () => {
  token = (await signIn(app.server.url, 'admin')).token;
  node = connectClient(app.server.wsUrl, DOC, token);
  await node.synced;
  head = await openReport('chef-hr');
  manager = await openReport('kommunchef');
});

// Registered after appUnderTest(): afterAll hooks run in reverse, so this runs before the server stops.
afterAll(() => {
  node?.destroy();
});

describe('the history panel', () => {
  it('shows who changed a text and when, newest first, and restores an old version for everyone', async () => {
    // The head writes a first version (one input, so one stored change), then the kommunchef
    // replaces it.
    await editor(head).click();
    await head.keyboard.insertText('Första versionen.');
    await waitFor(() => report().analysis[GOAL] === 'Första versionen.', 'the first version on the server');
    await editor(manager).click();
    await manager.keyboard.press('Control+a');
    await manager.keyboard.insertText('Andra versionen.');
    await waitFor(() => report().analysis[GOAL] === 'Andra versionen.', 'the second version on the server');

    const entries = await serverHistory(TEXT_FIELD);
    const newest = entries[0];
    const headsVersion = entries.find(
      (entry) => entry.userName === HR_HEAD && entry.value === 'Första versionen.',
    );
    expect(newest).toMatchObject({ userName: MANAGER, value: 'Andra versionen.' });
    if (!newest || !headsVersion) throw new Error('the server lists neither change');
    expect(headsVersion.seq).toBeLessThan(newest.seq);

    // The head's panel shows both, newest first, with the server's authors and times.
    const panel = await openPanel(head, TEXT_FIELD);
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Historik: Analys för Andelen personal som arbetar heltid ska mätas. 2018 är målet 85 procent. För 2015 är målet 78 procent.',
    );
    const seqs = await panel
      .locator('li[data-seq]')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));
    expect(seqs).toEqual(entries.map((entry) => entry.seq));
    expect(await shownEntry(panel, newest.seq)).toEqual({
      author: MANAGER,
      time: swedishTime(newest.at),
      value: 'Andra versionen.',
    });
    expect(await shownEntry(panel, headsVersion.seq)).toEqual({
      author: HR_HEAD,
      time: swedishTime(headsVersion.at),
      value: 'Första versionen.',
    });

    // Restoring the head's version writes it again, as a new change by the head.
    await panel.getByTestId(`history-restore-${headsVersion.seq}`).click();
    await panel
      .getByTestId('history-message')
      .filter({ hasText: 'Värdet är återställt som en ny ändring.' })
      .waitFor();
    await waitFor(() => report().analysis[GOAL] === 'Första versionen.', 'the restored text on the server');
    for (const page of [head, manager]) {
      await expect.poll(() => editorText(page)).toBe('Första versionen.');
    }
    const after = await serverHistory(TEXT_FIELD);
    expect(after[0]).toMatchObject({ userName: HR_HEAD, value: 'Första versionen.' });
    expect(after[0]?.seq).toBeGreaterThan(newest.seq);
    // History is never rewritten: every earlier entry is still there.
    expect(after.slice(1)).toEqual(entries);
    // The open panel lists the restore on top.
    await panel.locator(`li[data-seq="${after[0]?.seq}"]`).waitFor();
    await panel.getByRole('button', { name: 'Stäng' }).click();
    await panel.waitFor({ state: 'hidden' });
  });

  it('shows who changed a number and restores the earlier one', async () => {
    const outcome = (page: Page) => page.getByTestId(`outcome-${INDICATOR_ID}`);
    await outcome(head).fill('70');
    await outcome(head).press('Tab');
    await waitFor(() => report().indicatorOutcomes[INDICATOR_ID] === 70, '70 on the server');
    await outcome(manager).fill('72,5');
    await outcome(manager).press('Tab');
    await waitFor(() => report().indicatorOutcomes[INDICATOR_ID] === 72.5, '72.5 on the server');

    const entries = await serverHistory(OUTCOME_FIELD);
    expect(entries.map(({ userName, value }) => ({ userName, value }))).toEqual([
      { userName: MANAGER, value: 72.5 },
      { userName: HR_HEAD, value: 70 },
    ]);
    const [newest, older] = entries as [Entry, Entry];

    const panel = await openPanel(manager, OUTCOME_FIELD);
    expect(await shownEntry(panel, newest.seq)).toEqual({
      author: MANAGER,
      time: swedishTime(newest.at),
      value: '72,5 %',
    });
    expect((await shownEntry(panel, older.seq)).value).toBe('70 %');
    expect((await shownEntry(panel, older.seq)).author).toBe(HR_HEAD);

    await panel
      .getByRole('button', { name: `Återställ värdet från ${swedishTime(older.at)} av ${HR_HEAD}` })
      .click();
    await waitFor(() => report().indicatorOutcomes[INDICATOR_ID] === 70, 'the restored 70 on the server');
    for (const page of [head, manager]) {
      await expect.poll(() => outcome(page).inputValue()).toBe('70');
    }
    const after = await serverHistory(OUTCOME_FIELD);
    expect(after[0]).toMatchObject({ userName: MANAGER, value: 70 });
  });

  it('shows who changed an assignment’s title and restores the earlier one on the board', async () => {
    const id = 'ka-2015-4';
    const original = councilAssignments2015.find((assignment) => assignment.id === id)?.title ?? '';
    const field = `assignments/${id}/title`;
    const board = assignmentsDocumentName(2015);
    const watcher = connectClient(app.server.wsUrl, board, token);
    try {
      await watcher.synced;
      // The kommunchef goes to the board in the app (a new sign-in would cost a first visit).
      const first = manager;
      await goInApp(first, '/uppdrag');
      const { page: second } = await app.signInAt('admin', '/uppdrag');
      const titleField = (page: Page, title: string) =>
        page.getByLabel(`Titel för ${title}`, { exact: true });
      await titleField(first, original).fill('Studentbostäder: utredning');
      await titleField(first, original).press('Enter');
      await waitFor(
        () => readAssignment(watcher.doc, id)?.title === 'Studentbostäder: utredning',
        'the first title',
      );
      await titleField(second, 'Studentbostäder: utredning').fill('Studentbostäder: förstudie');
      await titleField(second, 'Studentbostäder: utredning').press('Enter');
      await waitFor(
        () => readAssignment(watcher.doc, id)?.title === 'Studentbostäder: förstudie',
        'the second title',
      );

      const entries = await serverHistory(field, board);
      expect(entries.slice(0, 2).map(({ userName, value }) => ({ userName, value }))).toEqual([
        { userName: 'Administratör', value: 'Studentbostäder: förstudie' },
        { userName: MANAGER, value: 'Studentbostäder: utredning' },
      ]);
      const [newest, older] = entries as [Entry, Entry];

      await first.getByTestId(`details-toggle-${id}`).click();
      const panel = await (async () => {
        await first.getByTestId(`history-${id}-title`).click();
        const opened = first.locator(`dialog[open][data-field="${field}"]`);
        await opened.locator('[data-testid="history-entries"]').waitFor();
        return opened;
      })();
      expect(await shownEntry(panel, newest.seq)).toEqual({
        author: 'Administratör',
        time: swedishTime(newest.at),
        value: 'Studentbostäder: förstudie',
      });
      expect(await shownEntry(panel, older.seq)).toEqual({
        author: MANAGER,
        time: swedishTime(older.at),
        value: 'Studentbostäder: utredning',
      });
      await panel.getByTestId(`history-restore-${older.seq}`).click();
      await waitFor(
        () => readAssignment(watcher.doc, id)?.title === 'Studentbostäder: utredning',
        'the restored title',
      );
      await titleField(second, 'Studentbostäder: utredning').waitFor();
      await first.locator('dialog[open] [data-testid="history-close"]').click();
      await goInApp(first, `/rapport/${MONTH}/${DEPARTMENT}`);
      await editor(first).waitFor();
    } finally {
      watcher.destroy();
    }
  });

  it('shows 50 changes first and the older ones after "Visa äldre"', async () => {
    // More changes than one page holds (the earlier tests left a few of this number too).
    for (let value = 1; value <= 60; value++)
      setIndicatorOutcome(node.doc, INDICATOR_ID, value, asAuthor('admin'));
    const wholeHistory = async () => {
      const response = await fetch(
        `${app.server.url}/api/documents/${encodeURIComponent(DOC)}/history?field=${encodeURIComponent(OUTCOME_FIELD)}&limit=200`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      return ((await response.json()) as { entries: Entry[] }).entries;
    };
    // Stored: the server's history ends with the last value.
    await expect.poll(async () => (await wholeHistory())[0]?.value, { timeout: 10_000 }).toBe(60);
    const whole = await wholeHistory();
    expect(whole.length).toBeGreaterThan(60);

    const open = manager.locator('dialog[open] [data-testid="history-close"]');
    if ((await open.count()) > 0) await open.click();
    const panel = await openPanel(manager, OUTCOME_FIELD);
    const shownSeqs = () =>
      panel
        .locator('li[data-seq]')
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))));
    await expect.poll(shownSeqs).toEqual(whole.slice(0, 50).map((entry) => entry.seq));
    await panel.getByRole('button', { name: 'Visa äldre' }).click();
    await expect.poll(shownSeqs).toEqual(whole.map((entry) => entry.seq));
    expect(await panel.getByRole('button', { name: 'Visa äldre' }).count()).toBe(0);
    await panel.getByTestId('history-close').click();
  });
});
