/**
 * Departments as data over REST against a real server (both stores): an administrator creates,
 * renames, renumbers, archives and restores; nobody else may; every change is audited; an
 * archived department is not offered for new work (no new department head in it), while its
 * existing members keep it. Also `GET /api/workspace` and the CLI's refusal of an archived one.
 */
import { spawnSync } from 'node:child_process';
import { swedishDate } from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { builtEntry, type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';

interface DepartmentRecord {
  id: string;
  number: string;
  name: string;
  archived: boolean;
  archivedAt: string | null;
}

describe.each(STORAGES)('departments (%s)', (storage) => {
  let server: ServerProcess;
  let options: Awaited<ReturnType<typeof freshServerOptions>>;
  let admin: string;
  let kommunchef: string;
  let chefHr: string;

  beforeAll(async () => {
    options = await freshServerOptions(storage);
    server = await startServerProcess(options);
    admin = (await signIn(server.url, 'admin')).token;
    kommunchef = (await signIn(server.url, 'kommunchef')).token;
    chefHr = (await signIn(server.url, 'chef-hr')).token;
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const api = (token: string | null, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const departments = async () =>
    ((await (await api(null, 'GET', '/departments')).json()) as { departments: DepartmentRecord[] })
      .departments;
  const audit = async () => {
    const today = swedishDate(new Date());
    const page = (await (
      await api(admin, 'GET', `/audit?from=${today}&to=${today}&document=department:kultur-fritid&limit=200`)
    ).json()) as { rows: { action: string; document: string; detail: string; userName: string }[] };
    // Newest first on the page; oldest first here, as the changes were made.
    return page.rows.filter((event) => event.action.startsWith('department-')).reverse();
  };

  it('tells a signed-in user the workspace: the demo is Ale kommun, 1440', async () => {
    expect((await api(null, 'GET', '/workspace')).status).toBe(401);
    expect(await (await api(chefHr, 'GET', '/workspace')).json()).toEqual({
      municipality: 'Ale kommun',
      koladaMunicipalityId: '1440',
      demo: true,
    });
  });

  it('lists every department publicly, with whether it is archived', async () => {
    const list = await departments();
    expect(list).toHaveLength(10);
    expect(list.find((d) => d.id === 'hr')).toEqual({
      id: 'hr',
      number: '8.1.4',
      name: expect.any(String),
      archived: false,
      archivedAt: null,
    });
  });

  it('refuses every change from anyone but an administrator', async () => {
    expect((await api(null, 'POST', '/departments', { name: 'X', number: '9.1' })).status).toBe(401);
    expect((await api(kommunchef, 'POST', '/departments', { name: 'X', number: '9.1' })).status).toBe(403);
    expect((await api(chefHr, 'PATCH', '/departments/hr', { name: 'Mitt HR' })).status).toBe(403);
    expect((await api(kommunchef, 'PATCH', '/departments/hr', { archived: true })).status).toBe(403);
    expect((await departments()).find((d) => d.id === 'hr')?.archived).toBe(false);
  });

  it('lets an administrator create, rename, renumber, archive and restore, each change audited', async () => {
    const created = await api(admin, 'POST', '/departments', { name: 'Kultur & fritid', number: '8.1.11' });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      id: 'kultur-fritid',
      number: '8.1.11',
      name: 'Kultur & fritid',
      archived: false,
      archivedAt: null,
    });
    // The same name again gets an id of its own; a taken number is a conflict.
    const twin = await api(admin, 'POST', '/departments', { name: 'Kultur & fritid', number: '8.1.12' });
    expect(((await twin.json()) as DepartmentRecord).id).toBe('kultur-fritid-2');
    const clash = await api(admin, 'POST', '/departments', { name: 'Annat', number: '8.1.11' });
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { error: string }).error).toContain('8.1.11');
    expect(
      (await api(admin, 'POST', '/departments', { name: 'Given id', number: '8.1.13', id: 'hr' })).status,
    ).toBe(409);
    expect((await api(admin, 'POST', '/departments', { name: '', number: 'åtta' })).status).toBe(400);

    const renamed = await api(admin, 'PATCH', '/departments/kultur-fritid', {
      name: 'Kultur',
      number: '8.1.14',
    });
    expect(await renamed.json()).toMatchObject({ id: 'kultur-fritid', name: 'Kultur', number: '8.1.14' });
    expect((await api(admin, 'PATCH', '/departments/kultur-fritid', { number: '8.1.4' })).status).toBe(409);
    expect((await api(admin, 'PATCH', '/departments/no-such', { name: 'X' })).status).toBe(404);
    expect((await api(admin, 'PATCH', '/departments/kultur-fritid', {})).status).toBe(400);
    expect((await api(admin, 'PATCH', '/departments/kultur-fritid', { id: 'other' })).status).toBe(400);

    const archived = (await (
      await api(admin, 'PATCH', '/departments/kultur-fritid', { archived: true })
    ).json()) as DepartmentRecord;
    expect(archived.archived).toBe(true);
    expect(archived.archivedAt).not.toBeNull();
    expect((await departments()).find((d) => d.id === 'kultur-fritid')?.archived).toBe(true);
    // An archived department's number may be reused; restoring it then is a conflict.
    expect((await api(admin, 'POST', '/departments', { name: 'Kultur ny', number: '8.1.14' })).status).toBe(
      201,
    );
    expect((await api(admin, 'PATCH', '/departments/kultur-fritid', { archived: false })).status).toBe(409);
    const restored = await api(admin, 'PATCH', '/departments/kultur-fritid', {
      archived: false,
      number: '8.1.15',
    });
    expect(await restored.json()).toMatchObject({ archived: false, archivedAt: null, number: '8.1.15' });

    const events = await audit();
    expect(
      events.filter((e) => e.document === 'department:kultur-fritid').map((e) => [e.action, e.detail]),
    ).toEqual([
      ['department-created', '8.1.11 Kultur & fritid'],
      ['department-changed', 'name: "Kultur & fritid" → "Kultur"; number: "8.1.11" → "8.1.14"'],
      ['department-changed', 'archived: false → true'],
      ['department-changed', 'number: "8.1.14" → "8.1.15"; archived: true → false'],
    ]);
    expect(events.every((e) => e.userName === 'Administratör')).toBe(true);
  });

  it('gives a number to one of two administrators racing for it', async () => {
    const statuses = await Promise.all(
      ['Först', 'Sist', 'Mitt emellan'].map(async (name) => {
        const response = await api(admin, 'POST', '/departments', { name, number: '8.1.50' });
        await response.body?.cancel();
        return response.status;
      }),
    );
    expect(statuses.sort()).toEqual([201, 409, 409]);
    expect((await departments()).filter((d) => d.number === '8.1.50')).toHaveLength(1);
  });

  it('offers an archived department for no new work; its members keep it', async () => {
    const created = (await (
      await api(admin, 'POST', '/departments', { name: 'Gamla enheten', number: '8.1.30' })
    ).json()) as DepartmentRecord;
    const member = (await (
      await api(admin, 'POST', '/users', {
        username: 'gammal-chef',
        displayName: 'Gammal Chef',
        role: 'avdelningschef',
        departmentId: created.id,
        password: 'hemligt-ord',
      })
    ).json()) as { id: string };
    await api(admin, 'PATCH', `/departments/${created.id}`, { archived: true });

    const refused = await api(admin, 'POST', '/users', {
      username: 'ny-chef',
      displayName: 'Ny Chef',
      role: 'avdelningschef',
      departmentId: created.id,
      password: 'hemligt-ord',
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('archived');
    const lasare = (await (await api(admin, 'GET', '/users')).json()) as { id: string; username: string }[];
    const reader = lasare.find((u) => u.username === 'lasare');
    const moved = await api(admin, 'PATCH', `/users/${reader?.id}`, {
      role: 'avdelningschef',
      departmentId: created.id,
    });
    expect(moved.status).toBe(400);
    // The member keeps the department and may still be renamed.
    const renamed = await api(admin, 'PATCH', `/users/${member.id}`, { displayName: 'Gammal Chef 2' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ departmentId: created.id, displayName: 'Gammal Chef 2' });
  });

  it.runIf(storage === 'postgres')('pnpm admin refuses an archived department too', async () => {
    const result = spawnSync(
      process.execPath,
      [
        builtEntry('admin'),
        'add-user',
        '--username',
        'cli-chef',
        '--name',
        'Cli Chef',
        '--role',
        'avdelningschef',
        '--department',
        'kultur-fritid-2',
        '--password',
        'hemligt-ord',
      ],
      {
        cwd: new URL('../../server/', import.meta.url).pathname,
        env: { ...process.env, ...options.env, NODE_ENV: 'test' },
        encoding: 'utf8',
      },
    );
    expect(result.status, result.stderr).toBe(0);
    await api(admin, 'PATCH', '/departments/kultur-fritid-2', { archived: true });
    const refused = spawnSync(
      process.execPath,
      [
        builtEntry('admin'),
        'set-role',
        '--username',
        'lasare',
        '--role',
        'avdelningschef',
        '--department',
        'kultur-fritid-2',
      ],
      {
        cwd: new URL('../../server/', import.meta.url).pathname,
        env: { ...process.env, ...options.env, NODE_ENV: 'test' },
        encoding: 'utf8',
      },
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('archived');
  });
});
