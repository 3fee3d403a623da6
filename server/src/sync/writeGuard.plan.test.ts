/**
 * The write check of the plan (`plan:<year>`, planPolicy in writeGuard.ts): every change a
 * client sends is held against the domain's plan rules. Updates are made by the domain's own
 * writers (what the plan editor sends) and by raw Yjs calls (what a crafted client could send).
 */
import {
  addPlanEntity,
  adoptPlan,
  type DocumentRef,
  emptyPlan,
  movePlanEntity,
  OFFICIAL_VALUES_ROOT,
  PLAN_ROOTS,
  type PlanEdit,
  planEntityOrder,
  readPlan,
  readPlanRevisions,
  removePlanEntity,
  renumberPlanEntities,
  seedPlan,
  setPlanMeta,
  updatePlanEntity,
} from '@foljsam/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { User } from '../store/types';
import { checkChange, REFUSAL } from './writeGuard';

const PLAN: DocumentRef = { kind: 'plan', year: 2027 };
const manager: User = {
  id: 'u-kc',
  username: 'kommunchef',
  displayName: 'Kommunchef',
  role: 'kommunchef',
  departmentId: null,
};
const AS_MANAGER: PlanEdit = { author: { username: 'kommunchef', displayName: 'Kommunchef' } };
const SERVER_CLIENT = 1;

/** A draft plan for 2027 with one goal (with an indicator) under one focus area. */
function planDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = SERVER_CLIENT;
  seedPlan(doc, emptyPlan({ year: 2027, municipality: 'Ale kommun' }));
  addPlanEntity(doc, 'perspectives', { name: 'Medarbetare' }, AS_MANAGER, 'medarbetare');
  addPlanEntity(
    doc,
    'focusAreas',
    { number: '1', name: 'Attraktiv arbetsgivare', perspectiveId: 'medarbetare' },
    AS_MANAGER,
    'fokus-1',
  );
  addPlanEntity(
    doc,
    'goals',
    { number: '1.1', focusAreaId: 'fokus-1', title: 'Fler heltider', ownerDepartmentIds: ['hr'] },
    AS_MANAGER,
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
    AS_MANAGER,
    'ind-1',
  );
  return doc;
}

/** The update one change of a client's copy of `server` makes. */
function changeOf(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  client.destroy();
  return update;
}

const goalOf = (doc: Y.Doc, id: string) => doc.getMap<Y.Map<unknown>>('goals').get(id);

/** The verdict on `change` by the kommunchef (scope "all"); applied to `doc` when admitted. */
function check(doc: Y.Doc, change: (client: Y.Doc) => void, user: User = manager) {
  const verdict = checkChange(doc, PLAN, user, 'all', changeOf(doc, change));
  if (verdict.ok) Y.applyUpdate(doc, verdict.update);
  return verdict.ok ? { ok: true } : verdict;
}

const refused = (reason: string) => ({ ok: false, reason: `read-only: ${reason}` });

describe('the plan: what a client may write', () => {
  it('accepts authoring through the domain writers', () => {
    const doc = planDoc();
    expect(check(doc, (c) => setPlanMeta(c, 'mission', 'Vi gör Ale bättre', AS_MANAGER))).toEqual({
      ok: true,
    });
    expect(
      check(doc, (c) =>
        addPlanEntity(
          c,
          'goals',
          { number: '1.2', focusAreaId: 'fokus-1', title: 'Friskare medarbetare', ownerDepartmentIds: [] },
          AS_MANAGER,
          'goal-2',
        ),
      ),
    ).toEqual({ ok: true });
    expect(
      check(doc, (c) =>
        addPlanEntity(
          c,
          'indicators',
          {
            goalId: 'goal-2',
            name: 'Sjukfrånvaro',
            unit: 'percent',
            direction: 'decrease',
            baseline: { year: 2026, value: 7.1 },
            targetPath: [
              { year: 2027, value: 6.5 },
              { year: 2028, value: 6 },
            ],
            reportingFrequency: 'tertial',
            ownerDepartmentId: 'hr',
          },
          AS_MANAGER,
          'ind-2',
        ),
      ),
    ).toEqual({ ok: true });
    expect(
      check(doc, (c) =>
        addPlanEntity(
          c,
          'initiatives',
          {
            number: '1.2.1',
            goalId: 'goal-2',
            title: 'Hälsoinspiratörer',
            ownerDepartmentId: 'hr',
            aspects: { brukare: 'Bättre bemötande' },
          },
          AS_MANAGER,
          'init-1',
        ),
      ),
    ).toEqual({ ok: true });
    expect(
      check(doc, (c) =>
        addPlanEntity(
          c,
          'departments',
          {
            number: '8.1.1',
            name: 'HR',
            budgetPreviousYearTkr: null,
            budgetTkr: 12_500,
            costsByKind: [{ label: 'Personal', amountTkr: 11_000 }],
            costsByKindTotalTkr: 11_000,
            costsByActivity: [],
            costsByActivityTotalTkr: null,
            staff: 14,
            description: '',
          },
          AS_MANAGER,
          'hr',
        ),
      ),
    ).toEqual({ ok: true });
    expect(
      check(doc, (c) => updatePlanEntity(c, 'departments', 'hr', { budgetTkr: 13_000 }, AS_MANAGER)),
    ).toEqual({ ok: true });
    expect(
      check(doc, (c) =>
        updatePlanEntity(c, 'indicators', 'ind-1', { targetPath: [{ year: 2027, value: 85 }] }, AS_MANAGER),
      ),
    ).toEqual({ ok: true });
    expect(
      check(doc, (c) => movePlanEntity(c, 'goals', 'goal-2', ['goal-1', 'goal-2'], 0, AS_MANAGER)),
    ).toEqual({ ok: true });
    expect(planEntityOrder(doc, 'goals')).toEqual(['goal-2', 'goal-1']);
    expect(
      check(doc, (c) => renumberPlanEntities(c, 'goals', ['goal-2', 'goal-1'], '1', AS_MANAGER)),
    ).toEqual({ ok: true });
    // A reported goal is archived with its indicators; an unreported one is deleted with them.
    expect(
      check(doc, (c) => removePlanEntity(c, 'goals', 'goal-1', new Set(['indicator:ind-1']), AS_MANAGER)),
    ).toEqual({ ok: true });
    expect(check(doc, (c) => removePlanEntity(c, 'goals', 'goal-2', new Set(), AS_MANAGER))).toEqual({
      ok: true,
    });

    const plan = readPlan(doc);
    expect(plan?.mission).toBe('Vi gör Ale bättre');
    expect(plan?.goals.map((goal) => [goal.id, goal.number, goal.archived])).toEqual([
      ['goal-1', '1.2', true],
    ]);
    expect(plan?.indicators.map((indicator) => [indicator.id, indicator.archived])).toEqual([
      ['ind-1', true],
    ]);
    expect(plan?.initiatives).toEqual([]);
    expect(plan?.departments.map((department) => department.budgetTkr)).toEqual([13_000]);
  });

  it('refuses invalid values, unknown fields and removed fields', () => {
    const doc = planDoc();
    const before = JSON.stringify(doc.toJSON());
    // An empty title, through the raw map (the writer itself refuses it).
    expect(check(doc, (c) => goalOf(c, 'goal-1')?.set('title', '   '))).toEqual(refused(REFUSAL.value));
    expect(check(doc, (c) => goalOf(c, 'goal-1')?.set('ownerDepartmentIds', 'hr'))).toEqual(
      refused(REFUSAL.value),
    );
    expect(check(doc, (c) => goalOf(c, 'goal-1')?.set('colour', 'red'))).toEqual(refused(REFUSAL.part));
    expect(check(doc, (c) => goalOf(c, 'goal-1')?.set('_position', 'first'))).toEqual(refused(REFUSAL.value));
    expect(check(doc, (c) => goalOf(c, 'goal-1')?.set('title', new Y.Map()))).toEqual(refused(REFUSAL.value));
    expect(check(doc, (c) => goalOf(c, 'goal-1')?.delete('title'))).toEqual(refused(REFUSAL.removal));
    // A new goal must be valid as a whole (here without a title).
    expect(
      check(doc, (c) => {
        const goal = new Y.Map<unknown>();
        goal.set('number', '1.9');
        goal.set('focusAreaId', 'fokus-1');
        goal.set('ownerDepartmentIds', []);
        c.getMap('goals').set('goal-9', goal);
      }),
    ).toEqual(refused(REFUSAL.value));
    expect(check(doc, (c) => c.getMap('goals').set('Not An Id', new Y.Map()))).toEqual(refused(REFUSAL.part));
    // The plan's facts, its figures and unknown parts are the server's.
    expect(
      check(doc, (c) =>
        c.getMap(PLAN_ROOTS.meta).set('adoption', {
          decisionRef: 'KF § 1',
          decidedOn: '2026-11-20',
          recordedBy: 'kommunchef',
          recordedByName: 'Kommunchef',
          recordedAt: '2026-11-21T10:00:00.000Z',
        }),
      ),
    ).toEqual(refused(REFUSAL.planFacts));
    expect(check(doc, (c) => c.getMap(PLAN_ROOTS.meta).set('year', 2030))).toEqual(
      refused(REFUSAL.planFacts),
    );
    expect(check(doc, (c) => c.getMap(PLAN_ROOTS.meta).set('mission', 42))).toEqual(refused(REFUSAL.value));
    expect(check(doc, (c) => c.getMap(PLAN_ROOTS.meta).delete('mission'))).toEqual(refused(REFUSAL.removal));
    expect(check(doc, (c) => c.getMap(PLAN_ROOTS.meta).set('theme', 'dark'))).toEqual(refused(REFUSAL.part));
    expect(check(doc, (c) => c.getMap(PLAN_ROOTS.economicSummary).set('investments', []))).toEqual(
      refused(REFUSAL.part),
    );
    expect(check(doc, (c) => c.getMap(OFFICIAL_VALUES_ROOT).set('N01951:2027', 1))).toEqual(
      refused(REFUSAL.part),
    );
    expect(check(doc, (c) => c.getMap('knownDiscrepancies').set('x', new Y.Map()))).toEqual(
      refused(REFUSAL.part),
    );
    expect(check(doc, (c) => c.getMap('probe').set('x', 1))).toEqual(refused(REFUSAL.part));
    // The logs only grow, by the signed-in user.
    expect(check(doc, (c) => c.getArray(PLAN_ROOTS.fieldEdits).delete(0, 1))).toEqual(refused(REFUSAL.log));
    expect(
      check(doc, (c) =>
        setPlanMeta(c, 'mission', 'Någon annans', { author: { username: 'chef-hr', displayName: 'HR' } }),
      ),
    ).toEqual(refused(REFUSAL.log));
    expect(
      check(doc, (c) =>
        c.getArray(PLAN_ROOTS.fieldEdits).push([{ field: 'goals/goal-1/title', value: 'x' }]),
      ),
    ).toEqual(refused(REFUSAL.log));
    // Nothing of it was admitted.
    expect(JSON.stringify(doc.toJSON())).toBe(before);
    expect(readPlan(doc)?.goals[0]).toMatchObject({ title: 'Fler heltider', ownerDepartmentIds: ['hr'] });
  });

  it('refuses any change from a scope without write access', () => {
    const doc = planDoc();
    const reader: User = { ...manager, id: 'u-l', username: 'lasare', role: 'lasare' };
    const update = changeOf(doc, (c) => setPlanMeta(c, 'mission', 'x', AS_MANAGER));
    expect(checkChange(doc, PLAN, reader, 'none', update)).toEqual(refused(REFUSAL.noWrite));
  });
});

describe('the plan once adopted (fastställd)', () => {
  const adopted = () => {
    const doc = planDoc();
    adoptPlan(doc, {
      decisionRef: 'KF § 140/2026',
      decidedOn: '2026-11-20',
      recordedBy: 'kommunchef',
      recordedByName: 'Kommunchef',
      recordedAt: '2026-11-21T09:00:00.000Z',
    });
    return doc;
  };

  it('refuses a change without a revision and accepts one with a revision by the signed-in user', () => {
    const doc = adopted();
    // Written as the editor wrote it before adoption: no revision.
    const draft = new Y.Doc();
    Y.applyUpdate(draft, Y.encodeStateAsUpdate(doc));
    expect(
      check(doc, (c) => {
        goalOf(c, 'goal-1')?.set('title', 'Fler heltider i hela kommunen');
      }),
    ).toEqual(refused(REFUSAL.revision));
    // The domain's writer refuses to write one without a reason.
    expect(() => setPlanMeta(draft, 'mission', 'Ny', AS_MANAGER)).toThrow(/revision/);

    const at = new Date('2027-03-02T08:00:00.000Z');
    expect(
      check(doc, (c) =>
        updatePlanEntity(
          c,
          'goals',
          'goal-1',
          { title: 'Fler heltider i hela kommunen' },
          { ...AS_MANAGER, reason: 'KS beslut 2027-02-28 § 12', at },
        ),
      ),
    ).toEqual({ ok: true });
    expect(readPlan(doc)?.goals[0]?.title).toBe('Fler heltider i hela kommunen');
    expect(readPlanRevisions(doc)).toEqual([
      expect.objectContaining({
        by: 'kommunchef',
        byName: 'Kommunchef',
        at: at.toISOString(),
        reason: 'KS beslut 2027-02-28 § 12',
        fields: ['goals/goal-1/title'],
      }),
    ]);
    draft.destroy();
  });

  it('refuses a revision that names another user, or is not a revision, or rewrites the revisions', () => {
    const doc = adopted();
    const asOther: PlanEdit = {
      author: { username: 'admin', displayName: 'Administratör' },
      reason: 'Rättelse',
    };
    expect(check(doc, (c) => setPlanMeta(c, 'mission', 'Ny', asOther))).toEqual(refused(REFUSAL.log));
    expect(
      check(doc, (c) =>
        c.transact(() => {
          c.getMap(PLAN_ROOTS.meta).set('mission', 'Ny');
          c.getArray(PLAN_ROOTS.revisions).push([{ by: 'kommunchef', reason: '' }]);
        }),
      ),
    ).toEqual(refused(REFUSAL.log));
    expect(check(doc, (c) => setPlanMeta(c, 'mission', 'Ny', { ...AS_MANAGER, reason: 'Rättelse' }))).toEqual(
      {
        ok: true,
      },
    );
    expect(check(doc, (c) => c.getArray(PLAN_ROOTS.revisions).delete(0, 1))).toEqual(refused(REFUSAL.log));
    expect(readPlanRevisions(doc)).toHaveLength(1);
  });
});
