/**
 * Whether the server ended this browser's session while it was open: it closes the session's
 * websockets with 4401 ("session ended": the sessions were revoked, the password was reset or
 * the user was disabled; see docs/protocol.md). The app shell then shows the sign-in form.
 */
import { createRoot, createSignal } from 'solid-js';

/** The close code of a websocket whose session the server ended. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

const [ended, setEnded] = createRoot(() => createSignal(false));

/** True once a synced document's socket was closed with {@link SESSION_ENDED_CLOSE_CODE}. */
export const sessionEnded = ended;

export function markSessionEnded(): void {
  setEnded(true);
}

/** Called after signing in again. */
export function clearSessionEnded(): void {
  setEnded(false);
}
