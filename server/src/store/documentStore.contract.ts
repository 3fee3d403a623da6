/**
 * The behaviour every store implementation must have, as test suites each implementation runs
 * beside its code: the document store contract (memory/, pglite/, postgres/) and the whole
 * store's contract (pglite/, postgres/).
 */

import { defaultReportingCalendar } from '@foljsam/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SsoPerson } from '../auth/oidc';
import { SessionService } from '../auth/sessions';
import { ssoUser } from '../auth/ssoUsers';
import { DepartmentNumberTakenError, type DocumentStore, type EndedSessions, type Store } from './types';

const bytes = (...values: number[]) => new Uint8Array(values);

/** What the document contract needs: a {@link DocumentStore} and a way to close what holds it. */
export interface OpenedDocumentStore {
  documents: DocumentStore;
  close(): Promise<void>;
}

/**
 * Registers the document store contract for what `open` returns (opened once for the suite):
 * every {@link DocumentStore} (in memory, PGlite, PostgreSQL) runs it.
 */
export function documentStoreContract(name: string, open: () => Promise<OpenedDocumentStore>): void {
  describe(`${name}: document store contract`, () => {
    let store: OpenedDocumentStore;
    beforeAll(async () => {
      store = await open();
      return () => store.close();
    });

    it('loads a never-written document as empty', async () => {
      expect(await store.documents.load('report:2015-01:never')).toEqual({
        snapshot: null,
        snapshotSeq: 0,
        updates: [],
        lastSeq: 0,
      });
      expect(await store.documents.pendingUpdateCount('report:2015-01:never')).toBe(0);
    });

    it('appends updates in order with increasing sequence numbers', async () => {
      const doc = 'report:2015-01:order';
      expect(await store.documents.appendUpdates(doc, [{ data: bytes(1), userId: 'u1' }])).toBe(1);
      expect(
        await store.documents.appendUpdates(doc, [
          { data: bytes(2), userId: 'u2' },
          { data: bytes(3, 3), userId: 'u1' },
        ]),
      ).toBe(3);
      const loaded = await store.documents.load(doc);
      expect(loaded.updates).toEqual([bytes(1), bytes(2), bytes(3, 3)]);
      expect(loaded.lastSeq).toBe(3);
      expect(await store.documents.pendingUpdateCount(doc)).toBe(3);
      expect(await store.documents.listDocuments()).toContain(doc);
    });

    it('refuses an empty append', async () => {
      await expect(store.documents.appendUpdates('report:2015-01:empty', [])).rejects.toThrow();
    });

    it('keeps concurrent appends to one document apart', async () => {
      const doc = 'report:2015-01:concurrent';
      const seqs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.documents.appendUpdates(doc, [{ data: bytes(i), userId: 'u' }]),
        ),
      );
      expect(new Set(seqs).size).toBe(20);
      expect((await store.documents.load(doc)).updates).toHaveLength(20);
    });

    it('commits concurrent appends of many documents, each in its own order', async () => {
      // Group commit writes these together; every document must still get exactly its own
      // updates, numbered from 1 in the order they were appended. Every other append carries
      // two updates, so a group mixes single and multi-update appends.
      const docs = Array.from({ length: 30 }, (_, d) => `report:2015-01:group-${d}`);
      const appendsPerDoc = 4;
      const updatesOf = (d: number, i: number) =>
        Array.from({ length: (i % 2) + 1 }, (_, u) => ({ data: bytes(d, i, u), userId: `u${d}` }));
      const results = await Promise.all(
        docs.flatMap((doc, d) =>
          Array.from({ length: appendsPerDoc }, (_, i) =>
            store.documents.appendUpdates(doc, updatesOf(d, i)),
          ),
        ),
      );
      for (const [d, doc] of docs.entries()) {
        const loaded = await store.documents.load(doc);
        const expected = Array.from({ length: appendsPerDoc }, (_, i) =>
          updatesOf(d, i).map((u) => u.data),
        ).flat();
        expect(loaded.updates).toEqual(expected);
        expect(loaded.lastSeq).toBe(6);
        expect(results.slice(d * appendsPerDoc, (d + 1) * appendsPerDoc)).toEqual([1, 3, 4, 6]);
      }
    });

    it('fails only the bad append of a group, and stores nothing of it', async () => {
      const good = ['report:2015-01:good-a', 'report:2015-01:good-b'];
      const bad = 'report:2015-01:bad';
      const outcomes = await Promise.allSettled([
        store.documents.appendUpdates(good[0] as string, [{ data: bytes(1), userId: 'u' }]),
        // user_id is NOT NULL: this append cannot be stored.
        store.documents.appendUpdates(bad, [{ data: bytes(2), userId: null as unknown as string }]),
        store.documents.appendUpdates(good[1] as string, [{ data: bytes(3), userId: 'u' }]),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.documents.load(good[0] as string)).updates).toEqual([bytes(1)]);
      expect((await store.documents.load(good[1] as string)).updates).toEqual([bytes(3)]);
      expect((await store.documents.load(bad)).lastSeq).toBe(0);
    });

    it('loads the snapshot plus only the log after it, and never moves a snapshot back', async () => {
      const name = 'report:2015-01:snapshot';
      const source = new Y.Doc();
      const updates: Uint8Array[] = [];
      source.on('update', (update: Uint8Array) => updates.push(update));
      for (let i = 0; i < 5; i++) source.getMap('m').set(`k${i}`, i);
      await store.documents.appendUpdates(
        name,
        updates.slice(0, 3).map((data) => ({ data, userId: 'u' })),
      );
      const atThree = new Y.Doc();
      for (const update of updates.slice(0, 3)) Y.applyUpdate(atThree, update);
      await store.documents.replaceSnapshot(name, Y.encodeStateAsUpdate(atThree), 3);
      await store.documents.appendUpdates(
        name,
        updates.slice(3).map((data) => ({ data, userId: 'u' })),
      );

      const loaded = await store.documents.load(name);
      expect(loaded.snapshotSeq).toBe(3);
      expect(loaded.updates).toEqual(updates.slice(3));
      expect(await store.documents.pendingUpdateCount(name)).toBe(2);
      const rebuilt = new Y.Doc();
      for (const update of [loaded.snapshot as Uint8Array, ...loaded.updates]) Y.applyUpdate(rebuilt, update);
      expect(rebuilt.getMap('m').toJSON()).toEqual(source.getMap('m').toJSON());

      // An older snapshot (a slow compaction finishing late) is ignored.
      await store.documents.replaceSnapshot(name, bytes(0, 0), 1);
      expect((await store.documents.load(name)).snapshotSeq).toBe(3);
      // A snapshot beyond the log cannot be stored.
      await store.documents.replaceSnapshot(name, bytes(0, 0), 99);
      expect((await store.documents.load(name)).snapshotSeq).toBe(3);
    });

    it('gives back every byte value of an update and of a large snapshot as written, also from a view into a larger buffer', async () => {
      const name = 'report:2015-01:bytes';
      const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
      const inLarger = new Uint8Array(300);
      inLarger.set(everyByte, 7);
      await store.documents.appendUpdates(name, [{ data: inLarger.subarray(7, 7 + 256), userId: 'u' }]);
      // The size of a sizable document's snapshot (300 KB), with bytes of every value.
      let state = 1;
      const snapshot = Uint8Array.from({ length: 300_000 }, () => {
        state = (state * 1103515245 + 12345) >>> 0;
        return state >>> 24;
      });
      const snapshotInLarger = new Uint8Array(snapshot.length + 10);
      snapshotInLarger.set(snapshot, 3);
      await store.documents.replaceSnapshot(name, snapshotInLarger.subarray(3, 3 + snapshot.length), 1);
      const loaded = await store.documents.load(name);
      expect(loaded.snapshot).toEqual(snapshot);
      expect(loaded.snapshotSeq).toBe(1);
      expect(loaded.updates).toEqual([]);
      expect(await store.documents.loadUpdatesAfter(name, 0)).toEqual([{ seq: 1, data: everyByte }]);
      expect((await store.documents.loadLogPage(name, 0, 10)).map((entry) => entry.data)).toEqual([
        everyByte,
      ]);
    });

    it('loads a log longer than one page in order', async () => {
      const name = 'report:2015-01:long';
      const all = Array.from({ length: 2500 }, (_, i) => ({ data: bytes(i % 256, i >> 8), userId: 'u' }));
      for (let i = 0; i < all.length; i += 500)
        await store.documents.appendUpdates(name, all.slice(i, i + 500));
      const loaded = await store.documents.load(name);
      expect(loaded.updates).toEqual(all.map((update) => update.data));
      expect(loaded.lastSeq).toBe(2500);
    });

    it('reads the log with authors a page at a time after a given update', async () => {
      const name = 'report:2015-01:log-pages';
      await store.documents.appendUpdates(name, [
        { data: bytes(1), userId: 'u1' },
        { data: bytes(2), userId: 'u2' },
        { data: bytes(3), userId: 'u1' },
      ]);
      const page = await store.documents.loadLogPage(name, 1, 1);
      expect(page.map(({ seq, data, userId }) => ({ seq, data, userId }))).toEqual([
        { seq: 2, data: bytes(2), userId: 'u2' },
      ]);
      expect(page[0]?.at).toBeInstanceOf(Date);
      expect((await store.documents.loadLogPage(name, 1, 10)).map((entry) => entry.seq)).toEqual([2, 3]);
      expect(await store.documents.loadLogPage(name, 3, 10)).toEqual([]);
      expect((await store.documents.loadLog(name)).map((entry) => entry.seq)).toEqual([1, 2, 3]);
    });
  });
}

/**
 * Registers the contract of a whole {@link Store} (documents, users, sessions, departments,
 * settings, calendars) for what `open` returns: the SQL stores run it.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  documentStoreContract(name, open);
  describe(`${name}: store contract`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
      return () => store.close();
    });

    it('stores users, finds them by name and id, and never returns a hash from findById', async () => {
      await store.departments.upsert([{ id: 'hr', number: '8.1.4', name: 'HR avdelningen' }]);
      const created = await store.users.create({
        username: 'contract-user',
        displayName: 'Contract User',
        role: 'avdelningschef',
        departmentId: 'hr',
        passwordHash: '$argon2id$fake',
      });
      expect(await store.users.findByUsername('contract-user')).toMatchObject({
        id: created.id,
        passwordHash: '$argon2id$fake',
      });
      expect(await store.users.findById(created.id)).toEqual(created);
      expect(await store.users.findByUsername('nobody')).toBeNull();
      await expect(
        store.users.create({ ...created, username: 'contract-user', passwordHash: 'x' }),
      ).rejects.toThrow();
    });

    it('finds a single sign-on user by issuer and subject, and keeps group mappings', async () => {
      const identity = { issuer: 'https://idp.example/v2.0', subject: 'sub-1' };
      const created = await store.users.create({
        username: 'sso-user',
        displayName: 'SSO User',
        role: 'lasare',
        departmentId: null,
        passwordHash: '',
        identity,
      });
      expect(await store.users.findByIdentity(identity)).toMatchObject({ id: created.id, sso: true });
      expect(await store.users.findByIdentity({ ...identity, issuer: 'https://other.example' })).toBeNull();
      expect((await store.users.findByUsername('contract-user'))?.sso).toBe(false);
      // One user per identity.
      await expect(
        store.users.create({ ...created, username: 'sso-user-2', passwordHash: '', identity }),
      ).rejects.toThrow();

      await store.departments.upsert([{ id: 'hr', number: '8.1.4', name: 'HR avdelningen' }]);
      await store.ssoGroups.save({ groupId: 'g2', label: '', role: 'lasare', departmentId: null });
      await store.ssoGroups.save({ groupId: 'g1', label: 'HR', role: 'kommunchef', departmentId: null });
      await store.ssoGroups.save({ groupId: 'g1', label: 'HR', role: 'avdelningschef', departmentId: 'hr' });
      expect(await store.ssoGroups.list()).toEqual([
        { groupId: 'g1', label: 'HR', role: 'avdelningschef', departmentId: 'hr' },
        { groupId: 'g2', label: '', role: 'lasare', departmentId: null },
      ]);
      expect(await store.ssoGroups.remove('g2')).toBe(true);
      expect(await store.ssoGroups.remove('g2')).toBe(false);
      await expect(
        store.ssoGroups.save({ groupId: 'g3', label: '', role: 'avdelningschef', departmentId: 'no-such' }),
      ).rejects.toThrow();
      expect((await store.ssoGroups.list()).map((mapping) => mapping.groupId)).toEqual(['g1']);
    });

    it('stores sessions by token hash, and deletes expired ones', async () => {
      const user = await store.users.create({
        username: 'session-user',
        displayName: 'S',
        role: 'lasare',
        departmentId: null,
        passwordHash: 'x',
      });
      const expiresAt = new Date(Date.now() + 60_000);
      await store.sessions.create('hash-live', { userId: user.id, expiresAt });
      await store.sessions.create('hash-old', { userId: user.id, expiresAt: new Date(Date.now() - 1000) });
      expect((await store.sessions.find('hash-live'))?.expiresAt.getTime()).toBe(expiresAt.getTime());
      expect(await store.sessions.deleteExpired(new Date())).toBeGreaterThanOrEqual(1);
      expect(await store.sessions.find('hash-old')).toBeNull();
      await store.sessions.delete('hash-live');
      expect(await store.sessions.find('hash-live')).toBeNull();
    });

    it('lists departments in section order', async () => {
      await store.departments.upsert([
        { id: 'naringsliv', number: '8.1.10', name: 'Näringsliv' },
        { id: 'mark-exploatering', number: '8.1.2', name: 'Mark och exploatering' },
      ]);
      const numbers = (await store.departments.list()).map((department) => department.number);
      expect(numbers.indexOf('8.1.2')).toBeLessThan(numbers.indexOf('8.1.10'));
    });

    it('creates, renames, renumbers, archives and restores a department', async () => {
      expect(await store.departments.create({ id: 'kultur', number: '8.1.20', name: 'Kultur' })).toBe(true);
      // An id is never taken twice, and the first one is left as it was.
      expect(await store.departments.create({ id: 'kultur', number: '8.1.21', name: 'Annan' })).toBe(false);
      const find = async (id: string) => (await store.departments.list()).find((d) => d.id === id);
      expect(await find('kultur')).toEqual({
        id: 'kultur',
        number: '8.1.20',
        name: 'Kultur',
        archived: false,
        archivedAt: null,
      });
      expect(
        await store.departments.update('kultur', { name: 'Kultur och fritid', number: '8.1.22' }),
      ).toEqual({
        id: 'kultur',
        number: '8.1.22',
        name: 'Kultur och fritid',
        archived: false,
        archivedAt: null,
      });
      const archived = await store.departments.update('kultur', { archived: true });
      expect(archived?.archived).toBe(true);
      expect(Number.isNaN(Date.parse(archived?.archivedAt ?? ''))).toBe(false);
      // Archiving again keeps the first time; the list shows archived ones too.
      expect((await store.departments.update('kultur', { archived: true }))?.archivedAt).toBe(
        archived?.archivedAt,
      );
      expect(await find('kultur')).toEqual(archived);
      // The seed's upsert leaves archiving alone.
      await store.departments.upsert([{ id: 'kultur', number: '8.1.22', name: 'Kultur och fritid' }]);
      expect((await find('kultur'))?.archived).toBe(true);
      expect(await store.departments.update('kultur', { archived: false })).toMatchObject({
        archived: false,
        archivedAt: null,
      });
      expect(await store.departments.update('no-such-department', { name: 'X' })).toBeNull();
      expect(await store.departments.update('no-such-department', {})).toBeNull();
    });

    it('never gives two active departments one number; an archived one may share it', async () => {
      await store.departments.create({ id: 'nummer-a', number: '8.1.40', name: 'A' });
      await expect(store.departments.create({ id: 'nummer-b', number: '8.1.40', name: 'B' })).rejects.toThrow(
        DepartmentNumberTakenError,
      );
      await store.departments.create({ id: 'nummer-b', number: '8.1.41', name: 'B' });
      await expect(store.departments.update('nummer-b', { number: '8.1.40' })).rejects.toThrow(
        DepartmentNumberTakenError,
      );
      await store.departments.update('nummer-a', { archived: true });
      expect(await store.departments.update('nummer-b', { number: '8.1.40' })).toMatchObject({
        number: '8.1.40',
      });
      await expect(store.departments.update('nummer-a', { archived: false })).rejects.toThrow(
        DepartmentNumberTakenError,
      );
      expect((await store.departments.list()).find((d) => d.id === 'nummer-a')?.archived).toBe(true);
    });

    it('keeps one row of workspace settings', async () => {
      expect(await store.workspace.get()).toBeNull();
      await store.workspace.save({ municipality: 'Ale kommun', koladaMunicipalityId: '1440', demo: true });
      expect(await store.workspace.get()).toEqual({
        municipality: 'Ale kommun',
        koladaMunicipalityId: '1440',
        demo: true,
      });
      await store.workspace.save({
        municipality: 'Lerums kommun',
        koladaMunicipalityId: '1441',
        demo: false,
      });
      expect(await store.workspace.get()).toEqual({
        municipality: 'Lerums kommun',
        koladaMunicipalityId: '1441',
        demo: false,
      });
    });

    it('keeps a reporting calendar per year, the default where none is stored, and refuses invalid ones', async () => {
      expect(await store.calendars.isStored(2031)).toBe(false);
      expect(await store.calendars.get(2031)).toEqual(defaultReportingCalendar(2031));
      const calendar = {
        year: 2031,
        periods: ['2031-01', '2031-T1', '2031-VB'],
        rule: { workingDayOfFollowingMonth: 8 },
        overrides: { '2031-T1': '2031-05-20' },
      };
      await store.calendars.save(calendar);
      expect(await store.calendars.isStored(2031)).toBe(true);
      expect(await store.calendars.get(2031)).toEqual(calendar);
      await store.calendars.save({ ...calendar, overrides: {} });
      expect((await store.calendars.get(2031)).overrides).toEqual({});
      // Another year is untouched.
      expect(await store.calendars.get(2032)).toEqual(defaultReportingCalendar(2032));
      // A deadline before the period ends is refused and nothing stored changes.
      await expect(
        store.calendars.save({ ...calendar, overrides: { '2031-01': '2031-01-15' } }),
      ).rejects.toThrow(/before the period ends/);
      expect((await store.calendars.get(2031)).overrides).toEqual({});
    });

    // The single sign-on user logic (auth/ssoUsers.ts) over each store's SQL.
    describe('single sign-on users', () => {
      const ended: EndedSessions[] = [];
      let sessions: SessionService;
      const person = (groups: string[], subject = 'sub-anna'): SsoPerson => ({
        identity: { issuer: 'https://idp.ale.se', subject },
        displayName: 'Anna Andersson',
        preferredUsername: 'Anna.Andersson@ale.se',
        email: 'anna.andersson@ale.se',
        groups,
        groupsOverage: false,
      });
      const anna = async () => {
        const found = await store.users.findByIdentity(person([]).identity);
        if (!found) throw new Error('no single sign-on user');
        return found;
      };
      beforeAll(async () => {
        sessions = new SessionService(store, { ttlMs: 60_000 });
        sessions.onEnded((event) => ended.push(event));
        await store.departments.upsert([{ id: 'hr', number: '8.1.4', name: 'HR avdelningen' }]);
        await store.ssoGroups.save({
          groupId: 'hr-chefer',
          label: '',
          role: 'avdelningschef',
          departmentId: 'hr',
        });
      });

      it('is created at the first sign-in with the mapped role, and found again after', async () => {
        const before = await store.users.count();
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
        expect(await store.users.count()).toBe(before + 1);
        // No password matches a single sign-on user's.
        expect((await store.users.findByUsername('anna.andersson@ale.se'))?.passwordHash).toBe('');
      });

      it('gets a free username when another user has the name', async () => {
        const other = await ssoUser(store, sessions, person(['hr-chefer'], 'sub-other'));
        expect(other.ok && other.user.username).toBe('anna.andersson@ale.se-2');
      });

      it('gets the role its groups map to at each sign-in; a change ends its other sessions', async () => {
        const user = await anna();
        await sessions.start(user);
        await store.ssoGroups.save({ groupId: 'ledning', label: '', role: 'kommunchef', departmentId: null });
        ended.length = 0;
        const changed = await ssoUser(store, sessions, person(['ledning', 'hr-chefer']));
        expect(changed).toMatchObject({ ok: true, user: { role: 'kommunchef', departmentId: null } });
        expect(ended).toEqual([{ userId: user.id, reason: 'role-changed' }]);
        const audit = await store.audit.forDocument('user:anna.andersson@ale.se', ['user-changed']);
        expect(audit.at(-1)?.detail).toBe('single sign-on: avdelningschef hr → kommunchef (group ledning)');
      });

      it('is refused when no group maps to a role, and its sessions end', async () => {
        const user = await anna();
        await sessions.start(user);
        expect(await ssoUser(store, sessions, person(['alla']))).toEqual({
          ok: false,
          reason: 'no-mapped-group',
        });
        expect(await store.sessions.deleteForUser(user.id)).toBe(0);
        const failed = await store.audit.forDocument('user:anna.andersson@ale.se', ['sign-in-failed']);
        expect(failed.at(-1)?.detail).toBe('single sign-on: no group maps to a role (groups: alla)');
      });

      it('is refused when an administrator disabled it, whatever its groups', async () => {
        await store.users.update((await anna()).id, { disabled: true });
        expect(await ssoUser(store, sessions, person(['hr-chefer']))).toEqual({
          ok: false,
          reason: 'disabled',
        });
      });
    });
  });
}
