/**
 * Writing one field of an assignment from the board: checks the value first so a refusal gets a
 * clear message in the UI language, then writes through the domain helper (which validates
 * again and writes only what differs). A refused value writes nothing.
 */
import {
  type AssignmentPatch,
  type Author,
  type CouncilAssignment,
  InvalidChangeError,
  isoDate,
  readAssignment,
  updateAssignment,
} from '@foljsam/domain';
import type * as Y from 'yjs';
import { formatDate, t } from '../../i18n';

export type EditableField = Exclude<keyof CouncilAssignment, 'id' | 'status' | 'carriedFrom'>;

const MAX_LENGTH: Partial<Record<EditableField, number>> = {
  title: 500,
  description: 10_000,
  decisionRef: 200,
  responsiblePerson: 200,
  progressNote: 10_000,
};

/** Why a date of an assignment would be refused, or null when it is fine. */
export function dateError(start: string, end: string, changed: 'startDate' | 'endDate'): string | null {
  const value = changed === 'startDate' ? start : end;
  if (!isoDate.safeParse(value).success) return t().assignments.errors.invalidDate;
  if (!isoDate.safeParse(start).success || !isoDate.safeParse(end).success) return null;
  if (end < start) {
    return changed === 'endDate'
      ? t().assignments.errors.endBeforeStart(formatDate(start))
      : t().assignments.errors.startAfterEnd(formatDate(end));
  }
  return null;
}

/** Why a text value would be refused, or null. */
export function textError(field: EditableField, value: string): string | null {
  if (field === 'title' && value.trim() === '') return t().assignments.errors.titleRequired;
  const max = MAX_LENGTH[field];
  if (max !== undefined && value.length > max) return t().assignments.errors.tooLong(max);
  return null;
}

/**
 * Writes `value` into `field` of assignment `id`; returns an error message (nothing written)
 * or null. `knownDepartments` are the ids a department may be set to; `by` is recorded as the
 * author of the change.
 */
export function commitField(
  doc: Y.Doc,
  id: string,
  field: EditableField,
  rawValue: string,
  knownDepartments: ReadonlySet<string>,
  by: Author,
): string | null {
  const current = readAssignment(doc, id);
  if (!current) return t().assignments.errors.missing;
  let patch: AssignmentPatch;
  if (field === 'startDate' || field === 'endDate') {
    const value = rawValue.trim();
    const start = field === 'startDate' ? value : current.startDate;
    const end = field === 'endDate' ? value : current.endDate;
    const error = dateError(start, end, field);
    if (error) return error;
    patch = { [field]: value };
  } else if (field === 'departmentId') {
    if (rawValue !== '' && !knownDepartments.has(rawValue)) return t().assignments.errors.unknownDepartment;
    patch = { departmentId: rawValue === '' ? null : rawValue };
  } else {
    const value = field === 'title' ? rawValue.trim() : rawValue;
    const error = textError(field, value);
    if (error) return error;
    patch = { [field]: value };
  }
  try {
    updateAssignment(doc, id, patch, by);
    return null;
  } catch (error) {
    if (error instanceof InvalidChangeError) return t().assignments.errors.rejected;
    throw error;
  }
}
