/**
 * Document life cycle wired through a real in-process server: sockets load documents on first
 * use and unload them when the last client leaves, so memory returns to the baseline. What a
 * document does meanwhile (commits, compaction, server changes, unloading only once stored) is
 * covered in memory by SyncDocument.test.ts and DocumentRegistry.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { type RunningServer, startServer } from '../server';

describe('document life cycle', () => {
  let server: RunningServer;
  let dataDir: string;
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'foljsam-lifecycle-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIST: join(dataDir, 'no-client'),
    });
    server = await startServer(config, createLogger('warn'));
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chef-it', password: 'demo' }),
    });
    ({ token } = (await response.json()) as { token: string });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const connect = (docName: string) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/sync`, docName, doc, {
      // biome-ignore lint/suspicious/noExplicitAny: ws's WebSocket is what y-websocket expects in Node
      WebSocketPolyfill: WebSocket as any,
      disableBc: true,
      params: { token },
    });
    const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    const destroy = () => {
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    };
    return { doc, provider, synced, destroy };
  };

  const loadedDocuments = async () =>
    ((await (await fetch(`${server.url}/api/health`)).json()) as { documentsLoaded: number }).documentsLoaded;

  const eventually = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('loads documents on first use and unloads them all when the clients leave', async () => {
    expect(await loadedDocuments()).toBe(0);
    const clients = Array.from({ length: 24 }, (_, i) =>
      connect(`report:2015-${String((i % 12) + 1).padStart(2, '0')}:${i < 12 ? 'it' : 'hr'}`),
    );
    await Promise.all(clients.map((client) => client.synced));
    // The 24 reports and the plan their writers hold open for its budgets.
    expect(await loadedDocuments()).toBe(25);
    for (const client of clients) client.doc.getMap('indicatorOutcomes').set('note', 1);
    for (const client of clients) client.destroy();
    await eventually(async () => (await loadedDocuments()) === 0, 'all documents unloaded');
  });
});
