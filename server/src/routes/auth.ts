/** Sign-in: `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`. */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { type AuthEnv, requireSession, sessionTokenOf } from '../auth/middleware';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { SESSION_COOKIE, type SessionService } from '../auth/sessions';
import type { Logger } from '../logger';
import type { Store } from '../store/types';
import { validate } from './validation';

const loginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});

export interface AuthRouteDeps {
  store: Store;
  sessions: SessionService;
  secureCookies: boolean;
  log: Logger;
}

export function authRoutes({ store, sessions, secureCookies, log }: AuthRouteDeps) {
  return new Hono<AuthEnv>()
    .post('/login', validate('json', loginBody), async (c) => {
      const { username, password } = c.req.valid('json');
      const found = await store.users.findByUsername(username);
      const valid = found
        ? await verifyPassword(found.passwordHash, password)
        : await verifyAgainstDummy(password);
      if (!found || !valid) {
        // The username is logged to trace attacks; the password never is.
        log.info({ username }, 'sign-in refused');
        return c.json({ error: 'wrong username or password' }, 401);
      }
      const { passwordHash: _hash, ...user } = found;
      const { token, expiresAt } = await sessions.start(user);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secureCookies,
        path: '/',
        expires: expiresAt,
      });
      log.info({ userId: user.id }, 'signed in');
      return c.json({ user, token, expiresAt: expiresAt.toISOString() }, 200);
    })
    .post('/logout', async (c) => {
      await sessions.end(sessionTokenOf(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .get('/me', requireSession(sessions), (c) => c.json({ user: c.get('user') }, 200));
}
