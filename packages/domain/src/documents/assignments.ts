/**
 * Layout of the `assignments:<year>` document: the council's assignments (uppdrag från
 * fullmäktige) of one year and their status history. See docs/documents.md.
 *
 * - root `Y.Map` "assignments": assignment id → `Y.Map` with one key per field of
 *   {@link CouncilAssignment} (except `id`), plus `_position`.
 * - root `Y.Array` "statusHistory": {@link StatusChange} entries, appended in the same
 *   transaction as the status change they record.
 * - root `Y.Array` "fieldEdits": one {@link FieldEdit} per changed field, path
 *   `assignments/<assignmentId>/<fieldName>`, so concurrent changes are flagged (fieldEdits.ts).
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import {
  type CouncilAssignment,
  councilAssignment,
  isoDate,
  type ProgressStatus,
  progressStatus,
} from '../model';
import { type EntityMap, insertEntity, nextPosition, patchEntity, readEntities } from './entityMap';
import { InvalidChangeError, parseOrThrow } from './errors';
import {
  type Author,
  detectFieldConflicts,
  type FieldConflict,
  observeFieldEdits,
  recordFieldEdit,
  resolveFieldConflict,
} from './fieldEdits';

const ASSIGNMENTS = 'assignments';
const STATUS_HISTORY = 'statusHistory';

/** One entry of an assignment's status history. */
export const statusChange = z.object({
  assignmentId: z.string(),
  from: progressStatus.nullable(),
  to: progressStatus,
  /** Username of the person who changed it, as the client knew it. */
  by: z.string(),
  /** ISO timestamp. */
  at: z.string(),
});
export type StatusChange = z.infer<typeof statusChange>;

/** The fields of an assignment that can be edited after creation. */
export const assignmentPatch = z
  .object({
    title: z.string().trim().min(1).max(500),
    description: z.string().max(10_000),
    decisionRef: z.string().max(200),
    startDate: isoDate,
    endDate: isoDate,
    departmentId: councilAssignment.shape.departmentId,
    responsiblePerson: z.string().max(200),
    progressNote: z.string().max(10_000),
  })
  .partial()
  .strict();
export type AssignmentPatch = z.infer<typeof assignmentPatch>;

const assignmentsMap = (doc: Y.Doc): EntityMap => doc.getMap(ASSIGNMENTS);
const historyArray = (doc: Y.Doc): Y.Array<StatusChange> => doc.getArray(STATUS_HISTORY);

/** All assignments in their stable order; invalid entries are left out. */
export function readAssignments(doc: Y.Doc): CouncilAssignment[] {
  return readEntities(assignmentsMap(doc), councilAssignment);
}

/** One assignment, or undefined if it does not exist (or does not validate). */
export function readAssignment(doc: Y.Doc, id: string): CouncilAssignment | undefined {
  return readAssignments(doc).find((assignment) => assignment.id === id);
}

/**
 * The department an assignment belongs to (null while none is), or undefined when there is no
 * such assignment. Reads that one field (cheap: the server checks it on every change).
 */
export function readAssignmentDepartment(doc: Y.Doc, id: string): string | null | undefined {
  const entity = assignmentsMap(doc).get(id);
  if (!entity) return undefined;
  const departmentId = entity.get('departmentId');
  return typeof departmentId === 'string' ? departmentId : null;
}

/** The ids of the assignments `departmentId` owns. */
export function assignmentIdsOfDepartment(doc: Y.Doc, departmentId: string): Set<string> {
  const ids = new Set<string>();
  for (const [id, entity] of assignmentsMap(doc).entries()) {
    if (entity.get('departmentId') === departmentId) ids.add(id);
  }
  return ids;
}

/** Adds a new assignment; its id must be new (client-generated ids avoid creation conflicts). */
export function addAssignment(doc: Y.Doc, assignment: CouncilAssignment): void {
  const valid = parseOrThrow(councilAssignment, assignment);
  const collection = assignmentsMap(doc);
  if (collection.has(valid.id)) throw new InvalidChangeError(`assignment ${valid.id} already exists`);
  const { id, ...fields } = valid;
  doc.transact(() => insertEntity(collection, id, fields, nextPosition(collection)));
}

/** A new assignment id for `year`, e.g. `ka-2015-k3x9q2ma` (random: two people never collide). */
export function newAssignmentId(year: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return `ka-${year}-${Array.from(bytes, (byte) => (byte % 36).toString(36)).join('')}`;
}

/**
 * Changes some fields of an assignment; only fields whose value differs are written, each with
 * an edit by `by` in the field edit log (same transaction).
 */
export function updateAssignment(
  doc: Y.Doc,
  id: string,
  patch: AssignmentPatch,
  by: Author,
  at: Date = new Date(),
): void {
  const validPatch = parseOrThrow(assignmentPatch, patch);
  const entity = assignmentsMap(doc).get(id);
  const current = readAssignment(doc, id);
  if (!entity || !current) throw new InvalidChangeError(`no assignment ${id}`);
  // Dates are validated together: a patch of one date must still fit the other.
  parseOrThrow(councilAssignment, { ...current, ...validPatch });
  doc.transact(() => {
    for (const key of patchEntity(entity, validPatch)) {
      recordFieldEdit(doc, assignmentField(id, key), entity.get(key), by, at);
    }
  });
}

/**
 * Sets an assignment's status and appends the change to its history (`by.username`) and to the
 * field edit log, in one transaction.
 */
export function setAssignmentStatus(
  doc: Y.Doc,
  id: string,
  status: ProgressStatus,
  by: Author,
  at: Date = new Date(),
): void {
  const to = parseOrThrow(progressStatus, status);
  const entity = assignmentsMap(doc).get(id);
  if (!entity) throw new InvalidChangeError(`no assignment ${id}`);
  const previous = progressStatus.safeParse(entity.get('status'));
  const from = previous.success ? previous.data : null;
  if (from === to) return;
  doc.transact(() => {
    entity.set('status', to);
    historyArray(doc).push([{ assignmentId: id, from, to, by: by.username, at: at.toISOString() }]);
    recordFieldEdit(doc, assignmentField(id, 'status'), to, by, at);
  });
}

const FIELD_PREFIX = `${ASSIGNMENTS}/`;

/** The field edit path of an assignment's field: `assignments/<assignmentId>/<fieldName>`. */
export function assignmentField(assignmentId: string, fieldName: string): string {
  return `${FIELD_PREFIX}${assignmentId}/${fieldName}`;
}

/** Splits an assignment field path (`assignments/<id>/<fieldName>`); null for any other path. */
export function parseAssignmentField(field: string): { id: string; name: string } | null {
  if (!field.startsWith(FIELD_PREFIX)) return null;
  const rest = field.slice(FIELD_PREFIX.length);
  const slash = rest.lastIndexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return null;
  return { id: rest.slice(0, slash), name: rest.slice(slash + 1) };
}

/**
 * Fields of assignments that were changed concurrently (see fieldEdits.ts), of one assignment
 * or all; the kept value is what the document holds.
 */
export function readAssignmentConflicts(doc: Y.Doc, assignmentId?: string): FieldConflict[] {
  const collection = assignmentsMap(doc);
  return detectFieldConflicts(
    doc,
    (field) => {
      const parsed = parseAssignmentField(field);
      return parsed ? (collection.get(parsed.id)?.get(parsed.name) ?? null) : null;
    },
    assignmentId === undefined ? FIELD_PREFIX : `${FIELD_PREFIX}${assignmentId}/`,
  ).filter((conflict) => {
    // Conflicts of a deleted assignment are moot.
    const parsed = parseAssignmentField(conflict.field);
    return parsed !== null && collection.has(parsed.id);
  });
}

/**
 * Resolves a concurrent change of an assignment field by keeping `value` (usually one of the conflict's
 * values): written through the strict writers, with an edit that supersedes every head.
 */
export function resolveAssignmentConflict(
  doc: Y.Doc,
  field: string,
  value: unknown,
  by: Author,
  at: Date = new Date(),
): void {
  const parsed = parseAssignmentField(field);
  if (!parsed) throw new InvalidChangeError(`not an assignment field: ${field}`);
  resolveFieldConflict(
    doc,
    field,
    value,
    by,
    () => {
      if (parsed.name === 'status') setAssignmentStatus(doc, parsed.id, value as ProgressStatus, by, at);
      else updateAssignment(doc, parsed.id, { [parsed.name]: value } as AssignmentPatch, by, at);
    },
    at,
  );
}

/** Removes an assignment. Its history entries stay, as history is never rewritten. */
export function deleteAssignment(doc: Y.Doc, id: string): void {
  const collection = assignmentsMap(doc);
  if (!collection.has(id)) throw new InvalidChangeError(`no assignment ${id}`);
  doc.transact(() => collection.delete(id));
}

/** Status history of one assignment, oldest first. */
export function readStatusHistory(doc: Y.Doc, assignmentId?: string): StatusChange[] {
  return historyArray(doc)
    .toArray()
    .filter((entry) => statusChange.safeParse(entry).success)
    .filter((entry) => assignmentId === undefined || entry.assignmentId === assignmentId);
}

/** Calls `listener` after every change to the assignments, their history or their field edits. */
export function observeAssignments(doc: Y.Doc, listener: () => void): () => void {
  const collection = assignmentsMap(doc);
  const history = historyArray(doc);
  const handler = () => listener();
  collection.observeDeep(handler);
  history.observe(handler);
  const stopEdits = observeFieldEdits(doc, listener);
  return () => {
    collection.unobserveDeep(handler);
    history.unobserve(handler);
    stopEdits();
  };
}

/** Writes a whole list of assignments into an empty document (used to seed a year). */
export function seedAssignments(doc: Y.Doc, assignments: readonly CouncilAssignment[]): void {
  doc.transact(() => {
    for (const assignment of assignments) addAssignment(doc, assignment);
  });
}
