/**
 * "Ändrat efter inskick": what changed in a report after a version, with real Y.Docs that
 * exchange updates the way clients through the server do.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readReport, reportBudgetText, reportText, setReportBudget, setReportStatus } from './report';
import {
  decodeReportVersion,
  isAtVersion,
  readSubmittedVersion,
  recordSubmittedVersion,
  reportChangesSince,
  reportChangesSinceSubmission,
  reportVersion,
} from './reportVersion';

const ANNA = { username: 'chef-hr', displayName: 'Anna Andersson' };
const BO = { username: 'kommunchef', displayName: 'Bo Berg' };

function paragraph(fragment: Y.XmlFragment, text: string): void {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [element]);
}

/** A report written by Anna and submitted by the server (its own client id). */
function submitted(): { server: Y.Doc; anna: Y.Doc } {
  const anna = new Y.Doc();
  setReportBudget(anna, { outcomeToDateTkr: 3_000, forecastTkr: 6_900 }, ANNA);
  paragraph(reportText(anna, 'analysis', 'goal:g1'), 'Allt enligt plan.');
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(anna));
  server.transact(() => {
    recordSubmittedVersion(server);
    setReportStatus(server, 'inskickad', 'chef-hr');
  });
  Y.applyUpdate(anna, Y.encodeStateAsUpdate(server));
  return { server, anna };
}

const sync = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('changes since submission', () => {
  it('is empty right after submitting: the status change itself is bookkeeping', () => {
    const { server } = submitted();
    expect(readSubmittedVersion(server)).not.toBeNull();
    expect(reportChangesSinceSubmission(server)).toEqual([]);
  });

  it('names a figure changed after submitting and who changed it', () => {
    const { server, anna } = submitted();
    setReportBudget(anna, { forecastTkr: 7_400 }, ANNA);
    sync(anna, server);
    const changes = reportChangesSinceSubmission(server);
    expect(changes.map(({ field, by, usernames }) => ({ field, by, usernames }))).toEqual([
      { field: 'budget/forecastTkr', by: ['Anna Andersson'], usernames: ['chef-hr'] },
    ]);
    expect(changes[0]?.clients).toEqual([anna.clientID]);
  });

  it('names texts that were typed into, and texts where something was only deleted', () => {
    const { server, anna } = submitted();
    paragraph(reportBudgetText(anna), 'Prognosen höjs.');
    sync(anna, server);
    expect(reportChangesSinceSubmission(server).map((change) => change.field)).toEqual(['analysis:budget']);

    // A deletion alone does not move the state vector; the version still tells it apart.
    const before = reportVersion(server);
    const text = (reportText(anna, 'analysis', 'goal:g1').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.delete(0, 5);
    const vectorBefore = Y.encodeStateVector(server);
    sync(anna, server);
    expect(Y.encodeStateVector(server)).toEqual(vectorBefore);
    const version = decodeReportVersion(before);
    expect(version).not.toBeNull();
    expect(isAtVersion(server, version as Y.Snapshot)).toBe(false);
    expect(reportChangesSince(server, version as Y.Snapshot).map((change) => change.field)).toEqual([
      'analysis:goal:g1',
    ]);
    expect(reportChangesSinceSubmission(server).map((change) => change.field)).toEqual([
      'analysis:budget',
      'analysis:goal:g1',
    ]);
  });

  it('lists every writer of a field once, and a cleared figure counts as a change', () => {
    const { server, anna } = submitted();
    const bo = new Y.Doc();
    sync(server, bo);
    setReportBudget(anna, { outcomeToDateTkr: 3_100 }, ANNA);
    sync(anna, server);
    sync(server, bo);
    setReportBudget(bo, { outcomeToDateTkr: null }, BO);
    setReportBudget(anna, { outcomeToDateTkr: 3_200 }, ANNA);
    sync(bo, server);
    sync(anna, server);
    const [change] = reportChangesSinceSubmission(server);
    expect(change?.field).toBe('budget/outcomeToDateTkr');
    expect([...(change?.by ?? [])].sort()).toEqual(['Anna Andersson', 'Bo Berg']);
  });

  it('says a document is at a version only when nothing was added or deleted', () => {
    const { server, anna } = submitted();
    const seen = decodeReportVersion(reportVersion(anna)) as Y.Snapshot;
    expect(isAtVersion(server, seen)).toBe(true);
    setReportBudget(anna, { forecastTkr: 7_000 }, ANNA);
    sync(anna, server);
    expect(isAtVersion(server, seen)).toBe(false);
    expect(readReport(server, '2015-06', 'hr').budget.forecastTkr).toBe(7_000);
    expect(decodeReportVersion('not base64 at all!')).toBeNull();
    expect(decodeReportVersion('')).toBeNull();
  });
});
