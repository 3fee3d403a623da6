/**
 * The history of one field or text of a document, rebuilt from the update log: every stored
 * update is replayed in order, and each one after which the field's value differs is an
 * entry (who stored it, when). Snapshots hold no authorship, but compaction keeps the log
 * rows, so the log alone is the whole history.
 *
 * Field paths (as in the contract): `assignments/<id>/<fieldName>` in `assignments:<year>`;
 * `indicatorOutcomes/<indicatorId>`, `itemStatuses/<itemKey>`, `budget/<field>` and the name of
 * a root text (`analysis:<itemKey>`, `actions:<itemKey>`) in a report.
 */
import { type DocumentRef, REPORT_META, reportItemKey, xmlToPlainText } from '@foljsam/domain';
import * as Y from 'yjs';
import type { LogEntry } from '../store/types';

/** A parsed field path. */
export type FieldPath =
  | { kind: 'assignment'; id: string; field: string }
  | { kind: 'map'; root: 'indicatorOutcomes' | 'itemStatuses' | 'budget'; key: string }
  | { kind: 'text'; name: string };

const ASSIGNMENT_FIELDS = new Set([
  'title',
  'description',
  'decisionRef',
  'startDate',
  'endDate',
  'departmentId',
  'responsiblePerson',
  'status',
  'progressNote',
]);
const BUDGET_FIELDS = new Set(['outcomeToDateTkr', 'forecastTkr']);
const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** Parses a field path for a document; null if it names nothing this document can hold. */
export function parseFieldPath(ref: DocumentRef, path: string): FieldPath | null {
  if (path.length > 200) return null;
  if (ref.kind === 'assignments') {
    const [root, id, field, ...rest] = path.split('/');
    if (
      root === 'assignments' &&
      id &&
      ID.test(id) &&
      field &&
      ASSIGNMENT_FIELDS.has(field) &&
      rest.length === 0
    ) {
      return { kind: 'assignment', id, field };
    }
    return null;
  }
  if (ref.kind !== 'report') return null;
  for (const prefix of ['analysis:', 'actions:']) {
    if (path.startsWith(prefix) && reportItemKey.safeParse(path.slice(prefix.length)).success) {
      return { kind: 'text', name: path };
    }
  }
  const [root, key, ...rest] = path.split('/');
  if (!key || rest.length > 0 || root === REPORT_META) return null;
  if (root === 'indicatorOutcomes' && ID.test(key)) return { kind: 'map', root, key };
  if (root === 'itemStatuses' && reportItemKey.safeParse(key).success) return { kind: 'map', root, key };
  if (root === 'budget' && BUDGET_FIELDS.has(key)) return { kind: 'map', root, key };
  return null;
}

/** The field's value in a document: plain JSON for fields; plain text and XML for texts. */
export interface FieldValue {
  value: unknown;
  html?: string;
}

export function readField(doc: Y.Doc, field: FieldPath): FieldValue {
  switch (field.kind) {
    case 'assignment': {
      const entity = doc.getMap<unknown>('assignments').get(field.id);
      return { value: entity instanceof Y.Map ? (entity.get(field.field) ?? null) : null };
    }
    case 'map':
      return { value: doc.getMap<unknown>(field.root).get(field.key) ?? null };
    case 'text': {
      const fragment = doc.getXmlFragment(field.name);
      return { value: xmlToPlainText(fragment), html: fragment.toString() };
    }
  }
}

export interface HistoryEntry extends FieldValue {
  seq: number;
  at: Date;
  userId: string;
}

/**
 * A replay of a document's log that records the entries of one field, oldest first. It can
 * start from the encoded state of an earlier replay (`state`, with `lastSeq`) and go on with
 * the rows after it, so a cached history only replays what was stored since.
 *
 * The field is read (and serialized to compare) only after an update that touched it, as told
 * by an observer: reading a long text after every row of a long log costs far more than
 * applying the rows.
 */
export class FieldReplay {
  readonly doc = new Y.Doc();
  readonly entries: HistoryEntry[];
  lastSeq: number;
  private previous: string;
  private touched = false;

  constructor(
    readonly field: FieldPath,
    from?: { state: Uint8Array; lastSeq: number; entries: readonly HistoryEntry[] },
  ) {
    const markTouched = () => {
      this.touched = true;
    };
    switch (field.kind) {
      case 'assignment':
        this.doc.getMap<unknown>('assignments').observeDeep((events) => {
          for (const event of events) {
            const own = event.path.length === 0 ? event.keys.has(field.id) : event.path[0] === field.id;
            if (own) this.touched = true;
          }
        });
        break;
      case 'map':
        this.doc.getMap<unknown>(field.root).observeDeep((events) => {
          for (const event of events) {
            const own = event.path.length === 0 ? event.keys.has(field.key) : event.path[0] === field.key;
            if (own) this.touched = true;
          }
        });
        break;
      case 'text':
        // Defining the text's type first also makes updates integrate into it as a fragment.
        this.doc.getXmlFragment(field.name).observeDeep(markTouched);
        break;
    }
    if (from) Y.applyUpdate(this.doc, from.state);
    this.entries = from ? [...from.entries] : [];
    this.lastSeq = from?.lastSeq ?? 0;
    this.previous = JSON.stringify(readField(this.doc, field));
    this.touched = false;
  }

  /** Applies the next stored update; records an entry if the field's value changed. */
  apply(entry: LogEntry): void {
    this.lastSeq = entry.seq;
    try {
      Y.applyUpdate(this.doc, entry.data);
    } catch {
      // Stored updates were validated when stored; one that does not apply changes nothing.
      return;
    }
    if (!this.touched) return;
    this.touched = false;
    const current = readField(this.doc, this.field);
    const serialized = JSON.stringify(current);
    if (serialized !== this.previous) {
      this.entries.push({ seq: entry.seq, at: entry.at, userId: entry.userId, ...current });
      this.previous = serialized;
    }
  }

  destroy(): void {
    this.doc.destroy();
  }
}
