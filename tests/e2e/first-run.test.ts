/**
 * End to end: a municipality's first run (issue 15). An empty data dir, `pnpm admin init` with
 * the password on stdin, the server in production mode (Secure cookies; no demo); the first
 * administrator signs in through the form, creates three departments and two users (a head of
 * a new department, a reader) on the administration screen, and finds each user with their
 * department, also after a reload. Archiving a department takes it out of the pickers for new
 * work. Real server, real Chromium, no mocks. Extend it with plan authoring through
 * `firstRunServer` (tests/support/firstRun.ts).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';
import { describeViolations, wcagViolations } from '../support/axe';
import { FIRST_ADMIN, firstRunServer } from '../support/firstRun';

const app = appUnderTest({
  contextOptions: { viewport: { width: 1300, height: 1000 } },
  startServer: (clientDist) => firstRunServer(clientDist),
});
let admin: Page;

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
      const karin = admin.locator('tr[data-user="karin"]');
      await karin.waitFor();
      expect(await karin.locator('td').allTextContents()).toEqual([
        'Karin Kultur',
        'Avdelningschef',
        'Kultur och fritid',
        '✓ Aktiv',
        'Redigera',
      ]);
      expect((await admin.locator('tr[data-user="lars"] td').allTextContents()).slice(0, 3)).toEqual([
        'Lars Läsare',
        'Läsare',
        '–',
      ]);
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
