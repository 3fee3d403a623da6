/**
 * A real first run, as a municipality's IT does it: `pnpm admin init` on an empty store with
 * the password on stdin, then the server in production mode (no demo, ever). For the first-run
 * integration and end-to-end tests, and for tests that build on a workspace made from nothing.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { emptyDatabaseDataDir } from './dataDir';
import { type ServerProcess, serverCommand, startServerProcess } from './serverProcess';

/** Where a first run keeps its data: an empty data dir, or a PostgreSQL URL (with its schema). */
export interface FirstRunStore {
  dataDir: string;
  /** Extra environment, e.g. `DATABASE_URL` for PostgreSQL. */
  env: Record<string, string>;
}

/**
 * An empty embedded store: a new data dir holding an empty database (initdb's output, no
 * tables, no data), as the server's first start creates it. Creating the database itself is
 * tested in startup.test.ts, from an empty folder.
 */
export function emptyStore(): FirstRunStore {
  return { dataDir: emptyDatabaseDataDir('first-run-'), env: {} };
}

/** What `pnpm admin init` is given; the password travels on stdin. */
export interface InitOptions {
  municipality: string;
  koladaId: string;
  username: string;
  name: string;
  password: string;
}

export const FIRST_ADMIN: InitOptions = {
  municipality: 'Lerums kommun',
  koladaId: '1441',
  username: 'anna',
  name: 'Anna Andersson',
  password: 'forsta-losenordet-1',
};

export interface CommandResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs `pnpm admin <args>` as its package script does (node on the built CLI, from the server
 * folder) in production mode on `store`, writing `stdin` to it and closing it. `serverDir`: a
 * production install's server folder instead of the repository's (see `StartOptions`).
 */
export async function runAdmin(
  store: FirstRunStore,
  args: readonly string[],
  stdin = '',
  serverDir?: string,
): Promise<CommandResult> {
  const { entry, cwd } = serverCommand('admin', serverDir);
  const child = spawn(process.execPath, [entry, ...args], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: store.dataDir, ...store.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  child.stdin.end(stdin);
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, out, err };
}

/** `pnpm admin init …` with the password as the first line of stdin. */
export function runAdminInit(
  store: FirstRunStore,
  options: InitOptions = FIRST_ADMIN,
  serverDir?: string,
): Promise<CommandResult> {
  return runAdmin(
    store,
    [
      'init',
      '--municipality',
      options.municipality,
      '--kolada-id',
      options.koladaId,
      '--username',
      options.username,
      '--name',
      options.name,
    ],
    `${options.password}\n`,
    serverDir,
  );
}

/** Starts the server in production mode (NODE_ENV=production) on `store`. */
export function startProductionServer(
  store: FirstRunStore,
  env: Record<string, string> = {},
  port = 0,
  serverDir?: string,
): Promise<ServerProcess> {
  return startServerProcess({
    dataDir: store.dataDir,
    port,
    env: { ...store.env, ...env, NODE_ENV: 'production' },
    serverDir,
  });
}

/**
 * A first run from nothing, for `appUnderTest({ startServer: firstRunServer })`: an empty store
 * ({@link emptyStore}), `pnpm admin init` with {@link FIRST_ADMIN} (password on stdin), then the server in
 * production mode serving `clientDist`. Sign in as `FIRST_ADMIN.username` with its password.
 */
export async function firstRunServer(
  clientDist: string,
  options: InitOptions = FIRST_ADMIN,
): Promise<ServerProcess> {
  const store = emptyStore();
  const init = await runAdminInit(store, options);
  if (init.code !== 0) throw new Error(`pnpm admin init failed (${init.code}):\n${init.err}`);
  return startProductionServer(store, { CLIENT_DIST: clientDist });
}
