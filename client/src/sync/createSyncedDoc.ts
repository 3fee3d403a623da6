/**
 * A Solid primitive that opens one synced Yjs document (`openSyncedDoc`: local store plus
 * y-websocket on `/sync/<docName>`, same origin, so the session cookie authenticates it).
 * Call it inside a component or another owner: on cleanup it closes the doc (staying
 * connected in the background until the server has confirmed its local changes).
 *
 * When the server refuses a change (y-protocols' auth "permission denied" message, see
 * docs/protocol.md), `denied` holds the server's reason, so the screen can say it is read-only
 * instead of letting the person type into a document that keeps none of it.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { openSyncedDoc } from './openSyncedDoc';
import { markSessionEnded, sessionEndOf } from './sessionEnded';

export { syncServerUrl } from './openSyncedDoc';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface SyncedDoc {
  readonly doc: Y.Doc;
  /** The websocket provider, for presence (`provider.awareness`). */
  readonly provider: WebsocketProvider;
  /** The websocket's state. */
  readonly status: Accessor<ConnectionStatus>;
  /** Whether the doc is in sync with the server right now (false again while reconnecting). */
  readonly synced: Accessor<boolean>;
  /**
   * Whether the doc has content to show: it has been in sync with the server at least once,
   * or the local store held a copy of it (offline).
   */
  readonly loaded: Accessor<boolean>;
  /** The server's reason when it refused a change from this page; null until it does. */
  readonly denied: Accessor<string | null>;
}

export function createSyncedDoc(docName: string): SyncedDoc {
  const [denied, setDenied] = createSignal<string | null>(null);
  const opened = openSyncedDoc(docName, { onDenied: setDenied });
  const { doc, provider, persistence } = opened;
  const [status, setStatus] = createSignal<ConnectionStatus>(
    provider.wsconnected ? 'connected' : 'connecting',
  );
  const [synced, setSynced] = createSignal(provider.synced);
  const [loaded, setLoaded] = createSignal(provider.synced);

  const onStatus = (event: { status: ConnectionStatus }) => setStatus(event.status);
  const onSync = (isSynced: boolean) => {
    setSynced(isSynced);
    if (isSynced) setLoaded(true);
  };
  // The server ended the session (revoked, password reset, disabled, role changed): the shell shows sign-in.
  const onClose = (event: CloseEvent | null) => {
    const how = sessionEndOf(event?.code);
    if (how) markSessionEnded(how);
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('connection-close', onClose);
  // Whatever arrives first: the server's copy or the local one (the journal's snapshot in
  // milliseconds, PGlite's rows once it has opened).
  const onDevice = () => {
    if (persistence.loadedRows > 0) setLoaded(true);
  };
  void persistence.whenReadFromDevice.then(onDevice);
  void persistence.whenLoaded.then(onDevice);

  onCleanup(() => {
    provider.off('status', onStatus);
    provider.off('sync', onSync);
    provider.off('connection-close', onClose);
    opened.close();
  });

  return { doc, provider, status, synced, loaded, denied };
}
