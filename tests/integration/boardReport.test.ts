/**
 * The board's report over HTTP against a real server: the JSON, the Excel workbook (opened with
 * exceljs, as the server writes it) and the PDF (printed by Debian's Chromium, its text
 * extracted with unpdf). Expected figures and texts are computed here from the demo seed, not by
 * the code under test: totals on one basis (the approved departments, the others named), every
 * analysis and action text attributed to its department, assignment status from the approved
 * report with the board's beside it, units in words, the kommunchef's summary first.
 */
import { type BoardReport, boardSummaryDocumentName, boardSummaryText, readReport } from '@foljsam/domain';
import {
  councilAssignments2015,
  DEMO_REPORT_STATUSES,
  demoReportsFor2015,
  plan2015,
} from '@foljsam/domain/seed';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { connectRawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

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
const nameOf = (departmentId: string) => plan2015.departments.find((d) => d.id === departmentId)?.name ?? '';
/** Every analysis and action text of a period's approved demo reports, with its department's name. */
const approvedTexts = (period: string) =>
  demo
    .filter((r) => r.month === period && r.status === 'godkand')
    .flatMap((r) =>
      [...Object.entries(r.analysis), ...Object.entries(r.actions)]
        .filter(([, text]) => text.trim())
        .map(([key, text]) => ({ department: nameOf(r.departmentId), key, text: text.trim() })),
    );

/** The kommunchef's summary the tests write, two paragraphs. */
const SUMMARY = [
  'Januari i korthet: alla avdelningar har rapporterat.',
  'Heltidsprojektet kostar mer än planerat.',
];

/** Writes the summary of `period` as the kommunchef does in the screen: paragraphs in the shared text. */
async function writeSummary(wsUrl: string, token: string, period: string, paragraphs: readonly string[]) {
  const client = connectClient(wsUrl, boardSummaryDocumentName(period), token);
  await client.synced;
  const fragment = boardSummaryText(client.doc);
  client.doc.transact(() => {
    fragment.insert(
      fragment.length,
      paragraphs.map((text) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(text)]);
        return paragraph;
      }),
    );
  });
  return client;
}

/**
 * The PDF's page count for the demo's January with the tests' two-paragraph summary, checked by
 * hand (A4, see docs/deploy.md). English takes a page more (its unit, "SEK thousand", is longer
 * than "tkr"); fewer pages would mean a table wider than the page, which makes Chromium shrink
 * the whole print.
 */
const JANUARY_PAGES = 8;
const JANUARY_PAGES_EN = 9;

/** The workbook's sheets in each language, in order. */
const SHEETS = {
  sv: ['Sammanfattning', 'Mål', 'Analyser och åtgärder', 'Indikatorer', 'Uppdrag', 'Budget', 'Saknas'],
  en: ['Summary', 'Goals', 'Analyses and actions', 'Indicators', 'Assignments', 'Budget', 'Missing'],
};

describe.each(STORAGES)('board report (%s)', (storage) => {
  let server: ServerProcess;
  let token: string;
  const get = (path: string, auth = true) =>
    fetch(`${server.url}${path}`, auth ? { headers: { authorization: `Bearer ${token}` } } : {});

  beforeAll(async () => {
    // No Chromium here: these servers make JSON and XLSX, and show the PDF's 503 without it.
    server = await startServerProcess(
      await freshServerOptions(storage, { CHROMIUM_PATH: '/nonexistent/chromium' }),
    );
    token = (await signIn(server.url, 'lasare')).token;
    const manager = await signIn(server.url, 'kommunchef');
    const writer = await writeSummary(server.wsUrl, manager.token, '2015-02', SUMMARY);
    // Read back by a reader through the report itself: the summary is stored and compiled.
    let report: BoardReport | undefined;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && report?.summary !== SUMMARY.join('\n')) {
      report = (await (await get('/api/board-report/2015-02')).json()) as BoardReport;
    }
    writer.destroy();
    expect(report?.summary).toBe(SUMMARY.join('\n'));
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('refuses without a session, a malformed period, and a year without a plan', async () => {
    expect((await get('/api/board-report/2015-02', false)).status).toBe(401);
    for (const period of ['2015-13', '2015-T3', '2015-vb']) {
      const bad = await get(`/api/board-report/${period}`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/YYYY-MM, YYYY-T1, YYYY-T2 or YYYY-VB/);
    }
    expect((await get('/api/board-report/2031-01')).status).toBe(404);
    // The exports' language is sv or en, nothing else.
    for (const path of ['xlsx', 'pdf', 'html']) {
      const badLang = await get(`/api/board-report/2015-02/${path}?lang=de`);
      expect(badLang.status).toBe(400);
      expect(((await badLang.json()) as { error: string }).error).toBe('lang is "sv" or "en"');
    }
  });

  it('answers a PDF request with 503 and a message when Chromium is missing', async () => {
    const response = await get('/api/board-report/2015-01/pdf');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toMatch(/Chromium/);
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
    // One basis: the total's budget is that of the approved departments, the others named.
    const approved = demo.filter((r) => r.month === '2015-02' && r.status === 'godkand');
    expect(report.budget.total.budgetTkr).toBe(approved.reduce((s, r) => s + budgetOf(r.departmentId), 0));
    expect(report.budget.total.missingDepartmentNames.sort()).toEqual(expectedMissing.map(nameOf).sort());
  });

  it('a department head cannot write the summary; a tertial and the year-end report compile too', async () => {
    const head = await signIn(server.url, 'chef-hr');
    const raw = await connectRawClient(server.wsUrl, boardSummaryDocumentName('2015-02'), head.token);
    const crafted = new Y.Doc();
    Y.applyUpdate(crafted, Y.encodeStateAsUpdate(raw.doc));
    const before = Y.encodeStateVector(crafted);
    boardSummaryText(crafted).insert(0, [new Y.XmlText('HR skriver över.')]);
    raw.sendUpdate(Y.encodeStateAsUpdate(crafted, before), 'update');
    await waitFor(() => raw.denied.length > 0, 'a permission-denied message');
    expect(raw.denied[0]).toContain('read-only');
    await raw.close();
    const report = (await (await get('/api/board-report/2015-02')).json()) as BoardReport;
    expect(report.summary).toBe(SUMMARY.join('\n'));

    for (const [period, month] of [
      ['2015-T1', '2015-04'],
      ['2015-T2', '2015-08'],
      ['2015-VB', '2015-12'],
    ] as const) {
      const response = await get(`/api/board-report/${period}`);
      expect(response.status).toBe(200);
      const compiled = (await response.json()) as BoardReport;
      expect(compiled).toMatchObject({ period, month, summary: '' });
      // The demo has no approved tertial or year-end reports: every department is missing, no total.
      expect(compiled.missing).toHaveLength(plan2015.departments.length);
      expect(compiled.budget.total.budgetTkr).toBeNull();
    }
    const xlsx = await get('/api/board-report/2015-T1/xlsx');
    expect(xlsx.headers.get('content-disposition')).toContain('tertialrapport-2015-T1.xlsx');
    const html = await (await get('/api/board-report/2015-T2/html')).text();
    expect(html).toContain('Delårsrapport till kommunstyrelsen – januari–augusti 2015');
  });

  it('XLSX: opens with exceljs, holds the sheets, the summary first, and the demo figures on one basis', async () => {
    const response = await get('/api/board-report/2015-02/xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain('manadsrapport-2015-02.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS.sv);

    // The kommunchef's summary is the first sheet.
    const summary = workbook.worksheets[0]?.getSheetValues().filter(Boolean) as unknown[][];
    expect(summary.slice(1).map((row) => row[1])).toEqual(SUMMARY);

    // Budget: the sum row adds budget, outcome and forecast of the same (approved) departments.
    const approved = demo.filter((r) => r.month === '2015-02' && r.status === 'godkand');
    const sum = (f: (r: (typeof approved)[number]) => number) => approved.reduce((s, r) => s + f(r), 0);
    const budget = workbook.getWorksheet('Budget');
    const rows = budget?.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((row) => String(row[1]).startsWith('Summa'));
    expect(total?.[1]).toBe(`Summa (${approved.length} av ${plan2015.departments.length} avdelningar)`);
    expect(total?.[2]).toBe(sum((r) => budgetOf(r.departmentId)));
    expect(total?.[3]).toBe(sum((r) => r.budget.outcomeToDateTkr ?? 0));
    expect(total?.[4]).toBe(sum((r) => r.budget.forecastTkr ?? 0));
    expect(total?.[5]).toBe(sum((r) => budgetOf(r.departmentId) - (r.budget.forecastTkr ?? 0)));
    // The departments left out are named beside the total; their figures are "–", never 0.
    const notApproved = plan2015.departments.filter(
      (d) => DEMO_REPORT_STATUSES['2015-02'][d.id] !== 'godkand',
    );
    const missingLine = String(rows.find((row) => String(row[1]).startsWith('Ingår inte i summan'))?.[1]);
    for (const d of notApproved) expect(missingLine).toContain(d.name);
    const utveckling = rows.find((row) => String(row[1]).includes(nameOf('utveckling')));
    expect(utveckling?.slice(3, 6)).toEqual(['–', '–', '–']);

    // Every analysis and action text of the approved reports, on a row with its department.
    const texts = workbook
      .getWorksheet('Analyser och åtgärder')
      ?.getSheetValues()
      .filter(Boolean) as unknown[][];
    const expected = approvedTexts('2015-02');
    expect(expected.length).toBeGreaterThan(5);
    for (const { department, text } of expected) {
      expect(
        texts.some((row) => row[1] === department && (row[5] === text || row[6] === text)),
        `${department}: ${text}`,
      ).toBe(true);
    }
    // Units in words, never the codes.
    const units = (
      (workbook.getWorksheet('Indikatorer')?.getSheetValues() ?? []).filter(Boolean) as unknown[][]
    )
      .slice(1)
      .map((row) => row[3]);
    expect(
      units.every((u) => ['procent', 'antal', 'tkr', 'mkr'].includes(String(u))),
      String(units),
    ).toBe(true);

    // Indikatorer: HR's approved outcome for the share of full-time staff, as a number.
    const indicators = workbook.getWorksheet('Indikatorer')?.getSheetValues().filter(Boolean) as unknown[][];
    const heltid = indicators.find((row) => row[2] === 'ind-heltid');
    const hrFebruary = demo.find((r) => r.month === '2015-02' && r.departmentId === 'hr');
    expect(typeof heltid?.[5]).toBe('number');
    expect(heltid?.[5]).toBe(hrFebruary?.indicatorOutcomes['ind-heltid']);

    // Mål: one row per goal; Saknas: one row per unapproved department.
    expect(workbook.getWorksheet('Mål')?.rowCount).toBe(1 + plan2015.goals.length);
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
    expect(values(en.workbook, 'Budget').find((row) => String(row[1]).startsWith('Total ('))).toBeDefined();
    const statuses = values(en.workbook, 'Goals')
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
      .flatMap((row) => [String(row[6]).replace(/^\S+ /, ''), String(row[9]).replace(/^\S+ /, ''), row[10]]);
    expect(
      assignmentWords.every((w) =>
        ['Not started', 'In progress', 'Done', 'Overdue', 'Due soon', 'On track', 'Yes', 'No'].includes(
          String(w),
        ),
      ),
      String(assignmentWords),
    ).toBe(true);
    const enUnits = values(en.workbook, 'Indicators')
      .slice(1)
      .map((row) => String(row[3]));
    expect(enUnits.every((u) => ['per cent', 'number', 'SEK thousand', 'SEK million'].includes(u))).toBe(
      true,
    );
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
    // One PDF prints and one may wait; the sequential PDFs of the tests below never queue.
    server = await startServerProcess(await freshServerOptions('pglite', { PDF_QUEUE_MAX: '1' }));
    token = (await signIn(server.url, 'kommunchef')).token;
  });

  it('February (the page the PDF is printed from): the departments not in the total are named beside it', async () => {
    const response = await fetch(`${server.url}/api/board-report/2015-02/html`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const text = (await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const approved = Object.values(DEMO_REPORT_STATUSES['2015-02']).filter((s) => s === 'godkand').length;
    expect(text).toContain(`Summa (${approved} av ${plan2015.departments.length} avdelningar)`);
    const line = text.slice(text.indexOf('Ingår inte i summan'));
    for (const d of plan2015.departments.filter((x) => DEMO_REPORT_STATUSES['2015-02'][x.id] !== 'godkand')) {
      expect(line).toContain(d.name);
    }
    expect(text).toContain('Kommunchefen har inte skrivit någon sammanfattning.');
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

  it('January: the summary first, every analysis and action text with its department, statuses and totals the board can trust; every goal and department; a stable page count', async () => {
    const writer = await writeSummary(server.wsUrl, token, '2015-01', SUMMARY);
    const deadline = Date.now() + 10_000;
    let summary = '';
    while (Date.now() < deadline && summary !== SUMMARY.join('\n')) {
      const response = await fetch(`${server.url}/api/board-report/2015-01`, {
        headers: { authorization: `Bearer ${token}` },
      });
      summary = ((await response.json()) as BoardReport).summary;
    }
    writer.destroy();
    const first = await pdfOf('2015-01');
    const { text } = first;
    // The summary comes first, before the departments' table.
    const summaryAt = text.indexOf('Kommunchefens sammanfattning');
    expect(summaryAt).toBeGreaterThan(-1);
    expect(text.indexOf(SUMMARY[0] as string)).toBeGreaterThan(summaryAt);
    expect(text.indexOf(SUMMARY[1] as string)).toBeLessThan(text.indexOf('Avdelningarnas rapporter'));
    // Every analysis and action text of the approved reports is there; goal texts after their department.
    const expected = approvedTexts('2015-01');
    expect(new Set(expected.map((t) => t.key.split(':')[0]))).toEqual(
      new Set(['goal', 'indicator', 'initiative', 'assignment']),
    );
    for (const { department, key, text: written } of expected) {
      const flat = written.replace(/\s+/g, ' ');
      expect(text, `${department} ${key}`).toContain(flat);
      if (
        key.startsWith('goal:') &&
        demo.some((r) => r.month === '2015-01' && r.analysis[key]?.trim() === written)
      ) {
        expect(text).toMatch(
          new RegExp(`${department}( \\([^)]*\\))?: ${flat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
        );
      }
    }
    // Åtgärder are labelled as such.
    expect(text).toContain('Åtgärder: Prioriteringarna stäms av med sektorerna i februari.');
    // HR's approved report says "Pågår" for ka-2015-2; the Uppdrag board still says "Ej påbörjad".
    const board = councilAssignments2015.find((a) => a.id === 'ka-2015-2');
    expect(board?.status).toBe('ej-paborjad');
    expect(text).toMatch(/Pågår Uppdragstavlan: Ej påbörjad/);
    // The total covers all ten departments in January, stated so.
    expect(text).toContain(
      `Summa (${plan2015.departments.length} av ${plan2015.departments.length} avdelningar)`,
    );
    // Units in words in the indicator tables.
    expect(text).toMatch(/ procent /);
    expect(text).toMatch(/\d\s+tkr/);
    expect(text).not.toMatch(/\b(percent|count)\b/);
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
    expect(english.totalPages).toBe(JANUARY_PAGES_EN);
    expect(english.text).toContain('Monthly report to the executive board – January 2015');
    for (const heading of [
      "The departments' reports",
      'Assignments from the council',
      'Budget and forecast per department (SEK thousand)',
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
    // Amounts in SEK thousand, as the budget table's figures show (Swedish: tkr).
    expect(english.text).toMatch(/\d\s+SEK thousand/);
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
    const request = () =>
      fetch(`${server.url}/api/board-report/2015-01/pdf`, {
        headers: { authorization: `Bearer ${token}` },
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
    await later.arrayBuffer();
  });
});
