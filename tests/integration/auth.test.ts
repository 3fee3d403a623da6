/** Sign-in over REST and the session check at the websocket upgrade, against a real server. */
import { assignmentsDocumentName } from '@foljsam/domain';
import { PRODUCT_VERSION } from '@foljsam/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { closeCode, openSocket } from '../support/sockets';
import { freshServerOptions, STORAGES } from '../support/storage';

const DOC = assignmentsDocumentName(2015);

/** Opens a websocket and resolves with the HTTP status of the upgrade (101 when it opened). */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

const login = (url: string, body: unknown) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Signs in, waiting out a Retry-After (bounded), and answers the first response that is not 429. */
async function loginWhenAllowed(url: string, body: unknown, maxWaitMs = 30_000): Promise<Response> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const response = await login(url, body);
    if (response.status !== 429 || Date.now() > deadline) return response;
    const seconds = Number(response.headers.get('retry-after'));
    await new Promise((resolve) => setTimeout(resolve, Math.min(seconds * 1000 + 100, maxWaitMs)));
  }
}

describe.each(STORAGES)('sign-in and sessions (%s)', (storage) => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions(storage));
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('health reports ok, the storage kind and the product version', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', storage, version: PRODUCT_VERSION });
  });

  it('lists the ten departments with their ids', async () => {
    const response = await fetch(`${server.url}/api/departments`);
    const { departments } = (await response.json()) as { departments: { id: string; name: string }[] };
    expect(departments).toHaveLength(10);
    expect(departments.map((d) => d.id)).toContain('hr');
  });

  it('a wrong password gets 401 with a JSON error and no cookie', async () => {
    const response = await login(server.url, { username: 'kommunchef', password: 'wrong' });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it('an unknown user gets the same 401 as a wrong password', async () => {
    const response = await login(server.url, { username: 'nobody', password: 'demo' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'wrong username or password' });
  });

  it('malformed login bodies get 400 with a message, never 500', async () => {
    for (const body of [{}, { username: 'a' }, { username: 1, password: 2 }, [], 'x', null]) {
      const response = await login(server.url, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBeTruthy();
    }
    const notJson = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(notJson.status).toBe(400);
  });

  it('a body over the 5 MB upload limit gets 413 before it is read, also on routes that take JSON', async () => {
    const padded = { username: 'admin', password: 'demo', padding: 'x'.repeat(5 * 1024 * 1024) };
    const response = await login(server.url, padded);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'tooLarge' });
    expect((await login(server.url, { ...padded, padding: 'x' })).status).toBe(200);
  });

  it('the right password gets an HttpOnly session cookie and a token', async () => {
    const response = await login(server.url, { username: 'chef-hr', password: 'demo' });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^foljsam_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const body = (await response.json()) as { token: string; user: Record<string, unknown> };
    expect(body.user).toMatchObject({ username: 'chef-hr', role: 'avdelningschef', departmentId: 'hr' });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(cookie).toContain(body.token);
  });

  it('me answers with the user for the cookie and 401 without it', async () => {
    const { cookie } = await signIn(server.url, 'lasare');
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('lasare');
    expect((await fetch(`${server.url}/api/auth/me`)).status).toBe(401);
  });

  it('a websocket without a session gets 401; a forged token too', async () => {
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}`)).toBe(401);
    const forged = 'A'.repeat(43);
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}?token=${forged}`)).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}`, { cookie: `foljsam_session=${forged}` })).toBe(401);
  });

  it('a websocket with the token or the cookie opens; an unknown document name gets 404', async () => {
    const { token, cookie } = await signIn(server.url, 'kommunchef');
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}?token=${token}`)).toBe(101);
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}`, { cookie })).toBe(101);
    expect(await upgradeStatus(`${server.wsUrl}/not-a-document?token=${token}`)).toBe(404);
  });

  it('after logout the token is refused on REST and websocket', async () => {
    const { token, cookie } = await signIn(server.url, 'admin');
    // As a browser sends it: with its origin.
    const logout = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: server.url },
    });
    expect(logout.status).toBe(200);
    expect(logout.headers.get('set-cookie')).toMatch(/foljsam_session=;/);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}?token=${token}`)).toBe(401);
  });

  it('after five wrong passwords an account waits from that client with 429 and Retry-After, and not other users', async () => {
    const statuses: number[] = [];
    let blocked: Response | undefined;
    for (let i = 0; i < 10; i++) {
      const response = await login(server.url, { username: 'chef-naringsliv', password: `wrong-${i}` });
      statuses.push(response.status);
      if (response.status === 429) blocked = response;
    }
    // Six failures are counted (the sixth starts a wait of one second); the rest wait.
    expect(statuses.slice(0, 6)).toEqual(Array(6).fill(401));
    expect(statuses.slice(6)).toEqual(Array(4).fill(429));
    if (!blocked) throw new Error('no 429');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: string }).error).toMatch(/too many failed sign-ins/);
    expect((await login(server.url, { username: 'chef-it', password: 'demo' })).status).toBe(200);
    // The wait is short: the right password gets in once it is over.
    expect(
      (await loginWhenAllowed(server.url, { username: 'chef-naringsliv', password: 'demo' })).status,
    ).toBe(200);
  });

  it('without TRUSTED_PROXIES a client cannot escape its waits by sending X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 1}` },
        body: JSON.stringify({ username: 'chef-kommunikation', password: `wrong-${i}` }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });

  it('?token= is refused on REST routes (401), while the websocket upgrade still takes it', async () => {
    const { token } = await signIn(server.url, 'kommunchef');
    const me = await fetch(`${server.url}/api/auth/me?token=${token}`);
    expect(me.status).toBe(401);
    expect(((await me.json()) as { error: string }).error).toBeTruthy();
    expect((await fetch(`${server.url}/api/reports/2015-03/hr/workflow?token=${token}`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/api/users?token=${(await signIn(server.url, 'admin')).token}`)).status,
    ).toBe(401);
    // The same token in a header works on REST, and in the query on the upgrade.
    expect(
      (await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}?token=${token}`)).toBe(101);
  });

  it('a websocket upgrade from a foreign Origin gets 403 before upgrading; its own origin and no Origin open', async () => {
    const { token, cookie } = await signIn(server.url, 'kommunchef');
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1:1',
      'null',
      'http://localhost',
      'file://x',
    ]) {
      expect(await upgradeStatus(`${server.wsUrl}/${DOC}`, { cookie, origin }), origin).toBe(403);
      expect(await upgradeStatus(`${server.wsUrl}/${DOC}?token=${token}`, { origin }), origin).toBe(403);
    }
    // The page the server itself serves, and clients that send no Origin (y-websocket in Node).
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}`, { cookie, origin: server.url })).toBe(101);
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}`, { cookie })).toBe(101);
  });

  it('refuses a cross-site form post, and takes the same post from its own origin', async () => {
    const { cookie } = await signIn(server.url, 'chef-it');
    const post = (origin: string) =>
      fetch(`${server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
    expect((await post('https://evil.example')).status).toBe(403);
    // The session survived the forged post.
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    expect((await post(server.url)).status).toBe(200);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('forged and well-formed but unknown tokens and cookies get 401 on REST', async () => {
    for (const token of ['A'.repeat(43), 'not-a-token', `${'x'.repeat(42)}!`, '']) {
      const bearer = await fetch(`${server.url}/api/auth/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(bearer.status).toBe(401);
      expect(((await bearer.json()) as { error: string }).error).toBeTruthy();
      const cookie = await fetch(`${server.url}/api/auth/me`, {
        headers: { cookie: `foljsam_session=${token}` },
      });
      expect(cookie.status).toBe(401);
      expect((await fetch(`${server.url}/api/reports/2015-03/hr/workflow?token=${token}`)).status).toBe(401);
    }
  });

  it("revoking a user's sessions closes their open websocket with 4401 and refuses token and cookie", async () => {
    const chef = await signIn(server.url, 'chef-it');
    const second = await signIn(server.url, 'chef-it');
    const admin = await signIn(server.url, 'admin');
    const other = await signIn(server.url, 'chef-hr');
    const open = (token: string, doc = 'report:2015-03:it') => openSocket(server.wsUrl, doc, token);
    const socket = await open(chef.token);
    const otherSocket = await open(other.token, 'report:2015-03:hr');
    const closed = closeCode(socket);
    const revoke = await fetch(`${server.url}/api/users/${chef.user.id}/sessions/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(revoke.status).toBe(204);
    expect(await closed).toBe(4401);
    for (const session of [chef, second]) {
      expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: session.cookie } })).status).toBe(
        401,
      );
      expect(
        (await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${session.token}` } }))
          .status,
      ).toBe(401);
      expect(await upgradeStatus(`${server.wsUrl}/${DOC}?token=${session.token}`)).toBe(401);
      expect(await upgradeStatus(`${server.wsUrl}/${DOC}`, { cookie: session.cookie })).toBe(401);
    }
    // Another user's socket stays open; the revoked user can sign in again.
    expect(otherSocket.readyState).toBe(WebSocket.OPEN);
    otherSocket.close();
    expect((await login(server.url, { username: 'chef-it', password: 'demo' })).status).toBe(200);
  });

  it('signing out closes the websockets of that session with 4401, not those of other sessions', async () => {
    const first = await signIn(server.url, 'chef-hr');
    const second = await signIn(server.url, 'chef-hr');
    const open = (token: string) => openSocket(server.wsUrl, 'report:2015-02:hr', token);
    const [a, b] = [await open(first.token), await open(second.token)];
    const closed = closeCode(a);
    await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.token}` },
    });
    expect(await closed).toBe(4401);
    expect(b.readyState).toBe(WebSocket.OPEN);
    b.close();
  });

  it('never writes a password to the log', async () => {
    await login(server.url, { username: 'kommunchef', password: 'secret-password-123' });
    expect(server.logs.join('\n')).not.toContain('secret-password-123');
    expect(server.logs.join('\n')).not.toContain('"demo"');
  });
});

describe.each(STORAGES)('sign-in throttling behind a trusted proxy (%s)', (storage) => {
  let server: ServerProcess;
  beforeAll(async () => {
    // The test client plays the proxy: X-Forwarded-For names the client each request is from.
    server = await startServerProcess(await freshServerOptions(storage, { TRUSTED_PROXIES: '127.0.0.1' }));
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const from = (client: string, body: unknown) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify(body),
    });

  it("many wrong passwords for an account from one client do not stop its owner's right password from another", async () => {
    const attacker = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      statuses.push((await from(attacker, { username: 'kommunchef', password: `guess-${i}` })).status);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(6);
    expect(statuses.slice(6)).toEqual(Array(9).fill(429));
    // The owner, elsewhere behind the same proxy.
    expect((await from('198.51.100.20', { username: 'kommunchef', password: 'demo' })).status).toBe(200);
    // A client address forged further left in the header does not help the attacker.
    expect(
      (await from(`198.51.100.20, ${attacker}`, { username: 'kommunchef', password: 'guess-x' })).status,
    ).toBe(429);
  });

  it("sixty failures from one address, over many accounts, do not stop other accounts' right passwords from it", async () => {
    const shared = '203.0.113.8';
    for (let i = 0; i < 60; i++) {
      const response = await from(shared, { username: `ghost-${i}`, password: 'guess' });
      expect(response.status).toBe(401);
    }
    expect((await from(shared, { username: 'admin', password: 'demo' })).status).toBe(200);
    expect((await from(shared, { username: 'chef-hr', password: 'demo' })).status).toBe(200);
    // Past its hourly budget the address has no free failures left: one wrong password makes
    // that account wait from there, and only from there.
    expect((await from(shared, { username: 'chef-hr', password: 'wrong' })).status).toBe(401);
    const waiting = await from(shared, { username: 'chef-hr', password: 'demo' });
    expect(waiting.status).toBe(429);
    expect(Number(waiting.headers.get('retry-after'))).toBe(1);
    expect((await from('198.51.100.21', { username: 'chef-hr', password: 'demo' })).status).toBe(200);
    expect((await from(shared, { username: 'admin', password: 'demo' })).status).toBe(200);
  });

  // The waits are counted in the server's memory, whatever the store: their real-time doubling
  // (1 + 2 + 4 s) is shown once, on PGlite.
  if (storage === 'pglite')
    it('the wait doubles with each further failure and ends with a success', async () => {
      const client = '203.0.113.9';
      const attempt = (password: string) => from(client, { username: 'lasare', password });
      for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}`)).status).toBe(401);
      const waits: number[] = [];
      for (let i = 0; i < 3; i++) {
        expect((await attempt('wrong')).status).toBe(401);
        const refused = await attempt('wrong');
        expect(refused.status).toBe(429);
        const wait = Number(refused.headers.get('retry-after'));
        waits.push(wait);
        await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
      }
      expect(waits).toEqual([1, 2, 4]);
      expect((await attempt('demo')).status).toBe(200);
      // The success cleared the run: five free failures again.
      for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}`)).status).toBe(401);
      expect((await attempt('demo')).status).toBe(200);
    });
});

describe.each(STORAGES)('expired sessions (%s)', (storage) => {
  let server: ServerProcess;
  beforeAll(async () => {
    // Sessions of 3.6 seconds: long enough for the checks before they end, even on a busy machine.
    server = await startServerProcess(await freshServerOptions(storage, { SESSION_TTL_HOURS: '0.001' }));
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('an expired token or cookie gets 401 on REST and on the websocket upgrade; an open websocket is closed with 4401', async () => {
    const { token, cookie } = await signIn(server.url, 'kommunchef');
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    const closed = closeCode(await openSocket(server.wsUrl, DOC, token));
    const deadline = Date.now() + 30_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = (await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } }))
        .status;
    }
    expect(status).toBe(401);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}?token=${token}`)).toBe(401);
    expect(await upgradeStatus(`${server.wsUrl}/${DOC}`, { cookie })).toBe(401);
    // The socket was authenticated at its upgrade only: it must not outlive the session.
    expect(await closed).toBe(4401);
  });
});

describe('open documents per user', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions('pglite', { MAX_CONNECTIONS_PER_USER: '3' }));
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('refuses a websocket past the cap with 429, and takes it again once one closes', async () => {
    const { token } = await signIn(server.url, 'chef-hr');
    const open = (month: string) => openSocket(server.wsUrl, `report:2015-${month}:hr`, token);
    const sockets = [await open('01'), await open('02'), await open('03')];
    expect(await upgradeStatus(`${server.wsUrl}/report:2015-04:hr?token=${token}`)).toBe(429);
    // Another user is not affected.
    const other = await signIn(server.url, 'chef-it');
    expect(await upgradeStatus(`${server.wsUrl}/report:2015-04:it?token=${other.token}`)).toBe(101);
    const first = sockets[0] as WebSocket;
    await new Promise<void>((resolve) => {
      first.once('close', () => resolve());
      first.close();
    });
    // The server counts the close when it sees it; poll until the slot is free.
    const deadline = Date.now() + 5000;
    let status = 0;
    while (status !== 101 && Date.now() < deadline) {
      status = await upgradeStatus(`${server.wsUrl}/report:2015-04:hr?token=${token}`);
    }
    expect(status).toBe(101);
    for (const ws of sockets.slice(1)) ws.close();
  });
});
