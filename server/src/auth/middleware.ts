/**
 * Hono middleware that finds the signed-in user from the session cookie or an
 * `Authorization: Bearer` header; on the websocket upgrade also from a `token` query parameter
 * (what y-websocket's `params` sends, as browsers cannot set headers on a websocket). REST
 * routes refuse the query parameter: a token in a URL ends up in access logs, browser history
 * and `Referer` headers.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { User } from '../store/types';
import { SESSION_COOKIE, type SessionService } from './sessions';

export interface AuthVariables {
  user: User;
  sessionToken: string;
  /** When the session ends by itself (websockets are closed then). */
  sessionExpiresAt: Date;
}

export type AuthEnv = { Variables: AuthVariables };

export interface TokenSources {
  /** Take `?token=` too; only for the websocket upgrade. */
  queryToken?: boolean;
}

/** The session token of a request, from a bearer header or the cookie (or `?token=` if allowed). */
export function sessionTokenOf(c: Context, { queryToken = false }: TokenSources = {}): string | undefined {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return (queryToken ? c.req.query('token') : undefined) ?? getCookie(c, SESSION_COOKIE);
}

/** Lets the request through only with a valid session; otherwise 401 with a JSON error. */
export function requireSession(
  sessions: SessionService,
  sources: TokenSources = {},
): MiddlewareHandler<AuthEnv> {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const token = sessionTokenOf(c, sources);
    const session = await sessions.resolveSession(token);
    if (!session || !token) return c.json({ error: 'not signed in' }, 401);
    c.set('user', session.user);
    c.set('sessionToken', token);
    c.set('sessionExpiresAt', session.expiresAt);
    await next();
  });
}
