/**
 * End to end: the administration screen and the audit export. An administrator adds a user,
 * changes their role (which ends their open session: their page shows the sign-in form with
 * the reason), sets a new password and disables them; the kommunchef downloads the audit log
 * as CSV and JSON and finds those steps in it. Only an administrator gets the administration
 * entry in the menu. The administrator gives a user an e-mail address, and chooses a weekly
 * digest in the header's "Påminnelser" dialog (everyone has it); the mail log section lists the
 * reminders (none here: this server has no SMTP). Real server, real Chromium, no mocks. With
 * FOLJSAM_SCREENSHOTS=1 it also saves docs/screenshots/reminder-settings.png.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';

const USERNAME = 'ny-chef';
const NAME = 'Nora Nyberg';
const FIRST_PASSWORD = 'forsta-losenordet';
const SECOND_PASSWORD = 'andra-losenordet';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

const app = appUnderTest({ contextOptions: { viewport: { width: 1300, height: 1000 } } });
let admin: Page;

/** A sign-in through REST: the status only. */
async function signInStatus(username: string, password: string): Promise<number> {
  const response = await fetch(`${app.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

const navLabels = (page: Page) => page.locator('nav.app-nav a').allTextContents();

beforeAll(async () => {
  ({ page: admin } = await app.signInAt('admin', '/admin'));
  await admin.getByTestId('users-table').waitFor();
});

describe('administration', () => {
  it('is in the menu for administrators only, and refuses everyone else', async () => {
    expect(await navLabels(admin)).toContain('Administration');
    const { page: manager } = await app.signInAt('kommunchef', '/admin');
    await manager.getByTestId('admin-only').waitFor();
    expect(await navLabels(manager)).not.toContain('Administration');
    expect(await navLabels(manager)).toContain('Ändringslogg');
    const { page: head } = await app.signInAt('chef-hr', '/oversikt');
    await head.locator('nav.app-nav a').first().waitFor();
    expect(await navLabels(head)).not.toContain('Administration');
    expect(await navLabels(head)).not.toContain('Ändringslogg');
  });

  it('lists the users and adds one, refusing a department head without a department', async () => {
    await admin.locator('tr[data-user="chef-hr"]').waitFor();
    expect(await admin.locator('tr[data-user="chef-hr"] td').nth(1).textContent()).toBe('Avdelningschef');

    const form = admin.getByTestId('create-user');
    await form.getByLabel('Användarnamn', { exact: true }).fill(USERNAME);
    await form.getByLabel('Namn', { exact: true }).fill(NAME);
    await form.getByLabel('Roll', { exact: true }).selectOption('avdelningschef');
    await form.getByLabel('Lösenord', { exact: true }).fill(FIRST_PASSWORD);
    await admin.getByRole('button', { name: 'Lägg till' }).click();
    await admin
      .getByTestId('create-user-error')
      .filter({ hasText: 'Välj en avdelning för en avdelningschef.' })
      .waitFor();
    expect(await signInStatus(USERNAME, FIRST_PASSWORD)).toBe(401);

    await form.getByLabel('Avdelning', { exact: true }).selectOption('it');
    await admin.getByRole('button', { name: 'Lägg till' }).click();
    await admin
      .getByTestId('admin-message')
      .filter({ hasText: `${NAME} är tillagd.` })
      .waitFor();
    const row = admin.locator(`tr[data-user="${USERNAME}"]`);
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      NAME,
      'Avdelningschef',
      'IT avdelningen',
      '✓ Aktiv',
      'Redigera',
    ]);
    expect(await signInStatus(USERNAME, FIRST_PASSWORD)).toBe(200);
  });

  it('ends the user’s open session when their role changes', async () => {
    const { page: user } = await app.signInAt(USERNAME, '/uppdrag', FIRST_PASSWORD);
    await user.locator('[data-testid="connection-status"]', { hasText: 'Ansluten' }).waitFor();
    await user.getByTestId('progress-scope-notice').waitFor();

    await admin.getByTestId(`edit-user-${USERNAME}`).click();
    const panel = admin.getByTestId('edit-user');
    await panel.getByLabel('Roll', { exact: true }).selectOption('lasare');
    await panel.getByRole('button', { name: 'Spara ändringar' }).click();
    await admin
      .getByTestId('admin-message')
      .filter({ hasText: `Ändringarna för ${NAME} är sparade.` })
      .waitFor();
    expect(await admin.locator(`tr[data-user="${USERNAME}"] td`).nth(1).textContent()).toBe('Läsare');
    expect(await admin.locator(`tr[data-user="${USERNAME}"] td`).nth(2).textContent()).toBe('–');

    // The server closed the user's socket with 4401: the page asks them to sign in again.
    await user.getByTestId('sign-in-notice').filter({ hasText: 'Din session har avslutats' }).waitFor();
    await user.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  });

  it('sets a new password and disables the user', async () => {
    const panel = admin.getByTestId('edit-user');
    await panel.getByLabel('Nytt lösenord', { exact: true }).fill(SECOND_PASSWORD);
    await panel.getByRole('button', { name: 'Byt lösenord' }).click();
    await admin
      .getByTestId('admin-message')
      .filter({ hasText: `Lösenordet för ${NAME} är bytt.` })
      .waitFor();
    expect(await signInStatus(USERNAME, FIRST_PASSWORD)).toBe(401);
    expect(await signInStatus(USERNAME, SECOND_PASSWORD)).toBe(200);

    await panel.getByRole('button', { name: 'Stäng av användaren' }).click();
    await admin
      .getByTestId('admin-message')
      .filter({ hasText: `${NAME} är avstängd och utloggad.` })
      .waitFor();
    expect(await admin.locator(`tr[data-user="${USERNAME}"] td`).nth(3).textContent()).toBe('⊘ Avstängd');
    expect(await signInStatus(USERNAME, SECOND_PASSWORD)).toBe(401);
  });

  it('lets the kommunchef download the audit log as CSV and JSON with those steps', async () => {
    const { page: manager } = await app.signInAt('kommunchef', '/logg');
    await manager.getByTestId('audit-export').waitFor();

    const [csvDownload] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('button', { name: 'Ladda ner' }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(
      /^foljsam-logg-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = (await readFile(await csvDownload.path(), 'utf8')).replace(/^\ufeff/, '');
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(['at', 'userId', 'userName', 'action', 'document', 'detail']);
    const ours = parsed.data.filter((row) => row.document === `user:${USERNAME}`).map((row) => row.action);
    expect(ours).toEqual(expect.arrayContaining(['user-created', 'user-changed', 'password-reset']));
    expect(parsed.data.some((row) => row.action === 'sign-in' && row.userName === 'Kommunchef')).toBe(true);

    await manager.getByLabel('JSON', { exact: true }).check();
    const [jsonDownload] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('button', { name: 'Ladda ner' }).click(),
    ]);
    const rows = JSON.parse(await readFile(await jsonDownload.path(), 'utf8')) as {
      action: string;
      document: string;
    }[];
    expect(rows.filter((row) => row.document === `user:${USERNAME}`).length).toBe(ours.length);

    // A period the wrong way round is refused in the page, before any request.
    await manager.getByLabel('Från och med', { exact: true }).fill('2015-12-31');
    await manager.getByLabel('Till och med', { exact: true }).fill('2015-01-01');
    await manager.getByRole('button', { name: 'Ladda ner' }).click();
    await manager.getByRole('alert').filter({ hasText: 'Välj ett giltigt datum för båda fälten' }).waitFor();
  });
  it('sets the reporting calendar: a deadline of its own, refusing one before the period ends', async () => {
    const section = admin.getByTestId('calendar-settings');
    await section.getByRole('heading', { name: 'Rapporteringskalender 2015' }).waitFor();
    const march = section.locator('tr[data-period="2015-03"]');
    // Good Friday and Easter Monday are not working days: the 10th working day of April 2015.
    expect(await march.getByTestId('rule-deadline').textContent()).toBe('2015-04-16');

    const override = section.getByLabel('Eget sista datum för Månadsrapport mars 2015', { exact: true });
    await override.fill('2015-03-20');
    await section.getByRole('button', { name: 'Spara kalendern' }).click();
    await section
      .getByRole('alert')
      .filter({ hasText: 'Sista dag för Månadsrapport mars 2015 kan inte vara innan perioden har slutat' })
      .waitFor();

    await override.fill('2015-04-24');
    await section.getByLabel('Verksamhetsberättelse 2015 rapporteras', { exact: true }).uncheck();
    await section.getByRole('button', { name: 'Spara kalendern' }).click();
    await section
      .getByRole('status')
      .filter({ hasText: 'Rapporteringskalendern för 2015 är sparad.' })
      .waitFor();
    expect(await march.getByTestId('deadline').textContent()).toBe('2015-04-24');
    expect(await section.locator('tr[data-period="2015-VB"]').getByTestId('deadline').textContent()).toBe(
      'Rapporteras inte',
    );

    // Stored: the server answers with it, and the change is in the audit log.
    const response = await admin.request.get(`${app.server.url}/api/calendar/2015`);
    const body = (await response.json()) as {
      stored: boolean;
      calendar: { periods: string[]; overrides: object };
    };
    expect(body.stored).toBe(true);
    expect(body.calendar.overrides).toEqual({ '2015-03': '2015-04-24' });
    expect(body.calendar.periods).not.toContain('2015-VB');
    if (process.env.FOLJSAM_SCREENSHOTS === '1') {
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: `${SCREENSHOTS}kalender.png` });
    }
  });

  it('takes an e-mail address, and everyone chooses their own reminders in the header', async () => {
    // The administrator's own address (a department head's is set the same way).
    await admin.getByTestId('edit-user-admin').click();
    const panel = admin.getByTestId('edit-user');
    const email = panel.getByLabel('E-postadress', { exact: true });
    await email.fill('inte en adress');
    await panel.getByRole('button', { name: 'Spara ändringar' }).click();
    await admin.getByRole('alert').filter({ hasText: 'Skriv en giltig e-postadress' }).waitFor();
    await email.fill('admin@ale.test');
    await panel.getByRole('button', { name: 'Spara ändringar' }).click();
    await admin
      .getByTestId('admin-message')
      .filter({ hasText: 'Ändringarna för Administratör är sparade.' })
      .waitFor();
    // The mail log: nothing sent by a server without SMTP.
    await admin.getByTestId('mail-log').filter({ hasText: 'Inga e-postmeddelanden än.' }).waitFor();

    await admin.getByRole('button', { name: 'Påminnelser' }).click();
    const dialog = admin.getByTestId('reminders-dialog');
    await dialog.getByTestId('reminders-address').filter({ hasText: 'admin@ale.test' }).waitFor();
    await dialog.getByText('Servern skickar ingen e-post just nu').waitFor();
    expect(await dialog.getByLabel('Varje påminnelse när den gäller').isChecked()).toBe(true);
    await dialog.getByLabel('Ett veckosammandrag på måndagar kl. 08.00').check();
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.getByTestId('reminders-message').filter({ hasText: 'Ditt val är sparat.' }).waitFor();
    const stored = await admin.evaluate(async () => (await fetch('/api/reminder-settings')).json());
    expect(stored).toEqual({ email: 'admin@ale.test', reminderMode: 'digest', mailEnabled: false });
    if (process.env.FOLJSAM_SCREENSHOTS === '1')
      await admin.screenshot({ path: `${SCREENSHOTS}reminder-settings.png` });
    await dialog.getByRole('button', { name: 'Stäng' }).click();
  });
});
