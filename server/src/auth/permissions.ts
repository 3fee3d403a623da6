/**
 * Who may read and write which document, decided on the server for each connection.
 *
 * - Everyone signed in reads every document (PRODUCT.md: readers seeing drafts is acceptable).
 * - läsare write nothing.
 * - The plan (`plan:<year>`) is written by kommunchef and admin.
 * - A monthly report is written by kommunchef, admin and the head of its department.
 * - The assignments (`assignments:<year>`) are written by kommunchef, admin and department
 *   heads. Narrower rules (a department head only changes status and progress note of the
 *   assignments their department owns) need a check per change or a per-department layout,
 *   and are not enforced yet; nor is the read-only state of an approved month.
 */
import type { DocumentRef } from '@foljsam/domain';
import type { User } from '../store/types';

export interface Access {
  read: boolean;
  write: boolean;
}

export function accessTo(user: User, document: DocumentRef): Access {
  const read = true;
  if (user.role === 'lasare') return { read, write: false };
  if (user.role === 'admin' || user.role === 'kommunchef') return { read, write: true };
  // avdelningschef
  switch (document.kind) {
    case 'plan':
      return { read, write: false };
    case 'assignments':
      return { read, write: true };
    case 'report':
      return { read, write: user.departmentId !== null && user.departmentId === document.departmentId };
  }
}
