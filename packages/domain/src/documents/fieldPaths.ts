/**
 * The fields of a document that have a history (who changed them, when, to what) and can be
 * restored, named by the same paths as the field edit log (fieldEdits.ts), and where each one
 * lives in the document. The server's history replay and restore go through these, so which
 * paths exist and which root and key hold them is said only here.
 *
 * - `assignments:<year>`: `assignments/<id>/<fieldName>`.
 * - `report:<YYYY-MM>:<dep>`: `indicatorOutcomes/<indicatorId>`, `itemStatuses/<itemKey>`,
 *   `budget/<field>`, and a rich text by its root's name (`analysis:<itemKey>`, `actions:<itemKey>`).
 * - `plan:<year>`: `meta/<key>` (the texts the plan editor writes) and
 *   `<collection>/<id>/<fieldName>` (e.g. `goals/<id>/title`, `indicators/<id>/targetPath`).
 */

import * as Y from 'yjs';
import { entityId, progressStatus } from '../model';
import { assignmentField, setAssignmentStatus } from './assignments';
import { BOARD_SUMMARY_ROOT } from './boardSummary';
import { InvalidChangeError } from './errors';
import type { Author } from './fieldEdits';
import { recordFieldEdit } from './fieldEdits';
import type { DocumentRef } from './names';
import {
  isPlanCollection,
  PLAN_POSITION_KEY,
  PLAN_ROOTS,
  type PlanEditableMetaKey,
  planEntityFieldValue,
  setPlanMeta,
  updatePlanEntity,
} from './planAuthoring';
import { xmlToPlainText } from './report';
import {
  ASSIGNMENT_ROOTS,
  assignmentFieldValue,
  isReportTextRoot,
  planMetaValue,
  REPORT_ROOTS,
  reportMapValue,
} from './writeRules';

/** Where a field lives: a field of an entity in a root entity map, a key of a root map, or a root text. */
export type FieldLocation =
  | { kind: 'entity'; root: string; id: string; key: string }
  | { kind: 'map'; root: string; key: string }
  | { kind: 'text'; root: string };

/** Longest field path the history accepts. */
export const MAX_FIELD_PATH_LENGTH = 200;

/** Where field `path` of a `ref` document lives; null if it names nothing such a document can hold. */
export function locateField(ref: DocumentRef, path: string): FieldLocation | null {
  if (path.length > MAX_FIELD_PATH_LENGTH) return null;
  const parts = path.split('/');
  switch (ref.kind) {
    case 'assignments': {
      const [root, id, key, ...rest] = parts;
      if (root !== ASSIGNMENT_ROOTS.assignments || !id || !key || rest.length > 0) return null;
      if (!entityId.safeParse(id).success || !isEntityField(key, assignmentFieldValue(key))) return null;
      return { kind: 'entity', root, id, key };
    }
    case 'report': {
      if (isReportTextRoot(path)) return { kind: 'text', root: path };
      const [root, key, ...rest] = parts;
      if (!root || !key || rest.length > 0 || root === REPORT_ROOTS.meta) return null;
      return reportMapValue(root, key) ? { kind: 'map', root, key } : null;
    }
    case 'boardSummary':
      return path === BOARD_SUMMARY_ROOT ? { kind: 'text', root: path } : null;
    case 'plan': {
      if (parts[0] === PLAN_ROOTS.meta) {
        const [root, key, ...rest] = parts;
        return key && rest.length === 0 && planMetaValue(key) ? { kind: 'map', root, key } : null;
      }
      const [root, id, key, ...rest] = parts;
      if (!root || !id || !key || rest.length > 0 || !isPlanCollection(root)) return null;
      if (!entityId.safeParse(id).success || !isEntityField(key, planEntityFieldValue(root, key)))
        return null;
      return { kind: 'entity', root, id, key };
    }
  }
}

/** A field a person writes: a known field, not the id (the map key) nor the position. */
const isEntityField = (key: string, schema: unknown): boolean =>
  schema !== null && key !== 'id' && key !== PLAN_POSITION_KEY;

/** A field's value: plain JSON for fields (null when absent); plain text and its XML for texts. */
export interface FieldValue {
  value: unknown;
  html?: string;
}

/** The value of the field at `location` in `doc`. */
export function readFieldAt(doc: Y.Doc, location: FieldLocation): FieldValue {
  switch (location.kind) {
    case 'entity': {
      const entity = doc.getMap<unknown>(location.root).get(location.id);
      return { value: entity instanceof Y.Map ? (entity.get(location.key) ?? null) : null };
    }
    case 'map':
      return { value: doc.getMap<unknown>(location.root).get(location.key) ?? null };
    case 'text': {
      const fragment = doc.getXmlFragment(location.root);
      return { value: xmlToPlainText(fragment), html: fragment.toString() };
    }
  }
}

/**
 * Calls `touched` after each transaction that changes the part of `doc` the field lives in (its
 * entity, its key, its text). Defines the field's root type first, so updates applied later
 * integrate into it with the right type (a text as a fragment). Returns the unsubscribe.
 */
export function observeFieldAt(doc: Y.Doc, location: FieldLocation, touched: () => void): () => void {
  if (location.kind === 'text') {
    const fragment = doc.getXmlFragment(location.root);
    fragment.observeDeep(touched);
    return () => fragment.unobserveDeep(touched);
  }
  const key = location.kind === 'entity' ? location.id : location.key;
  const map = doc.getMap<unknown>(location.root);
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const own = events.some((event) =>
      event.path.length === 0 ? event.keys.has(key) : event.path[0] === key,
    );
    if (own) touched();
  };
  map.observeDeep(handler);
  return () => map.unobserveDeep(handler);
}

/** Who restores a field, and for an adopted plan why (the revision's reason). */
export interface FieldRestore {
  author: Author;
  reason?: string;
  /** The document as it was at the restored point, for a text (copied over node by node). */
  source: Y.Doc;
}

/**
 * Writes `value` (as {@link readFieldAt} read it from `restore.source`) into the field at
 * `location` of `doc`, as a new change by `restore.author`: history is never rewritten. The
 * write is recorded like any other, so a concurrent change is flagged against it. Throws
 * {@link InvalidChangeError} when the document no longer allows it (a deleted entity, a value
 * the field does not take, an adopted plan without a reason).
 */
export function restoreFieldAt(
  doc: Y.Doc,
  ref: DocumentRef,
  location: FieldLocation,
  value: unknown,
  restore: FieldRestore,
): void {
  const { author } = restore;
  if (ref.kind === 'plan') {
    const edit = { author, ...(restore.reason === undefined ? {} : { reason: restore.reason }) };
    if (location.kind === 'map') setPlanMeta(doc, location.key as PlanEditableMetaKey, value as never, edit);
    else if (location.kind === 'entity' && isPlanCollection(location.root)) {
      if (!doc.getMap(location.root).has(location.id))
        throw new InvalidChangeError('the entity no longer exists');
      updatePlanEntity(doc, location.root, location.id, { [location.key]: value }, edit);
    } else throw new InvalidChangeError('not a field of the plan');
    return;
  }
  switch (location.kind) {
    case 'entity': {
      const entity = doc.getMap<unknown>(location.root).get(location.id);
      if (!(entity instanceof Y.Map)) throw new InvalidChangeError('the assignment no longer exists');
      const status = progressStatus.safeParse(value);
      if (location.key === 'status' && status.success) {
        // Also appends to the status history and the field edit log.
        setAssignmentStatus(doc, location.id, status.data, author);
        return;
      }
      doc.transact(() => {
        if (value === null) entity.delete(location.key);
        else entity.set(location.key, value);
        recordFieldEdit(doc, assignmentField(location.id, location.key), value, author);
      });
      return;
    }
    case 'map': {
      const map = doc.getMap<unknown>(location.root);
      doc.transact(() => {
        if (value === null && location.root === REPORT_ROOTS.itemStatuses) map.delete(location.key);
        else map.set(location.key, value);
        recordFieldEdit(doc, `${location.root}/${location.key}`, value, author);
      });
      return;
    }
    case 'text': {
      const target = doc.getXmlFragment(location.root);
      const old = restore.source.getXmlFragment(location.root);
      doc.transact(() => {
        target.delete(0, target.length);
        target.insert(
          0,
          old.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone()),
        );
      });
      return;
    }
  }
}
