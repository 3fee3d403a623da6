/**
 * Opens one document for this browser: a Y.Doc kept in the local store (PglitePersistence)
 * and synced over a y-websocket provider whose reconnects are jittered. The persistence is
 * created first, so its update handler runs before the provider's: a local change is queued
 * for the local store before it is sent. Network and local load start together; whichever
 * answers first fills the doc (first paint never waits for PGlite).
 *
 * A page opens each document once: a second open of a name already open (the background copy
 * of the workspace and a screen, say) shares the first's doc, socket and local store, and the
 * document closes when the last holder closes it. A browser opens one websocket to a host at a
 * time, so a second socket to the same document only made the screen's own ones wait.
 */
import { refreshLocalViews } from '@foljsam/domain';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { localJournal } from '../local/journal';
import { localDb } from '../local/localDb';
import { PglitePersistence } from '../local/PglitePersistence';
import { configuredBackoff, jitteredWebSocketClass, serverAllowsReconnect } from './reconnectBackoff';
import { answerHandshakeOnly } from './serverStateVector';
import { reportRefused, syncStateChanged, trackDoc } from './syncState';

/** y-websocket's message type for auth messages ("permission denied"). */
const MESSAGE_AUTH = 2;
/** Wait after a change before the local SQL views are rebuilt from the doc. */
const VIEW_REFRESH_DELAY_MS = 150;

export interface OpenSyncedDoc {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly persistence: PglitePersistence;
  /**
   * Closes the doc for this holder; the last holder's close closes it. With changes the
   * server has not confirmed, the connection then stays open (in the background) until they
   * are, so leaving a screen never strands an edit.
   */
  close(): void;
}

/** The websocket base URL of the sync endpoint on this page's origin. */
export function syncServerUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

export interface OpenSyncedDocOptions {
  /** Called with the server's reason when it refuses a change from this page. */
  onDenied?: (reason: string) => void;
}

/** One document open in this page, shared by every holder of its name. */
interface SharedDoc {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly persistence: PglitePersistence;
  holders: number;
  /** The server's reason once it refused a change (told to holders that come later too). */
  deniedReason: string | null;
  readonly deniedListeners: Set<(reason: string) => void>;
  /** Closes the document (see OpenSyncedDoc.close), once no one holds it. */
  close(): void;
}

const openDocs = new Map<string, SharedDoc>();

/** Whether this page has `docName` open now. */
export function isOpenInPage(docName: string): boolean {
  return openDocs.has(docName);
}

export function openSyncedDoc(docName: string, options: OpenSyncedDocOptions = {}): OpenSyncedDoc {
  let shared = openDocs.get(docName);
  if (!shared) {
    shared = openShared(docName);
    openDocs.set(docName, shared);
  }
  const entry = shared;
  entry.holders += 1;
  const { onDenied } = options;
  if (onDenied) {
    entry.deniedListeners.add(onDenied);
    if (entry.deniedReason !== null) onDenied(entry.deniedReason);
  }
  let released = false;
  return {
    docName,
    doc: entry.doc,
    provider: entry.provider,
    persistence: entry.persistence,
    close() {
      if (released) return;
      released = true;
      if (onDenied) entry.deniedListeners.delete(onDenied);
      entry.holders -= 1;
      if (entry.holders > 0) return;
      // A later open gets a new document, even while this one waits to send its changes.
      if (openDocs.get(docName) === entry) openDocs.delete(docName);
      entry.close();
    },
  };
}

function openShared(docName: string): SharedDoc {
  const doc = new Y.Doc();
  const database = localDb();
  const persistence = new PglitePersistence(docName, doc, database, {
    onChange: syncStateChanged,
    journal: localJournal(),
  });
  // While a socket waits out its back-off the provider says "connecting"; it is not.
  const hooks = {
    waiting: () => provider.emit('status', [{ status: 'disconnected' }]),
    opening: () => provider.emit('status', [{ status: 'connecting' }]),
    // Documents with changes waiting for the server reconnect first.
    urgent: () => persistence.pendingCount > 0,
  };
  const backoff = configuredBackoff();
  const provider: WebsocketProvider = new WebsocketProvider(syncServerUrl(), docName, doc, {
    WebSocketPolyfill: jitteredWebSocketClass(backoff.random, backoff.options, hooks),
    // The jittered wrapper waits; y-websocket's own fixed back-off would only add to it.
    maxBackoffTime: 0,
    // Connected only once the persistence knows the provider: another provider of the same
    // document in this page answers over the broadcast channel synchronously during connect,
    // and what it sends must be recognised as the server's content, not a local change.
    connect: false,
    shouldReconnect: serverAllowsReconnect,
  });
  // Before the persistence's observer, which must see every sync step 1.
  answerHandshakeOnly(provider);
  persistence.attachProvider(provider);
  provider.connect();
  const untrack = trackDoc({ docName, provider, persistence });

  // A change the server refuses must not be resent forever: drop the local copy, stop
  // storing local changes, and tell the user (a reload fetches the server's copy).
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
      shared.deniedReason = reason || 'permission denied';
      for (const listener of [...shared.deniedListeners]) listener(shared.deniedReason);
      persistence.refuseLocalChanges();
      void persistence.clear();
      reportRefused(docName);
    });
  };

  // Keep the local SQL views of this doc up to date (once the local database is open).
  let viewTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshViews = () => {
    clearTimeout(viewTimer);
    viewTimer = setTimeout(async () => {
      const db = await database;
      if (db && !closed) await refreshLocalViews(db, docName, doc).catch((error) => console.error(error));
    }, VIEW_REFRESH_DELAY_MS);
  };
  doc.on('update', refreshViews);
  void persistence.whenLoaded.then(refreshViews);

  let closed = false;
  const destroy = () => {
    if (closed) return;
    closed = true;
    clearTimeout(viewTimer);
    doc.off('update', refreshViews);
    untrack();
    void persistence.destroy().finally(() => {
      // provider.destroy() alone leaves the awareness timer running.
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    });
  };

  const shared: SharedDoc = {
    doc,
    provider,
    persistence,
    holders: 0,
    deniedReason: null,
    deniedListeners: new Set(),
    close() {
      if (persistence.pendingCount === 0) {
        destroy();
        return;
      }
      // Stay open, without presence, until the server has confirmed everything.
      provider.awareness.setLocalState(null);
      const check = () => {
        if (persistence.pendingCount > 0) return;
        provider.off('sync', check);
        clearInterval(poll);
        destroy();
      };
      const poll = setInterval(check, 1_000);
      provider.on('sync', check);
    },
  };
  return shared;
}
