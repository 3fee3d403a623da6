/**
 * Presence (y-protocols awareness) of one document, bound to the signed-in users.
 *
 * A client's awareness update is never applied as sent. Each entry is checked first:
 * - the identity in a state (`user.id`, `user.name`, `username`) is replaced with the session's,
 *   and the rest must fit the domain's presence schema and size cap;
 * - the first connection to announce a client id owns it: entries from any other connection
 *   for that id are dropped, so nobody can replace or remove someone else's presence, and a
 *   connection's disconnect removes only the ids it owns;
 * - a connection owns at most {@link MAX_PRESENCE_STATES_PER_CONNECTION} ids.
 * Only the accepted entries, rewritten, are applied to the server's awareness.
 *
 * Presence from other server processes was checked and rewritten by the process its client
 * is on; it is applied as is, except for ids a connection of this process owns.
 */
import { bindPresenceState } from '@foljsam/domain';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Connection } from './Connection';
import { type AwarenessEntry, encodeAwarenessEntries } from './protocol';
import type { SyncObserver } from './SyncObserver';

/**
 * Most awareness client ids one connection may own. The stock client uses one per
 * connection; a few more leave room for a client that keeps several awareness instances.
 */
export const MAX_PRESENCE_STATES_PER_CONNECTION = 4;

/**
 * Largest presence state a client may send, in bytes of its JSON. A real state (colour,
 * focused field, editor caret, the client's own copy of its name) is a few hundred bytes.
 */
export const MAX_PRESENCE_STATE_BYTES = 4096;

/** Owner of client ids announced by a client of another server process. */
const ELSEWHERE = Symbol('another process');

export class Presence {
  /** Who introduced each client id: a connection of this process, or another process. */
  private readonly owners = new Map<number, Connection | typeof ELSEWHERE>();

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly observer: SyncObserver,
  ) {}

  /**
   * Applies the entries of a connection's awareness update that it may send, bound to its
   * user; drops the rest (counted as `presence-refused`).
   */
  receive(connection: Connection, entries: readonly AwarenessEntry[]): void {
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      const admitted = this.admit(connection, entry);
      if (typeof admitted === 'string') {
        this.observer.error('presence-refused');
        // Debug only: a hostile client could otherwise fill the log; the metric counts them.
        connection.log.debug({ reason: admitted, clientId: entry.clientId }, 'dropped a presence state');
        continue;
      }
      this.owners.set(entry.clientId, connection);
      connection.awarenessClientIds.add(entry.clientId);
      accepted.push(admitted);
    }
    if (accepted.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), connection);
    }
  }

  /** Applies presence another process forwarded, except for ids a connection here owns. */
  receiveRemote(entries: readonly AwarenessEntry[]): void {
    const accepted = entries.filter((entry) => {
      const owner = this.owners.get(entry.clientId);
      return entry.clientId !== this.awareness.clientID && (owner === undefined || owner === ELSEWHERE);
    });
    for (const entry of accepted) if (entry.state !== null) this.owners.set(entry.clientId, ELSEWHERE);
    if (accepted.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), ELSEWHERE);
    }
  }

  /** Removes a leaving connection's presence (only the ids it owns) and frees those ids. */
  detach(connection: Connection): void {
    const ids = [...connection.awarenessClientIds];
    connection.awarenessClientIds.clear();
    for (const id of ids) this.owners.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, connection);
  }

  /**
   * States were removed (left, timed out): ids another process announced are free again once
   * their state is gone. A connection of this process keeps its ids until it disconnects.
   */
  forgetRemoved(removed: readonly number[]): void {
    for (const id of removed) if (this.owners.get(id) === ELSEWHERE) this.owners.delete(id);
  }

  /** The entry as it is applied (bound to the connection's user), or why it is refused. */
  private admit(connection: Connection, entry: AwarenessEntry): AwarenessEntry | string {
    // The server's own id: y-protocols never times it out and would renew it forever.
    if (entry.clientId === this.awareness.clientID) return "the server's client id";
    const owner = this.owners.get(entry.clientId);
    if (owner !== undefined && owner !== connection) return 'a client id another connection owns';
    if (owner === undefined) {
      // Removing a state nobody here owns changes nothing, and must not claim the id.
      if (entry.state === null) return 'removal of a client id this connection does not own';
      if (connection.awarenessClientIds.size >= MAX_PRESENCE_STATES_PER_CONNECTION) {
        return `more than ${MAX_PRESENCE_STATES_PER_CONNECTION} presence states on one connection`;
      }
    }
    if (entry.state === null) return entry;
    if (entry.bytes > MAX_PRESENCE_STATE_BYTES)
      return `a state larger than ${MAX_PRESENCE_STATE_BYTES} bytes`;
    const state = bindPresenceState(entry.state, connection.user);
    if (state === null) return 'a state that is not a presence state';
    return { ...entry, state };
  }
}
