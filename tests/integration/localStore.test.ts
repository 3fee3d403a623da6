/**
 * The offline client's local store against a real server: the server acknowledges stored
 * updates with its state vector (docs/protocol.md, "Stored acknowledgement"), and the
 * browser's PglitePersistence (here on a real PGlite in Node) keeps every update, counts
 * the local ones the server has not confirmed, and confirms them from that state vector.
 */

import { PGlite } from '@electric-sql/pglite';
import { readReport, reportDocumentName, setIndicatorOutcome, setItemStatus } from '@foljsam/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  LOCAL_MIGRATIONS,
  type LocalMigration,
  migrateLocalStore,
} from '../../client/src/local/localStoreSchema';
import { PglitePersistence } from '../../client/src/local/PglitePersistence';
import { clocksOf, covers } from '../../client/src/local/pendingChanges';
import { answerHandshakeOnly, observeServerStateVector } from '../../client/src/sync/serverStateVector';
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

  it("Följsam's client answers only the handshake, and a change made offline still arrives", async () => {
    const docName = reportDocumentName('2015-12', 'hr');
    /** A connected client that counts the sync step 2 frames it sends. */
    const connectCounting = (answerOnlyTheHandshake: boolean) => {
      const sent = { step2: 0 };
      class CountingSocket extends WebSocket {
        override send(data: unknown, ...rest: unknown[]): void {
          const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
          // y-websocket's sync message (0), sync step 2 (1).
          if (bytes[0] === 0 && bytes[1] === 1) sent.step2 += 1;
          (super.send as (...args: unknown[]) => void)(data, ...rest);
        }
      }
      const client = connectClient(server.wsUrl, docName, token, new Y.Doc(), {
        socketClass: CountingSocket,
      });
      clients.push(client);
      if (answerOnlyTheHandshake) answerHandshakeOnly(client.provider);
      const stateVectors: Map<number, number>[] = [];
      observeServerStateVector(client.provider, (sv) => stateVectors.push(sv));
      return { client, sent, stateVectors };
    };
    /** Four edits, each waited for until a state vector covers it: four acknowledgements at least. */
    const editAndWait = async (counting: ReturnType<typeof connectCounting>, key: string) => {
      const local = captureLocalUpdates(counting.client.doc);
      for (let i = 0; i < 4; i++) {
        setIndicatorOutcome(counting.client.doc, key, i, asAuthor('chef-hr'));
        const update = local.at(-1) as Uint8Array;
        await waitFor(
          () => counting.stateVectors.some((sv) => covers(sv, clocksOf(update))),
          `edit ${i} acknowledged`,
        );
      }
    };

    // A stock client answers every acknowledgement (with its whole delete set).
    const stock = connectCounting(false);
    await stock.client.synced;
    await editAndWait(stock, 'ind-answers-stock');
    const stockAcknowledgements = stock.stateVectors.length - 1;
    expect(stockAcknowledgements).toBeGreaterThanOrEqual(4);
    await waitFor(() => stock.sent.step2 >= 1 + stockAcknowledgements, "the stock client's answers");

    // Följsam's client answers the handshake only.
    const app = connectCounting(true);
    await app.client.synced;
    await waitFor(() => app.sent.step2 === 1, 'the answer to the handshake');
    await editAndWait(app, 'ind-answers-app');
    expect(app.stateVectors.length - 1).toBeGreaterThanOrEqual(4);
    // An answer would have been sent as the acknowledgement arrived; give a late one time to show.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.sent.step2).toBe(1);

    // Offline, y-websocket sends nothing; the next socket's handshake is answered in full.
    app.client.provider.disconnect();
    setIndicatorOutcome(app.client.doc, 'ind-answers-offline', 99, asAuthor('chef-hr'));
    app.client.provider.connect();
    await waitFor(
      () => readReport(stock.client.doc, '2015-12', 'hr').indicatorOutcomes['ind-answers-offline'] === 99,
      'the offline change at another client',
    );
    expect(app.sent.step2).toBe(2);
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
    await migrateLocalStore(db);
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

  describe('the local store schema', () => {
    /** A second local store for these tests, emptied before each of them. */
    let legacy: PGlite;
    beforeAll(async () => {
      legacy = await PGlite.create();
    });
    afterAll(async () => {
      await legacy?.close();
    });
    const LATEST = Math.max(...LOCAL_MIGRATIONS.map((migration) => migration.version));

    /** The tables as browsers held them before the schema had versions: before and after the journal. */
    const UNVERSIONED = {
      'before the journal': `
        create table yjs_updates (id bigserial primary key, doc_name text not null, data bytea not null,
          pending boolean not null default false);
        create index yjs_updates_doc on yjs_updates (doc_name, id);
        create table yjs_documents (doc_name text primary key, server_state_vector bytea, synced_at timestamptz);`,
      'with the journal': `
        create table yjs_updates (id bigserial primary key, doc_name text not null, data bytea not null,
          pending boolean not null default false, change_id text, fields text[]);
        create index yjs_updates_doc on yjs_updates (doc_name, id);
        create table yjs_documents (doc_name text primary key, server_state_vector bytea, synced_at timestamptz);`,
    };

    /**
     * Fills `legacy` as a browser leaves it: the server's content of the doc (confirmed) and
     * an offline edit the server never got (pending). Returns the edit's update.
     */
    async function storeOfflineEdit(
      docName: string,
      status: string,
      withChangeId: boolean,
    ): Promise<Uint8Array> {
      const client = connectClient(server.wsUrl, docName, token);
      await client.synced;
      const fromServer = Y.encodeStateAsUpdate(client.doc);
      const serverStateVector = Y.encodeStateVector(client.doc);
      client.provider.disconnect();
      const local = captureLocalUpdates(client.doc);
      setItemStatus(client.doc, 'goal:upgrade-probe', status, asAuthor('chef-hr'));
      const edit = local[0];
      if (!edit) throw new Error('no local update');
      client.destroy();
      await legacy.query('insert into yjs_updates (doc_name, data, pending) values ($1, $2, false)', [
        docName,
        fromServer,
      ]);
      await legacy.query(
        withChangeId
          ? `insert into yjs_updates (doc_name, data, pending, change_id, fields) values ($1, $2, true, 'change-1', '{goal:upgrade-probe}')`
          : 'insert into yjs_updates (doc_name, data, pending) values ($1, $2, true)',
        [docName, edit],
      );
      await legacy.query(
        'insert into yjs_documents (doc_name, server_state_vector, synced_at) values ($1, $2, now())',
        [docName, serverStateVector],
      );
      return edit;
    }

    const storedRows = async (docName: string) =>
      (
        await legacy.query<{ data: Uint8Array; pending: boolean; change_id: string | null }>(
          'select data, pending, change_id from yjs_updates where doc_name = $1 order by id',
          [docName],
        )
      ).rows;

    /**
     * Opens the doc from `legacy` as the app does, checks the offline edit is there and counted
     * as unsent, then connects: the server gets it and confirms it.
     */
    async function expectEditSent(docName: string, period: string, status: string): Promise<void> {
      const doc = new Y.Doc();
      const persistence = new PglitePersistence(docName, doc, Promise.resolve(legacy));
      await persistence.whenLoaded;
      expect(persistence.pendingCount).toBe(1);
      const client = connectClient(server.wsUrl, docName, token, doc);
      persistence.attachProvider(client.provider);
      await waitFor(() => persistence.pendingCount === 0, 'the offline edit confirmed');
      expect(readReport(doc, period, 'hr').itemStatuses['goal:upgrade-probe']).toBe(status);
      await persistence.destroy();
      client.destroy();
      const reader = connectClient(server.wsUrl, docName, token);
      await reader.synced;
      expect(readReport(reader.doc, period, 'hr').itemStatuses['goal:upgrade-probe']).toBe(status);
      reader.destroy();
    }

    beforeEach(async () => {
      await legacy.exec('drop schema public cascade; create schema public');
    });

    it.each(Object.entries(UNVERSIONED))(
      'migrates a store from before versions (%s) without losing an unsent change',
      async (schema, ddl) => {
        const period = schema === 'with the journal' ? '2015-08' : '2015-09';
        const docName = reportDocumentName(period, 'hr');
        await legacy.exec(ddl);
        const edit = await storeOfflineEdit(docName, 'rod', schema === 'with the journal');

        expect(await migrateLocalStore(legacy)).toEqual({ from: null, to: LATEST });
        const rows = await storedRows(docName);
        expect(rows.map((row) => row.pending)).toEqual([false, true]);
        expect(rows[1]?.data).toEqual(edit);
        expect(rows[1]?.change_id).toBe(schema === 'with the journal' ? 'change-1' : null);
        // Opening again finds it current and changes nothing.
        expect(await migrateLocalStore(legacy)).toEqual({ from: LATEST, to: LATEST });
        await expectEditSent(docName, period, 'rod');
      },
    );

    it('rebuilds a store a newer version wrote, keeping the unsent change, and fills it from the server', async () => {
      const docName = reportDocumentName('2015-10', 'hr');
      await migrateLocalStore(legacy);
      const edit = await storeOfflineEdit(docName, 'gul', true);
      await legacy.query('update local_schema set version = $1', [LATEST + 1]);
      await legacy.exec('create table yjs_from_the_future (id integer)');

      expect(await migrateLocalStore(legacy)).toEqual({
        from: LATEST + 1,
        to: LATEST,
        rebuilt: 'newer',
        keptPending: 1,
      });
      // Only the unsent change is left; the server's content comes again when the doc opens.
      const rows = await storedRows(docName);
      expect(rows).toEqual([{ data: edit, pending: true, change_id: 'change-1' }]);
      expect((await legacy.query(`select to_regclass('yjs_from_the_future') is null as gone`)).rows).toEqual([
        { gone: true },
      ]);
      await expectEditSent(docName, '2015-10', 'gul');
    });

    it('rebuilds a store a migration fails on, keeping the unsent change', async () => {
      const docName = reportDocumentName('2015-11', 'hr');
      await migrateLocalStore(legacy);
      const edit = await storeOfflineEdit(docName, 'gron', true);
      // A migration the stored rows break (two rows of one doc), which a rebuilt store passes.
      const failing: LocalMigration[] = [
        ...LOCAL_MIGRATIONS,
        { version: LATEST + 1, sql: 'create unique index yjs_updates_one_per_doc on yjs_updates (doc_name)' },
      ];
      expect(await migrateLocalStore(legacy, failing)).toEqual({
        from: LATEST,
        to: LATEST + 1,
        rebuilt: 'failed',
        keptPending: 1,
      });
      expect(await storedRows(docName)).toEqual([{ data: edit, pending: true, change_id: 'change-1' }]);
      // A store the rebuild cannot fix either is left as it was (the app then works from the network).
      const hopeless: LocalMigration[] = [...failing, { version: LATEST + 2, sql: 'select 1/0' }];
      await expect(migrateLocalStore(legacy, hopeless)).rejects.toThrow('division by zero');
      expect(await storedRows(docName)).toEqual([{ data: edit, pending: true, change_id: 'change-1' }]);
      expect((await legacy.query('select version from local_schema')).rows).toEqual([
        { version: LATEST + 1 },
      ]);
    });
  });
});
