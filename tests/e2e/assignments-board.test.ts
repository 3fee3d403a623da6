/**
 * End to end: the assignments board (Uppdrag) with two signed-in people in two browsers and a
 * stock y-websocket client in Node watching what the server holds. Concurrent edits of
 * different fields of one assignment both survive, presence shows who is where, filters and
 * sort give the rows the seed predicts, create and delete reach everyone, an invalid date is
 * refused, and the status history names who changed what. Real server, real Chromium.
 */
import {
  assignmentsDocumentName,
  type CouncilAssignment,
  dueState,
  readAssignment,
  readAssignments,
  todayInSweden,
} from '@foljsam/domain';
import { councilAssignments2015 } from '@foljsam/domain/seed';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appUnderTest, goInApp, type SignedInPage } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const DOC = assignmentsDocumentName(2015);
// The second person edits every field, which only kommunchef and admin may (a department head
// changes only status and progress note of their own department's assignments: see the last test).
const SECOND = 'Administratör';

// Every person on the board gets the same large window. The two people of beforeAll stay for
// the whole file; anyone a test signs in leaves with that test.
const app = appUnderTest({
  contextOptions: { viewport: { width: 1400, height: 1000 } },
  closeContextsAfterEachTest: true,
});
let node: YClient | undefined;
/** The manager (kommunchef) and an administrator, each in their own browser context. */
let manager: SignedInPage | undefined;
let admin: SignedInPage | undefined;

/**
 * A network cut for one browser context, as a lost network looks to the app: its sync
 * websockets pass through Playwright's websocket routing, and going offline ends them the way
 * a dropped connection does (1006, abnormal closure), refuses new ones, and takes the context
 * offline (`navigator.onLine` false, fetches fail) until back online, when the browser's
 * `online` event fires. (`context.setOffline` alone does not end an open websocket in
 * Chromium: see support/networkLink.ts. A close code of 4000–4999 would be the server's own
 * decision, after which the client rightly waits out its whole back-off.)
 */
class NetworkGate {
  private offline = false;
  private context: BrowserContext | undefined;
  private readonly sockets = new Set<WebSocketRoute>();

  async install(context: BrowserContext): Promise<void> {
    this.context = context;
    await context.routeWebSocket(/\/sync\//, (ws) => {
      if (this.offline) {
        void ws.close({ code: LOST_NETWORK, reason: '' }).catch(() => undefined);
        return;
      }
      const server = ws.connectToServer();
      // The page sees the network drop; the server sees its client leave (a browser cannot
      // send 1006 itself).
      ws.onClose(() => void server.close().catch(() => undefined));
      this.sockets.add(ws);
    });
  }

  async goOffline(): Promise<void> {
    this.offline = true;
    // Offline first, so the app's next attempt waits for the network instead of being refused.
    await this.context?.setOffline(true);
    const open = [...this.sockets];
    this.sockets.clear();
    await Promise.all(open.map((ws) => ws.close({ code: LOST_NETWORK, reason: '' }).catch(() => undefined)));
  }

  async goOnline(): Promise<void> {
    this.offline = false;
    await this.context?.setOffline(false);
  }
}
/** The close code a browser reports when the connection drops without a closing handshake. */
const LOST_NETWORK = 1006;
const adminNetwork = new NetworkGate();

/**
 * What the board should hold: the seed, with every change this file makes applied as it makes
 * it. The expected rows of a view are computed from this, independently of the client's code.
 */
const model: CouncilAssignment[] = structuredClone(councilAssignments2015);
const modelOf = (id: string): CouncilAssignment => {
  const found = model.find((assignment) => assignment.id === id);
  if (!found) throw new Error(`no ${id} in the model`);
  return found;
};
const titleOf = (id: string) => modelOf(id).title;

beforeAll(async () => {
  const { token } = await signIn(app.server.url, 'admin');
  node = connectClient(app.server.wsUrl, DOC, token);
  await node.synced;
  manager = await signInThroughUi('kommunchef');
  admin = await signInThroughUi('admin', '/uppdrag', adminNetwork);
});

// Each test starts from the whole board (no view left over from the test before).
beforeEach(async () => {
  for (const page of [manager?.page, admin?.page]) {
    if (page) await showWholeBoard(page);
  }
});

// Registered after appUnderTest(): afterAll hooks run in reverse, so this runs before the server stops.
afterAll(() => {
  node?.destroy();
});

/** The Node client watching the board's document on the server. */
function nodeClient(): YClient {
  if (!node) throw new Error('the Node client did not start');
  return node;
}

function people(): { a: Page; b: Page } {
  if (!manager || !admin) throw new Error('the two people did not sign in');
  return { a: manager.page, b: admin.page };
}

async function signInThroughUi(
  username: string,
  path = '/uppdrag',
  network?: NetworkGate,
): Promise<SignedInPage> {
  const signedIn = await app.signInAt(username, path, 'demo', async (context) => {
    await network?.install(context);
  });
  await waitForBoard(signedIn.page);
  return signedIn;
}

async function waitForBoard(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Uppdrag från fullmäktige 2015' }).waitFor();
  await page.locator('[data-testid="connection-status"]', { hasText: 'Ansluten' }).waitFor();
  await page.locator('[data-assignment-id]').first().waitFor();
}

/**
 * A new board screen with no view (filters, sort, open details, focus) left from the test
 * before: out to another screen and back through the app's router, as its menu links go. A
 * full reload would do the same but restart the app (its local database and every synced
 * document), which costs seconds a page.
 */
async function showWholeBoard(page: Page): Promise<void> {
  for (const path of ['/import', '/uppdrag']) await goInApp(page, path);
}

const rowIds = (page: Page): Promise<(string | null)[]> =>
  page
    .locator('[data-assignment-id]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-assignment-id')));

/** Waits until the board shows exactly `expected` (ids, in order), then asserts it. */
async function expectRows(page: Page, expected: string[]): Promise<void> {
  await page
    .waitForFunction(
      (ids) =>
        JSON.stringify(
          [...document.querySelectorAll('[data-assignment-id]')].map((row) =>
            row.getAttribute('data-assignment-id'),
          ),
        ) === JSON.stringify(ids),
      expected,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  expect(await rowIds(page)).toEqual(expected);
}

/** The control whose accessible name is exactly `label`. */
const control = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** Waits until the control named `label` holds `value` (polled in the page, no fixed sleeps). */
async function waitForValue(page: Page, label: string, value: string): Promise<void> {
  await page.waitForFunction(
    ([name, expected]) =>
      [...document.querySelectorAll<HTMLInputElement>('[aria-label]')].some(
        (element) => element.getAttribute('aria-label') === name && element.value === expected,
      ),
    [label, value] as const,
    { timeout: 10_000 },
  );
}

async function expandDetails(page: Page, id: string): Promise<void> {
  const toggle = page.getByTestId(`details-toggle-${id}`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`[data-details-for="${id}"]:not([hidden])`).waitFor();
}

/** Sets the board's filters through its labelled controls. */
async function setFilter(page: Page, label: string, optionLabel: string): Promise<void> {
  await control(page, label).selectOption({ label: optionLabel });
}

const STATUS_LABELS = { 'ej-paborjad': 'Ej påbörjad', pagar: 'Pågår', klar: 'Klar' } as const;

describe('the assignments board, two people at once', () => {
  it('keeps both of two concurrent edits to different fields of one assignment', async () => {
    const { a, b } = people();
    const node = nodeClient();
    const id = 'ka-2015-2';
    const title = titleOf(id);
    const person = 'Anna Lindqvist';
    const note = 'Upphandling av personalkläder pågår; heltidsprojektet startar i april.';

    // The administrator loses the network: what they write stays in their browser for now.
    await adminNetwork.goOffline();
    await b.locator('[data-testid="connection-status"]', { hasText: 'Frånkopplad' }).waitFor();
    await expandDetails(b, id);
    await control(b, `Lägesrapport för ${title}`).fill(note);
    await control(b, `Lägesrapport för ${title}`).press('Control+Enter');

    // Meanwhile the manager, online, sets the responsible person of the same assignment.
    await control(a, `Ansvarig person för ${title}`).fill(person);
    await control(a, `Ansvarig person för ${title}`).press('Enter');
    await waitFor(
      () => readAssignment(node.doc, id)?.responsiblePerson === person,
      'the person on the server',
    );
    // Truly concurrent: the server has the person but not the note, and the administrator has not seen the person.
    expect(readAssignment(node.doc, id)?.progressNote).toBe('');
    expect(await control(b, `Ansvarig person för ${title}`).inputValue()).toBe('');

    // Back online: both changes merge everywhere.
    await adminNetwork.goOnline();
    await b.locator('[data-testid="connection-status"]', { hasText: 'Ansluten' }).waitFor();
    await waitForValue(b, `Ansvarig person för ${title}`, person);
    await expandDetails(a, id);
    await waitForValue(a, `Lägesrapport för ${title}`, note);
    expect(await control(a, `Ansvarig person för ${title}`).inputValue()).toBe(person);
    expect(await control(b, `Lägesrapport för ${title}`).inputValue()).toBe(note);
    await waitFor(() => readAssignment(node.doc, id)?.progressNote === note, 'the note on the server');
    expect(readAssignment(node.doc, id)).toMatchObject({ responsiblePerson: person, progressNote: note });
    Object.assign(modelOf(id), { responsiblePerson: person, progressNote: note });
    // Nothing else changed.
    expect(readAssignments(node.doc)).toEqual(model);
  });

  it('shows who else is here and marks the field they are in, without locking it', async () => {
    const { a, b } = people();
    const id = 'ka-2015-1';
    const titleField = `Titel för ${titleOf(id)}`;
    await a.locator('[data-testid="presence"] [data-presence-user="Administratör"]').waitFor();
    await b.locator('[data-testid="presence"] [data-presence-user="Kommunchef"]').waitFor();
    expect(await b.getByTestId('presence').textContent()).toContain('Kommunchef');

    // The manager goes into the title; the administrator sees the field marked with the manager's name.
    await control(a, titleField).focus();
    const marker = b.locator(`[data-field-presence="assignment:${id}:title"]`);
    await marker.waitFor();
    expect(await marker.textContent()).toBe('Kommunchef skriver här');
    // Only that field is marked, and it stays editable for the administrator.
    expect(await b.locator('[data-field-presence]').count()).toBe(1);
    expect(await control(b, titleField).isEditable()).toBe(true);
    // The manager moves on to the department of another assignment; the marker follows.
    await control(a, `Ansvarig avdelning för ${titleOf('ka-2015-3')}`).focus();
    await b.locator('[data-field-presence="assignment:ka-2015-3:departmentId"]').waitFor();
    await marker.waitFor({ state: 'detached' });
    // And the administrator's own focus shows on the manager's screen.
    await control(b, `Slutdatum för ${titleOf('ka-2015-6')}`).focus();
    await a
      .locator(`[data-field-presence="assignment:ka-2015-6:endDate"]`, { hasText: `${SECOND} skriver här` })
      .waitFor();
    await a.locator('h1').focus();
    await b.locator('h1').focus();
    await b.locator('[data-field-presence]').first().waitFor({ state: 'detached' });

    // Not locked: while the manager sits in a field without typing, the administrator writes it; the
    // manager's field follows, and leaving it does not write the old value back.
    const node = nodeClient();
    const personField = `Ansvarig person för ${titleOf('ka-2015-4')}`;
    await control(a, personField).focus();
    await b.locator(`[data-field-presence="assignment:ka-2015-4:responsiblePerson"]`).waitFor();
    await control(b, personField).fill('Karin Ek');
    await control(b, personField).press('Enter');
    await waitForValue(a, personField, 'Karin Ek');
    await control(a, personField).press('Tab');
    await waitFor(
      () => readAssignment(node.doc, 'ka-2015-4')?.responsiblePerson === 'Karin Ek',
      'the person on the server',
    );
    modelOf('ka-2015-4').responsiblePerson = 'Karin Ek';
    await a.locator('h1').focus();
    expect(await control(b, personField).inputValue()).toBe('Karin Ek');
    expect(readAssignments(node.doc)).toEqual(model);
  });

  it('filters, searches, sorts and groups the rows the way the seed predicts, and keeps the view in the URL', async () => {
    const { a, b } = people();
    const node = nodeClient();
    // Some variety first: one assignment in progress, one done.
    await a.getByTestId('status-ka-2015-3').selectOption({ label: 'Pågår' });
    await a.getByTestId('status-ka-2015-6').selectOption({ label: 'Klar' });
    await waitFor(
      () =>
        readAssignment(node.doc, 'ka-2015-3')?.status === 'pagar' &&
        readAssignment(node.doc, 'ka-2015-6')?.status === 'klar',
      'the statuses on the server',
    );
    modelOf('ka-2015-3').status = 'pagar';
    modelOf('ka-2015-6').status = 'klar';
    const ids = (list: CouncilAssignment[]) => list.map((assignment) => assignment.id);
    await expectRows(a, ids(model));

    // Department.
    await setFilter(a, 'Avdelning', 'HR avdelningen');
    await expectRows(a, ids(model.filter((x) => x.departmentId === 'hr')));
    // The URL follows the list after its next paint.
    await a.waitForURL((url) => url.searchParams.get('avdelning') === 'hr');
    await setFilter(a, 'Avdelning', 'Alla avdelningar');
    await expectRows(a, ids(model));

    // Status.
    await setFilter(a, 'Status', 'Pågår');
    await expectRows(a, ids(model.filter((x) => x.status === 'pagar')));
    await setFilter(a, 'Status', 'Ej påbörjad');
    await expectRows(a, ids(model.filter((x) => x.status === 'ej-paborjad')));
    await setFilter(a, 'Status', 'Alla statusar');

    // Due: every unfinished 2015 assignment is overdue when viewed today.
    const today = todayInSweden();
    await setFilter(a, 'Förfallo', 'Försenade');
    const overdue = ids(model.filter((x) => dueState(x, today) === 'overdue'));
    expect(overdue).toEqual(ids(model.filter((x) => x.status !== 'klar')));
    await expectRows(a, overdue);
    // Judged against today and said so: a 2015 assignment passed its end date, it is not
    // thousands of days late.
    const late = model.find((x) => x.id === overdue[0]) as (typeof model)[number];
    const flag = a.locator(`[data-assignment-id="${late.id}"] .board-due`);
    expect(await flag.locator('.board-due__detail').textContent()).toBe(
      `passerade slutdatum ${late.endDate}`,
    );
    expect(await flag.getAttribute('title')).toBe(`Bedömt mot dagens datum, ${today}`);
    await setFilter(a, 'Förfallo', 'Alla');

    // Sort by end date, descending (ties keep the plan's order), then by title.
    await setFilter(a, 'Sortera efter', 'Slutdatum');
    await setFilter(a, 'Ordning', 'Fallande');
    const byEndDesc = ids([...model].sort((x, y) => y.endDate.localeCompare(x.endDate)));
    expect(byEndDesc[0]).toBe('ka-2015-6');
    await expectRows(a, byEndDesc);
    await setFilter(a, 'Sortera efter', 'Titel');
    await expectRows(a, ids([...model].sort((x, y) => y.title.localeCompare(x.title, 'sv'))));
    await setFilter(a, 'Ordning', 'Stigande');
    await expectRows(a, ids([...model].sort((x, y) => x.title.localeCompare(y.title, 'sv'))));
    await setFilter(a, 'Sortera efter', 'Planens ordning');
    await expectRows(a, ids(model));

    // Search reaches titles and progress notes, whatever the case.
    await control(a, 'Sök').fill('ELBIL');
    await expectRows(a, ids(model.filter((x) => x.title.toLowerCase().includes('elbil'))));
    await control(a, 'Sök').fill('upphandling');
    const byNote = ids(
      model.filter((x) =>
        `${x.title} ${x.description} ${x.progressNote}`.toLowerCase().includes('upphandling'),
      ),
    );
    expect(byNote).toEqual(['ka-2015-2']);
    await expectRows(a, byNote);
    await control(a, 'Sök').fill('');
    await expectRows(a, ids(model));

    // Grouping by status: headings in workflow order, each with its rows.
    await setFilter(a, 'Gruppera', 'Per status');
    const groups = (['ej-paborjad', 'pagar', 'klar'] as const)
      .map((status) => ({ status, rows: ids(model.filter((x) => x.status === status)) }))
      .filter((group) => group.rows.length > 0);
    await expectRows(
      a,
      groups.flatMap((group) => group.rows),
    );
    const headings = await a.locator('[data-group-heading]').allTextContents();
    expect(headings).toEqual(groups.map((group) => `${STATUS_LABELS[group.status]} (${group.rows.length})`));
    for (const group of groups) {
      const inGroup = await a
        .locator(`[data-group="status:${group.status}"] [data-assignment-id]`)
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-assignment-id')));
      expect(inGroup).toEqual(group.rows);
    }

    // A combined view, and its link reproduces it for someone else.
    await setFilter(a, 'Förfallo', 'Försenade');
    await setFilter(a, 'Sortera efter', 'Slutdatum');
    await setFilter(a, 'Ordning', 'Fallande');
    await setFilter(a, 'Avdelning', 'Utvecklingsavdelning');
    const combined = ids(
      model.filter((x) => x.departmentId === 'utveckling' && dueState(x, today) === 'overdue'),
    );
    await expectRows(a, combined);
    await a.waitForURL((url) => url.searchParams.get('avdelning') === 'utveckling');
    const link = new URL(a.url());
    expect(Object.fromEntries(link.searchParams)).toEqual({
      gruppera: 'status',
      forfall: 'forsenade',
      sortera: 'slutdatum',
      ordning: 'fallande',
      avdelning: 'utveckling',
    });
    await b.goto(`${link.pathname}${link.search}`);
    await waitForBoard(b);
    await expectRows(b, combined);
    expect(await control(b, 'Avdelning').inputValue()).toBe('utveckling');
    expect(await control(b, 'Gruppera').inputValue()).toBe('status');

    // Clearing returns both to the whole board.
    for (const page of [a, b]) {
      await page.getByRole('button', { name: 'Rensa filter' }).click();
      await expectRows(page, ids(model));
      await page.waitForURL((url) => url.search === '');
    }
  });

  it('creates an assignment for everyone, refuses an invalid end date, and deletes it everywhere', async () => {
    const { a, b } = people();
    const node = nodeClient();
    const title = 'Utreda en ny mötesplats för unga i Nödinge';

    // The form refuses an end date before the start date and writes nothing.
    await a.getByTestId('open-create').click();
    const form = a.getByTestId('create-assignment-form');
    await form.getByLabel('Titel', { exact: true }).fill(title);
    await form.getByLabel('Slutdatum', { exact: true }).fill('2014-06-30');
    await form.getByRole('button', { name: 'Skapa uppdrag' }).click();
    await a.getByTestId('new-endDate-error').waitFor();
    expect(await a.getByTestId('new-endDate-error').textContent()).toContain(
      'Slutdatumet kan inte vara före startdatumet (2015-01-01).',
    );
    expect(readAssignments(node.doc)).toHaveLength(model.length);

    // Corrected, it is created with a client-made id and reaches the other browser and the server.
    await form.getByLabel('Slutdatum', { exact: true }).fill('2015-09-30');
    await form.getByLabel('Fullmäktigebeslut', { exact: true }).fill('KF § 45/2015');
    await form.getByLabel('Ansvarig avdelning', { exact: true }).selectOption({ label: 'Kommunikation' });
    await form.getByLabel('Ansvarig person', { exact: true }).fill('Erik Berg');
    await form.getByRole('button', { name: 'Skapa uppdrag' }).click();
    await a.getByTestId('board-message').filter({ hasText: 'har skapats' }).waitFor();
    await waitFor(
      () => readAssignments(node.doc).some((x) => x.title === title),
      'the new assignment on the server',
    );
    const created = readAssignments(node.doc).find((x) => x.title === title) as CouncilAssignment;
    expect(created.id).toMatch(/^ka-2015-[a-z0-9]+$/);
    expect(created).toMatchObject({
      startDate: '2015-01-01',
      endDate: '2015-09-30',
      decisionRef: 'KF § 45/2015',
      departmentId: 'kommunikation',
      responsiblePerson: 'Erik Berg',
      status: 'ej-paborjad',
    });
    model.push(created);
    const ids = model.map((x) => x.id);
    await expectRows(a, ids);
    await expectRows(b, ids);
    await waitForValue(b, `Titel för ${title}`, title);
    expect(await b.getByTestId(`department-${created.id}`).inputValue()).toBe('kommunikation');

    // Inline: an end date before the start date, and a date that does not exist, are refused.
    const endField = `Slutdatum för ${title}`;
    await control(a, endField).fill('2014-12-31');
    await control(a, endField).press('Enter');
    const error = a.locator(`[data-field="assignment:${created.id}:endDate"] [role="alert"]`);
    await error.waitFor();
    expect(await error.textContent()).toContain('Slutdatumet kan inte vara före startdatumet (2015-01-01).');
    expect(await control(a, endField).getAttribute('aria-invalid')).toBe('true');
    await control(a, endField).fill('2015-02-30');
    await control(a, endField).press('Tab');
    await a
      .locator(`[data-field="assignment:${created.id}:endDate"] [role="alert"]`, {
        hasText: 'Ogiltigt datum',
      })
      .waitFor();
    // Nothing was written: the server and the other browser keep the valid date.
    expect(readAssignment(node.doc, created.id)?.endDate).toBe('2015-09-30');
    expect(await control(b, endField).inputValue()).toBe('2015-09-30');
    // Escape gives the stored value back.
    await control(a, endField).press('Escape');
    expect(await control(a, endField).inputValue()).toBe('2015-09-30');
    await error.waitFor({ state: 'detached' });

    // Deleting asks first; cancelling keeps it.
    await a.getByRole('button', { name: `Ta bort ${title}` }).click();
    const dialog = a.getByRole('dialog', { name: 'Ta bort uppdrag?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(readAssignment(node.doc, created.id)).toBeDefined();
    await a.getByRole('button', { name: `Ta bort ${title}` }).click();
    await dialog.getByRole('button', { name: 'Ta bort uppdraget' }).click();
    model.pop();
    await expectRows(
      a,
      model.map((x) => x.id),
    );
    await expectRows(
      b,
      model.map((x) => x.id),
    );
    await waitFor(() => readAssignment(node.doc, created.id) === undefined, 'the deletion on the server');
    expect(readAssignments(node.doc)).toEqual(model);
  });

  it('records each status change in the history with the display name of who made it', async () => {
    const { a, b } = people();
    const node = nodeClient();
    const id = 'ka-2015-1';
    await expandDetails(b, id);
    const history = b.getByTestId(`history-${id}`);
    expect(await history.textContent()).toContain('Statusen har inte ändrats ännu.');

    // The manager starts it: the administrator sees the entry with the manager's name at once.
    await a.getByTestId(`status-${id}`).selectOption({ label: 'Pågår' });
    const entry = history.locator('[data-history-entry]').first();
    await entry.waitFor();
    expect(await entry.locator('.board-history__change').textContent()).toBe('Ej påbörjad → Pågår');
    expect(await entry.locator('.board-history__by').textContent()).toBe('av Kommunchef');
    expect(await entry.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // The administrator finishes it; the manager's panel lists both, newest first.
    await b.getByTestId(`status-${id}`).selectOption({ label: 'Klar' });
    await expandDetails(a, id);
    const managerEntries = a.getByTestId(`history-${id}`).locator('[data-history-entry]');
    await a.waitForFunction(
      (selector) => document.querySelectorAll(selector).length === 2,
      `[data-testid="history-${id}"] [data-history-entry]`,
    );
    expect(await managerEntries.locator('.board-history__change').allTextContents()).toEqual([
      'Pågår → Klar',
      'Ej påbörjad → Pågår',
    ]);
    expect(await managerEntries.locator('.board-history__by').allTextContents()).toEqual([
      `av ${SECOND}`,
      'av Kommunchef',
    ]);
    await waitFor(() => readAssignment(node.doc, id)?.status === 'klar', 'the status on the server');
    modelOf(id).status = 'klar';
  });

  it('shows a reader (läsare) everything as text, with no controls to change it', async () => {
    const reader = await signInThroughUi('lasare');
    await expectRows(
      reader.page,
      model.map((x) => x.id),
    );
    await reader.page.getByTestId('read-only-notice').waitFor();
    const rowControls = await reader.page
      .locator('[data-assignment-id] input, [data-assignment-id] select, [data-assignment-id] textarea')
      .count();
    expect(rowControls).toBe(0);
    expect(await reader.page.getByTestId('open-create').count()).toBe(0);
    expect(await reader.page.locator('[data-testid^="delete-"]').count()).toBe(0);
    expect(await reader.page.locator('[data-assignment-id="ka-2015-2"] th').textContent()).toBe(
      titleOf('ka-2015-2'),
    );
  });

  it('lets a department head change only status and progress note of their own department’s assignments', async () => {
    const head = await signInThroughUi('chef-hr');
    const page = head.page;
    const node = nodeClient();
    // The reason is said in text, and nothing to create, delete or reassign is offered.
    await page.getByTestId('progress-scope-notice').waitFor();
    expect(await page.getByTestId('progress-scope-notice').textContent()).toContain(
      'Som avdelningschef kan du ändra status och lägesrapport för din avdelnings uppdrag.',
    );
    expect(await page.getByTestId('open-create').count()).toBe(0);
    expect(await page.locator('[data-testid^="delete-"]').count()).toBe(0);
    expect(await page.locator('[data-assignment-id] select[data-testid^="department-"]').count()).toBe(0);
    // Titles, people and dates are text for every row; no row header holds a field.
    expect(await page.locator('[data-assignment-id] th textarea, [data-assignment-id] input').count()).toBe(
      0,
    );

    // HR's own assignments (ka-2015-2, ka-2015-6) have a status control; the others do not.
    const withStatus = await page
      .locator('[data-assignment-id] select[data-testid^="status-"]')
      .evaluateAll((selects) => selects.map((select) => select.getAttribute('data-testid')));
    expect(withStatus).toEqual(['status-ka-2015-2', 'status-ka-2015-6']);

    // The progress note of an own assignment is a field; another department's is text.
    const id = 'ka-2015-6';
    const note = 'Personalpoolen är bemannad.';
    await expandDetails(page, id);
    await control(page, `Lägesrapport för ${titleOf(id)}`).fill(note);
    await control(page, `Lägesrapport för ${titleOf(id)}`).press('Control+Enter');
    await expandDetails(page, 'ka-2015-3');
    expect(await page.getByLabel(`Lägesrapport för ${titleOf('ka-2015-3')}`, { exact: true }).count()).toBe(
      0,
    );

    await page.getByTestId(`status-${id}`).selectOption({ label: 'Pågår' });
    await waitFor(
      () =>
        readAssignment(node.doc, id)?.status === 'pagar' &&
        readAssignment(node.doc, id)?.progressNote === note,
      'the head’s status and note on the server',
    );
    Object.assign(modelOf(id), { status: 'pagar', progressNote: note });
    expect(readAssignments(node.doc)).toEqual(model);
    // The server accepted both: the page was never told its change was refused.
    expect(await page.getByTestId('sync-denied').count()).toBe(0);
  });

  it('tells a department head, read-only, when the server refuses a change made offline', async () => {
    const network = new NetworkGate();
    const head = await signInThroughUi('chef-hr', '/uppdrag', network);
    const page = head.page;
    const { a } = people();
    const node = nodeClient();
    const id = 'ka-2015-2';
    const note = 'Skrivet utan nät.';

    // Offline, the HR head writes the progress note of an HR assignment: kept in their browser.
    await network.goOffline();
    await page.locator('[data-testid="connection-status"]', { hasText: 'Frånkopplad' }).waitFor();
    await expandDetails(page, id);
    await control(page, `Lägesrapport för ${titleOf(id)}`).fill(note);
    await control(page, `Lägesrapport för ${titleOf(id)}`).press('Control+Enter');

    // Meanwhile the kommunchef moves the assignment to another department.
    await control(a, `Ansvarig avdelning för ${titleOf(id)}`).selectOption('it');
    await waitFor(
      () => readAssignment(node.doc, id)?.departmentId === 'it',
      'the reassignment on the server',
    );
    modelOf(id).departmentId = 'it';

    // Back online, the note is no longer the head's to write: the server refuses it and says so,
    // and the page turns read-only with the reason in text.
    await network.goOnline();
    const banner = page.getByTestId('sync-denied');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain('Servern tog inte emot din senaste ändring');
    expect(await page.locator('[data-assignment-id] select, [data-details-for] textarea').count()).toBe(0);
    // Nothing of the refused change reached the server or the kommunchef.
    expect(readAssignment(node.doc, id)?.progressNote).toBe(modelOf(id).progressNote);
    expect(readAssignments(node.doc)).toEqual(model);
  });
});
