/**
 * Nothing typed is lost when the page goes away (reload, tab closed, navigation). Local
 * changes are in the journal within milliseconds, and each is shadowed in localStorage
 * (synchronously) until its IndexedDB commit completes. Only a change that is neither (no
 * IndexedDB, storage full or disabled, the journal not open yet) brings up the browser's
 * leave-page prompt.
 */
import { changesAtRisk } from '../sync/syncState';
import { openedJournal } from './journal';

/** Installs the page-leave handler (once, at start). */
export function guardPageLeave(): void {
  window.addEventListener('beforeunload', (event) => {
    const journal = openedJournal();
    const unprotected = journal && !journal.shadowUnprotected() ? journal.unprotectedWrites : 0;
    if (changesAtRisk() + unprotected === 0) return;
    event.preventDefault();
    // Older browsers show the prompt only when returnValue is set.
    event.returnValue = '';
  });
}
