/**
 * Reads the server's state vector from every sync step 1 it sends. y-websocket has no
 * acknowledgement; Följsam's server sends a sync step 1 on connect and again (throttled)
 * after it has stored updates from this connection (docs/protocol.md), so the state vector
 * tells which local changes the server has confirmed.
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** y-websocket's message type for sync messages. */
const MESSAGE_SYNC = 0;

/**
 * Calls `onStateVector` with each server state vector the provider receives, before the
 * provider's own handling. Returns a function that restores the provider's handler.
 */
export function observeServerStateVector(
  provider: WebsocketProvider,
  onStateVector: (stateVector: Map<number, number>) => void,
): () => void {
  const original = provider.messageHandlers[MESSAGE_SYNC];
  if (!original) throw new Error('y-websocket has no sync message handler');
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, handlerProvider, emitSynced, messageType) => {
    // Peek with a second decoder: the provider's handler reads the same bytes afterwards.
    const peek = decoding.createDecoder(decoder.arr.subarray(decoder.pos));
    try {
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
        onStateVector(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
      }
    } catch {
      // A malformed message is the provider's handler's to report.
    }
    original(encoder, decoder, handlerProvider, emitSynced, messageType);
  };
  return () => {
    provider.messageHandlers[MESSAGE_SYNC] = original;
  };
}
