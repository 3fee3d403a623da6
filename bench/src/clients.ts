/** Clients in this process (y-websocket and Hocuspocus), and a pool that frees them all even on error. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { answerHandshakeOnly } from '../../client/src/sync/serverStateVector';
import type { BenchClient, RunningTarget, Target } from './targets/types';

type Polyfill = NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill'];

function urlFor(running: RunningTarget, index: number): string {
  const url = running.wsUrls[index % running.wsUrls.length];
  if (!url) throw new Error('target has no websocket URL');
  return url;
}

/** Reads a lib0 variable-length unsigned integer at the decoder's position. */
function readVarUint(decoder: { arr: Uint8Array; pos: number }): number {
  let value = 0;
  let multiplier = 1;
  for (;;) {
    const byte = decoder.arr[decoder.pos++];
    if (byte === undefined) throw new Error('truncated message');
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return value;
    multiplier *= 128;
  }
}

/**
 * Collects the reasons of the server's "permission denied" messages (a refused write) into
 * `refusals`, instead of y-websocket's console warning, so that a scenario can fail on them.
 * The auth message is y-protocols' (`readAuthMessage`): 0 = permission denied, then the reason.
 */
export function collectRefusals(provider: WebsocketProvider, refusals: string[]): void {
  provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
    if (readVarUint(decoder) !== 0) return;
    const length = readVarUint(decoder);
    refusals.push(new TextDecoder().decode(decoder.arr.subarray(decoder.pos, decoder.pos + length)));
    decoder.pos += length;
  };
}

/**
 * A client speaking the standard y-websocket protocol (Följsam and @y/websocket-server).
 * `asFoljsamApp`: as Följsam's own client does, it answers only the handshake's sync step 1,
 * not each "stored" acknowledgement (client/src/sync/serverStateVector.ts).
 */
export function connectYWebsocket(
  running: RunningTarget,
  documentName: string,
  doc: Y.Doc,
  index: number,
  { asFoljsamApp = false }: { asFoljsamApp?: boolean } = {},
): BenchClient {
  const provider = new WebsocketProvider(urlFor(running, index), documentName, doc, {
    WebSocketPolyfill: WebSocket as unknown as Polyfill,
    disableBc: true,
    params: running.token ? { token: running.token } : {},
  });
  if (asFoljsamApp) answerHandshakeOnly(provider);
  const refusals: string[] = [];
  collectRefusals(provider, refusals);
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
    refusals,
    setPresence(state) {
      provider.awareness.setLocalStateField('user', state);
    },
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

/** A client with Hocuspocus's own provider (Hocuspocus does not speak plain y-websocket framing). */
export function connectHocuspocus(
  running: RunningTarget,
  documentName: string,
  doc: Y.Doc,
  index: number,
): BenchClient {
  let resolveSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => {
    resolveSynced = resolve;
  });
  // One websocket per client, like one browser tab.
  const socket = new HocuspocusProviderWebsocket({
    url: urlFor(running, index),
    WebSocketPolyfill: WebSocket,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    onSynced: ({ state }) => {
      if (state) resolveSynced();
    },
  });
  // A provider given its own websocket does not attach itself.
  provider.attach();
  let destroyed = false;
  return {
    doc,
    synced,
    // Hocuspocus (without an extension that checks writes) accepts every change.
    refusals: [],
    setPresence(state) {
      provider.setAwarenessField('user', state);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      const awareness = provider.awareness;
      provider.destroy();
      socket.destroy();
      awareness?.destroy();
      doc.destroy();
    },
  };
}

/** Every client of a scenario, so that they can be freed together. */
export class ClientPool {
  readonly clients: BenchClient[] = [];
  /** Refusal reasons of clients already freed. */
  private readonly freedRefusals: string[] = [];

  /** Connects one client without waiting for it. */
  add(target: Target, running: RunningTarget, documentName: string, doc = new Y.Doc()): BenchClient {
    const client = target.connect(running, documentName, doc, this.clients.length);
    this.clients.push(client);
    return client;
  }

  /** Connects `count` clients to one document and waits until all have synced. */
  async connect(
    target: Target,
    running: RunningTarget,
    documentName: string,
    count: number,
    timeoutMs = 30_000,
  ): Promise<BenchClient[]> {
    const added: BenchClient[] = [];
    for (let i = 0; i < count; i++) added.push(this.add(target, running, documentName));
    await allSynced(added, timeoutMs);
    return added;
  }

  /** Every write refusal any client of this pool received, freed clients included. */
  refusals(): string[] {
    return [...this.freedRefusals, ...this.clients.flatMap((client) => client.refusals)];
  }

  /**
   * Throws if the server refused any write: the workload is meant to be valid for every
   * target, and a refused write would measure refusals (lost updates, timeouts) instead of sync.
   */
  assertNoRefusals(serverName: string): void {
    const refusals = this.refusals();
    if (refusals.length === 0) return;
    const reasons = [...new Set(refusals)].join('; ');
    throw new Error(
      `${serverName} refused ${refusals.length} write(s) of the benchmark's workload: ${reasons}`,
    );
  }

  destroyAll(): void {
    for (const client of this.clients.splice(0)) {
      this.freedRefusals.push(...client.refusals);
      try {
        client.destroy();
      } catch {
        // keep freeing the others
      }
    }
  }
}

/** Waits until every client has synced, or rejects after `timeoutMs`. */
export async function allSynced(clients: readonly BenchClient[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${clients.length} clients did not all sync within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([Promise.all(clients.map((client) => client.synced)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
