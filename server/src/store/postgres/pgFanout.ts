/**
 * Fan-out between server processes through PostgreSQL itself: LISTEN/NOTIFY, no other
 * service. An update notification carries the document and its newest sequence number (and
 * the updates themselves when they are small); the listener reads the rows it lacks from the
 * log, so a lost or reordered notification leaves a gap that the next one (or a reconnect)
 * fills. Presence (awareness) updates are small and ephemeral, so they travel in the
 * notification itself. The payloads are encoded and checked in sql/notifications.ts.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  decodeAwareness,
  decodeSessionsEnded,
  decodeUpdatesStored,
  encodeAwareness,
  encodeSessionsEnded,
  sentBy,
} from '../sql/notifications';
import type { EndedSessions, Fanout } from '../types';

const RECONNECT_DELAY_MS = 500;

export interface PgFanout extends Fanout {
  /** The channel appends notify on (passed to the SQL store). */
  readonly updatesChannel: string;
  /** This process's id in notifications (passed to the SQL store). */
  readonly processId: string;
  close(): Promise<void>;
}

/** The application_name of a fan-out's listening connection (PostgreSQL keeps 63 bytes). */
export const listenerApplicationName = (schema: string): string => `foljsam listen ${schema}`.slice(0, 63);

type Listener<A extends unknown[]> = (...args: A) => void;

function listenerSet<A extends unknown[]>() {
  const listeners = new Set<Listener<A>>();
  return {
    add(listener: Listener<A>) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(...args: A) {
      for (const listener of listeners) listener(...args);
    },
  };
}

/**
 * Starts listening. Channels are named after the schema, because notifications are
 * database-wide and two workspaces in two schemas must not hear each other.
 */
export async function startPgFanout(
  connectionString: string,
  schema: string,
  onError: (error: unknown) => void,
): Promise<PgFanout> {
  const processId = randomUUID();
  const updatesChannel = `foljsam_u_${schema}`.slice(0, 63);
  const awarenessChannel = `foljsam_a_${schema}`.slice(0, 63);
  const sessionsChannel = `foljsam_s_${schema}`.slice(0, 63);
  const stored = listenerSet<[string, number, Uint8Array[] | undefined]>();
  const awareness = listenerSet<[string, Uint8Array]>();
  const reconnected = listenerSet<[]>();
  const sessionsEnded = listenerSet<[EndedSessions]>();
  let client: pg.Client | null = null;
  let closed = false;
  let publishing: Promise<void> = Promise.resolve();

  const connect = async (): Promise<void> => {
    // Named, so that an operator (or a test) can tell the listening connection in pg_stat_activity.
    const next = new pg.Client({ connectionString, application_name: listenerApplicationName(schema) });
    next.on('notification', ({ channel, payload = '' }) => {
      try {
        // This process's own appends and presence need no fan-out back to it; told apart
        // before decoding, which the rest pays for.
        if (sentBy(payload, processId)) return;
        if (channel === updatesChannel) {
          const message = decodeUpdatesStored(payload);
          stored.emit(message.docName, message.lastSeq, message.updates);
        } else if (channel === awarenessChannel) {
          const message = decodeAwareness(payload);
          awareness.emit(message.docName, message.update);
        } else if (channel === sessionsChannel) {
          sessionsEnded.emit(decodeSessionsEnded(payload).ended);
        }
      } catch (error) {
        // A payload that is not ours (or a listener's failure) must not take the channel down.
        onError(error);
      }
    });
    next.on('error', (error) => {
      onError(error);
      // Only for the connection in use: a late error of one already replaced must not drop its
      // successor, and one failing while it connects is retried by reconnect's loop.
      if (client === next) void reconnect();
    });
    try {
      await next.connect();
      await next.query(`listen "${updatesChannel}"`);
      await next.query(`listen "${awarenessChannel}"`);
      await next.query(`listen "${sessionsChannel}"`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    // Closed while connecting: the connection would keep the process alive.
    if (closed) await next.end().catch(() => undefined);
    else client = next;
  };

  let reconnecting = false;
  const reconnect = async (): Promise<void> => {
    if (closed || reconnecting) return;
    reconnecting = true;
    const lost = client;
    client = null;
    await lost?.end().catch(() => undefined);
    while (!closed) {
      try {
        await connect();
        // Notifications sent while we were away are gone: everyone catches up from the log.
        reconnected.emit();
        break;
      } catch (error) {
        onError(error);
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
      }
    }
    reconnecting = false;
  };

  // Presence arrives at one message per client per second; one NOTIFY round trip each would
  // queue up behind each other on the listening connection. Those waiting while a publish is
  // in flight go out together in one statement.
  let pendingAwareness: string[] = [];
  const publishPending = async (): Promise<void> => {
    const payloads = pendingAwareness;
    pendingAwareness = [];
    const target = client;
    if (!target || payloads.length === 0) return;
    try {
      // One query at a time on the listening connection (node-postgres deprecates overlapping ones).
      await target.query('select pg_notify($1, payload) from unnest($2::text[]) as payload', [
        awarenessChannel,
        payloads,
      ]);
    } catch (error) {
      onError(error);
    }
  };

  await connect();

  return {
    updatesChannel,
    processId,
    onUpdatesStored: stored.add,
    onAwareness: awareness.add,
    onReconnected: reconnected.add,
    onSessionsEnded: sessionsEnded.add,
    publishSessionsEnded(ended) {
      publishing = publishing.then(async () => {
        // A session that ends must end everywhere: sent even while presence is being published.
        const target = client;
        if (!target) {
          onError(
            new Error(
              'sessions ended while the notification channel is down: their websockets on other processes stay open until they reconnect',
            ),
          );
          return;
        }
        try {
          const payload = encodeSessionsEnded({ origin: processId, ended });
          await target.query('select pg_notify($1, $2)', [sessionsChannel, payload]);
        } catch (error) {
          onError(error);
        }
      });
    },
    flush: () => publishing,
    publishAwareness(docName, update) {
      if (!client) return;
      let payload: string | undefined;
      try {
        payload = encodeAwareness({ docName, origin: processId, update });
      } catch (error) {
        onError(error);
        return;
      }
      // Larger presence states (NOTIFY's limit) are not forwarded.
      if (payload === undefined) return;
      pendingAwareness.push(payload);
      if (pendingAwareness.length === 1) publishing = publishing.then(publishPending);
    },
    async close() {
      closed = true;
      await publishing;
      await client?.end().catch(() => undefined);
    },
  };
}
