/**
 * End to end: the board's monthly report screen (/styrelserapport/2015-02) in Chromium. It
 * shows every goal with a traffic light in words, the departments still missing, an indicator
 * chart drawn by Chart.js, and links that download the PDF and the XLSX of the same month, in
 * the UI's language.
 */
import { readFile } from 'node:fs/promises';
import { DEMO_REPORT_STATUSES, plan2015 } from '@foljsam/domain/seed';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';

const app = appUnderTest();

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
    await page.getByLabel('Månad').selectOption('2015-01');
    await page
      .getByRole('heading', { level: 1, name: 'Månadsrapport till kommunstyrelsen – januari 2015' })
      .waitFor();
    await page.getByText('Alla avdelningars rapporter för månaden är godkända.').waitFor();

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
      'Indicators',
      'Assignments',
      'Budget',
      'Missing',
    ]);
  });
});
