/**
 * The offline client's local store against a real server: the server acknowledges stored
 * updates with its state vector (docs/protocol.md, "Stored acknowledgement"), and the
 * browser's PglitePersistence (here on a real PGlite in Node) keeps every update, counts
 * the local ones the server has not confirmed, and confirms them from that state vector.
 */

import { PGlite } from '@electric-sql/pglite';
import { readReport, reportDocumentName, setIndicatorOutcome, setItemStatus } from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LOCAL_STORE_DDL } from '../../client/src/local/localStoreSchema';
import { PglitePersistence } from '../../client/src/local/PglitePersistence';
import { clocksOf, covers } from '../../client/src/local/pendingChanges';
import { observeServerStateVector } from '../../client/src/sync/serverStateVector';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectRawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor, type YClient } from '../support/yClient';

/** The last update a doc emitted with a local origin (what a user's edit produced). */
function captureLocalUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === null || origin === undefined) updates.push(update);
  });
  return updates;
}

describe.each(STORAGES)('stored acknowledgement (%s)', (storage) => {
  let server: ServerProcess;
  let options: Awaited<ReturnType<typeof freshServerOptions>>;
  let token: string;
  const clients: YClient[] = [];

  beforeAll(async () => {
    options = await freshServerOptions(storage);
    server = await startServerProcess(options);
    token = (await signIn(server.url, 'chef-hr')).token;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.kill('SIGTERM');
  });

  it('sends the writer a state vector covering its update once stored, and the update survives SIGKILL', async () => {
    const docName = reportDocumentName('2015-04', 'hr');
    const client = connectClient(server.wsUrl, docName, token);
    clients.push(client);
    const stateVectors: Map<number, number>[] = [];
    observeServerStateVector(client.provider, (sv) => stateVectors.push(sv));
    await client.synced;
    const handshake = stateVectors.length;
    expect(handshake).toBeGreaterThanOrEqual(1);

    const local = captureLocalUpdates(client.doc);
    setIndicatorOutcome(client.doc, 'ind-ack-probe', 42, asAuthor('chef-hr'));
    const update = local[0];
    if (!update) throw new Error('no local update');
    expect(covers(stateVectors.at(-1) ?? new Map(), clocksOf(update))).toBe(false);
    await waitFor(
      () => stateVectors.slice(handshake).some((sv) => covers(sv, clocksOf(update))),
      'a state vector covering the edit',
    );

    // Acknowledged means stored: a crash right after loses nothing.
    client.destroy();
    await server.kill('SIGKILL');
    server = await startServerProcess({ ...options, port: server.port });
    const reader = connectClient(server.wsUrl, docName, token);
    clients.push(reader);
    await reader.synced;
    expect(readReport(reader.doc, '2015-04', 'hr').indicatorOutcomes['ind-ack-probe']).toBe(42);
  });

  it('acknowledges a connection that resends a change another connection has stored meanwhile', async () => {
    // Two copies of one browser's change (two tabs, or two docs of one page, loaded from the
    // same local store) connect at once: both get the handshake state vector before either
    // has sent the change. Only the first send stores anything; the second must be told too.
    const docName = reportDocumentName('2015-08', 'hr');
    const first = await connectRawClient(server.wsUrl, docName, token);
    const second = await connectRawClient(server.wsUrl, docName, token);
    try {
      const writer = new Y.Doc();
      Y.applyUpdate(writer, Y.encodeStateAsUpdate(first.doc));
      const local = captureLocalUpdates(writer);
      setIndicatorOutcome(writer, 'ind-resent', 7, asAuthor('chef-hr'));
      const update = local[0];
      if (!update) throw new Error('no local update');
      const confirmedOn = (client: typeof first) => () =>
        client.stateVectors.some((sv) => covers(sv, clocksOf(update)));
      expect(confirmedOn(second)()).toBe(false);

      first.sendUpdate(update, 'sync-step-2');
      await waitFor(confirmedOn(first), 'the first connection told its copy is stored');
      second.sendUpdate(update, 'sync-step-2');
      await waitFor(confirmedOn(second), 'the second connection told its copy is stored', 5_000);
      writer.destroy();
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('throttles acknowledgements: a burst of edits gets far fewer state vectors than edits', async () => {
    const docName = reportDocumentName('2015-05', 'hr');
    const client = connectClient(server.wsUrl, docName, token);
    clients.push(client);
    const stateVectors: Map<number, number>[] = [];
    observeServerStateVector(client.provider, (sv) => stateVectors.push(sv));
    await client.synced;
    const handshake = stateVectors.length;
    const local = captureLocalUpdates(client.doc);
    const edits = 60;
    for (let i = 0; i < edits; i++) {
      setIndicatorOutcome(client.doc, 'ind-burst', i, asAuthor('chef-hr'));
      // Separate frames, as typing sends them.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const last = local.at(-1);
    if (!last) throw new Error('no local update');
    await waitFor(() => stateVectors.some((sv) => covers(sv, clocksOf(last))), 'the last edit confirmed');
    const acknowledgements = stateVectors.length - handshake;
    expect(acknowledgements).toBeGreaterThanOrEqual(1);
    expect(acknowledgements).toBeLessThan(edits / 2);
  });
});

describe('PglitePersistence on a real PGlite', () => {
  let server: ServerProcess;
  let token: string;
  let db: PGlite;

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions('pglite'));
    token = (await signIn(server.url, 'chef-hr')).token;
    db = new PGlite();
    await db.exec(LOCAL_STORE_DDL);
  });
  afterAll(async () => {
    await db?.close();
    await server?.kill('SIGTERM');
  });

  /** A y-websocket client whose doc is kept in `db`, the persistence registered first. */
  function openKept(docName: string, compactAfterRows?: number) {
    const doc = new Y.Doc();
    const persistence = new PglitePersistence(docName, doc, Promise.resolve(db), { compactAfterRows });
    const client = connectClient(server.wsUrl, docName, token, doc);
    persistence.attachProvider(client.provider);
    return { doc, persistence, client };
  }

  async function rows(docName: string) {
    return (
      await db.query<{ pending: boolean }>(
        'select pending from yjs_updates where doc_name = $1 order by id',
        [docName],
      )
    ).rows;
  }

  it('keeps an offline edit as pending, confirms it from the server state vector, and reloads it', async () => {
    const docName = reportDocumentName('2015-06', 'hr');
    const first = openKept(docName);
    await first.client.synced;
    await first.persistence.whenLoaded;
    first.client.provider.disconnect();
    setItemStatus(first.doc, 'goal:offline-probe', 'gul', asAuthor('chef-hr'));
    expect(first.persistence.pendingCount).toBe(1);
    await first.persistence.flushed();
    expect((await rows(docName)).filter((row) => row.pending)).toHaveLength(1);

    // A restart of the browser while offline: a new doc from the same database.
    const copy = new Y.Doc();
    const reloaded = new PglitePersistence(docName, copy, Promise.resolve(db));
    await reloaded.whenLoaded;
    expect(readReport(copy, '2015-06', 'hr').itemStatuses['goal:offline-probe']).toBe('gul');
    expect(reloaded.pendingCount).toBe(1);
    await reloaded.destroy();
    copy.destroy();

    first.client.provider.connect();
    await waitFor(() => first.persistence.pendingCount === 0, 'the edit confirmed');
    await first.persistence.flushed();
    expect((await rows(docName)).filter((row) => row.pending)).toHaveLength(0);
    expect(first.persistence.syncedAt).not.toBeNull();
    await first.persistence.destroy();
    first.client.destroy();
  });

  it('compacts confirmed rows in batches without losing content', async () => {
    const docName = reportDocumentName('2015-07', 'hr');
    const kept = openKept(docName, 50);
    await kept.client.synced;
    for (let i = 0; i < 180; i++) {
      setIndicatorOutcome(kept.doc, `ind-${i % 30}`, i, asAuthor('chef-hr'));
      if (i % 20 === 0) await kept.persistence.flushed();
    }
    await waitFor(() => kept.persistence.pendingCount === 0, 'every edit confirmed');
    // One more flush after the confirmations, so compaction sees them confirmed.
    setIndicatorOutcome(kept.doc, 'ind-last', 1, asAuthor('chef-hr'));
    await waitFor(() => kept.persistence.pendingCount === 0, 'the last edit confirmed');
    await kept.persistence.flushed();
    const stored = await rows(docName);
    expect(stored.length).toBeLessThan(100);
    const copy = new Y.Doc();
    const reloaded = new PglitePersistence(docName, copy, Promise.resolve(db));
    await reloaded.whenLoaded;
    expect(readReport(copy, '2015-07', 'hr')).toEqual(readReport(kept.doc, '2015-07', 'hr'));
    await reloaded.destroy();
    copy.destroy();
    await kept.persistence.destroy();
    kept.client.destroy();
  });
});
