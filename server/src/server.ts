/**
 * Starting and stopping a whole server: storage, demo seed, HTTP and websockets. Used by
 * main.ts and by tests, which start real servers on loopback ports.
 */

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { type BackupListener, listenForBackups } from './backup/backupSocket';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import { seedDemoIfEmpty } from './demo/seedDemo';
import type { Logger } from './logger';
import { type ReminderService, startReminders } from './reminders/reminderService';
import { listDueReports } from './reporting/dueReports';
import { openPgliteStore } from './store/pglite/pgliteStore';
import type { Store } from './store/types';
import { CloseCode } from './sync/closeCodes';
import type { DocumentRegistry } from './sync/DocumentRegistry';
import { PRODUCT_VERSION } from './version';

export interface RunningServer {
  port: number;
  url: string;
  store: Store;
  /** The loaded documents, for in-process tests and tools that change documents server-side. */
  registry: DocumentRegistry;
  /** The reminder e-mails' schedule; `runRound()` runs a round now (tests move the clock first). */
  reminders: ReminderService;
  /** Stops accepting, closes clients with "going away", stores what they sent, closes storage. */
  close(): Promise<void>;
}

export async function openStore(config: Config, log: Logger): Promise<Store> {
  if (!config.databaseUrl) {
    return openPgliteStore(config.dataDir, log, {
      onCreated: (created) => log.info(created, 'database created in a child process'),
    });
  }
  // Loaded only for PostgreSQL: the embedded store's start does not pay for `pg`.
  const { openPostgresStore } = await import('./store/postgres/postgresStore');
  return openPostgresStore(config.databaseUrl, {
    onFanoutError: (error) => log.warn({ err: error }, 'notification channel to other processes'),
  });
}

/**
 * Deletes expired sessions now and every `intervalMs` (a session is refused once expired, but
 * its row would otherwise stay forever); the returned function stops it and waits for a purge
 * under way. Every process may purge: the delete is idempotent.
 */
function purgeExpiredSessions(store: Store, intervalMs: number, log: Logger): () => Promise<void> {
  let running: Promise<void> | undefined;
  const purge = () => {
    running ??= store.sessions
      .deleteExpired(new Date())
      .then(
        (count) => {
          if (count > 0) log.info({ count }, 'expired sessions purged');
        },
        (error: unknown) => log.warn({ err: error }, 'could not purge expired sessions'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  purge();
  // Unref'd: the purge alone must not keep a process alive.
  const timer = setInterval(purge, intervalMs).unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** What a caller can put in place of the defaults: tests move time with a {@link ManualClock}. */
export interface ServerOptions {
  clock?: Clock;
}

export async function startServer(
  config: Config,
  log: Logger,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const started = performance.now();
  // Before the store opens: a refusal (a store from a newer version) then follows this line.
  log.info({ version: PRODUCT_VERSION, node: process.version }, 'starting Följsam');
  const store = await openStore(config, log);
  try {
    await store.startupLock(async () => {
      if ((await store.users.count()) > 0) return;
      if (config.demo) {
        await seedDemoIfEmpty(store, log);
        return;
      }
      // A real first run: the server answers (health, sign-in) but nobody can sign in yet.
      log.warn(
        'There is no administrator yet: run `pnpm admin init` (with the embedded store, stop the server first; see README, "Run it for real")',
      );
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  // The embedded store's data dir is this process's alone: `pnpm admin backup` asks it.
  let backups: BackupListener | undefined;
  if (store.kind === 'pglite') {
    try {
      backups = await listenForBackups(config.dataDir, store, log);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  const { app, injectWebSocket, registry, wss } = createApp({ config, store, log, clock });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  injectWebSocket(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const stopPurge = purgeExpiredSessions(store, config.sessionPurgeMs, log);
  const reminders = startReminders({
    store,
    clock,
    log,
    mail: config.mail,
    dueReports: (year) => listDueReports({ store, registry }, year),
  });
  log.info(
    {
      port,
      version: PRODUCT_VERSION,
      storage: store.kind,
      dataDir: config.dataDir,
      startupMs: Math.round(performance.now() - started),
    },
    'listening',
  );

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    store,
    registry,
    reminders,
    close() {
      closing ??= (async () => {
        server.close();
        await reminders.stop();
        await registry.closeAll(CloseCode.goingAway, 'server shutting down');
        for (const client of wss.clients) client.terminate();
        await stopPurge();
        await backups?.close();
        await store.close();
        log.info('stopped');
      })();
      return closing;
    },
  };
}
