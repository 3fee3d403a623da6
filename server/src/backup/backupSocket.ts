/**
 * Backups of the embedded store while its server runs. PGlite allows one process per data
 * dir (dataDirLock.ts), so `pnpm admin backup` cannot open it beside the server; instead the
 * server listens on a Unix socket in the data dir, and the CLI asks it for the backup there.
 * Only who may read the data dir may connect (the socket is 0600, owned by the server's
 * user): exactly who could copy the database files anyway.
 */
import { once } from 'node:events';
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../logger';
import type { Store } from '../store/types';
import { writeBackup } from './backupFile';

/** The socket's file name in the data dir. */
export const BACKUP_SOCKET = 'backup.sock';
const REQUEST = 'backup\n';
/** sockaddr_un holds 108 bytes on Linux, the terminating NUL included. */
const MAX_SOCKET_PATH = 107;

export interface BackupListener {
  close(): Promise<void>;
}

/**
 * Listens on `dataDir/backup.sock` and answers each connection that sends `backup\n` with a
 * backup file (backupFile.ts), one at a time. The caller holds the data dir lock, so a socket
 * file left there by a dead server is ours to replace.
 */
export async function listenForBackups(dataDir: string, store: Store, log: Logger): Promise<BackupListener> {
  const path = join(dataDir, BACKUP_SOCKET);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    log.warn(
      { path },
      'the data dir path is too long for a socket: `pnpm admin backup` needs the server stopped',
    );
    return { close: async () => {} };
  }
  rmSync(path, { force: true });
  const sockets = new Set<Socket>();
  let running: Promise<unknown> = Promise.resolve();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let request = '';
    const onData = (chunk: Buffer) => {
      request += chunk.toString('latin1');
      if (request.length < REQUEST.length) return;
      socket.off('data', onData);
      if (request !== REQUEST) {
        socket.destroy();
        return;
      }
      running = running.then(async () => {
        const started = performance.now();
        try {
          const { rows } = await writeBackup(store, socket);
          log.info({ rows, ms: Math.round(performance.now() - started) }, 'backup written to pnpm admin');
        } catch (error) {
          log.error({ err: error }, 'backup failed');
          // The file's missing end line tells the CLI it is incomplete.
          socket.destroy();
        }
      });
    };
    socket.on('data', onData);
  });
  server.listen(path);
  await once(server, 'listening');
  chmodSync(path, 0o600);
  return {
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
      await running;
      rmSync(path, { force: true });
    },
  };
}

/** The server holds the data dir but does not answer on its backup socket. */
export class NoBackupSocketError extends Error {}

/** Asks the server running on `dataDir` for a backup and writes it to `output`. */
export async function requestBackup(dataDir: string, output: Writable): Promise<void> {
  const socket = createConnection(join(dataDir, BACKUP_SOCKET));
  try {
    await once(socket, 'connect');
  } catch (error) {
    socket.destroy();
    throw new NoBackupSocketError(
      `the server holding ${dataDir} does not answer on ${BACKUP_SOCKET} (${(error as Error).message})`,
    );
  }
  socket.write(REQUEST);
  await pipeline(socket, output);
}
