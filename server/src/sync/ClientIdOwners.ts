/**
 * Which user writes under each Yjs client id of one loaded document. A client id's clocks are
 * a sequence only its writer may extend: had another user written ahead on a victim's client
 * id, the victim's next changes would carry clocks the server already holds, and Yjs would drop
 * them as known. So the first user to add structs under a client id owns it, and the server's
 * own changes own the document's client id.
 *
 * Ownership lives in memory, per process: after a restart the first writer of a client id
 * claims it again (docs/security.md, "Known gaps").
 */

/** The owner of the server's own client id: no user id looks like it. */
const SERVER = '\u0000server';

export class ClientIdOwners {
  private readonly owners = new Map<number, string>();

  constructor(serverClientId: number) {
    this.owners.set(serverClientId, SERVER);
  }

  /** Whether any of `clients` is written by someone other than `userId`. */
  foreignTo(userId: string, clients: readonly number[]): boolean {
    return clients.some((client) => {
      const owner = this.owners.get(client);
      return owner !== undefined && owner !== userId;
    });
  }

  /** Records `userId` as the writer of those of `clients` nobody owns yet. */
  claim(userId: string, clients: readonly number[]): void {
    for (const client of clients) if (!this.owners.has(client)) this.owners.set(client, userId);
  }
}
