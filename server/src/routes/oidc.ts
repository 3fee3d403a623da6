/**
 * Single sign-on (docs/sso.md): `GET /api/auth/oidc/start` sends the browser to the provider;
 * `GET /api/auth/oidc/callback` takes it back, checks the answer, finds or creates the user and
 * starts an ordinary session (the same session records as a password sign-in, so revocation
 * and expiry work alike). State, nonce and PKCE verifier travel in a short-lived, signed,
 * HttpOnly cookie, so any server process can finish a sign-in another one started.
 */
import { hkdfSync } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { z } from 'zod';
import type { OidcSignIn, PendingSignIn } from '../auth/oidc';
import { type SessionService, toPlainUser } from '../auth/sessions';
import { ssoUser } from '../auth/ssoUsers';
import type { Logger } from '../logger';
import type { Store } from '../store/types';
import { startSignedInSession } from './auth';
import { type SsoProblem, ssoProblemPage } from './oidcPages';

const PENDING_COOKIE = 'foljsam_oidc';
const PENDING_PATH = '/api/auth/oidc';
/** How long a person may take at the provider before the sign-in must start over. */
const PENDING_SECONDS = 10 * 60;

const pendingSignIn = z.object({ state: z.string(), nonce: z.string(), codeVerifier: z.string() });

export interface OidcRouteDeps {
  oidc: OidcSignIn;
  store: Store;
  sessions: SessionService;
  secureCookies: boolean;
  log: Logger;
}

export function oidcRoutes({ oidc, store, sessions, secureCookies, log }: OidcRouteDeps) {
  // Every process derives the same key from the client secret they share: no extra setting.
  const cookieSecret = Buffer.from(
    hkdfSync('sha256', oidc.config.clientSecret, 'foljsam', 'oidc pending sign-in cookie', 32),
  ).toString('base64url');
  const provider = oidc.config.providerName;
  const problem = (c: Parameters<typeof deleteCookie>[0], kind: SsoProblem, status: 400 | 403 | 503) => {
    c.status(status);
    return c.html(ssoProblemPage(kind, provider));
  };

  return new Hono()
    .get('/start', async (c) => {
      let started: Awaited<ReturnType<OidcSignIn['start']>>;
      try {
        started = await oidc.start();
      } catch (error) {
        log.error({ err: error, issuer: oidc.config.issuer.href }, 'single sign-on: provider unreachable');
        return problem(c, 'unavailable', 503);
      }
      await setSignedCookie(c, PENDING_COOKIE, JSON.stringify(started.pending), cookieSecret, {
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET, which carries it.
        sameSite: 'Lax',
        secure: secureCookies,
        path: PENDING_PATH,
        maxAge: PENDING_SECONDS,
      });
      return c.redirect(started.url.href, 302);
    })
    .get('/callback', async (c) => {
      const raw = await getSignedCookie(c, cookieSecret, PENDING_COOKIE);
      deleteCookie(c, PENDING_COOKIE, { path: PENDING_PATH, secure: secureCookies });
      const providerError = c.req.query('error');
      if (providerError) {
        log.info(
          { error: providerError, description: c.req.query('error_description') },
          'single sign-on: provider said no',
        );
        return problem(c, 'failed', 400);
      }
      let pending: PendingSignIn;
      try {
        if (typeof raw !== 'string')
          throw new Error('no pending sign-in cookie (expired, or another browser)');
        pending = pendingSignIn.parse(JSON.parse(raw));
      } catch (error) {
        log.info({ err: error }, 'single sign-on: callback without a valid pending sign-in');
        return problem(c, 'failed', 400);
      }
      let person: Awaited<ReturnType<OidcSignIn['finish']>>;
      try {
        person = await oidc.finish(new URL(c.req.url).search, pending);
      } catch (error) {
        log.warn({ err: error }, 'single sign-on: the answer was refused');
        return problem(c, 'failed', 400);
      }
      if (person.groupsOverage) {
        log.warn(
          { subject: person.identity.subject },
          'single sign-on: the provider left the groups out (too many groups); see docs/sso.md',
        );
      }
      const result = await ssoUser(store, sessions, person);
      if (!result.ok) {
        log.info(
          { subject: person.identity.subject, groups: person.groups, reason: result.reason },
          'single sign-on refused',
        );
        return problem(c, result.reason === 'disabled' ? 'disabled' : 'no-access', 403);
      }
      await startSignedInSession(
        c,
        { store, sessions, log, secureCookies },
        toPlainUser(result.user),
        'single sign-on',
      );
      return c.redirect('/', 302);
    });
}
