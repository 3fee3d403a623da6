/** Sign-in: `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`. */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { clientAddress, type TrustedProxies } from '../auth/clientAddress';
import { type AuthEnv, requireSession, sessionTokenOf } from '../auth/middleware';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { SESSION_COOKIE, type SessionService, toPlainUser } from '../auth/sessions';
import type { SignInLimiter } from '../auth/signInLimiter';
import type { Logger } from '../logger';
import type { Store } from '../store/types';
import { validate } from './validation';

const loginBody = z.object({
  // The database cannot hold NUL; such a name is no user's (400, not a failed query).
  username: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((name) => !name.includes('\u0000'), 'a username cannot contain NUL'),
  password: z.string().min(1).max(1000),
});

export interface AuthRouteDeps {
  store: Store;
  sessions: SessionService;
  limiter: SignInLimiter;
  /** Proxies whose `X-Forwarded-For` names the client the limiter counts against. */
  trustedProxies: TrustedProxies;
  secureCookies: boolean;
  log: Logger;
}

export function authRoutes({ store, sessions, limiter, trustedProxies, secureCookies, log }: AuthRouteDeps) {
  return new Hono<AuthEnv>()
    .post('/login', validate('json', loginBody), async (c) => {
      const { username, password } = c.req.valid('json');
      const address = clientAddress(c, trustedProxies);
      const retryAfter = await limiter.retryAfterSeconds(username, address);
      if (retryAfter > 0) {
        log.warn({ username, address }, 'sign-in refused: waiting after failed attempts');
        c.header('Retry-After', String(retryAfter));
        return c.json(
          {
            error: `too many failed sign-ins; try again in ${retryAfter} seconds`,
            retryAfterSeconds: retryAfter,
          },
          429,
        );
      }
      const found = await store.users.findByUsername(username);
      const valid = found
        ? await verifyPassword(found.passwordHash, password)
        : await verifyAgainstDummy(password);
      if (!found || !valid || found.disabled) {
        const wait = await limiter.failed(username, address);
        // The username is logged to trace attacks; the password never is.
        log.info({ username, address, wait }, 'sign-in refused');
        await store.audit.append({
          userId: found?.id ?? null,
          userName: found?.displayName ?? username,
          action: 'sign-in-failed',
          document: null,
          detail: found?.disabled ? 'disabled user' : '',
        });
        return c.json({ error: 'wrong username or password' }, 401);
      }
      await limiter.succeeded(username, address);
      const user = toPlainUser(found);
      const { token, expiresAt } = await sessions.start(user);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secureCookies,
        path: '/',
        expires: expiresAt,
      });
      log.info({ userId: user.id }, 'signed in');
      await store.audit.append({
        userId: user.id,
        userName: user.displayName,
        action: 'sign-in',
        document: null,
        detail: '',
      });
      return c.json({ user, token, expiresAt: expiresAt.toISOString() }, 200);
    })
    .post('/logout', async (c) => {
      await sessions.end(sessionTokenOf(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .get('/me', requireSession(sessions), (c) => c.json({ user: c.get('user') }, 200));
}
