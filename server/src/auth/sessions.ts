/**
 * Sign-in sessions. The client gets a random token (in an HttpOnly cookie and in the login
 * response, for clients that cannot use cookies); the store keeps only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { EndedSessions, SessionEndReason, Store, User } from '../store/types';

export type { EndedSessions };

export const SESSION_COOKIE = 'foljsam_session';

export interface SessionServiceOptions {
  /** How long a session lasts, in milliseconds. */
  ttlMs: number;
}

/** The user as the rest of the server sees it (no administration fields). */
export function toPlainUser({ id, username, displayName, role, departmentId }: User): User {
  return { id, username, displayName, role, departmentId };
}

/** What the store keeps of a token, and how ended sessions are named across processes. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Tokens are 32 random bytes in base64url: anything else is rejected without a lookup. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** A signed-in user and when their session ends. */
export interface ResolvedSession {
  user: User;
  expiresAt: Date;
}

export class SessionService {
  private readonly endedListeners = new Set<(ended: EndedSessions) => void>();

  constructor(
    private readonly store: Store,
    private readonly options: SessionServiceOptions,
  ) {
    // Sessions other processes ended: their sockets here must close too.
    store.fanout?.onSessionsEnded((ended) => this.emitLocally(ended));
  }

  /** Starts a session for `user` and returns its token and expiry. */
  async start(user: User, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.options.ttlMs);
    await this.store.sessions.create(hashToken(token), { userId: user.id, expiresAt });
    return { token, expiresAt };
  }

  /** The user of a valid, unexpired session; null for anything else. */
  async resolve(token: string | undefined, now = new Date()): Promise<User | null> {
    return (await this.resolveSession(token, now))?.user ?? null;
  }

  /** The user of a valid, unexpired session and when it expires; null for anything else. */
  async resolveSession(token: string | undefined, now = new Date()): Promise<ResolvedSession | null> {
    if (!token || !TOKEN_FORMAT.test(token)) return null;
    const session = await this.store.sessions.find(hashToken(token));
    if (!session) return null;
    if (session.expiresAt.getTime() <= now.getTime()) {
      await this.store.sessions.delete(hashToken(token));
      return null;
    }
    const found = await this.store.users.findById(session.userId);
    if (!found || found.disabled) return null;
    return { user: toPlainUser(found), expiresAt: session.expiresAt };
  }

  /** Signs one session out; its open websockets are closed (see {@link onEnded}). */
  async end(token: string | undefined): Promise<void> {
    if (!token || !TOKEN_FORMAT.test(token)) return;
    await this.store.sessions.delete(hashToken(token));
    this.emit({ tokenHash: hashToken(token) });
  }

  /**
   * Ends every session of a user (revocation); returns how many there were. `reason` travels
   * to the listeners (a role change closes the sockets with its own code).
   */
  async revokeUser(userId: string, reason?: SessionEndReason): Promise<number> {
    const count = await this.store.sessions.deleteForUser(userId);
    this.emit(reason ? { userId, reason } : { userId });
    return count;
  }

  /**
   * Calls `listener` when sessions end early, so the sync server can close their websockets
   * (a socket authenticated once at the upgrade would otherwise outlive its session). With
   * several processes, the others hear of it through the store's fan-out.
   */
  onEnded(listener: (ended: EndedSessions) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private emit(ended: EndedSessions): void {
    this.emitLocally(ended);
    this.store.fanout?.publishSessionsEnded(ended);
  }

  private emitLocally(ended: EndedSessions): void {
    for (const listener of this.endedListeners) listener(ended);
  }
}
