/**
 * Authors for writes made by tests through the domain helpers, which record who wrote each
 * field (see packages/domain/src/documents/fieldEdits.ts). The username is a demo account's.
 */
import type { Author } from '@foljsam/domain';

/** An author with the username as display name, e.g. `asAuthor('kommunchef')`. */
export function asAuthor(username: string): Author {
  return { username, displayName: username };
}
