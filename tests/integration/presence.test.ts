/**
 * Presence is bound to the signed-in user: the name in a presence state is the session's, a
 * connection can neither replace nor remove a presence state it did not introduce, and one
 * connection holds only a few. Hostile frames come from a raw protocol client; the others
 * are stock y-websocket clients. Presence is not stored, so one store (PGlite) is enough.
 */
import { assignmentsDocumentName } from '@foljsam/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { connectRawClient, type RawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const DOC = assignmentsDocumentName(2015);

interface SeenUser {
  id?: unknown;
  name?: unknown;
  color?: unknown;
}
type SeenState = { user?: SeenUser; username?: unknown; field?: unknown } & Record<string, unknown>;

describe('presence bound to the signed-in user', () => {
  let server: ServerProcess;
  const signedIn: Record<string, { token: string; id: string }> = {};
  const clients: YClient[] = [];
  const raws: RawClient[] = [];

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions('pglite'));
    for (const username of ['lasare', 'kommunchef', 'chef-hr']) {
      const { token, user } = await signIn(server.url, username);
      signedIn[username] = { token, id: user.id };
    }
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const raw of raws.splice(0)) await raw.close().catch(() => undefined);
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const connect = async (username: string) => {
    const client = connectClient(server.wsUrl, DOC, signedIn[username]?.token ?? '');
    clients.push(client);
    await client.synced;
    return client;
  };
  const connectRaw = async (username: string) => {
    const raw = await connectRawClient(server.wsUrl, DOC, signedIn[username]?.token ?? '');
    raws.push(raw);
    return raw;
  };
  const stateOf = (observer: YClient, clientId: number) =>
    observer.provider.awareness.getStates().get(clientId) as SeenState | undefined;

  it("shows a reader's real name to others when the reader claims to be someone else", async () => {
    const observer = await connect('kommunchef');
    const reader = await connect('lasare');
    reader.provider.awareness.setLocalState({
      user: { id: signedIn.kommunchef?.id, name: 'Kommunchef', color: '#b91c1c' },
      username: 'kommunchef',
      field: 'assignment:ka-2015-1:title',
    });
    const readerId = reader.doc.clientID;
    await waitFor(
      () => stateOf(observer, readerId)?.field === 'assignment:ka-2015-1:title',
      "the reader's presence reaches the observer",
    );
    expect(stateOf(observer, readerId)).toEqual({
      user: { id: signedIn.lasare?.id, name: 'Läsare', color: '#b91c1c' },
      username: 'lasare',
      field: 'assignment:ka-2015-1:title',
    });
  });

  it("cannot replace another connection's presence, and its disconnect leaves it visible", async () => {
    const observer = await connect('kommunchef');
    const victim = await connect('chef-hr');
    victim.provider.awareness.setLocalState({
      user: { name: 'Avdelningschef HR avdelningen', color: '#047857' },
      field: 'assignment:ka-2015-2:title',
    });
    const victimId = victim.doc.clientID;
    await waitFor(
      () => stateOf(observer, victimId)?.field === 'assignment:ka-2015-2:title',
      "the victim's presence reaches the observer",
    );
    const victimState = stateOf(observer, victimId);
    expect(victimState?.user?.name).toBe('Avdelningschef HR avdelningen');

    const attacker = await connectRaw('lasare');
    const attackerId = 0x7ffff001;
    const victimClock = victim.provider.awareness.meta.get(victimId)?.clock ?? 0;
    attacker.sendAwareness([
      { clientId: victimId, clock: victimClock + 100, state: { user: { name: 'Kapad' }, field: 'hijacked' } },
    ]);
    // Frames of one connection are handled in order: once its own state is seen, the one
    // before it was handled too.
    attacker.sendAwareness([{ clientId: attackerId, clock: 1, state: { user: { color: '#1d4ed8' } } }]);
    await waitFor(() => stateOf(observer, attackerId) !== undefined, "the attacker's own presence arrives");
    expect(stateOf(observer, victimId)).toEqual(victimState);

    // Removing the victim's state by its id is refused too.
    attacker.sendAwareness([{ clientId: victimId, clock: victimClock + 200, state: null }]);
    attacker.sendAwareness([{ clientId: attackerId, clock: 2, state: { user: {}, field: 'after-removal' } }]);
    await waitFor(
      () => stateOf(observer, attackerId)?.field === 'after-removal',
      "the attacker's second state",
    );
    expect(stateOf(observer, victimId)).toEqual(victimState);

    await attacker.close();
    await waitFor(
      () => stateOf(observer, attackerId) === undefined,
      "the attacker's presence leaves with it",
    );
    expect(stateOf(observer, victimId)).toEqual(victimState);
    // The server still has it: a client that arrives now is shown the victim.
    const latecomer = await connect('kommunchef');
    await waitFor(() => stateOf(latecomer, victimId) !== undefined, 'the latecomer is sent current presence');
    expect(stateOf(latecomer, victimId)).toEqual(victimState);
  });

  it('refuses more presence states per connection than the cap, and states that are not presence', async () => {
    const observer = await connect('kommunchef');
    const flooder = await connectRaw('lasare');
    const ids = [0x7ffff101, 0x7ffff102, 0x7ffff103, 0x7ffff104, 0x7ffff105, 0x7ffff106];
    flooder.sendAwareness(ids.map((clientId) => ({ clientId, clock: 1, state: { field: `f${clientId}` } })));
    const seen = () => ids.filter((id) => stateOf(observer, id) !== undefined);
    // Applied in one step: once any is seen, all the accepted ones are.
    await waitFor(() => seen().length > 0, "the flooder's states arrive");
    expect(seen()).toEqual(ids.slice(0, 4));

    // A seventh id later is refused too; the ids it holds still update. Neither a state that
    // does not fit the schema nor one over the size cap replaces a good one.
    flooder.sendAwareness([{ clientId: 0x7ffff107, clock: 1, state: { field: 'seventh' } }]);
    flooder.sendAwareness([{ clientId: ids[1] ?? 0, clock: 2, state: { field: 42 } }]);
    flooder.sendAwareness([
      { clientId: ids[2] ?? 0, clock: 2, state: { field: 'x', padding: 'y'.repeat(5000) } },
    ]);
    flooder.sendAwareness([{ clientId: ids[0] ?? 0, clock: 2, state: { field: 'still mine' } }]);
    await waitFor(() => stateOf(observer, ids[0] ?? 0)?.field === 'still mine', 'an update of an owned id');
    expect(stateOf(observer, 0x7ffff107)).toBeUndefined();
    expect(stateOf(observer, ids[1] ?? 0)?.field).toBe(`f${ids[1]}`);
    expect(stateOf(observer, ids[2] ?? 0)?.field).toBe(`f${ids[2]}`);
    // Refused entries are dropped, not punished: the connection stays open.
    expect(seen()).toEqual(ids.slice(0, 4));
  });
});
