/**
 * The life cycle of a monthly report (månadsrapport): utkast → inskickad (submitted by the
 * department head) → godkänd (approved) or återremitterad (returned with a comment) by the
 * kommunchef; an approved report can be reopened (back to utkast) by kommunchef or admin, with
 * a reason. Pure rules here; routes/reports.ts applies them to the document.
 */
import type { ReportStatus } from '@foljsam/domain';
import type { User } from '../store/types';

export const WORKFLOW_ACTIONS = ['submit', 'approve', 'return', 'reopen'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** The states each action starts from, and where it leads. */
export const TRANSITIONS: Record<WorkflowAction, { from: readonly ReportStatus[]; to: ReportStatus }> = {
  submit: { from: ['utkast', 'aterremitterad'], to: 'inskickad' },
  approve: { from: ['inskickad'], to: 'godkand' },
  return: { from: ['inskickad'], to: 'aterremitterad' },
  reopen: { from: ['godkand'], to: 'utkast' },
};

/** Whether the user's role lets them take the action on this department's report at all. */
export function mayTake(user: User, action: WorkflowAction, departmentId: string): boolean {
  if (user.role === 'admin' || user.role === 'kommunchef') return true;
  return action === 'submit' && user.role === 'avdelningschef' && user.departmentId === departmentId;
}

/** The actions the user can take now, given the report's status. */
export function allowedActions(user: User, departmentId: string, status: ReportStatus): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter(
    (action) => mayTake(user, action, departmentId) && TRANSITIONS[action].from.includes(status),
  );
}

/** Thrown inside a document change when the report is not in a state the action starts from. */
export class WorkflowConflictError extends Error {
  constructor(
    readonly action: WorkflowAction,
    readonly status: ReportStatus,
  ) {
    super(`cannot ${action} a report whose status is ${status}`);
    this.name = 'WorkflowConflictError';
  }
}
