/**
 * Reads an uploaded table (CSV through papaparse, XLSX through exceljs' streaming reader) into
 * rows of trimmed strings keyed by the header row's (lower-cased) column names. Validation
 * happens afterwards, on strings, so both formats are judged by the same rules.
 *
 * An upload is hostile until read: a 1.4 MB XLSX can unpack to gigabytes of identical rows. So
 * a workbook's declared unpacked size is checked from the zip's central directory before any
 * parsing, both formats are read as a stream that stops at the first row past the cap, and a
 * parse that runs longer than its time limit is abandoned.
 */
import { PassThrough, type Readable, Transform } from 'node:stream';
import type { ImportFileIssueCode, ImportIssue } from '@foljsam/domain';
// Types only: the zip libraries load on the first XLSX upload, not with the server (unzipper
// alone is about a fifth of the server's module loading time).
import type JSZip from 'jszip';
import Papa from 'papaparse';
import type { Open } from 'unzipper';
import { unescapeCsvCell } from '../csv';
import { type ExcelJS, loadExcel } from '../spreadsheets';

export type TableFormat = 'csv' | 'xlsx';

/** The file cannot be read as a table at all (a 400, not a row error); `code` says why. */
export class TableFileError extends Error {
  constructor(
    readonly code: ImportFileIssueCode,
    readonly params: Omit<ImportIssue, 'code' | 'message'> = {},
    detail: string = code,
  ) {
    super(detail);
  }
}

export interface Table {
  headers: string[];
  rows: Record<string, string>[];
}

/** Most rows one import takes; a bigger file is refused as a whole. */
export const MAX_IMPORT_ROWS = 10_000;

/** What one parse may cost. */
export interface ParseLimits {
  /** Data rows taken; reading stops at the first row past it. */
  maxRows: number;
  /** Most bytes an XLSX may unpack to (the sum of its entries' sizes), checked before parsing. */
  maxUnpackedBytes: number;
  /** A parse still running after this is abandoned. */
  timeoutMs: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxRows: MAX_IMPORT_ROWS,
  maxUnpackedBytes: 64 * 1024 * 1024,
  timeoutMs: 30_000,
};

const normaliseHeader = (header: string) => header.trim().toLowerCase();

/** Reads `bytes` as a table within `limits`; throws a {@link TableFileError} for a file it refuses. */
export async function parseTable(
  bytes: Uint8Array,
  format: TableFormat,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Promise<Table> {
  const table = format === 'csv' ? parseCsv(bytes, limits) : await parseXlsx(bytes, limits);
  if (table.headers.length === 0) throw new TableFileError('noHeaderRow');
  return table;
}

/** Reading stopped at the first row past the cap, so how many there are is not known. */
const tooManyRows = (limits: ParseLimits) => new TableFileError('tooManyRows', { max: limits.maxRows });

function parseCsv(bytes: Uint8Array, limits: ParseLimits): Table {
  // A byte-order mark (Excel's "CSV UTF-8", and our own exports) is dropped by the decoder.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // A NUL is in no text table: a binary file (an XLSX or a PDF sent as CSV, say).
  if (text.includes('\u0000')) throw new TableFileError('unreadableCsv', {}, 'the file is binary');
  const rows: Record<string, string>[] = [];
  let fields: string[] = [];
  let delimiterError: string | undefined;
  let overCap = false;
  // The body limit bounds the text; the row cap bounds the rows kept, and a step callback
  // lets papaparse stop at the first row past it instead of building millions of objects.
  // Swedish Excel (and our export) writes ";" between fields; papaparse detects the delimiter.
  Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: normaliseHeader,
    transform: (value) => unescapeCsvCell(value).trim(),
    step: (result, parser) => {
      fields = result.meta.fields ?? fields;
      const delimiter = result.errors.find((e) => e.type === 'Delimiter');
      if (delimiter) delimiterError ??= delimiter.message;
      if (rows.length >= limits.maxRows) {
        overCap = true;
        parser.abort();
        return;
      }
      rows.push(result.data);
    },
  });
  if (overCap) throw tooManyRows(limits);
  if (delimiterError && rows.length === 0) throw new TableFileError('unreadableCsv', {}, delimiterError);
  return { headers: fields.filter(Boolean), rows };
}

/** A cell as the text a person sees in it; dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

/**
 * Refuses a workbook that declares more unpacked bytes than allowed, from the zip's central
 * directory alone (nothing is inflated yet): the cheap answer to an honest zip bomb.
 */
async function checkDeclaredSize(bytes: Uint8Array, maxBytes: number): Promise<void> {
  let directory: Awaited<ReturnType<typeof Open.buffer>>;
  try {
    const { Open } = await import('unzipper');
    directory = await Open.buffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new TableFileError('unreadableXlsx', {}, (error as Error).message);
  }
  let total = 0;
  for (const file of directory.files) total += file.uncompressedSize;
  if (total > maxBytes) throw unpackedTooLarge(maxBytes, `the workbook declares ${total} unpacked bytes`);
}

const unpackedTooLarge = (maxBytes: number, detail: string) =>
  new TableFileError('tooLargeUnpacked', { max: maxBytes }, detail);

/** Parts exceljs' streaming reader must see before any sheet, or it parks sheets in temp files. */
const READ_FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];

/**
 * The workbook as a zip stream for exceljs' streaming reader: the parts it needs first moved to
 * the front (Excel writes sheets before the shared strings, and the reader would otherwise copy
 * each sheet to a temp file, which it leaves behind when reading stops early), entries stored
 * rather than compressed again, and the bytes actually inflated counted, so a zip that lies
 * about its sizes stops at `maxBytes` too.
 */
async function repackForStreaming(bytes: Uint8Array, maxBytes: number): Promise<NodeJS.ReadableStream> {
  const { default: JSZip } = await import('jszip');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new TableFileError('unreadableXlsx', {}, (error as Error).message);
  }
  const rank = (name: string) => {
    const index = READ_FIRST.indexOf(name);
    return index === -1 ? READ_FIRST.length : index;
  };
  const files = Object.values(zip.files)
    .filter((file) => !file.dir)
    .sort((a, b) => rank(a.name) - rank(b.name));
  const repacked = new JSZip();
  let inflated = 0;
  for (const file of files) {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        inflated += chunk.length;
        if (inflated > maxBytes)
          done(unpackedTooLarge(maxBytes, `the workbook unpacks to over ${maxBytes} bytes`));
        else done(null, chunk);
      },
    });
    repacked.file(file.name, file.nodeStream('nodebuffer').pipe(counter) as unknown as NodeJS.ReadableStream);
  }
  return repacked.generateNodeStream({ compression: 'STORE', streamFiles: false });
}

async function parseXlsx(bytes: Uint8Array, limits: ParseLimits): Promise<Table> {
  await checkDeclaredSize(bytes, limits.maxUnpackedBytes);
  const repacked = await repackForStreaming(bytes, limits.maxUnpackedBytes);
  // JSZip's stream is an old readable-stream one; exceljs wants a Node stream.
  const input = new PassThrough();
  repacked.on('error', (error: Error) => input.destroy(error));
  repacked.pipe(input);
  const ExcelJS = await loadExcel();
  // Shared strings and styles (for dates) are cached; rows stream and are never all in memory.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TableFileError('parseTimeout', { max: limits.timeoutMs / 1000 })),
      limits.timeoutMs,
    );
  });
  try {
    return await Promise.race([readFirstSheet(reader, limits), timedOut]);
  } catch (error) {
    if (error instanceof TableFileError) throw error;
    throw new TableFileError('unreadableXlsx', {}, (error as Error).message);
  } finally {
    clearTimeout(timer);
    // Stops the unpacking of whatever the reader had not reached (after the cap or a timeout).
    repacked.unpipe(input);
    (repacked as Readable).destroy?.();
    input.destroy();
  }
}

/** Rows read between two yields to the event loop. */
const YIELD_EVERY_ROWS = 2_000;

async function readFirstSheet(
  reader: ExcelJS.stream.xlsx.WorkbookReader,
  limits: ParseLimits,
): Promise<Table> {
  const deadline = performance.now() + limits.timeoutMs;
  let seen = 0;
  for await (const sheet of reader) {
    const headers: string[] = [];
    const rows: Record<string, string>[] = [];
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      // Buffered rows arrive as resolved promises, which never give timers or sockets a turn:
      // yield now and then, so health answers and the time limit is seen (empty rows too).
      if (++seen % YIELD_EVERY_ROWS === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (performance.now() > deadline)
          throw new TableFileError('parseTimeout', { max: limits.timeoutMs / 1000 });
      }
      if (row.number === 1) {
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          headers[column - 1] = normaliseHeader(cellText(cell.value));
        });
        continue;
      }
      const record: Record<string, string> = {};
      let empty = true;
      headers.forEach((header, i) => {
        if (!header) return;
        const text = cellText(row.getCell(i + 1).value).trim();
        if (text) empty = false;
        record[header] = text;
      });
      if (empty) continue;
      if (rows.length >= limits.maxRows) throw tooManyRows(limits);
      rows.push(record);
    }
    // Only the first sheet is read, as before.
    return { headers: headers.filter(Boolean), rows };
  }
  throw new TableFileError('noSheet');
}
