/**
 * The local SQL views on a real PGlite: the rows derived from a document, and the
 * assignments list query, which must answer as the in-memory list does (same filters,
 * same search, same order) for any view, checked over random views and edits (seeded).
 */

import { PGlite } from '@electric-sql/pglite';
import {
  assignmentsDocumentName,
  assignmentsViewAnswerQuery,
  assignmentsViewQuery,
  deleteAssignment,
  LOCAL_VIEWS_DDL,
  localViewState,
  type ProgressStatus,
  readAssignments,
  refreshLocalViews,
  reportDocumentName,
  seedAssignments,
  setAssignmentStatus,
  setIndicatorOutcome,
  setReportStatus,
  updateAssignment,
} from '@foljsam/domain';
import { councilAssignments2015 } from '@foljsam/domain/seed';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyView, type BoardView } from '../../client/src/components/assignments/boardView';
import { asAuthor } from '../support/authors';

const SEED = Number(process.env.LOCAL_VIEWS_SEED ?? 1_504);

describe('local SQL views on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.exec(LOCAL_VIEWS_DDL);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('holds a report document as indicator values and a status, and follows its changes', async () => {
    const doc = new Y.Doc();
    const name = reportDocumentName('2015-03', 'hr');
    setIndicatorOutcome(doc, 'ind-a', 12.5, asAuthor('test'));
    setIndicatorOutcome(doc, 'ind-b', null, asAuthor('test'));
    setReportStatus(doc, 'inskickad', 'chef-hr');
    await refreshLocalViews(db, name, doc);
    expect(
      (await db.query('select indicator_id, value from view_indicator_values order by indicator_id')).rows,
    ).toEqual([
      { indicator_id: 'ind-a', value: 12.5 },
      { indicator_id: 'ind-b', value: null },
    ]);
    setIndicatorOutcome(doc, 'ind-a', 13, asAuthor('test'));
    doc.getMap('indicatorOutcomes').delete('ind-b');
    await refreshLocalViews(db, name, doc);
    expect((await db.query('select indicator_id, value from view_indicator_values')).rows).toEqual([
      { indicator_id: 'ind-a', value: 13 },
    ]);
    expect((await db.query('select month, department_id, status from view_report_statuses')).rows).toEqual([
      { month: '2015-03', department_id: 'hr', status: 'inskickad' },
    ]);
  });

  it('answers the assignments list as the in-memory list does, for random views and edits', async () => {
    const statuses: ProgressStatus[] = ['ej-paborjad', 'pagar', 'klar'];
    const departments = [...new Set(councilAssignments2015.map((a) => a.departmentId))];
    const view = fc.record({
      department: fc.constantFrom<string | null>(null, '_ingen', ...departments.filter((d) => d !== null)),
      status: fc.constantFrom<ProgressStatus | null>(null, ...statuses),
      search: fc.constantFrom('', 'elbil', 'ÅTERRAPPORT', 'och', ' utred ', 'zzz', 'ä'),
      sort: fc.constantFrom<'slutdatum' | 'status' | null>(null, 'slutdatum', 'status'),
      descending: fc.boolean(),
    });
    const edit = fc.record({
      index: fc.nat({ max: councilAssignments2015.length - 1 }),
      status: fc.constantFrom(...statuses),
      note: fc.constantFrom('', 'Återrapport i juni', 'ÄNDRAT', 'elbilspool klar'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { maxLength: 6 }), view, async (edits, wanted) => {
        const doc = new Y.Doc();
        seedAssignments(doc, councilAssignments2015);
        for (const { index, status, note } of edits) {
          const id = councilAssignments2015[index]?.id as string;
          setAssignmentStatus(doc, id, status, asAuthor('test'));
          updateAssignment(doc, id, { progressNote: note }, asAuthor('test'));
        }
        await refreshLocalViews(db, assignmentsDocumentName(2015), doc);
        const { sql, params } = assignmentsViewQuery({ year: 2015, ...wanted });
        const fromSql = (await db.query<{ id: string }>(sql, params)).rows.map((row) => row.id);
        // The list's query with the state it was built from: the same ids, and this doc's state.
        const answer = assignmentsViewAnswerQuery({ year: 2015, ...wanted });
        const answered = (await db.query<{ state: string; id: string | null }>(answer.sql, answer.params))
          .rows;
        expect(answered.flatMap((row) => (row.id === null ? [] : [row.id]))).toEqual(fromSql);
        expect(new Set(answered.map((row) => row.state))).toEqual(new Set([localViewState(doc)]));
        const boardView: BoardView = { ...wanted, due: null, group: null };
        const inMemory = applyView(readAssignments(doc), boardView, {
          today: '2015-06-30',
          departmentName: (id) => id ?? '',
        }).map((a) => a.id);
        expect(fromSql).toEqual(inMemory);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('records the document state the rows were built from, which any change alters and equal copies share', async () => {
    const name = assignmentsDocumentName(2016);
    const query = { year: 2016, department: null, status: null, search: '', sort: null, descending: false };
    const answer = assignmentsViewAnswerQuery(query);
    const read = async () =>
      (await db.query<{ state: string; id: string | null }>(answer.sql, answer.params)).rows;
    // Never built: no answer at all (not an empty list).
    expect(await read()).toEqual([]);

    const doc = new Y.Doc();
    seedAssignments(doc, councilAssignments2015);
    await refreshLocalViews(db, name, doc);
    const built = localViewState(doc);
    expect((await read()).map((row) => row.state)).toEqual(councilAssignments2015.map(() => built));
    // Another copy with the same changes has the same state (another tab, the background copy).
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(localViewState(copy)).toBe(built);

    // A status change and a delete (which leaves the state vector as it was) each change it.
    setAssignmentStatus(doc, 'ka-2015-1', 'klar', asAuthor('test'));
    const afterStatus = localViewState(doc);
    expect(afterStatus).not.toBe(built);
    const vector = Y.encodeStateVector(doc);
    deleteAssignment(doc, 'ka-2015-2');
    expect(Y.encodeStateVector(doc)).toEqual(vector);
    expect(localViewState(doc)).not.toBe(afterStatus);
    // Until the rebuild, the view still says it holds the old state.
    expect((await read())[0]?.state).toBe(built);
    await refreshLocalViews(db, name, doc);
    const rows = await read();
    expect(rows.map((row) => row.id)).not.toContain('ka-2015-2');
    expect(new Set(rows.map((row) => row.state))).toEqual(new Set([localViewState(doc)]));

    // Nothing matches: one row with the state and no id, so "empty" is an answer of its own.
    const none = assignmentsViewAnswerQuery({ ...query, search: 'zzz' });
    expect((await db.query(none.sql, none.params)).rows).toEqual([{ state: localViewState(doc), id: null }]);
  });
});
