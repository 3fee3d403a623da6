/**
 * Local SQL views (lokala vyer): plain tables derived from the Yjs documents, so a client's
 * local database can filter, sort and search with SQL. The documents stay the truth; these
 * rows are rebuilt from a document whenever it changes (all rows of that document in one
 * transaction), so two clients holding equal documents hold equal rows.
 *
 * Pure data and SQL text only: the client runs it on PGlite in the browser, tests on PGlite
 * in Node.
 */
import * as Y from 'yjs';
import { readAssignments } from './documents/assignments';
import { assignmentsDocumentName, parseDocumentName } from './documents/names';
import { readReport } from './documents/report';

/** Creates the view tables (idempotent). */
export const LOCAL_VIEWS_DDL = `
create table if not exists view_assignments (
  year integer not null,
  id text not null,
  title text not null,
  description text not null,
  decision_ref text not null,
  start_date date not null,
  end_date date not null,
  department_id text,
  responsible_person text not null,
  status text not null,
  progress_note text not null,
  -- the plan's order (readAssignments), for a stable order and ties
  position integer not null,
  -- title, description and progress note lower-cased the Swedish way (PGlite has no sv collation)
  search_text text not null,
  primary key (year, id)
);
-- "month" holds the report's period id: YYYY-MM, or YYYY-T1, YYYY-T2, YYYY-VB for the tertial
-- and year-end reports (named before those existed; kept so devices' tables need no migration)
create table if not exists view_indicator_values (
  month text not null,
  department_id text not null,
  indicator_id text not null,
  value double precision,
  primary key (month, department_id, indicator_id)
);
create table if not exists view_report_statuses (
  month text not null,
  department_id text not null,
  status text not null,
  return_comment text not null,
  primary key (month, department_id)
);
-- which state of each document its rows above were built from (localViewState), written in
-- the same transaction as the rows: a reader compares it with its own copy of the document
create table if not exists view_sources (
  doc_name text primary key,
  state text not null
);
`;

/** One row of `view_assignments`. */
export interface AssignmentRow {
  year: number;
  id: string;
  title: string;
  description: string;
  decision_ref: string;
  start_date: string;
  end_date: string;
  department_id: string | null;
  responsible_person: string;
  status: string;
  progress_note: string;
  position: number;
  search_text: string;
}

/** One row of `view_indicator_values`: an indicator's outcome (utfall) for a period and department. */
export interface IndicatorValueRow {
  /** The report's period id (`YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`), not only months. */
  month: string;
  department_id: string;
  indicator_id: string;
  value: number | null;
}

/** One row of `view_report_statuses`. */
export interface ReportStatusRow {
  /** The report's period id (`YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`), not only months. */
  month: string;
  department_id: string;
  status: string;
  return_comment: string;
}

/** The rows a document contributes, per view table. */
export interface LocalViewRows {
  assignments: AssignmentRow[];
  indicatorValues: IndicatorValueRow[];
  reportStatuses: ReportStatusRow[];
}

/** Derives a document's rows from its content (empty for a plan, or a name of no known form). */
export function deriveLocalViewRows(docName: string, doc: Y.Doc): LocalViewRows {
  const rows: LocalViewRows = { assignments: [], indicatorValues: [], reportStatuses: [] };
  const ref = parseDocumentName(docName);
  if (ref?.kind === 'assignments') {
    rows.assignments = readAssignments(doc).map((a, position) => ({
      year: ref.year,
      id: a.id,
      title: a.title,
      description: a.description,
      decision_ref: a.decisionRef,
      start_date: a.startDate,
      end_date: a.endDate,
      department_id: a.departmentId,
      responsible_person: a.responsiblePerson,
      status: a.status,
      progress_note: a.progressNote,
      position,
      search_text: searchText([a.title, a.description, a.progressNote]),
    }));
  } else if (ref?.kind === 'report') {
    // Keyed by the period, not its last month: the T1 report must not replace April's rows.
    const report = readReport(doc, ref.period, ref.departmentId);
    rows.indicatorValues = Object.entries(report.indicatorOutcomes).map(([indicatorId, value]) => ({
      month: ref.period,
      department_id: ref.departmentId,
      indicator_id: indicatorId,
      value,
    }));
    // A report nobody has touched has no row: "not started" is the absence of one.
    if (doc.store.clients.size > 0) {
      rows.reportStatuses = [
        {
          month: ref.period,
          department_id: ref.departmentId,
          status: report.status,
          return_comment: report.returnComment,
        },
      ];
    }
  }
  return rows;
}

/** Lower-cased the Swedish way, joined: what a search matches against. */
function searchText(parts: string[]): string {
  return parts.map((part) => part.toLocaleLowerCase('sv')).join('\n');
}

/** A parameterised SQL statement. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * The statements that make the view tables hold exactly `rows` for `docName`: delete the
 * document's rows, insert (upsert) the new ones. Run them in one transaction.
 */
export function localViewStatements(docName: string, rows: LocalViewRows): SqlStatement[] {
  const ref = parseDocumentName(docName);
  if (!ref) return [];
  const statements: SqlStatement[] = [];
  if (ref.kind === 'assignments') {
    statements.push({ sql: 'delete from view_assignments where year = $1', params: [ref.year] });
    for (const row of rows.assignments) {
      statements.push({
        sql: `insert into view_assignments (year, id, title, description, decision_ref, start_date, end_date,
                department_id, responsible_person, status, progress_note, position, search_text)
              values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
              on conflict (year, id) do update set title = excluded.title, description = excluded.description,
                decision_ref = excluded.decision_ref, start_date = excluded.start_date, end_date = excluded.end_date,
                department_id = excluded.department_id, responsible_person = excluded.responsible_person,
                status = excluded.status, progress_note = excluded.progress_note, position = excluded.position,
                search_text = excluded.search_text`,
        params: [
          row.year,
          row.id,
          row.title,
          row.description,
          row.decision_ref,
          row.start_date,
          row.end_date,
          row.department_id,
          row.responsible_person,
          row.status,
          row.progress_note,
          row.position,
          row.search_text,
        ],
      });
    }
  } else if (ref.kind === 'report') {
    const key = [ref.period, ref.departmentId];
    statements.push({
      sql: 'delete from view_indicator_values where month = $1 and department_id = $2',
      params: key,
    });
    statements.push({
      sql: 'delete from view_report_statuses where month = $1 and department_id = $2',
      params: key,
    });
    for (const row of rows.indicatorValues) {
      statements.push({
        sql: `insert into view_indicator_values (month, department_id, indicator_id, value) values ($1, $2, $3, $4)
              on conflict (month, department_id, indicator_id) do update set value = excluded.value`,
        params: [row.month, row.department_id, row.indicator_id, row.value],
      });
    }
    for (const row of rows.reportStatuses) {
      statements.push({
        sql: `insert into view_report_statuses (month, department_id, status, return_comment) values ($1, $2, $3, $4)
              on conflict (month, department_id) do update set status = excluded.status,
                return_comment = excluded.return_comment`,
        params: [row.month, row.department_id, row.status, row.return_comment],
      });
    }
  }
  return statements;
}

/** The part of a PGlite (or pg) client the views need: a transaction with parameterised queries. */
export interface SqlTransactionRunner {
  transaction<T>(
    run: (tx: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> }) => Promise<T>,
  ): Promise<T>;
}

/**
 * A short key of a document's state: equal for two copies holding the same changes, different
 * after any change, deletions included. It hashes the Yjs snapshot (state vector and delete
 * set), which Yjs encodes in a fixed order; a state vector alone misses a change that only
 * deletes (removing an assignment).
 */
export function localViewState(doc: Y.Doc): string {
  return hash64(Y.encodeSnapshot(Y.snapshot(doc)));
}

/** Two 32-bit FNV-1a variants over the bytes, as 16 hex digits (not cryptographic: a cache key). */
function hash64(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ bytes.length;
  for (const byte of bytes) {
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * Rebuilds a document's rows in the view tables, in one transaction, and records there which
 * state of the document they were built from (`view_sources`). Rows and state are read from the
 * document together before the first await, so they always match. Nothing is written when the
 * tables already hold that state (another copy of the document in this browser rebuilt them,
 * or a reload changed nothing): a rewrite would only wake every reader of the views.
 */
export async function refreshLocalViews(
  db: SqlTransactionRunner,
  docName: string,
  doc: Y.Doc,
): Promise<void> {
  const statements = localViewStatements(docName, deriveLocalViewRows(docName, doc));
  if (statements.length === 0) return;
  const state = localViewState(doc);
  statements.push({
    sql: `insert into view_sources (doc_name, state) values ($1, $2)
          on conflict (doc_name) do update set state = excluded.state`,
    params: [docName, state],
  });
  await db.transaction(async (tx) => {
    const { rows } = await tx.query('select state from view_sources where doc_name = $1', [docName]);
    if ((rows[0] as { state?: string } | undefined)?.state === state) return;
    for (const { sql, params } of statements) await tx.query(sql, params);
  });
}

/** Reads every view table in a fixed order (for comparing two local databases). */
export const LOCAL_VIEWS_DUMP = {
  assignments: 'select * from view_assignments order by year, id',
  indicatorValues: 'select * from view_indicator_values order by month, department_id, indicator_id',
  reportStatuses: 'select * from view_report_statuses order by month, department_id',
} as const;

/** Filters and an order of the assignments list that SQL can answer. */
export interface AssignmentsViewQuery {
  year: number;
  /** A department id, `_ingen` for unassigned, or null for all. */
  department: string | null;
  status: string | null;
  search: string;
  /** Sorted in SQL: end date or workflow status; anything else keeps the plan's order. */
  sort: 'slutdatum' | 'status' | null;
  descending: boolean;
}

/**
 * The SQL of the assignments list: ids of the matching assignments in order (ties and no
 * sort: the plan's order). Searching matches title, description and progress note, case-
 * insensitive the Swedish way, like the in-memory list.
 */
export function assignmentsViewQuery(query: AssignmentsViewQuery): SqlStatement {
  const { where, params, order } = assignmentsViewParts(query);
  return { sql: `select id from view_assignments where ${where} order by ${order}`, params };
}

/**
 * The assignments list with the state of the document its rows were built from, read in one
 * statement so the two belong together: rows of `{ state, id }`, one row with a null id when
 * nothing matches, none at all before the view was first built.
 */
export function assignmentsViewAnswerQuery(query: AssignmentsViewQuery): SqlStatement {
  const { where, params, order } = assignmentsViewParts(query);
  params.push(assignmentsDocumentName(query.year));
  return {
    sql: `select s.state, a.id from view_sources s left join view_assignments a on ${where}
          where s.doc_name = $${params.length} order by ${order}`,
    params,
  };
}

function assignmentsViewParts(query: AssignmentsViewQuery): {
  where: string;
  params: unknown[];
  order: string;
} {
  const params: unknown[] = [query.year];
  const where = ['year = $1'];
  if (query.department === '_ingen') where.push('department_id is null');
  else if (query.department !== null) {
    params.push(query.department);
    where.push(`department_id = $${params.length}`);
  }
  if (query.status !== null) {
    params.push(query.status);
    where.push(`status = $${params.length}`);
  }
  const needle = query.search.trim().toLocaleLowerCase('sv');
  if (needle) {
    params.push(needle);
    where.push(`strpos(search_text, $${params.length}) > 0`);
  }
  const direction = query.descending ? 'desc' : 'asc';
  const order =
    query.sort === 'slutdatum'
      ? `end_date ${direction}, position`
      : query.sort === 'status'
        ? `case status when 'ej-paborjad' then 0 when 'pagar' then 1 else 2 end ${direction}, position`
        : 'position';
  return { where: where.join(' and '), params, order };
}
