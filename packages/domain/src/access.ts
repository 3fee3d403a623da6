/**
 * Who may read and write which document: the rules the server enforces on every change and
 * the client shows (read-only fields, which buttons appear).
 *
 * - Everyone signed in reads every document, drafts included (docs/security.md, "Roles").
 * - läsare write nothing.
 * - The plan (`plan:<year>`) is written by kommunchef and admin.
 * - A monthly report is written by kommunchef, admin and the head of its department, until it
 *   is approved (godkänd): then it is read-only for everyone until it is reopened. Its `meta`
 *   map (status and the like) is written only by the server's workflow endpoints.
 * - The board report's summary (`boardSummary:<periodId>`) is written by kommunchef and admin.
 * - The assignments (`assignments:<year>`) are written by kommunchef and admin; a department
 *   head may change only `status` and `progressNote` of the assignments their department owns
 *   (the "progress" scope, checked per change by the server's write check).
 *
 * - Imports (`importKindsFor`): assignments by kommunchef and admin, indicator outcomes also by a
 *   department head (their department's indicators); a läsare imports nothing. Everyone exports.
 *
 * The role part is fixed for a connection (a role change revokes the user's sessions and so
 * closes their sockets); the document part (approved or not) is checked again for every change.
 */
import { z } from 'zod';
import type { DocumentRef } from './documents/names';

/** A user's role (roll): administratör, kommunchef, avdelningschef or läsare. */
export const role = z.enum(['admin', 'kommunchef', 'avdelningschef', 'lasare']);
export type Role = z.infer<typeof role>;

/** Who is asking, as far as the rules care: a role, and the department of a department head. */
export interface Person {
  role: Role;
  /** The department of an avdelningschef; null for other roles. */
  departmentId: string | null;
}

/** How much of a document a user may change. */
export type WriteScope = 'all' | 'progress' | 'none';

/** Why a readable document is read-only for the user (null when they may write). */
export type ReadOnlyReason = 'role' | 'other-department' | 'approved';

export interface Access {
  read: boolean;
  write: boolean;
  writeScope: WriteScope;
  readOnlyReason: ReadOnlyReason | null;
}

/** What the rights depend on in the document itself. */
export interface DocumentState {
  /** A report whose meta.status is `godkand`. */
  approved: boolean;
}

/** The scope a user's role gives on a document, before its state (approval) is considered. */
export function roleScope(
  user: Person,
  document: DocumentRef,
): { scope: WriteScope; reason: ReadOnlyReason | null } {
  if (user.role === 'lasare') return { scope: 'none', reason: 'role' };
  if (user.role === 'admin' || user.role === 'kommunchef') return { scope: 'all', reason: null };
  // avdelningschef
  switch (document.kind) {
    case 'plan':
    case 'boardSummary':
      return { scope: 'none', reason: 'role' };
    case 'assignments':
      return user.departmentId ? { scope: 'progress', reason: null } : { scope: 'none', reason: 'role' };
    case 'report':
      return user.departmentId !== null && user.departmentId === document.departmentId
        ? { scope: 'all', reason: null }
        : { scope: 'none', reason: 'other-department' };
  }
}

/** The user's rights on a document in its current state. */
export function accessTo(
  user: Person,
  document: DocumentRef,
  state: DocumentState = { approved: false },
): Access {
  const { scope, reason } = roleScope(user, document);
  if (scope === 'none') return { read: true, write: false, writeScope: 'none', readOnlyReason: reason };
  if (document.kind === 'report' && state.approved) {
    return { read: true, write: false, writeScope: 'none', readOnlyReason: 'approved' };
  }
  return { read: true, write: true, writeScope: scope, readOnlyReason: null };
}

/** What an import file holds: council assignments, or indicator outcomes by month. */
export const importKind = z.enum(['assignments', 'indicator-outcomes']);
export type ImportKind = z.infer<typeof importKind>;

/**
 * What a role may import; the server refuses the rest, and the client offers only these (a
 * läsare, with none, gets the export alone).
 */
export function importKindsFor(role: Role): ImportKind[] {
  if (role === 'admin' || role === 'kommunchef') return ['assignments', 'indicator-outcomes'];
  if (role === 'avdelningschef') return ['indicator-outcomes'];
  return [];
}
