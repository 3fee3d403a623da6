/**
 * A real first run (issue 15): production never loads the demo; an empty production store
 * starts and waits for `pnpm admin init`, which creates the municipality's settings and its
 * first administrator (password on stdin, never on the command line), once.
 */
import { swedishDate } from '@foljsam/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { emptyDir } from '../support/dataDir';
import {
  emptyStore,
  FIRST_ADMIN,
  type FirstRunStore,
  runAdmin,
  runAdminInit,
  startProductionServer,
} from '../support/firstRun';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';

const DEMO_USERNAMES = ['admin', 'kommunchef', 'lasare', 'chef-hr', 'chef-naringsliv'];

const running: ServerProcess[] = [];
afterAll(async () => {
  for (const server of running) await server.kill('SIGTERM');
});

async function start(store: FirstRunStore): Promise<ServerProcess> {
  const server = await startProductionServer(store);
  running.push(server);
  return server;
}

/** The status of a sign-in attempt (200 signed in, 401 refused). */
async function signInStatus(url: string, username: string, password: string): Promise<number> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await response.body?.cancel();
  return response.status;
}

/** What a server on a store after `init` must show: that administrator alone, no demo. */
async function expectOnlyTheFirstAdministrator(server: ServerProcess): Promise<void> {
  for (const username of DEMO_USERNAMES) {
    expect(await signInStatus(server.url, username, 'demo'), username).toBe(401);
  }
  const anna = await signIn(server.url, FIRST_ADMIN.username, FIRST_ADMIN.password);
  expect(anna.user).toMatchObject({ username: 'anna', role: 'admin', departmentId: null });
  const headers = { cookie: anna.cookie };
  const users = (await (await fetch(`${server.url}/api/users`, { headers })).json()) as {
    username: string;
    displayName: string;
    role: string;
  }[];
  expect(users.map(({ username, displayName, role }) => ({ username, displayName, role }))).toEqual([
    { username: 'anna', displayName: 'Anna Andersson', role: 'admin' },
  ]);
  expect(await (await fetch(`${server.url}/api/workspace`, { headers })).json()).toEqual({
    municipality: 'Lerums kommun',
    koladaMunicipalityId: '1441',
    demo: false,
  });
  const { departments } = (await (await fetch(`${server.url}/api/departments`)).json()) as {
    departments: unknown[];
  };
  expect(departments).toEqual([]);
}

const initArgs = [
  'init',
  '--municipality',
  FIRST_ADMIN.municipality,
  '--kolada-id',
  FIRST_ADMIN.koladaId,
  '--username',
  FIRST_ADMIN.username,
  '--name',
  FIRST_ADMIN.name,
];

describe('a first run in production', () => {
  it('refuses DEMO=1 with NODE_ENV=production, saying why', async () => {
    const error = await startServerProcess({
      dataDir: emptyDir(),
      env: { NODE_ENV: 'production', DEMO: '1' },
    }).then(
      () => null,
      (failure: Error) => failure,
    );
    expect(error?.message).toContain('DEMO: the demo workspace is never loaded in production');
    expect(error?.message).toContain('code 2');
  });

  it('PGlite: starts empty, waits for `pnpm admin init`, then has that administrator only (also after a restart)', async () => {
    const store = emptyStore();
    const empty = await start(store);
    const health = await fetch(`${empty.url}/api/health`);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    const warning = empty.logs
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .find((entry) => entry.msg.includes('no administrator yet'));
    // pino's warn level is 40.
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain('pnpm admin init');
    expect(empty.logs.some((line) => line.includes('demo workspace loaded'))).toBe(false);
    for (const username of DEMO_USERNAMES) expect(await signInStatus(empty.url, username, 'demo')).toBe(401);
    // The embedded store allows one process: init refuses while the server holds the data dir.
    const locked = await runAdminInit(store);
    expect(locked.code).toBe(2);
    expect(locked.err).toContain('Stop the running server first');
    await empty.kill('SIGTERM');

    // A password on the command line is refused before anything is opened or written.
    const withPassword = await runAdmin(store, [...initArgs, '--password', FIRST_ADMIN.password]);
    expect(withPassword.code).toBe(2);
    expect(withPassword.err).toContain('init never takes --password');
    // Bad values are named, and nothing is written.
    const bad = await runAdmin(
      store,
      ['init', '--municipality', ' ', '--kolada-id', '14', '--username', 'A', '--name', 'Anna'],
      `${FIRST_ADMIN.password}\n`,
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--municipality');
    expect(bad.err).toContain('--kolada-id');
    expect(bad.err).toContain('--username');
    const short = await runAdminInit(store, { ...FIRST_ADMIN, password: 'kort' });
    expect(short.code).toBe(2);
    expect(short.err).toContain('at least 8 characters');

    const init = await runAdminInit(store);
    expect(init.code, init.err).toBe(0);
    expect(init.out).toContain('anna is its first administrator');
    expect(init.out + init.err).not.toContain(FIRST_ADMIN.password);

    const again = await runAdminInit(store, { ...FIRST_ADMIN, username: 'bertil' });
    expect(again.code).toBe(2);
    expect(again.err).toContain('already has users');

    const first = await start(store);
    expect(first.logs.some((line) => line.includes('no administrator yet'))).toBe(false);
    await expectOnlyTheFirstAdministrator(first);
    // The administrator's creation is in the audit log, by "pnpm admin".
    const anna = await signIn(first.url, FIRST_ADMIN.username, FIRST_ADMIN.password);
    const today = swedishDate(new Date());
    const audit = (
      (await (
        await fetch(`${first.url}/api/audit?from=${today}&to=${today}`, { headers: { cookie: anna.cookie } })
      ).json()) as { rows: { userName: string; action: string; document: string }[] }
    ).rows;
    expect(audit.filter((event) => event.action === 'user-created')).toEqual([
      expect.objectContaining({ userName: 'pnpm admin', document: 'user:anna' }),
    ]);
    await first.kill('SIGTERM');

    const restarted = await start(store);
    await expectOnlyTheFirstAdministrator(restarted);
  });

  it('PostgreSQL: init on an empty schema, then the server has that administrator only (also after a restart)', async () => {
    const options = await freshServerOptions('postgres');
    const store: FirstRunStore = { dataDir: emptyDir(), env: options.env };
    const init = await runAdminInit(store);
    expect(init.code, init.err).toBe(0);
    expect((await runAdminInit(store)).code).toBe(2);
    const first = await start(store);
    expect(first.logs.some((line) => line.includes('demo workspace loaded'))).toBe(false);
    await expectOnlyTheFirstAdministrator(first);
    await first.kill('SIGTERM');
    const restarted = await start(store);
    await expectOnlyTheFirstAdministrator(restarted);
  });
});
