/**
 * Import of assignments and indicator outcomes from CSV or XLSX, in two steps, so nothing is
 * written before the user has seen every row's verdict and confirmed:
 *
 * - `POST /api/import/:kind/preview?year=&format=csv|xlsx` (the file is the request body) →
 *   `{ kind, total, valid, invalid, rows: [{ line, cells, errors }] }`; writes nothing. Each
 *   error is an issue with a stable code, its parameters and an English message
 *   (`ImportIssue`, packages/domain importIssues.ts), which the client renders in its language.
 * - `POST /api/import/:kind/apply?year=&format=&mode=valid|all` (the same file again) →
 *   `{ applied, skipped }`. `mode=all` refuses (422, with the rows' errors) if any row has an
 *   error: all or nothing. `mode=valid` writes the valid rows and skips the rest.
 *
 * A refused request answers `{ error, issue }`: `error` in English, `issue` coded the same way
 * (unreadable file, missing columns, too large, too many rows, no plan, role, …).
 *
 * `kind` is `assignments` (kommunchef, admin) or `indicator-outcomes` (kommunchef, admin, and a
 * department head for the indicators their department owns). A row for an approved (godkänd)
 * report is an error in the preview, and the apply of such a file is refused with 409: an
 * approved month is frozen. Changes go through `SyncDocument.change`: stored under the importing
 * user, then sent to everyone who has the document open. Each document gets the whole import in
 * one change (one Yjs transaction, one stored update), so a server killed mid-apply leaves a
 * document with all of its rows or none. Outcomes for several reports are several documents:
 * each report is all or nothing, and the import stops at a report approved meanwhile.
 *
 * Reading a file is bounded (import/parseTable.ts: unpacked size, row cap, time limit) and only
 * `concurrency` files are read at once with a short queue behind them; past it the answer is
 * 429 with Retry-After, so a few hostile workbooks cannot starve everyone else.
 */
import {
  addAssignment,
  assignmentsDocumentName,
  type CouncilAssignment,
  type ImportKind,
  importKind,
  importKindsFor,
  planDocumentName,
  readAssignment,
  readPlan,
  readReport,
  reportDocumentName,
  setAssignmentStatus,
  setIndicatorOutcome,
  updateAssignment,
} from '@foljsam/domain';
import { Semaphore } from 'async-mutex';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import { importFailure, importIssue } from '../import/issues';
import {
  DEFAULT_PARSE_LIMITS,
  MAX_IMPORT_ROWS,
  parseTable,
  TableFileError,
  type TableFormat,
} from '../import/parseTable';
import {
  missingColumns,
  type OutcomeRow,
  type RowVerdict,
  validateAssignmentRows,
  validateOutcomeRows,
} from '../import/validateRows';
import type { User } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';
import { MAX_UPLOAD_BYTES } from '../uploadLimit';

/** Largest file accepted: the server's one body limit. */
const MAX_IMPORT_BYTES = MAX_UPLOAD_BYTES;

/** How import files are read: limits of one parse, and how many run or wait at once. */
export interface ImportParseOptions {
  maxUnpackedBytes: number;
  timeoutMs: number;
  concurrency: number;
  queue: number;
}

const DEFAULT_PARSE_OPTIONS: ImportParseOptions = {
  maxUnpackedBytes: DEFAULT_PARSE_LIMITS.maxUnpackedBytes,
  timeoutMs: DEFAULT_PARSE_LIMITS.timeoutMs,
  concurrency: 1,
  queue: 4,
};

const query = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  format: z.enum(['csv', 'xlsx']),
  mode: z.enum(['valid', 'all']).optional(),
});

type Verdict = RowVerdict<CouncilAssignment> | RowVerdict<OutcomeRow>;

const isManager = (user: User) => user.role === 'kommunchef' || user.role === 'admin';

/** The import routes; `parse` bounds the reading of uploaded files. */
export function importRoutes(
  sessions: SessionService,
  registry: DocumentRegistry,
  parse: ImportParseOptions = DEFAULT_PARSE_OPTIONS,
) {
  const limits = {
    maxRows: MAX_IMPORT_ROWS,
    maxUnpackedBytes: parse.maxUnpackedBytes,
    timeoutMs: parse.timeoutMs,
  };
  const parsing = new Semaphore(parse.concurrency);
  /** Parses running or waiting: admission is decided on this, the semaphore does the queueing. */
  let admitted = 0;
  // A refused client should come back after about one parse's worst case, not hammer at once.
  const retryAfterSeconds = Math.max(1, Math.ceil(parse.timeoutMs / 1000));

  /** Reads and judges the uploaded file; a Response when the request itself is refused. */
  async function judge(
    c: Context<AuthEnv>,
  ): Promise<
    | Response
    | { kind: ImportKind; year: number; mode: 'valid' | 'all'; verdicts: Verdict[]; approvedRows: number }
  > {
    const kind = importKind.safeParse(c.req.param('kind'));
    if (!kind.success) return c.json(importFailure('unknownKind'), 404);
    const params = query.safeParse(c.req.query());
    if (!params.success) {
      return c.json(importFailure('badRequest', {}, { details: z.prettifyError(params.error) }), 400);
    }
    const user = c.get('user');
    if (!importKindsFor(user.role).includes(kind.data)) {
      const error =
        kind.data === 'assignments'
          ? 'only the kommunchef and administrators import assignments'
          : 'your role may not import indicator outcomes';
      return c.json({ ...importFailure('forbidden'), error }, 403);
    }
    const { year, format } = params.data;
    const plan = await registry.use(planDocumentName(year), (document) => readPlan(document.doc));
    if (!plan) return c.json(importFailure('noPlan', { year }), 404);
    if (admitted >= parse.concurrency + parse.queue) {
      c.header('retry-after', String(retryAfterSeconds));
      return c.json(importFailure('importBusy', { max: retryAfterSeconds }), 429);
    }
    let table: Awaited<ReturnType<typeof parseTable>>;
    admitted++;
    try {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      table = await parsing.runExclusive(() => parseTable(bytes, format as TableFormat, limits));
    } catch (error) {
      if (error instanceof TableFileError) {
        const failure = importFailure(error.code, error.params);
        // The parser's own words (exceljs', papaparse's) help an API user; the code says the rest.
        if (error.message !== error.code) failure.error = `${failure.error}: ${error.message}`;
        return c.json(failure, 400);
      }
      throw error;
    } finally {
      admitted--;
    }
    const missing = missingColumns(kind.data, table.headers);
    if (missing.length > 0) return c.json(importFailure('missingColumns', { columns: missing }), 400);
    const departmentName = (id: string) => plan.departments.find((d) => d.id === id)?.name ?? id;
    let approvedRows = 0;
    let verdicts: Verdict[];
    if (kind.data === 'assignments') {
      verdicts = validateAssignmentRows(table.rows, plan);
    } else {
      const outcomes = validateOutcomeRows(table.rows, plan);
      // A department head reports only for the indicators their department owns.
      if (!isManager(user)) {
        for (const row of outcomes) {
          if (row.value && row.value.departmentId !== user.departmentId) {
            const { departmentId } = row.value;
            row.errors.push(
              importIssue('otherDepartment', { departmentId, departmentName: departmentName(departmentId) }),
            );
            row.value = null;
          }
        }
      }
      const statuses = await reportStatuses(outcomes);
      for (const row of outcomes) {
        if (
          row.value &&
          statuses.get(reportDocumentName(row.value.month, row.value.departmentId)) === 'godkand'
        ) {
          const { month, departmentId } = row.value;
          row.errors.push(
            importIssue('reportApproved', {
              month,
              departmentId,
              departmentName: departmentName(departmentId),
            }),
          );
          row.value = null;
          approvedRows++;
        }
      }
      verdicts = outcomes;
    }
    return { kind: kind.data, year, mode: params.data.mode ?? 'all', verdicts, approvedRows };
  }

  /** The status of each report the rows write to. */
  async function reportStatuses(rows: RowVerdict<OutcomeRow>[]): Promise<Map<string, string>> {
    const names = new Map<string, { month: string; departmentId: string }>();
    for (const row of rows) {
      if (row.value) names.set(reportDocumentName(row.value.month, row.value.departmentId), row.value);
    }
    const statuses = new Map<string, string>();
    for (const [name, { month, departmentId }] of names) {
      statuses.set(
        name,
        await registry.use(name, (document) => readReport(document.doc, month, departmentId).status),
      );
    }
    return statuses;
  }

  async function applyAssignments(user: User, year: number, rows: CouncilAssignment[]): Promise<void> {
    await registry.use(assignmentsDocumentName(year), (document) =>
      // One change for every row: all of them are stored together or not at all.
      document.change(user.id, (doc) => {
        for (const row of rows) {
          const current = readAssignment(doc, row.id);
          if (!current) {
            addAssignment(doc, row);
            continue;
          }
          const { id, status, ...fields } = row;
          updateAssignment(doc, id, fields, user);
          setAssignmentStatus(doc, id, status, user);
        }
      }),
    );
  }

  /** Writes outcomes report by report; returns false (writing nothing more) if one turned approved meanwhile. */
  async function applyOutcomes(user: User, rows: OutcomeRow[]): Promise<boolean> {
    const byReport = new Map<string, OutcomeRow[]>();
    for (const row of rows) {
      const name = reportDocumentName(row.month, row.departmentId);
      const list = byReport.get(name);
      if (list) list.push(row);
      else byReport.set(name, [row]);
    }
    for (const [name, reportRows] of byReport) {
      const first = reportRows[0] as OutcomeRow;
      const written = await registry.use(name, async (document) => {
        if (readReport(document.doc, first.month, first.departmentId).status === 'godkand') return false;
        // One change per report: its rows are stored together or not at all.
        await document.change(user.id, (doc) => {
          for (const row of reportRows) setIndicatorOutcome(doc, row.indicatorId, row.value, user);
        });
        return true;
      });
      if (!written) return false;
    }
    return true;
  }

  return new Hono<AuthEnv>()
    .use('*', requireSession(sessions))
    .use(
      '*',
      bodyLimit({
        maxSize: MAX_IMPORT_BYTES,
        onError: (c) => c.json(importFailure('tooLarge', { max: MAX_IMPORT_BYTES }), 413),
      }),
    )
    .post('/:kind/preview', async (c) => {
      const judged = await judge(c);
      if (judged instanceof Response) return judged;
      const invalid = judged.verdicts.filter((v) => v.errors.length > 0).length;
      return c.json(
        {
          kind: judged.kind,
          total: judged.verdicts.length,
          valid: judged.verdicts.length - invalid,
          invalid,
          rows: judged.verdicts.map(({ line, cells, errors }) => ({ line, cells, errors })),
        },
        200,
      );
    })
    .post('/:kind/apply', async (c) => {
      const judged = await judge(c);
      if (judged instanceof Response) return judged;
      if (judged.approvedRows > 0) {
        return c.json(importFailure('approvedMonth'), 409);
      }
      const failing = judged.verdicts.filter((v) => v.errors.length > 0);
      if (judged.mode === 'all' && failing.length > 0) {
        return c.json(
          importFailure(
            'rowsHaveErrors',
            { count: failing.length },
            { rows: failing.map(({ line, errors }) => ({ line, errors })) },
          ),
          422,
        );
      }
      const user = c.get('user');
      if (judged.kind === 'assignments') {
        const rows = judged.verdicts.flatMap((v) => (v.value ? [v.value as CouncilAssignment] : []));
        await applyAssignments(user, judged.year, rows);
        return c.json({ applied: rows.length, skipped: failing.length }, 200);
      }
      const rows = judged.verdicts.flatMap((v) => (v.value ? [v.value as OutcomeRow] : []));
      if (!(await applyOutcomes(user, rows))) {
        return c.json(importFailure('approvedDuringImport'), 409);
      }
      return c.json({ applied: rows.length, skipped: failing.length }, 200);
    });
}
