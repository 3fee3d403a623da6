/**
 * What a Yjs update would do to a document, worked out without applying it or copying the
 * document: which shared types it inserts into (and under which map key), what it inserts,
 * and which existing content it deletes. The write policy (writePolicy.ts) decides on this
 * effect, never on how the update happens to be encoded.
 *
 * Yjs applies what it can of an update and parks the rest (`store.pendingStructs`,
 * `pendingDs`) until the structs it depends on arrive; parked items then integrate during a
 * later, unrelated transaction, unchecked. So an update is admitted only if Yjs would apply
 * all of it at once, now:
 *
 * - no Skip structs (holes), and no struct that starts after the document's state of its client;
 * - every reference (origin, right origin, parent) names a struct the document has, or one
 *   the update itself holds and that Yjs integrates first (an earlier struct of the same
 *   client, or another client's, without a cycle);
 * - every deleted range lies within what the document holds after the update.
 *
 * Under those conditions Yjs integrates every struct in this call, and this module mirrors
 * its integration rule (`Item.getMissing` in yjs 13.6) to find each new item's parent type.
 * Decoding goes through Yjs itself; the update is first re-encoded by `Y.mergeUpdates`, and
 * the caller applies that canonical form, so the bytes analysed are the bytes applied.
 */
import * as Y from 'yjs';

/** Why an update cannot be analysed: it does not decode, or Yjs would not apply all of it now. */
export type StructureFault = 'malformed' | 'skip' | 'gap' | 'unknown-reference' | 'cycle' | 'pending-delete';

/** Where a shared type sits: its root's name and the keys from the root down (null: a sequence element). */
export interface TypePath {
  root: string;
  keys: (string | null)[];
}

type Content = Y.Item['content'];
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
/** A shared type of a document (Yjs types it with `any` events). */
export type SharedType = ReturnType<Y.Doc['get']>;

/** Content an update adds to a type: under map key `key`, or into the sequence when `key` is null. */
export interface Insertion {
  parent: TypePath;
  key: string | null;
  content: Content;
  /** The update's item (its origin tells where it lands). */
  item: Y.Item;
  /** The update's item holding the parent type, when the update creates that type. */
  createdIn: Y.Item | null;
}

/** Content an update deletes: what it was and where it sits. */
export interface Deletion {
  parent: TypePath;
  key: string | null;
  content: Content;
  /** The deleted item: the document's, or the update's own. */
  item: Y.Item;
  /** How much of the content the update deletes (Yjs splits a partly deleted item). */
  length: number;
}

export interface UpdateEffect {
  insertions: Insertion[];
  deletions: Deletion[];
}

export type UpdateAnalysis =
  | {
      ok: true;
      update: Uint8Array;
      effect: UpdateEffect;
      /** The client ids under which the update adds structs beyond what the document holds. */
      extendedClients: number[];
    }
  | { ok: false; fault: StructureFault };

type UpdateStruct = Y.Item | Y.GC;

/** The parent of a new item: a root by name, a type the document has, or a type the update creates. */
type ParentRef =
  | { kind: 'root'; name: string }
  | { kind: 'existing'; type: SharedType }
  | { kind: 'new'; item: Y.Item };

/** Where Yjs puts an update's struct: nowhere (it becomes a GC struct) or into a type. */
type Target = { kind: 'gc' } | { kind: 'type'; parent: ParentRef; key: string | null };

const GC_TARGET: Target = { kind: 'gc' };

/** An empty update: merged with it, `Y.mergeUpdates` re-encodes a single update instead of returning it. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/**
 * Analyses `update` against `doc`. On success, `update` in the answer is the canonical
 * re-encoding that the caller must apply instead of the bytes it received.
 */
export function analyzeUpdate(doc: Y.Doc, received: Uint8Array): UpdateAnalysis {
  let update: Uint8Array;
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: DeleteSet };
  try {
    update = Y.mergeUpdates([received, EMPTY_UPDATE]);
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, fault: 'malformed' };
  }
  const analysis = new Analysis(doc);
  const fault = analysis.run(decoded.structs, decoded.ds);
  return fault
    ? { ok: false, fault }
    : { ok: true, update, effect: analysis.effect, extendedClients: analysis.extendedClients() };
}

class Analysis {
  readonly effect: UpdateEffect = { insertions: [], deletions: [] };
  /** The update's structs per client, in clock order (contiguous, checked). */
  private readonly byClient = new Map<number, UpdateStruct[]>();
  private readonly targets = new Map<UpdateStruct, Target>();
  private readonly paths = new Map<Y.Item, TypePath>();

  constructor(private readonly doc: Y.Doc) {}

  run(structs: (Y.Item | Y.GC | Y.Skip)[], ds: DeleteSet): StructureFault | null {
    for (const struct of structs) {
      if (struct instanceof Y.Skip) return 'skip';
      const list = this.byClient.get(struct.id.client);
      const last = list?.at(-1);
      if (last && last.id.clock + last.length !== struct.id.clock) return 'gap';
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
    for (const [client, list] of this.byClient) {
      if ((list[0]?.id.clock ?? 0) > this.state(client)) return 'gap';
    }
    const order = this.integrationOrder();
    if (typeof order === 'string') return order;
    for (const struct of order) this.resolve(struct);
    for (const struct of order) this.recordInsertion(struct);
    return this.recordDeletions(ds);
  }

  private state(client: number): number {
    return Y.getState(this.doc.store, client);
  }

  /** The clients whose structs in the update end beyond the document's state (before it applies). */
  extendedClients(): number[] {
    const clients: number[] = [];
    for (const [client, list] of this.byClient) {
      const last = list.at(-1);
      if (last && last.id.clock + last.length > this.state(client)) clients.push(client);
    }
    return clients;
  }

  /** The struct of the update holding `id`, if the update holds it beyond the document's state. */
  private inUpdate(id: Y.ID): UpdateStruct | undefined {
    if (id.clock < this.state(id.client)) return undefined;
    const index = this.indexInUpdate(id);
    const struct = this.byClient.get(id.client)?.[index];
    return struct && struct.id.clock <= id.clock && id.clock < struct.id.clock + struct.length
      ? struct
      : undefined;
  }

  /** The index, among the update's structs of `id.client`, of the first that ends after `id.clock`. */
  private indexInUpdate(id: Y.ID): number {
    const list = this.byClient.get(id.client) ?? [];
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const struct = list[middle] as UpdateStruct;
      if (struct.id.clock + struct.length <= id.clock) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The document's struct holding `id`, if the document has it. */
  private inDoc(id: Y.ID): Y.Item | Y.GC | undefined {
    if (id.clock >= this.state(id.client)) return undefined;
    const structs = this.doc.store.clients.get(id.client);
    if (!structs) return undefined;
    return structs[Y.findIndexSS(structs, id.clock)] as Y.Item | Y.GC;
  }

  /** The references Yjs resolves when it integrates `item`. */
  private static references(item: Y.Item): Y.ID[] {
    const references: Y.ID[] = [];
    if (item.origin) references.push(item.origin);
    if (item.rightOrigin) references.push(item.rightOrigin);
    if (item.parent instanceof Y.ID) references.push(item.parent);
    return references;
  }

  /**
   * The update's structs in an order in which each one's references come before it, or a
   * fault when a reference is unknown or the references form a cycle (Yjs would park them).
   */
  private integrationOrder(): UpdateStruct[] | StructureFault {
    const dependencies = new Map<UpdateStruct, UpdateStruct[]>();
    for (const list of this.byClient.values()) {
      list.forEach((struct, index) => {
        const before: UpdateStruct[] = index > 0 ? [list[index - 1] as UpdateStruct] : [];
        if (struct instanceof Y.Item) {
          for (const reference of Analysis.references(struct)) {
            if (reference.client === struct.id.client) {
              // Same client: Yjs looks it up without waiting, so it must come earlier.
              if (reference.clock >= struct.id.clock) return;
              continue;
            }
            if (reference.clock < this.state(reference.client)) continue;
            const holder = this.inUpdate(reference);
            if (!holder) {
              dependencies.set(struct, [struct]);
              return;
            }
            before.push(holder);
          }
        }
        dependencies.set(struct, before);
      });
    }
    // A struct with an unresolvable same-client or unknown reference was left out or made its
    // own dependency above; both are faults.
    for (const list of this.byClient.values()) {
      for (const struct of list) {
        const needs = dependencies.get(struct);
        if (!needs || needs.includes(struct)) return 'unknown-reference';
      }
    }
    const order: UpdateStruct[] = [];
    const state = new Map<UpdateStruct, 'open' | 'done'>();
    for (const start of dependencies.keys()) {
      if (state.has(start)) continue;
      const stack: { struct: UpdateStruct; next: number }[] = [{ struct: start, next: 0 }];
      state.set(start, 'open');
      while (stack.length > 0) {
        const frame = stack[stack.length - 1] as { struct: UpdateStruct; next: number };
        const needs = dependencies.get(frame.struct) ?? [];
        if (frame.next < needs.length) {
          const dependency = needs[frame.next++] as UpdateStruct;
          const seen = state.get(dependency);
          if (seen === 'open') return 'cycle';
          if (seen === undefined) {
            state.set(dependency, 'open');
            stack.push({ struct: dependency, next: 0 });
          }
        } else {
          state.set(frame.struct, 'done');
          order.push(frame.struct);
          stack.pop();
        }
      }
    }
    return order;
  }

  /** Whether Yjs would hold a GC struct at `id` once the update's structs before it integrated. */
  private isCollected(id: Y.ID): boolean {
    const struct = this.inDoc(id) ?? this.inUpdate(id);
    if (!struct) return true;
    if (struct instanceof Y.GC) return true;
    const target = this.targets.get(struct);
    return target?.kind === 'gc';
  }

  /** The parent and key of an integrated item or an update's item that Yjs integrates into a type. */
  private placeOf(id: Y.ID): { parent: ParentRef; key: string | null } | null {
    const inDoc = this.inDoc(id);
    if (inDoc) {
      if (!(inDoc instanceof Y.Item) || !(inDoc.parent instanceof Y.AbstractType)) return null;
      return { parent: { kind: 'existing', type: inDoc.parent }, key: inDoc.parentSub };
    }
    const struct = this.inUpdate(id);
    const target = struct && this.targets.get(struct);
    return target?.kind === 'type' ? { parent: target.parent, key: target.key } : null;
  }

  /** Mirrors `Item.getMissing` and `Item.integrate`: where Yjs puts `struct`. */
  private resolve(struct: UpdateStruct): void {
    if (!(struct instanceof Y.Item)) {
      this.targets.set(struct, GC_TARGET);
      return;
    }
    const { origin, rightOrigin } = struct;
    let target: Target = GC_TARGET;
    if ((origin && this.isCollected(origin)) || (rightOrigin && this.isCollected(rightOrigin))) {
      target = GC_TARGET;
    } else if (struct.parent === null) {
      const place = (origin && this.placeOf(origin)) || (rightOrigin && this.placeOf(rightOrigin));
      if (place) target = { kind: 'type', ...place };
    } else if (struct.parent instanceof Y.ID) {
      if (!this.isCollected(struct.parent)) {
        const inDoc = this.inDoc(struct.parent);
        if (inDoc instanceof Y.Item) {
          if (inDoc.content instanceof Y.ContentType) {
            target = {
              kind: 'type',
              parent: { kind: 'existing', type: inDoc.content.type },
              key: struct.parentSub,
            };
          }
        } else {
          const holder = this.inUpdate(struct.parent);
          if (holder instanceof Y.Item && holder.content instanceof Y.ContentType) {
            target = { kind: 'type', parent: { kind: 'new', item: holder }, key: struct.parentSub };
          }
        }
      }
    } else if (typeof struct.parent === 'string') {
      target = { kind: 'type', parent: { kind: 'root', name: struct.parent }, key: struct.parentSub };
    }
    this.targets.set(struct, target);
  }

  private pathOf(parent: ParentRef): TypePath {
    switch (parent.kind) {
      case 'root':
        return { root: parent.name, keys: [] };
      case 'existing':
        return existingPath(parent.type);
      case 'new': {
        const known = this.paths.get(parent.item);
        if (known) return known;
        const target = this.targets.get(parent.item);
        // Resolved before (integration order); a GC'd holder has no content to insert into.
        const path =
          target?.kind === 'type'
            ? (() => {
                const above = this.pathOf(target.parent);
                return { root: above.root, keys: [...above.keys, target.key] };
              })()
            : { root: '', keys: [] };
        this.paths.set(parent.item, path);
        return path;
      }
    }
  }

  private recordInsertion(struct: UpdateStruct): void {
    const target = this.targets.get(struct);
    if (!(struct instanceof Y.Item) || target?.kind !== 'type') return;
    const offset = this.state(struct.id.client) - struct.id.clock;
    // What the document has already changes nothing.
    if (offset >= struct.length) return;
    const content = offset > 0 ? struct.content.copy().splice(offset) : struct.content;
    this.effect.insertions.push({
      parent: this.pathOf(target.parent),
      key: target.key,
      content,
      item: struct,
      createdIn: target.parent.kind === 'new' ? target.parent.item : null,
    });
  }

  private recordDeletions(ds: DeleteSet): StructureFault | null {
    for (const [client, ranges] of ds.clients) {
      const state = this.state(client);
      const list = this.byClient.get(client);
      const last = list?.at(-1);
      const stateAfter = Math.max(state, last ? last.id.clock + last.length : 0);
      for (const { clock, len } of ranges) {
        const end = clock + len;
        if (end > stateAfter) return 'pending-delete';
        if (clock < state) {
          const structs = this.doc.store.clients.get(client) ?? [];
          for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
            const struct = structs[index] as Y.Item | Y.GC;
            if (struct.id.clock >= Math.min(end, state)) break;
            if (!(struct instanceof Y.Item) || struct.deleted) continue;
            if (!(struct.parent instanceof Y.AbstractType)) continue;
            this.effect.deletions.push({
              parent: existingPath(struct.parent),
              key: struct.parentSub,
              content: struct.content,
              item: struct,
              length: overlap(struct, clock, end),
            });
          }
        }
        if (end > state && list) {
          // From the update's struct holding the range's first new clock (a binary search: a
          // crafted update may hold many structs and many ranges).
          const first = this.indexInUpdate(Y.createID(client, Math.max(clock, state)));
          for (let index = first; index < list.length; index++) {
            const struct = list[index] as UpdateStruct;
            if (struct.id.clock >= end) break;
            const target = this.targets.get(struct);
            if (!(struct instanceof Y.Item) || target?.kind !== 'type') continue;
            this.effect.deletions.push({
              parent: this.pathOf(target.parent),
              key: target.key,
              content: struct.content,
              item: struct,
              length: overlap(struct, Math.max(clock, state), end),
            });
          }
        }
      }
    }
    return null;
  }
}

function overlap(struct: Y.Item, from: number, to: number): number {
  return Math.min(to, struct.id.clock + struct.length) - Math.max(from, struct.id.clock);
}

/** The path of a type the document holds, from its root down. */
export function existingPath(type: SharedType): TypePath {
  const keys: (string | null)[] = [];
  let current = type;
  while (current._item) {
    keys.push(current._item.parentSub);
    current = current._item.parent as SharedType;
  }
  return { root: Y.findRootTypeKey(current), keys: keys.reverse() };
}
