/**
 * The check of each change a client sends, for the rights that depend on what the change
 * touches and on the document's state (see auth/permissions.ts):
 *
 * - a report: refused while it is approved (godkänd); a change that touches its `meta` map is
 *   always refused (only the workflow endpoints write it). Reports can be large, so this looks
 *   only at which root types the update touches ({@link rootsTouched}), without copying the doc.
 * - assignments in the "progress" scope (a department head): the update is applied to a copy
 *   of the document (small) and every changed shared type is inspected: only `status` and
 *   `progressNote` of the department's own assignments, plus appends to `statusHistory` and
 *   `fieldEdits` about those fields.
 *
 * Everything else a connection with scope "all" sends needs no check (the fast path).
 */
import { type DocumentRef, REPORT_META, readReportStatus } from '@foljsam/domain';
import * as Y from 'yjs';
import type { WriteScope } from '../auth/permissions';
import type { User } from '../store/types';

type Transaction = Y.Transaction;

export type ChangeVerdict = { ok: true } | { ok: false; reason: string };

const OK: ChangeVerdict = { ok: true };
const refuse = (reason: string): ChangeVerdict => ({ ok: false, reason: `read-only: ${reason}` });

export const REFUSAL = {
  noWrite: 'you may not change this document',
  approved: 'the report is approved (godkänd); it must be reopened before it can change',
  meta: "the report's status changes only through the workflow",
  progress: "a department head changes only status and progress note of their own department's assignments",
  unknown: 'the change depends on changes the server does not have',
} as const;

/** Whether changes to this document, in this scope, need {@link checkChange} at all. */
export function needsCheck(ref: DocumentRef, scope: WriteScope): boolean {
  return scope !== 'all' || ref.kind === 'report';
}

/** Decides whether `update` from `user` (with `scope` on the document) may be applied to `doc`. */
export function checkChange(
  doc: Y.Doc,
  ref: DocumentRef,
  user: User,
  scope: WriteScope,
  update: Uint8Array,
): ChangeVerdict {
  if (scope === 'none') return refuse(REFUSAL.noWrite);
  if (ref.kind === 'report') {
    if (readReportStatus(doc) === 'godkand') return refuse(REFUSAL.approved);
    const roots = rootsTouched(doc, update);
    if (roots === null) return refuse(REFUSAL.unknown);
    if (roots.has(REPORT_META)) return refuse(REFUSAL.meta);
    return OK;
  }
  if (scope === 'progress') {
    return ref.kind === 'assignments' ? checkProgressChange(doc, user, update) : refuse(REFUSAL.noWrite);
  }
  return OK;
}

// --- reports: which root types an update touches -------------------------------------------

type AnyStruct = Y.Item | Y.GC | Y.Skip;

/** The root type an integrated type belongs to. */
function rootNameOf(type: Y.AbstractType<unknown>): string {
  let current = type;
  while (current._item) current = current._item.parent as Y.AbstractType<unknown>;
  return Y.findRootTypeKey(current);
}

/** The struct of `doc` holding `id`, if the doc has it. */
function findInDoc(doc: Y.Doc, id: Y.ID): AnyStruct | undefined {
  const structs = doc.store.clients.get(id.client);
  if (!structs || id.clock >= Y.getState(doc.store, id.client)) return undefined;
  return structs[Y.findIndexSS(structs, id.clock)];
}

/**
 * The names of the root types an update would change (insertions and deletions), found by
 * decoding it and resolving each new item's parent (directly, or through its origin, which is
 * either in the document or earlier in the update). Null when some part cannot be resolved
 * (it depends on something the server does not have): such an update is refused, as it would
 * otherwise wait in the document and apply later, unchecked.
 */
export function rootsTouched(doc: Y.Doc, update: Uint8Array): Set<string> | null {
  const { structs, ds } = Y.decodeUpdate(update);
  const byClient = new Map<number, AnyStruct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const findInUpdate = (id: Y.ID): AnyStruct | undefined =>
    byClient
      .get(id.client)
      ?.find((struct) => struct.id.clock <= id.clock && id.clock < struct.id.clock + struct.length);

  const resolved = new Map<AnyStruct, string | null | undefined>();
  /** Root of a struct: a name; null for content without a parent (GC); undefined if unknown. */
  const rootOf = (struct: AnyStruct, depth = 0): string | null | undefined => {
    if (!(struct instanceof Y.Item)) return null;
    if (resolved.has(struct)) return resolved.get(struct);
    // An item that is already part of the document has an integrated parent.
    if (struct.parent instanceof Y.AbstractType) return rootNameOf(struct.parent);
    if (depth > 10_000) return undefined;
    let root: string | null | undefined;
    const parent = struct.parent as string | Y.ID | null;
    if (typeof parent === 'string') root = parent;
    else {
      const reference = parent ?? struct.origin ?? struct.rightOrigin;
      if (!reference) root = undefined;
      else {
        const inDoc = findInDoc(doc, reference);
        const found = inDoc ?? findInUpdate(reference);
        root = found ? rootOf(found, depth + 1) : undefined;
      }
    }
    resolved.set(struct, root);
    return root;
  };

  const roots = new Set<string>();
  const add = (root: string | null | undefined): boolean => {
    if (root === undefined) return false;
    if (root !== null) roots.add(root);
    return true;
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Content the document already has (a client resending what it knows) changes nothing.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    if (!add(rootOf(struct))) return null;
  }
  for (const [client, deletions] of ds.clients) {
    const known = doc.store.clients.get(client) ?? [];
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of deletions) {
      const end = clock + len;
      if (clock < state) {
        for (let index = Y.findIndexSS(known, clock); index < known.length; index++) {
          const struct = known[index] as AnyStruct;
          if (struct.id.clock >= end) break;
          if (struct instanceof Y.Item && !struct.deleted) add(rootOf(struct));
        }
      }
      if (end > state) {
        // Deletes of items the document lacks: they must be in the update itself.
        const own = byClient.get(client) ?? [];
        const covered = own.filter((s) => s.id.clock < end && s.id.clock + s.length > Math.max(clock, state));
        const coveredLength = covered.reduce(
          (sum, s) => sum + Math.min(end, s.id.clock + s.length) - Math.max(clock, state, s.id.clock),
          0,
        );
        if (coveredLength < end - Math.max(clock, state)) return null;
        for (const struct of covered) if (!add(rootOf(struct))) return null;
      }
    }
  }
  return roots;
}

// --- assignments in the progress scope -----------------------------------------------------

const ASSIGNMENTS = 'assignments';
const STATUS_HISTORY = 'statusHistory';
/** Root array of concurrent-change records (added in branch h-merges): `{ id, field, value, ... }`. */
const FIELD_EDITS = 'fieldEdits';
const PROGRESS_FIELDS = new Set(['status', 'progressNote']);

function ownAssignmentIds(doc: Y.Doc, departmentId: string | null): Set<string> {
  const ids = new Set<string>();
  if (!departmentId) return ids;
  for (const [id, entity] of doc.getMap<Y.Map<unknown>>(ASSIGNMENTS).entries()) {
    if (entity instanceof Y.Map && entity.get('departmentId') === departmentId) ids.add(id);
  }
  return ids;
}

/**
 * Entries added to a root array, or null if any earlier entry changed or went. Added entries
 * need not come last: an entry written while apart lands among the entries others appended
 * meanwhile (Yjs orders concurrent inserts by client), so the old entries must only still be
 * there, in order.
 */
function appended(before: Y.Array<unknown>, after: Y.Array<unknown>): unknown[] | null {
  const old = before.toJSON().map((entry) => JSON.stringify(entry));
  const added: unknown[] = [];
  let matched = 0;
  for (const entry of after.toJSON()) {
    if (matched < old.length && JSON.stringify(entry) === old[matched]) matched++;
    else added.push(entry);
  }
  return matched === old.length ? added : null;
}

function checkProgressChange(doc: Y.Doc, user: User, update: Uint8Array): ChangeVerdict {
  const own = ownAssignmentIds(doc, user.departmentId);
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    let changed: Transaction['changed'] = new Map();
    copy.on('afterTransaction', (transaction: Y.Transaction) => {
      changed = transaction.changed;
    });
    Y.applyUpdate(copy, update);
    if (copy.store.pendingStructs || copy.store.pendingDs) return refuse(REFUSAL.unknown);
    for (const [type, keys] of changed) {
      const item = type._item;
      const parent = item?.parent as Y.AbstractType<unknown> | undefined;
      if (item && parent && !parent._item && Y.findRootTypeKey(parent) === ASSIGNMENTS) {
        // Fields of one assignment.
        const id = item.parentSub;
        if (!id || !own.has(id)) return refuse(REFUSAL.progress);
        for (const key of keys)
          if (key === null || !PROGRESS_FIELDS.has(key)) return refuse(REFUSAL.progress);
        continue;
      }
      if (item) return refuse(REFUSAL.progress);
      const root = Y.findRootTypeKey(type);
      if (root === STATUS_HISTORY || root === FIELD_EDITS) {
        const entries = appended(doc.getArray(root), copy.getArray(root));
        if (!entries) return refuse(REFUSAL.progress);
        for (const entry of entries) {
          if (!isOwnProgressEntry(root, entry, own)) return refuse(REFUSAL.progress);
        }
        continue;
      }
      // The assignments map itself (creating, deleting or replacing one) or anything else.
      return refuse(REFUSAL.progress);
    }
    return OK;
  } finally {
    copy.destroy();
  }
}

function isOwnProgressEntry(root: string, entry: unknown, own: Set<string>): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  if (root === STATUS_HISTORY) {
    const id = (entry as { assignmentId?: unknown }).assignmentId;
    return typeof id === 'string' && own.has(id);
  }
  const field = (entry as { field?: unknown }).field;
  if (typeof field !== 'string') return false;
  const [kind, id, name, ...rest] = field.split('/');
  return (
    kind === ASSIGNMENTS &&
    id !== undefined &&
    own.has(id) &&
    PROGRESS_FIELDS.has(name ?? '') &&
    rest.length === 0
  );
}
