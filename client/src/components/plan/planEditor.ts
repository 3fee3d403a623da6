/**
 * What every part of the plan editor shares: the live plan document, who writes and why, the
 * organisation's departments, and one way to run a domain writer and turn its refusal into a
 * Swedish message. Parts get it as a prop rather than through a context, so each part says
 * what it needs.
 */
import {
  InvalidChangeError,
  movePlanEntity,
  type Plan,
  type PlanCollection,
  type PlanEdit,
  type PlanRemoval,
  PlanRevisionReasonRequired,
  removePlanEntity,
} from '@foljsam/domain';
import type { Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { DepartmentSummary } from '../../api';
import { t } from '../../i18n';
import { fetchReportedItems } from '../../plansApi';
import type { Presence } from '../../sync/presence';

/** An organisation department as GET /api/departments lists it (`archived` once the organisation has it). */
export type OrganisationDepartment = DepartmentSummary & { archived?: boolean };

export interface PlanEditor {
  doc: Y.Doc;
  /** `plan:<year>`, for history. */
  docName: string;
  year: number;
  plan: Accessor<Plan>;
  presence: Presence;
  /** Whether the fields are editable now: the role may write, and an adopted plan has a reason given. */
  canWrite: Accessor<boolean>;
  /** Whether the role may write the plan at all (history restore, forms). */
  mayWrite: Accessor<boolean>;
  /** The organisation's active departments, in its order. */
  departments: Accessor<OrganisationDepartment[]>;
  departmentName(id: string): string;
  /**
   * Runs a domain writer with the author and (on an adopted plan) the revision's reason;
   * returns a message when it was refused (nothing written), else null.
   */
  write(writer: (edit: PlanEdit) => void): string | null;
  /** Shows a message for the whole screen (a removal, an archived goal). */
  notify(kind: 'ok' | 'error', text: string): void;
  /** Asks before removing `label`; runs `remove` on yes. */
  confirmRemove(label: string, remove: () => void | Promise<void>): void;
}

/** Runs `writer` and turns the domain's refusal into a message. */
export function runWriter(edit: PlanEdit, writer: (edit: PlanEdit) => void): string | null {
  try {
    writer(edit);
    return null;
  } catch (error) {
    if (error instanceof PlanRevisionReasonRequired) return t().plan.revision.needReason;
    if (error instanceof InvalidChangeError) return t().plan.changeFailed;
    throw error;
  }
}

/** The presence key of a plan field path (`goals/<id>/title` → `plan:goals/<id>/title`). */
export const presenceKey = (path: string): string => `plan:${path}`;

/** Moves an entity to `toIndex` among `siblings` (as shown); a refusal is shown on the screen. */
export function moveEntity(
  editor: PlanEditor,
  collection: PlanCollection,
  id: string,
  siblings: readonly string[],
  toIndex: number,
): void {
  const refused = editor.write((edit) => movePlanEntity(editor.doc, collection, id, siblings, toIndex, edit));
  if (refused) editor.notify('error', refused);
}

/**
 * Removes a goal, indicator or initiative. Whether any report of the year has content for it
 * (or for what hangs under a goal) decides between deleting and archiving, so the server is
 * asked first; without an answer nothing is removed. Resolves to what happened, or null when
 * nothing was (the reason is shown on the screen).
 */
export async function removeReportable(
  editor: PlanEditor,
  collection: 'goals' | 'indicators' | 'initiatives',
  id: string,
): Promise<PlanRemoval | null> {
  const reported = await fetchReportedItems(editor.year);
  if (!reported.ok) {
    editor.notify('error', t().plan.goals.reportedUnknown);
    return null;
  }
  let outcome: PlanRemoval | null = null;
  const refused = editor.write((edit) => {
    outcome = removePlanEntity(editor.doc, collection, id, reported.value, edit);
  });
  if (refused) editor.notify('error', refused);
  return refused ? null : outcome;
}
