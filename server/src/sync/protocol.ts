/**
 * The y-websocket wire protocol, decoded and encoded in this one place. A frame is one
 * message: a varuint message type, then its payload (y-protocols' sync and awareness
 * encodings, built with lib0). Anything else is rejected as malformed, so that the rest of
 * the server only ever sees well-formed, typed messages.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as string from 'lib0/string';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Message types of the y-websocket protocol. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/** A decoded message from a client. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' };

/**
 * One client's entry in an awareness (presence) update: the client id, its clock, and its
 * state parsed from JSON (null: the client left). `bytes` is the size of the state's JSON.
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
  bytes: number;
}

/** Why a frame was not accepted. */
export class MalformedMessageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedMessageError';
  }
}

function readPayload(decoder: decoding.Decoder): Uint8Array {
  const payload = decoding.readVarUint8Array(decoder);
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the message');
  return payload;
}

/** Checks that bytes are a well-formed Yjs update (v1 encoding) without applying them. */
function assertUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch {
    throw new MalformedMessageError('the payload is not a Yjs update');
  }
}

/** Checks that bytes are a well-formed Yjs state vector. */
function assertStateVector(stateVector: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(stateVector);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  } catch {
    throw new MalformedMessageError('the payload is not a Yjs state vector');
  }
}

/**
 * Decodes an awareness update (a varuint count, then per client a varuint client id, a
 * varuint clock and a JSON state as a varstring) into its entries, without applying it.
 * Throws {@link MalformedMessageError} for anything else. Used for clients' frames and for
 * presence other server processes forward.
 */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarUint8Array(decoder);
      entries.push({ clientId, clock, state: JSON.parse(string.decodeUtf8(json)), bytes: json.byteLength });
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return entries;
  } catch {
    throw new MalformedMessageError('the payload is not an awareness update');
  }
}

/** Encodes entries as an awareness update, the format {@link decodeAwarenessUpdate} reads. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Decodes one frame. Throws {@link MalformedMessageError} for anything that is not a
 * complete, valid client message: unknown types, truncated varints, trailing bytes, payloads
 * that are not Yjs updates, state vectors or awareness updates.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  try {
    const messageType = decoding.readVarUint(decoder);
    switch (messageType) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = readPayload(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          assertStateVector(payload);
          return { type: 'sync-step-1', stateVector: payload };
        }
        if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          assertUpdate(payload);
          return {
            type: syncType === syncProtocol.messageYjsSyncStep2 ? 'sync-step-2' : 'update',
            update: payload,
          };
        }
        throw new MalformedMessageError(`unknown sync message type ${syncType}`);
      }
      case MessageType.awareness: {
        return { type: 'awareness', entries: decodeAwarenessUpdate(readPayload(decoder)) };
      }
      case MessageType.queryAwareness:
        if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the message');
        return { type: 'query-awareness' };
      default:
        throw new MalformedMessageError(`unknown message type ${messageType}`);
    }
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error;
    // lib0 throws plain errors for truncated input ("Unexpected end of array", varint overflow).
    throw new MalformedMessageError(`truncated or invalid frame: ${(error as Error).message}`);
  }
}

/** Sync step 1 from the server: our state vector, asking the client for what we lack. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2: everything the client lacks, given its state vector. */
export function encodeSyncStep2(doc: Y.Doc, clientStateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep2(encoder, doc, clientStateVector);
  return encoding.toUint8Array(encoder);
}

/** An update broadcast to the other clients of a document. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message for the given clients (all known clients when omitted). */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients?: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(
    encoder,
    awarenessProtocol.encodeAwarenessUpdate(awareness, clients ?? [...awareness.getStates().keys()]),
  );
  return encoding.toUint8Array(encoder);
}

/**
 * y-protocols' "permission denied" auth message: the stock y-websocket client logs it. Sent
 * when a connection without write access sends a change; the change is dropped.
 */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}
