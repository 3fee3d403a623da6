/**
 * Which documents this browser holds a full copy of (finns på enheten): a document is added
 * once its server copy was saved locally, so the status bar can say at once, without waiting
 * for the local database to open, what works offline. Kept in `localStorage`, which the
 * browser clears together with IndexedDB ("site data"), so the list and the store go together.
 */

const ON_DEVICE_KEY = 'foljsam.onDevice';

function read(): Set<string> {
  try {
    const stored = JSON.parse(localStorage.getItem(ON_DEVICE_KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(stored) ? stored.filter((name) => typeof name === 'string') : []);
  } catch {
    return new Set();
  }
}

function write(names: Set<string>): void {
  try {
    localStorage.setItem(ON_DEVICE_KEY, JSON.stringify([...names].sort()));
  } catch {
    // Storage disabled: the list lasts for this page.
  }
}

/** The documents a full copy of which is saved in this browser. */
export function documentsOnDevice(): Set<string> {
  return read();
}

/** Records that `docName`'s server copy is saved in this browser. */
export function markOnDevice(docName: string): void {
  const names = read();
  if (names.has(docName)) return;
  names.add(docName);
  write(names);
}

/** Records that this browser no longer holds `docName` (its local rows were dropped). */
export function forgetOnDevice(docName: string): void {
  const names = read();
  if (names.delete(docName)) write(names);
}
