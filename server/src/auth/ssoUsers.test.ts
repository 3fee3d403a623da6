// On PostgreSQL (a schema of its own: a new PGlite database costs an initdb of seconds); the
// store contract runs the same SQL on PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../store/postgres/postgresStore';
import { TEST_DATABASE_URL, testSchemas } from '../store/postgres/testDatabase';
import type { EndedSessions, Store } from '../store/types';
import type { SsoPerson } from './oidc';
import { SessionService } from './sessions';
import { ssoUser } from './ssoUsers';

const newSchema = testSchemas();
let store: Store;
let sessions: SessionService;
const ended: EndedSessions[] = [];

beforeAll(async () => {
  store = await openPostgresStore(TEST_DATABASE_URL, { schema: newSchema('sso') });
  sessions = new SessionService(store, { ttlMs: 60_000 });
  sessions.onEnded((event) => ended.push(event));
  await store.departments.upsert([
    { id: 'hr', number: '8.1.4', name: 'Personal' },
    { id: 'ekonomi', number: '8.1.5', name: 'Ekonomi' },
  ]);
  await store.ssoGroups.save({ groupId: 'hr-chefer', label: '', role: 'avdelningschef', departmentId: 'hr' });
});
afterAll(async () => {
  await store.close();
});

const person = (groups: string[], subject = 'sub-anna'): SsoPerson => ({
  identity: { issuer: 'https://idp.ale.se', subject },
  displayName: 'Anna Andersson',
  preferredUsername: 'Anna.Andersson@ale.se',
  email: 'anna.andersson@ale.se',
  groups,
  groupsOverage: false,
});

describe('the user of a single sign-on', () => {
  it('is created at the first sign-in with the mapped role, and found again after', async () => {
    const first = await ssoUser(store, sessions, person(['alla', 'hr-chefer']));
    expect(first).toMatchObject({
      ok: true,
      user: {
        username: 'anna.andersson@ale.se',
        displayName: 'Anna Andersson',
        email: 'anna.andersson@ale.se',
        role: 'avdelningschef',
        departmentId: 'hr',
        sso: true,
      },
    });
    const again = await ssoUser(store, sessions, person(['hr-chefer']));
    expect(again.ok && first.ok && again.user.id === first.user.id).toBe(true);
    expect(await store.users.count()).toBe(1);
    // No password matches a single sign-on user's.
    expect((await store.users.findByUsername('anna.andersson@ale.se'))?.passwordHash).toBe('');
  });

  it('gets a free username when another user has the name', async () => {
    const other = await ssoUser(store, sessions, person(['hr-chefer'], 'sub-other'));
    expect(other.ok && other.user.username).toBe('anna.andersson@ale.se-2');
  });

  it('gets the role its groups map to at each sign-in; a change ends its other sessions', async () => {
    const anna = await store.users.findByIdentity(person([]).identity);
    if (!anna) throw new Error('no user');
    await sessions.start(anna);
    await store.ssoGroups.save({
      groupId: 'ekonomi-chefer',
      label: '',
      role: 'kommunchef',
      departmentId: null,
    });
    ended.length = 0;
    const changed = await ssoUser(store, sessions, person(['ekonomi-chefer', 'hr-chefer']));
    expect(changed).toMatchObject({ ok: true, user: { role: 'kommunchef', departmentId: null } });
    expect(ended).toEqual([{ userId: anna.id }]);
    const audit = await store.audit.forDocument('user:anna.andersson@ale.se', ['user-changed']);
    expect(audit.at(-1)?.detail).toBe(
      'single sign-on: avdelningschef hr → kommunchef (group ekonomi-chefer)',
    );
  });

  it('is refused when no group maps to a role, and its sessions end', async () => {
    const anna = await store.users.findByIdentity(person([]).identity);
    if (!anna) throw new Error('no user');
    await sessions.start(anna);
    expect(await ssoUser(store, sessions, person(['alla']))).toEqual({
      ok: false,
      reason: 'no-mapped-group',
    });
    expect(await store.sessions.deleteForUser(anna.id)).toBe(0);
    const failed = await store.audit.forDocument('user:anna.andersson@ale.se', ['sign-in-failed']);
    expect(failed.at(-1)?.detail).toBe('single sign-on: no group maps to a role (groups: alla)');
  });

  it('is refused when an administrator disabled it, whatever its groups', async () => {
    const anna = await store.users.findByIdentity(person([]).identity);
    if (!anna) throw new Error('no user');
    await store.users.update(anna.id, { disabled: true });
    expect(await ssoUser(store, sessions, person(['hr-chefer']))).toEqual({ ok: false, reason: 'disabled' });
  });
});
