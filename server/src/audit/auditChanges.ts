/**
 * Which fields each stored document update changed, with the old and new value: the audit
 * log's view of the update log. A document's log is replayed in order (like a field's history,
 * history/fieldHistory.ts) into two documents, one a step behind the other: the domain's
 * `changedFields` names what an update changed, `locateField`/`readFieldAt` read the value
 * before and after. Results are cached per document and continued from the cached state, so a
 * later request replays only what was stored since.
 */
import {
  ASSIGNMENT_ROOTS,
  type AuditChangeKind,
  changedFields,
  type DocumentRef,
  locateField,
  PLAN_COLLECTIONS,
  PLAN_ROOTS,
  parseDocumentName,
  REPORT_ROOTS,
  readFieldAt,
  WHOLE_DOCUMENT_FIELD,
} from '@foljsam/domain';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import * as Y from 'yjs';
import type { DocumentStore } from '../store/types';

/** One field an update changed. */
export interface FieldChange {
  /** The field path; null when the update named no field (bookkeeping only) or many at once. */
  field: string | null;
  change?: AuditChangeKind;
  oldValue?: unknown;
  newValue?: unknown;
  fieldCount?: number;
}

/** More fields than this in one update (a seed, an import, a new plan) make one summary row. */
export const MAX_FIELDS_PER_UPDATE = 20;

const PAGE_ROWS = 500;

interface CachedChanges {
  lastSeq: number;
  /** The document after `lastSeq`. */
  state: Uint8Array;
  bySeq: Map<number, FieldChange[]>;
}

/** A value as JSON: Yjs types as their JSON. */
const plain = (value: unknown): unknown =>
  value instanceof Y.AbstractType ? (value.toJSON() as unknown) : (value ?? null);

/**
 * The root maps a document of `ref`'s kind has. They are defined before any update is applied,
 * so changes integrate as maps and `changedFields` names their keys (an undefined root would
 * integrate as a bare type, named only as a whole).
 */
function defineRootMaps(doc: Y.Doc, ref: DocumentRef | null): void {
  const roots =
    ref?.kind === 'report'
      ? [REPORT_ROOTS.meta, REPORT_ROOTS.indicatorOutcomes, REPORT_ROOTS.itemStatuses, REPORT_ROOTS.budget]
      : ref?.kind === 'assignments'
        ? [ASSIGNMENT_ROOTS.assignments]
        : ref?.kind === 'plan'
          ? [PLAN_ROOTS.meta, ...Object.keys(PLAN_COLLECTIONS)]
          : [];
  for (const root of roots) doc.getMap(root);
}

/** The changes of one update, given the documents before and after it. */
export function describeChanges(
  ref: DocumentRef,
  fields: readonly string[],
  before: Y.Doc,
  after: Y.Doc,
): FieldChange[] {
  if (fields.length === 0 || (fields.length === 1 && fields[0] === WHOLE_DOCUMENT_FIELD))
    return [{ field: null }];
  if (fields.length > MAX_FIELDS_PER_UPDATE)
    return [{ field: null, change: 'many', fieldCount: fields.length }];
  return fields.map((field): FieldChange => {
    const location = locateField(ref, field);
    if (location?.kind === 'text') return { field, change: 'text' };
    if (location) {
      const oldValue = readFieldAt(before, location).value;
      const newValue = readFieldAt(after, location).value;
      return { field, change: 'set', oldValue: plain(oldValue), newValue: plain(newValue) };
    }
    // Not a field of its own: an entity added to or removed from a collection, or a key the
    // server writes (a report's meta).
    const [root, key, ...rest] = field.split('/');
    if (!root || !key || rest.length > 0) return { field };
    const was = before.getMap<unknown>(root).get(key);
    const now = after.getMap<unknown>(root).get(key);
    if (now instanceof Y.Map && !(was instanceof Y.Map)) return { field, change: 'created' };
    if (was instanceof Y.Map && now === undefined) return { field, change: 'deleted' };
    if (was instanceof Y.AbstractType || now instanceof Y.AbstractType) return { field };
    return { field, change: 'set', oldValue: plain(was), newValue: plain(now) };
  });
}

/** The field changes of stored updates, per document, replayed at most two at a time. */
export class AuditChanges {
  private readonly slots = pLimit(2);
  private readonly running = new Map<string, Promise<CachedChanges>>();
  private readonly cache = new LRUCache<string, CachedChanges>({ max: 200 });

  constructor(private readonly store: DocumentStore) {}

  /** The changes of every update of `docName` up to at least `seq`, by sequence number. */
  async upTo(docName: string, seq: number): Promise<Map<number, FieldChange[]>> {
    const cached = this.cache.get(docName);
    if (cached && cached.lastSeq >= seq) return cached.bySeq;
    let run = this.running.get(docName);
    if (!run) {
      run = this.slots(() => this.replay(docName)).finally(() => this.running.delete(docName));
      this.running.set(docName, run);
    }
    return (await run).bySeq;
  }

  private async replay(docName: string): Promise<CachedChanges> {
    const ref = parseDocumentName(docName);
    const cached = this.cache.get(docName);
    const bySeq = new Map(cached?.bySeq ?? []);
    const before = new Y.Doc();
    const after = new Y.Doc();
    let lastSeq = cached?.lastSeq ?? 0;
    defineRootMaps(before, ref);
    defineRootMaps(after, ref);
    try {
      if (cached) {
        Y.applyUpdate(before, cached.state);
        Y.applyUpdate(after, cached.state);
      }
      let fields: string[] = [];
      after.on('afterTransaction', (transaction: Y.Transaction) => {
        fields = changedFields(transaction);
      });
      for (;;) {
        const page = await this.store.loadLogPage(docName, lastSeq, PAGE_ROWS);
        for (const entry of page) {
          lastSeq = entry.seq;
          fields = [];
          try {
            Y.applyUpdate(after, entry.data);
          } catch {
            // Stored updates were validated when stored; one that does not apply changes nothing.
            bySeq.set(entry.seq, [{ field: null }]);
            continue;
          }
          // `before` is still the document before this update: read the old values, then catch up.
          bySeq.set(entry.seq, ref ? describeChanges(ref, fields, before, after) : [{ field: null }]);
          Y.applyUpdate(before, entry.data);
        }
        if (page.length < PAGE_ROWS) break;
      }
      const result = { lastSeq, state: Y.encodeStateAsUpdate(after), bySeq };
      this.cache.set(docName, result);
      return result;
    } finally {
      before.destroy();
      after.destroy();
    }
  }
}
