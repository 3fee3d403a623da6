/**
 * User administration and the audit log over REST against a real server: only an admin
 * manages users; changes end the user's sessions (and close their websockets); every step
 * and every stored document update appears in the audit log, as JSON and as CSV.
 */
import { swedishDate } from '@foljsam/domain';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { closeCode, openSocket } from '../support/sockets';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: string;
  departmentId: string | null;
  disabled: boolean;
  createdAt: string;
}

describe.each(STORAGES)('users and the audit log (%s)', (storage) => {
  let server: ServerProcess;
  let admin: string;
  let kommunchef: string;

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions(storage));
    admin = (await signIn(server.url, 'admin')).token;
    kommunchef = (await signIn(server.url, 'kommunchef')).token;
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const api = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const login = (username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });

  it('only an admin lists and manages users', async () => {
    expect((await api(kommunchef, 'GET', '/users')).status).toBe(403);
    expect((await api(kommunchef, 'POST', '/users', {})).status).toBe(403);
    const list = (await (await api(admin, 'GET', '/users')).json()) as UserRecord[];
    const roles = new Set(list.map((user) => user.role));
    expect(roles).toEqual(new Set(['admin', 'kommunchef', 'avdelningschef', 'lasare']));
    expect(list.find((user) => user.username === 'chef-hr')).toMatchObject({
      departmentId: 'hr',
      disabled: false,
      createdAt: expect.any(String),
    });
    expect(list[0]).not.toHaveProperty('passwordHash');
  });

  it('creates a user, refuses bad input and a taken name, and ends sessions on role change, disabling and password reset', async () => {
    const good = {
      username: 'anna',
      displayName: 'Anna Andersson',
      role: 'avdelningschef',
      departmentId: 'it',
      password: 'lösenord-123',
    };
    for (const bad of [
      {},
      { ...good, username: 'A B' },
      { ...good, password: 'short' },
      { ...good, role: 'kung' },
      { ...good, departmentId: null },
      { ...good, departmentId: 'no-such-department' },
      { ...good, role: 'lasare' },
    ]) {
      const response = await api(admin, 'POST', '/users', bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBeTruthy();
    }
    const created = await api(admin, 'POST', '/users', good);
    expect(created.status).toBe(201);
    const anna = (await created.json()) as UserRecord;
    expect(anna).toMatchObject({
      username: 'anna',
      role: 'avdelningschef',
      departmentId: 'it',
      disabled: false,
    });
    expect((await api(admin, 'POST', '/users', good)).status).toBe(409);

    // Anna works in a document; a role change closes it with its own code (4403, told apart
    // from an ended session's 4401) and her token stops working.
    const session = await signIn(server.url, 'anna', good.password);
    const socket = await openSocket(server.wsUrl, 'report:2015-03:it', session.token);
    const closed = closeCode(socket);
    const patched = await api(admin, 'PATCH', `/users/${anna.id}`, { role: 'lasare' });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ role: 'lasare', departmentId: null });
    expect(await closed).toBe(4403);
    expect((await api(session.token, 'GET', '/auth/me')).status).toBe(401);
    expect((await api(admin, 'PATCH', `/users/${anna.id}`, {})).status).toBe(400);
    expect((await api(admin, 'PATCH', `/users/${anna.id}`, { username: 'x' })).status).toBe(400);
    expect((await api(admin, 'PATCH', '/users/no-such-id', { displayName: 'X' })).status).toBe(404);

    // A new password: the old one stops working, the new one works.
    expect((await api(admin, 'POST', `/users/${anna.id}/password`, { password: 'x' })).status).toBe(400);
    expect(
      (await api(admin, 'POST', `/users/${anna.id}/password`, { password: 'nytt-lösenord' })).status,
    ).toBe(204);
    expect((await login('anna', good.password)).status).toBe(401);
    const again = await signIn(server.url, 'anna', 'nytt-lösenord');

    // Disabled: her session ends (4401: not a role change, even with one) and she cannot sign in.
    const againSocket = await openSocket(server.wsUrl, 'report:2015-03:it', again.token);
    const endedSocket = closeCode(againSocket);
    expect(
      (await api(admin, 'PATCH', `/users/${anna.id}`, { disabled: true, role: 'kommunchef' })).status,
    ).toBe(200);
    expect(await endedSocket).toBe(4401);
    expect((await api(again.token, 'GET', '/auth/me')).status).toBe(401);
    expect((await login('anna', 'nytt-lösenord')).status).toBe(401);
    expect((await api(admin, 'POST', '/users/no-such-id/sessions/revoke')).status).toBe(404);
    expect((await api(admin, 'POST', `/users/${anna.id}/sessions/revoke`)).status).toBe(204);
  });

  it('answers 400 with a JSON error for a user id with a control character or of another form, on every users route', async () => {
    // A valid body, so that only the id can be wrong (a NUL used to reach the database: 500).
    const ids = ['x%00y', '%00', 'x%01y', 'x%0Ay', 'x%7Fy', '%E2%80%8B', 'a%20b', `${'a'.repeat(101)}`];
    for (const id of ids) {
      for (const [method, path, body] of [
        ['PATCH', `/users/${id}`, { displayName: 'X' }],
        ['POST', `/users/${id}/password`, { password: 'ett-bra-lösenord' }],
        ['POST', `/users/${id}/sessions/revoke`, undefined],
      ] as const) {
        const response = await api(admin, method, path, body);
        expect(response.status, `${method} ${path}`).toBe(400);
        expect(((await response.json()) as { error: string }).error, `${method} ${path}`).toBeTruthy();
      }
    }
    // A well-formed id that is nobody's is still 404, not 400.
    expect(
      (await api(admin, 'PATCH', '/users/00000000-0000-4000-8000-000000000000', { displayName: 'X' })).status,
    ).toBe(404);
  });

  it('exports the audit log as JSON and CSV, with sign-ins, user administration and document updates', async () => {
    // A document update by kommunchef.
    const client = connectClient(server.wsUrl, 'report:2015-03:hr', kommunchef);
    await client.synced;
    client.doc.getMap('indicatorOutcomes').set('audit-probe', 1);
    const reader = connectClient(server.wsUrl, 'report:2015-03:hr', admin);
    await waitFor(() => reader.doc.getMap('indicatorOutcomes').get('audit-probe') === 1, 'the stored update');
    client.destroy();
    reader.destroy();

    const today = swedishDate(new Date());
    expect(
      (await api((await signIn(server.url, 'lasare')).token, 'GET', `/audit?from=${today}&to=${today}`))
        .status,
    ).toBe(403);
    for (const bad of [
      '',
      '?from=2015-01-01',
      `?from=${today}&to=2015-01-01`,
      '?from=x&to=y',
      '?from=2014-01-01&to=2016-01-01',
    ]) {
      const response = await api(kommunchef, 'GET', `/audit${bad}`);
      expect(response.status, bad).toBe(400);
    }
    const response = await api(kommunchef, 'GET', `/audit?from=${today}&to=${today}&limit=200`);
    expect(response.status).toBe(200);
    const { rows } = (await response.json()) as {
      rows: { action: string; userName: string; document: string | null; field: string | null; at: string }[];
    };
    const actions = new Set(rows.map((row) => row.action));
    for (const action of [
      'sign-in',
      'user-created',
      'user-changed',
      'password-reset',
      'sessions-revoked',
      'update',
    ]) {
      expect(actions, action).toContain(action);
    }
    // The document update names the field it changed.
    expect(rows).toContainEqual(
      expect.objectContaining({
        action: 'update',
        userName: 'Kommunchef',
        document: 'report:2015-03:hr',
        field: 'indicatorOutcomes/audit-probe',
      }),
    );
    // Newest first.
    const times = rows.map((row) => Date.parse(row.at));
    expect(times.every((time, index) => index === 0 || time <= (times[index - 1] as number))).toBe(true);
    // A period with nothing in it is an empty page.
    expect(await (await api(kommunchef, 'GET', '/audit?from=2001-01-01&to=2001-01-02')).json()).toMatchObject(
      {
        rows: [],
        total: 0,
      },
    );

    const csv = await api(admin, 'GET', `/audit?from=${today}&to=${today}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const parsed = Papa.parse<Record<string, string>>((await csv.text()).replace(/^\ufeff/, ''), {
      header: true,
      skipEmptyLines: true,
      delimiter: ';',
    });
    expect(parsed.meta.fields).toEqual([
      'Tid',
      'Användare',
      'Händelse',
      'Dokument',
      'Fält',
      'Från',
      'Till',
      'Kommentar',
    ]);
    expect(parsed.data.length).toBeGreaterThanOrEqual(rows.length);
    expect(parsed.data.some((row) => row.Händelse === 'Ändrade' && row.Användare === 'Kommunchef')).toBe(
      true,
    );
    expect(parsed.data.some((row) => row.Händelse === 'Loggade in')).toBe(true);
  });
});
