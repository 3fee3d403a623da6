/**
 * End to end: the economy screen (/ekonomi) in two browsers at once (the HR head and the
 * kommunchef). The HR department's budget is shown in Swedish format, the plan's known
 * discrepancy in HR's header ("Budget 2014" twice) is flagged, and a forecast written into
 * HR's March report by a stock y-websocket client in Node shows its deviation live in both.
 */
import { readReport, reportDocumentName, setReportBudget } from '@foljsam/domain';
import { plan2015 } from '@foljsam/domain/seed';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectClient, waitFor } from '../support/yClient';

const app = appUnderTest();
let adminToken = '';

beforeAll(async () => {
  adminToken = (await signIn(app.server.url, 'admin')).token;
});

/** Signs in through the form on /ekonomi and waits for the department detail. */
async function openEconomy(username: string): Promise<Page> {
  const { page } = await app.signInAt(username, '/ekonomi');
  await page.getByRole('heading', { level: 1, name: 'Ekonomi 2015' }).waitFor();
  await page.getByTestId('department-detail').waitFor();
  return page;
}

/** Intl writes Swedish numbers with no-break spaces: compare with plain spaces. */
const normalise = (text: string | null) =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const textOf = async (page: Page, testId: string) => normalise(await page.getByTestId(testId).textContent());

/** Waits until the element's normalised text contains `expected`. */
async function waitForText(page: Page, testId: string, expected: string): Promise<void> {
  await page.waitForFunction(
    ([id, text]) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      const content = (element?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
      return content.includes(text);
    },
    [testId, expected] as const,
  );
}

describe('economy, live in two browsers', () => {
  it('shows HR budget and discrepancies, and a new forecast’s deviation live', async () => {
    const hrDepartment = plan2015.departments.find((d) => d.id === 'hr');
    if (!hrDepartment) throw new Error('no HR department in the seed');
    expect(hrDepartment.budgetTkr).toBe(17866);

    // The HR head opens on her department; the kommunchef picks HR in the department select.
    const hr = await openEconomy('chef-hr');
    const manager = await openEconomy('kommunchef');
    // Presence: each sees the other on the same screen.
    await hr.locator('[data-presence-user="Kommunchef"]').waitFor();
    await manager.locator('[data-presence-user="Avdelningschef HR avdelningen"]').waitFor();
    expect(await manager.getByTestId('department-detail').getAttribute('data-department-id')).toBe(
      plan2015.departments[0]?.id,
    );
    await manager.getByLabel('Avdelning', { exact: true }).selectOption({ label: '8.1.4 HR avdelningen' });
    await manager.locator('[data-testid="department-detail"][data-department-id="hr"]').waitFor();

    const hrDiscrepancies = plan2015.knownDiscrepancies.filter((d) => d.subject === 'department:hr');
    for (const page of [hr, manager]) {
      await page.getByRole('heading', { level: 2, name: '8.1.4 HR avdelningen' }).waitFor();
      expect(await textOf(page, 'department-budget')).toBe('17 866 tkr');
      expect(await textOf(page, 'department-budget-previous')).toBe('17 143 tkr');
      // The header's "Budget 2014" twice is flagged with the plan's words, by text and symbol.
      const header = page.locator(
        '[data-testid="department-discrepancies"] [data-discrepancy-id="hr-budget-header-years"]',
      );
      const headerText = normalise(await header.textContent());
      expect(headerText).toContain('Avvikelse i planen');
      expect(headerText).toContain('Budget 2014 (tkr)” två gånger');
      expect(
        await page.locator('[data-testid="department-discrepancies"] [data-discrepancy-id]').count(),
      ).toBe(hrDiscrepancies.length);
      expect(await textOf(page, 'department-flag')).toContain(`⚠ ${hrDiscrepancies.length} avvikelser`);
      // HR's cost lines add up to the stated total (computed here, not copied), so no sum flag.
      expect(await textOf(page, 'costs-by-activity-computed')).toBe('17 866 tkr');
      expect(await page.getByTestId('costs-by-activity-sum-flag').count()).toBe(0);
      // The summary's total budget is computed from the departments.
      const total = plan2015.departments.reduce((sum, d) => sum + (d.budgetTkr ?? 0), 0);
      expect(total).toBe(68580);
      await waitForText(page, 'summary-total', '68 580 tkr');
    }

    // March as the server holds it before the change (the demo has a March report for HR).
    const { server } = app;
    const writer = connectClient(server.wsUrl, reportDocumentName('2015-03', 'hr'), adminToken);
    try {
      await writer.synced;
      const before = readReport(writer.doc, '2015-03', 'hr').budget.forecastTkr;
      expect(before).not.toBe(18100);
      if (before === null) throw new Error('the demo has no March forecast for HR');
      const swedishTkr = (value: number) => normalise(`${new Intl.NumberFormat('sv-SE').format(value)} tkr`);
      for (const page of [hr, manager]) {
        await waitForText(page, 'forecast-2015-03', swedishTkr(before));
        await waitForText(page, 'deviation-2015-03', swedishTkr((hrDepartment.budgetTkr ?? 0) - before));
        expect(await textOf(page, 'deviation-2015-03')).not.toContain('\u2212234');
      }
      // The summary opens on the latest month with figures: March.
      expect(await hr.getByTestId('economy-summary').getAttribute('data-month')).toBe('2015-03');

      setReportBudget(writer.doc, { forecastTkr: 18100 }, asAuthor('admin'));
      for (const page of [hr, manager]) {
        // 17 866 − 18 100 = −234 (Intl writes U+2212 MINUS SIGN).
        await waitForText(page, 'deviation-2015-03', '\u2212234 tkr');
        await waitForText(page, 'forecast-2015-03', '18 100 tkr');
        expect(await textOf(page, 'deviation-2015-03')).toBe('▼ \u2212234 tkr (Underskott)');
        await waitForText(page, 'summary-deviation-hr', '\u2212234 tkr');
      }
      // The server holds what the pages show.
      const reader = connectClient(server.wsUrl, reportDocumentName('2015-03', 'hr'), adminToken);
      try {
        await reader.synced;
        await waitFor(
          () => readReport(reader.doc, '2015-03', 'hr').budget.forecastTkr === 18100,
          'the server holds the forecast',
        );
      } finally {
        reader.destroy();
      }
    } finally {
      writer.destroy();
    }
  });
});
