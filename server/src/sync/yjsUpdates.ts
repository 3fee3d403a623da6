/**
 * Small questions about Yjs updates that the sync core asks in several places: what applying
 * one actually changed, whether one would change a document, and whether a document holds
 * what one carries.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * Runs `change` on `doc` and returns the updates it produced: what actually changed, in the
 * order Yjs emitted them (nothing when it changed nothing, e.g. a resent update). If `change`
 * throws, the error propagates; what it changed before throwing is lost to the caller, so a
 * caller that must keep it catches inside `change`.
 */
export function collectChanges(doc: Y.Doc, change: () => void): Uint8Array[] {
  const changed: Uint8Array[] = [];
  const collect = (update: Uint8Array) => {
    changed.push(update);
  };
  doc.on('update', collect);
  try {
    change();
  } finally {
    doc.off('update', collect);
  }
  return changed;
}

/** Applies `update` to `doc` with `origin` and returns the effective updates it produced. */
export function applyCollecting(doc: Y.Doc, update: Uint8Array, origin: unknown): Uint8Array[] {
  return collectChanges(doc, () => Y.applyUpdate(doc, update, origin));
}

/**
 * Whether `update` certainly changes nothing in `doc`: it adds no structs, and every range it
 * deletes is already deleted (or garbage-collected) there. That is what a client answers to
 * the server's sync step 1 (each "stored" acknowledgement) when it has nothing new: its whole
 * delete set, which grows with the document. Read straight from the bytes (update format v1),
 * without decoding items or running a transaction; anything else (structs, a deletion the
 * document lacks or beyond its state, bytes after the delete set, bytes that do not decode)
 * answers false, and the caller takes the full path.
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(update);
    if (decoding.readVarUint(decoder) !== 0) return false;
    const clients = decoding.readVarUint(decoder);
    for (let client = 0; client < clients; client++) {
      const id = decoding.readVarUint(decoder);
      const ranges = decoding.readVarUint(decoder);
      for (let range = 0; range < ranges; range++) {
        const clock = decoding.readVarUint(decoder);
        if (!isDeleted(doc, id, clock, clock + decoding.readVarUint(decoder))) return false;
      }
    }
    return !decoding.hasContent(decoder);
  } catch {
    return false;
  }
}

/**
 * Whether `update` has structs and `doc` already holds everything it carries: every struct
 * lies below the document's state of its client, and every range it deletes is deleted there.
 * Applying it would change nothing. A client sends such an update when it resends what the
 * server has stored: its answer to a "stored" acknowledgement that crossed an update in flight,
 * or a second tab sending the same offline change. Unlike the answers {@link changesNothing}
 * recognises, its sender waits for an acknowledgement of those structs.
 *
 * The first struct's clock is read from the bytes (update format v1) before anything is
 * decoded, so an update with new structs, nearly every one, is told apart in four varints.
 */
export function holdsAllOf(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(update);
    if (decoding.readVarUint(decoder) === 0) return false;
    decoding.readVarUint(decoder); // the number of structs of the first client
    const client = decoding.readVarUint(decoder);
    if (decoding.readVarUint(decoder) >= Y.getState(doc.store, client)) return false;
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (struct instanceof Y.Skip) return false;
      if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
    }
    for (const [id, ranges] of ds.clients) {
      for (const { clock, len } of ranges) if (!isDeleted(doc, id, clock, clock + len)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Whether `doc` holds clocks `clock` up to `end` of `client`, all deleted (or garbage-collected). */
function isDeleted(doc: Y.Doc, client: number, clock: number, end: number): boolean {
  if (end > Y.getState(doc.store, client)) return false;
  const structs = doc.store.clients.get(client);
  if (clock >= end || !structs) return true;
  for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
    const struct = structs[index] as Y.Item | Y.GC;
    if (struct.id.clock >= end) break;
    if (!struct.deleted) return false;
  }
  return true;
}

/** Whether `update` holds something `doc` lacks (new items or deletions). */
export function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    return !Y.snapshotContainsUpdate(Y.snapshot(doc), update);
  } catch {
    // Bytes that do not decode as an update would be a write the server refuses, never a crash.
    return true;
  }
}

/**
 * Whether `update` carries items (not only deletions) and `doc` holds every one of them. Items
 * that wait for missing ones are not held, so a client resending those is not told they are.
 */
export function holdsItemsOf(doc: Y.Doc, update: Uint8Array): boolean {
  let inserted: Map<number, number>;
  try {
    inserted = Y.parseUpdateMeta(update).to;
  } catch {
    return false;
  }
  if (inserted.size === 0) return false;
  for (const [client, clock] of inserted) if (Y.getState(doc.store, client) < clock) return false;
  return true;
}
