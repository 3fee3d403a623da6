/** English texts of roles and read-only states (same keys as sv/roles.ts). */
import type { rolesSv } from '../sv/roles';

export const rolesEn: typeof rolesSv = {
  names: {
    admin: 'Administrator',
    kommunchef: 'Municipal manager',
    avdelningschef: 'Department head',
    lasare: 'Reader',
  },
  sessionEnded: 'Your session was ended by an administrator. Please sign in again.',
  roleChanged:
    'An administrator changed your role or department. Sign in again to continue with your new permissions.',
  denied: {
    heading: 'Read-only',
    text: 'The server did not accept your latest change, and none of it was stored. The document is now shown read-only. Reload the page to see what applies.',
    reason: (reason: string) => `The server said: ${reason}`,
  },
  assignments: {
    progressOnly:
      "As a department head you can change the status and progress note of your department's assignments. Creating, deleting or reassigning assignments and changing other fields is for the municipal manager or an administrator.",
    fieldLocked: 'Only the municipal manager and administrators can change this field.',
    otherDepartment: 'The assignment belongs to another department.',
  },
};
