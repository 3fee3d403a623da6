/**
 * Which fields of a document a Yjs transaction changed (ändrade fält), in the domain's words:
 * `indicatorOutcomes/<indicatorId>`, `assignments/<assignmentId>/status`, `analysis:<itemKey>`.
 * The sync bar counts changes waiting for the server by field, not by keystroke: typing a
 * sentence into one analysis is one change, however many transactions it took, and the count
 * is the same after a reload because the fields are stored with each change.
 *
 * A field is the path of map keys from a root down to the first value that is not a map (a
 * number, a text, a list); edits deeper inside that value (a paragraph of a rich text) belong
 * to it. The history logs written alongside a field (`fieldEdits`, `statusHistory`) are
 * bookkeeping, not fields of their own.
 */
import * as Y from 'yjs';
import { ASSIGNMENT_ROOTS, REPORT_ROOTS } from './writeRules';

// biome-ignore lint/suspicious/noExplicitAny: Yjs types its shared types by their event type.
type AnyType = Y.AbstractType<any>;

/** Roots that only record history of other fields. */
const BOOKKEEPING_ROOTS: ReadonlySet<string> = new Set([
  REPORT_ROOTS.fieldEdits,
  ASSIGNMENT_ROOTS.statusHistory,
]);

/** The field a change stands for when it touched no field (e.g. only bookkeeping). */
export const WHOLE_DOCUMENT_FIELD = '*';

/** The fields `transaction` changed, sorted; `[WHOLE_DOCUMENT_FIELD]` when none can be named. */
export function changedFields(transaction: Y.Transaction): string[] {
  const rootNames = new Map<AnyType, string>();
  for (const [name, type] of transaction.doc.share) rootNames.set(type, name);
  const fields = new Set<string>();
  for (const [type, keys] of transaction.changed) {
    const path = mapPath(type, rootNames);
    if (!path || BOOKKEEPING_ROOTS.has(path[0] as string)) continue;
    // Keys changed on a map one level below a field's own path are fields; content changes
    // (a null key) or anything below the first non-map belong to the path itself.
    if (path.complete && type instanceof Y.Map) {
      for (const key of keys) fields.add(key === null ? path.join('/') : [...path, key].join('/'));
    } else {
      fields.add(path.join('/'));
    }
  }
  return fields.size > 0 ? [...fields].sort() : [WHOLE_DOCUMENT_FIELD];
}

type Path = string[] & { complete?: boolean };

/**
 * The map keys from the root to `type`, cut at the first step that is not a map key (an
 * element of a list or of a rich text): then `complete` is false and the path names the
 * value that contains `type`.
 */
function mapPath(type: AnyType, rootNames: Map<AnyType, string>): Path | null {
  const steps: (string | null)[] = [];
  let current: AnyType = type;
  while (current._item) {
    const item: Y.Item = current._item;
    steps.unshift(item.parentSub);
    current = item.parent as AnyType;
  }
  const root = rootNames.get(current);
  if (root === undefined) return null;
  const path: Path = [root];
  path.complete = true;
  for (const step of steps) {
    if (step === null) {
      path.complete = false;
      break;
    }
    path.push(step);
  }
  return path;
}
