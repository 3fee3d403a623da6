/**
 * Takes the raw frames of one connection, decodes them (protocol.ts) and hands each message
 * to its document in arrival order. Frames that arrive while the document is still loading
 * wait in a bounded queue; a bad frame closes this one connection and nothing else.
 */

import type { Connection } from './Connection';
import { CloseCode } from './closeCodes';
import { type ClientMessage, decodeClientMessage, MalformedMessageError } from './protocol';
import type { SyncDocument } from './SyncDocument';
import type { SyncObserver } from './SyncObserver';
import { TokenBucket } from './TokenBucket';
import type { WriteBudget } from './WriteBudget';

export interface MessageReceiverOptions {
  /** Frames larger than this close the connection (the ws library also enforces it). */
  maxMessageBytes: number;
  /** Frames that may wait while the document loads before the connection is closed. */
  maxQueuedMessages: number;
  /** Sustained frames per second a connection may send (token bucket refill rate). */
  messagesPerSecond: number;
  /** Frames a connection may send in one burst (token bucket capacity). */
  messageBurst: number;
  /** Bytes of changes each user may send (shared by all their connections). */
  writeBudget: WriteBudget;
  observer: SyncObserver;
  /** The rate limit's clock in milliseconds; tests give a manual one. */
  now?: () => number;
}

export class MessageReceiver {
  private document: SyncDocument | null = null;
  private readonly waiting: ClientMessage[] = [];
  private readonly bucket: TokenBucket;

  constructor(
    private readonly connection: Connection,
    private readonly options: MessageReceiverOptions,
  ) {
    this.bucket = new TokenBucket(options.messagesPerSecond, options.messageBurst, options.now);
  }

  /** The document is loaded: handle what waited, then everything as it comes. */
  attach(document: SyncDocument): void {
    this.document = document;
    document.attach(this.connection);
    for (const message of this.waiting.splice(0)) this.handle(document, message);
  }

  /** One frame from the socket. Text frames are not part of the protocol. */
  receive(data: ArrayBuffer | string | Uint8Array): void {
    if (!this.connection.isOpen) return;
    if (!this.bucket.take()) {
      this.options.observer.error('too-many-messages');
      this.connection.log.warn('message rate limit exceeded, closing the connection');
      this.connection.close(CloseCode.tooManyMessages, 'too many messages');
      return;
    }
    if (typeof data === 'string') {
      this.reject('text frames are not part of the protocol');
      return;
    }
    const frame = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (frame.byteLength > this.options.maxMessageBytes) {
      this.options.observer.error('message-too-big');
      this.connection.log.warn({ bytes: frame.byteLength }, 'message too big');
      this.connection.close(CloseCode.messageTooBig, 'message too big');
      return;
    }
    let message: ClientMessage;
    try {
      message = decodeClientMessage(frame);
    } catch (error) {
      if (!(error instanceof MalformedMessageError)) throw error;
      this.reject(error.message);
      return;
    }
    if (
      (message.type === 'sync-step-2' || message.type === 'update') &&
      !this.options.writeBudget.charge(this.connection.user.id, message.update.byteLength)
    ) {
      this.options.observer.error('write-budget');
      this.connection.log.warn(
        { bytes: message.update.byteLength },
        'write budget exceeded, closing the connection',
      );
      this.connection.close(CloseCode.writeBudgetExceeded, 'write budget exceeded, try again shortly');
      return;
    }
    if (this.document) {
      this.handle(this.document, message);
    } else if (this.waiting.length >= this.options.maxQueuedMessages) {
      this.options.observer.error('too-many-queued');
      this.connection.log.warn({ queued: this.waiting.length }, 'too many messages while loading');
      this.connection.close(CloseCode.tooManyQueuedMessages, 'too many messages before the document loaded');
    } else {
      this.waiting.push(message);
    }
  }

  private reject(reason: string): void {
    this.options.observer.error('malformed-message');
    this.connection.log.warn({ reason }, 'malformed message, closing the connection');
    this.connection.close(CloseCode.malformedMessage, `malformed message: ${reason}`);
  }

  private handle(document: SyncDocument, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step-1':
        document.answerSyncStep1(this.connection, message.stateVector);
        break;
      case 'sync-step-2':
      case 'update':
        document.receiveUpdate(this.connection, message.update);
        break;
      case 'awareness':
        document.receiveAwareness(this.connection, message.entries);
        break;
      case 'query-awareness':
        document.sendAwarenessTo(this.connection);
        break;
    }
  }
}
