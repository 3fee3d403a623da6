import {
  type DocumentRef,
  deleteAssignment,
  reportText,
  seedAssignments,
  setAssignmentStatus,
  setIndicatorOutcome,
  setReportStatus,
  updateAssignment,
} from '@foljsam/domain';
import { councilAssignments2015 } from '@foljsam/domain/seed';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { User } from '../store/types';
import { checkChange, rootsTouched } from './writeGuard';

const chefHr: User = {
  id: 'u-hr',
  username: 'chef-hr',
  displayName: 'Chef HR',
  role: 'avdelningschef',
  departmentId: 'hr',
};
/** Who the test's writes are recorded as (the domain's writers record an author). */
const AUTHOR = { username: 'chef-hr', displayName: 'Avdelningschef HR' };
const REPORT: DocumentRef = { kind: 'report', month: '2015-03', year: 2015, departmentId: 'hr' };
const ASSIGNMENTS: DocumentRef = { kind: 'assignments', year: 2015 };

/** A client's copy of `server`, the update one change of it makes, and the server unchanged. */
function changeOf(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  client.destroy();
  return update;
}

function reportDoc(): Y.Doc {
  const doc = new Y.Doc();
  setReportStatus(doc, 'aterremitterad', 'kommunchef', { comment: 'fix it' });
  setIndicatorOutcome(doc, 'i1', 3, AUTHOR);
  reportText(doc, 'analysis', 'goal:g1').insert(0, [new Y.XmlText('hello')]);
  return doc;
}

describe('rootsTouched', () => {
  it('finds the root of new keys, overwritten keys (through their origin) and deletions', () => {
    const doc = reportDoc();
    expect(
      rootsTouched(
        doc,
        changeOf(doc, (c) => setIndicatorOutcome(c, 'i2', 1, AUTHOR)),
      ),
    ).toEqual(new Set(['indicatorOutcomes', 'fieldEdits']));
    // Overwriting a key refers to the old value as its origin, with no parent in the update.
    expect(
      rootsTouched(
        doc,
        changeOf(doc, (c) => c.getMap('meta').set('status', 'godkand')),
      ),
    ).toEqual(new Set(['meta']));
    expect(
      rootsTouched(
        doc,
        changeOf(doc, (c) => c.getMap('meta').delete('returnComment')),
      ),
    ).toEqual(new Set(['meta']));
    const text = changeOf(doc, (c) => {
      const paragraph = reportText(c, 'analysis', 'goal:g1').get(0) as Y.XmlText;
      paragraph.insert(5, ' world');
      paragraph.delete(0, 1);
    });
    expect(rootsTouched(doc, text)).toEqual(new Set(['analysis:goal:g1']));
    // What the server already has touches nothing.
    expect(rootsTouched(doc, Y.encodeStateAsUpdate(doc))).toEqual(new Set());
  });

  it('cannot resolve an update that depends on one the server lacks', () => {
    const doc = reportDoc();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const start = Y.encodeStateVector(client);
    client.getMap('meta').set('x', 1);
    const middle = Y.encodeStateVector(client);
    client.getMap('meta').set('x', 2);
    // Only the second change: its origin is the first, which the server never got.
    expect(rootsTouched(doc, Y.encodeStateAsUpdate(client, middle))).toBeNull();
    expect(rootsTouched(doc, Y.encodeStateAsUpdate(client, start))).toEqual(new Set(['meta']));
  });
});

describe('checkChange', () => {
  it('refuses meta on a report for everyone, and everything once it is approved', () => {
    const doc = reportDoc();
    const outcome = changeOf(doc, (c) => setIndicatorOutcome(c, 'i1', 4, AUTHOR));
    expect(checkChange(doc, REPORT, chefHr, 'all', outcome)).toEqual({ ok: true });
    const meta = changeOf(doc, (c) => setReportStatus(c, 'inskickad', 'chef-hr'));
    expect(checkChange(doc, REPORT, chefHr, 'all', meta)).toMatchObject({ ok: false });
    setReportStatus(doc, 'godkand', 'kommunchef');
    const verdict = checkChange(doc, REPORT, chefHr, 'all', outcome);
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('approved') });
  });

  it.each([
    [1, 2],
    [2, 1],
  ])(
    "accepts a department head's progress written while apart (client ids %i and %i)",
    (serverId, headId) => {
      const server = new Y.Doc();
      server.clientID = serverId;
      seedAssignments(server, councilAssignments2015);
      const own = councilAssignments2015.find((a) => a.departmentId === 'hr');
      if (!own) throw new Error('demo data changed');
      // The head goes offline with the server's state and changes status and note.
      const head = new Y.Doc();
      head.clientID = headId;
      Y.applyUpdate(head, Y.encodeStateAsUpdate(server));
      const before = Y.encodeStateVector(head);
      setAssignmentStatus(head, own.id, 'klar', AUTHOR);
      updateAssignment(head, own.id, { progressNote: 'Utredning pågår' }, AUTHOR);
      const offline = Y.encodeStateAsUpdate(head, before);
      // Meanwhile the kommunchef changes another field of it, appending to the same logs; Yjs
      // orders the concurrent log entries by client id, so both orders are tried.
      const manager = { username: 'kommunchef', displayName: 'K' };
      updateAssignment(server, own.id, { responsiblePerson: 'Anna Andersson' }, manager);
      expect(checkChange(server, ASSIGNMENTS, chefHr, 'progress', offline)).toEqual({ ok: true });
    },
  );

  it("lets a department head change only status and note of their own department's assignments", () => {
    const doc = new Y.Doc();
    seedAssignments(doc, councilAssignments2015);
    const own = councilAssignments2015.find((a) => a.departmentId === 'hr');
    const other = councilAssignments2015.find((a) => a.departmentId !== 'hr' && a.departmentId);
    if (!own || !other) throw new Error('demo data changed');
    setAssignmentStatus(doc, other.id, 'pagar', { username: 'kommunchef', displayName: 'kommunchef' });
    const check = (change: (c: Y.Doc) => void) =>
      checkChange(doc, ASSIGNMENTS, chefHr, 'progress', changeOf(doc, change)).ok;

    expect(
      check((c) => setAssignmentStatus(c, own.id, 'klar', { username: 'chef-hr', displayName: 'chef-hr' })),
    ).toBe(true);
    expect(check((c) => updateAssignment(c, own.id, { progressNote: 'på gång' }, AUTHOR))).toBe(true);
    expect(
      check((c) =>
        c
          .getArray('fieldEdits')
          .push([{ id: 'e1', field: `assignments/${own.id}/progressNote`, value: 'x' }]),
      ),
    ).toBe(true);

    expect(check((c) => updateAssignment(c, own.id, { departmentId: 'it' }, AUTHOR))).toBe(false);
    expect(check((c) => updateAssignment(c, own.id, { title: 'Ny titel' }, AUTHOR))).toBe(false);
    expect(
      check((c) => setAssignmentStatus(c, other.id, 'klar', { username: 'chef-hr', displayName: 'chef-hr' })),
    ).toBe(false);
    expect(check((c) => deleteAssignment(c, own.id))).toBe(false);
    expect(check((c) => c.getArray('statusHistory').delete(0, 1))).toBe(false);
    expect(
      check((c) =>
        c.getArray('fieldEdits').push([{ id: 'e2', field: `assignments/${own.id}/title`, value: 'x' }]),
      ),
    ).toBe(false);
    expect(check((c) => c.getMap('other').set('x', 1))).toBe(false);
    // kommunchef (scope all) may do anything.
    expect(
      checkChange(
        doc,
        ASSIGNMENTS,
        chefHr,
        'all',
        changeOf(doc, (c) => deleteAssignment(c, own.id)),
      ).ok,
    ).toBe(true);
  });
});
