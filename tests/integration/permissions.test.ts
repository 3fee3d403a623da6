/**
 * Write rights at the websocket, per connection and document: a change from a connection
 * without the right is not applied, not stored and not seen by anyone, and its sender is told.
 * Sent with a raw protocol client, so nothing in a client can be what stops it.
 */
import { assignmentsDocumentName, planDocumentName, reportDocumentName } from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { connectRawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

/** An update that sets one key of a root map, as a client would send it. */
function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('probe').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

describe('write rights at the websocket', () => {
  let server: ServerProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions('pglite'));
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
      return reader.doc.getMap('probe').get(key);
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
    raw.sendUpdate(updateSetting(`${username}-step2`, 'x'), 'sync-step-2');
    raw.sendUpdate(updateSetting(`${username}-update`, 'x'), 'update');
    await waitFor(() => raw.denied.length > 0, 'a permission-denied message');
    expect(raw.denied[0]).toContain('read-only');

    // A write by an allowed user after the refused ones: once it arrives, anything the
    // refused writes could have done would have arrived before it.
    watcher.doc.getMap('probe').set('after', 'ok');
    const second = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await second.synced;
    await waitFor(() => second.doc.getMap('probe').get('after') === 'ok', 'the allowed write');
    expect(watcher.doc.getMap('probe').has(`${username}-step2`)).toBe(false);
    expect(watcher.doc.getMap('probe').has(`${username}-update`)).toBe(false);
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
    raw.sendUpdate(updateSetting('probe', 'x'), 'update');
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
    raw.sendUpdate(updateSetting('own', 'yes'), 'update');
    await raw.close();
    const deadline = Date.now() + 5000;
    let value: unknown;
    while (value !== 'yes' && Date.now() < deadline) value = await storedValue(docName, 'own');
    expect(value).toBe('yes');
    expect(raw.denied).toEqual([]);
  });

  it('tells the client its rights over REST, and refuses unknown documents', async () => {
    const access = (username: string, docName: string) =>
      fetch(`${server.url}/api/documents/${docName}/access`, {
        headers: { authorization: `Bearer ${tokens[username]}` },
      });
    expect(await (await access('lasare', 'report:2015-03:hr')).json()).toEqual({ read: true, write: false });
    expect(await (await access('chef-hr', 'report:2015-03:hr')).json()).toEqual({ read: true, write: true });
    expect(await (await access('chef-it', 'report:2015-03:hr')).json()).toEqual({ read: true, write: false });
    expect(await (await access('chef-hr', 'plan:2015')).json()).toEqual({ read: true, write: false });
    expect((await access('chef-hr', 'nonsense')).status).toBe(404);
    expect((await fetch(`${server.url}/api/documents/plan:2015/access`)).status).toBe(401);
  });
});
