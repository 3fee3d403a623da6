/**
 * Which local changes of one document the server has not yet confirmed (obekräftade
 * ändringar), and which fields they changed: the sync bar counts fields, not keystrokes. A change is confirmed when the server's state vector covers every clock the
 * change inserted. A change that only deletes (erasing text) inserts nothing a state vector
 * could cover: it counts as confirmed by the first server state vector that arrives after
 * it was sent on an open connection other than the one sent on connect (see docs/offline.md).
 */
import * as Y from 'yjs';

export interface PendingChange {
  /** Stable id of the change, kept with it in the journal and in PGlite. */
  readonly changeId: string;
  /** The fields it changed (`changedFields`). */
  readonly fields: readonly string[];
  /** The local store's row id, once written. */
  rowId?: number;
  /** Highest clock (exclusive) per client the change inserted; empty for a delete-only change. */
  readonly needs: Map<number, number>;
  /** Delete-only: confirmed when the count of server state vectors exceeds this. */
  after: number;
}

/** What a change inserted, as the state vector the server must reach to hold it. */
export function clocksOf(update: Uint8Array): Map<number, number> {
  return Y.parseUpdateMeta(update).to;
}

/** Whether `stateVector` covers every clock in `needs`. */
export function covers(stateVector: Map<number, number>, needs: Map<number, number>): boolean {
  for (const [client, clock] of needs) if ((stateVector.get(client) ?? 0) < clock) return false;
  return true;
}

export class PendingChanges {
  private changes: PendingChange[] = [];
  private stateVectors = 0;
  private connected = false;

  /** Fields changed by unconfirmed changes (what the sync bar counts). */
  get count(): number {
    const fields = new Set<string>();
    for (const change of this.changes) for (const field of change.fields) fields.add(field);
    return fields.size;
  }

  /** Unconfirmed changes (transactions). */
  get changeCount(): number {
    return this.changes.length;
  }

  /** Adds a local change; returns its entry (to attach the row id later). */
  add(update: Uint8Array, changeId: string, fields: readonly string[]): PendingChange {
    const needs = clocksOf(update);
    const change: PendingChange = {
      changeId,
      fields,
      needs,
      after: this.connected ? this.stateVectors : Number.POSITIVE_INFINITY,
    };
    this.changes.push(change);
    return change;
  }

  /** A server state vector arrived: returns the changes it confirms (and forgets them). */
  confirm(stateVector: Map<number, number>): PendingChange[] {
    this.stateVectors += 1;
    const confirmed: PendingChange[] = [];
    this.changes = this.changes.filter((change) => {
      const done =
        change.needs.size > 0 ? covers(stateVector, change.needs) : this.stateVectors > change.after;
      if (done) confirmed.push(change);
      return !done;
    });
    return confirmed;
  }

  /**
   * The connection opened or closed. On open the server first sends the state vector of
   * the handshake, before it has seen what this client resends: delete-only changes wait
   * for a later one.
   */
  setConnected(connected: boolean): void {
    this.connected = connected;
    for (const change of this.changes) {
      if (change.needs.size === 0)
        change.after = connected ? this.stateVectors + 1 : Number.POSITIVE_INFINITY;
    }
  }

  /** Whether `change` is still unconfirmed. */
  includes(change: PendingChange): boolean {
    return this.changes.includes(change);
  }

  /** Forgets one change (it turned out to be confirmed). */
  confirmOne(change: PendingChange): void {
    this.changes = this.changes.filter((other) => other !== change);
  }

  /** The unconfirmed change with this id. */
  find(changeId: string): PendingChange | undefined {
    return this.changes.find((change) => change.changeId === changeId);
  }

  /** Forgets every change (the local copy was dropped). */
  clear(): void {
    this.changes = [];
  }
}
