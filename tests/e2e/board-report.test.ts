/**
 * End to end: the board's report screen (/styrelserapport/2015-02) in Chromium. It shows every
 * goal with a traffic light in words, the departments still missing (also by name beside the
 * budget total, which covers the approved departments only), an indicator chart drawn by
 * Chart.js, and links that download the PDF and the XLSX of the same period, in the UI's
 * language. At the top the kommunchef's summary: typed by the kommunchef, seen live by a
 * department head, who cannot edit it. With FOLJSAM_SCREENSHOTS=1 it also saves
 * docs/screenshots/styrelserapport.png.
 */
import { readFile } from 'node:fs/promises';
import { DEMO_REPORT_STATUSES, plan2015 } from '@foljsam/domain/seed';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';

const app = appUnderTest();
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

describe('board report screen', () => {
  it('renders the compiled February and offers the PDF and XLSX downloads', async () => {
    const { page } = await app.signInAt('kommunchef', '/styrelserapport/2015-02');
    await page
      .getByRole('heading', { level: 1, name: 'Månadsrapport till kommunstyrelsen – februari 2015' })
      .waitFor();
    await page.getByTestId('board-missing').waitFor();

    for (const goal of plan2015.goals) {
      await expect(page.locator(`[data-goal-id="${goal.id}"] h3`).textContent()).resolves.toContain(
        goal.number,
      );
    }
    const missing = Object.entries(DEMO_REPORT_STATUSES['2015-02']).filter(([, s]) => s !== 'godkand');
    await expect(page.getByTestId('board-missing').locator('li').count()).resolves.toBe(missing.length);
    await expect(page.getByTestId('board-missing').textContent()).resolves.toContain('Återremitterad');
    // A chart per indicator, drawn by Chart.js.
    const charts = await page.evaluate(
      () =>
        [...document.querySelectorAll('canvas[data-indicator-id]')].filter((c) =>
          window.Chart?.getChart(c as HTMLCanvasElement),
        ).length,
    );
    expect(charts).toBe(plan2015.indicators.length);

    // The XLSX link downloads the month's workbook.
    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ladda ned Excel (XLSX)' }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toBe('manadsrapport-2015-02.xlsx');
    expect((await xlsx.failure()) ?? null).toBeNull();
    // The PDF link points at the month's PDF, which the server answers with a PDF.
    const pdfHref = await page.getByRole('link', { name: 'Ladda ned PDF' }).getAttribute('href');
    expect(pdfHref).toBe('/api/board-report/2015-02/pdf?lang=sv');
    const pdf = await page.request.get(pdfHref as string);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // Choosing another month in the select shows that month.
    await page.getByRole('combobox', { name: /^Period/ }).selectOption('2015-01');
    await page
      .getByRole('heading', { level: 1, name: 'Månadsrapport till kommunstyrelsen – januari 2015' })
      .waitFor();
    await page.getByText('Alla avdelningars rapporter för perioden är godkända.').waitFor();

    // In English the links ask for the English PDF and workbook.
    await page.getByRole('button', { name: 'In English' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Monthly report to the executive board – January 2015' })
      .waitFor();
    const englishPdf = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    expect(englishPdf).toBe('/api/board-report/2015-01/pdf?lang=en');
    const englishDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download Excel (XLSX)' }).click();
    const englishXlsx = await englishDownload;
    expect(englishXlsx.suggestedFilename()).toBe('monthly-report-2015-01.xlsx');
    const workbook = new ExcelJS.Workbook();
    const bytes = await readFile(await englishXlsx.path());
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'Goals',
      'Analyses and actions',
      'Indicators',
      'Assignments',
      'Budget',
      'Missing',
    ]);
  });

  it("the kommunchef's summary is co-edited live; a department head reads it and cannot edit it; the total names who is missing", async () => {
    const manager = await app.signInAt('kommunchef', '/styrelserapport/2015-02');
    const head = await app.signInAt('chef-hr', '/styrelserapport/2015-02');
    const typed = 'Februari: sex av tio rapporter är godkända. Prognosen visar ett underskott.';
    const editor = manager.page.getByTestId('board-summary');
    await expect(editor.getAttribute('contenteditable')).resolves.toBe('true');
    await editor.click();
    await manager.page.keyboard.type(typed);
    // The department head sees it as it is written, and cannot write.
    const seen = head.page.getByTestId('board-summary');
    await head.page.getByText(typed).waitFor();
    await expect(seen.getAttribute('contenteditable')).resolves.toBe('false');
    await head.page.getByText('Kommunchefen skriver sammanfattningen').waitFor();

    // The total covers the approved departments only and names the others beside it.
    const approved = Object.values(DEMO_REPORT_STATUSES['2015-02']).filter((s) => s === 'godkand').length;
    const total = head.page.getByTestId('board-budget-total');
    await expect(total.locator('th').textContent()).resolves.toBe(
      `Summa (${approved} av ${plan2015.departments.length} avdelningar)`,
    );
    const missing = await head.page.getByTestId('board-budget-missing').textContent();
    const utveckling = plan2015.departments.find((d) => d.id === 'utveckling');
    expect(missing).toContain(utveckling?.name);
    // HR's approved report's text on its assignment, and the status it states beside the board's.
    await head.page.getByRole('link', { name: 'Ladda ned PDF' }).waitFor();
    await manager.page.getByRole('combobox', { name: /^Period/ }).selectOption('2015-01');
    const row = manager.page.locator('[data-assignment-id="ka-2015-2"]');
    await row.getByText('Uppdragstavlan: Ej påbörjad').waitFor();
    await row.getByText('Riktlinjerna remitteras till sektorerna i februari.').waitFor();
    // Back on February the summary written there is still there.
    await manager.page.getByRole('combobox', { name: /^Period/ }).selectOption('2015-02');
    await manager.page.getByTestId('board-summary').getByText(typed).waitFor();
    if (process.env.FOLJSAM_SCREENSHOTS === '1') {
      await manager.page.getByTestId('board-budget-total').waitFor();
      await manager.page.setViewportSize({ width: 1280, height: 1400 });
      await manager.page.screenshot({ path: `${SCREENSHOTS}styrelserapport.png` });
    }
  });
});
