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
 * Replays the log and returns one entry per update after which the field differs, oldest
 * first. `untilSeq` stops the replay there (for a restore); the returned replay doc then holds
 * the state right after it (the caller destroys it).
 */
export function replayField(log: readonly LogEntry[], field: FieldPath, untilSeq = Number.POSITIVE_INFINITY) {
  const doc = new Y.Doc();
  // Defining the text's type first makes updates integrate into it as a fragment.
  if (field.kind === 'text') doc.getXmlFragment(field.name);
  const entries: HistoryEntry[] = [];
  let previous = JSON.stringify(readField(doc, field));
  for (const entry of log) {
    if (entry.seq > untilSeq) break;
    try {
      Y.applyUpdate(doc, entry.data);
    } catch {
      // Stored updates were validated when stored; one that does not apply changes nothing.
      continue;
    }
    const current = readField(doc, field);
    const serialized = JSON.stringify(current);
    if (serialized !== previous) {
      entries.push({ seq: entry.seq, at: entry.at, userId: entry.userId, ...current });
      previous = serialized;
    }
  }
  return { entries, doc };
}
