/**
 * A client that speaks the y-websocket protocol by hand with y-protocols and lib0, to send
 * exactly the messages a test wants (including ones the stock client would never send).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export interface RawClient {
  /** The server's view as far as this client has received it. */
  doc: Y.Doc;
  /** Reasons of every "permission denied" message received. */
  denied: string[];
  /** Every state vector the server sent (its sync step 1 messages), oldest first. */
  stateVectors: Map<number, number>[];
  /** Sends an update as a sync step 2 or as a plain update message. */
  sendUpdate(update: Uint8Array, as: 'sync-step-2' | 'update'): void;
  /** Sends one awareness message with exactly these entries (any client ids, any states). */
  sendAwareness(entries: readonly RawAwarenessEntry[]): void;
  close(): Promise<void>;
}

/** One entry of an awareness update; a null state removes the client's presence. */
export interface RawAwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** Connects, and resolves once the server's sync step 2 (its content) has arrived. */
export function connectRawClient(wsUrl: string, docName: string, token: string): Promise<RawClient> {
  const ws = new WebSocket(`${wsUrl}/${docName}?token=${token}`);
  ws.binaryType = 'arraybuffer';
  const doc = new Y.Doc();
  const denied: string[] = [];
  const stateVectors: Map<number, number>[] = [];
  return new Promise((resolve, reject) => {
    const client: RawClient = {
      doc,
      denied,
      stateVectors,
      sendUpdate(update, as) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(
          encoder,
          as === 'sync-step-2' ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate,
        );
        encoding.writeVarUint8Array(encoder, update);
        ws.send(encoding.toUint8Array(encoder));
      },
      sendAwareness(entries) {
        const payload = encoding.createEncoder();
        encoding.writeVarUint(payload, entries.length);
        for (const { clientId, clock, state } of entries) {
          encoding.writeVarUint(payload, clientId);
          encoding.writeVarUint(payload, clock);
          encoding.writeVarString(payload, JSON.stringify(state));
        }
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint8Array(encoder, encoding.toUint8Array(payload));
        ws.send(encoding.toUint8Array(encoder));
      },
      close: () =>
        new Promise<void>((done) => {
          doc.destroy();
          // Closing twice (a test, then its clean-up) must not wait for a second close event.
          if (ws.readyState === WebSocket.CLOSED) return done();
          ws.once('close', () => done());
          ws.close();
        }),
    };
    ws.on('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, doc);
      ws.send(encoding.toUint8Array(encoder));
    });
    ws.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(decoder);
      if (type === 0) {
        // Peek at a sync step 1 with a second decoder: readSyncMessage reads the same bytes.
        const peek = decoding.createDecoder(decoder.arr.subarray(decoder.pos));
        if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
          stateVectors.push(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
        }
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, 0);
        const syncType = syncProtocol.readSyncMessage(decoder, reply, doc, 'server');
        if (syncType === syncProtocol.messageYjsSyncStep2) resolve(client);
      } else if (type === 2) {
        authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => denied.push(reason));
      }
    });
    ws.on('error', reject);
  });
}
