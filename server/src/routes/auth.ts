/**
 * Sign-in: `GET /api/auth/options` (what the sign-in screen offers), `POST /api/auth/login`
 * (passwords; 403 when LOCAL_PASSWORDS=off), `POST /api/auth/logout` (with `redirectTo`, the
 * provider's sign-out, for a single sign-on user), `GET /api/auth/me`. Single sign-on itself is
 * in oidc.ts.
 */
import { type Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { clientAddress, type TrustedProxies } from '../auth/clientAddress';
import { type AuthEnv, requireSession, sessionTokenOf } from '../auth/middleware';
import type { OidcSignIn } from '../auth/oidc';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { hashToken, SESSION_COOKIE, type SessionService, toPlainUser } from '../auth/sessions';
import type { SignInLimiter } from '../auth/signInLimiter';
import type { Logger } from '../logger';
import type { Store, User } from '../store/types';
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
  /** Whether password sign-in is allowed (LOCAL_PASSWORDS). */
  localPasswords: boolean;
  /** Single sign-on; null when not configured. */
  oidc: OidcSignIn | null;
}

/**
 * Starts a session for `user`, gives the browser its cookie (HttpOnly; Lax, so a link from
 * another site arrives signed in), and logs and audits the sign-in (`how`: the audit detail).
 * Password and single sign-on sessions are the same records.
 */
export async function startSignedInSession(
  c: Context,
  {
    store,
    sessions,
    log,
    secureCookies,
  }: Pick<AuthRouteDeps, 'store' | 'sessions' | 'log' | 'secureCookies'>,
  user: User,
  how: '' | 'single sign-on',
): Promise<{ token: string; expiresAt: Date }> {
  const { token, expiresAt } = await sessions.start(user);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies,
    path: '/',
    expires: expiresAt,
  });
  log.info({ userId: user.id, how: how || 'password' }, 'signed in');
  await store.audit.append({
    userId: user.id,
    userName: user.displayName,
    action: 'sign-in',
    document: null,
    detail: how,
  });
  return { token, expiresAt };
}

export function authRoutes({
  store,
  sessions,
  limiter,
  trustedProxies,
  secureCookies,
  log,
  localPasswords,
  oidc,
}: AuthRouteDeps) {
  return new Hono<AuthEnv>()
    .get('/options', (c) =>
      c.json(
        {
          passwords: localPasswords,
          sso: oidc ? { name: oidc.config.providerName, startUrl: '/api/auth/oidc/start' } : null,
        },
        200,
      ),
    )
    .post('/login', validate('json', loginBody), async (c) => {
      if (!localPasswords) {
        return c.json({ error: 'password sign-in is turned off: sign in with single sign-on' }, 403);
      }
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
      // A single sign-on user has no password hash: checked like an unknown name, in the same time.
      const valid =
        found && found.passwordHash !== ''
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
      const { token, expiresAt } = await startSignedInSession(
        c,
        { store, sessions, log, secureCookies },
        user,
        '',
      );
      return c.json({ user, token, expiresAt: expiresAt.toISOString() }, 200);
    })
    .post('/logout', async (c) => {
      const token = sessionTokenOf(c);
      const session = token ? await store.sessions.find(hashToken(token)) : null;
      const user = session ? await store.users.findById(session.userId) : null;
      await sessions.end(token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      // A single sign-on user also leaves the provider's session, or the next "Logga in med"
      // would sign them straight back in; the provider then sends them back to the app.
      const redirect =
        oidc && user?.sso ? await oidc.endSessionUrl(new URL('/', oidc.config.redirectUrl)) : null;
      return c.json({ ok: true as const, redirectTo: redirect?.href ?? null }, 200);
    })
    .get('/me', requireSession(sessions), (c) => c.json({ user: c.get('user') }, 200));
}
