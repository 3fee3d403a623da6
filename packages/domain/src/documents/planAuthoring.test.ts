/**
 * Plan authoring on real Y.Docs: the writers record what they change, an adopted plan changes
 * only with a revision, removal archives what reports refer to, and a new year starts from
 * the structure of the previous one without its figures.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { plan2015 } from '../plan2015';
import { InvalidChangeError } from './errors';
import { readFieldEdits } from './fieldEdits';
import { readPlan, seedPlan } from './plan';
import {
  addPlanEntity,
  adoptPlan,
  emptyPlan,
  type PlanEdit,
  PlanRevisionReasonRequired,
  planEntityOrder,
  readPlanAdoption,
  readPlanRevisions,
  readPlanStatus,
  removePlanEntity,
  renumberPlanEntities,
  rollOverPlan,
  setPlanMeta,
  updatePlanEntity,
} from './planAuthoring';
import { parseFieldEditEntry } from './writeRules';

const EDIT: PlanEdit = {
  author: { username: 'kommunchef', displayName: 'Kommunchef' },
  at: new Date('2026-10-01T08:00:00.000Z'),
};
const ADOPTION = {
  decisionRef: 'KF § 140/2026',
  decidedOn: '2026-11-20',
  recordedBy: 'kommunchef',
  recordedByName: 'Kommunchef',
  recordedAt: '2026-11-21T09:00:00.000Z',
};

/** A draft 2027 plan with a focus area, a goal, an indicator and an initiative of that goal. */
function draft(): Y.Doc {
  const doc = new Y.Doc();
  seedPlan(doc, emptyPlan({ year: 2027, municipality: 'Ale kommun' }));
  addPlanEntity(doc, 'perspectives', { name: 'Medarbetare' }, EDIT, 'medarbetare');
  addPlanEntity(
    doc,
    'focusAreas',
    { number: '1', name: 'Attraktiv arbetsgivare', perspectiveId: 'medarbetare' },
    EDIT,
    'fokus-1',
  );
  addPlanEntity(
    doc,
    'goals',
    { number: '1.1', focusAreaId: 'fokus-1', title: 'Fler heltider', ownerDepartmentIds: ['hr'] },
    EDIT,
    'goal-1',
  );
  addPlanEntity(
    doc,
    'indicators',
    {
      goalId: 'goal-1',
      name: 'Andel heltider',
      unit: 'percent',
      direction: 'increase',
      targetPath: [{ year: 2027, value: 80 }],
      ownerDepartmentId: 'hr',
    },
    EDIT,
    'ind-1',
  );
  addPlanEntity(
    doc,
    'initiatives',
    { number: '1.1.1', goalId: 'goal-1', title: 'Heltidsresan', ownerDepartmentId: 'hr', aspects: {} },
    EDIT,
    'init-1',
  );
  return doc;
}

describe('emptyPlan', () => {
  it('is a valid draft that round-trips through the document', () => {
    const plan = emptyPlan({ year: 2027, municipality: 'Ale kommun' });
    expect(plan).toMatchObject({
      year: 2027,
      title: 'Verksamhetsplan 2027, Kommunstyrelsen',
      adoptedOn: null,
      adoption: null,
      goals: [],
    });
    const doc = new Y.Doc();
    seedPlan(doc, plan);
    expect(readPlan(doc)).toEqual(plan);
    expect(readPlanStatus(doc)).toBe('utkast');
    expect(() => emptyPlan({ year: 1999, municipality: 'Ale kommun' })).toThrow(InvalidChangeError);
  });
});

describe('the writers', () => {
  it('record every field they write, with values the server accepts', () => {
    const doc = draft();
    const before = readFieldEdits(doc).length;
    setPlanMeta(doc, 'mission', 'Vi gör Ale bättre', EDIT);
    expect(setPlanMeta(doc, 'mission', 'Vi gör Ale bättre', EDIT)).toBe(false);
    expect(
      updatePlanEntity(doc, 'goals', 'goal-1', { title: 'Fler heltider', description: 'Mer' }, EDIT),
    ).toEqual(['goals/goal-1/description']);
    const edits = readFieldEdits(doc).slice(before);
    expect(edits.map((edit) => [edit.field, edit.value, edit.by])).toEqual([
      ['meta/mission', 'Vi gör Ale bättre', 'kommunchef'],
      ['goals/goal-1/description', 'Mer', 'kommunchef'],
    ]);
    // Adding an entity records each of its fields.
    const added = readFieldEdits(doc, 'indicators/ind-1/').map((edit) => edit.field);
    expect(added).toEqual(
      expect.arrayContaining([
        'indicators/ind-1/name',
        'indicators/ind-1/targetPath',
        'indicators/ind-1/unit',
      ]),
    );
    for (const edit of readFieldEdits(doc)) expect(parseFieldEditEntry('plan', edit)).not.toBeNull();
    expect(() => updatePlanEntity(doc, 'goals', 'goal-1', { title: ' ' }, EDIT)).toThrow(InvalidChangeError);
    expect(() => updatePlanEntity(doc, 'goals', 'nope', { title: 'x' }, EDIT)).toThrow(InvalidChangeError);
  });

  it('renumber in the order given and write only what changes', () => {
    const doc = draft();
    addPlanEntity(
      doc,
      'goals',
      { number: '9', focusAreaId: 'fokus-1', title: 'Friskare', ownerDepartmentIds: [] },
      EDIT,
      'goal-2',
    );
    expect(planEntityOrder(doc, 'goals')).toEqual(['goal-1', 'goal-2']);
    expect(renumberPlanEntities(doc, 'goals', ['goal-1', 'goal-2'], '1', EDIT)).toEqual(['goal-2']);
    expect(readPlan(doc)?.goals.map((goal) => goal.number)).toEqual(['1.1', '1.2']);
  });
});

describe('an adopted plan', () => {
  it('changes only as a revision with a reason, recorded with who, when and which fields', () => {
    const doc = draft();
    adoptPlan(doc, ADOPTION);
    expect(readPlanStatus(doc)).toBe('faststalld');
    expect(readPlanAdoption(doc)).toEqual(ADOPTION);
    expect(readPlan(doc)?.adoptedOn).toBe('2026-11-20');
    expect(() => adoptPlan(doc, ADOPTION)).toThrow(InvalidChangeError);

    expect(() => setPlanMeta(doc, 'mission', 'Ny', EDIT)).toThrow(PlanRevisionReasonRequired);
    expect(() => setPlanMeta(doc, 'mission', 'Ny', { ...EDIT, reason: '  ' })).toThrow(
      PlanRevisionReasonRequired,
    );
    expect(readPlan(doc)?.mission).toBe('');

    const at = new Date('2027-03-02T08:00:00.000Z');
    updatePlanEntity(
      doc,
      'indicators',
      'ind-1',
      { targetPath: [{ year: 2027, value: 85 }], name: 'Andel heltidsanställda' },
      { ...EDIT, reason: 'KS § 12/2027', at },
    );
    expect(readPlanRevisions(doc)).toEqual([
      {
        id: expect.any(String),
        by: 'kommunchef',
        byName: 'Kommunchef',
        at: at.toISOString(),
        reason: 'KS § 12/2027',
        fields: ['indicators/ind-1/targetPath', 'indicators/ind-1/name'],
      },
    ]);
    // A change that changes nothing is no revision.
    updatePlanEntity(
      doc,
      'indicators',
      'ind-1',
      { name: 'Andel heltidsanställda' },
      { ...EDIT, reason: 'x' },
    );
    expect(readPlanRevisions(doc)).toHaveLength(1);
  });

  it('counts a seeded plan with an adoption date as adopted', () => {
    const doc = new Y.Doc();
    seedPlan(doc, plan2015);
    expect(readPlanStatus(doc)).toBe('faststalld');
    expect(readPlanAdoption(doc)).toBeNull();
  });
});

describe('removePlanEntity', () => {
  it('deletes an unreported goal together with its indicators and initiatives', () => {
    const doc = draft();
    expect(removePlanEntity(doc, 'goals', 'goal-1', new Set(['goal:other']), EDIT)).toBe('deleted');
    const plan = readPlan(doc);
    expect([plan?.goals, plan?.indicators, plan?.initiatives]).toEqual([[], [], []]);
    expect(readFieldEdits(doc, 'goals/goal-1/_deleted')).toHaveLength(1);
    expect(readFieldEdits(doc, 'indicators/ind-1/_deleted')).toHaveLength(1);
  });

  it('archives a goal whose indicator has reported outcomes, with its children, and keeps them', () => {
    const doc = draft();
    expect(removePlanEntity(doc, 'goals', 'goal-1', new Set(['indicator:ind-1']), EDIT)).toBe('archived');
    const plan = readPlan(doc);
    expect(plan?.goals.map((goal) => [goal.id, goal.archived])).toEqual([['goal-1', true]]);
    expect(plan?.indicators.map((item) => item.archived)).toEqual([true]);
    expect(plan?.initiatives.map((item) => item.archived)).toEqual([true]);
    // An unreported initiative on its own is deleted.
    const other = draft();
    expect(removePlanEntity(other, 'initiatives', 'init-1', new Set(['indicator:ind-1']), EDIT)).toBe(
      'deleted',
    );
    expect(readPlan(other)?.goals).toHaveLength(1);
  });
});

describe('rollOverPlan', () => {
  it("keeps the previous year's structure with its ids and drops its figures", () => {
    const next = rollOverPlan(plan2015, 2016);
    expect(next).toMatchObject({ year: 2016, copiedFromYear: 2015, adoptedOn: null, adoption: null });
    expect(next.title).toContain('2016');
    expect(next.title).not.toContain('2015');
    expect(next.perspectives).toEqual(plan2015.perspectives);
    expect(next.focusAreas).toEqual(plan2015.focusAreas);
    expect(next.goals.map((goal) => goal.id)).toEqual(plan2015.goals.map((goal) => goal.id));
    expect(next.indicators.map((item) => [item.id, item.targetPath])).toEqual(
      plan2015.indicators.map((item) => [item.id, item.targetPath]),
    );
    expect(next.initiatives.map((item) => item.id)).toEqual(plan2015.initiatives.map((item) => item.id));
    expect(next.initiatives.every((item) => Object.keys(item.aspects).length === 0)).toBe(true);
    expect(next.departments.map((item) => item.id)).toEqual(plan2015.departments.map((item) => item.id));
    for (const [index, item] of next.departments.entries()) {
      const before = plan2015.departments[index];
      expect(item.budgetTkr).toBeNull();
      expect(item.budgetPreviousYearTkr).toBe(before?.budgetTkr);
      expect(item.costsByKind.map((line) => line.label)).toEqual(
        before?.costsByKind.map((line) => line.label),
      );
      expect(item.costsByKind.every((line) => line.amountTkr === null)).toBe(true);
      expect(item.costsByKindTotalTkr).toBeNull();
    }
    expect(next.economicSummary.incomeStatement).toEqual([]);
    expect(next.knownDiscrepancies).toEqual([]);
    const doc = new Y.Doc();
    seedPlan(doc, next);
    expect(readPlanStatus(doc)).toBe('utkast');
  });

  it('leaves archived goals behind with their indicators and initiatives', () => {
    const doc = draft();
    removePlanEntity(doc, 'goals', 'goal-1', new Set(['goal:goal-1']), EDIT);
    const previous = readPlan(doc);
    if (!previous) throw new Error('no plan');
    const next = rollOverPlan(previous, 2028);
    expect([next.goals, next.indicators, next.initiatives]).toEqual([[], [], []]);
    expect(next.focusAreas.map((area) => area.id)).toEqual(['fokus-1']);
  });
});
