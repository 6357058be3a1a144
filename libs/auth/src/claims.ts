import { INTEGRATION_ROLES, isRole, type Role } from './roles';
import type { Principal } from './principal';

/**
 * Where an identity provider puts the caller's id, name, roles and groups. Each is a claim name or
 * a dotted path into nested claims (Keycloak: `realm_access.roles`).
 */
export interface ClaimMapping {
  userId: string;
  name: string;
  roles: string;
  groups: string;
  clientId: string;
  /**
   * Provider role or group names to platform roles, e.g. `ITSM.Agent` → `agent` (Entra app roles) or
   * `itsm-admins` → `admin` (an Okta group). A role claim that already names a platform role needs none.
   */
  roleMap: Readonly<Record<string, Role>>;
  /** Take only role names the role map maps (and never a claim value as it is). */
  strictRoleMap?: boolean;
  /** Roles every signed-in person has, e.g. `requester` (any employee may raise an incident). */
  defaultRoles: readonly Role[];
}

export const DEFAULT_CLAIM_MAPPING: ClaimMapping = {
  userId: 'sub',
  name: 'name',
  roles: 'roles',
  groups: 'groups',
  clientId: 'client_id',
  roleMap: {},
  defaultRoles: ['requester'],
};

export class ClaimsError extends Error {}

/** The principal a verified token describes; unknown role names are ignored, never guessed. */
export function principalFromClaims(
  claims: Readonly<Record<string, unknown>>,
  mapping: ClaimMapping,
): Principal {
  const id = claimAt(claims, mapping.userId);
  if (typeof id !== 'string' || id === '') {
    throw new ClaimsError(`the token has no "${mapping.userId}" claim naming the caller`);
  }
  const groups = stringsAt(claims, mapping.groups);
  const granted = [
    ...stringsAt(claims, mapping.roles).map(
      (name) => mapping.roleMap[name] ?? (mapping.strictRoleMap ? '' : name),
    ),
    ...groups.map((group) => mapping.roleMap[group] ?? ''),
  ].filter(isRole);
  // An integration role marks an integration even when the provider cannot say so from the token
  // (a Keycloak service account has a subject of its own): it must not gain a person's default roles.
  const kind =
    isClientToken(claims, id, mapping) || granted.some(isIntegrationRole) ? 'client' : 'user';
  const name = claimAt(claims, mapping.name);
  return {
    id,
    kind,
    ...(typeof name === 'string' ? { name } : {}),
    roles: new Set([...granted, ...(kind === 'user' ? mapping.defaultRoles : [])]),
    groups: new Set(groups),
  };
}

/**
 * Whether an integration acts as itself (client credentials) rather than for a person: its subject is
 * its client id (oidc-provider, Okta), or the provider says so (Entra `idtyp: app`, Auth0 `gty`).
 * Keycloak service accounts have a subject of their own: give them their roles in the role claim (an
 * integration role such as `deployer` marks them as integrations; see principalFromClaims).
 */
function isClientToken(
  claims: Readonly<Record<string, unknown>>,
  id: string,
  mapping: ClaimMapping,
): boolean {
  return (
    claimAt(claims, mapping.clientId) === id ||
    claims.idtyp === 'app' ||
    claims.gty === 'client-credentials'
  );
}

function isIntegrationRole(role: Role): boolean {
  return (INTEGRATION_ROLES as readonly Role[]).includes(role);
}

function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined,
      claims,
    );
}

/** A claim holding a list, or a single string, or (Okta, some proxies) a space-separated string. */
function stringsAt(claims: Readonly<Record<string, unknown>>, path: string): string[] {
  const value = claimAt(claims, path);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}
