import type { Practice } from '@itsm/contracts';

/** The roles of DOMAIN.md. `admin` may do anything any other role may. */
export const ROLES = [
  'requester',
  'agent',
  'incident_manager',
  'problem_manager',
  'change_manager',
  'cab_member',
  'configuration_manager',
  'catalog_manager',
  'admin',
] as const;
/**
 * Roles only an integration holds, each for one narrow job: `deployer` asks the change service's
 * deployment gate and reports the outcome, nothing else. Not in ROLES, so that no endpoint open to
 * "anybody signed in" opens to them.
 */
export const INTEGRATION_ROLES = ['deployer'] as const;
export type Role = (typeof ROLES)[number] | (typeof INTEGRATION_ROLES)[number];

export function isRole(value: string): value is Role {
  return ([...ROLES, ...INTEGRATION_ROLES] as readonly string[]).includes(value);
}

/** The manager role of each practice: it sees and changes every record of that practice. */
export const PRACTICE_MANAGER: Readonly<Record<Practice, Role>> = {
  incident: 'incident_manager',
  problem: 'problem_manager',
  change: 'change_manager',
  configuration: 'configuration_manager',
  catalog: 'catalog_manager',
};
