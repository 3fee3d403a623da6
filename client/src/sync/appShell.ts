/**
 * Whether the app itself (the shell, its scripts and PGlite's files) is cached for offline
 * use: the service worker is active. The documents being on this device is not enough to
 * start offline; the status bar says "available offline" only when both hold. Where the
 * browser has no service workers, nothing more can be done and the shell counts as ready.
 */
import { createRoot, createSignal } from 'solid-js';

const [cached, setCached] = createRoot(() =>
  createSignal(typeof navigator === 'undefined' || !('serviceWorker' in navigator)),
);

if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
  // Resolves once a registration has an active worker (after its precache is installed).
  void navigator.serviceWorker.ready.then(() => setCached(true));
}

/** The app shell is cached by an active service worker (or cannot be). */
export const appShellCached = cached;
