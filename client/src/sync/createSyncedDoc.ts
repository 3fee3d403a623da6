/**
 * A Solid primitive that opens one synced Yjs document: a `Y.Doc` plus a y-websocket
 * provider on `/sync/<docName>` (same origin, so the session cookie authenticates it).
 * Call it inside a component or another owner: on cleanup it destroys the provider AND the
 * doc (the provider alone leaves its awareness timer running).
 *
 * When the server refuses a change (y-protocols' auth "permission denied" message, see
 * docs/protocol.md), `denied` holds the server's reason, so the screen can say it is read-only
 * instead of letting the person type into a document that keeps none of it.
 */
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import * as authProtocol from 'y-protocols/auth';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { markSessionEnded, SESSION_ENDED_CLOSE_CODE } from './sessionEnded';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export interface SyncedDoc {
  readonly doc: Y.Doc;
  /** The websocket provider, for presence (`provider.awareness`). */
  readonly provider: WebsocketProvider;
  /** The websocket's state. */
  readonly status: Accessor<ConnectionStatus>;
  /** Whether the doc is in sync with the server right now (false again while reconnecting). */
  readonly synced: Accessor<boolean>;
  /** Whether the doc has been in sync at least once: its content is the server's, not empty. */
  readonly loaded: Accessor<boolean>;
  /** The server's reason when it refused a change from this page; null until it does. */
  readonly denied: Accessor<string | null>;
}

/** The websocket base URL of the sync endpoint on this page's origin. */
export function syncServerUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

export function createSyncedDoc(docName: string): SyncedDoc {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncServerUrl(), docName, doc);
  const [status, setStatus] = createSignal<ConnectionStatus>(
    provider.wsconnected ? 'connected' : 'connecting',
  );
  const [synced, setSynced] = createSignal(provider.synced);
  const [loaded, setLoaded] = createSignal(provider.synced);
  const [denied, setDenied] = createSignal<string | null>(null);

  // The stock handler only logs the refusal; this one tells the screen. The handlers are a
  // per-provider copy, so this changes no other document's provider.
  provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => setDenied(reason || 'permission denied'));
  };

  const onStatus = (event: { status: ConnectionStatus }) => setStatus(event.status);
  const onSync = (isSynced: boolean) => {
    setSynced(isSynced);
    if (isSynced) setLoaded(true);
  };
  // The server ended the session (revoked, password reset, disabled): the shell shows sign-in.
  const onClose = (event: CloseEvent | null) => {
    if (event?.code === SESSION_ENDED_CLOSE_CODE) markSessionEnded();
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  provider.on('connection-close', onClose);

  onCleanup(() => {
    provider.off('status', onStatus);
    provider.off('sync', onSync);
    provider.off('connection-close', onClose);
    // provider.destroy() alone leaves the awareness timer running.
    provider.awareness.destroy();
    provider.destroy();
    doc.destroy();
  });

  return { doc, provider, status, synced, loaded, denied };
}
