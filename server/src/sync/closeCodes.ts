/**
 * Websocket close codes the sync server uses, documented in docs/protocol.md. Codes 4000+ are
 * ours; y-websocket clients reconnect after any of them.
 */
export const CloseCode = {
  /** The server is shutting down or restarting. */
  goingAway: 1001,
  /** A frame was larger than MAX_MESSAGE_BYTES (sent by the ws library itself). */
  messageTooBig: 1009,
  /** Storing an update failed; the client resyncs after reconnecting and loses nothing. */
  internalError: 1011,
  /** A frame was not a valid y-websocket message (random bytes, truncated, unknown type, text). */
  malformedMessage: 4400,
  /** The session ended (expired, signed out, revoked by an administrator): sign in again. */
  sessionEnded: 4401,
  /**
   * An administrator changed the user's role or department, which ended their sessions: sign in
   * again to work with the new rights (told apart from 4401 so the client can say so).
   */
  roleChanged: 4403,
  /** The client sent more messages than the server could queue while the document loaded or stored. */
  tooManyQueuedMessages: 4429,
  /** The client sent messages faster than MAX_MESSAGES_PER_SECOND allows (after a burst of MAX_MESSAGE_BURST). */
  tooManyMessages: 4429,
  /** The user sent more bytes of changes than WRITE_BUDGET_* allow; the client resends after reconnecting. */
  writeBudgetExceeded: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
