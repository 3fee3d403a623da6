/** What the sync layer reports for monitoring; app.ts connects it to the Prometheus metrics. */
export type SyncErrorKind =
  | 'malformed-message'
  | 'message-too-big'
  | 'too-many-queued'
  | 'too-many-messages'
  | 'write-budget'
  | 'too-many-connections'
  | 'write-refused'
  | 'presence-refused'
  | 'store-failure'
  | 'load-failure';

export interface SyncObserver {
  updatesStored(count: number, seconds: number): void;
  error(kind: SyncErrorKind): void;
  connectionOpened(): void;
  connectionClosed(): void;
}
