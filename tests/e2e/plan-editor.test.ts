/**
 * End to end: the plan editor (/plan?ar=2027) in Chromium against a real server. A draft for
 * 2027 is created over the API as admin, so the demo's 2015 plan stays untouched. The
 * kommunchef builds the plan while the admin, in a second browser, sees it live; a department
 * head sees it read-only; the plan is adopted with a decision, and a later change asks for a
 * reason and shows as a revision with who and why. The server's copy of the document is read
 * with a plain y-websocket client, so what the screen shows is also what was stored.
 * With FOLJSAM_SCREENSHOTS=1 it also saves docs/screenshots/plan-editor*.png.
 */
import { type Plan, planDocumentName, readPlan, readPlanRevisions } from '@foljsam/domain';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, type SignedInPage } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { describeViolations, wcagViolations } from '../support/axe';
import { connectClient, waitFor } from '../support/yClient';

const YEAR = 2027;
const PATH = `/plan?ar=${YEAR}`;
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

const app = appUnderTest();

let kommunchef: SignedInPage;
let admin: SignedInPage;
let departmentHead: SignedInPage;
let hrName: string;

async function openPlan(username: string): Promise<SignedInPage> {
  const signedIn = await app.signInAt(username, PATH);
  await signedIn.page.getByRole('heading', { level: 1, name: `Plan ${YEAR}` }).waitFor();
  await signedIn.page.locator('[data-testid="plan-status"]').waitFor();
  return signedIn;
}

/** Goes to the plan screen of a year that has no plan yet. */
async function openEmpty(page: Page, year: number): Promise<void> {
  await page.goto(`/plan?ar=${year}`);
  await page.locator('[data-testid="plan-empty"]', { hasText: `Det finns ingen plan för ${year}` }).waitFor();
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

/** The plan as the server holds it, once `ready` holds for it (a plain y-websocket client follows it). */
async function serverPlan(ready: (plan: Plan) => boolean) {
  const { token } = await signIn(app.server.url, 'admin');
  const client = connectClient(app.server.wsUrl, planDocumentName(YEAR), token);
  try {
    await client.synced;
    await waitFor(() => {
      const plan = readPlan(client.doc);
      return plan !== null && ready(plan);
    }, 'the server to hold the change');
    return { plan: readPlan(client.doc) as Plan, revisions: readPlanRevisions(client.doc) };
  } finally {
    client.destroy();
  }
}

async function expectNoViolations(page: Page): Promise<void> {
  const violations = await wcagViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

beforeAll(async () => {
  const { token } = await signIn(app.server.url, 'admin');
  const created = await fetch(`${app.server.url}/api/plans`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ year: YEAR }),
  });
  expect(created.status).toBe(201);
  const departments = (await (await fetch(`${app.server.url}/api/departments`)).json()) as {
    departments: { id: string; name: string }[];
  };
  hrName = departments.departments.find((department) => department.id === 'hr')?.name ?? '';
  expect(hrName).not.toBe('');
  [kommunchef, admin, departmentHead] = await Promise.all([
    openPlan('kommunchef'),
    openPlan('admin'),
    openPlan('chef-hr'),
  ]);
});

describe('the plan editor', () => {
  it('lets the kommunchef build a draft while the admin sees it live', async () => {
    const { page } = kommunchef;
    await expect(page.locator('[data-testid="plan-status"]').textContent()).resolves.toContain('Utkast');

    await add(page, 'Nytt perspektiv', 'Brukare');
    await add(page, 'Nytt fokusområde', 'Trygg uppväxt');
    const area = 'Fokusområde 1 Trygg uppväxt';
    await page.getByRole('heading', { name: area }).waitFor();
    await add(page, `Nytt mål (${area})`, 'Fler elever klarar skolan');
    await add(page, `Nytt mål (${area})`, 'Ökad trivsel');

    // The other browser sees the goals appear without reloading.
    await admin.page.getByRole('heading', { name: 'Mål 1.1 Fler elever klarar skolan' }).waitFor();
    await admin.page.getByRole('heading', { name: 'Mål 1.2 Ökad trivsel' }).waitFor();

    const firstGoal = 'Mål 1.1 Fler elever klarar skolan';
    const goalId = await page.locator('[data-goal-id]').first().getAttribute('data-goal-id');
    expect(goalId).toBeTruthy();
    // Presence: the admin sees which field the kommunchef is in.
    await page.getByLabel(`Titel, ${firstGoal}`, { exact: true }).focus();
    await admin.page
      .locator(`[data-field-presence="plan:goals/${goalId}/title"]`, { hasText: 'Kommunchef skriver här' })
      .waitFor();
    await page.getByLabel(`Beskrivning, ${firstGoal}`, { exact: true }).fill('Behörighet till gymnasiet.');
    await page.getByLabel(`Beskrivning, ${firstGoal}`, { exact: true }).blur();
    await page
      .getByRole('group', { name: `Ansvariga avdelningar (${firstGoal})` })
      .getByLabel(hrName)
      .check();

    // An indicator with a target per year, in Swedish number format.
    await add(page, `Nytt mått (${firstGoal})`, 'Andel behöriga elever');
    const indicator = 'Måttet Andel behöriga elever';
    await page.getByRole('button', { name: `Lägg till år, ${indicator}` }).click();
    await setField(page, `Målvärde ${YEAR}, ${indicator}`, 'mycket');
    await expect(page.getByRole('alert').filter({ hasText: 'Ange ett tal' }).count()).resolves.toBe(1);
    await setField(page, `Målvärde ${YEAR}, ${indicator}`, '85,5');
    await page.getByRole('button', { name: `Lägg till år, ${indicator}` }).click();
    await setField(page, `Målvärde ${YEAR + 1}, ${indicator}`, '90');
    await page.getByLabel(`Enhet, ${indicator}`, { exact: true }).selectOption('percent');
    await page.getByLabel(`Riktning, ${indicator}`, { exact: true }).selectOption('increase');
    await page.getByLabel(`Rapporteras, ${indicator}`, { exact: true }).selectOption('tertial');

    await add(page, `Nytt initiativ (${firstGoal})`, 'Läxhjälp');
    await page.getByRole('heading', { name: 'Mål 1.1 Fler elever klarar skolan' }).waitFor();

    // Reorder with the keyboard-reachable buttons, then "Numrera om".
    await page.getByRole('button', { name: `Flytta ned ${firstGoal}` }).click();
    await page.getByRole('button', { name: `Numrera om målen under ${area}` }).click();
    await admin.page.getByRole('heading', { name: 'Mål 1.2 Fler elever klarar skolan' }).waitFor();
    const order = await admin.page.locator('.plan-goal__heading').allTextContents();
    expect(order).toEqual(['Mål 1.1 Ökad trivsel', 'Mål 1.2 Fler elever klarar skolan']);

    // Removing asks first; a goal nobody has reported on is deleted (one with reports is archived).
    await add(page, `Nytt mål (${area})`, 'Tillfälligt mål');
    await admin.page.getByRole('heading', { name: 'Mål 1.3 Tillfälligt mål' }).waitFor();
    await page.getByRole('button', { name: 'Ta bort Mål 1.3 Tillfälligt mål' }).click();
    await page.locator('[data-testid="confirm-remove"]').click();
    await page
      .locator('[data-testid="plan-message"]', { hasText: 'Mål 1.3 Tillfälligt mål är borttaget.' })
      .waitFor();
    await admin.page.getByRole('heading', { name: 'Mål 1.3 Tillfälligt mål' }).waitFor({ state: 'detached' });

    // A budget for a department: the entry copies the organisation's name.
    await page.getByRole('button', { name: `Lägg till budget för ${hrName}` }).click();
    await setField(page, `Budget ${YEAR}, ${hrName} (tkr)`, '1 234,5');

    // What the screen shows is what the server stored, through the domain's writers.
    const { plan: stored } = await serverPlan((plan) =>
      plan.departments.some((department) => department.budgetTkr === 1234.5),
    );
    expect(stored.goals.map((goal) => [goal.number, goal.title])).toEqual([
      ['1.1', 'Ökad trivsel'],
      ['1.2', 'Fler elever klarar skolan'],
    ]);
    const goal = stored.goals.find((item) => item.id === goalId);
    expect(goal?.ownerDepartmentIds).toEqual(['hr']);
    expect(goal?.description).toBe('Behörighet till gymnasiet.');
    expect(stored.indicators).toHaveLength(1);
    expect(stored.indicators[0]?.targetPath).toEqual([
      { year: YEAR, value: 85.5 },
      { year: YEAR + 1, value: 90 },
    ]);
    expect(stored.indicators[0]?.reportingFrequency).toBe('tertial');
    expect(stored.initiatives.map((item) => [item.number, item.title, item.goalId])).toEqual([
      ['1.1.1', 'Läxhjälp', goalId],
    ]);
    expect(stored.departments.map((item) => [item.id, item.name])).toEqual([['hr', hrName]]);

    await expectNoViolations(page);
    if (process.env.FOLJSAM_SCREENSHOTS === '1')
      await page.screenshot({ path: `${SCREENSHOTS}plan-editor.png`, fullPage: true });
  });

  it('shows the plan read-only to a department head', async () => {
    const { page } = departmentHead;
    await page.locator('[data-testid="read-only-notice"]').waitFor();
    await page.getByRole('heading', { name: 'Mål 1.2 Fler elever klarar skolan' }).waitFor();
    const editable = page.locator(
      '[data-testid="plan-editor"] :is(textarea, input:not([type="checkbox"])), [data-testid="plan-editor"] button[data-action]',
    );
    expect(await editable.count()).toBe(0);
    expect(await page.locator('[data-testid="adopt-form"]').count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: hrName }).first().isDisabled()).toBe(true);
    await expectNoViolations(page);
  });

  it('adopts the plan, and a later change asks for a reason and shows as a revision', async () => {
    const { page } = kommunchef;
    await page.getByRole('button', { name: 'Fastställ planen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ange beslutet' }).waitFor();
    await page.getByLabel('Beslut (paragraf)').fill('KF § 12');
    await page.getByLabel('Beslutsdatum').fill(`${YEAR}-01-15`);
    await page.getByRole('button', { name: 'Fastställ planen' }).click();
    for (const viewer of [page, admin.page]) {
      await viewer
        .locator('[data-testid="plan-status"][data-status="faststalld"]', {
          hasText: `Fastställd ${YEAR}-01-15 (KF § 12)`,
        })
        .waitFor();
    }

    // Adopted: the fields stay closed until the reason is given.
    const goal = 'Mål 1.2 Fler elever klarar skolan';
    expect(await page.getByLabel(`Titel, ${goal}`, { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Börja revidera' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ange orsak till ändringen.' }).waitFor();
    await page.getByLabel('Orsak till ändringen').fill('Nytt måltal efter budgetbeslut');
    await page.getByRole('button', { name: 'Börja revidera' }).click();
    await setField(page, `Titel, ${goal}`, 'Fler elever klarar skolan med godkända betyg');

    for (const viewer of [page, admin.page]) {
      const entry = viewer.locator('[data-testid="plan-revisions"] [data-revision-id]');
      await entry.first().waitFor();
      const text = await entry.first().textContent();
      expect(text).toContain('Kommunchef');
      expect(text).toContain('Orsak: Nytt måltal efter budgetbeslut');
      expect(text).toContain('mål 1.2 Fler elever klarar skolan med godkända betyg: titel');
    }
    const { revisions, plan } = await serverPlan((current) =>
      current.goals.some((item) => item.title.endsWith('godkända betyg')),
    );
    expect(plan.adoption?.decisionRef).toBe('KF § 12');
    expect(revisions.map((revision) => [revision.by, revision.reason])).toEqual([
      ['kommunchef', 'Nytt måltal efter budgetbeslut'],
    ]);

    await expectNoViolations(page);
    if (process.env.FOLJSAM_SCREENSHOTS === '1')
      await page.screenshot({ path: `${SCREENSHOTS}plan-editor-adopted.png`, fullPage: true });
  });

  it('offers an empty plan for a year without one, to those who may write the plan', async () => {
    const { page } = admin;
    await openEmpty(page, YEAR + 1);
    await page.getByRole('button', { name: 'Skapa tom plan' }).click();
    await page.locator('[data-testid="plan-status"][data-status="utkast"]').waitFor();
    await openEmpty(departmentHead.page, YEAR + 2);
    expect(await departmentHead.page.getByRole('button', { name: 'Skapa tom plan' }).count()).toBe(0);
  });
});
