/** y-websocket clients in this process, and a registry that frees them all even on error. */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { BenchClient, RunningTarget, Target } from './targets/types';

type Polyfill = NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill'];

/** A client speaking the standard y-websocket protocol (for Följsam and y-websocket servers). */
export function connectYWebsocket(running: RunningTarget, documentName: string, doc: Y.Doc): BenchClient {
  const provider = new WebsocketProvider(running.wsUrl, documentName, doc, {
    WebSocketPolyfill: WebSocket as unknown as Polyfill,
    disableBc: true,
    params: running.token ? { token: running.token } : {},
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  let destroyed = false;
  return {
    doc,
    synced,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      // provider.destroy() leaves the awareness renewal interval running.
      provider.awareness.destroy();
      doc.destroy();
    },
  };
}

/** Every client of a scenario, so that they can be freed together. */
export class ClientPool {
  readonly clients: BenchClient[] = [];

  /** Connects `count` clients to one document and waits until all have synced. */
  async connect(
    target: Target,
    running: RunningTarget,
    documentName: string,
    count: number,
    timeoutMs = 20_000,
  ): Promise<BenchClient[]> {
    for (let i = 0; i < count; i++) {
      this.clients.push(target.connect(running, documentName, new Y.Doc()));
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${count} clients did not all sync within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([Promise.all(this.clients.map((client) => client.synced)), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return this.clients;
  }

  destroyAll(): void {
    for (const client of this.clients.splice(0)) {
      try {
        client.destroy();
      } catch {
        // keep freeing the others
      }
    }
  }
}
