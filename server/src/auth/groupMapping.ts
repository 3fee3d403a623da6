/**
 * From an identity provider's group claim to a Följsam role and department, by the mapping the
 * administrator keeps (store.ssoGroups). Re-derived at every single sign-on, so a change of
 * groups at the provider takes effect at the person's next sign-in.
 */
import type { Role } from '@foljsam/domain';
import type { SsoGroupMapping } from '../store/types';

/** Most access first: a member of several mapped groups gets the first of these roles. */
const ROLE_ORDER: readonly Role[] = ['admin', 'kommunchef', 'avdelningschef', 'lasare'];

/**
 * The groups a claim lists. `claimName` may be a dotted path (`realm_access.roles`) for
 * providers that nest it. A single string counts as one group; anything else as none.
 */
export function groupsOf(claims: Readonly<Record<string, unknown>>, claimName: string): string[] {
  let value: unknown = claims[claimName];
  if (value === undefined && claimName.includes('.')) {
    value = claimName
      .split('.')
      .reduce<unknown>(
        (node, key) =>
          node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
        claims,
      );
  }
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((group): group is string => typeof group === 'string');
}

/**
 * Whether Entra ID left the groups out because the person is in too many (the "overage": the ID
 * token then names a Graph query in `_claim_names` instead of listing them).
 */
export function groupsOverage(claims: Readonly<Record<string, unknown>>, claimName: string): boolean {
  const names = claims._claim_names;
  return names !== null && typeof names === 'object' && claimName in names;
}

/** A role and department from the mapping, and the group that gave them. */
export interface MappedAccess {
  role: Role;
  departmentId: string | null;
  groupId: string;
}

/**
 * The access `groups` give: the mapped group with the most access (admin before kommunchef
 * before avdelningschef before läsare); between groups giving the same role, the first by group
 * id. Null when no group is mapped: the person is refused.
 */
export function accessFromGroups(
  groups: readonly string[],
  mappings: readonly SsoGroupMapping[],
): MappedAccess | null {
  const member = new Set(groups);
  const matching = mappings
    .filter((mapping) => member.has(mapping.groupId))
    .sort(
      (a, b) =>
        ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
        (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0),
    );
  const best = matching[0];
  if (!best) return null;
  return {
    role: best.role,
    departmentId: best.role === 'avdelningschef' ? best.departmentId : null,
    groupId: best.groupId,
  };
}
