/**
 * Field and text history from the update log, against a real server: two users change a text
 * and a figure; the history names each with the right time, newest first; restoring an old
 * text writes it back as a new change by the restorer, seen live by open clients.
 */

import { fieldHeads, readReport, reportDocumentName, reportText, setIndicatorOutcome } from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const MONTH = '2015-03';
const DOC = reportDocumentName(MONTH, 'hr');
const TEXT = 'analysis:goal:history-probe';

interface History {
  field: string;
  entries: { seq: number; at: string; userId: string; userName: string; value: unknown; html?: string }[];
}

/** Replaces a text with one paragraph, as an editor would. */
function writeParagraph(doc: Y.Doc, text: string): void {
  const fragment = reportText(doc, 'analysis', 'goal:history-probe');
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    fragment.insert(0, [paragraph]);
  });
}

describe.each(STORAGES)('history and restore (%s)', (storage) => {
  let server: ServerProcess;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // Compaction after every few updates: history must survive it (the log rows stay).
    server = await startServerProcess(await freshServerOptions(storage, { COMPACT_AFTER_UPDATES: '2' }));
    for (const username of ['chef-hr', 'kommunchef', 'lasare']) {
      const session = await signIn(server.url, username);
      tokens[username] = session.token;
      ids[username] = session.user.id;
    }
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const api = (username: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api/documents/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[username]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const history = async (field: string) =>
    (await (
      await api('lasare', 'GET', `${DOC}/history?field=${encodeURIComponent(field)}`)
    ).json()) as History;

  it('shows who changed a text and a figure, and restores an old text and an old figure as new changes', async () => {
    const chef = connectClient(server.wsUrl, DOC, tokens['chef-hr'] as string);
    const boss = connectClient(server.wsUrl, DOC, tokens.kommunchef as string);
    await Promise.all([chef.synced, boss.synced]);
    const textOf = (doc: Y.Doc) => readReport(doc, MONTH, 'hr').analysis['goal:history-probe'];

    const started = Date.now();
    writeParagraph(chef.doc, 'Första versionen');
    setIndicatorOutcome(chef.doc, 'history-probe', 10, asAuthor('chef-hr'));
    // The second writer builds on the first one's changes (not a concurrent edit).
    await waitFor(
      () =>
        textOf(boss.doc) === 'Första versionen' &&
        boss.doc.getMap('indicatorOutcomes').get('history-probe') === 10,
      'the first changes at the other client',
    );
    writeParagraph(boss.doc, 'Andra versionen');
    setIndicatorOutcome(boss.doc, 'history-probe', 12, asAuthor('kommunchef'));
    await waitFor(() => textOf(chef.doc) === 'Andra versionen', 'the second text at the other client');
    // Both changes are stored once another client can load them.
    const reader = connectClient(server.wsUrl, DOC, tokens.lasare as string);
    await reader.synced;
    await waitFor(
      () => reader.doc.getMap('indicatorOutcomes').get('history-probe') === 12,
      'the second changes stored',
    );
    reader.destroy();

    const text = await history(TEXT);
    expect(text.field).toBe(TEXT);
    expect(text.entries.map((entry) => [entry.userName, entry.value])).toEqual([
      ['Kommunchef', 'Andra versionen'],
      ['Avdelningschef HR avdelningen', 'Första versionen'],
    ]);
    expect(text.entries[0]?.userId).toBe(ids.kommunchef);
    expect(text.entries[0]?.html).toContain('<paragraph>Andra versionen</paragraph>');
    for (const entry of text.entries) {
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(started - 60_000);
    }
    expect(text.entries[0]?.seq).toBeGreaterThan(text.entries[1]?.seq as number);

    const figure = await history('indicatorOutcomes/history-probe');
    expect(figure.entries.map((entry) => [entry.userName, entry.value])).toEqual([
      ['Kommunchef', 12],
      ['Avdelningschef HR avdelningen', 10],
    ]);

    // Restoring the department head's text.
    const oldSeq = text.entries[1]?.seq;
    expect((await api('lasare', 'POST', `${DOC}/history/restore`, { field: TEXT, seq: oldSeq })).status).toBe(
      403,
    );
    const restored = await api('chef-hr', 'POST', `${DOC}/history/restore`, { field: TEXT, seq: oldSeq });
    expect(restored.status).toBe(200);
    expect(await restored.json()).toEqual({ restored: true });
    await waitFor(() => textOf(boss.doc) === 'Första versionen', 'the restored text, live');
    const after = await history(TEXT);
    expect(after.entries).toHaveLength(3);
    expect(after.entries[0]).toMatchObject({
      userName: 'Avdelningschef HR avdelningen',
      value: 'Första versionen',
    });
    // History is never rewritten: the older entries are unchanged.
    expect(after.entries.slice(1)).toEqual(text.entries);

    // Restoring a figure is recorded in the field edit log like any write: one head, by the
    // restorer, so an offline change made meanwhile would be flagged against it.
    const firstFigure = figure.entries[1]?.seq;
    const figureRestored = await api('chef-hr', 'POST', `${DOC}/history/restore`, {
      field: 'indicatorOutcomes/history-probe',
      seq: firstFigure,
    });
    expect(figureRestored.status).toBe(200);
    await waitFor(
      () => boss.doc.getMap('indicatorOutcomes').get('history-probe') === 10,
      'the restored figure, live',
    );
    await waitFor(
      () => fieldHeads(boss.doc, 'indicatorOutcomes/history-probe')[0]?.by === 'chef-hr',
      'the restore in the field edit log',
    );
    expect(
      fieldHeads(boss.doc, 'indicatorOutcomes/history-probe').map((head) => [head.by, head.value]),
    ).toEqual([['chef-hr', 10]]);
    chef.destroy();
    boss.destroy();
  });

  it('refuses bad fields, unknown updates, and restores into an approved month', async () => {
    expect((await api('lasare', 'GET', `${DOC}/history?field=meta/status`)).status).toBe(400);
    expect((await api('lasare', 'GET', `${DOC}/history`)).status).toBe(400);
    expect((await api('lasare', 'GET', 'nonsense/history?field=x')).status).toBe(404);
    expect(
      (await api('kommunchef', 'POST', `${DOC}/history/restore`, { field: TEXT, seq: 999_999 })).status,
    ).toBe(404);
    expect(
      (await api('kommunchef', 'POST', `${DOC}/history/restore`, { field: TEXT, seq: 'x' })).status,
    ).toBe(400);
    // January is approved in the demo.
    const approved = reportDocumentName('2015-01', 'hr');
    const budget = (await (
      await api('kommunchef', 'GET', `${approved}/history?field=budget/forecastTkr`)
    ).json()) as History;
    expect(budget.entries.length).toBeGreaterThan(0);
    expect(budget.entries.at(-1)?.userName).toBe('System');
    const refused = await api('kommunchef', 'POST', `${approved}/history/restore`, {
      field: 'budget/forecastTkr',
      seq: budget.entries.at(-1)?.seq,
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toContain('approved');
    // A department head restores only progress fields of assignments.
    const plan = await api('chef-hr', 'POST', 'assignments:2015/history/restore', {
      field: 'assignments/ka-2015-2/title',
      seq: 1,
    });
    expect(plan.status).toBe(403);
  });
});
