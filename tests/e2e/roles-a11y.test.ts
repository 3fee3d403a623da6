/**
 * End to end: the screens and panels of roles, workflow and history pass axe-core's WCAG 2.1
 * A/AA rules in Chromium (every control labelled, dialogs named, contrast), and are keyboard
 * operable: the return form and the history panel open, take input and close from the
 * keyboard alone. Real server, real Chromium.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const app = appUnderTest({
  contextOptions: { viewport: { width: 1300, height: 1000 } },
  closeContextsAfterEachTest: true,
});

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

/** axe-core's WCAG 2.1 A/AA violations inside `selector`. */
async function violations(page: Page, selector: string): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (include) => {
    const axe = (
      window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run(
      { include: [...document.querySelectorAll(include)] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations.map(({ id, impact, nodes }) => ({
      id,
      impact,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  }, selector);
}

describe('accessibility of the roles, workflow and history UI', () => {
  it('the workflow panel and its return form, by keyboard', async () => {
    const { page } = await app.signInAt('kommunchef', '/rapport/2015-10/hr');
    await page.locator('[data-testid="report-workflow"][data-loaded="true"]').waitFor();
    // A draft: the kommunchef may submit; put it in review from the keyboard.
    const submit = page.getByRole('button', { name: 'Skicka in' });
    await submit.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('report-lifecycle').filter({ hasText: 'Inskickad' }).waitFor();
    const returnButton = page.getByRole('button', { name: 'Återremittera' });
    await returnButton.focus();
    await page.keyboard.press('Enter');
    // The comment box has the focus; Escape closes the form again.
    const comment = page.getByLabel('Kommentar till avdelningen', { exact: true });
    await expect.poll(() => comment.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await violations(page, '[data-testid="report-workflow"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await comment.waitFor({ state: 'detached' });
  });

  it('the history panel: opens and closes from the keyboard, focus back on its button', async () => {
    const { page } = await app.signInAt('chef-hr', '/rapport/2015-10/hr');
    const button = page.getByTestId('history-budget/forecastTkr');
    await button.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('dialog[open][data-field="budget/forecastTkr"]');
    await panel.getByText('Inga sparade ändringar ännu.').waitFor();
    expect(await panel.getAttribute('aria-labelledby')).not.toBeNull();
    expect(await violations(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => button.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('the administration screen and the board of a department head', async () => {
    const { page: admin } = await app.signInAt('admin', '/admin');
    await admin.getByTestId('users-table').waitFor();
    await admin.getByTestId('edit-user-chef-hr').click();
    await admin.getByTestId('edit-user').waitFor();
    expect(await violations(admin, 'main')).toEqual([]);
    // The check sees what it is given: an unlabelled field added to the screen is reported.
    await admin.evaluate(() => document.querySelector('main')?.append(document.createElement('input')));
    expect((await violations(admin, 'main')).map((violation) => violation.id)).toContain('label');

    const { page: head } = await app.signInAt('chef-hr', '/uppdrag');
    await head.getByTestId('progress-scope-notice').waitFor();
    await head.getByTestId('details-toggle-ka-2015-2').click();
    expect(
      await violations(head, '.board-details:not([hidden]), [data-testid="progress-scope-notice"]'),
    ).toEqual([]);
  });
});
