/** A stock y-websocket client in Node, as the contract promises any client can use. */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * In Node every WebsocketProvider adds a process "exit" listener (its awareness clean-up),
 * removed again by destroy(). Tests hold many clients at once, up to 1000 in the load test:
 * that is by design, not a leak, so Node's warning past 10 listeners is raised to that count.
 */
const MOST_CLIENTS_AT_ONCE = 1100;
if (process.getMaxListeners() < MOST_CLIENTS_AT_ONCE) process.setMaxListeners(MOST_CLIENTS_AT_ONCE);

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves after the first full sync with the server. */
  synced: Promise<void>;
  destroy(): void;
}

/**
 * Connects a client; pass `doc` to sync an existing Y.Doc (e.g. one a local store keeps), and
 * `socketClass` to watch what it sends (a subclass of ws's WebSocket).
 */
export function connectClient(
  wsUrl: string,
  docName: string,
  token: string,
  doc = new Y.Doc(),
  { socketClass = WebSocket }: { socketClass?: typeof WebSocket } = {},
): YClient {
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    // biome-ignore lint/suspicious/noExplicitAny: ws's WebSocket is what y-websocket expects in Node
    WebSocketPolyfill: socketClass as any,
    disableBc: true,
    params: { token },
    // Fast reconnects keep restart tests short.
    maxBackoffTime: 250,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      // provider.destroy() leaves the awareness interval running (y-websocket 3.1): destroy both.
      provider.awareness.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `condition` until it holds, or fails with `message` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
