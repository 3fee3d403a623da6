/**
 * End to end: the manager's overview (Översikt) with the demo workspace, two signed-in people
 * at once (the kommunchef and a department head) and a stock y-websocket client writing to a
 * report on the server, as a third department head's browser would.
 *
 * The demo reports (packages/domain/src/plan2015/demoReports.ts) put March 2015 at: one report
 * submitted, five drafts, four departments not started.
 */
import {
  assignmentsDocumentName,
  dueState,
  readAssignments,
  reportBudgetText,
  reportDocumentName,
  setAssignmentStatus,
  setItemStatus,
  setReportBudget,
  todayInSweden,
  updateAssignment,
} from '@foljsam/domain';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appUnderTest } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectClient, type YClient } from '../support/yClient';

const app = appUnderTest();
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;
const clients: YClient[] = [];

// Registered after appUnderTest(): afterAll hooks run in reverse, so this runs before the server stops.
afterAll(() => {
  for (const client of clients) client.destroy();
});

/** One person: a browser context of their own, signed in through the form, on `path`. */
async function signInThroughUi(username: string, path: string): Promise<Page> {
  const { page } = await app.signInAt(username, path);
  await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
  return page;
}

/**
 * The kommunchef and the HR head, each signed in once for the whole file (a first visit costs
 * seconds: the local database starts and the documents are kept offline); later tests open
 * `path` in the same page with a full load, as a bookmark would.
 */
const people = new Map<string, Page>();
async function openOverview(username: string, path: string): Promise<Page> {
  const signedIn = people.get(username);
  if (!signedIn) {
    const page = await signInThroughUi(username, path);
    people.set(username, page);
    return page;
  }
  await signedIn.goto(path);
  await signedIn.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
  return signedIn;
}

/** A stock y-websocket client on a document, signed in as `username`. */
async function openDocument(docName: string, username: string): Promise<YClient> {
  const { server } = app;
  const { token } = await signIn(server.url, username);
  const client = connectClient(server.wsUrl, docName, token);
  clients.push(client);
  await client.synced;
  return client;
}

/** Waits until every report of the month is loaded (no row says "Laddar…"). */
async function waitForReports(page: Page, month: string): Promise<void> {
  await page.locator(`[data-month="${month}"]`).waitFor();
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.overview-reports tbody tr').length === 10 &&
      document.querySelectorAll('[data-report-state="loading"]').length === 0,
  );
}

/** Department ids per report state, as the table shows them. */
async function departmentsByState(page: Page): Promise<Record<string, string[]>> {
  const rows = await page
    .locator('.overview-reports tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-report-state') ?? '',
        tr.getAttribute('data-department-id') ?? '',
      ]),
    );
  const byState: Record<string, string[]> = {};
  for (const [state = '', id = ''] of rows) {
    byState[state] = [...(byState[state] ?? []), id];
  }
  for (const ids of Object.values(byState)) ids.sort();
  return byState;
}

/** An element's text with runs of white space as one space (symbols and words, as in the DOM). */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function rowStateText(page: Page, departmentId: string): Promise<string> {
  return text(page.locator(`.overview-reports tr[data-department-id="${departmentId}"] td`));
}

async function countOf(page: Page, state: string): Promise<string> {
  const chip = page.getByTestId(`report-count-${state}`);
  return `${await text(chip.locator('.ov-summary__count'))} ${await text(chip.locator('.ov-state'))}`;
}

const goalCell = (page: Page, goalId: string, departmentId: string) =>
  page.locator(
    `[data-testid="goal-matrix"] tr[data-goal-id="${goalId}"] td[data-department-id="${departmentId}"]`,
  );

async function budgetOrder(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="budget-deviations"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-department-id') ?? ''));
}

const MARCH_2015 = {
  'ej-paborjad': ['administrativa', 'fortroendemannaorganisationen', 'it', 'mark-exploatering'],
  utkast: ['ekonomi-upphandling', 'hr', 'kommunikation', 'naringsliv', 'utveckling'],
  inskickad: ['forvaltningsledning'],
};

describe('the overview, live with two people signed in', () => {
  it('shows the demo reports of March 2015 and follows a department that submits', async () => {
    const manager = await openOverview('kommunchef', '/oversikt?manad=2015-03');
    const head = await openOverview('chef-hr', '/oversikt?manad=2015-03');
    // Each sees the other on the overview.
    await manager.locator('[data-presence-user="Avdelningschef HR avdelningen"]').waitFor();
    await head.locator('[data-presence-user="Kommunchef"]').waitFor();
    for (const page of [manager, head]) {
      await waitForReports(page, '2015-03');
      expect(await departmentsByState(page)).toEqual(MARCH_2015);
      expect(await countOf(page, 'ej-paborjad')).toBe('4 ○Ej påbörjad');
      expect(await countOf(page, 'utkast')).toBe('5 ✎Utkast');
      expect(await countOf(page, 'inskickad')).toBe('1 ➤Inskickad');
      expect(await countOf(page, 'godkand')).toBe('0 ✔Godkänd');
      expect(await rowStateText(page, 'mark-exploatering')).toBe('○Ej påbörjad');
      // Goal traffic lights from the demo reports, in words; "–" where nothing is reported.
      await expect.poll(() => text(goalCell(page, 'goal-6-1-4-1', 'hr'))).toBe('▲Gul');
      expect(await text(goalCell(page, 'goal-6-1-3-1', 'kommunikation'))).toBe('●Grön');
      expect(await goalCell(page, 'goal-6-1-1-1', 'mark-exploatering').getAttribute('data-goal-status')).toBe(
        'none',
      );
      expect(await goalCell(page, 'goal-6-1-1-1', 'mark-exploatering').textContent()).toBe('–Ej rapporterad');
      // The five largest deviations of the forecasts against the plan's budgets, largest first.
      expect(await budgetOrder(page)).toEqual([
        'utveckling',
        'hr',
        'forvaltningsledning',
        'ekonomi-upphandling',
        'kommunikation',
      ]);
    }
    // Each item links to where it is edited.
    expect(
      await manager.locator('.overview-reports tr[data-department-id="hr"] a').getAttribute('href'),
    ).toBe('/rapport/2015-03/hr');
    expect(await goalCell(manager, 'goal-6-1-4-1', 'hr').locator('a').getAttribute('href')).toBe(
      '/rapport/2015-03/hr',
    );

    // The head of Mark och exploatering writes the March report elsewhere: a traffic light, a
    // forecast over budget, then submits it.
    const report = await openDocument(
      reportDocumentName('2015-03', 'mark-exploatering'),
      'chef-mark-exploatering',
    );
    setItemStatus(report.doc, 'goal:goal-6-1-1-1', 'rod', asAuthor('chef-mark-exploatering'));
    // A forecast this far over budget needs a budget analysis before it can be submitted
    // (written first: the server then has it whenever it has the figures).
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Exploateringen drar över: fler detaljplaner än budgeterat.')]);
    reportBudgetText(report.doc).insert(0, [paragraph]);
    setReportBudget(
      report.doc,
      { outcomeToDateTkr: 520, forecastTkr: 2494 },
      asAuthor('chef-mark-exploatering'),
    );
    // Submitting is a workflow step on the server (a client may not write the report's meta).
    const { token } = await signIn(app.server.url, 'chef-mark-exploatering');
    const submitted = await fetch(`${app.server.url}/api/reports/2015-03/mark-exploatering/submit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(submitted.status).toBe(200);

    for (const page of [manager, head]) {
      await page.waitForFunction(
        () =>
          document
            .querySelector('.overview-reports tr[data-department-id="mark-exploatering"]')
            ?.getAttribute('data-report-state') === 'inskickad',
      );
      expect(await departmentsByState(page)).toEqual({
        'ej-paborjad': ['administrativa', 'fortroendemannaorganisationen', 'it'],
        utkast: MARCH_2015.utkast,
        inskickad: ['forvaltningsledning', 'mark-exploatering'],
      });
      expect(await rowStateText(page, 'mark-exploatering')).toBe('➤Inskickad');
      expect(await countOf(page, 'ej-paborjad')).toBe('3 ○Ej påbörjad');
      expect(await countOf(page, 'inskickad')).toBe('2 ➤Inskickad');
      await expect.poll(() => text(goalCell(page, 'goal-6-1-1-1', 'mark-exploatering'))).toBe('■Röd');
      expect(await goalCell(page, 'goal-6-1-1-1', 'mark-exploatering').getAttribute('data-goal-status')).toBe(
        'rod',
      );
      // 1 694 tkr budget, 2 494 tkr forecast: an 800 tkr deficit, now the largest.
      await expect
        .poll(() => budgetOrder(page))
        .toEqual(['mark-exploatering', 'utveckling', 'hr', 'forvaltningsledning', 'ekonomi-upphandling']);
      const deficit = page.locator(
        '[data-testid="budget-deviations"] tr[data-department-id="mark-exploatering"]',
      );
      expect(await text(deficit)).toBe('Mark och exploatering1 694 tkr2 494 tkr−800 tkr▼ underskott');
    }
  });

  it('opens on the period being reported (March for the demo) with the department head’s Att göra', async () => {
    // No month in the URL: the server's calendar answer picks it (2015 is past, so the latest
    // month with a report started).
    const head = await openOverview('chef-hr', '/oversikt');
    await head.locator('[data-month="2015-03"]').waitFor();
    expect(await head.getByLabel('Uppföljningsmånad').inputValue()).toBe('2015-03');

    const todo = head.getByTestId('todo');
    await todo.getByRole('heading', { name: 'Att göra' }).waitFor();
    const march = todo.locator('li[data-kind="submit"][data-period="2015-03"]');
    await march.waitFor();
    // Late by the real date: said in words, not by colour alone.
    expect(await text(march)).toMatch(
      /^Månadsrapport mars 2015: Skriv och skicka in rapporten för HR avdelningen Senast 2015-04-16 ! ?försenad [\d\s]+ dagar$/,
    );
    expect(await march.getByRole('link').getAttribute('href')).toBe('/rapport/2015-03/hr');
    // Only HR's reports, and only those not submitted (January and February are approved).
    const periods = await todo
      .locator('li[data-kind]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-period')));
    expect(periods[0]).toBe('2015-03');
    expect(periods).not.toContain('2015-02');
    expect(periods).toContain('2015-T1');
    if (process.env.FOLJSAM_SCREENSHOTS === '1') {
      await head.screenshot({ path: `${SCREENSHOTS}att-gora.png`, fullPage: false });
    }
  });

  it('switches month with the picker and shows a returned report with its comment', async () => {
    const manager = await openOverview('kommunchef', '/oversikt?manad=2015-03');
    await waitForReports(manager, '2015-03');
    await manager.getByLabel('Uppföljningsmånad').selectOption({ label: 'februari 2015' });
    await waitForReports(manager, '2015-02');
    expect(new URL(manager.url()).searchParams.get('manad')).toBe('2015-02');
    expect(await departmentsByState(manager)).toEqual({
      godkand: [
        'ekonomi-upphandling',
        'fortroendemannaorganisationen',
        'forvaltningsledning',
        'hr',
        'it',
        'naringsliv',
      ],
      inskickad: ['administrativa', 'kommunikation', 'mark-exploatering'],
      aterremitterad: ['utveckling'],
    });
    const returned = await rowStateText(manager, 'utveckling');
    expect(returned).toMatch(
      /^↩Återremitterad ?Kommentar vid återremiss: Prognosen visar ett underskott på 520 tkr/,
    );
    expect(await text(goalCell(manager, 'goal-6-1-2-2', 'utveckling'))).toBe('■Röd');

    await manager.getByRole('button', { name: 'Föregående månad' }).click();
    await waitForReports(manager, '2015-01');
    expect(await departmentsByState(manager)).toEqual({
      godkand: [
        'administrativa',
        'ekonomi-upphandling',
        'fortroendemannaorganisationen',
        'forvaltningsledning',
        'hr',
        'it',
        'kommunikation',
        'mark-exploatering',
        'naringsliv',
        'utveckling',
      ],
    });
    expect(await manager.getByRole('button', { name: 'Föregående månad' }).isDisabled()).toBe(true);
  });

  it('lists the overdue and due-soon assignments as dueState derives them, live', async () => {
    const manager = await openOverview('kommunchef', '/oversikt?manad=2015-03');
    const head = await openOverview('chef-hr', '/oversikt?manad=2015-03');
    const assignments = await openDocument(assignmentsDocumentName(2015), 'kommunchef');

    const expected = () => {
      const today = todayInSweden();
      return (
        readAssignments(assignments.doc)
          .map((a) => ({ id: a.id, endDate: a.endDate, due: dueState(a, today) }))
          .filter((a) => a.due === 'overdue' || a.due === 'due-soon')
          // Overdue first, then by end date (the seed's order among equal dates).
          .sort(
            (a, b) =>
              Number(b.due === 'overdue') - Number(a.due === 'overdue') || a.endDate.localeCompare(b.endDate),
          )
          .map((a) => `${a.id}:${a.due}`)
      );
    };
    const shown = (page: Page) =>
      page
        .locator('[data-testid="due-assignments"] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => `${tr.getAttribute('data-assignment-id')}:${tr.getAttribute('data-due')}`),
        );

    // The seed: every assignment ends in 2015 or 2018 and none is finished.
    const seeded = expected();
    expect(seeded.length).toBeGreaterThan(0);
    for (const page of [manager, head]) await expect.poll(() => shown(page)).toEqual(seeded);
    const first = manager.locator('[data-testid="due-assignments"] tr[data-assignment-id="ka-2015-2"]');
    expect(await text(first)).toContain('HR avdelningen');
    expect(await first.locator('a').getAttribute('href')).toBe(
      `/uppdrag?sok=${encodeURIComponent('Leda arbetet med införande av personalkläder och heltid.')}`,
    );

    // One assignment is finished, another gets an end date ten days ahead: it is due soon.
    const inTenDays = new Date(Date.parse(`${todayInSweden()}T00:00:00Z`) + 10 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    setAssignmentStatus(assignments.doc, 'ka-2015-6', 'klar', asAuthor('kommunchef'));
    updateAssignment(assignments.doc, 'ka-2015-3', { endDate: inTenDays }, asAuthor('kommunchef'));
    const changed = expected();
    expect(changed).toContain('ka-2015-3:due-soon');
    expect(changed.some((entry) => entry.startsWith('ka-2015-6:'))).toBe(false);
    for (const page of [manager, head]) await expect.poll(() => shown(page)).toEqual(changed);
    const soon = head
      .locator('[data-testid="due-assignments"] tr[data-assignment-id="ka-2015-3"] td')
      .first();
    expect(await text(soon)).toBe('◷Förfaller snart');
  });
});
