/**
 * Write rights at the websocket, per connection and document: a change from a connection
 * without the right is not applied, not stored and not seen by anyone, and its sender is told.
 * Sent with a raw protocol client, so nothing in a client can be what stops it.
 */

import {
  assignmentsDocumentName,
  planDocumentName,
  readAssignment,
  readAssignments,
  readPlan,
  reportDocumentName,
  setAssignmentStatus,
  setPlanMeta,
  updateAssignment,
} from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectRawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

/**
 * A map where a probe value is a valid write for someone allowed to write the document: an
 * outcome in a report (a number under an id). The plan and the assignments have no such map;
 * their probes are refused by role before any value matters.
 */
function probeMap(doc: Y.Doc, docName: string): Y.Map<unknown> {
  return doc.getMap(docName.startsWith('report:') ? 'indicatorOutcomes' : 'probe');
}

/** An update that sets one probe key, as a client would send it. */
function updateSetting(docName: string, key: string): Uint8Array {
  const doc = new Y.Doc();
  probeMap(doc, docName).set(key, 1);
  return Y.encodeStateAsUpdate(doc);
}

/** A write the kommunchef may make in any document, and whether a copy shows it. */
const allowedWrite = {
  make(doc: Y.Doc, docName: string, tag: string): void {
    if (docName.startsWith('assignments:'))
      updateAssignment(doc, 'ka-2015-1', { responsiblePerson: tag }, asAuthor('kommunchef'));
    // The 2015 plan is adopted: a change is a revision with its reason.
    else if (docName.startsWith('plan:'))
      setPlanMeta(doc, 'mission', tag, { author: asAuthor('kommunchef'), reason: 'Test' });
    else probeMap(doc, docName).set(tag, 1);
  },
  seen(doc: Y.Doc, docName: string, tag: string): boolean {
    if (docName.startsWith('assignments:'))
      return readAssignment(doc, 'ka-2015-1')?.responsiblePerson === tag;
    if (docName.startsWith('plan:')) return readPlan(doc)?.mission === tag;
    return probeMap(doc, docName).get(tag) === 1;
  },
};

/** The update a change to the raw client's copy of the server's document makes. */
function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

describe.each(STORAGES)('write rights at the websocket (%s)', (storage) => {
  let server: ServerProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions(storage));
    for (const username of ['lasare', 'chef-hr', 'chef-it', 'kommunchef']) {
      tokens[username] = (await signIn(server.url, username)).token;
    }
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  /** Whether a fresh client, after the attempt, finds the key on the server. */
  async function storedValue(docName: string, key: string): Promise<unknown> {
    const reader = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    try {
      await reader.synced;
      return probeMap(reader.doc, docName).get(key);
    } finally {
      reader.destroy();
    }
  }

  it.each([
    ['lasare', reportDocumentName('2015-03', 'hr')],
    ['lasare', assignmentsDocumentName(2015)],
    ['lasare', planDocumentName(2015)],
    ['chef-it', reportDocumentName('2015-03', 'hr')],
    ['chef-hr', planDocumentName(2015)],
  ])('%s writing %s: not applied, not stored, not seen, and told', async (username, docName) => {
    // Someone allowed is watching the document live.
    const watcher = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await watcher.synced;
    const raw = await connectRawClient(server.wsUrl, docName, tokens[username] as string);
    raw.sendUpdate(updateSetting(docName, `${username}-step2`), 'sync-step-2');
    raw.sendUpdate(updateSetting(docName, `${username}-update`), 'update');
    await waitFor(() => raw.denied.length > 0, 'a permission-denied message');
    expect(raw.denied[0]).toContain('read-only');

    // A write by an allowed user after the refused ones: once it arrives, anything the
    // refused writes could have done would have arrived before it.
    allowedWrite.make(watcher.doc, docName, `after-${username}`);
    const second = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await second.synced;
    await waitFor(() => allowedWrite.seen(second.doc, docName, `after-${username}`), 'the allowed write');
    expect(probeMap(watcher.doc, docName).has(`${username}-step2`)).toBe(false);
    expect(probeMap(watcher.doc, docName).has(`${username}-update`)).toBe(false);
    second.destroy();
    watcher.destroy();
    await raw.close();

    expect(await storedValue(docName, `${username}-step2`)).toBeUndefined();
    expect(await storedValue(docName, `${username}-update`)).toBeUndefined();
  });

  it('a read-only client that syncs without changing anything is not told off', async () => {
    const docName = planDocumentName(2015);
    const before = await (await fetch(`${server.url}/metrics`)).text();
    const refusedLine = before
      .split('\n')
      .find((line) => line.startsWith('foljsam_errors_total{kind="write-refused"}'));
    const refusedBefore = Number(refusedLine?.split(' ')[1] ?? 0);
    const raw = await connectRawClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    // What the stock client sends back after the handshake: its (empty, or already known) state.
    raw.sendUpdate(Y.encodeStateAsUpdate(new Y.Doc()), 'sync-step-2');
    raw.sendUpdate(Y.encodeStateAsUpdate(raw.doc), 'sync-step-2');
    // A real change behind them: its refusal proves the two before it were handled.
    raw.sendUpdate(updateSetting(docName, 'probe'), 'update');
    await waitFor(() => raw.denied.length > 0, 'the refusal of the real change');
    await raw.close();
    // Every refused write is counted: only the real change may be.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const refused = metrics
      .split('\n')
      .find((line) => line.startsWith('foljsam_errors_total{kind="write-refused"}'));
    expect(Number(refused?.split(' ')[1])).toBe(refusedBefore + 1);
  });

  it("a department head's change to their own department's report is applied and stored", async () => {
    const docName = reportDocumentName('2015-03', 'hr');
    const raw = await connectRawClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    raw.sendUpdate(updateSetting(docName, 'own'), 'update');
    await raw.close();
    const deadline = Date.now() + 5000;
    let value: unknown;
    while (value !== 1 && Date.now() < deadline) value = await storedValue(docName, 'own');
    expect(value).toBe(1);
    expect(raw.denied).toEqual([]);
  });

  /** The server's count of refused writes (a Prometheus counter). */
  async function refusedWrites(): Promise<number> {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('foljsam_errors_total{kind="write-refused"}'));
    return Number(line?.split(' ')[1] ?? 0);
  }

  // January 2015 is approved (godkänd) in the demo: read-only for everyone, kommunchef too.
  it.each(['chef-hr', 'kommunchef'])(
    '%s writing an approved month: not applied, stored or seen',
    async (username) => {
      const docName = reportDocumentName('2015-01', 'hr');
      const watcher = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
      await watcher.synced;
      const before = await refusedWrites();
      const raw = await connectRawClient(server.wsUrl, docName, tokens[username] as string);
      raw.sendUpdate(updateSetting(docName, `${username}-step2`), 'sync-step-2');
      raw.sendUpdate(updateSetting(docName, `${username}-update`), 'update');
      await waitFor(() => raw.denied.length > 0, 'a permission-denied message');
      expect(raw.denied[0]).toContain('approved');
      // Both were handled (and refused) once the counter has moved by two.
      const deadline = Date.now() + 10_000;
      while ((await refusedWrites()) < before + 2 && Date.now() < deadline);
      expect(await refusedWrites()).toBe(before + 2);
      await raw.close();
      expect(await storedValue(docName, `${username}-step2`)).toBeUndefined();
      expect(await storedValue(docName, `${username}-update`)).toBeUndefined();
      expect(probeMap(watcher.doc, docName).has(`${username}-update`)).toBe(false);
      watcher.destroy();
    },
  );

  it("refuses a change to a report's meta (the workflow's), even from kommunchef", async () => {
    const docName = reportDocumentName('2015-03', 'hr');
    const watcher = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await watcher.synced;
    const raw = await connectRawClient(server.wsUrl, docName, tokens.kommunchef as string);
    raw.sendUpdate(
      updateOf(raw.doc, (doc) => doc.getMap('meta').set('status', 'godkand')),
      'update',
    );
    await waitFor(() => raw.denied.length > 0, 'a permission-denied message');
    expect(raw.denied[0]).toContain('workflow');
    allowedWrite.make(watcher.doc, docName, 'after-meta');
    await raw.close();
    const reader = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await reader.synced;
    await waitFor(() => allowedWrite.seen(reader.doc, docName, 'after-meta'), 'the allowed write');
    expect(reader.doc.getMap('meta').get('status')).not.toBe('godkand');
    expect(watcher.doc.getMap('meta').get('status')).not.toBe('godkand');
    reader.destroy();
    watcher.destroy();
  });

  it("a department head may change the status of their own department's assignment, not reassign it", async () => {
    const docName = assignmentsDocumentName(2015);
    const watcher = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await watcher.synced;
    const raw = await connectRawClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    const own = readAssignments(raw.doc).find((assignment) => assignment.departmentId === 'hr');
    const other = readAssignments(raw.doc).find(
      (assignment) => assignment.departmentId !== 'hr' && assignment.departmentId !== null,
    );
    if (!own || !other) throw new Error('the demo has no hr assignment');

    // Refused: reassigning their own, and changing another department's status.
    raw.sendUpdate(
      updateOf(raw.doc, (doc) => updateAssignment(doc, own.id, { departmentId: 'it' }, asAuthor('chef-hr'))),
      'update',
    );
    await waitFor(() => raw.denied.length > 0, 'a permission-denied message');
    expect(raw.denied[0]).toContain('read-only');
    // The raw client's copy now holds the refused change; a fresh one starts from the server.
    await raw.close();
    const second = await connectRawClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    second.sendUpdate(
      updateOf(second.doc, (doc) => setAssignmentStatus(doc, other.id, 'klar', asAuthor('chef-hr'))),
      'update',
    );
    await waitFor(() => second.denied.length > 0, 'a permission-denied message');
    // Accepted: a status change of their own assignment (with its history entry).
    const third = await connectRawClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    const target = own.status === 'klar' ? 'pagar' : 'klar';
    third.sendUpdate(
      updateOf(third.doc, (doc) => setAssignmentStatus(doc, own.id, target, asAuthor('chef-hr'))),
      'update',
    );
    await waitFor(
      () => readAssignments(watcher.doc).find((a) => a.id === own.id)?.status === target,
      'the accepted status change',
    );
    expect(third.denied).toEqual([]);
    const seen = readAssignments(watcher.doc);
    expect(seen.find((a) => a.id === own.id)?.departmentId).toBe('hr');
    expect(seen.find((a) => a.id === other.id)?.status).toBe(other.status);
    await second.close();
    await third.close();
    watcher.destroy();

    const reader = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await reader.synced;
    const stored = readAssignments(reader.doc);
    expect(stored.find((a) => a.id === own.id)).toMatchObject({ departmentId: 'hr', status: target });
    expect(stored.find((a) => a.id === other.id)?.status).toBe(other.status);
    reader.destroy();
  });

  it('tells the client its rights over REST, and refuses unknown documents', async () => {
    const access = async (username: string, docName: string) =>
      (
        await fetch(`${server.url}/api/documents/${docName}/access`, {
          headers: { authorization: `Bearer ${tokens[username]}` },
        })
      ).json();
    const readOnly = (readOnlyReason: string) => ({
      read: true,
      write: false,
      writeScope: 'none',
      readOnlyReason,
    });
    const writable = (writeScope: string) => ({ read: true, write: true, writeScope, readOnlyReason: null });
    expect(await access('lasare', 'report:2015-03:hr')).toEqual(readOnly('role'));
    expect(await access('chef-hr', 'report:2015-03:hr')).toEqual(writable('all'));
    expect(await access('chef-it', 'report:2015-03:hr')).toEqual(readOnly('other-department'));
    expect(await access('chef-hr', 'report:2015-01:hr')).toEqual(readOnly('approved'));
    expect(await access('kommunchef', 'report:2015-01:hr')).toEqual(readOnly('approved'));
    expect(await access('chef-hr', 'plan:2015')).toEqual(readOnly('role'));
    expect(await access('lasare', 'plan:2015')).toEqual(readOnly('role'));
    expect(await access('kommunchef', 'plan:2015')).toEqual(writable('all'));
    expect(await access('chef-hr', 'assignments:2015')).toEqual(writable('progress'));
    expect(await access('kommunchef', 'assignments:2015')).toEqual(writable('all'));
    const unknown = await fetch(`${server.url}/api/documents/nonsense/access`, {
      headers: { authorization: `Bearer ${tokens['chef-hr']}` },
    });
    expect(unknown.status).toBe(404);
    expect((await fetch(`${server.url}/api/documents/plan:2015/access`)).status).toBe(401);
  });
});
