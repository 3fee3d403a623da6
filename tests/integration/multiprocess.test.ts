/**
 * Several server processes on one PostgreSQL: an update accepted by one reaches clients on
 * the others, presence too, and when a process dies its clients resync through another one
 * with nothing lost that anyone had received.
 */
import {
  assignmentsDocumentName,
  REPORT_ROOTS,
  readAssignment,
  reportDocumentName,
  setAssignmentStatus,
  updateAssignment,
} from '@foljsam/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectRawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { closeCode, openSocket } from '../support/sockets';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const DOC = assignmentsDocumentName(2015);
/**
 * A report of a month that is not approved: its outcomes take any id as key from the
 * kommunchef, so the failover test writes plain keys there.
 */
const OPEN_REPORT = reportDocumentName('2015-03', 'hr');
/** The root map of the report's outcomes (indicator id to number). */
const OUTCOMES = REPORT_ROOTS.indicatorOutcomes;

describe('two server processes on one PostgreSQL', () => {
  const servers: ServerProcess[] = [];
  const clients: YClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.kill();
  });

  async function twoProcesses() {
    const options = await freshServerOptions('postgres');
    // Started together: the start-up lock lets only one of them load the demo workspace.
    const [first, second] = await Promise.all([startServerProcess(options), startServerProcess(options)]);
    servers.push(first, second);
    const seeded = [first, second].filter((server) =>
      server.logs.some((line) => line.includes('demo workspace loaded')),
    );
    expect(seeded).toHaveLength(1);
    // Sessions live in the database: one sign-in works on both.
    const { token } = await signIn(first.url, 'kommunchef');
    return { first, second, token };
  }

  const connect = (server: ServerProcess, token: string, docName = DOC) => {
    const client = connectClient(server.wsUrl, docName, token);
    clients.push(client);
    return client;
  };

  it('carries updates both ways and merges concurrent edits of one assignment', async () => {
    const { first, second, token } = await twoProcesses();
    const a = connect(first, token);
    const b = connect(second, token);
    await Promise.all([a.synced, b.synced]);

    setAssignmentStatus(a.doc, 'ka-2015-1', 'pagar', asAuthor('kommunchef'));
    await waitFor(() => readAssignment(b.doc, 'ka-2015-1')?.status === 'pagar', 'a → b across processes');
    updateAssignment(b.doc, 'ka-2015-1', { responsiblePerson: 'Bo' }, asAuthor('kommunchef'));
    await waitFor(
      () => readAssignment(a.doc, 'ka-2015-1')?.responsiblePerson === 'Bo',
      'b → a across processes',
    );

    // Concurrent edits of different fields, one on each process.
    updateAssignment(a.doc, 'ka-2015-3', { progressNote: 'Utredning startad' }, asAuthor('kommunchef'));
    updateAssignment(b.doc, 'ka-2015-3', { decisionRef: 'KF § 12/2015' }, asAuthor('kommunchef'));
    const merged = (client: YClient) => readAssignment(client.doc, 'ka-2015-3');
    await waitFor(
      () =>
        [a, b].every(
          (client) =>
            merged(client)?.progressNote === 'Utredning startad' &&
            merged(client)?.decisionRef === 'KF § 12/2015',
        ),
      'both fields on both processes',
    );
  });

  it("closes a user's websockets on every process when an administrator on one revokes their sessions", async () => {
    const { first, second } = await twoProcesses();
    const admin = await signIn(first.url, 'admin');
    const chef = await signIn(second.url, 'chef-it');
    const other = await signIn(second.url, 'chef-hr');
    const onSecond = await openSocket(second.wsUrl, 'report:2015-03:it', chef.token);
    const otherOnSecond = await openSocket(second.wsUrl, 'report:2015-03:hr', other.token);
    const closed = closeCode(onSecond);
    const revoke = await fetch(`${first.url}/api/users/${chef.user.id}/sessions/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(revoke.status).toBe(204);
    expect(await closed).toBe(4401);
    expect(otherOnSecond.readyState).toBe(WebSocket.OPEN);

    // Signing out on one process closes that session's sockets on the other, and only those.
    const closedOther = closeCode(otherOnSecond);
    await fetch(`${first.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(await closedOther).toBe(4401);
  });

  it('carries presence across processes, and its removal', async () => {
    const { first, second, token } = await twoProcesses();
    const a = connect(first, token);
    const b = connect(second, token);
    await Promise.all([a.synced, b.synced]);
    // The name a client claims is replaced with its session's on the process it is on.
    a.provider.awareness.setLocalStateField('user', { name: 'Anna', color: '#1d4ed8' });
    const aOnB = () => b.provider.awareness.getStates().get(a.doc.clientID);
    await waitFor(() => aOnB()?.user?.color === '#1d4ed8', "b sees a's presence");
    expect(aOnB()?.user?.name).toBe('Kommunchef');

    // A connection on the other process cannot take over a's client id.
    const attacker = await connectRawClient(second.wsUrl, DOC, (await signIn(second.url, 'lasare')).token);
    attacker.sendAwareness([
      { clientId: a.doc.clientID, clock: 1_000, state: { user: { color: '#b91c1c' }, field: 'hijacked' } },
    ]);
    attacker.sendAwareness([{ clientId: 0x7ffff201, clock: 1, state: { field: 'attacker' } }]);
    await waitFor(() => b.provider.awareness.getStates().has(0x7ffff201), "the attacker's own presence");
    expect(aOnB()?.user).toEqual(expect.objectContaining({ name: 'Kommunchef', color: '#1d4ed8' }));
    await attacker.close();
    await waitFor(() => !b.provider.awareness.getStates().has(0x7ffff201), "the attacker's presence leaves");
    expect(aOnB()).toBeDefined();

    a.provider.disconnect();
    await waitFor(() => aOnB() === undefined, "a's presence is gone on b after it leaves");
  });

  it('loses nothing a client received when a process dies; its clients resync through the other', async () => {
    const { first, second, token } = await twoProcesses();
    const writer = connect(first, token, OPEN_REPORT);
    const observer = connect(second, token, OPEN_REPORT);
    await Promise.all([writer.synced, observer.synced]);

    const received = new Set<string>();
    observer.doc.getMap<number>(OUTCOMES).observe((event) => {
      for (const key of event.keysChanged) received.add(key);
    });
    let writing = true;
    const loop = (async () => {
      for (let i = 0; writing; i++) {
        writer.doc.getMap<number>(OUTCOMES).set(`k${i}`, i);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    await waitFor(() => received.size >= 200, 'the observer on the other process receives writes', 30_000);
    await first.kill('SIGKILL');
    writing = false;
    await loop;
    const receivedBeforeKill = new Set(received);

    // The writer's client moves to the surviving process with its Y.Doc, unsent edits included.
    writer.provider.awareness.destroy();
    writer.provider.destroy();
    writer.doc.getMap<number>(OUTCOMES).set('after-failover', 1);
    const moved = new WebsocketProvider(second.wsUrl, OPEN_REPORT, writer.doc, {
      // biome-ignore lint/suspicious/noExplicitAny: ws's WebSocket is what y-websocket expects in Node
      WebSocketPolyfill: WebSocket as any,
      disableBc: true,
      params: { token },
    });
    try {
      await waitFor(() => observer.doc.getMap(OUTCOMES).has('after-failover'), 'the moved client syncs');
      const fresh = connect(second, token, OPEN_REPORT);
      await fresh.synced;
      const stored = fresh.doc.getMap(OUTCOMES);
      expect([...receivedBeforeKill].filter((key) => !stored.has(key))).toEqual([]);
      // Everything the writer had, sent before or after the failover, is there.
      expect(stored.size).toBe(writer.doc.getMap(OUTCOMES).size);
    } finally {
      moved.awareness.destroy();
      moved.destroy();
    }
  });
});
