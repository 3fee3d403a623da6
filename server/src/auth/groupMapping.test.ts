import { describe, expect, it } from 'vitest';
import type { SsoGroupMapping } from '../store/types';
import { accessFromGroups, groupsOf, groupsOverage } from './groupMapping';

const mappings: SsoGroupMapping[] = [
  { groupId: 'g-lasare', label: '', role: 'lasare', departmentId: null },
  { groupId: 'g-hr', label: 'HR-chefer', role: 'avdelningschef', departmentId: 'hr' },
  { groupId: 'g-ekonomi', label: '', role: 'avdelningschef', departmentId: 'ekonomi' },
  { groupId: 'g-admin', label: '', role: 'admin', departmentId: null },
];

describe('groupsOf', () => {
  it('reads a list, a single string, a nested claim; anything else is no groups', () => {
    expect(groupsOf({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsOf({ groups: 'a' }, 'groups')).toEqual(['a']);
    expect(groupsOf({ realm_access: { roles: ['x'] } }, 'realm_access.roles')).toEqual(['x']);
    expect(groupsOf({ groups: { a: true } }, 'groups')).toEqual([]);
    expect(groupsOf({}, 'groups')).toEqual([]);
  });

  it("notices Entra's overage, where the groups are left out", () => {
    const claims = {
      _claim_names: { groups: 'src1' },
      _claim_sources: { src1: { endpoint: 'https://graph' } },
    };
    expect(groupsOverage(claims, 'groups')).toBe(true);
    expect(groupsOverage({ groups: ['a'] }, 'groups')).toBe(false);
  });
});

describe('accessFromGroups', () => {
  it('is null when no group is mapped', () => {
    expect(accessFromGroups([], mappings)).toBeNull();
    expect(accessFromGroups(['unknown'], mappings)).toBeNull();
    expect(accessFromGroups(['g-admin'], [])).toBeNull();
  });

  it('gives the role and department of the mapped group', () => {
    expect(accessFromGroups(['unknown', 'g-hr'], mappings)).toEqual({
      role: 'avdelningschef',
      departmentId: 'hr',
      groupId: 'g-hr',
    });
    expect(accessFromGroups(['g-lasare'], mappings)).toEqual({
      role: 'lasare',
      departmentId: null,
      groupId: 'g-lasare',
    });
  });

  it('takes the mapped group with the most access, then the first group id', () => {
    expect(accessFromGroups(['g-lasare', 'g-hr', 'g-admin'], mappings)?.role).toBe('admin');
    expect(accessFromGroups(['g-lasare', 'g-hr'], mappings)?.role).toBe('avdelningschef');
    // Two department head groups: the first by id, whatever order the claim lists them in.
    expect(accessFromGroups(['g-hr', 'g-ekonomi'], mappings)?.departmentId).toBe('ekonomi');
    expect(accessFromGroups(['g-ekonomi', 'g-hr'], mappings)?.departmentId).toBe('ekonomi');
  });

  it('never gives a department to a role without one', () => {
    const odd: SsoGroupMapping[] = [{ groupId: 'g', label: '', role: 'kommunchef', departmentId: 'hr' }];
    expect(accessFromGroups(['g'], odd)).toEqual({ role: 'kommunchef', departmentId: null, groupId: 'g' });
  });
});
