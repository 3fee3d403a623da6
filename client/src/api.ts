/**
 * The typed REST client: Hono's RPC client over the server's `ApiType`, so a changed route
 * or response shape is a type error here. Same origin: the session cookie rides along.
 */
import type { ApiType } from '@foljsam/server';
import { hc, type InferResponseType } from 'hono/client';
import { fetchReportingReachability } from './sync/reconnectBackoff';

/** Every answer it gets also tells waiting websockets that the server is back. */
export const api = hc<ApiType>('/api', { fetch: fetchReportingReachability });

/** The signed-in user, as `GET /api/auth/me` returns it. */
export type SessionUser = InferResponseType<typeof api.auth.me.$get, 200>['user'];

/** A department, as `GET /api/departments` returns it. */
export type DepartmentSummary = InferResponseType<typeof api.departments.$get, 200>['departments'][number];

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'wrong-credentials' | 'failed' }
  | { ok: false; reason: 'too-many-attempts'; retryAfterSeconds: number };

/** The user of the current session cookie, or null when there is none (or it expired). */
export async function fetchCurrentUser(): Promise<SessionUser | null> {
  const response = await api.auth.me.$get();
  if (response.status === 200) return (await response.json()).user;
  if (response.status === 401) return null;
  throw new Error(`GET /api/auth/me answered ${response.status}`);
}

/** Signs in; the server sets the HttpOnly session cookie. */
export async function signIn(username: string, password: string): Promise<SignInResult> {
  try {
    const response = await api.auth.login.$post({ json: { username, password } });
    if (response.status === 200) return { ok: true, user: (await response.json()).user };
    if (response.status === 401) return { ok: false, reason: 'wrong-credentials' };
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? 60);
      return {
        ok: false,
        reason: 'too-many-attempts',
        retryAfterSeconds: Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 60,
      };
    }
    return { ok: false, reason: 'failed' };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}

/**
 * Ends the session on the server and clears the cookie. For a single sign-on user the answer
 * names the provider's sign-out page, where the browser should go next; null otherwise.
 */
export async function signOut(): Promise<string | null> {
  const response = await api.auth.logout.$post();
  return response.ok ? (await response.json()).redirectTo : null;
}

/** What the sign-in screen offers: passwords, single sign-on (its button's name and link). */
export type SignInOptions = InferResponseType<typeof api.auth.options.$get, 200>;

/** Passwords only when the server cannot be asked (older server, offline): the form it always had. */
export async function fetchSignInOptions(): Promise<SignInOptions> {
  try {
    const response = await api.auth.options.$get();
    if (response.ok) return await response.json();
  } catch {
    // Offline: nobody can sign in now anyway; show the form.
  }
  return { passwords: true, sso: null };
}

export async function fetchDepartments(): Promise<DepartmentSummary[]> {
  const response = await api.departments.$get();
  if (!response.ok) throw new Error(`GET /api/departments answered ${response.status}`);
  return (await response.json()).departments;
}
