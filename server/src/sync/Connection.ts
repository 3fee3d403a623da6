/**
 * One client's websocket on one document. Messages are handled strictly in arrival order:
 * they are queued while the document loads, and a bounded queue closes a client that floods.
 */

import type { DocumentRef, WriteScope } from '@foljsam/domain';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { User } from '../store/types';
import type { CloseCode } from './closeCodes';
import type { ChangeContext } from './writeGuard';

/** The part of a websocket a connection uses; a `ws` WebSocket fits. */
export type SyncSocket = Pick<WebSocket, 'send' | 'close' | 'readyState' | 'bufferedAmount'>;

const OPEN = 1;

export class Connection {
  /** Awareness client ids this connection owns (Presence.ts); removed when it closes. */
  readonly awarenessClientIds = new Set<number>();
  private closed = false;

  /** Reasons of refused writes the client was already told (each is told once). */
  readonly toldDenied = new Set<string>();

  constructor(
    readonly id: number,
    readonly user: User,
    readonly docName: string,
    readonly ref: DocumentRef,
    /**
     * What the user's role lets them change in this document, decided at the upgrade (a role
     * change revokes the user's sessions, which closes this socket). What depends on the
     * document's state (an approved report) is checked for every change (writeGuard.ts).
     */
    readonly writeScope: WriteScope,
    private readonly socket: SyncSocket,
    readonly log: Logger,
    /**
     * For a report: the department's budget (tkr), which the write guard checks budget figures
     * against; read from the year's plan at each check (syncRoute.ts), so a changed budget
     * counts at once.
     */
    readonly changeContext: ChangeContext = { departmentBudgetTkr: null },
  ) {}

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.isOpen) return;
    // No callback: ws then skips a closure and its bookkeeping for each of the many sends of a
    // busy document; a failed write surfaces as the socket's error and close, which end the
    // connection.
    this.socket.send(message);
  }

  /** Closes the socket with a documented code; later calls do nothing. */
  close(code: CloseCode, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    // Close reasons are limited to 123 bytes by the websocket protocol.
    this.socket.close(code, reason.slice(0, 120));
  }

  /** Marks the connection closed after the client went away. */
  markClosed(): void {
    this.closed = true;
  }
}
