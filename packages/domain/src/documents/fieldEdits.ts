/**
 * The field edit log: a root `Y.Array` "fieldEdits" in `assignments:<year>` and
 * `report:<YYYY-MM>:<dep>` documents, so a merge never overwrites a number, status or date
 * silently. See docs/documents.md.
 *
 * Yjs keeps one value when two people set the same map key while apart, and the other value
 * is gone. Every writer of such a field therefore also appends, in the same transaction, a
 * {@link FieldEdit}: the value written, who wrote it and when, and the ids of the edits of
 * that field the writer had seen as current (`parents`). The edits of one field form a DAG;
 * its heads are the edits no other edit names as a parent. Two heads with different values
 * mean the field was changed concurrently (ändrades samtidigt). The value the document holds
 * is Yjs's choice (the kept value); the other heads are the values that lost. Writing the field
 * again with all heads as parents (what every writer does, see {@link resolveFieldConflict} for
 * keeping the current value) leaves a single head and so resolves it for everyone.
 *
 * Field paths: `assignments/<assignmentId>/<fieldName>`, `indicatorOutcomes/<indicatorId>`,
 * `itemStatuses/<itemKey>`, `budget/<field>`: the same path as the map key they describe.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { parseOrThrow } from './errors';

const FIELD_EDITS = 'fieldEdits';

/** Who writes a change; the signed-in user's `username` and `displayName` (a session user fits). */
export const author = z.object({
  username: z.string().min(1).max(200),
  displayName: z.string().max(200),
});
export type Author = z.infer<typeof author>;

/** One write of one field, as stored in the `fieldEdits` array. */
export const fieldEdit = z.object({
  /** Random id, referenced by later edits' `parents`. */
  id: z.string().min(1).max(100),
  /** The field's path, e.g. `indicatorOutcomes/ind-heltid`. */
  field: z.string().min(1).max(500),
  /** The value written (JSON). */
  value: z.unknown(),
  /** Ids of the edits of this field that the writer saw as current; empty for the first. */
  parents: z.array(z.string()),
  /** The author's username. */
  by: z.string(),
  /** The author's display name when writing. */
  byName: z.string(),
  /** ISO time of the write, by the writer's clock. */
  at: z.string(),
});
export type FieldEdit = z.infer<typeof fieldEdit>;

/**
 * A field changed concurrently: the value the document holds and the edit that wrote it (absent
 * when the value was not written through a recording writer), and the heads whose values lost.
 */
export interface FieldConflict {
  field: string;
  kept: { value: unknown; edit?: FieldEdit };
  others: FieldEdit[];
  /** Every current head, the `parents` of a resolving edit. */
  heads: FieldEdit[];
}

const editsArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray(FIELD_EDITS);

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Every valid edit, in array order; entries that do not validate (a newer client's) are skipped. */
export function readFieldEdits(doc: Y.Doc, fieldPrefix?: string): FieldEdit[] {
  const edits: FieldEdit[] = [];
  for (const entry of editsArray(doc).toArray()) {
    const parsed = fieldEdit.safeParse(entry);
    if (!parsed.success) continue;
    if (fieldPrefix !== undefined && !parsed.data.field.startsWith(fieldPrefix)) continue;
    edits.push(parsed.data);
  }
  return edits;
}

/** Heads of every field that has edits: the edits that no other edit of the field names as a parent. */
function headsByField(edits: readonly FieldEdit[]): Map<string, FieldEdit[]> {
  const superseded = new Set<string>();
  for (const edit of edits) for (const parent of edit.parents) superseded.add(`${edit.field}\u0000${parent}`);
  const heads = new Map<string, FieldEdit[]>();
  const seen = new Set<string>();
  for (const edit of edits) {
    // An id written twice (a replayed update) counts once.
    if (seen.has(edit.id) || superseded.has(`${edit.field}\u0000${edit.id}`)) continue;
    seen.add(edit.id);
    const list = heads.get(edit.field) ?? [];
    list.push(edit);
    heads.set(edit.field, list);
  }
  return heads;
}

/** The current heads of one field (empty when it has no recorded edits). */
export function fieldHeads(doc: Y.Doc, field: string): FieldEdit[] {
  return headsByField(readFieldEdits(doc).filter((edit) => edit.field === field)).get(field) ?? [];
}

function conflictOf(field: string, heads: FieldEdit[], current: unknown): FieldConflict | null {
  // Heads that all wrote the same value lost nothing: no conflict.
  if (heads.length < 2 || heads.every((head) => sameValue(head.value, heads[0]?.value))) return null;
  const keptEdit = heads.filter((head) => sameValue(head.value, current)).sort(newestFirst)[0];
  const others = heads.filter((head) => !sameValue(head.value, current)).sort(newestFirst);
  return { field, kept: keptEdit ? { value: current, edit: keptEdit } : { value: current }, others, heads };
}

const newestFirst = (a: FieldEdit, b: FieldEdit) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id);

/**
 * Every field under `fieldPrefix` that was changed concurrently. `currentValue` reads the value
 * the document holds for a field path (the layout helpers know where each path lives).
 */
export function detectFieldConflicts(
  doc: Y.Doc,
  currentValue: (field: string) => unknown,
  fieldPrefix?: string,
): FieldConflict[] {
  const conflicts: FieldConflict[] = [];
  for (const [field, heads] of headsByField(readFieldEdits(doc, fieldPrefix))) {
    const conflict = conflictOf(field, heads, currentValue(field));
    if (conflict) conflicts.push(conflict);
  }
  return conflicts.sort((a, b) => a.field.localeCompare(b.field));
}

/**
 * A random id for an edit (128 bits, hex); ids only need to be unique, never ordered.
 * `getRandomValues` rather than `randomUUID`, which browsers offer only in secure contexts.
 */
function newEditId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Appends an edit of `field` with the current heads as parents. Call it inside the transaction
 * that writes the value, so the edit and the value always travel together.
 */
export function recordFieldEdit(
  doc: Y.Doc,
  field: string,
  value: unknown,
  by: Author,
  at: Date = new Date(),
): FieldEdit {
  const who = parseOrThrow(author, by);
  const edit: FieldEdit = parseOrThrow(fieldEdit, {
    id: newEditId(),
    field,
    value: value === undefined ? null : value,
    parents: fieldHeads(doc, field).map((head) => head.id),
    by: who.username,
    byName: who.displayName,
    at: at.toISOString(),
  });
  editsArray(doc).push([edit]);
  return edit;
}

/**
 * Resolves a concurrent change by keeping `value`: `write` sets the value through the layout's
 * strict writer when it differs from the current one, and an edit with every head as parent is
 * recorded even when the value stays, which is what removes the flag for everyone. The layout
 * helpers (`resolveReportConflict`, `resolveAssignmentConflict`) wrap this.
 */
export function resolveFieldConflict(
  doc: Y.Doc,
  field: string,
  value: unknown,
  by: Author,
  write: () => void,
  at: Date = new Date(),
): void {
  doc.transact(() => {
    write();
    // The writer records an edit only when the value changed; when it did, that edit already
    // has every head as its parent and the conflict is gone.
    const heads = fieldHeads(doc, field);
    if (heads.length > 1 || !heads.some((head) => sameValue(head.value, value))) {
      recordFieldEdit(doc, field, value, by, at);
    }
  });
}

/** Calls `listener` after every change to the edit log. */
export function observeFieldEdits(doc: Y.Doc, listener: () => void): () => void {
  const edits = editsArray(doc);
  const handler = () => listener();
  edits.observe(handler);
  return () => edits.unobserve(handler);
}
