/**
 * Single sign-on with OpenID Connect through openid-client: the authorization code flow with
 * PKCE, state and nonce. The provider's metadata is discovered on first use (and again after a
 * failure), so a provider that is down when the server starts does not keep the server down.
 */
import * as client from 'openid-client';
import type { OidcConfig } from '../config';
import type { OidcIdentity } from '../store/types';
import { groupsOf, groupsOverage } from './groupMapping';

/** What the browser carries from the start of a sign-in to its callback (in a signed cookie). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A person as the provider vouched for them at the callback. */
export interface SsoPerson {
  identity: OidcIdentity;
  /** For a new user's name: `name`, else `preferred_username`, `email` or the subject. */
  displayName: string;
  /** For a new user's username: `preferred_username`, else `email` or the subject. */
  preferredUsername: string;
  email: string | null;
  groups: string[];
  /** The provider left the groups out (Entra: too many groups); see docs/sso.md. */
  groupsOverage: boolean;
}

/** Seconds a request to the provider may take. */
const PROVIDER_TIMEOUT_SECONDS = 10;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export class OidcSignIn {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(readonly config: OidcConfig) {}

  private discover(): Promise<client.Configuration> {
    if (!this.configuration) {
      const { issuer, clientId, clientSecret } = this.config;
      this.configuration = client
        .discovery(issuer, clientId, clientSecret, undefined, {
          // The configuration allows plain http only on loopback (config.ts).
          execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
          timeout: PROVIDER_TIMEOUT_SECONDS,
        })
        .catch((error: unknown) => {
          this.configuration = null;
          throw error;
        });
    }
    return this.configuration;
  }

  /** The provider's authorization URL for a new sign-in, and what its callback must match. */
  async start(): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.discover();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUrl.href,
      scope: this.config.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * Exchanges the callback's code (checking state, nonce, PKCE and the ID token) and reads who
   * signed in. Groups come from the ID token (Entra's groups claim) or, when it has none, from
   * the userinfo endpoint. Throws on anything the provider or the checks refuse.
   */
  async finish(callbackQuery: string, pending: PendingSignIn): Promise<SsoPerson> {
    const configuration = await this.discover();
    // The configured URL, not the request's: behind a proxy the request names an internal host.
    const callbackUrl = new URL(this.config.redirectUrl);
    callbackUrl.search = callbackQuery;
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('the provider sent no ID token');
    let claims: Record<string, unknown> = { ...idClaims };
    const claimName = this.config.groupsClaim;
    if (groupsOf(claims, claimName).length === 0 && configuration.serverMetadata().userinfo_endpoint) {
      const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      // The ID token's claims win: iss and sub must be the ones it vouched for.
      claims = { ...userInfo, ...idClaims };
    }
    const subject = idClaims.sub;
    const email = text(claims.email) ?? null;
    const preferredUsername = text(claims.preferred_username) ?? email ?? subject;
    return {
      identity: { issuer: idClaims.iss, subject },
      displayName: text(claims.name) ?? preferredUsername,
      preferredUsername,
      email,
      groups: groupsOf(claims, claimName),
      groupsOverage: groupsOverage(claims, claimName),
    };
  }

  /**
   * Where to send the browser to end the provider's session too, coming back to
   * `postLogoutRedirect`; null when the provider has no end_session_endpoint (or cannot be
   * reached: the Följsam session has ended either way).
   */
  async endSessionUrl(postLogoutRedirect: URL): Promise<URL | null> {
    try {
      const configuration = await this.discover();
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(configuration, { post_logout_redirect_uri: postLogoutRedirect.href });
    } catch {
      return null;
    }
  }
}
