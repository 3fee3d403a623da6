/**
 * The field paths a document's history accepts, where each lives, and restoring one: for the
 * plan through its writers (recorded, a revision once adopted).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { InvalidChangeError } from './errors';
import { readFieldEdits } from './fieldEdits';
import { locateField, observeFieldAt, readFieldAt, restoreFieldAt } from './fieldPaths';
import type { DocumentRef } from './names';
import { seedPlan } from './plan';
import {
  addPlanEntity,
  adoptPlan,
  emptyPlan,
  PlanRevisionReasonRequired,
  readPlanRevisions,
} from './planAuthoring';

const PLAN: DocumentRef = { kind: 'plan', year: 2027 };
const REPORT: DocumentRef = {
  kind: 'report',
  period: '2027-03',
  reportKind: 'month',
  month: '2027-03',
  year: 2027,
  departmentId: 'hr',
};
const ASSIGNMENTS: DocumentRef = { kind: 'assignments', year: 2027 };
const AUTHOR = { username: 'kommunchef', displayName: 'Kommunchef' };

function planDoc(): Y.Doc {
  const doc = new Y.Doc();
  seedPlan(doc, emptyPlan({ year: 2027, municipality: 'Ale kommun' }));
  addPlanEntity(
    doc,
    'goals',
    { number: '1.1', focusAreaId: 'fokus-1', title: 'Fler heltider', ownerDepartmentIds: [] },
    { author: AUTHOR },
    'goal-1',
  );
  return doc;
}

describe('locateField', () => {
  it("accepts the plan's texts and entity fields, as the assignments' fields", () => {
    expect(locateField(PLAN, 'meta/mission')).toEqual({ kind: 'map', root: 'meta', key: 'mission' });
    expect(locateField(PLAN, 'goals/goal-1/title')).toEqual({
      kind: 'entity',
      root: 'goals',
      id: 'goal-1',
      key: 'title',
    });
    expect(locateField(PLAN, 'indicators/ind-1/targetPath')).toMatchObject({
      kind: 'entity',
      key: 'targetPath',
    });
    expect(locateField(ASSIGNMENTS, 'assignments/ka-1/status')).toMatchObject({
      kind: 'entity',
      key: 'status',
    });
    expect(locateField(REPORT, 'analysis:goal:goal-1')).toEqual({
      kind: 'text',
      root: 'analysis:goal:goal-1',
    });
    expect(locateField(REPORT, 'budget/forecastTkr')).toEqual({
      kind: 'map',
      root: 'budget',
      key: 'forecastTkr',
    });
  });

  it('refuses paths the document cannot hold', () => {
    for (const path of [
      'meta/adoption',
      'meta/year',
      'meta',
      'economicSummary/investments',
      'knownDiscrepancies/d1/description',
      'goals/goal-1/colour',
      'goals/goal-1/_position',
      'goals/goal-1/id',
      'goals/Goal One/title',
      'goals/goal-1/title/more',
      'assignments/ka-1/status',
    ]) {
      expect(locateField(PLAN, path), path).toBeNull();
    }
    expect(locateField(ASSIGNMENTS, 'goals/goal-1/title')).toBeNull();
    expect(locateField(ASSIGNMENTS, 'assignments/ka-1/id')).toBeNull();
    expect(locateField(REPORT, 'meta/status')).toBeNull();
    expect(locateField(PLAN, `meta/${'x'.repeat(300)}`)).toBeNull();
  });
});

describe('reading, observing and restoring a plan field', () => {
  it('reads the value, tells when it changes, and restores through the writers', () => {
    const doc = planDoc();
    const title = locateField(PLAN, 'goals/goal-1/title');
    const mission = locateField(PLAN, 'meta/mission');
    if (!title || !mission) throw new Error('no such field');
    expect(readFieldAt(doc, title)).toEqual({ value: 'Fler heltider' });

    let touched = 0;
    const stop = observeFieldAt(doc, title, () => touched++);
    const source = new Y.Doc();
    Y.applyUpdate(source, Y.encodeStateAsUpdate(doc));
    restoreFieldAt(doc, PLAN, mission, 'Vi gör Ale bättre', { author: AUTHOR, source });
    expect(touched).toBe(0);
    restoreFieldAt(doc, PLAN, title, 'Heltid som norm', { author: AUTHOR, source });
    expect(touched).toBe(1);
    stop();
    expect(readFieldAt(doc, title)).toEqual({ value: 'Heltid som norm' });
    expect(readFieldEdits(doc, 'goals/goal-1/title').map((edit) => edit.value)).toEqual([
      'Fler heltider',
      'Heltid som norm',
    ]);
    // A value the field does not take, and a deleted goal, are refused.
    expect(() => restoreFieldAt(doc, PLAN, title, null, { author: AUTHOR, source })).toThrow(
      InvalidChangeError,
    );
    const gone = locateField(PLAN, 'goals/goal-2/title');
    if (!gone) throw new Error('no such field');
    expect(() => restoreFieldAt(doc, PLAN, gone, 'x', { author: AUTHOR, source })).toThrow(
      InvalidChangeError,
    );

    adoptPlan(doc, {
      decisionRef: 'KF § 1',
      decidedOn: '2026-11-20',
      recordedBy: 'kommunchef',
      recordedByName: 'Kommunchef',
      recordedAt: '2026-11-21T09:00:00.000Z',
    });
    expect(() => restoreFieldAt(doc, PLAN, title, 'Fler heltider', { author: AUTHOR, source })).toThrow(
      PlanRevisionReasonRequired,
    );
    restoreFieldAt(doc, PLAN, title, 'Fler heltider', { author: AUTHOR, source, reason: 'Återställd' });
    expect(readPlanRevisions(doc)).toEqual([
      expect.objectContaining({ by: 'kommunchef', reason: 'Återställd', fields: ['goals/goal-1/title'] }),
    ]);
  });
});
