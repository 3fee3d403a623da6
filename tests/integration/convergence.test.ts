/**
 * Two stock y-websocket clients converge on `assignments:2015` through a real server,
 * including concurrent edits of different fields of the same assignment.
 */
import {
  assignmentsDocumentName,
  readAssignment,
  readAssignments,
  setAssignmentStatus,
  updateAssignment,
} from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const DOC = assignmentsDocumentName(2015);

describe.each(STORAGES)('convergence of two y-websocket clients (%s)', (storage) => {
  let server: ServerProcess;
  let a: YClient;
  let b: YClient;

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions(storage));
    const [chef, hr] = await Promise.all([signIn(server.url, 'kommunchef'), signIn(server.url, 'chef-hr')]);
    a = connectClient(server.wsUrl, DOC, chef.token);
    b = connectClient(server.wsUrl, DOC, hr.token);
    await Promise.all([a.synced, b.synced]);
  });

  afterAll(async () => {
    a?.destroy();
    b?.destroy();
    await server?.kill('SIGTERM');
  });

  it('both clients receive the seeded assignments of 2015', () => {
    const titles = readAssignments(a.doc).map((assignment) => assignment.title);
    expect(titles).toHaveLength(6);
    expect(titles.some((title) => title.includes('elbilspool'))).toBe(true);
    expect(readAssignments(b.doc)).toEqual(readAssignments(a.doc));
  });

  it('an edit by one client reaches the other', async () => {
    const [first] = readAssignments(a.doc);
    if (!first) throw new Error('no assignment');
    setAssignmentStatus(a.doc, first.id, 'pagar', asAuthor('kommunchef'));
    await waitFor(() => readAssignment(b.doc, first.id)?.status === 'pagar', 'status on b');
  });

  it('concurrent edits of different fields of one assignment both survive', async () => {
    const [, second] = readAssignments(a.doc);
    if (!second) throw new Error('no assignment');
    // Disconnect both so the edits are truly concurrent, then reconnect.
    a.provider.disconnect();
    b.provider.disconnect();
    updateAssignment(a.doc, second.id, { responsiblePerson: 'Anna Andersson' }, asAuthor('kommunchef'));
    updateAssignment(b.doc, second.id, { progressNote: 'Utredning pågår' }, asAuthor('chef-hr'));
    setAssignmentStatus(b.doc, second.id, 'klar', asAuthor('chef-hr'));
    a.provider.connect();
    b.provider.connect();
    const merged = (client: YClient) => readAssignment(client.doc, second.id);
    await waitFor(
      () =>
        merged(a)?.responsiblePerson === 'Anna Andersson' &&
        merged(a)?.progressNote === 'Utredning pågår' &&
        merged(b)?.responsiblePerson === 'Anna Andersson' &&
        merged(a)?.status === 'klar',
      'merged fields on both clients',
    ).catch((error: Error) => {
      const state = (client: YClient) => ({
        connected: client.provider.wsconnected,
        synced: client.provider.synced,
        assignment: merged(client),
      });
      throw new Error(`${error.message}: ${JSON.stringify({ a: state(a), b: state(b) })}`);
    });
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
    expect(readAssignments(a.doc)).toEqual(readAssignments(b.doc));
  });

  it('a third client joining later gets the merged state from the server', async () => {
    const reader = await signIn(server.url, 'lasare');
    const c = connectClient(server.wsUrl, DOC, reader.token);
    try {
      await c.synced;
      expect(readAssignments(c.doc)).toEqual(readAssignments(a.doc));
    } finally {
      c.destroy();
    }
  });
});
