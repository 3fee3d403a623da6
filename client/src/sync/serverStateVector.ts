/**
 * The server's sync step 1 messages, read by the client. y-websocket has no acknowledgement;
 * Följsam's server sends a sync step 1 on connect and again (throttled) after it has stored
 * updates from this connection (docs/protocol.md), so the state vector tells which local
 * changes the server has confirmed, and only the first one on a socket needs an answer.
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** y-websocket's message type for sync messages. */
const MESSAGE_SYNC = 0;

/** Whether the sync message at the decoder's position is a step 1 (read from a copy). */
function isSyncStep1(decoder: decoding.Decoder): boolean {
  try {
    return (
      decoding.readVarUint(decoding.createDecoder(decoder.arr.subarray(decoder.pos))) ===
      syncProtocol.messageYjsSyncStep1
    );
  } catch {
    return false;
  }
}

/**
 * Answers only the server's first sync step 1 on each socket (the handshake). The later ones
 * are "stored" acknowledgements, which a stock client answers with a sync step 2 holding its
 * whole delete set: it grows with the document's history (about 8.7 KB after 3,000 edits of the
 * benchmark's workload, read by the server each time to find it changes nothing) and carries
 * nothing the server lacks, since every local change made after the handshake's answer goes to
 * the server as an update on the same socket, in order, or was refused. A step 1 from another
 * tab over the broadcast channel is answered as before.
 *
 * Install it before {@link observeServerStateVector}, which must see every step 1. Returns a
 * function that restores the provider's handler.
 */
export function answerHandshakeOnly(provider: WebsocketProvider): () => void {
  const original = provider.messageHandlers[MESSAGE_SYNC];
  if (!original) throw new Error('y-websocket has no sync message handler');
  const answered = new WeakSet<object>();
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, handlerProvider, emitSynced, messageType) => {
    // y-websocket passes emitSynced only for the server's socket, not for the broadcast channel.
    const socket = handlerProvider.ws;
    if (emitSynced && socket && isSyncStep1(decoder)) {
      // Left unread and unanswered: y-websocket sends nothing for an empty encoder.
      if (answered.has(socket)) return;
      answered.add(socket);
    }
    original(encoder, decoder, handlerProvider, emitSynced, messageType);
  };
  return () => {
    provider.messageHandlers[MESSAGE_SYNC] = original;
  };
}

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
