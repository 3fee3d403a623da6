/**
 * End to end: a municipality's first run (issue 15). An empty data dir, `pnpm admin init` with
 * the password on stdin, the server in production mode (Secure cookies; no demo); the first
 * administrator signs in through the form, creates three departments and two users (a head of
 * a new department, a reader) on the administration screen, and finds each user with their
 * department, also after a reload. Archiving a department takes it out of the pickers for new
 * work.
 *
 * Then the municipality's own year: the administrator authors a small 2027 plan (two goals,
 * three indicators with targets, an initiative, budgets) while the new department head watches
 * the goal appear live, and adopts it; the department head fills in the March 2027 report for
 * one of its indicators, which Mål draws against the target; finally "Ny plan för 2028 från
 * 2027" brings the structure without the figures and offers the unfinished assignment. Real
 * server, real Chromium, no mocks; the server's copy is read with a plain y-websocket client.
 */
import {
  addAssignment,
  assignmentsDocumentName,
  newAssignmentId,
  type Plan,
  planDocumentName,
  readPlan,
} from '@foljsam/domain';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { describeViolations, wcagViolations } from '../support/axe';
import { FIRST_ADMIN, firstRunServer } from '../support/firstRun';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const app = appUnderTest({
  contextOptions: { viewport: { width: 1300, height: 1000 } },
  startServer: (clientDist) => firstRunServer(clientDist),
});
let admin: Page;
const clients: YClient[] = [];
// Registered after appUnderTest(): afterAll hooks run in reverse, so this runs before the server stops.
afterAll(() => {
  for (const client of clients) client.destroy();
});

const DEPARTMENTS = [
  { id: 'kultur-och-fritid', name: 'Kultur och fritid', number: '2.1' },
  { id: 'samhallsbyggnad', name: 'Samhällsbyggnad', number: '2.2' },
  { id: 'stod-och-service', name: 'Stöd och service', number: '2.10' },
];

beforeAll(async () => {
  ({ page: admin } = await app.signInAt(FIRST_ADMIN.username, '/admin', FIRST_ADMIN.password));
  await admin.getByTestId('users-table').waitFor();
});

async function addUser(
  page: Page,
  user: { username: string; name: string; role: string; department?: string },
) {
  const form = page.getByTestId('create-user');
  await form.getByLabel('Användarnamn', { exact: true }).fill(user.username);
  await form.getByLabel('Namn', { exact: true }).fill(user.name);
  await form.getByLabel('Roll', { exact: true }).selectOption(user.role);
  if (user.department) await form.getByLabel('Avdelning', { exact: true }).selectOption(user.department);
  await form.getByLabel('Lösenord', { exact: true }).fill('ett-bra-losenord');
  await form.getByRole('button', { name: 'Lägg till', exact: true }).click();
  await page
    .getByTestId('admin-message')
    .filter({ hasText: `${user.name} är tillagd.` })
    .waitFor();
}

describe('a first run', () => {
  it('signs the first administrator in over http on 127.0.0.1 in production mode (no demo there)', async () => {
    const rows = admin.locator('[data-testid="users-table"] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('th').textContent()).toBe(FIRST_ADMIN.username);
    // No departments yet: the table is empty.
    await admin.getByTestId('departments-table').waitFor();
    expect(await admin.locator('[data-testid="departments-table"] tbody tr').count()).toBe(0);
    const cookies = await admin.context().cookies();
    // Production sets Secure; Chromium keeps it on http://127.0.0.1 (a trustworthy origin).
    expect(cookies.some((cookie) => cookie.secure)).toBe(true);
  });

  it('creates three departments, refusing a bad number and a taken one', async () => {
    const form = admin.getByTestId('create-department');
    await form.getByLabel('Namn', { exact: true }).fill('Fel');
    await form.getByLabel('Nummer', { exact: true }).fill('två');
    await form.getByRole('button', { name: 'Skapa avdelning' }).click();
    await admin
      .getByTestId('create-department-error')
      .filter({ hasText: 'Skriv numret som siffror med punkter emellan' })
      .waitFor();
    expect(await admin.getByTestId('create-department-error').getAttribute('role')).toBe('alert');

    for (const department of DEPARTMENTS) {
      await form.getByLabel('Namn', { exact: true }).fill(department.name);
      await form.getByLabel('Nummer', { exact: true }).fill(department.number);
      await form.getByRole('button', { name: 'Skapa avdelning' }).click();
      await admin.locator(`tr[data-department="${department.id}"]`).waitFor();
    }
    // In section order: 2.10 after 2.2.
    expect(await admin.locator('[data-testid="departments-table"] tbody th').allTextContents()).toEqual(
      DEPARTMENTS.map((d) => d.name),
    );

    await form.getByLabel('Namn', { exact: true }).fill('Dubblett');
    await form.getByLabel('Nummer', { exact: true }).fill('2.1');
    await form.getByRole('button', { name: 'Skapa avdelning' }).click();
    await admin
      .getByTestId('create-department-error')
      .filter({ hasText: 'Numret används redan av en annan aktiv avdelning.' })
      .waitFor();
  });

  it('renames and renumbers a department inline, with the keyboard', async () => {
    await admin.getByRole('button', { name: 'Ändra Samhällsbyggnad' }).click();
    const name = admin.getByLabel('Namn för Samhällsbyggnad', { exact: true });
    // The inline editor meets WCAG 2.1 AA like the rest of the screen (labels, contrast).
    const violations = await wcagViolations(admin);
    expect(violations, describeViolations(violations)).toEqual([]);
    await name.fill('Samhällsbyggnad och miljö');
    await admin.getByLabel('Nummer för Samhällsbyggnad', { exact: true }).fill('2.3');
    await admin.getByLabel('Nummer för Samhällsbyggnad', { exact: true }).press('Enter');
    await admin
      .getByTestId('department-name-samhallsbyggnad')
      .filter({ hasText: 'Samhällsbyggnad och miljö' })
      .waitFor();
    expect(await admin.getByTestId('department-number-samhallsbyggnad').textContent()).toBe('2.3');
    // Focus is back on the row's edit button.
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'edit-department-samhallsbyggnad',
    );
  });

  it('adds a head of a new department and a reader, each listed with their department', async () => {
    await addUser(admin, {
      username: 'karin',
      name: 'Karin Kultur',
      role: 'avdelningschef',
      department: 'kultur-och-fritid',
    });
    await addUser(admin, { username: 'lars', name: 'Lars Läsare', role: 'lasare' });

    const check = async () => {
      // Each row as it settles: the list and the departments it names arrive separately.
      await expect
        .poll(() => admin.locator('tr[data-user="karin"] td').allTextContents())
        .toEqual(['Karin Kultur', 'Avdelningschef', 'Kultur och fritid', '✓ Aktiv', 'Redigera']);
      await expect
        .poll(async () => (await admin.locator('tr[data-user="lars"] td').allTextContents()).slice(0, 3))
        .toEqual(['Lars Läsare', 'Läsare', '–']);
      await admin
        .getByTestId('department-users-kultur-och-fritid')
        .filter({ hasText: 'Karin Kultur' })
        .waitFor();
      expect(await admin.getByTestId('department-users-samhallsbyggnad').textContent()).toBe('–');
    };
    await check();
    // Stored on the server, not only on the page.
    await admin.reload();
    await admin.getByTestId('users-table').waitFor();
    await check();
  });

  it('archives a department: no longer offered to a new user, and restored again', async () => {
    await admin.getByRole('button', { name: 'Arkivera Stöd och service' }).click();
    await admin.getByTestId('department-state-stod-och-service').filter({ hasText: 'Arkiverad' }).waitFor();
    const picker = admin.getByTestId('create-user').getByLabel('Avdelning', { exact: true });
    await admin.getByTestId('create-user').getByLabel('Roll', { exact: true }).selectOption('avdelningschef');
    expect(await picker.locator('option').allTextContents()).toEqual([
      'Ingen avdelning',
      'Kultur och fritid',
      'Samhällsbyggnad och miljö',
    ]);
    await admin.getByRole('button', { name: 'Återställ Stöd och service' }).click();
    await admin.getByTestId('department-state-stod-och-service').filter({ hasText: 'Aktiv' }).waitFor();
    expect(await picker.locator('option').allTextContents()).toContain('Stöd och service');
  });
});

const PASSWORD = 'ett-bra-losenord';
const CULTURE = 'Kultur och fritid';
const BUILDING = 'Samhällsbyggnad och miljö';

/** A plain y-websocket client on a document of the server, as the first administrator. */
async function openDoc(docName: string): Promise<YClient> {
  const { token } = await signIn(app.server.url, FIRST_ADMIN.username, FIRST_ADMIN.password);
  const client = connectClient(app.server.wsUrl, docName, token);
  clients.push(client);
  await client.synced;
  return client;
}

/** The plan of `year` as the server holds it, once `ready` holds for it. */
async function serverPlan(year: number, ready: (plan: Plan) => boolean): Promise<Plan> {
  const client = await openDoc(planDocumentName(year));
  await waitFor(() => {
    const plan = readPlan(client.doc);
    return plan !== null && ready(plan);
  }, `the ${year} plan on the server`);
  return readPlan(client.doc) as Plan;
}

/** Types into the add form labelled `label` and submits it. */
async function add(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(text);
  await page.getByLabel(label, { exact: true }).press('Enter');
}

/** Replaces an inline field's text and writes it (Enter). */
async function setField(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(text);
  await field.press('Enter');
}

/** The datasets the chart of an indicator draws, read from its Chart.js instance. */
async function renderedDatasets(page: Page, indicatorId: string) {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`canvas[data-indicator-id="${id}"]`);
    const chart = canvas ? window.Chart?.getChart(canvas) : undefined;
    if (!chart) throw new Error(`no chart for ${id}`);
    return chart.data.datasets.map((dataset) => ({
      label: String(dataset.label),
      data: (dataset.data as { x: number; y: number | null }[]).map(({ x, y }) => ({ x, y })),
    }));
  }, indicatorId);
}

describe("the municipality's own year", () => {
  let head: Page;
  let visitsId = '';

  it('authors a small 2027 plan while the department head watches the goal appear live', async () => {
    await admin.goto('/plan?ar=2027');
    await admin.locator('[data-testid="plan-empty"]', { hasText: 'Det finns ingen plan för 2027' }).waitFor();
    await admin.getByRole('button', { name: 'Skapa tom plan' }).click();
    await admin.locator('[data-testid="plan-status"][data-status="utkast"]').waitFor();

    // The department head (karin, made above) opens the same plan: read-only, but live.
    ({ page: head } = await app.signInAt('karin', '/plan?ar=2027', PASSWORD));
    await head.getByRole('heading', { level: 1, name: 'Plan 2027' }).waitFor();
    await head.locator('[data-testid="read-only-notice"]').waitFor();

    await add(admin, 'Nytt perspektiv', 'Medborgare');
    await add(admin, 'Nytt fokusområde', 'Ett rikt fritidsliv');
    const area = 'Fokusområde 1 Ett rikt fritidsliv';
    await admin.getByRole('heading', { name: area }).waitFor();
    await add(admin, `Nytt mål (${area})`, 'Fler besök i kulturhusen');
    await head.getByRole('heading', { name: 'Mål 1.1 Fler besök i kulturhusen' }).waitFor();
    await add(admin, `Nytt mål (${area})`, 'Fler unga i föreningslivet');
    await head.getByRole('heading', { name: 'Mål 1.2 Fler unga i föreningslivet' }).waitFor();

    const goals = ['Mål 1.1 Fler besök i kulturhusen', 'Mål 1.2 Fler unga i föreningslivet'] as const;
    // The goals' owner first: new indicators and initiatives take it as theirs.
    for (const goal of goals) {
      await admin
        .getByRole('group', { name: `Ansvariga avdelningar (${goal})` })
        .getByLabel(CULTURE)
        .check();
    }
    const indicators = [
      { goal: goals[0], name: 'Antal besök', unit: 'count', target: '120 000' },
      { goal: goals[0], name: 'Andel nöjda besökare', unit: 'percent', target: '85' },
      { goal: goals[1], name: 'Andel unga i föreningar', unit: 'percent', target: '40,5' },
    ];
    for (const indicator of indicators) {
      await add(admin, `Nytt mått (${indicator.goal})`, indicator.name);
      const label = `Måttet ${indicator.name}`;
      await admin.getByLabel(`Enhet, ${label}`, { exact: true }).selectOption(indicator.unit);
      await admin.getByRole('button', { name: `Lägg till år, ${label}` }).click();
      await setField(admin, `Målvärde 2027, ${label}`, indicator.target);
    }
    await add(admin, `Nytt initiativ (${goals[0]})`, 'Kulturkvällar för unga');
    for (const [department, amount] of [
      [CULTURE, '12 500'],
      [BUILDING, '8 000'],
    ] as const) {
      await admin.getByRole('button', { name: `Lägg till budget för ${department}` }).click();
      await setField(admin, `Budget 2027, ${department} (tkr)`, amount);
    }

    // The server holds what the screen shows.
    const plan = await serverPlan(
      2027,
      (current) =>
        current.departments.filter((department) => department.budgetTkr !== null).length === 2 &&
        current.indicators.filter((indicator) => indicator.targetPath.length === 1).length === 3,
    );
    expect(plan.goals.map((goal) => [goal.number, goal.title, goal.ownerDepartmentIds])).toEqual([
      ['1.1', 'Fler besök i kulturhusen', ['kultur-och-fritid']],
      ['1.2', 'Fler unga i föreningslivet', ['kultur-och-fritid']],
    ]);
    expect(plan.indicators.map((i) => [i.name, i.unit, i.ownerDepartmentId, i.targetPath])).toEqual([
      ['Antal besök', 'count', 'kultur-och-fritid', [{ year: 2027, value: 120000 }]],
      ['Andel nöjda besökare', 'percent', 'kultur-och-fritid', [{ year: 2027, value: 85 }]],
      ['Andel unga i föreningar', 'percent', 'kultur-och-fritid', [{ year: 2027, value: 40.5 }]],
    ]);
    expect(plan.initiatives.map((initiative) => [initiative.number, initiative.title])).toEqual([
      ['1.1.1', 'Kulturkvällar för unga'],
    ]);
    expect(plan.departments.map((department) => [department.id, department.budgetTkr])).toEqual([
      ['kultur-och-fritid', 12500],
      ['samhallsbyggnad', 8000],
    ]);
    expect(plan.municipality).toBe(FIRST_ADMIN.municipality);
    visitsId = plan.indicators[0]?.id ?? '';
  });

  it('adopts the plan with its decision', async () => {
    await admin.getByLabel('Beslut (paragraf)').fill('KF § 5');
    await admin.getByLabel('Beslutsdatum').fill('2027-01-20');
    await admin.getByRole('button', { name: 'Fastställ planen' }).click();
    for (const page of [admin, head]) {
      await page
        .locator('[data-testid="plan-status"][data-status="faststalld"]', {
          hasText: 'Fastställd 2027-01-20 (KF § 5)',
        })
        .waitFor();
    }
    const plan = await serverPlan(
      2027,
      (current) => current.adoption !== null && current.adoption !== undefined,
    );
    expect(plan.adoption).toMatchObject({ decisionRef: 'KF § 5', decidedOn: '2027-01-20' });
  });

  it("lets the department head report March 2027 on the plan's indicator, drawn on Mål against the target", async () => {
    await head.goto('/rapport/2027-03/kultur-och-fritid');
    await head.getByRole('heading', { level: 1, name: `Månadsrapport mars 2027: ${CULTURE}` }).waitFor();
    const outcome = head.getByTestId(`outcome-${visitsId}`);
    await outcome.fill('31 000');
    await outcome.press('Tab');

    await head.goto('/mal?ar=2027');
    const canvas = head.locator(`canvas[data-indicator-id="${visitsId}"]`);
    await canvas.scrollIntoViewIfNeeded();
    await head.waitForFunction((id) => {
      const element = document.querySelector<HTMLCanvasElement>(`canvas[data-indicator-id="${id}"]`);
      const chart = element ? window.Chart?.getChart(element) : undefined;
      const outcomes = chart?.data.datasets.at(-1)?.data as { y: number | null }[] | undefined;
      return outcomes?.[2]?.y === 31000;
    }, visitsId);
    const datasets = await renderedDatasets(head, visitsId);
    expect(datasets.map((dataset) => dataset.label)).toEqual(['Målbana', 'Mål 2027', 'Utfall 2027']);
    // The year's target line at 120 000, and March's outcome among the months of 2027.
    expect(datasets[1]?.data.map((point) => point.y)).toEqual([120000, 120000]);
    expect(datasets[2]?.data.map((point) => point.y)).toEqual([
      null,
      null,
      31000,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('starts 2028 from 2027: the structure without the figures, the unfinished assignment offered', async () => {
    // A council assignment given in 2027 and not finished.
    const assignments = await openDoc(assignmentsDocumentName(2027));
    addAssignment(assignments.doc, {
      id: newAssignmentId(2027),
      title: 'Utred ett nytt kulturhus',
      description: '',
      decisionRef: 'KF § 9',
      startDate: '2027-02-01',
      endDate: '2027-11-30',
      departmentId: 'kultur-och-fritid',
      responsiblePerson: '',
      status: 'pagar',
      progressNote: '',
    });

    await admin.goto('/oversikt?ar=2027');
    await admin.getByRole('button', { name: 'Ny plan för 2028 från 2027' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Ny plan för 2028 från 2027' });
    await dialog.getByRole('button', { name: 'Skapa utkastet' }).click();
    const offered = dialog
      .getByRole('group', { name: 'För över till 2028' })
      .locator('label', { hasText: 'Utred ett nytt kulturhus' });
    await offered.waitFor();
    expect(await offered.textContent()).toContain('Pågår');

    const plan = await serverPlan(2028, () => true);
    expect(plan.copiedFromYear).toBe(2027);
    expect(plan.adoptedOn).toBeNull();
    expect(plan.goals.map((goal) => goal.title)).toEqual([
      'Fler besök i kulturhusen',
      'Fler unga i föreningslivet',
    ]);
    expect(plan.indicators.map((indicator) => indicator.targetPath)).toEqual([
      [{ year: 2027, value: 120000 }],
      [{ year: 2027, value: 85 }],
      [{ year: 2027, value: 40.5 }],
    ]);
    expect(
      plan.departments.map((department) => [
        department.id,
        department.budgetTkr,
        department.budgetPreviousYearTkr,
      ]),
    ).toEqual([
      ['kultur-och-fritid', null, 12500],
      ['samhallsbyggnad', null, 8000],
    ]);
  });
});
