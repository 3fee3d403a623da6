/** English texts of the history panel (same keys as sv/history.ts). */
import type { historySv } from '../sv/history';

export const historyEn: typeof historySv = {
  button: 'History',
  buttonFor: (label: string) => `History of ${label}`,
  heading: (label: string) => `History: ${label}`,
  close: 'Close',
  loading: 'Loading the history…',
  empty: 'No stored changes yet.',
  failed: 'The history could not be loaded.',
  emptyValue: '(empty)',
  restore: 'Restore',
  restoreFor: (time: string, name: string) => `Restore the value of ${time} by ${name}`,
  restoring: 'Restoring…',
  restored: 'The value is restored as a new change.',
  restoreFailed: (message: string) => (message ? `Could not restore: ${message}` : 'Could not restore.'),
  newestFirst: 'Newest change first.',
  older: 'Show older',
  loadingOlder: 'Loading older…',
  olderFailed: (busy: boolean) =>
    busy
      ? 'The server is busy building history. Try again in a moment.'
      : 'The older changes could not be loaded.',
};
