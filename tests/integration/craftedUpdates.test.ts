/**
 * Crafted updates at the websocket, through the public contract only (raw y-websocket frames
 * and REST), as an attacker with a department head's account would send them (issue #13):
 * items parked behind a Skip on the server's future clocks that became an approval once the
 * server next wrote `meta`, values that hid an assignment from the board, a text past its
 * limit, and a reference that crashed the document for everyone.
 */
import { assignmentsDocumentName, readAssignments, reportDocumentName } from '@foljsam/domain';
import { anyContent, craftUpdate } from '@foljsam/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { connectRawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const MONTH = '2015-05';
const REPORT = reportDocumentName(MONTH, 'hr');
const ATTACKER_CLIENT = 424_242;

describe.each(STORAGES)('crafted updates (%s)', (storage) => {
  let server: ServerProcess;
  let options: Awaited<ReturnType<typeof freshServerOptions>>;
  const tokens: Record<string, string> = {};

  const signInAll = async () => {
    for (const username of ['chef-hr', 'kommunchef'])
      tokens[username] = (await signIn(server.url, username)).token;
  };
  beforeAll(async () => {
    options = await freshServerOptions(storage);
    server = await startServerProcess(options);
    await signInAll();
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const workflow = async (username: string, action: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/reports/${MONTH}/hr/${action}`, {
      method: action === 'workflow' ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${tokens[username]}`, 'content-type': 'application/json' },
      ...(action === 'workflow' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
    return (await response.json()) as { status: string; error?: string };
  };

  it('a department head cannot approve their own report with items parked on the server’s next write', async () => {
    const attacker = await connectRawClient(server.wsUrl, REPORT, tokens['chef-hr'] as string);
    expect((await workflow('chef-hr', 'submit')).status).toBe('inskickad');
    await waitFor(() => attacker.doc.getMap('meta').get('status') === 'inskickad', 'the submit arrives');
    // The server writes meta under its own client id; its next write will start at `next`.
    const statusItem = attacker.doc.getMap('meta')._map.get('status');
    if (!statusItem) throw new Error('no status item');
    const serverClient = statusItem.id.client;
    const next = Y.getState(attacker.doc.store, serverClient);
    const parked = craftUpdate([
      { client: serverClient, clock: next, structs: [{ kind: 'skip', length: 1 }] },
      {
        client: ATTACKER_CLIENT,
        clock: 0,
        structs: [{ kind: 'item', origin: Y.createID(serverClient, next), content: anyContent('godkand') }],
      },
    ]);
    attacker.sendUpdate(parked, 'update');
    await waitFor(() => attacker.denied.length > 0, 'the crafted update is refused');
    expect(attacker.denied[0]).toContain('depends on changes the server does not have');

    // The server writes meta at `next` (a return), and then applies someone's next change.
    expect((await workflow('kommunchef', 'return', { comment: 'Komplettera' })).status).toBe(
      'aterremitterad',
    );
    const writer = connectClient(server.wsUrl, REPORT, tokens['chef-hr'] as string);
    await writer.synced;
    writer.doc.getMap('indicatorOutcomes').set('ind-heltid', 77);
    await waitFor(() => attacker.doc.getMap('indicatorOutcomes').get('ind-heltid') === 77, 'a later change');
    expect((await workflow('kommunchef', 'workflow')).status).toBe('aterremitterad');
    expect(attacker.doc.getMap('meta').get('status')).toBe('aterremitterad');
    writer.destroy();
    await attacker.close();

    // Nor after a restart, when the log is replayed.
    await server.kill('SIGTERM');
    server = await startServerProcess(options);
    await signInAll();
    expect((await workflow('kommunchef', 'workflow')).status).toBe('aterremitterad');
  });

  it('a department head cannot hide their own assignment from the board with an invalid status', async () => {
    const doc = assignmentsDocumentName(2015);
    const attacker = await connectRawClient(server.wsUrl, doc, tokens['chef-hr'] as string);
    const own = readAssignments(attacker.doc).find((assignment) => assignment.departmentId === 'hr');
    if (!own) throw new Error('the demo has no HR assignment');
    const count = readAssignments(attacker.doc).length;
    for (const value of ['gömd', new Y.Map<unknown>()]) {
      const before = Y.encodeStateVector(attacker.doc);
      attacker.doc.getMap<Y.Map<unknown>>('assignments').get(own.id)?.set('status', value);
      attacker.sendUpdate(Y.encodeStateAsUpdate(attacker.doc, before), 'update');
    }
    await waitFor(() => attacker.denied.some((reason) => reason.includes('not valid')), 'refused');
    await attacker.close();
    const reader = await connectRawClient(server.wsUrl, doc, tokens.kommunchef as string);
    expect(readAssignments(reader.doc)).toHaveLength(count);
    expect(readAssignments(reader.doc).find((assignment) => assignment.id === own.id)?.status).toBe(
      own.status,
    );
    await reader.close();
  });

  it('a reference the document cannot resolve is refused and the document keeps working for everyone', async () => {
    const doc = reportDocumentName('2015-06', 'hr');
    const bystander = connectClient(server.wsUrl, doc, tokens.kommunchef as string);
    await bystander.synced;
    const attacker = await connectRawClient(server.wsUrl, doc, tokens['chef-hr'] as string);
    // An item whose origin is a later clock of its own client: Yjs throws while applying it.
    attacker.sendUpdate(
      craftUpdate([
        {
          client: ATTACKER_CLIENT,
          clock: 0,
          structs: [{ kind: 'item', origin: Y.createID(ATTACKER_CLIENT, 9), content: anyContent(1) }],
        },
      ]),
      'update',
    );
    await waitFor(() => attacker.denied.length > 0, 'refused');
    // A text past its limit is refused too.
    const before = Y.encodeStateVector(attacker.doc);
    attacker.doc.getXmlFragment('analysis:goal:goal-6-1-4-1').insert(0, [new Y.XmlText('x'.repeat(150_000))]);
    attacker.sendUpdate(Y.encodeStateAsUpdate(attacker.doc, before), 'update');
    await waitFor(() => attacker.denied.some((reason) => reason.includes('at most')), 'text refused');
    bystander.doc.getMap('indicatorOutcomes').set('ind-heltid', 81);
    const watcher = await connectRawClient(server.wsUrl, doc, tokens['chef-hr'] as string);
    await waitFor(() => watcher.doc.getMap('indicatorOutcomes').get('ind-heltid') === 81, 'still syncs');
    expect(watcher.doc.getXmlFragment('analysis:goal:goal-6-1-4-1').length).toBe(0);
    bystander.destroy();
    await attacker.close();
    await watcher.close();
  });

  it("no one can write ahead on another user's client id and make that user's next changes vanish", async () => {
    const doc = reportDocumentName('2015-10', 'hr');
    const victim = connectClient(server.wsUrl, doc, tokens['chef-hr'] as string);
    await victim.synced;
    victim.doc.getMap('indicatorOutcomes').set('ind-heltid', 1);
    const attacker = await connectRawClient(server.wsUrl, doc, tokens.kommunchef as string);
    await waitFor(() => attacker.doc.getMap('indicatorOutcomes').get('ind-heltid') === 1, 'the first value');
    const victimClient = victim.doc.clientID;
    const ahead = craftUpdate([
      {
        client: victimClient,
        clock: Y.getState(attacker.doc.store, victimClient),
        structs: [
          { kind: 'item', parent: 'indicatorOutcomes', parentSub: 'ind-annan', content: anyContent(5) },
        ],
      },
    ]);
    attacker.sendUpdate(ahead, 'update');
    await waitFor(() => attacker.denied.length > 0, 'refused');
    expect(attacker.denied[0]).toContain('client id another user writes with');

    victim.doc.getMap('indicatorOutcomes').set('ind-heltid', 2);
    await waitFor(
      () => attacker.doc.getMap('indicatorOutcomes').get('ind-heltid') === 2,
      "the victim's next change",
    );
    expect(attacker.doc.getMap('indicatorOutcomes').get('ind-annan')).toBeUndefined();
    victim.destroy();
    await attacker.close();
  });
});
