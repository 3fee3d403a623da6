/**
 * Durability: an update that any client has received is never lost, even when the server
 * process is killed with SIGKILL and restarted on the same data dir.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor, type YClient } from '../support/yClient';

// A document of its own, so the test sees exactly the keys it wrote.
const DOC = 'report:2015-03:hr';

describe.each(STORAGES)('durability across SIGKILL (%s)', (storage) => {
  const clients: YClient[] = [];
  const servers: ServerProcess[] = [];
  const connect = (server: ServerProcess, token: string) => {
    const client = connectClient(server.wsUrl, DOC, token);
    clients.push(client);
    return client;
  };
  const start = async (options: Awaited<ReturnType<typeof freshServerOptions>>) => {
    const server = await startServerProcess(options);
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.kill();
  });

  it('a write that B received survives a SIGKILL and is seen by a fresh client C', async () => {
    const options = await freshServerOptions(storage);
    const server = await start(options);
    const { token } = await signIn(server.url, 'chef-hr');
    const a = connect(server, token);
    const b = connect(server, token);
    await Promise.all([a.synced, b.synced]);

    a.doc.getMap('indicatorOutcomes').set('written-by-a', 1);
    await waitFor(() => b.doc.getMap('indicatorOutcomes').get('written-by-a') === 1, 'b receives the write');
    await server.kill('SIGKILL');

    const restarted = await start(options);
    // Sessions are stored too, so the token survives the restart.
    const c = connect(restarted, token);
    await c.synced;
    expect(c.doc.getMap('indicatorOutcomes').get('written-by-a')).toBe(1);
  });

  it('none of many writes in flight that a client received is missing after SIGKILL', async () => {
    const options = await freshServerOptions(storage);
    const server = await start(options);
    const { token } = await signIn(server.url, 'chef-hr');
    const writers = [connect(server, token), connect(server, token), connect(server, token)];
    const observer = connect(server, token);
    await Promise.all([...writers, observer].map((client) => client.synced));

    const received = new Set<string>();
    observer.doc.getMap<number>('indicatorOutcomes').observe((event) => {
      for (const key of event.keysChanged) received.add(key);
    });

    // Writers keep writing from three connections until the server dies under them.
    let writing = true;
    const writeLoops = writers.map(async (writer, w) => {
      for (let i = 0; writing; i++) {
        writer.doc.getMap<number>('indicatorOutcomes').set(`w${w}-${i}`, i);
        await new Promise((resolve) => setImmediate(resolve));
        if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
    });
    await waitFor(() => received.size >= 300, 'the observer receives a few hundred writes', 30_000);
    await server.kill('SIGKILL');
    writing = false;
    await Promise.all(writeLoops);
    const receivedBeforeKill = new Set(received);
    // The writers keep their unsent edits; only what reached another client is the server's promise.
    for (const client of clients.splice(0)) client.destroy();

    const restarted = await start(options);
    const fresh = connect(restarted, token);
    await fresh.synced;
    const stored = fresh.doc.getMap('indicatorOutcomes');
    const missing = [...receivedBeforeKill].filter((key) => !stored.has(key));
    expect(receivedBeforeKill.size).toBeGreaterThanOrEqual(300);
    expect(missing).toEqual([]);
  });
});
