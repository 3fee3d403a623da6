/**
 * `pnpm admin backup` and `pnpm admin restore` (docs/backup.md) on real stores: a backup of
 * the embedded store taken from its running server, restored into empty PGlite and
 * PostgreSQL stores and compared with the source document by document (Yjs state and log),
 * user by user and audit row by audit row; refusals of files that are not whole and of stores
 * that are not empty, leaving the store as it was; and what a restore means for a browser
 * holding changes the restored store never saw.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { readReport, reportDocumentName, setIndicatorOutcome, setItemStatus } from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import { migrateLocalStore } from '../../client/src/local/localStoreSchema';
import { PglitePersistence } from '../../client/src/local/PglitePersistence';
import { BACKED_UP_TABLES, NOT_BACKED_UP } from '../../server/src/backup/backupFile';
import { restoreBackup } from '../../server/src/backup/restore';
import { openPgliteStore } from '../../server/src/store/pglite/pgliteStore';
import { openPostgresStore } from '../../server/src/store/postgres/postgresStore';
import type { Store } from '../../server/src/store/types';
import { signIn as signInOnce } from '../support/auth';
import { asAuthor } from '../support/authors';
import { emptyDatabaseDataDir, emptyDir, freshDataDir } from '../support/dataDir';
import { type FirstRunStore, runAdmin } from '../support/firstRun';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

/** y-websocket's message type for auth messages ("permission denied"). */
const MESSAGE_AUTH = 2;

type Target = FirstRunStore;

/**
 * Signs in, once more if the first request went out on a kept-alive connection the server
 * closed meanwhile: this file waits seconds between requests (local PGlites, restores), the
 * length of Node's keep-alive timeout, and a loaded machine can deliver the close late.
 */
async function signIn(url: string, username: string, password?: string) {
  try {
    return await signInOnce(url, username, password);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return signInOnce(url, username, password);
  }
}

/** `pnpm admin <args>` as its script runs it (in production mode). */
const admin = (target: FirstRunStore, ...args: string[]) => runAdmin(target, args);

/** An empty PostgreSQL store (a new schema; the demo loads only when a server starts). */
async function emptyPostgres(): Promise<Target> {
  const { dataDir, env } = await freshServerOptions('postgres');
  return { dataDir, env };
}

function openTarget(target: Target): Promise<Store> {
  return target.env.DATABASE_URL
    ? openPostgresStore(target.env.DATABASE_URL)
    : openPgliteStore(target.dataDir);
}

/** A document's state as a Y.Doc built from what the store holds. */
async function documentState(store: Store, docName: string): Promise<Uint8Array> {
  const stored = await store.documents.load(docName);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Everything a restore must bring back, read through the stores' own interfaces. */
async function contents(store: Store) {
  const names = (await store.documents.listDocuments()).sort();
  const documents: Record<string, unknown> = {};
  for (const name of names) {
    documents[name] = {
      state: Buffer.from(await documentState(store, name)).toString('base64'),
      log: (await store.documents.loadLog(name)).map((entry) => ({
        ...entry,
        data: Buffer.from(entry.data).toString('base64'),
      })),
      approvals: (await store.approvals.list(name)).map((approval) => ({
        ...approval,
        state: Buffer.from(approval.state).toString('base64'),
      })),
    };
  }
  const users = await Promise.all(
    (await store.users.list()).map(async (user) => ({
      ...user,
      passwordHash: (await store.users.findByUsername(user.username))?.passwordHash,
    })),
  );
  return {
    documents,
    users,
    departments: await store.departments.list(),
    workspace: await store.workspace.get(),
    audit: await store.audit.list(new Date(0), new Date('2100-01-01')),
    mail: await store.mail.list(),
  };
}

async function contentsOf(target: Target) {
  const store = await openTarget(target);
  try {
    return await contents(store);
  } finally {
    await store.close();
  }
}

/** The rows of a backup file (its lines after the header). */
const rowLines = (file: string) => gunzipSync(readFileSync(file)).toString('utf8').split('\n').slice(1);

describe('backup and restore', () => {
  const files = emptyDir('backups-');
  const backupFile = join(files, 'foljsam.jsonl.gz');
  let source: Target;
  let expected: Awaited<ReturnType<typeof contents>>;
  let pgTarget: Target;

  beforeAll(async () => {
    source = { dataDir: freshDataDir(), env: {} };
    const server = await startServerProcess(source);
    try {
      // Some edits, a user and audit rows on top of the demo workspace.
      const admin_ = await signIn(server.url, 'admin');
      const created = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin_.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'backup-probe',
          displayName: 'Bo Backup',
          role: 'lasare',
          departmentId: null,
          password: 'ett-losenord-1',
        }),
      });
      expect(created.status).toBe(201);
      const { token } = await signIn(server.url, 'chef-hr');
      const docName = reportDocumentName('2015-04', 'hr');
      const writer = connectClient(server.wsUrl, docName, token);
      const reader = connectClient(server.wsUrl, docName, token);
      await Promise.all([writer.synced, reader.synced]);
      for (let value = 1; value <= 20; value++)
        setIndicatorOutcome(writer.doc, 'ind-backup', value, asAuthor('chef-hr'));
      // The server broadcasts an update only once stored: the reader's copy means acknowledged.
      await waitFor(
        () => readReport(reader.doc, '2015-04', 'hr').indicatorOutcomes['ind-backup'] === 20,
        'the last edit acknowledged',
      );
      writer.destroy();
      reader.destroy();
      // At once, while the server runs (so over its socket), before its update log is flushed.
      const backedUp = await admin(source, 'backup', backupFile);
      expect(backedUp.code, backedUp.err).toBe(0);
      expect(backedUp.err).toContain('asking it for the backup');
      expect(backedUp.out).toMatch(/backed up to .*foljsam\.jsonl\.gz: \d+ documents/);
    } finally {
      await server.kill('SIGTERM');
    }
    expected = await contentsOf(source);
    expect(expected.users.map((user) => user.username)).toContain('backup-probe');
    expect(expected.audit.some((event) => event.action === 'user-created')).toBe(true);
    const report = expected.documents[reportDocumentName('2015-04', 'hr')] as { log: unknown[] };
    expect(report.log.length).toBeGreaterThanOrEqual(20);
  });

  it('restores into an empty embedded store: every document, user and audit row as in the source', async () => {
    const target = { dataDir: emptyDatabaseDataDir('restore-'), env: {} };
    const restored = await admin(target, 'restore', backupFile);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain('Everyone signs in again');
    expect(await contentsOf(target)).toEqual(expected);
    // The restored server serves it: the edit made just before the backup is there.
    const server = await startServerProcess(target);
    try {
      const { token } = await signIn(server.url, 'backup-probe', 'ett-losenord-1');
      const client = connectClient(server.wsUrl, reportDocumentName('2015-04', 'hr'), token);
      await client.synced;
      expect(readReport(client.doc, '2015-04', 'hr').indicatorOutcomes['ind-backup']).toBe(20);
      client.destroy();
    } finally {
      await server.kill('SIGTERM');
    }
  });

  it('restores into an empty PostgreSQL store, whose own backup holds the same rows', async () => {
    pgTarget = await emptyPostgres();
    const restored = await admin(pgTarget, 'restore', backupFile);
    expect(restored.code, restored.err).toBe(0);
    expect(await contentsOf(pgTarget)).toEqual(expected);
    // New audit rows continue after the restored ids.
    const store = await openTarget(pgTarget);
    try {
      await store.audit.append({
        userId: null,
        userName: 'x',
        action: 'sign-in-failed',
        document: null,
        detail: '',
      });
    } finally {
      await store.close();
    }
    const again = join(files, 'from-postgres.jsonl.gz');
    const backedUp = await admin(pgTarget, 'backup', again);
    expect(backedUp.code, backedUp.err).toBe(0);
    const lines = rowLines(again);
    expect(lines.filter((line) => !line.includes('"sign-in-failed"') && !line.startsWith('{"end"'))).toEqual(
      rowLines(backupFile).filter((line) => !line.startsWith('{"end"')),
    );
  });

  it('refuses a store that is not empty, a truncated, corrupt or newer file, and leaves the store as it was', async () => {
    const target = pgTarget;
    const before = await contentsOf(target);
    const refusedFull = await admin(target, 'restore', backupFile);
    expect(refusedFull.code).toBe(1);
    expect(refusedFull.err).toMatch(/the store is not empty \(.*\d+ users.*\): .*--force/);

    const bytes = readFileSync(backupFile);
    const truncated = join(files, 'truncated.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const corrupt = join(files, 'corrupt.gz');
    const flipped = Buffer.from(bytes);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] as number) ^ 0xff;
    writeFileSync(corrupt, flipped);
    // Cut at a line: whole gzip, whole JSON, but no end line.
    const text = gunzipSync(bytes).toString('utf8');
    const cutAtLine = join(files, 'cut.gz');
    writeFileSync(cutAtLine, gzipSync(text.slice(0, text.lastIndexOf('\n', text.length / 2) + 1)));
    const newer = join(files, 'newer.gz');
    writeFileSync(newer, gzipSync(text.replace('"schemaVersion":', '"schemaVersion":9999,"was":')));
    const newerProduct = join(files, 'newer-product.gz');
    writeFileSync(
      newerProduct,
      gzipSync(text.replace(/"productVersion":"[^"]*"/, '"productVersion":"99.0.0"')),
    );

    // The command's message once; the other files through the module itself (no process each).
    const refused = await admin(target, 'restore', truncated, '--force');
    expect(refused.code, refused.err).toBe(1);
    expect(refused.err).toMatch(/restore failed: the file is not a whole gzip file.*truncated or corrupt/);
    const store = await openTarget(target);
    try {
      for (const [file, message] of [
        [corrupt, /corrupt/],
        [cutAtLine, /without its end line: it is truncated/],
        [newer, /schema version 9999, written by a newer Följsam/],
        [newerProduct, /written by Följsam 99\.0\.0, and this is Följsam /],
      ] as const) {
        await expect(restoreBackup(store, createReadStream(file), { force: true })).rejects.toThrow(message);
      }
      expect(await contents(store)).toEqual(before);
      // A table a later migration adds must be backed up or left out on purpose.
      const { rows } = await store.database.sql.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
      );
      expect(rows.map((row) => row.table_name).sort()).toEqual(
        [...BACKED_UP_TABLES.map((table) => table.name), ...NOT_BACKED_UP].sort(),
      );
    } finally {
      await store.close();
    }
  });

  it('refuses to restore under a running server and says so', async () => {
    const dataDir = freshDataDir();
    const server = await startServerProcess({ dataDir });
    try {
      const refused = await admin({ dataDir, env: {} }, 'restore', backupFile, '--force');
      expect(refused.code).toBe(2);
      expect(refused.err).toContain('Stop the running server first');
    } finally {
      await server.kill('SIGTERM');
    }
    const options = await freshServerOptions('postgres');
    const pgServer = await startServerProcess(options);
    try {
      const refused = await admin(options, 'restore', backupFile, '--force');
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/1 Följsam server process is connected .*stop it before restoring/);
    } finally {
      await pgServer.kill('SIGTERM');
    }
  });
});

describe('a browser with changes the restored store never saw', () => {
  let server: ServerProcess;
  const target: Target = { dataDir: freshDataDir(), env: {} };
  const backupFile = join(emptyDir('offline-backup-'), 'before.jsonl.gz');
  const docName = reportDocumentName('2015-06', 'hr');
  const databases: PGlite[] = [];
  const browsers: (() => void)[] = [];

  beforeAll(async () => {
    server = await startServerProcess(target);
  });
  afterAll(async () => {
    for (const destroy of browsers) destroy();
    for (const db of databases) await db.close();
    await server?.kill('SIGTERM');
  });

  /** A browser: a y-websocket client whose doc PglitePersistence keeps in its own local PGlite. */
  async function browser(username: string) {
    const db = new PGlite();
    databases.push(db);
    await migrateLocalStore(db);
    const doc = new Y.Doc();
    const persistence = new PglitePersistence(docName, doc, Promise.resolve(db), {});
    let client = connectClient(server.wsUrl, docName, (await signIn(server.url, username)).token, doc);
    persistence.attachProvider(client.provider);
    await client.synced;
    browsers.push(() => {
      client.provider.awareness.destroy();
      client.provider.destroy();
      doc.destroy();
    });
    return {
      doc,
      persistence,
      get provider() {
        return client.provider;
      },
      /** Signs in again (a restore ends every session) and reconnects the same doc. */
      async reconnect() {
        client.provider.awareness.destroy();
        client.provider.destroy();
        client = connectClient(server.wsUrl, docName, (await signIn(server.url, username)).token, doc);
        persistence.attachProvider(client.provider);
      },
    };
  }

  it("merges its own unsent and lost changes; another user's lost change in it is refused, never stored in part", async () => {
    const head = await browser('chef-hr');
    const chief = await browser('kommunchef');
    const backedUp = await admin(target, 'backup', backupFile);
    expect(backedUp.code, backedUp.err).toBe(0);

    // After the backup: a change the server stores (the chief's browser receives it too), then
    // both browsers go offline and change something.
    setItemStatus(head.doc, 'goal:after-backup', 'gron', asAuthor('chef-hr'));
    await waitFor(() => head.persistence.pendingCount === 0, 'the change after the backup confirmed');
    await waitFor(
      () => readReport(chief.doc, '2015-06', 'hr').itemStatuses['goal:after-backup'] === 'gron',
      'the chief has the change',
    );
    head.provider.disconnect();
    chief.provider.disconnect();
    setItemStatus(head.doc, 'goal:offline', 'gul', asAuthor('chef-hr'));
    setItemStatus(chief.doc, 'goal:chief-offline', 'rod', asAuthor('kommunchef'));
    expect(head.persistence.pendingCount).toBe(1);
    expect(chief.persistence.pendingCount).toBe(1);

    // The disaster: the store is restored from the backup, which has neither change.
    await server.kill('SIGTERM');
    const restored = await admin(target, 'restore', backupFile, '--force');
    expect(restored.code, restored.err).toBe(0);
    server = await startServerProcess(target);
    const read = async () => {
      const reader = connectClient(server.wsUrl, docName, (await signIn(server.url, 'kommunchef')).token);
      await reader.synced;
      const statuses = readReport(reader.doc, '2015-06', 'hr').itemStatuses;
      reader.destroy();
      return statuses;
    };
    expect(await read()).not.toHaveProperty('goal:after-backup');

    // The chief's browser comes back first. y-websocket answers the server with everything the
    // server lacks: the department head's lost change too, whose history entry the chief may
    // not add. The server refuses the whole answer and says so (the app shows it, docs/backup.md).
    const refusals: string[] = [];
    await chief.reconnect();
    chief.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, chief.doc, (_doc, reason) => refusals.push(reason));
    };
    await waitFor(() => refusals.length > 0, 'the refusal');
    expect(refusals[0]).toMatch(/^read-only: /);
    expect(chief.persistence.pendingCount).toBe(1);

    // The department head's browser sends its own: the change the store lost and the offline one.
    await head.reconnect();
    await waitFor(() => head.persistence.pendingCount === 0, 'the offline change confirmed');
    const statuses = await read();
    expect(statuses).toMatchObject({ 'goal:after-backup': 'gron', 'goal:offline': 'gul' });
    expect(statuses).not.toHaveProperty('goal:chief-offline');
  });
});
