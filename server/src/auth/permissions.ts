/**
 * Who may read which document. Every signed-in user reads every document for now: PRODUCT.md
 * accepts that readers see drafts. Write rights per document and per change (department
 * heads, läsare, approved months) are enforced in a later issue (see the README's status).
 */
import type { DocumentRef } from '@foljsam/domain';
import type { User } from '../store/types';

export function canRead(_user: User, _document: DocumentRef): boolean {
  return true;
}
