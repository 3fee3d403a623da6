/** Sign-in: `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`. */
import { type Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
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
  secureCookies: boolean;
  log: Logger;
}

/** The client's address as the socket sees it (behind a proxy: the proxy's). */
function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

export function authRoutes({ store, sessions, limiter, secureCookies, log }: AuthRouteDeps) {
  return new Hono<AuthEnv>()
    .post('/login', validate('json', loginBody), async (c) => {
      const { username, password } = c.req.valid('json');
      const address = clientAddress(c);
      const retryAfter = await limiter.retryAfterSeconds(username, address);
      if (retryAfter > 0) {
        log.warn({ username, address }, 'sign-in blocked after too many failed attempts');
        c.header('Retry-After', String(retryAfter));
        return c.json(
          {
            error: `too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minutes`,
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
        await limiter.failed(username, address);
        // The username is logged to trace attacks; the password never is.
        log.info({ username }, 'sign-in refused');
        await store.audit.append({
          userId: found?.id ?? null,
          userName: found?.displayName ?? username,
          action: 'sign-in-failed',
          document: null,
          detail: found?.disabled ? 'disabled user' : '',
        });
        return c.json({ error: 'wrong username or password' }, 401);
      }
      await limiter.succeeded(username);
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
