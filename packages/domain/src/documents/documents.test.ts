import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { councilAssignments2015, plan2015 } from '../plan2015';
import {
  addAssignment,
  deleteAssignment,
  readAssignment,
  readAssignments,
  readStatusHistory,
  seedAssignments,
  setAssignmentStatus,
  updateAssignment,
} from './assignments';
import { InvalidChangeError } from './errors';
import { formatDocumentName, parseDocumentName } from './names';
import { isPlanEmpty, readPlan, seedPlan } from './plan';
import {
  budgetDeviationTkr,
  readReport,
  reportText,
  setIndicatorOutcome,
  setItemStatus,
  setReportBudget,
  setReportStatus,
} from './report';

const KOMMUNCHEF = { username: 'kommunchef', displayName: 'Kommunchef' };
const CHEF_HR = { username: 'chef-hr', displayName: 'Avdelningschef HR' };

/** Two replicas that exchange everything, as two clients through the server would. */
function replicas(): [Y.Doc, Y.Doc, () => void] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return [a, b, sync];
}

describe('document names', () => {
  it.each([
    ['plan:2015', { kind: 'plan', year: 2015 }],
    ['assignments:2015', { kind: 'assignments', year: 2015 }],
    [
      'report:2015-03:hr',
      {
        kind: 'report',
        period: '2015-03',
        reportKind: 'month',
        month: '2015-03',
        year: 2015,
        departmentId: 'hr',
      },
    ],
    [
      'report:2015-T2:hr',
      {
        kind: 'report',
        period: '2015-T2',
        reportKind: 'tertial',
        month: '2015-08',
        year: 2015,
        departmentId: 'hr',
      },
    ],
    [
      'report:2015-VB:hr',
      {
        kind: 'report',
        period: '2015-VB',
        reportKind: 'year',
        month: '2015-12',
        year: 2015,
        departmentId: 'hr',
      },
    ],
    ['boardSummary:2015-03', { kind: 'boardSummary', period: '2015-03', year: 2015 }],
    ['boardSummary:2015-T1', { kind: 'boardSummary', period: '2015-T1', year: 2015 }],
    ['boardSummary:2015-VB', { kind: 'boardSummary', period: '2015-VB', year: 2015 }],
  ])('parses and formats %s', (name, ref) => {
    expect(parseDocumentName(name)).toEqual(ref);
    expect(formatDocumentName(parseDocumentName(name) as never)).toBe(name);
  });

  it.each([
    'plan',
    'plan:15',
    'plan:2015:x',
    'report:2015-13:hr',
    'report:2015-3:hr',
    'report:2015-T3:hr',
    'report:2015-vb:hr',
    'report:2015-03:',
    'report:2015-03:HR',
    'report:2015-03:hr:x',
    'assignments:abcd',
    'boardSummary',
    'boardSummary:2015-13',
    'boardSummary:2015-T3',
    'boardSummary:2015-03:hr',
    `report:2015-03:${'a'.repeat(130)}`,
    '',
  ])('rejects %j', (name) => {
    expect(parseDocumentName(name)).toBeNull();
  });
});

describe('assignments document', () => {
  it('seeds and reads back the 2015 assignments in order', () => {
    const doc = new Y.Doc();
    seedAssignments(doc, councilAssignments2015);
    expect(readAssignments(doc)).toEqual(councilAssignments2015);
  });

  it('refuses invalid writes with a readable message and stores nothing', () => {
    const doc = new Y.Doc();
    seedAssignments(doc, councilAssignments2015);
    const [first] = councilAssignments2015;
    if (!first) throw new Error('no seed');
    expect(() => updateAssignment(doc, first.id, { endDate: '2015-02-30' }, KOMMUNCHEF)).toThrow(
      InvalidChangeError,
    );
    expect(() => updateAssignment(doc, first.id, { endDate: '2014-12-31' }, KOMMUNCHEF)).toThrow(
      /end date is before/,
    );
    expect(() => updateAssignment(doc, first.id, { title: '   ' }, KOMMUNCHEF)).toThrow(InvalidChangeError);
    expect(() => updateAssignment(doc, first.id, { status: 'klar' } as never, KOMMUNCHEF)).toThrow(
      InvalidChangeError,
    );
    expect(() => updateAssignment(doc, 'missing', { title: 'x' }, KOMMUNCHEF)).toThrow(/no assignment/);
    expect(() => addAssignment(doc, first)).toThrow(/already exists/);
    expect(() => setAssignmentStatus(doc, first.id, 'done' as never, KOMMUNCHEF)).toThrow(InvalidChangeError);
    expect(readAssignments(doc)).toEqual(councilAssignments2015);
  });

  it('keeps concurrent edits of different fields of one assignment', () => {
    const [a, b, sync] = replicas();
    seedAssignments(a, councilAssignments2015);
    sync();
    const id = councilAssignments2015[2]?.id as string;
    updateAssignment(a, id, { responsiblePerson: 'Anna' }, KOMMUNCHEF);
    updateAssignment(b, id, { progressNote: 'Utredning klar i maj' }, KOMMUNCHEF);
    setAssignmentStatus(b, id, 'pagar', {
      username: 'chef-mark-exploatering',
      displayName: 'Avdelningschef Mark',
    });
    sync();
    for (const doc of [a, b]) {
      expect(readAssignment(doc, id)).toMatchObject({
        responsiblePerson: 'Anna',
        progressNote: 'Utredning klar i maj',
        status: 'pagar',
      });
    }
  });

  it('does not rewrite unchanged fields, so a stale form cannot undo a concurrent edit', () => {
    const [a, b, sync] = replicas();
    seedAssignments(a, councilAssignments2015);
    sync();
    const current = readAssignment(b, 'ka-2015-1');
    if (!current) throw new Error('no assignment');
    updateAssignment(a, 'ka-2015-1', { responsiblePerson: 'Bo' }, KOMMUNCHEF);
    // b saves its whole (stale) form, changing only the note.
    const { id: _id, status: _status, ...form } = current;
    updateAssignment(b, 'ka-2015-1', { ...form, progressNote: 'ny' }, KOMMUNCHEF);
    sync();
    expect(readAssignment(a, 'ka-2015-1')).toMatchObject({ responsiblePerson: 'Bo', progressNote: 'ny' });
  });

  it('records each status change once, and keeps history after a delete', () => {
    const doc = new Y.Doc();
    seedAssignments(doc, councilAssignments2015);
    const at = new Date('2015-03-31T10:00:00Z');
    setAssignmentStatus(doc, 'ka-2015-4', 'pagar', KOMMUNCHEF, at);
    setAssignmentStatus(doc, 'ka-2015-4', 'pagar', KOMMUNCHEF, at);
    setAssignmentStatus(doc, 'ka-2015-4', 'klar', { username: 'admin', displayName: 'Administratör' }, at);
    expect(readStatusHistory(doc, 'ka-2015-4')).toEqual([
      { assignmentId: 'ka-2015-4', from: 'ej-paborjad', to: 'pagar', by: 'kommunchef', at: at.toISOString() },
      { assignmentId: 'ka-2015-4', from: 'pagar', to: 'klar', by: 'admin', at: at.toISOString() },
    ]);
    deleteAssignment(doc, 'ka-2015-4');
    expect(readAssignment(doc, 'ka-2015-4')).toBeUndefined();
    expect(readStatusHistory(doc, 'ka-2015-4')).toHaveLength(2);
  });
});

describe('plan document', () => {
  it('seeds the 2015 plan and reads back exactly the same plan', () => {
    const doc = new Y.Doc();
    expect(isPlanEmpty(doc)).toBe(true);
    expect(readPlan(doc)).toBeNull();
    seedPlan(doc, plan2015);
    expect(readPlan(doc)).toEqual(plan2015);
    // Through the wire format too.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readPlan(copy)).toEqual(plan2015);
  });
});

describe('report document', () => {
  it('validates outcomes, statuses and budget figures', () => {
    const doc = new Y.Doc();
    expect(() => setIndicatorOutcome(doc, 'ind-x', Number.NaN, CHEF_HR)).toThrow(InvalidChangeError);
    expect(() => setIndicatorOutcome(doc, 'ind-x', Number.POSITIVE_INFINITY, CHEF_HR)).toThrow(
      InvalidChangeError,
    );
    expect(() => setItemStatus(doc, 'goal:g1', 'klar', CHEF_HR)).toThrow(InvalidChangeError);
    expect(() => setItemStatus(doc, 'initiative:i1', 'gron', CHEF_HR)).toThrow(InvalidChangeError);
    expect(() => setItemStatus(doc, 'nonsense', 'gron', CHEF_HR)).toThrow(InvalidChangeError);
    expect(() => setReportBudget(doc, { forecastTkr: '12' as never }, CHEF_HR)).toThrow(InvalidChangeError);
    expect(() => setReportStatus(doc, 'aterremitterad', 'kommunchef')).toThrow(/needs a comment/);
    expect(readReport(doc, '2015-03', 'hr')).toMatchObject({
      status: 'utkast',
      indicatorOutcomes: {},
      itemStatuses: {},
      budget: { outcomeToDateTkr: null, forecastTkr: null },
    });
  });

  it('reads back what was written', () => {
    const doc = new Y.Doc();
    setIndicatorOutcome(doc, 'ind-heltid', 76.5, CHEF_HR);
    setItemStatus(doc, 'goal:goal-6-1-4-1', 'gul', CHEF_HR);
    setItemStatus(doc, 'initiative:init-6-1-4-1-1', 'pagar', CHEF_HR);
    setReportBudget(doc, { outcomeToDateTkr: 4200, forecastTkr: 18_100 }, CHEF_HR);
    setReportStatus(doc, 'aterremitterad', 'kommunchef', { comment: ' Komplettera analysen ' });
    expect(readReport(doc, '2015-03', 'hr')).toMatchObject({
      status: 'aterremitterad',
      returnComment: 'Komplettera analysen',
      indicatorOutcomes: { 'ind-heltid': 76.5 },
      itemStatuses: { 'goal:goal-6-1-4-1': 'gul', 'initiative:init-6-1-4-1-1': 'pagar' },
      budget: { outcomeToDateTkr: 4200, forecastTkr: 18_100 },
    });
    expect(budgetDeviationTkr(17_866, 18_100)).toBe(-234);
    expect(budgetDeviationTkr(17_866, null)).toBeNull();
  });

  it('merges two people writing the analysis of a new month at once', () => {
    const [a, b, sync] = replicas();
    // Neither has seen the other's text: each creates the item's fragment on first use.
    const paragraph = (doc: Y.Doc, text: string) => {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText(text)]);
      reportText(doc, 'analysis', 'goal:goal-6-1-4-1').push([element]);
    };
    paragraph(a, 'Andelen heltid ökar.');
    paragraph(b, 'Bemanningspoolen startar i april.');
    sync();
    const analysisA = readReport(a, '2015-03', 'hr').analysis['goal:goal-6-1-4-1'] ?? '';
    expect(analysisA).toContain('Andelen heltid ökar.');
    expect(analysisA).toContain('Bemanningspoolen startar i april.');
    expect(readReport(b, '2015-03', 'hr').analysis).toEqual(readReport(a, '2015-03', 'hr').analysis);
  });
});
