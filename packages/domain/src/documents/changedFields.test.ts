/** The fields a transaction changed, from the domain's own writers on real Y.Docs. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { councilAssignments2015 } from '../plan2015';
import { seedAssignments, setAssignmentStatus, updateAssignment } from './assignments';
import { changedFields, WHOLE_DOCUMENT_FIELD } from './changedFields';
import { reportText, setIndicatorOutcome, setReportBudget } from './report';

const ANNA = { username: 'chef-hr', displayName: 'Anna Andersson' };

/** Runs `change` on `doc` and returns the fields of every transaction it made. */
function fieldsOf(doc: Y.Doc, change: () => void): string[][] {
  const seen: string[][] = [];
  const listener = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) =>
    seen.push(changedFields(transaction));
  doc.on('update', listener);
  change();
  doc.off('update', listener);
  return seen;
}

describe('changedFields', () => {
  it('names a report number by its path and leaves out the field edit log written with it', () => {
    const doc = new Y.Doc();
    expect(fieldsOf(doc, () => setIndicatorOutcome(doc, 'ind-heltid', 76.5, ANNA))).toEqual([
      ['indicatorOutcomes/ind-heltid'],
    ]);
    expect(
      fieldsOf(doc, () => setReportBudget(doc, { forecastTkr: 18_500, outcomeToDateTkr: 9_000 }, ANNA)),
    ).toEqual([['budget/forecastTkr', 'budget/outcomeToDateTkr']]);
  });

  it('counts typing into a rich text, paragraph by paragraph, as that one text', () => {
    const doc = new Y.Doc();
    const text = reportText(doc, 'analysis', 'goal:mal-1');
    const paragraph = new Y.XmlElement('paragraph');
    const seen = fieldsOf(doc, () => {
      text.insert(0, [paragraph]);
      const content = new Y.XmlText();
      paragraph.insert(0, [content]);
      for (const character of 'Offline') content.insert(content.length, character);
      content.delete(0, 3);
    });
    expect(new Set(seen.map((fields) => fields.join()))).toEqual(new Set(['analysis:goal:mal-1']));
  });

  it('names an assignment field, not the status history beside it', () => {
    const doc = new Y.Doc();
    seedAssignments(doc, councilAssignments2015);
    const [first, second] = councilAssignments2015;
    if (!first || !second) throw new Error('the 2015 plan has assignments');
    expect(fieldsOf(doc, () => setAssignmentStatus(doc, first.id, 'klar', ANNA))).toEqual([
      [`assignments/${first.id}/status`],
    ]);
    expect(
      fieldsOf(doc, () =>
        updateAssignment(doc, second.id, { responsiblePerson: 'Eva', progressNote: 'ok' }, ANNA),
      ),
    ).toEqual([[`assignments/${second.id}/progressNote`, `assignments/${second.id}/responsiblePerson`]]);
  });

  it('names a new entry of a map by its key, not the values created inside it', () => {
    const doc = new Y.Doc();
    const root = doc.getMap<Y.Map<unknown>>('assignments');
    expect(
      fieldsOf(doc, () =>
        doc.transact(() => {
          const created = new Y.Map<unknown>();
          root.set('ka-new', created);
          created.set('title', 'Nytt');
        }),
      ),
    ).toEqual([['assignments/ka-new']]);
  });

  it('stands for the whole document when only bookkeeping changed', () => {
    const doc = new Y.Doc();
    expect(fieldsOf(doc, () => doc.getArray('fieldEdits').push([{ id: 'x' }]))).toEqual([
      [WHOLE_DOCUMENT_FIELD],
    ]);
  });
});
