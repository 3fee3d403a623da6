/**
 * A real OpenID Connect provider on loopback (the `oidc-provider` package, with its built-in
 * development login and consent pages, where any password is accepted): one client, and
 * accounts whose claims the test chooses, groups included. For the single sign-on tests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type FindAccount } from 'oidc-provider';

/** Someone the provider knows: their login on its login page is the key in `accounts`. */
export interface TestAccount {
  name: string;
  email: string;
  groups: string[];
}

export interface TestOidcProviderOptions {
  clientId: string;
  clientSecret: string;
  /** The relying party's callback. */
  redirectUri: string;
  /** Where the provider may send a browser after signing it out. */
  postLogoutRedirectUri: string;
  accounts: Readonly<Record<string, TestAccount>>;
}

export interface TestOidcProvider {
  /** The issuer URL, e.g. http://127.0.0.1:40123. */
  readonly issuer: string;
  close(): Promise<void>;
}

/** A port that was free a moment ago (for a server whose URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Starts the provider on a free loopback port. */
export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const findAccount: FindAccount = (_ctx, id) => {
    const account = options.accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      claims: () => ({
        sub: id,
        name: account.name,
        preferred_username: account.email,
        email: account.email,
        groups: account.groups,
      }),
    };
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // The groups come with the profile scope; the ID token carries only sub and the like
    // (oidc-provider's default), so Följsam reads them from the userinfo endpoint.
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email'],
    },
    findAccount,
    cookies: { keys: ['a test key for the provider cookies'] },
    pkce: { required: () => true },
    // Lifetimes in seconds; set, so the provider does not print a notice for each default.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
