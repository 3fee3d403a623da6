/**
 * End to end: any year (issue #15, items 5 and 6). With the demo (2015 only), a 2016 draft is
 * made from 2015 through the API; the year picker in the header lists both years on every
 * screen; switching to 2016 moves a month route to the same month of 2016, offers 2016's
 * months and shows the 2016 plan's own goals; then "Ny plan för 2017 från 2016" through the
 * dialog, carrying over an unfinished assignment that the 2017 board marks "Överfört från 2016".
 *
 * With FOLJSAM_SCREENSHOTS=1 it also saves docs/screenshots/year-picker.png.
 */
import { periodsOfYear, readAssignments, updatePlanEntity } from '@foljsam/domain';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const app = appUnderTest();
const clients: YClient[] = [];
afterAll(() => {
  for (const client of clients) client.destroy();
});

const SCREENSHOT = new URL('../../docs/screenshots/year-picker.png', import.meta.url).pathname;
/** A goal of the 2015 plan that the roll-over copies into 2016 under the same id. */
const GOAL_ID = 'goal-6-1-1-1';
const TITLE_2016 = 'Ett mål som bara finns i planen för 2016';
/** An unfinished (ej påbörjad) council assignment of 2015, owned by HR. */
const ASSIGNMENT_2015 = 'ka-2015-2';

async function api(username: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const { token } = await signIn(app.server.url, username);
  const response = await fetch(`${app.server.url}/api/plans${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function open(docName: string, username: string): Promise<YClient> {
  const { token } = await signIn(app.server.url, username);
  const client = connectClient(app.server.wsUrl, docName, token);
  clients.push(client);
  await client.synced;
  return client;
}

const picker = (page: Page) => page.getByLabel('År', { exact: true });

/** The year picker's options as shown, and the chosen one. */
async function pickerState(page: Page): Promise<{ options: string[]; chosen: string }> {
  const select = picker(page);
  await select.waitFor();
  return select.evaluate((element: HTMLSelectElement) => ({
    options: [...element.options].map((option) => option.text),
    chosen: element.selectedOptions[0]?.text ?? '',
  }));
}

describe('any year', () => {
  let page: Page;

  it('lists the plan years in the picker on every screen', async () => {
    // A 2016 draft from 2015, with one goal retitled so 2016's own plan can be told apart.
    expect((await api('admin', 'POST', '', { year: 2016, fromYear: 2015 })).status).toBe(201);
    const plan2016 = await open('plan:2016', 'admin');
    updatePlanEntity(plan2016.doc, 'goals', GOAL_ID, { title: TITLE_2016 }, { author: asAuthor('admin') });
    // An unfinished assignment in 2016 for the next year's carry-over.
    const carried = await api('admin', 'POST', '/2016/carry-over', { assignmentIds: [ASSIGNMENT_2015] });
    expect(carried.status).toBe(200);

    ({ page } = await app.signInAt('kommunchef', '/oversikt?ar=2015'));
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();

    // The picker on every screen, in 2015.
    for (const path of [
      '/oversikt',
      '/uppdrag',
      '/mal',
      '/rapport/2015-03/hr',
      '/ekonomi',
      '/styrelserapport/2015-03',
      '/import',
    ]) {
      await page.goto(path.includes('2015-') ? path : `${path}?ar=2015`);
      await page.locator('main h1').waitFor();
      await expect
        .poll(async () => ({ path, ...(await pickerState(page)) }))
        .toEqual({ path, options: ['2015', '2016 (utkast)'], chosen: '2015' });
    }
  }, 120_000);

  it('opens the newest year, and a chosen year shows its months and its own plan', async () => {
    // Without a year in the URL the newest plan year not after this one opens: 2016 now.
    await page.goto('/oversikt');
    await page.locator('main h1').waitFor();
    await expect.poll(async () => (await pickerState(page)).chosen).toBe('2016 (utkast)');

    // A month route moves to the same month of the chosen year, whose months the select offers.
    await page.goto('/rapport/2015-03/hr');
    await page.getByTestId('report-month').waitFor();
    await picker(page).selectOption('2016');
    await page.waitForURL((url) => url.pathname === '/rapport/2016-03/hr');
    await page.waitForFunction(
      () => (document.querySelector('#report-month') as HTMLSelectElement | null)?.value === '2016-03',
    );
    const months = await page
      .getByTestId('report-month')
      .evaluate((element: HTMLSelectElement) => [...element.options].map((option) => option.value));
    // The twelve months with the tertial reports and the year-end report in their place.
    expect(months).toEqual(periodsOfYear(2016).map((period) => period.id));

    // Mål through the navigation stays in 2016 (the year the app opens on now) and shows 2016's own plan.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Mål' }).click();
    await page.waitForURL((url) => url.pathname === '/mal');
    await page.locator(`[data-goal-id="${GOAL_ID}"]`).getByText(TITLE_2016).waitFor();
    await picker(page).selectOption('2015');
    await page.waitForURL((url) => url.searchParams.get('ar') === '2015');
    await page.locator(`[data-goal-id="${GOAL_ID}"]`).waitFor();
    expect(await page.getByText(TITLE_2016).count()).toBe(0);
  }, 40_000);

  it('creates 2017 from 2016 and carries an unfinished assignment over', async () => {
    // "Ny plan för 2017 från 2016": create, carry the unfinished assignment over, open the plan.
    await picker(page).selectOption('2016');
    await page.waitForURL((url) => url.searchParams.get('ar') === '2016');
    await page.getByRole('button', { name: 'Ny plan för 2017 från 2016' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny plan för 2017 från 2016' });
    await dialog.getByRole('button', { name: 'Skapa utkastet' }).click();
    const carry = dialog.getByRole('group', { name: 'För över till 2017' });
    const offered = carry.locator('label', {
      hasText: 'Leda arbetet med införande av personalkläder och heltid.',
    });
    await offered.waitFor();
    expect(await offered.textContent()).toContain('Ej påbörjad');
    await offered.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'För över 1 uppdrag' }).click();
    // On to the new plan (`/plan?ar=2017`; a client without the plan screen lands on Översikt, in 2017).
    await expect.poll(async () => (await pickerState(page)).chosen).toBe('2017 (utkast)');
    expect(await dialog.isVisible()).toBe(false);
    await expect
      .poll(async () => (await pickerState(page)).options)
      .toEqual(['2015', '2016 (utkast)', '2017 (utkast)']);

    // The server holds it in 2017 with its link; the 2017 board shows where it came from.
    const assignments2017 = await open('assignments:2017', 'admin');
    await waitFor(() => readAssignments(assignments2017.doc).length === 1, 'the carried assignment in 2017');
    const [copy] = readAssignments(assignments2017.doc);
    expect(copy?.carriedFrom).toEqual({ year: 2016, assignmentId: expect.stringMatching(/^ka-2016-/) });
    await page.goto('/uppdrag?ar=2017');
    const mark = page.getByTestId(`carried-${copy?.id}`);
    await mark.waitFor();
    expect(await mark.textContent()).toBe('Överfört från 2016');

    if (process.env.FOLJSAM_SCREENSHOTS === '1') {
      await page.goto('/oversikt?ar=2016');
      await page.locator('main h1').waitFor();
      await page.screenshot({ path: SCREENSHOT, clip: { x: 0, y: 0, width: 1280, height: 320 } });
    }
  }, 40_000);
});
