/**
 * Document life cycle in a real in-process server: documents load on first use, compact
 * their log in batches, and unload when the last client leaves, so memory returns to the
 * baseline.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { type RunningServer, startServer } from '../server';

const COMPACT_AFTER = 50;

/** The PostgreSQL of the tests; on our machines 127.0.0.1:5432 with trust auth. */
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function onPostgres(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.each(['pglite', 'postgres'] as const)('document life cycle (%s)', (storage) => {
  let server: RunningServer;
  let dataDir: string;
  let token: string;
  const schema = `foljsam_lifecycle_${process.pid}_${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'foljsam-lifecycle-'));
    const databaseUrl = new URL(DATABASE_URL);
    databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
    if (storage === 'postgres') await onPostgres(`create schema ${schema}`);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...(storage === 'postgres' ? { DATABASE_URL: databaseUrl.toString() } : {}),
      COMPACT_AFTER_UPDATES: String(COMPACT_AFTER),
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
    if (storage === 'postgres') await onPostgres(`drop schema if exists ${schema} cascade`);
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
    expect(await loadedDocuments()).toBe(24);
    for (const client of clients) client.doc.getMap('indicatorOutcomes').set('note', 1);
    for (const client of clients) client.destroy();
    await eventually(async () => (await loadedDocuments()) === 0, 'all documents unloaded');
  });

  it('compacts the log into a snapshot, and a reload gives the same document', async () => {
    const name = 'report:2015-06:it';
    const writer = connect(name);
    await writer.synced;
    for (let i = 0; i < COMPACT_AFTER * 3 + 7; i++)
      writer.doc.getMap<number>('indicatorOutcomes').set(`k${i % 40}`, i);
    const expected = writer.doc.getMap('indicatorOutcomes').toJSON();
    await eventually(async () => {
      const stored = await server.store.documents.load(name);
      return stored.lastSeq >= COMPACT_AFTER * 3;
    }, 'updates stored');
    await eventually(
      async () => (await server.store.documents.pendingUpdateCount(name)) < COMPACT_AFTER,
      'log compacted while loaded',
    );
    writer.destroy();
    await eventually(async () => (await loadedDocuments()) === 0, 'unloaded');
    // Unloading compacts the rest.
    expect(await server.store.documents.pendingUpdateCount(name)).toBe(0);

    const reader = connect(name);
    try {
      await reader.synced;
      expect(reader.doc.getMap('indicatorOutcomes').toJSON()).toEqual(expected);
    } finally {
      reader.destroy();
    }
  });

  it('leaves a short log as it is when unloading, and reloads it', async () => {
    const name = 'report:2015-08:it';
    const writer = connect(name);
    await writer.synced;
    const before = await server.store.documents.pendingUpdateCount(name);
    for (const value of [1, 2]) writer.doc.getMap('indicatorOutcomes').set('note', value);
    await eventually(
      async () => (await server.store.documents.pendingUpdateCount(name)) === before + 2,
      'updates stored',
    );
    writer.destroy();
    await eventually(async () => (await loadedDocuments()) === 0, 'unloaded');
    // Below a tenth of COMPACT_AFTER: rewriting the whole document as a snapshot would buy
    // nothing at the next load.
    expect(before + 2).toBeLessThan(COMPACT_AFTER / 10);
    expect(await server.store.documents.pendingUpdateCount(name)).toBe(before + 2);

    const reader = connect(name);
    try {
      await reader.synced;
      expect(reader.doc.getMap('indicatorOutcomes').get('note')).toBe(2);
    } finally {
      reader.destroy();
    }
  });

  it('stores a server change under its user, sends it to every client, and loses nothing on reload', async () => {
    const name = 'report:2015-07:it';
    const [first, second] = [connect(name), connect(name)];
    try {
      await Promise.all([first.synced, second.synced]);
      const before = (await server.store.documents.load(name)).lastSeq;
      const approved = (doc: Y.Doc) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (doc.getMap('meta').get('status') === 'godkand') resolve();
          };
          doc.getMap('meta').observe(check);
          check();
        });
      await server.registry.use(name, (document) =>
        document.change('user-kommunchef', (doc) => doc.getMap('meta').set('status', 'godkand')),
      );
      // Stored before it is sent: by now the store has it, and both clients get it.
      expect((await server.store.documents.load(name)).lastSeq).toBe(before + 1);
      await Promise.all([approved(first.doc), approved(second.doc)]);
      // A change that throws keeps what it wrote before throwing and reports the error.
      await expect(
        server.registry.use(name, (document) =>
          document.change('user-kommunchef', (doc) => {
            doc.getMap('meta').set('returnComment', 'x');
            throw new Error('invalid change');
          }),
        ),
      ).rejects.toThrow('invalid change');
      expect((await server.store.documents.load(name)).lastSeq).toBe(before + 2);
    } finally {
      first.destroy();
      second.destroy();
    }
    await eventually(async () => (await loadedDocuments()) === 0, 'unloaded');
    const reader = connect(name);
    try {
      await reader.synced;
      expect(reader.doc.getMap('meta').toJSON()).toEqual({ status: 'godkand', returnComment: 'x' });
    } finally {
      reader.destroy();
    }
  });
});
