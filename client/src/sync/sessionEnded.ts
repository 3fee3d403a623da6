/**
 * Whether the server ended this browser's session while it was open, and why: it closes the
 * session's websockets with 4401 ("session ended": expired, revoked, a new password, the user
 * disabled) or 4403 (an administrator changed the user's role or department); see
 * docs/protocol.md. The app shell then shows the sign-in form with the reason.
 */
import { createRoot, createSignal } from 'solid-js';

/** The close code of a websocket whose session the server ended. */
export const SESSION_ENDED_CLOSE_CODE = 4401;
/** The close code of a websocket whose user's role or department an administrator changed. */
export const ROLE_CHANGED_CLOSE_CODE = 4403;

/** Why the session ended, as far as the person is told. */
export type SessionEnd = 'ended' | 'role-changed';

/** The end a server close code means; null for a code that does not end the session. */
export function sessionEndOf(code: number | undefined): SessionEnd | null {
  if (code === SESSION_ENDED_CLOSE_CODE) return 'ended';
  if (code === ROLE_CHANGED_CLOSE_CODE) return 'role-changed';
  return null;
}

const [ended, setEnded] = createRoot(() => createSignal<SessionEnd | null>(null));

/** How the session ended once a synced document's socket was closed with one of the codes above; else null. */
export const sessionEnded = ended;

export function markSessionEnded(how: SessionEnd): void {
  setEnded(how);
}

/** Called after signing in again. */
export function clearSessionEnded(): void {
  setEnded(null);
}
