/**
 * The local SQL views on a real PGlite: the rows derived from a document, and the
 * assignments list query, which must answer as the in-memory list does (same filters,
 * same search, same order) for any view, checked over random views and edits (seeded).
 */

import { PGlite } from '@electric-sql/pglite';
import {
  assignmentsDocumentName,
  assignmentsViewQuery,
  LOCAL_VIEWS_DDL,
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
});
