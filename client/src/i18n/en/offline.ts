/** English texts of the offline store and the sync state. */
import type { OfflineMessages } from '../sv/offline';

export const offlineEn: OfflineMessages = {
  label: 'Sync',
  online: 'Online',
  offline: 'Offline',
  syncing: 'Syncing…',
  pending: (count: number) =>
    count === 0
      ? 'All changes saved on the server'
      : count === 1
        ? '1 changed field waiting for the server'
        : `${count} changed fields waiting for the server`,
  notSavedOnDevice: 'Saving on this device…',
  savedOnDevice: 'Saved on this device',
  lastFullSync: (time: string) => `Last fully synced ${time}`,
  neverSynced: 'Not fully synced yet',
  firstSync: (done: number, total: number) =>
    `Fetching the workspace for offline use: ${done} of ${total} documents`,
  lastFullSyncNow: 'Last fully synced just now',
  offlineReady: 'Available offline',
  allOnDevice: (total: number) => `All ${total} documents are on this device`,
  someOnDevice: (available: number, total: number) => `${available} of ${total} documents are on this device`,
  missingOnDevice: (count: number) =>
    count === 1 ? '1 document is not available offline' : `${count} documents are not available offline`,
  documentTitle: {
    plan: (year: number) => `Operational plan ${year}`,
    assignments: (year: number) => `Assignments from the council ${year}`,
    report: (month: string) => `Monthly report ${month}`,
    boardSummary: (period: string) => `Summary of the board report ${period}`,
  },
  localStoreUnavailable: 'The local store could not open: changes are saved only while you are online.',
  unverified: (name: string) =>
    `You are working offline as ${name}; the sign-in is not verified. Your changes are sent when you are online again.`,
  sessionExpired:
    'Your session has expired. Your changes are kept on this computer and sent once you have signed in again.',
  refused: (docName: string) =>
    `The server did not accept your changes in ${docName} (you may only read it). The local copy was cleared and the document reloads from the server.`,
  reload: 'Reload',
};
