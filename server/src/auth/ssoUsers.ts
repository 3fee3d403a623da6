/**
 * The Följsam user of a single sign-on: found by the provider's issuer and subject, created on
 * the first sign-in, and given the role and department the group mapping says at every sign-in.
 */
import type { Store, UserRecord } from '../store/types';
import { accessFromGroups, type MappedAccess } from './groupMapping';
import type { SsoPerson } from './oidc';
import type { SessionService } from './sessions';

/** The outcome of a single sign-on: a user to start a session for, or why not. */
export type SsoUserResult =
  | { ok: true; user: UserRecord }
  | { ok: false; reason: 'no-mapped-group' | 'disabled' };

/** Usernames are unique; a second "anna@ale.se" (another issuer, a local user) gets "-2". */
async function freeUsername(store: Store, wanted: string): Promise<string> {
  const base = wanted.toLowerCase().replaceAll('\u0000', '').slice(0, 90) || 'sso';
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await store.users.findByUsername(candidate))) return candidate;
  }
}

const describe = (access: Pick<MappedAccess, 'role' | 'departmentId'>) =>
  `${access.role}${access.departmentId ? ` ${access.departmentId}` : ''}`;

/**
 * Finds or creates the user of `person` with the role and department their groups map to.
 * A changed role ends the user's other sessions (their open websockets close with 4401, as
 * when an administrator changes it), and so does a refusal for lack of a mapped group. Every
 * outcome is in the audit log.
 */
export async function ssoUser(
  store: Store,
  sessions: SessionService,
  person: SsoPerson,
): Promise<SsoUserResult> {
  const access = accessFromGroups(person.groups, await store.ssoGroups.list());
  const existing = await store.users.findByIdentity(person.identity);
  const refuse = async (reason: 'no-mapped-group' | 'disabled', detail: string): Promise<SsoUserResult> => {
    await store.audit.append({
      userId: existing?.id ?? null,
      userName: existing?.displayName ?? person.displayName,
      action: 'sign-in-failed',
      document: existing ? `user:${existing.username}` : null,
      detail,
    });
    return { ok: false, reason };
  };
  if (!access) {
    // The provider no longer puts this person in any mapped group: their sessions end too.
    if (existing) await sessions.revokeUser(existing.id);
    const groups = person.groups.length > 0 ? person.groups.join(', ') : 'none';
    return refuse(
      'no-mapped-group',
      `single sign-on: no group maps to a role (groups: ${groups})`.slice(0, 1000),
    );
  }
  if (existing?.disabled) return refuse('disabled', 'single sign-on: disabled user');
  if (!existing) {
    const created = await store.users.create({
      username: await freeUsername(store, person.preferredUsername),
      displayName: person.displayName.slice(0, 200),
      role: access.role,
      departmentId: access.departmentId,
      passwordHash: '',
      email: person.email,
      identity: person.identity,
    });
    const user = (await store.users.findById(created.id)) as UserRecord;
    await store.audit.append({
      userId: user.id,
      userName: user.displayName,
      action: 'user-created',
      document: `user:${user.username}`,
      detail: `single sign-on: ${describe(access)} (group ${access.groupId})`,
    });
    return { ok: true, user };
  }
  if (existing.role === access.role && existing.departmentId === access.departmentId) {
    return { ok: true, user: existing };
  }
  const user = (await store.users.update(existing.id, {
    role: access.role,
    departmentId: access.departmentId,
  })) as UserRecord;
  // As for a change on the Administration screen: the client is told its rights changed (4403).
  await sessions.revokeUser(user.id, 'role-changed');
  await store.audit.append({
    userId: user.id,
    userName: user.displayName,
    action: 'user-changed',
    document: `user:${user.username}`,
    detail: `single sign-on: ${describe(existing)} → ${describe(access)} (group ${access.groupId})`,
  });
  return { ok: true, user };
}
