/**
 * End to end: the administration screen and the audit export. An administrator adds a user,
 * changes their role (which ends their open session: their page shows the sign-in form with
 * the reason and no sync status; signed in again as a läsare, their menu offers the export
 * only), sets a new password and disables them; the kommunchef reads the audit log on
 * /logg in words (in a browser set to New York's zone, the times are Swedish time), filters it
 * to a field a department head just changed, and downloads it as CSV with those steps in it.
 * Only an administrator gets the administration entry in the menu. The administrator gives a
 * user an e-mail address, and chooses a weekly digest in the header's "Påminnelser" dialog
 * (everyone has it); the mail log section lists the reminders (none here: this server has no
 * SMTP). Real server, real Chromium, no mocks. With FOLJSAM_SCREENSHOTS=1 it also saves
 * docs/screenshots/reminder-settings.png.
 */
import { readFile } from 'node:fs/promises';
import { reportDocumentName, setReportBudget, swedishDateTime } from '@foljsam/domain';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest, submitSignIn } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectClient, waitFor } from '../support/yClient';

const USERNAME = 'ny-chef';
const NAME = 'Nora Nyberg';
const FIRST_PASSWORD = 'forsta-losenordet';
const SECOND_PASSWORD = 'andra-losenordet';

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

// A browser outside Sweden: every time shown must still be Swedish time.
const app = appUnderTest({
  contextOptions: { viewport: { width: 1300, height: 1000 }, timezoneId: 'America/New_York' },
});
const REPORT = reportDocumentName('2015-03', 'hr');
let admin: Page;
/** The kommunchef, signed in by the first test and reused by the audit log's (a first visit costs seconds). */
let manager: Page | undefined;

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
    ({ page: manager } = await app.signInAt('kommunchef', '/admin'));
    await manager.getByTestId('admin-only').waitFor();
    expect(await navLabels(manager)).not.toContain('Administration');
    expect(await navLabels(manager)).toContain('Ändringslogg');
    const { context, page: head } = await app.signInAt('chef-hr', '/oversikt');
    await head.locator('nav.app-nav a').first().waitFor();
    expect(await navLabels(head)).not.toContain('Administration');
    expect(await navLabels(head)).not.toContain('Ändringslogg');
    // A department head imports their indicators' outcomes: the import stays in their menu.
    expect(await navLabels(head)).toContain('Import och export');
    // Not needed again: an open app keeps syncing and takes CPU from the tests after it.
    await context.close();
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
    const { context, page: user } = await app.signInAt(USERNAME, '/uppdrag', FIRST_PASSWORD);
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

    // The server closed the user's socket with 4403: the page says the role changed (not that
    // the session expired) and asks them to sign in again; nothing is synced before they do, so
    // the sign-in page shows no sync status.
    await user
      .getByTestId('sign-in-notice')
      .filter({ hasText: 'En administratör har ändrat din roll eller avdelning.' })
      .waitFor();
    await user.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(await user.getByTestId('sync-status').count()).toBe(0);

    // Signed in again as a läsare: the menu offers the export only, no import.
    await submitSignIn(user, USERNAME, FIRST_PASSWORD);
    await user.getByRole('link', { name: 'Export', exact: true }).waitFor();
    expect(await navLabels(user)).not.toContain('Import och export');
    await user.getByTestId('sync-status').waitFor();
    await context.close();
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

  it('lets the kommunchef read the audit log in words, filter it, and download it as CSV with those steps', async () => {
    // A real edit through a y-websocket client: the department head sets March's forecast.
    const chef = await signIn(app.server.url, 'chef-hr');
    const report = connectClient(app.server.wsUrl, REPORT, chef.token);
    await report.synced;
    setReportBudget(report.doc, { forecastTkr: 4321 }, asAuthor('chef-hr'));
    const reader = connectClient(app.server.wsUrl, REPORT, (await signIn(app.server.url, 'lasare')).token);
    await reader.synced;
    await waitFor(() => reader.doc.getMap('budget').get('forecastTkr') === 4321, 'the forecast stored');
    report.destroy();
    reader.destroy();

    // The browser is in New York's zone: the log still shows Swedish time.
    if (manager) await manager.goto('/logg');
    else ({ page: manager } = await app.signInAt('kommunchef', '/logg'));
    await manager.getByTestId('audit-table').waitFor();
    await manager.getByLabel('Dokument', { exact: true }).selectOption(REPORT);
    await manager.getByLabel('Fält', { exact: true }).fill('prognos');
    await manager.getByTestId('audit-apply').click();
    const change = manager.locator('[data-testid="audit-row"][data-field="budget/forecastTkr"]').first();
    await change.filter({ hasText: '4\u00a0321' }).waitFor();
    const cells = await change.locator('td').allTextContents();
    expect(cells.slice(1)).toEqual([
      'Avdelningschef HR avdelningen',
      'Ändrade',
      expect.stringMatching(/^Rapport mars 2015 – /),
      'Prognos (tkr)',
      expect.any(String),
      '4\u00a0321',
      '',
    ]);
    const at = (await change.locator('time').getAttribute('datetime')) as string;
    expect(cells[0]).toBe(swedishDateTime(new Date(at)));
    expect(await manager.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );
    if (process.env.FOLJSAM_SCREENSHOTS === '1') {
      await manager.getByLabel('Fält', { exact: true }).fill('');
      await manager.getByTestId('audit-apply').click();
      await manager.getByTestId('audit-row').nth(3).waitFor();
      await manager.screenshot({ path: `${SCREENSHOTS}revisionslogg.png`, fullPage: false });
    }

    // The user administration of the steps above, in words, and as a CSV with the same filter.
    await manager.getByLabel('Dokument', { exact: true }).selectOption(`user:${USERNAME}`);
    await manager.getByLabel('Fält', { exact: true }).fill('');
    await manager.getByTestId('audit-apply').click();
    await manager.locator('[data-testid="audit-row"][data-action="password-reset"]').waitFor();
    const actions = await manager.locator('[data-testid="audit-row"] td:nth-child(3)').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['Skapade användaren', 'Ändrade användaren']));
    const details = await manager.locator('[data-testid="audit-row"] td:nth-child(8)').allTextContents();
    expect(details).toEqual(expect.arrayContaining(['Avstängd: Nej → Ja']));

    const [csvDownload] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByTestId('audit-csv').click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(
      /^revisionslogg-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const bytes = await readFile(await csvDownload.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), {
      header: true,
      skipEmptyLines: true,
      delimiter: ';',
    });
    expect(parsed.meta.fields).toEqual([
      'Tid',
      'Användare',
      'Händelse',
      'Dokument',
      'Fält',
      'Från',
      'Till',
      'Kommentar',
    ]);
    expect(parsed.data.map((row) => row.Händelse)).toEqual(actions);
    expect(parsed.data.every((row) => row.Dokument === `Användare ${USERNAME}`)).toBe(true);

    // A period the wrong way round is refused in the page, before any request.
    await manager.getByLabel('Från och med', { exact: true }).fill('2015-12-31');
    await manager.getByLabel('Till och med', { exact: true }).fill('2015-01-01');
    await manager.getByTestId('audit-apply').click();
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
