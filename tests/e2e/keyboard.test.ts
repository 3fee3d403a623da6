/**
 * Keyboard only (WCAG 2.1.1): a department head signs in, changes an assignment's status,
 * writes in the current month's analysis and submits the report without touching the mouse. Focus
 * moves only with Tab and Shift+Tab; locators are used to read the page, never to click.
 * What the person did is then checked on the server, through a stock y-websocket client and
 * the workflow endpoint.
 */
import { readAssignment, readReport, reportDocumentName } from '@foljsam/domain';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { connectClient, type YClient } from '../support/yClient';

const app = appUnderTest();
const clients: YClient[] = [];
afterAll(() => {
  for (const client of clients) client.destroy();
});

/** The focused element's accessible name as a screen reader would start it: label, aria-label or text. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return '';
    const labelledBy = element.getAttribute('aria-labelledby');
    const byId = labelledBy
      ?.split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    const label = (element as HTMLInputElement).labels?.[0]?.textContent;
    return (element.getAttribute('aria-label') ?? byId ?? label ?? element.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused element's name matches, as a keyboard user would; fails after `limit` presses. */
async function tabTo(page: Page, name: RegExp, limit = 200): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (name.test(await focusedName(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`no focusable element named ${name} within ${limit} Tab presses`);
}

describe('keyboard only', () => {
  it('signs in, changes a status, writes an analysis and submits the report without a mouse', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto('/');

    await tabTo(page, /^Användarnamn/);
    await page.keyboard.type('chef-hr');
    await tabTo(page, /^Lösenord/);
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();

    // The assignments board, through the main navigation.
    await tabTo(page, /^Uppdrag$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Uppdrag från fullmäktige/ }).waitFor();
    const title = 'Leda arbetet med införande av personalkläder och heltid.';
    const status = page.getByLabel(`Status för ${title}`, { exact: true });
    await status.waitFor();
    const before = await status.inputValue();
    await tabTo(page, new RegExp(`^Status för ${title.replace('.', '\\.')}`));
    // A closed select changes its value with the arrow keys.
    await page.keyboard.press(before === 'klar' ? 'ArrowUp' : 'ArrowDown');
    await expect.poll(() => status.inputValue()).not.toBe(before);
    const chosen = await status.inputValue();

    // The department's report of the current month, through the navigation; its first analysis.
    await tabTo(page, /^Månadsrapport$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Månadsrapport/ }).waitFor();
    await page.waitForURL(/\/rapport\/\d{4}-\d{2}\/hr/);
    const month = new URL(page.url()).pathname.split('/')[2] as string;
    await page.locator('[contenteditable="true"][aria-label^="Analys för"]').first().waitFor();
    await page.keyboard.press('Tab');
    await tabTo(page, /^Analys för /);
    const analysisName = await focusedName(page);
    await page.keyboard.type('Skrivet med tangentbordet.');
    await page.keyboard.press('Tab');

    await tabTo(page, /^Skicka in$/);
    await page.keyboard.press('Enter');
    await page.getByText('Rapporten är inskickad.').waitFor();

    // What the server has.
    const { token } = await signIn(app.server.url, 'kommunchef');
    const workflow = (await (
      await fetch(`${app.server.url}/api/reports/${month}/hr/workflow`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { status: string };
    expect(workflow.status).toBe('inskickad');
    const assignments = connectClient(app.server.wsUrl, 'assignments:2015', token);
    const report = connectClient(app.server.wsUrl, reportDocumentName(month, 'hr'), token);
    clients.push(assignments, report);
    await Promise.all([assignments.synced, report.synced]);
    expect(readAssignment(assignments.doc, 'ka-2015-2')?.status).toBe(chosen);
    const texts = Object.values(readReport(report.doc, month, 'hr').analysis);
    expect(
      texts.some((text) => text.includes('Skrivet med tangentbordet.')),
      analysisName,
    ).toBe(true);
  });
});
