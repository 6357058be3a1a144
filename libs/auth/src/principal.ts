import type { Role } from './roles';

/** The verified caller of a request: a person, or an integration using its own client credentials. */
export interface Principal {
  /** The user id (or, for an integration, its client id) from the token. */
  id: string;
  kind: 'user' | 'client';
  name?: string;
  roles: ReadonlySet<Role>;
  groups: ReadonlySet<string>;
}

/** Whether the caller holds one of the roles; `admin` holds them all, but not one of none. */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  if (roles.length === 0) return false;
  return principal.roles.has('admin') || roles.some((role) => principal.roles.has(role));
}

export function isMemberOf(principal: Principal, group: string | null | undefined): boolean {
  return group != null && principal.groups.has(group);
}
