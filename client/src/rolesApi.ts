/**
 * The REST calls of roles, the report workflow, history, audit and user administration
 * (issue 5; see docs/client-roles.md), all in this one module, all through the typed Hono RPC
 * client (`api.ts`), so a changed route is a type error here. Errors come back as values with
 * the server's readable message, never as thrown exceptions.
 */
import type { Access, ReadOnlyReason as DomainReadOnlyReason, ReportStatus } from '@foljsam/domain';
import { api } from './api';

/** What the signed-in user may change in a document: the domain's rules (packages/domain access.ts). */
export type { WriteScope } from '@foljsam/domain';
/** Why a document is read-only for the user (null: it is not). */
export type ReadOnlyReason = DomainReadOnlyReason | null;
/** `GET /api/documents/:docName/access`: the domain's `accessTo` as the server answers it. */
export type DocumentAccess = Access;

export type WorkflowAction = 'submit' | 'approve' | 'return' | 'reopen';

/** One step of a report's life cycle, as the server logged it. */
export interface WorkflowEvent {
  action: WorkflowAction;
  /** Null when the user has since been removed. */
  userId: string | null;
  userName: string;
  /** ISO time. */
  at: string;
  comment: string | null;
}

/** A field of the report changed since a version (after submission, or since what an approver saw). */
export interface WorkflowChange {
  /** The field path: `budget/forecastTkr`, `indicatorOutcomes/<id>`, `itemStatuses/<key>`, `analysis:<key>`, … */
  field: string;
  /** Display names of who changed it. */
  by: string[];
}

/** A monthly report's workflow: its status, what the user may do next, and its events (oldest first). */
export interface Workflow {
  docName: string;
  status: ReportStatus;
  allowed: WorkflowAction[];
  events: WorkflowEvent[];
  /** Who set the status (username) and when (ISO); absent from servers before issue 16. */
  statusChangedBy?: string | null;
  statusChangedAt?: string | null;
  /** While submitted: the changes after submission (ändrat efter inskick). */
  changes?: WorkflowChange[];
}

/** One stored change of a field or text, newest first in a {@link FieldHistory}. */
export interface HistoryEntry {
  seq: number;
  at: string;
  userId: string;
  userName: string;
  /** The field's value after the change (a text's plain text). */
  value: unknown;
  /** For a text: the fragment's XML. Shown as text, never parsed as HTML. */
  html?: string;
}

/** One page of a field's history: newest first, older pages through `nextBefore`. */
export interface FieldHistory {
  field: string;
  entries: HistoryEntry[];
  /** Whether older entries exist (absent from servers before paging: everything came at once). */
  hasMore?: boolean;
  /** The cursor for the next older page (`before`), null on the last page. */
  nextBefore?: number | null;
}

export type Role = 'admin' | 'kommunchef' | 'avdelningschef' | 'lasare';

/** A user as the administration screen sees it. */
export interface ManagedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  disabled: boolean;
  /** Where reminder e-mails go; null when none. */
  email: string | null;
  reminderMode: 'each' | 'digest' | 'none';
  createdAt: string;
  /** Signs in through single sign-on (created by it). */
  sso: boolean;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  email: string | null;
  password: string;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  departmentId?: string | null;
  disabled?: boolean;
  email?: string | null;
}

/**
 * A call's outcome: the value, or the HTTP status (0: no answer), the server's message and its
 * whole JSON answer (`body`, for details such as a 409's changes).
 */
export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; message: string; body?: unknown };

/** What the RPC client's and fetch's responses share. */
interface AnyResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** Sends a request and reads its answer; a failure of any kind becomes an error value. */
export async function settle<T, R extends AnyResponse>(
  send: () => Promise<R>,
  read: (response: R) => Promise<T>,
): Promise<ApiResult<T>> {
  let response: R;
  try {
    response = await send();
  } catch {
    return { ok: false, status: 0, message: '' };
  }
  if (!response.ok) {
    let message = '';
    let body: unknown;
    try {
      body = await response.json();
      const parsed = body as { error?: unknown };
      if (typeof parsed?.error === 'string') message = parsed.error;
    } catch {
      // Not JSON (a proxy's page, say): the status alone has to do.
    }
    return { ok: false, status: response.status, message, body };
  }
  try {
    return { ok: true, value: await read(response) };
  } catch {
    return { ok: false, status: response.status, message: '' };
  }
}

const noContent = async () => undefined;

/**
 * `GET /api/documents/:docName/access`. A server that answers only `{ read, write }` (before
 * the write scopes existed) is read as scope 'all' or 'none'.
 */
export async function fetchAccess(docName: string): Promise<ApiResult<DocumentAccess>> {
  return settle(
    () => api.documents[':docName'].access.$get({ param: { docName } }),
    async (response) => (await response.json()) as DocumentAccess,
  );
}

const reportRoute = api.reports[':period'][':departmentId'];

/** The workflow of a department's report for a period (a month, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`). */
export function fetchWorkflow(period: string, departmentId: string): Promise<ApiResult<Workflow>> {
  return settle(
    () => reportRoute.workflow.$get({ param: { period, departmentId } }),
    async (response) => (await response.json()) as Workflow,
  );
}

/**
 * Moves a report on: submit, approve (needs `version`, the report's version as the approver
 * saw it, see the domain's reportVersion), return (needs `comment` as `text`) or reopen (needs
 * `reason` as `text`). A stale approval answers 409 with `{ changes }` in the error's body; a
 * submission the budget rule refuses answers 409 with `{ problem }`.
 */
export function runWorkflowAction(
  period: string,
  departmentId: string,
  action: WorkflowAction,
  text?: string,
  version?: string,
): Promise<ApiResult<Workflow>> {
  const param = { period, departmentId };
  const read = async (response: { json(): Promise<unknown> }) => (await response.json()) as Workflow;
  switch (action) {
    case 'submit':
      return settle(() => reportRoute.submit.$post({ param }), read);
    case 'approve':
      return settle(() => reportRoute.approve.$post({ param, json: { version } }), read);
    case 'return':
      return settle(() => reportRoute.return.$post({ param, json: { comment: text ?? '' } }), read);
    case 'reopen':
      return settle(() => reportRoute.reopen.$post({ param, json: { reason: text ?? '' } }), read);
  }
}

/**
 * `GET /api/documents/:docName/history`: the newest page of a field's history, or the page of
 * entries older than `before` (a previous page's `nextBefore`). 429 when the server is busy.
 */
export function fetchHistory(
  docName: string,
  field: string,
  before?: number,
): Promise<ApiResult<FieldHistory>> {
  const query = before === undefined ? { field } : { field, before: String(before) };
  return settle(
    () => api.documents[':docName'].history.$get({ param: { docName }, query }),
    async (response) => (await response.json()) as FieldHistory,
  );
}

/** Writes the field as it was after `seq`, as a new change by the signed-in user. */
export function restoreHistory(
  docName: string,
  field: string,
  seq: number,
): Promise<ApiResult<{ restored: boolean }>> {
  return settle(
    () => api.documents[':docName'].history.restore.$post({ param: { docName }, json: { field, seq } }),
    async (response) => (await response.json()) as { restored: boolean },
  );
}

export function listUsers(): Promise<ApiResult<ManagedUser[]>> {
  return settle(
    () => api.users.$get(),
    async (response) => (await response.json()) as ManagedUser[],
  );
}

export function createUser(input: NewUserInput): Promise<ApiResult<ManagedUser>> {
  return settle(
    () => api.users.$post({ json: input }),
    async (response) => (await response.json()) as ManagedUser,
  );
}

export function updateUser(id: string, patch: UserPatch): Promise<ApiResult<ManagedUser>> {
  return settle(
    () => api.users[':id'].$patch({ param: { id }, json: patch }),
    async (response) => (await response.json()) as ManagedUser,
  );
}

export function resetPassword(id: string, password: string): Promise<ApiResult<void>> {
  return settle(() => api.users[':id'].password.$post({ param: { id }, json: { password } }), noContent);
}

export function revokeSessions(id: string): Promise<ApiResult<void>> {
  return settle(() => api.users[':id'].sessions.revoke.$post({ param: { id } }), noContent);
}

/** A department as the administration keeps it (`GET /api/departments` lists them all). */
export interface ManagedDepartment {
  id: string;
  number: string;
  name: string;
  archived: boolean;
  archivedAt: string | null;
}

/** `POST /api/departments` (admin): the id is made from the name. 409: the number is taken. */
export function createDepartment(input: {
  name: string;
  number: string;
}): Promise<ApiResult<ManagedDepartment>> {
  return settle(
    () => api.departments.$post({ json: input }),
    async (response) => (await response.json()) as ManagedDepartment,
  );
}

/** `PATCH /api/departments/:id` (admin): rename, renumber, archive or restore. */
export function updateDepartment(
  id: string,
  patch: { name?: string; number?: string; archived?: boolean },
): Promise<ApiResult<ManagedDepartment>> {
  return settle(
    () => api.departments[':id'].$patch({ param: { id }, json: patch }),
    async (response) => (await response.json()) as ManagedDepartment,
  );
}

/** An identity provider group's mapping to a role (and a department head's department). */
export interface SsoGroupMapping {
  groupId: string;
  label: string;
  role: Role;
  departmentId: string | null;
}

/** `GET /api/sso-groups` (admin). */
export function listSsoGroups(): Promise<ApiResult<SsoGroupMapping[]>> {
  return settle(
    () => api['sso-groups'].$get(),
    async (response) => (await response.json()).mappings as SsoGroupMapping[],
  );
}

/** `PUT /api/sso-groups` (admin): creates or replaces the group's mapping. */
export function saveSsoGroup(mapping: SsoGroupMapping): Promise<ApiResult<SsoGroupMapping>> {
  return settle(
    () => api['sso-groups'].$put({ json: mapping }),
    async (response) => ((await response.json()) as { mapping: SsoGroupMapping }).mapping,
  );
}

/** `DELETE /api/sso-groups` (admin). */
export function removeSsoGroup(groupId: string): Promise<ApiResult<true>> {
  return settle(
    () => api['sso-groups'].$delete({ json: { groupId } }),
    async () => true as const,
  );
}
