/**
 * The board's monthly report over HTTP against a real server: the JSON, the Excel workbook
 * (opened with exceljs) and the PDF (printed by Debian's Chromium, its text extracted with
 * unpdf). Expected figures are computed here from the demo seed, not by the code under test.
 */
import { type BoardReport, readReport } from '@foljsam/domain';
import { DEMO_REPORT_STATUSES, demoReportsFor2015, plan2015 } from '@foljsam/domain/seed';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';

/** The demo reports as plain data, read with the document helpers. */
const demo = demoReportsFor2015().map((r) => {
  const doc = new Y.Doc();
  r.write(doc);
  const data = readReport(doc, r.month, r.departmentId);
  doc.destroy();
  return data;
});
const budgetOf = (departmentId: string) =>
  plan2015.departments.find((d) => d.id === departmentId)?.budgetTkr ?? 0;

/** The PDF's page count for the demo's January, in Swedish and in English, checked by hand (A4, see docs/deploy.md). */
const JANUARY_PAGES = 7;

/** The workbook's sheets in each language, in order. */
const SHEETS = {
  sv: ['Sammanfattning', 'Indikatorer', 'Uppdrag', 'Budget', 'Saknas'],
  en: ['Summary', 'Indicators', 'Assignments', 'Budget', 'Missing'],
};

describe.each(STORAGES)('board report (%s)', (storage) => {
  let server: ServerProcess;
  let token: string;
  const get = (path: string, auth = true) =>
    fetch(`${server.url}${path}`, auth ? { headers: { authorization: `Bearer ${token}` } } : {});

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions(storage));
    token = (await signIn(server.url, 'lasare')).token;
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('refuses without a session, a malformed month, and a year without a plan', async () => {
    expect((await get('/api/board-report/2015-02', false)).status).toBe(401);
    const bad = await get('/api/board-report/2015-13');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/YYYY-MM/);
    expect((await get('/api/board-report/2031-01')).status).toBe(404);
    // The exports' language is sv or en, nothing else.
    for (const path of ['xlsx', 'pdf', 'html']) {
      const badLang = await get(`/api/board-report/2015-02/${path}?lang=de`);
      expect(badLang.status).toBe(400);
      expect(((await badLang.json()) as { error: string }).error).toBe('lang is "sv" or "en"');
    }
  });

  it('JSON: February leaves out unapproved departments and lists them as missing', async () => {
    const response = await get('/api/board-report/2015-02');
    expect(response.status).toBe(200);
    const report = (await response.json()) as BoardReport;
    const expectedMissing = Object.entries(DEMO_REPORT_STATUSES['2015-02'])
      .filter(([, state]) => state !== 'godkand')
      .map(([id]) => id)
      .sort();
    expect(report.missing.map((d) => d.departmentId).sort()).toEqual(expectedMissing);
    const hr = report.budget.rows.find((r) => r.departmentId === 'hr');
    const hrFebruary = demo.find((r) => r.month === '2015-02' && r.departmentId === 'hr');
    expect(hr?.forecastTkr).toBe(hrFebruary?.budget.forecastTkr);
    expect(hr?.deviationTkr).toBe(budgetOf('hr') - (hrFebruary?.budget.forecastTkr ?? 0));
  });

  it('XLSX: opens with exceljs, holds the five sheets and the demo figures', async () => {
    const response = await get('/api/board-report/2015-02/xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain('manadsrapport-2015-02.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS.sv);

    // Budget: the sum row holds budget over all departments and the approved reports' deviation.
    const approved = demo.filter((r) => r.month === '2015-02' && r.status === 'godkand');
    const deviation = approved.reduce(
      (sum, r) => sum + budgetOf(r.departmentId) - (r.budget.forecastTkr ?? 0),
      0,
    );
    const budget = workbook.getWorksheet('Budget');
    const rows = budget?.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((row) => row[1] === 'Summa');
    expect(total?.[2]).toBe(plan2015.departments.reduce((s, d) => s + (d.budgetTkr ?? 0), 0));
    expect(total?.[5]).toBe(deviation);
    expect(rows).toHaveLength(1 + plan2015.departments.length + 1);

    // Indikatorer: HR's approved outcome for the share of full-time staff, as a number.
    const indicators = workbook.getWorksheet('Indikatorer')?.getSheetValues().filter(Boolean) as unknown[][];
    const heltid = indicators.find((row) => row[2] === 'ind-heltid');
    const hrFebruary = demo.find((r) => r.month === '2015-02' && r.departmentId === 'hr');
    expect(typeof heltid?.[5]).toBe('number');
    expect(heltid?.[5]).toBe(hrFebruary?.indicatorOutcomes['ind-heltid']);

    // Sammanfattning: one row per goal; Saknas: one row per unapproved department.
    expect(workbook.getWorksheet('Sammanfattning')?.rowCount).toBe(1 + plan2015.goals.length);
    const missingCount = Object.values(DEMO_REPORT_STATUSES['2015-02']).filter((s) => s !== 'godkand').length;
    expect(workbook.getWorksheet('Saknas')?.rowCount).toBe(1 + missingCount);
    expect(workbook.getWorksheet('Indikatorer')?.getRow(1).getCell(1).value).toBe('Mått');
  });

  it('XLSX in English (lang=en): English sheets, headers and status words, the same figures', async () => {
    const load = async (query: string) => {
      const response = await get(`/api/board-report/2015-02/xlsx${query}`);
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      return { workbook, disposition: response.headers.get('content-disposition') };
    };
    const sv = await load('?lang=sv');
    const en = await load('?lang=en');
    expect(sv.workbook.worksheets.map((s) => s.name)).toEqual(SHEETS.sv);
    expect(en.workbook.worksheets.map((s) => s.name)).toEqual(SHEETS.en);
    expect(en.disposition).toContain('monthly-report-2015-02.xlsx');

    const values = (workbook: ExcelJS.Workbook, sheet: string) =>
      workbook.getWorksheet(sheet)?.getSheetValues().filter(Boolean) as unknown[][];
    // Headers and words in English.
    expect(values(en.workbook, 'Indicators')[0]?.slice(1, 8)).toEqual([
      'Indicator',
      'Id',
      'Unit',
      'Target 2015',
      'Outcome 2015-02',
      'Meets the target',
      'Status',
    ]);
    expect(values(en.workbook, 'Budget').find((row) => row[1] === 'Total')).toBeDefined();
    const statuses = values(en.workbook, 'Summary')
      .slice(1)
      .map((row) => String(row[4]));
    expect(statuses.every((s) => /^\S+ (Green|Yellow|Red|Not assessed)$/.test(s))).toBe(true);
    const missingStates = values(en.workbook, 'Missing')
      .slice(1)
      .map((row) => String(row[3]).replace(/^\S+ /, ''));
    expect(missingStates).toContain('Returned');
    expect(missingStates.every((s) => ['Not started', 'Draft', 'Submitted', 'Returned'].includes(s))).toBe(
      true,
    );
    const assignmentWords = values(en.workbook, 'Assignments')
      .slice(1)
      .flatMap((row) => [String(row[6]).replace(/^\S+ /, ''), String(row[7]).replace(/^\S+ /, ''), row[8]]);
    expect(
      assignmentWords.every((w) =>
        ['Not started', 'In progress', 'Done', 'Overdue', 'Due soon', 'On track', 'Yes', 'No'].includes(
          String(w),
        ),
      ),
    ).toBe(true);
    // The same figures in both: only the words differ.
    const numbers = (workbook: ExcelJS.Workbook, sheet: string) =>
      values(workbook, sheet).map((row) => row.filter((cell) => typeof cell === 'number'));
    SHEETS.sv.forEach((svSheet, i) => {
      expect(numbers(en.workbook, SHEETS.en[i] ?? '')).toEqual(numbers(sv.workbook, svSheet));
    });
  });
});

describe('board report PDF (Chromium)', () => {
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions('pglite'));
    token = (await signIn(server.url, 'kommunchef')).token;
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  async function pdfOf(month: string, query = '') {
    const response = await fetch(`${server.url}/api/board-report/${month}/pdf${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const document = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
    const { totalPages, text } = await extractText(document, { mergePages: true });
    return { totalPages, text: text.replace(/\s+/g, ' ') };
  }

  it('holds every goal and department, with a stable page count', async () => {
    const first = await pdfOf('2015-01');
    for (const goal of plan2015.goals) expect(first.text).toContain(goal.title.replace(/\s+/g, ' '));
    for (const department of plan2015.departments) expect(first.text).toContain(department.name);
    expect(first.text).toContain('Månadsrapport till kommunstyrelsen – januari 2015');
    expect(first.totalPages).toBe(JANUARY_PAGES);
    expect(first.text).toContain('Avdelningarnas rapporter');
    expect(first.text).toContain(`Sida 1 av ${JANUARY_PAGES}`);
    const second = await pdfOf('2015-01', '?lang=sv');
    expect(second.totalPages).toBe(first.totalPages);
    expect(second.text).toBe(first.text);
  });

  it('in English (lang=en): English headings, status words and footer, every goal and department', async () => {
    const english = await pdfOf('2015-01', '?lang=en');
    expect(english.totalPages).toBe(JANUARY_PAGES);
    expect(english.text).toContain('Monthly report to the executive board – January 2015');
    for (const heading of [
      "The departments' reports",
      'Assignments from the council',
      'Budget and forecast per department (tkr)',
      'Missing',
      'Perspective: ',
      'Target path',
      `Page 1 of ${english.totalPages}`,
    ]) {
      expect(english.text).toContain(heading);
    }
    expect(english.text).toMatch(/Approved|Not started|Draft|Submitted|Returned/);
    // The plan's own names stay as written.
    for (const goal of plan2015.goals) expect(english.text).toContain(goal.title.replace(/\s+/g, ' '));
    for (const department of plan2015.departments) expect(english.text).toContain(department.name);
    // No Swedish heading or footer is left.
    for (const swedish of [
      'Månadsrapport',
      'Avdelningarnas rapporter',
      'Uppdrag från fullmäktige',
      'Sida ',
      'Målbana',
    ]) {
      expect(english.text).not.toContain(swedish);
    }
  });

  it('answers 429 with Retry-After to PDF requests past the queue bound (PDF_QUEUE_MAX)', async () => {
    // One PDF prints, one may wait: of six at once, the rest are refused, not queued.
    const bounded = await startServerProcess(await freshServerOptions('pglite', { PDF_QUEUE_MAX: '1' }));
    try {
      const { token: boundedToken } = await signIn(bounded.url, 'kommunchef');
      const request = () =>
        fetch(`${bounded.url}/api/board-report/2015-01/pdf`, {
          headers: { authorization: `Bearer ${boundedToken}` },
        });
      const responses = await Promise.all(Array.from({ length: 6 }, request));
      const statuses = responses.map((response) => response.status);
      expect(
        statuses.every((status) => status === 200 || status === 429),
        String(statuses),
      ).toBe(true);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(2);
      const refused = responses.filter((response) => response.status === 429);
      expect(refused.length, String(statuses)).toBeGreaterThanOrEqual(1);
      for (const response of refused) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(((await response.json()) as { error: string }).error).toMatch(/try again/);
      }
      for (const response of responses) if (response.status === 200) await response.arrayBuffer();
      // Once the queue drains, PDFs are made again.
      const later = await request();
      expect(later.status).toBe(200);
      expect(later.headers.get('content-type')).toBe('application/pdf');
    } finally {
      await bounded.kill('SIGTERM');
    }
  });

  it('answers 503 with a message when Chromium is missing', async () => {
    const other = await startServerProcess(
      await freshServerOptions('pglite', { CHROMIUM_PATH: '/nonexistent/chromium' }),
    );
    try {
      const { token: otherToken } = await signIn(other.url, 'kommunchef');
      const response = await fetch(`${other.url}/api/board-report/2015-01/pdf`, {
        headers: { authorization: `Bearer ${otherToken}` },
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: string }).error).toMatch(/Chromium/);
    } finally {
      await other.kill('SIGTERM');
    }
  });
});
