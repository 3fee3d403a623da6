/**
 * The last signed-in user, remembered in this browser so the app can start offline as them
 * (offline identitet). Not a credential: the server still decides every read and write once
 * the network is back, and an expired session is signed in again.
 */
import type { SessionUser } from '../api';

const KEY = 'foljsam.lastUser';

export function rememberUser(user: SessionUser): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(user));
  } catch {
    // Storage disabled: offline start is not possible, online works as before.
  }
}

export function rememberedUser(): SessionUser | null {
  try {
    const value = localStorage.getItem(KEY);
    return value ? (JSON.parse(value) as SessionUser) : null;
  } catch {
    return null;
  }
}

/** Forgets the user (an explicit sign-out). Their unconfirmed changes stay in the local store. */
export function forgetUser(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}
