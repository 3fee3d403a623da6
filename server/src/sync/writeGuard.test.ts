import {
  accessTo,
  boardSummaryText,
  type DocumentRef,
  deleteAssignment,
  readReportStatus,
  reportText,
  roleScope,
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
import { anyContent, craftUpdate } from './testing/craftUpdate';
import { checkChange, REFUSAL } from './writeGuard';

const chefHr: User = {
  id: 'u-hr',
  username: 'chef-hr',
  displayName: 'Chef HR',
  role: 'avdelningschef',
  departmentId: 'hr',
};
/** Who the test's writes are recorded as (the domain's writers record an author). */
const AUTHOR = { username: 'chef-hr', displayName: 'Avdelningschef HR' };
const MANAGER = { username: 'kommunchef', displayName: 'Kommunchef' };
const REPORT: DocumentRef = {
  kind: 'report',
  period: '2015-03',
  reportKind: 'month',
  month: '2015-03',
  year: 2015,
  departmentId: 'hr',
};
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

describe('checkChange', () => {
  it('refuses meta on a report for everyone, and everything once it is approved', () => {
    const doc = reportDoc();
    const outcome = changeOf(doc, (c) => setIndicatorOutcome(c, 'i1', 4, AUTHOR));
    expect(checkChange(doc, REPORT, chefHr, 'all', outcome)).toMatchObject({ ok: true });
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
      expect(checkChange(server, ASSIGNMENTS, chefHr, 'progress', offline)).toMatchObject({ ok: true });
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
        c.getArray('fieldEdits').push([
          {
            id: 'e1',
            field: `assignments/${own.id}/progressNote`,
            value: 'x',
            parents: [],
            by: 'chef-hr',
            byName: 'Chef HR',
            at: '2015-03-01T10:00:00.000Z',
          },
        ]),
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
    // kommunchef (scope all) may delete an assignment.
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

/** The server's own client id in these tests: its workflow writes `meta` under it. */
const SERVER_CLIENT = 1;
const ATTACKER_CLIENT = 777;

function serverReport(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = SERVER_CLIENT;
  setReportStatus(doc, 'utkast', 'kommunchef');
  setIndicatorOutcome(doc, 'i1', 3, AUTHOR);
  return doc;
}

describe('checkChange: what an update does, not how it is encoded', () => {
  it('refuses items parked behind a Skip on clocks the server writes later (the self-approval)', () => {
    const doc = serverReport();
    const next = Y.getState(doc.store, SERVER_CLIENT);
    // An item whose origin is the server's next clock: Yjs parks it until the server's next
    // write to `meta`, then integrates it as meta.status = "godkand".
    const parked = craftUpdate([
      { client: SERVER_CLIENT, clock: next, structs: [{ kind: 'skip', length: 1 }] },
      {
        client: ATTACKER_CLIENT,
        clock: 0,
        structs: [{ kind: 'item', origin: Y.createID(SERVER_CLIENT, next), content: anyContent('godkand') }],
      },
    ]);
    expect(checkChange(doc, REPORT, chefHr, 'all', parked)).toMatchObject({ ok: false });
    const withoutSkip = craftUpdate([
      {
        client: ATTACKER_CLIENT,
        clock: 0,
        structs: [{ kind: 'item', origin: Y.createID(SERVER_CLIENT, next), content: anyContent('godkand') }],
      },
    ]);
    expect(checkChange(doc, REPORT, chefHr, 'all', withoutSkip)).toMatchObject({ ok: false });
    // What today's Yjs would do with it, to show the test exercises the attack.
    const victim = serverReport();
    Y.applyUpdate(victim, parked);
    expect(victim.store.pendingStructs).not.toBeNull();
    setReportStatus(victim, 'inskickad', 'chef-hr');
    // Yjs retries parked items at the next update it applies: any client's edit.
    Y.applyUpdate(
      victim,
      changeOf(victim, (c) => setIndicatorOutcome(c, 'i1', 4, AUTHOR)),
    );
    expect(readReportStatus(victim)).toBe('godkand');
  });

  it('refuses deletions of clocks the server has not seen (parked deletes)', () => {
    const doc = serverReport();
    const next = Y.getState(doc.store, SERVER_CLIENT);
    const update = craftUpdate([], [{ client: SERVER_CLIENT, clock: next, length: 5 }]);
    expect(checkChange(doc, REPORT, chefHr, 'all', update)).toMatchObject({ ok: false });
  });

  it('refuses references to later clocks of the same client instead of crashing the document', () => {
    const doc = serverReport();
    const forward = craftUpdate([
      {
        client: ATTACKER_CLIENT,
        clock: 0,
        structs: [
          { kind: 'item', origin: Y.createID(ATTACKER_CLIENT, 5), content: anyContent(1) },
          { kind: 'item', parent: 'indicatorOutcomes', parentSub: 'i9', content: anyContent(2) },
        ],
      },
    ]);
    expect(checkChange(doc, REPORT, chefHr, 'all', forward)).toMatchObject({ ok: false });
    expect(() => Y.applyUpdate(serverReport(), forward)).toThrow();
  });

  it('finds a meta write hidden behind an origin (no parent in the update)', () => {
    const doc = serverReport();
    const statusItem = doc.getMap('meta')._map.get('status');
    if (!statusItem) throw new Error('no status');
    const update = craftUpdate([
      {
        client: ATTACKER_CLIENT,
        clock: 0,
        structs: [{ kind: 'item', origin: statusItem.lastId, content: anyContent('godkand') }],
      },
    ]);
    expect(checkChange(doc, REPORT, chefHr, 'all', update)).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.meta}`,
    });
  });

  it('applies the canonical form: what Yjs integrates is what was checked', () => {
    const doc = serverReport();
    const update = changeOf(doc, (c) => setIndicatorOutcome(c, 'i2', 7, AUTHOR));
    const verdict = checkChange(doc, REPORT, chefHr, 'all', update);
    if (!verdict.ok) throw new Error(verdict.reason);
    Y.applyUpdate(doc, verdict.update);
    expect(doc.getMap('indicatorOutcomes').get('i2')).toBe(7);
    expect(doc.store.pendingStructs).toBeNull();
  });
});

describe('checkChange: values', () => {
  const assignmentsDoc = () => {
    const doc = new Y.Doc();
    doc.clientID = SERVER_CLIENT;
    seedAssignments(doc, councilAssignments2015);
    return doc;
  };
  const own = councilAssignments2015.find((a) => a.departmentId === 'hr');
  if (!own) throw new Error('demo data changed');

  it("refuses a status that is not a status, or a nested map, in a department head's assignment", () => {
    const doc = assignmentsDoc();
    const field = (value: unknown) =>
      changeOf(doc, (c) => {
        const entity = c.getMap<Y.Map<unknown>>('assignments').get(own.id);
        entity?.set('status', value);
      });
    expect(checkChange(doc, ASSIGNMENTS, chefHr, 'progress', field('klar')).ok).toBe(true);
    expect(checkChange(doc, ASSIGNMENTS, chefHr, 'progress', field('gömd'))).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.value}`,
    });
    expect(checkChange(doc, ASSIGNMENTS, chefHr, 'progress', field(new Y.Map())).ok).toBe(false);
    expect(checkChange(doc, ASSIGNMENTS, chefHr, 'progress', field('x'.repeat(30_000))).ok).toBe(false);
    // The progress note is bounded by its schema too (10 000 characters).
    const note = changeOf(doc, (c) =>
      c.getMap<Y.Map<unknown>>('assignments').get(own.id)?.set('progressNote', 'x'.repeat(10_001)),
    );
    expect(checkChange(doc, ASSIGNMENTS, chefHr, 'progress', note).ok).toBe(false);
  });

  it('refuses removing a field, but accepts a value set twice while offline', () => {
    const doc = assignmentsDoc();
    const removed = changeOf(doc, (c) =>
      c.getMap<Y.Map<unknown>>('assignments').get(own.id)?.delete('status'),
    );
    expect(checkChange(doc, ASSIGNMENTS, chefHr, 'progress', removed)).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.removal}`,
    });
    const twice = changeOf(doc, (c) => {
      setAssignmentStatus(c, own.id, 'pagar', AUTHOR);
      setAssignmentStatus(c, own.id, 'klar', AUTHOR);
    });
    expect(checkChange(doc, ASSIGNMENTS, chefHr, 'progress', twice).ok).toBe(true);
    // An overwritten (deleted) value crafted to land last would empty the field.
    const statusItem = doc.getMap<Y.Map<unknown>>('assignments').get(own.id)?._map.get('status');
    if (!statusItem) throw new Error('no status');
    const crafted = craftUpdate(
      [
        {
          client: ATTACKER_CLIENT,
          clock: 0,
          structs: [{ kind: 'item', origin: statusItem.lastId, content: new Y.ContentDeleted(1) }],
        },
      ],
      [{ client: statusItem.id.client, clock: statusItem.id.clock, length: 1 }],
    );
    expect(checkChange(doc, ASSIGNMENTS, chefHr, 'progress', crafted).ok).toBe(false);
  });

  it('refuses report values of the wrong kind, and texts over the limit', () => {
    const doc = serverReport();
    const status = (key: string, value: unknown) =>
      changeOf(doc, (c) => c.getMap('itemStatuses').set(key, value));
    expect(checkChange(doc, REPORT, chefHr, 'all', status('goal:g1', 'gron')).ok).toBe(true);
    expect(checkChange(doc, REPORT, chefHr, 'all', status('goal:g1', 'klar')).ok).toBe(false);
    expect(checkChange(doc, REPORT, chefHr, 'all', status('initiative:i1', 'klar')).ok).toBe(true);
    expect(checkChange(doc, REPORT, chefHr, 'all', status('nonsense', 'gron')).ok).toBe(false);
    const budget = changeOf(doc, (c) => c.getMap('budget').set('forecastTkr', 'lots'));
    expect(checkChange(doc, REPORT, chefHr, 'all', budget).ok).toBe(false);
    const stray = changeOf(doc, (c) => c.getMap('elsewhere').set('x', 1));
    expect(checkChange(doc, REPORT, chefHr, 'all', stray).ok).toBe(false);

    const text = (length: number) =>
      changeOf(doc, (c) =>
        reportText(c, 'analysis', 'goal:g1').insert(0, [new Y.XmlText('x'.repeat(length))]),
      );
    expect(checkChange(doc, REPORT, chefHr, 'all', text(1000)).ok).toBe(true);
    expect(checkChange(doc, REPORT, chefHr, 'all', text(100_001))).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.textLength}`,
    });
    // Characters count as the editor counts them: paragraphs and marks do not eat into them.
    const formatted = changeOf(doc, (c) =>
      reportText(c, 'analysis', 'goal:g2').insert(
        0,
        Array.from({ length: 1000 }, () => {
          const paragraph = new Y.XmlElement('paragraph');
          const words = new Y.XmlText();
          words.insert(0, 'x'.repeat(99), { bold: true });
          paragraph.insert(0, [words]);
          return paragraph;
        }),
      ),
    );
    expect(checkChange(doc, REPORT, chefHr, 'all', formatted).ok).toBe(true);
    // Structure alone is bounded too.
    const empty = changeOf(doc, (c) =>
      reportText(c, 'analysis', 'goal:g3').insert(
        0,
        Array.from({ length: 100_001 }, () => new Y.XmlElement('paragraph')),
      ),
    );
    expect(checkChange(doc, REPORT, chefHr, 'all', empty).ok).toBe(false);
  });

  it('counts what a text already holds, not what was ever written to it', () => {
    const doc = serverReport();
    const words = new Y.XmlText();
    reportText(doc, 'analysis', 'goal:g1').insert(0, [words]);
    words.insert(0, 'x'.repeat(99_990));
    const append = (length: number) =>
      changeOf(doc, (c) => {
        const text = reportText(c, 'analysis', 'goal:g1').get(0) as Y.XmlText;
        text.insert(text.length, 'y'.repeat(length));
      });
    // Ten characters left: the document's history is long enough that the text must be measured.
    expect(checkChange(doc, REPORT, chefHr, 'all', append(10)).ok).toBe(true);
    expect(checkChange(doc, REPORT, chefHr, 'all', append(11))).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.textLength}`,
    });
    // Deleted characters take no room: with most of it deleted, a long insert fits again.
    words.delete(0, 90_000);
    expect(checkChange(doc, REPORT, chefHr, 'all', append(50_000)).ok).toBe(true);
    expect(checkChange(doc, REPORT, chefHr, 'all', append(90_011)).ok).toBe(false);
    // What was written after the last measurement counts as well.
    words.insert(0, 'z'.repeat(80_000));
    expect(checkChange(doc, REPORT, chefHr, 'all', append(10_011)).ok).toBe(false);
    expect(checkChange(doc, REPORT, chefHr, 'all', append(10_010)).ok).toBe(true);
  });

  it('refuses field edits that name someone else, or rewrite the log', () => {
    const doc = serverReport();
    const asManager = changeOf(doc, (c) => setIndicatorOutcome(c, 'i1', 5, MANAGER));
    expect(checkChange(doc, REPORT, chefHr, 'all', asManager)).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.log}`,
    });
    const rewrite = changeOf(doc, (c) => c.getArray('fieldEdits').delete(0, 1));
    expect(checkChange(doc, REPORT, chefHr, 'all', rewrite).ok).toBe(false);
  });
});

describe("checkChange: the board report's summary", () => {
  const SUMMARY: DocumentRef = { kind: 'boardSummary', period: '2015-T1', year: 2015 };
  const manager: User = {
    id: 'u-kc',
    username: 'kommunchef',
    displayName: 'Kommunchef',
    role: 'kommunchef',
    departmentId: null,
  };
  const paragraph = (text: string) => (c: Y.Doc) => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    boardSummaryText(c).insert(0, [p]);
  };

  it('admits the kommunchef writing the summary text, and refuses a department head or a reader', () => {
    const doc = new Y.Doc();
    const update = changeOf(doc, paragraph('Månaden i korthet.'));
    const managerScope = roleScope(manager, SUMMARY).scope;
    expect(managerScope).toBe('all');
    expect(checkChange(doc, SUMMARY, manager, managerScope, update).ok).toBe(true);
    // A department head's crafted update is refused: the role gives no write scope at all.
    const headScope = roleScope(chefHr, SUMMARY).scope;
    expect(headScope).toBe('none');
    expect(checkChange(doc, SUMMARY, chefHr, headScope, update)).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.noWrite}`,
    });
    const reader: User = { ...chefHr, id: 'u-r', username: 'lasare', role: 'lasare', departmentId: null };
    expect(checkChange(doc, SUMMARY, reader, roleScope(reader, SUMMARY).scope, update).ok).toBe(false);
    // Everyone signed in reads it.
    expect(accessTo(chefHr, SUMMARY)).toMatchObject({ read: true, write: false, readOnlyReason: 'role' });
  });

  it('refuses anything but its one text, and a text over the limit', () => {
    const doc = new Y.Doc();
    const stray = changeOf(doc, (c) => c.getMap('meta').set('status', 'godkand'));
    expect(checkChange(doc, SUMMARY, manager, 'all', stray)).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.part}`,
    });
    const otherText = changeOf(doc, (c) =>
      c.getXmlFragment('analysis:goal:g1').insert(0, [new Y.XmlText('x')]),
    );
    expect(checkChange(doc, SUMMARY, manager, 'all', otherText).ok).toBe(false);
    const long = changeOf(doc, paragraph('x'.repeat(100_001)));
    expect(checkChange(doc, SUMMARY, manager, 'all', long)).toEqual({
      ok: false,
      reason: `read-only: ${REFUSAL.textLength}`,
    });
  });
});
