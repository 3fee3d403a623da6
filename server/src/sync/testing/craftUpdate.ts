/**
 * Builds Yjs updates the way an attacker would, struct by struct, for the write check's tests:
 * items with any origin, parent and client id, Skip and GC structs, and delete sets over any
 * range. Encoded with Yjs's own update encoder; only the framing of the blocks is written here.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** One struct of a crafted update; an item names its references as an attacker chooses. */
export type CraftedStruct =
  | {
      kind: 'item';
      origin?: Y.ID | null;
      rightOrigin?: Y.ID | null;
      /** A root's name or the id of an item holding a type; only used without origins. */
      parent?: string | Y.ID | null;
      parentSub?: string | null;
      content: Y.Item['content'];
    }
  | { kind: 'gc'; length: number }
  | { kind: 'skip'; length: number };

/** The structs of one client, from `clock` on. */
export interface CraftedBlock {
  client: number;
  clock: number;
  structs: CraftedStruct[];
}

/** A deleted range of one client's clocks. */
export interface CraftedDeletion {
  client: number;
  clock: number;
  length: number;
}

/** Encodes the blocks and deletions as an update (format v1, as y-websocket sends). */
export function craftUpdate(blocks: CraftedBlock[], deletions: CraftedDeletion[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, blocks.length);
  for (const block of blocks) {
    encoding.writeVarUint(encoder.restEncoder, block.structs.length);
    encoder.writeClient(block.client);
    encoding.writeVarUint(encoder.restEncoder, block.clock);
    let clock = block.clock;
    for (const struct of block.structs) {
      const id = Y.createID(block.client, clock);
      if (struct.kind === 'item') {
        const item = new Y.Item(
          id,
          null,
          struct.origin ?? null,
          null,
          struct.rightOrigin ?? null,
          // Item.write accepts a root's name or an ID as the parent.
          (struct.parent ?? null) as unknown as Y.AbstractType<Y.YEvent<never>>,
          struct.parentSub ?? null,
          struct.content,
        );
        item.write(encoder, 0);
        clock += item.length;
      } else {
        const written = struct.kind === 'gc' ? new Y.GC(id, struct.length) : new Y.Skip(id, struct.length);
        written.write(encoder, 0);
        clock += struct.length;
      }
    }
  }
  const byClient = new Map<number, CraftedDeletion[]>();
  for (const deletion of deletions) {
    byClient.set(deletion.client, [...(byClient.get(deletion.client) ?? []), deletion]);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const range of [...ranges].sort((a, b) => a.clock - b.clock)) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.length);
    }
  }
  return encoder.toUint8Array();
}

/** A map value as a client writes it. */
export const anyContent = (...values: unknown[]): Y.ContentAny => new Y.ContentAny(values);
