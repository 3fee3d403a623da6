/**
 * End to end: the import screen in Chromium. The kommunchef previews a CSV of assignments with
 * 3 good and 3 bad rows, sees the 3 errors in Swedish (and in English after switching), saves
 * the valid rows and finds them on the assignments board; then reads a saved Kolada response,
 * and the goals screen's population chart shows the official yearly values as a fourth series,
 * live.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from '../support/appUnderTest';

const app = appUnderTest();

const CSV = [
  'id;title;department;startDate;endDate;status',
  'e2e-1;Utred pendelparkering i Nödinge;mark-exploatering;2015-03-01;2015-10-31;pågår',
  'e2e-2;Ta fram en plan för öppna data;it;2015-04-01;2015-12-31;ej påbörjad',
  'e2e-3;Se över bilpoolen;ekonomi-upphandling;2015-02-01;2015-09-30;klar',
  'e2e-4;Utred nytt kontor;Stadsbyggnad;2015-03-01;2015-10-31;pågår',
  'e2e-5;Starta ungdomsråd;utveckling;2015-13-01;2015-10-31;pågår',
  'e2e-1;Utred pendelparkering i Nödinge;mark-exploatering;2015-03-01;2015-10-31;pågår',
].join('\n');
const KOLADA = readFileSync(new URL('../fixtures/kolada-v3-N01951-1440.json', import.meta.url));

describe('import screen', () => {
  it('previews, saves only the valid rows, and shows official Kolada values on the goals chart', async () => {
    const { page } = await app.signInAt('kommunchef', '/import');
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.getByRole('heading', { level: 1, name: 'Import och export' }).waitFor();
    await page.getByLabel('Fil (CSV eller XLSX)').setInputFiles({
      name: 'uppdrag.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    const preview = page.getByTestId('import-preview');
    await preview.getByText('6 rader: 3 utan fel, 3 med fel.').waitFor();
    await expect(preview.locator('tr.import__row--error').count()).resolves.toBe(3);
    // The server's coded errors, said in Swedish from the message catalogue.
    const errorsOnLine = (line: number) =>
      preview.locator(`tr[data-line="${line}"] [data-issue]`).allTextContents();
    const swedish = {
      5: ['department: okänd avdelning ”Stadsbyggnad”'],
      6: ['startDate: ogiltigt datum ”2015-13-01” (ska vara ÅÅÅÅ-MM-DD)'],
      7: ['Dubblett: samma innehåll som rad 2'],
    };
    for (const [line, texts] of Object.entries(swedish)) {
      await expect(errorsOnLine(Number(line))).resolves.toEqual(texts);
    }
    // The same preview in English after switching, without asking the server again.
    await page.getByRole('button', { name: 'In English' }).click();
    await preview.getByText('6 rows: 3 without errors, 3 with errors.').waitFor();
    await expect(errorsOnLine(5)).resolves.toEqual(['department: unknown department “Stadsbyggnad”']);
    await expect(errorsOnLine(6)).resolves.toEqual([
      'startDate: invalid date “2015-13-01” (expected YYYY-MM-DD)',
    ]);
    await expect(errorsOnLine(7)).resolves.toEqual(['Duplicate: the same as line 2']);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await preview.getByText('6 rader: 3 utan fel, 3 med fel.').waitFor();

    await page.getByLabel('Alla rader utan fel (rader med fel hoppas över)').check();
    await page.getByRole('button', { name: 'Spara importen' }).click();
    await page.getByText('3 rader sparades, 3 hoppades över.').waitFor();

    // The three new assignments are on the board, the bad rows are not.
    await page.getByRole('link', { name: 'Uppdrag', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Uppdrag från fullmäktige 2015' }).waitFor();
    for (const id of ['e2e-1', 'e2e-2', 'e2e-3'])
      await page.locator(`[data-assignment-id="${id}"]`).first().waitFor();
    await expect(page.locator('[data-assignment-id="e2e-4"]').count()).resolves.toBe(0);

    // Kolada: a file that is no Kolada answer is refused in Swedish words.
    await page.getByRole('link', { name: 'Import och export' }).click();
    await page.getByLabel('Kolada-svar (JSON)').setInputFiles({
      name: 'inte-kolada.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"values":[{"kpi":"N01951"}]}', 'utf8'),
    });
    await page.getByRole('button', { name: 'Läs in filen' }).click();
    await page.getByText('Importen misslyckades: Filen är inget svar från Koladas API (v3, data).').waitFor();

    // Kolada: read the saved response, then the population chart has the official series.
    await page.getByLabel('Kolada-svar (JSON)').setInputFiles({
      name: 'kolada.json',
      mimeType: 'application/json',
      buffer: KOLADA,
    });
    await page.getByRole('button', { name: 'Läs in filen' }).click();
    await page.getByText('4 årsvärden sparades, 1 hoppades över.').waitFor();
    await page.getByRole('link', { name: 'Mål', exact: true }).click();
    await page.waitForFunction(() => {
      const canvas = document.querySelector<HTMLCanvasElement>(
        'canvas[data-indicator-id="ind-befolkningstillvaxt"]',
      );
      const chart = canvas ? window.Chart?.getChart(canvas) : undefined;
      return chart?.data.datasets.length === 4;
    });
    const official = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>(
        'canvas[data-indicator-id="ind-befolkningstillvaxt"]',
      );
      const dataset = canvas ? window.Chart?.getChart(canvas)?.data.datasets[3] : undefined;
      return { label: dataset?.label, ys: ((dataset?.data ?? []) as { y: number }[]).map((p) => p.y) };
    });
    expect(pageErrors).toEqual([]);
    expect(official).toEqual({ label: 'Officiellt årsvärde (Kolada)', ys: [1.1, 1.7, 2.3] });
  });
});
