/**
 * End to end: honest merges. The HR head and the kommunchef have the same monthly report open
 * in two browser contexts, both lose the network, both keep editing (y-websocket keeps the
 * edits in memory), and then come back. Different fields and the shared analysis text merge;
 * the indicator outcome both changed is flagged to both as changed concurrently (ändrades
 * samtidigt), with both values and who wrote each; one of them chooses and the flag is gone
 * for both. A stock y-websocket client in Node reads the server's copy. No mocks.
 *
 * Going offline is `context.setOffline(true)` (fetches fail, `navigator.onLine` is false) plus
 * cutting the person's own TCP link to the server: setOffline alone leaves an open websocket
 * open and silently stalled in Chromium, so the app would never see that it was offline (see
 * support/networkLink.ts).
 */
import {
  assignmentsDocumentName,
  readAssignment,
  readAssignmentConflicts,
  readReport,
  readReportConflicts,
  reportDocumentName,
} from '@foljsam/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, submitSignIn } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { type NetworkLink, startNetworkLink } from '../support/networkLink';
import { connectClient, waitFor, type YClient } from '../support/yClient';

// A month without demo reports, so the test controls every value.
const MONTH = '2015-06';
const DEPARTMENT = 'hr';
const PATH = `/rapport/${MONTH}/${DEPARTMENT}`;
const HR_HEAD = 'Avdelningschef HR avdelningen';
const MANAGER = 'Kommunchef';
const GOAL = 'goal:goal-6-1-4-1';
const INDICATOR_ID = 'ind-heltid';
const INDICATOR = `indicator:${INDICATOR_ID}`;
const OUTCOME_MARKER = `conflict-outcome-${INDICATOR_ID}`;

// With the service worker, as people have it (the file's people go offline and come back). The
// merges that follow a reconnect get a minute: after an offline spell the app probes before it
// reconnects, and by this file the machine's cores run throttled under the suite's load.
const app = appUnderTest({ serviceWorkers: true });
const AFTER_RECONNECT_MS = 60_000;

interface Person {
  context: BrowserContext;
  page: Page;
  link: NetworkLink;
}

let server: YClient;
let serverAssignments: YClient;
let head: Person;
let manager: Person;

/** One person on their own network link, signed in through the form on the report. */
async function personOnReport(username: string): Promise<Person> {
  const link = await startNetworkLink(app.server.url);
  const context = await app.newContext();
  const page = await context.newPage();
  await page.goto(`${link.url}${PATH}`);
  await submitSignIn(page, username, 'demo');
  await page.getByRole('heading', { level: 1, name: 'Månadsrapport juni 2015: HR avdelningen' }).waitFor();
  await connected(page);
  await editor(page, INDICATOR).waitFor();
  return { context, page, link };
}

const editor = (page: Page, key: string) => page.locator(`[data-testid="analysis-${key}"]`);
const connected = (page: Page) =>
  page.locator('[data-testid="connection-status"][data-connection="connected"]').waitFor();

/** Loses the network: the TCP link drops (the app sees its socket close), then fetches fail too. */
async function goOffline(person: Person): Promise<void> {
  person.link.cut();
  await person.page.locator('[data-testid="connection-status"][data-connection="connected"]').waitFor({
    state: 'detached',
  });
  await person.context.setOffline(true);
}

/**
 * The network comes back, then the browser notices (its `online` event): in that order, the
 * app's first probe on `online` finds the server; the other way round the probe fails on the
 * still-cut link and the app backs off for seconds.
 */
async function goOnline(person: Person): Promise<void> {
  person.link.restore();
  await person.context.setOffline(false);
}

/** The text of an editor's paragraphs, joined by newlines, without other people's carets. */
function textOfEditor(testId: string): string | null {
  const element = document.querySelector(`[data-testid="${testId}"]`);
  if (!element) return null;
  const copy = element.cloneNode(true) as Element;
  for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
  return [...copy.children].map((child) => child.textContent ?? '').join('\n');
}

const editorText = (page: Page, key: string) => page.evaluate(textOfEditor, `analysis-${key}`);

async function waitForEditorText(page: Page, key: string, expected: string): Promise<void> {
  await page.waitForFunction(
    ([source, testId, text]) => {
      const read = new Function(`return (${source})`)() as (id: string) => string | null;
      return read(testId) === text;
    },
    [textOfEditor.toString(), `analysis-${key}`, expected] as const,
  );
}

async function waitForValue(page: Page, testId: string, expected: string): Promise<void> {
  await page.waitForFunction(
    ([id, value]) =>
      document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-testid="${id}"]`)?.value === value,
    [testId, expected] as const,
    { timeout: AFTER_RECONNECT_MS },
  );
}

/** Whitespace of any kind (Intl's no-break spaces included) as plain spaces. */
const plainSpaces = (text: string | null) => (text ?? '').replace(/\s/g, ' ');

const report = () => readReport(server.doc, MONTH, DEPARTMENT);

/** People signed in by a single test, closed with the others. */
const extraPeople: Person[] = [];
const ADMIN = 'Administratör';

beforeAll(async () => {
  const token = (await signIn(app.server.url, 'admin')).token;
  server = connectClient(app.server.wsUrl, reportDocumentName(MONTH, DEPARTMENT), token);
  await server.synced;
  serverAssignments = connectClient(app.server.wsUrl, assignmentsDocumentName(2015), token);
  await serverAssignments.synced;
  head = await personOnReport('chef-hr');
  manager = await personOnReport('kommunchef');
});

// Registered after appUnderTest(): afterAll hooks run in reverse, so this runs before the server stops.
afterAll(async () => {
  server?.destroy();
  serverAssignments?.destroy();
  for (const person of [head, manager, ...extraPeople]) await person?.link.close();
});

describe('two people editing the same report while apart', () => {
  it('merge different fields and the shared text, and flag the number both changed', async () => {
    // Together first: an outcome and the start of the analysis, which both then see.
    const headOutcome = head.page.getByTestId(`outcome-${INDICATOR_ID}`);
    await headOutcome.fill('70');
    await headOutcome.press('Tab');
    await editor(head.page, INDICATOR).click();
    await head.page.keyboard.type('Läget: ');
    await waitForValue(manager.page, `outcome-${INDICATOR_ID}`, '70');
    await waitForEditorText(manager.page, INDICATOR, 'Läget: ');
    await waitFor(() => report().analysis[INDICATOR] === 'Läget: ', 'the shared start on the server');

    await goOffline(head);
    await goOffline(manager);

    // Apart. Different fields: the HR head sets the goal's status, the kommunchef the forecast.
    await head.page.getByTestId(`status-${GOAL}`).selectOption({ label: 'Gul' });
    const forecast = manager.page.getByTestId('budget-forecast');
    await forecast.fill('18000');
    await forecast.press('Tab');
    // The same text: the HR head writes at its start, the kommunchef at its end.
    await editor(head.page, INDICATOR).click();
    await head.page.keyboard.press('Control+Home');
    await head.page.keyboard.type('Heltid ökar. ');
    await editor(manager.page, INDICATOR).click();
    await manager.page.keyboard.press('Control+End');
    await manager.page.keyboard.type('Poolen startar.');
    // The same number, to different values.
    await headOutcome.fill('76,5');
    await headOutcome.press('Tab');
    const managerOutcome = manager.page.getByTestId(`outcome-${INDICATOR_ID}`);
    await managerOutcome.fill('78');
    await managerOutcome.press('Tab');

    // Nothing reached the server, and nobody sees a conflict yet: each has only their own edit.
    expect(report().indicatorOutcomes[INDICATOR_ID]).toBe(70);
    expect(report().itemStatuses[GOAL]).toBeUndefined();
    expect(report().budget.forecastTkr).toBeNull();
    for (const person of [head, manager])
      expect(await person.page.getByTestId(OUTCOME_MARKER).count()).toBe(0);

    await goOnline(head);
    await goOnline(manager);
    await connected(head.page);
    await connected(manager.page);

    // Different fields: both kept, on both pages and on the server.
    const merged = 'Heltid ökar. Läget: Poolen startar.';
    for (const person of [head, manager]) {
      await waitForValue(person.page, `status-${GOAL}`, 'gul');
      await waitForValue(person.page, 'budget-forecast', '18\u00a0000');
      await waitForEditorText(person.page, INDICATOR, merged);
    }
    await waitFor(
      () =>
        report().itemStatuses[GOAL] === 'gul' &&
        report().budget.forecastTkr === 18000 &&
        report().analysis[INDICATOR] === merged,
      'the merged fields and text on the server',
    );

    // The same number: Yjs kept one value, the same everywhere …
    // Both offline edits must have arrived before reading which value Yjs kept.
    await waitFor(
      () =>
        readReportConflicts(server.doc).some(
          (conflict) => conflict.field === `indicatorOutcomes/${INDICATOR_ID}`,
        ),
      'both offline outcomes on the server',
      AFTER_RECONNECT_MS,
    );
    const kept = report().indicatorOutcomes[INDICATOR_ID];
    expect([76.5, 78]).toContain(kept);
    const keptText = kept === 76.5 ? '76,5' : '78';
    const lostText = kept === 76.5 ? '78' : '76,5';
    const keptBy = kept === 76.5 ? HR_HEAD : MANAGER;
    const lostBy = kept === 76.5 ? MANAGER : HR_HEAD;
    for (const person of [head, manager])
      await waitForValue(person.page, `outcome-${INDICATOR_ID}`, keptText);

    // … and both see it flagged, with both values and who wrote each.
    for (const person of [head, manager]) {
      const toggle = person.page.getByTestId(`${OUTCOME_MARKER}-toggle`);
      await toggle.waitFor();
      expect(await toggle.textContent()).toContain('Ändrades samtidigt');
      expect(await toggle.getAttribute('aria-label')).toBe(
        'Utfall för Andel personal som arbetar heltid: ändrades samtidigt, välj värde',
      );
      await toggle.click();
      const panel = person.page.getByTestId(`${OUTCOME_MARKER}-panel`);
      await panel.waitFor();
      const keptRow = plainSpaces(await person.page.getByTestId(`${OUTCOME_MARKER}-kept`).textContent());
      const otherRow = plainSpaces(await person.page.getByTestId(`${OUTCOME_MARKER}-other`).textContent());
      expect(keptRow).toContain('Värdet som gäller nu');
      expect(keptRow).toContain(`${keptText} %`);
      expect(keptRow).toContain(`av ${keptBy}`);
      expect(otherRow).toContain('Det andra värdet');
      expect(otherRow).toContain(`${lostText} %`);
      expect(otherRow).toContain(`av ${lostBy}`);
      // Fields only one person changed are not flagged.
      expect(await person.page.getByTestId(`conflict-status-${GOAL}`).count()).toBe(0);
      expect(await person.page.getByTestId('conflict-budget-forecastTkr').count()).toBe(0);
    }

    // The kommunchef chooses the value that lost; the flag disappears for both.
    await manager.page.getByTestId(`${OUTCOME_MARKER}-use`).click();
    const chosen = kept === 76.5 ? 78 : 76.5;
    for (const person of [head, manager]) {
      await person.page.getByTestId(OUTCOME_MARKER).waitFor({ state: 'detached' });
      await waitForValue(person.page, `outcome-${INDICATOR_ID}`, lostText);
    }
    await waitFor(
      () => report().indicatorOutcomes[INDICATOR_ID] === chosen,
      'the chosen outcome on the server',
    );
    expect(await editorText(head.page, INDICATOR)).toBe(merged);
  });
});

describe('two people editing the same assignment while apart', () => {
  const ID = 'ka-2015-2';
  const MARKER = `conflict-endDate-${ID}`;
  const endDate = (page: Page) => page.locator(`[data-field="assignment:${ID}:endDate"] input`);

  it('flag the end date both changed, not the status only one changed, until one chooses', async () => {
    // A department head may change only status and note of assignments: the other person here
    // is the admin, who may change the end date too.
    const admin = await personOnReport('admin');
    extraPeople.push(admin);
    for (const person of [admin, manager]) {
      await person.page.goto(`${person.link.url}/uppdrag`);
      await person.page.locator(`tr[data-assignment-id="${ID}"]`).waitFor();
      await connected(person.page);
    }
    await goOffline(admin);
    await goOffline(manager);

    await endDate(admin.page).fill('2015-10-31');
    await endDate(admin.page).press('Enter');
    await admin.page.getByTestId(`status-${ID}`).selectOption({ label: 'Pågår' });
    await endDate(manager.page).fill('2015-11-30');
    await endDate(manager.page).press('Enter');

    await goOnline(admin);
    await goOnline(manager);
    await waitFor(
      () => readAssignmentConflicts(serverAssignments.doc, ID).length > 0,
      'both offline end dates on the server',
      AFTER_RECONNECT_MS,
    );
    const kept = readAssignment(serverAssignments.doc, ID)?.endDate;
    expect(['2015-10-31', '2015-11-30']).toContain(kept);
    const other = kept === '2015-10-31' ? '2015-11-30' : '2015-10-31';
    for (const person of [admin, manager]) {
      await person.page.getByTestId(`${MARKER}-toggle`).click();
      const keptRow = await person.page.getByTestId(`${MARKER}-kept`).textContent();
      const otherRow = await person.page.getByTestId(`${MARKER}-other`).textContent();
      expect(keptRow).toContain(`${kept} av ${kept === '2015-10-31' ? ADMIN : MANAGER}`);
      expect(otherRow).toContain(`${other} av ${kept === '2015-10-31' ? MANAGER : ADMIN}`);
      await waitForValue(person.page, `status-${ID}`, 'pagar');
      expect(await person.page.getByTestId(`conflict-status-${ID}`).count()).toBe(0);
    }

    // The admin keeps the value that is in effect: the flag goes for both, the date stays.
    await admin.page.getByTestId(`${MARKER}-keep`).click();
    for (const person of [admin, manager]) {
      await person.page.getByTestId(MARKER).waitFor({ state: 'detached' });
    }
    await waitFor(
      () => readAssignmentConflicts(serverAssignments.doc, ID).length === 0,
      'no conflict on the server',
    );
    expect(readAssignment(serverAssignments.doc, ID)?.endDate).toBe(kept);
  });
});
