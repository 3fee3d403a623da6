/**
 * Honest merges: two real Y.Docs edit while apart, then exchange updates the way two clients
 * through the server would, and both must see the same verdict about what was concurrent.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { councilAssignments2015 } from '../plan2015';
import {
  assignmentField,
  readAssignment,
  readAssignmentConflicts,
  readStatusHistory,
  resolveAssignmentConflict,
  seedAssignments,
  setAssignmentStatus,
  updateAssignment,
} from './assignments';
import { InvalidChangeError } from './errors';
import { fieldHeads, readFieldEdits } from './fieldEdits';
import {
  readReport,
  readReportConflicts,
  resolveReportConflict,
  setIndicatorOutcome,
  setItemStatus,
  setReportBudget,
} from './report';

const ANNA = { username: 'chef-hr', displayName: 'Anna Andersson' };
const BO = { username: 'kommunchef', displayName: 'Bo Berg' };
const OUTCOME = 'indicatorOutcomes/ind-heltid';
const AT_A = new Date('2015-04-02T09:00:00Z');
const AT_B = new Date('2015-04-02T09:05:00Z');

/** Two replicas; `exchange` sends each the other's missing updates (both directions). */
function apart(): { a: Y.Doc; b: Y.Doc; exchange: () => void } {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const exchange = () => {
    const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, toB);
    Y.applyUpdate(a, toA);
  };
  return { a, b, exchange };
}

describe('field edits of a report', () => {
  it('flags the same number changed while apart, on both, with both values and authors', () => {
    const { a, b, exchange } = apart();
    setIndicatorOutcome(a, 'ind-heltid', 70, ANNA, AT_A);
    exchange();
    setIndicatorOutcome(a, 'ind-heltid', 76.5, ANNA, AT_A);
    setIndicatorOutcome(b, 'ind-heltid', 78, BO, AT_B);
    exchange();

    const kept = readReport(a, '2015-03', 'hr').indicatorOutcomes['ind-heltid'];
    expect(readReport(b, '2015-03', 'hr').indicatorOutcomes['ind-heltid']).toBe(kept);
    expect([76.5, 78]).toContain(kept);
    const lost = kept === 76.5 ? 78 : 76.5;
    const writerOf = (value: number) => (value === 76.5 ? ANNA : BO);
    for (const doc of [a, b]) {
      const conflicts = readReportConflicts(doc);
      expect(conflicts).toHaveLength(1);
      const [conflict] = conflicts;
      expect(conflict?.field).toBe(OUTCOME);
      expect(conflict?.kept.value).toBe(kept);
      expect(conflict?.kept.edit).toMatchObject({
        value: kept,
        by: writerOf(kept as number).username,
        byName: writerOf(kept as number).displayName,
      });
      expect(conflict?.others).toHaveLength(1);
      expect(conflict?.others[0]).toMatchObject({
        value: lost,
        by: writerOf(lost).username,
        byName: writerOf(lost).displayName,
        at: (lost === 76.5 ? AT_A : AT_B).toISOString(),
      });
      expect(conflict?.heads).toHaveLength(2);
    }
  });

  it('does not flag different fields changed while apart', () => {
    const { a, b, exchange } = apart();
    setIndicatorOutcome(a, 'ind-heltid', 70, ANNA);
    setItemStatus(a, 'goal:goal-6-1-4-1', 'gron', ANNA);
    exchange();
    setIndicatorOutcome(a, 'ind-heltid', 76.5, ANNA);
    setItemStatus(b, 'goal:goal-6-1-4-1', 'gul', BO);
    setReportBudget(b, { forecastTkr: 18_100 }, BO);
    exchange();
    for (const doc of [a, b]) {
      expect(readReportConflicts(doc)).toEqual([]);
      expect(readReport(doc, '2015-03', 'hr')).toMatchObject({
        indicatorOutcomes: { 'ind-heltid': 76.5 },
        itemStatuses: { 'goal:goal-6-1-4-1': 'gul' },
        budget: { forecastTkr: 18_100 },
      });
    }
  });

  it('does not flag sequential changes: the second writer had seen the first', () => {
    const { a, b, exchange } = apart();
    setIndicatorOutcome(a, 'ind-heltid', 76.5, ANNA);
    exchange();
    setIndicatorOutcome(b, 'ind-heltid', 78, BO);
    exchange();
    setIndicatorOutcome(a, 'ind-heltid', 79, ANNA);
    exchange();
    for (const doc of [a, b]) {
      expect(readReportConflicts(doc)).toEqual([]);
      expect(fieldHeads(doc, OUTCOME).map((head) => head.value)).toEqual([79]);
      // Each edit names the one before it as its parent: a chain, not a fork.
      const chain = readFieldEdits(doc).filter((edit) => edit.field === OUTCOME);
      expect(chain.map((edit) => edit.parents)).toEqual([[], [chain[0]?.id], [chain[1]?.id]]);
    }
  });

  it('does not flag two people writing the same value while apart: nothing was lost', () => {
    const { a, b, exchange } = apart();
    setItemStatus(a, 'indicator:ind-heltid', 'rod', ANNA);
    setItemStatus(b, 'indicator:ind-heltid', 'rod', BO);
    exchange();
    expect(readReportConflicts(a)).toEqual([]);
    expect(readReportConflicts(b)).toEqual([]);
  });

  it('flags concurrent budget figures and statuses too, from the first write on', () => {
    const { a, b, exchange } = apart();
    // Neither had seen any edit of these fields: both edits have no parents.
    setReportBudget(a, { forecastTkr: 18_000 }, ANNA);
    setReportBudget(b, { forecastTkr: 18_500 }, BO);
    setItemStatus(a, 'initiative:init-6-1-4-1-1', 'pagar', ANNA);
    setItemStatus(b, 'initiative:init-6-1-4-1-1', 'klar', BO);
    exchange();
    for (const doc of [a, b]) {
      expect(readReportConflicts(doc).map((conflict) => conflict.field)).toEqual([
        'budget/forecastTkr',
        'itemStatuses/initiative:init-6-1-4-1-1',
      ]);
    }
  });

  it.each([
    ['the kept value', 'kept'],
    ['the value that lost', 'lost'],
  ] as const)('resolves by choosing %s, and the flag is gone on both after exchange', (_, choice) => {
    const { a, b, exchange } = apart();
    setIndicatorOutcome(a, 'ind-heltid', 76.5, ANNA);
    setIndicatorOutcome(b, 'ind-heltid', 78, BO);
    exchange();
    const [conflict] = readReportConflicts(b);
    if (!conflict) throw new Error('expected a conflict');
    const chosen = choice === 'kept' ? conflict.kept.value : conflict.others[0]?.value;
    resolveReportConflict(b, conflict.field, chosen, BO);
    expect(readReportConflicts(b)).toEqual([]);
    // Before the exchange, the other side still sees the conflict.
    expect(readReportConflicts(a)).toHaveLength(1);
    exchange();
    for (const doc of [a, b]) {
      expect(readReportConflicts(doc)).toEqual([]);
      expect(readReport(doc, '2015-03', 'hr').indicatorOutcomes['ind-heltid']).toBe(chosen);
    }
  });

  it('flags again when two people resolve one conflict differently while apart', () => {
    const { a, b, exchange } = apart();
    setIndicatorOutcome(a, 'ind-heltid', 76.5, ANNA);
    setIndicatorOutcome(b, 'ind-heltid', 78, BO);
    exchange();
    resolveReportConflict(a, OUTCOME, 76.5, ANNA);
    resolveReportConflict(b, OUTCOME, 78, BO);
    exchange();
    for (const doc of [a, b]) expect(readReportConflicts(doc)).toHaveLength(1);
  });

  it('refuses to resolve with an invalid value or an unknown field, and stores nothing', () => {
    const { a, b, exchange } = apart();
    setIndicatorOutcome(a, 'ind-heltid', 76.5, ANNA);
    setIndicatorOutcome(b, 'ind-heltid', 78, BO);
    exchange();
    const before = readFieldEdits(a).length;
    expect(() => resolveReportConflict(a, OUTCOME, 'många', ANNA)).toThrow(InvalidChangeError);
    expect(() => resolveReportConflict(a, 'meta/status', 'godkand', ANNA)).toThrow(/not a report field/);
    expect(readFieldEdits(a)).toHaveLength(before);
    expect(readReportConflicts(a)).toHaveLength(1);
  });

  it('skips log entries that do not validate instead of failing', () => {
    const { a, b, exchange } = apart();
    setIndicatorOutcome(a, 'ind-heltid', 76.5, ANNA);
    setIndicatorOutcome(b, 'ind-heltid', 78, BO);
    b.getArray('fieldEdits').push([{ field: OUTCOME, value: 1 }, 'garbage']);
    exchange();
    expect(readFieldEdits(a)).toHaveLength(2);
    expect(readReportConflicts(a)).toHaveLength(1);
  });
});

describe('field edits of assignments', () => {
  const seeded = () => {
    const replicas = apart();
    seedAssignments(replicas.a, councilAssignments2015);
    replicas.exchange();
    return replicas;
  };

  it('flags a status and an end date changed while apart, not the fields only one changed', () => {
    const { a, b, exchange } = seeded();
    setAssignmentStatus(a, 'ka-2015-1', 'pagar', ANNA, AT_A);
    setAssignmentStatus(b, 'ka-2015-1', 'klar', BO, AT_B);
    updateAssignment(a, 'ka-2015-1', { endDate: '2015-10-31', responsiblePerson: 'Anna' }, ANNA, AT_A);
    updateAssignment(b, 'ka-2015-1', { endDate: '2015-11-30', progressNote: 'Nästan klar' }, BO, AT_B);
    exchange();
    for (const doc of [a, b]) {
      const conflicts = readAssignmentConflicts(doc, 'ka-2015-1');
      expect(conflicts.map((conflict) => conflict.field)).toEqual([
        assignmentField('ka-2015-1', 'endDate'),
        assignmentField('ka-2015-1', 'status'),
      ]);
      const current = readAssignment(doc, 'ka-2015-1');
      for (const conflict of conflicts) {
        const name = conflict.field.split('/').at(-1) as 'endDate' | 'status';
        expect(conflict.kept.value).toBe(current?.[name]);
        expect(conflict.others.map((other) => other.value)).not.toContain(current?.[name]);
        expect(new Set([conflict.kept.edit?.by, conflict.others[0]?.by])).toEqual(
          new Set([ANNA.username, BO.username]),
        );
      }
      expect(current).toMatchObject({ responsiblePerson: 'Anna', progressNote: 'Nästan klar' });
      expect(readAssignmentConflicts(doc, 'ka-2015-2')).toEqual([]);
    }
  });

  it('resolves a status conflict for both; the history records the choice only if it changed', () => {
    const { a, b, exchange } = seeded();
    setAssignmentStatus(a, 'ka-2015-2', 'pagar', ANNA);
    setAssignmentStatus(b, 'ka-2015-2', 'klar', BO);
    exchange();
    const [conflict] = readAssignmentConflicts(a);
    if (!conflict) throw new Error('expected a conflict');
    const historyBefore = readStatusHistory(a, 'ka-2015-2').length;
    resolveAssignmentConflict(a, conflict.field, conflict.kept.value, ANNA);
    expect(readStatusHistory(a, 'ka-2015-2')).toHaveLength(historyBefore);
    exchange();
    expect(readAssignmentConflicts(a)).toEqual([]);
    expect(readAssignmentConflicts(b)).toEqual([]);
    expect(readAssignment(b, 'ka-2015-2')?.status).toBe(conflict.kept.value);
  });

  it('does not flag a stale whole-form save against a concurrent edit of another field', () => {
    const { a, b, exchange } = seeded();
    const stale = readAssignment(b, 'ka-2015-3');
    if (!stale) throw new Error('no assignment');
    updateAssignment(a, 'ka-2015-3', { responsiblePerson: 'Bo' }, ANNA);
    const { id: _id, status: _status, ...form } = stale;
    updateAssignment(b, 'ka-2015-3', { ...form, progressNote: 'ny' }, BO);
    exchange();
    expect(readAssignmentConflicts(a)).toEqual([]);
    expect(readAssignment(a, 'ka-2015-3')).toMatchObject({ responsiblePerson: 'Bo', progressNote: 'ny' });
  });
});

describe('field edits under random partitions', () => {
  /** A small seeded generator (mulberry32), so every run is reproducible from its seed. */
  const generator = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  const send = (from: Y.Doc, to: Y.Doc) =>
    Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
  const authors = [ANNA, BO, { username: 'admin', displayName: 'Administratör' }];
  const indicators = ['ind-heltid', 'ind-sjuk'];
  let runsWithConflicts = 0;

  it.each(Array.from({ length: 40 }, (_, run) => run + 1))(
    'seed %i: replicas agree on every conflict, and one round of choices clears them all',
    (seed) => {
      const random = generator(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const docs = authors.map(() => new Y.Doc());
      for (let step = 0; step < 30; step++) {
        const index = Math.floor(random() * docs.length);
        const doc = docs[index] as Y.Doc;
        const roll = random();
        if (roll < 0.5)
          setIndicatorOutcome(doc, pick(indicators), Math.round(random() * 4), authors[index] ?? ANNA);
        else if (roll < 0.7)
          setReportBudget(doc, { forecastTkr: Math.round(random() * 3) }, authors[index] ?? ANNA);
        else send(doc, pick(docs)); // a partial exchange: one direction, between two replicas
      }
      for (const from of docs) for (const to of docs) if (from !== to) send(from, to);

      const verdicts = docs.map((doc) =>
        readReportConflicts(doc).map((conflict) => ({
          field: conflict.field,
          kept: conflict.kept.value,
          others: conflict.others.map((other) => other.id).sort(),
        })),
      );
      for (const verdict of verdicts) expect(verdict).toEqual(verdicts[0]);
      if ((verdicts[0]?.length ?? 0) > 0) runsWithConflicts++;
      for (const doc of docs) {
        expect(readReport(doc, '2015-03', 'hr')).toEqual(readReport(docs[0] as Y.Doc, '2015-03', 'hr'));
      }

      // One replica chooses for every conflict it sees; once that reaches the others, nothing is
      // flagged anywhere.
      const [first] = docs as [Y.Doc];
      for (const conflict of readReportConflicts(first)) {
        resolveReportConflict(first, conflict.field, conflict.others[0]?.value ?? conflict.kept.value, ANNA);
      }
      for (const to of docs) if (to !== first) send(first, to);
      for (const doc of docs) expect(readReportConflicts(doc)).toEqual([]);
    },
  );

  it('produced conflicts in a good share of the runs (else the runs above prove little)', () => {
    expect(runsWithConflicts).toBeGreaterThanOrEqual(10);
  });
});
