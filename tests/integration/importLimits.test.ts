/**
 * Hostile import files against a real server: an XLSX zip bomb (small file, huge unpacked
 * sheet), a workbook under the unpacked limit with far more rows than an import takes, a CSV
 * of the largest accepted size made of tiny rows, a workbook that takes too long to read, and
 * several of them at once. Each is refused with a coded 4xx (or 429 with Retry-After) while
 * /api/health keeps answering. Parsing happens before anything is stored, so these run on
 * PGlite only (the store plays no part; importExport.test.ts covers both stores).
 */
import { type ImportFailure, type ImportIssue, importFailure } from '@foljsam/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';

const MiB = 1024 * 1024;

/** A workbook whose first sheet is the header row month, indicatorId, value, then `body`'s XML rows. */
async function workbook(body: (push: (xml: string) => void) => void): Promise<Uint8Array<ArrayBuffer>> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Utfall').addRow(['month', 'indicatorId', 'value']);
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    '<row r="1"><c r="A1" t="inlineStr"><is><t>month</t></is></c><c r="B1" t="inlineStr"><is><t>indicatorId</t></is></c><c r="C1" t="inlineStr"><is><t>value</t></is></c></row>',
  ];
  body((xml) => parts.push(xml));
  parts.push('</sheetData></worksheet>');
  zip.file('xl/worksheets/sheet1.xml', parts.join(''));
  const file = await zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  return new Uint8Array(file);
}

/** `rows` data rows (2015-03, ind-heltid, 1), alike but for their numbers: they compress well. */
const dataRows = (rows: number) =>
  workbook((push) => {
    for (let r = 2; r <= rows + 1; r++) {
      push(
        `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>2015-03</t></is></c><c r="B${r}" t="inlineStr"><is><t>ind-heltid</t></is></c><c r="C${r}"><v>1</v></c></row>`,
      );
    }
  });

/** An issue without its English message. */
const coded = ({ message, ...rest }: ImportIssue) => {
  expect(message).toMatch(/\w/);
  return rest;
};

async function failureOf(response: Response, status: number): Promise<ImportFailure> {
  expect(response.status).toBe(status);
  return importFailure.parse(await response.json());
}

/**
 * Asks /api/health every 100 ms until stopped; resolves with every status seen (a stalled
 * event loop shows as a missing answer or as few answers).
 */
function watchHealth(url: string) {
  let running = true;
  const statuses: number[] = [];
  const done = (async () => {
    while (running) {
      // A new connection each time, as a load balancer's probe: no reuse of an idle socket the
      // server is closing at that moment (undici then fails with ECONNRESET).
      const response = await fetch(`${url}/api/health`, {
        headers: { connection: 'close' },
        signal: AbortSignal.timeout(30_000),
      }).catch((error: Error) => error);
      if (response instanceof Error) {
        statuses.push(0);
        console.error('health probe failed', response);
        continue;
      }
      statuses.push(response.status);
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    running = false;
    await done;
    return { statuses };
  };
}

describe('import file limits (pglite)', () => {
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    server = await startServerProcess(
      await freshServerOptions('pglite', {
        IMPORT_MAX_UNPACKED_BYTES: String(16 * MiB),
        IMPORT_PARSE_CONCURRENCY: '1',
        IMPORT_PARSE_QUEUE: '1',
      }),
    );
    token = (await signIn(server.url, 'kommunchef')).token;
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const post = (path: string, body: string | Uint8Array<ArrayBuffer>) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body,
    });
  const preview = (format: 'csv' | 'xlsx') =>
    `/api/import/indicator-outcomes/preview?year=2015&format=${format}`;

  it('refuses an XLSX zip bomb from its declared unpacked size, before parsing, and health keeps answering', async () => {
    // About 32 MB of sheet in about 2 MB of zip; the server takes 16 MiB unpacked.
    const bomb = await dataRows(200_000);
    expect(bomb.byteLength).toBeLessThan(5 * MiB);
    const stop = watchHealth(server.url);
    const refused = await failureOf(await post(preview('xlsx'), bomb), 400);
    const health = await stop();
    expect(coded(refused.issue)).toEqual({ code: 'tooLargeUnpacked', max: 16 * MiB });
    expect(refused.error).toMatch(/unpacks to more than 16 MB/);
    expect(health.statuses.every((status) => status === 200)).toBe(true);
  });

  it('stops reading an XLSX at the first row past the cap (the file is not counted to its end)', async () => {
    // 60,000 rows, about 10 MB unpacked: under the unpacked limit, six times the row cap.
    const many = await dataRows(60_000);
    const stop = watchHealth(server.url);
    const refused = await failureOf(await post(preview('xlsx'), many), 400);
    const health = await stop();
    expect(coded(refused.issue)).toEqual({ code: 'tooManyRows', max: 10_000 });
    expect(refused.error).toBe('the file has more than 10000 rows; at most 10000 per import');
    expect(health.statuses.every((status) => status === 200)).toBe(true);
  });

  it('stops reading a CSV of the largest accepted size at the first row past the cap', async () => {
    const line = '2015-03,ind-heltid,1\n';
    const csv = `month,indicatorId,value\n${line.repeat(Math.floor((5 * MiB - 100) / line.length))}`;
    const refused = await failureOf(await post(preview('csv'), csv), 400);
    expect(coded(refused.issue)).toEqual({ code: 'tooManyRows', max: 10_000 });
    // One byte more than the body limit is still refused before reading (413).
    const large = await failureOf(await post(preview('csv'), `${csv}${'x'.repeat(200)}`), 413);
    expect(coded(large.issue)).toEqual({ code: 'tooLarge', max: 5 * MiB });
  });

  it('a workbook under the limits still imports: dates, shared strings and numbers read as before', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Uppdrag').addRows([
      ['id', 'title', 'department', 'startDate', 'endDate', 'status'],
      ['xlsx-1', 'Ett uppdrag från Excel', 'hr', new Date('2015-03-01T00:00:00Z'), '2015-10-31', 'pågår'],
    ]);
    const response = await post(
      '/api/import/assignments/preview?year=2015&format=xlsx',
      new Uint8Array(await book.xlsx.writeBuffer()),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { valid: number; rows: { cells: Record<string, string> }[] };
    expect(body.valid).toBe(1);
    expect(body.rows[0]?.cells).toMatchObject({
      id: 'xlsx-1',
      title: 'Ett uppdrag från Excel',
      startdate: '2015-03-01',
      status: 'pågår',
    });
  });
});

describe('import parse time and concurrency (pglite)', () => {
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    server = await startServerProcess(
      await freshServerOptions('pglite', {
        IMPORT_PARSE_TIMEOUT_SECONDS: '0.5',
        IMPORT_PARSE_CONCURRENCY: '1',
        IMPORT_PARSE_QUEUE: '1',
      }),
    );
    token = (await signIn(server.url, 'kommunchef')).token;
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('abandons a parse past its time limit, answers 429 with Retry-After past the queue, and health keeps answering', async () => {
    // Three million empty rows: about 36 MB of sheet (under the default 64 MiB) in a 100 kB zip,
    // which takes seconds to stream through and holds no data row to stop at.
    const slow = await workbook((push) => {
      for (let i = 0; i < 3_000_000; i++) push('<row r="2"/>');
    });
    const stop = watchHealth(server.url);
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(`${server.url}/api/import/indicator-outcomes/preview?year=2015&format=xlsx`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
          body: slow,
        }),
      ),
    );
    const health = await stop();
    const statuses = responses.map((r) => r.status).sort();
    // One parses, one waits for its turn, the other two are told to come back later.
    expect(statuses).toEqual([400, 400, 429, 429]);
    for (const response of responses) {
      const failure = importFailure.parse(await response.json());
      if (response.status === 429) {
        expect(coded(failure.issue)).toEqual({ code: 'importBusy', max: 1 });
        expect(response.headers.get('retry-after')).toBe('1');
      } else {
        expect(coded(failure.issue)).toEqual({ code: 'parseTimeout', max: 0.5 });
      }
    }
    expect(health.statuses.every((status) => status === 200)).toBe(true);
    // The two parses run one after the other until their 0.5 s limit, and health is probed
    // again 100 ms after each answer: it answers several times while they run. A parse that
    // held the event loop (as one did: buffered rows resolve as microtasks) lets at most one
    // probe through before the answers.
    expect(health.statuses.length).toBeGreaterThanOrEqual(4);
    // Once the queue is free, an import is taken again.
    const later = await fetch(`${server.url}/api/import/indicator-outcomes/preview?year=2015&format=csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: 'month;indicatorId;value\n2015-03;ind-heltid;70',
    });
    expect(later.status).toBe(200);
  });
});
