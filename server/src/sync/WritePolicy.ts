/**
 * Whether a client's update may be written to a document: a policy the document is given (the
 * registry's caller chooses it), so the sync core knows nothing of the domain's rules and its
 * tests can give a permissive or a refusing one.
 *
 * The production policy, {@link domainWritePolicy}, decides by what a change does
 * (writeGuard.ts), by the document's size limit, and by who writes under each Yjs client id
 * (ClientIdOwners.ts). Server-made changes are not checked: they are the server's own.
 */
import type * as Y from 'yjs';
import { ClientIdOwners } from './ClientIdOwners';
import type { Connection } from './Connection';
import { checkChange, REFUSAL } from './writeGuard';
import { wouldChange } from './yjsUpdates';

/** The document as a policy sees it. */
export interface WriteTarget {
  readonly doc: Y.Doc;
  /** Bytes the document takes in the store (snapshot and log after it), with what is staged. */
  readonly storedBytes: number;
}

/**
 * An admitted update carries the form to apply in place of the received bytes; a refused one
 * the reason its sender is told.
 */
export type WriteVerdict = { ok: true; update: Uint8Array } | { ok: false; reason: string };

export interface WritePolicy {
  /**
   * A refusal that depends on the connection alone (what the user may do, decided at the
   * upgrade), checked as an update arrives, before it is queued; null when it may write.
   */
  refusesConnection(connection: Connection): string | null;
  /**
   * Decides on one update, in the document's queue just before it would apply. Admitting may
   * record what the policy keeps about the document (who writes under a client id), so it is
   * called once per update and its admitted update is applied.
   */
  check(target: WriteTarget, connection: Connection, update: Uint8Array): WriteVerdict;
}

/** Builds the policy of one document when it loads (a policy may keep state per document). */
export type WritePolicyFactory = (doc: Y.Doc) => WritePolicy;

export interface DomainWritePolicyOptions {
  /**
   * Most bytes a document may take in the store (snapshot and log after it); a client's change
   * that would take it past this is refused. Server-made changes are not limited.
   */
  maxDocumentBytes: number;
}

/** The production policy: the domain's rules, the size limit and client-id ownership. */
export function domainWritePolicy(options: DomainWritePolicyOptions): WritePolicyFactory {
  return (doc) => {
    const owners = new ClientIdOwners(doc.clientID);
    return {
      refusesConnection: (connection) =>
        connection.writeScope === 'none' ? `read-only: ${REFUSAL.noWrite}` : null,
      check(target, connection, update) {
        // Every update is checked by what it does, and what is applied is the canonical form
        // the check analysed, never the bytes as received.
        const verdict = checkChange(
          target.doc,
          connection.ref,
          connection.user,
          connection.writeScope,
          update,
          connection.changeContext,
        );
        if (!verdict.ok) return verdict;
        if (
          target.storedBytes + verdict.update.byteLength > options.maxDocumentBytes &&
          // A resend of what the document holds takes no room; it is let through (and
          // acknowledged) rather than refused.
          wouldChange(target.doc, update)
        ) {
          return { ok: false, reason: `read-only: ${REFUSAL.documentFull}` };
        }
        // Read off the analysis: decoding the update once more for its client ids cost a fifth of the check.
        const extended = verdict.extendedClients;
        if (owners.foreignTo(connection.user.id, extended)) {
          return { ok: false, reason: `read-only: ${REFUSAL.clientId}` };
        }
        owners.claim(connection.user.id, extended);
        return verdict;
      },
    };
  };
}
